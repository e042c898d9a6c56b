// Ranking rules of src/retrieval/search.ts, on a small committee hearing written for these tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type OpenedEngine } from "../src/engine.js";
import { DEFAULT_PARAMS, similarityStanding } from "../src/retrieval/search.js";
import { isCourtesy } from "../src/text/courtesy.js";

const HEARING = [
  { speaker: "Lynne Price AM", text: "Good morning and welcome. Our first session today is on secondary schools and the support they receive." },
  {
    speaker: "Sara Gwyn AM",
    text: "Teaching quality in secondary schools has barely moved. Many schools in the bottom layer are in special measures. Is that not a serious concern?",
  },
  {
    speaker: "Meirion Rhys",
    text: "Some schools in the bottom layer need only light support, while others need intensive help from the regional consortia. We are piloting a scheme that pairs them with stronger schools.",
  },
  { speaker: "Lynne Price AM", text: "Thank you. Dafydd." },
  { speaker: "Dafydd Hughes AM", text: "What is the Flying Start scheme doing for the youngest children?" },
  { speaker: "Huw Jenkins", text: "Flying Start gives families in disadvantaged areas free childcare and health visitor support from the age of two." },
  { speaker: "Dafydd Hughes AM", text: "And what will the impact on children be when the childcare offer widens? Will children lose out on early education?" },
  {
    speaker: "Huw Jenkins",
    text: "The impact on children matters most to us. We expect children to benefit from the start, and we will measure the impact on children in every evaluation, so that children in every county gain from the offer.",
  },
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
let tmp: string;
const engines: OpenedEngine[] = [];

async function engineOn(corpusDir: string, params = {}): Promise<OpenedEngine> {
  const engine = await openEngine({ corpusDir, indexDir: mkdtempSync(path.join(tmp, "index-")), embedding: null, warn: () => {}, params });
  engines.push(engine);
  return engine;
}

let hearing: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-search-"));
  hearing = path.join(tmp, "corpus");
  mkdirSync(hearing);
  writeFileSync(path.join(hearing, "2019-11-06-schools-committee.json"), JSON.stringify(HEARING));
});

afterAll(() => {
  for (const engine of engines) engine.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("questions that name a speaker", () => {
  it("quote the named member's own question rather than the answer it got", async () => {
    const engine = await engineOn(hearing);
    const named = await engine.ask("What was Sara Gwyn's concern about the schools in the bottom layer?");
    expect(named.hits[0]).toMatchObject({ speaker: "Sara Gwyn AM", source: { turn: 1 } });
    // Without the name, the matching question stands for the official answer it got.
    const unnamed = await engine.ask("What will be done about schools in the bottom layer?");
    expect(unnamed.hits[0]).toMatchObject({ speaker: "Meirion Rhys", source: { turn: 2 } });
  });
});

describe("a scene-setting clause", () => {
  const question = "What did Huw Jenkins think about Flying Start when talking about the impact on children?";

  it("says where to look, while the rest says what is asked", async () => {
    const weighted = await engineOn(hearing);
    expect((await weighted.ask(question)).hits[0]).toMatchObject({ speaker: "Huw Jenkins", source: { turn: 5 } });
    // Counted in full, the clause's words ("impact", "children", repeated in turn 7) would win.
    const unweighted = await engineOn(hearing, { ...DEFAULT_PARAMS, sceneWeight: 1 });
    expect((await unweighted.ask(question)).hits[0]).toMatchObject({ speaker: "Huw Jenkins", source: { turn: 7 } });
  });
});

describe("whether a question is answered", () => {
  it("does not depend on how many hits are asked for", async () => {
    const engine = await engineOn(path.join(root, "test", "fixtures", "discord-corpus"));
    for (const question of ["Will water prices go up?", "How many homes were flooded?", "What is the recipe for apple pie?", "Who won the football?", "water"]) {
      const found = new Set<boolean>();
      for (const top of [1, 2, 3, 4, 5, 10]) found.add((await engine.ask(question, { top })).found);
      expect(found.size, question).toBe(1);
    }
  });
});

describe("asking for fewer hits", () => {
  it("gives the first hits of a longer list: an unrelated hit makes way for a related one further down", async () => {
    const engine = await engineOn(path.join(root, "test", "fixtures", "discord-corpus"));
    const questions = [
      "Is there lead in the drinking water at schools?",
      "When will the flood barrier be finished?",
      "What does the capital reserve receive?",
      "Will water prices go up?",
      "How many homes were flooded?",
    ];
    for (const question of questions) {
      const long = await engine.ask(question, { top: 10 });
      expect(long.found, question).toBe(true);
      for (const top of [2, 3, 4]) {
        const short = await engine.ask(question, { top });
        expect(short.hits.map((h) => h.passageId), `${question} (top ${top})`).toEqual(long.hits.slice(0, top).map((h) => h.passageId));
      }
    }
  });
});

describe("courtesy turns", () => {
  it("are thanks, greetings and calling on someone, not short answers", () => {
    for (const text of ["Thank you all for coming.", "Good afternoon, everyone.", "Thanks, Jen.", "Trevor Hunnicutt.", "Yes, go ahead."]) {
      expect(isCourtesy(text), text).toBe(true);
    }
    for (const text of ["Absolutely.", "No meals.", "Correct.", "Thank you. The rate is 95%.", "Thank you for your question?"]) {
      expect(isCourtesy(text), text).toBe(false);
    }
  });

  it("are never quoted as answers", async () => {
    const engine = await engineOn(hearing);
    const answer = await engine.ask("Thank you Dafydd");
    expect(answer.hits.map((h) => h.passage)).not.toContain("Thank you. Dafydd.");
  });
});

describe("a question that names its briefing by date", () => {
  it("finds the answer in that briefing first, and elsewhere without the date", async () => {
    const dir = path.join(tmp, "dated");
    mkdirSync(dir);
    const briefing = (date: string, answer: string) =>
      `---\ntitle: "Water briefing"\ndate: ${date}\n---\nMS. LANE: Good morning.\n\nQ: What is happening with the reservoir levels?\n\nMS. LANE: ${answer}\n`;
    writeFileSync(path.join(dir, "2021-03-02-water.txt"), briefing("2021-03-02", "The reservoir levels are low, at forty percent, and falling."));
    writeFileSync(path.join(dir, "2021-09-14-water.txt"), briefing("2021-09-14", "The reservoir levels are back to normal after the rains."));
    const engine = await engineOn(dir);
    const march = await engine.ask("What did officials say about reservoir levels in March 2021?");
    expect(march.hits[0]!.source.transcript).toBe("2021-03-02-water.txt");
    const september = await engine.ask("What did officials say about reservoir levels on September 14, 2021?");
    expect(september.hits[0]!.source.transcript).toBe("2021-09-14-water.txt");
  });
});

describe("words the briefings never use", () => {
  // Sixty short exchanges (120 passages: enough for a word's absence to mean something) where "work" and "leave" are
  // common words and "buses" a rare one; never "photosynthesis", "bring" or "back".
  const SUBJECTS = (
    "harbour tunnel ferry bridge airport railway reservoir hospital school library museum stadium market park road " +
    "canal dam pier terminal depot clinic college theatre garden quay station runway plant lighthouse warehouse"
  ).split(" ");
  let corpus: string;
  beforeAll(() => {
    corpus = path.join(tmp, "absence");
    mkdirSync(corpus);
    const turns = SUBJECTS.flatMap((subject, i) => [
      `Q: What is the schedule for the ${subject} project?`,
      `MS. LANE: Work on the ${subject} project is in phase ${(i % 4) + 1} and will finish in ${2024 + (i % 5)}.`,
      `Q: How much will the ${subject} cost?`,
      `MS. LANE: The ${subject} budget is ${10 + i} million; we leave the rest to the region.`,
    ]);
    turns.push("Q: What about staff?", "MS. LANE: Staff who work through the holidays will get paid leave, and shuttle buses will run to the depot.");
    writeFileSync(path.join(corpus, "2024-02-01-works-briefing.txt"), `---\ntitle: "Public works briefing"\ndate: 2024-02-01\n---\n${turns.join("\n\n")}\n`);
  });

  it("refuse a question whose distinctive words they never use, though its other words occur", async () => {
    const question = "How does photosynthesis work in leaves?";
    expect((await (await engineOn(corpus)).ask(question)).found).toBe(false);
    // The rule decides it: without it, "work" and "leave" would answer it.
    expect((await (await engineOn(corpus, { maxUnusedShare: 2 })).ask(question)).found).toBe(true);
    // And it holds only in an index large enough for an absence to mean something.
    expect((await (await engineOn(corpus, { absenceMinPassages: 1e9 })).ask(question)).found).toBe(true);
  });

  it("leave everyday words out of the count: an unused \"pie\" does not dilute an unused \"recipe\"", async () => {
    // "recipe" is unused and rare anywhere; "pie" is unused too, but a common word (Spanish for "foot"): no evidence
    // either way. "shuttle" alone is not an answer to a question about recipes.
    expect((await (await engineOn(corpus)).ask("What is the recipe for shuttle pie?")).found).toBe(false);
  });

  it("are not that evidence when they are everyday words", async () => {
    const answer = await (await engineOn(corpus)).ask("Could the shuttle buses bring them back?");
    expect(answer.found).toBe(true);
    expect(answer.hits[0]!.passage).toContain("shuttle buses");
  });
});

describe("a spelled-out acronym", () => {
  // The briefing defines SPR; the question spells it out and asks about the one word only one answer has.
  const TURNS = [
    "MR. DALE: Today the Department of Energy announces a sale from the Strategic Petroleum Reserve (SPR).",
    "Q: How much will the Strategic Petroleum Reserve release this winter, and is the Strategic Petroleum Reserve release on schedule?",
    "MR. DALE: The Strategic Petroleum Reserve release this winter is 30 million barrels, and the Strategic Petroleum Reserve release is on schedule.",
    "Q: The reserve was built for emergencies. Why use it now?",
    "MS. KERR: This is not technically an emergency release. The reserve release is tailored to the market.",
    "Q: What about gas prices?",
    "MS. KERR: Prices at the pump have come down for three weeks.",
  ];
  let corpus: string;
  beforeAll(() => {
    corpus = path.join(tmp, "acronym");
    mkdirSync(corpus);
    writeFileSync(path.join(corpus, "2024-03-01-energy-briefing.txt"), `---\ntitle: "Energy briefing"\ndate: 2024-03-01\n---\n${TURNS.join("\n\n")}\n`);
  });

  it("counts as the one concept it is, so the question's other words decide the answer", async () => {
    const answer = await (await engineOn(corpus)).ask("Is the Strategic Petroleum Reserve release an emergency release?");
    expect(answer.hits[0]).toMatchObject({ speaker: "MS. KERR" });
    expect(answer.hits[0]!.passage).toContain("not technically an emergency release");
  });
});

describe("the similarity test of hybrid mode", () => {
  it("stands relative to the question's own spread, so it holds for any model's range of cosines", () => {
    const general = [0.1, 0.12, 0.08, 0.15, 0.11, 0.09, 0.13, 0.1];
    const narrow = similarityStanding(general);
    // Another model: every cosine compressed and shifted (0.8 + 0.5 × cosine), the same passages in the same order.
    const shifted = similarityStanding(general.map((c) => 0.8 + 0.5 * c));
    expect(shifted(0.8 + 0.5 * 0.45)).toBeCloseTo(narrow(0.45), 6);
    // A best hit far above the question's usual similarity stands out; one among the crowd does not.
    expect(narrow(0.45)).toBeGreaterThan(DEFAULT_PARAMS.minSimilarityZ);
    expect(narrow(0.14)).toBeLessThan(DEFAULT_PARAMS.minSimilarityZ);
  });
});

describe("askers", () => {
  it("are never quoted as the answer to a question about what the officials said", async () => {
    const dir = path.join(tmp, "askers");
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, "2021-04-01-dam.txt"),
      [
        "---\ntitle: \"Dam briefing\"\ndate: 2021-04-01\n---",
        "MS. LANE: Good morning. The dam repairs begin in June and the reservoir stays open.",
        "Q: When do the dam repairs begin, and will the reservoir close during the dam repairs?",
        "MS. LANE: In June. The reservoir stays open throughout.",
        // The briefing ends on this question: no answer stands for it.
        "Q: And the dam repairs schedule for the spillway: is the spillway schedule public, and who approved the spillway schedule?",
      ].join("\n\n"),
    );
    const engine = await engineOn(dir);
    for (const question of ["What is the spillway schedule for the dam repairs?", "When do the dam repairs begin?"]) {
      const answer = await engine.ask(question, { top: 5 });
      expect(answer.hits.map((h) => h.label), question).not.toContain("Q");
    }
    // Asked about what was asked, the question itself is shown, under its asker.
    const asked = await engine.ask("What did reporters ask about the spillway?");
    expect(asked.kind).toBe("briefing");
    expect(asked.hits.some((h) => h.label === "Q" && h.quote.includes("spillway"))).toBe(true);
  });
});
