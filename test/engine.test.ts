import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeTinyModel, TINY_MODEL } from "../scripts/make-tiny-model.js";
import { InputError } from "../src/engine-api.js";
import { openEngine, type OpenedEngine } from "../src/engine.js";
import { QUOTE_MAX_CHARS, QUOTE_MAX_SENTENCES } from "../src/answer/quote.js";
import { answerAsText } from "../src/present/text.js";
import type { Answer, Hit } from "../src/types.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEED = "2020-03-30-miit-resumption.txt";
const HANSARD = "2020-04-20-covid-committee.txt";
const PORT = "port-authority-briefing.json";
const seedText = readFileSync(path.join(root, "corpus", SEED), "utf8");
const fixture = (name: string) => readFileSync(path.join(root, "test", "fixtures", "transcripts", name));

const XU_KEMIN_ROLE = "Director of the Department of Industrial Policy and Regulations";
const REPORTER = "Shenzhen Satellite TV reporter";
const TITLE = "MIIT press conference on the resumption of manufacturing";

const flat = (text: string) => text.replace(/\s+/g, " ").trim();
/** Sentences counted independently of the engine's segmenter: a full stop, ? or ! before a space, or a paragraph break. */
const sentenceCount = (text: string) => text.split(/(?<=[.!?])\s+(?=\S)|\n\s*\n/).filter((s) => s.trim()).length;

let tmp: string;
let seedEngine: OpenedEngine;
let multiEngine: OpenedEngine;
const info = vi.fn();
const warn = vi.fn();

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-engine-"));
  seedEngine = await openEngine({ corpusDir: path.join(root, "corpus"), indexDir: path.join(tmp, "seed-index"), embedding: null, warn, info });
  const multiCorpus = path.join(tmp, "multi-corpus");
  mkdirSync(multiCorpus);
  writeFileSync(path.join(multiCorpus, SEED), seedText);
  writeFileSync(path.join(multiCorpus, HANSARD), fixture(HANSARD));
  writeFileSync(path.join(multiCorpus, PORT), fixture(PORT));
  multiEngine = await openEngine({ corpusDir: multiCorpus, indexDir: path.join(tmp, "multi-index"), embedding: null, warn });
});

afterAll(() => {
  seedEngine?.close();
  multiEngine?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/**
 * What every hit must be: a verbatim quote from the file, beginning in its passage, which is verbatim from the file;
 * 1 to QUOTE_MAX_SENTENCES sentences, unless a sentence ending in a colon brings what it announces (then within
 * QUOTE_MAX_CHARS, " …" where cut).
 */
function expectVerbatim(hit: Hit, fileText: string) {
  const quote = hit.quote.replace(/ …$/, "");
  expect(quote.length).toBeGreaterThan(0);
  expect(flat(fileText)).toContain(flat(quote));
  expect(flat(fileText)).toContain(flat(hit.passage));
  expect(hit.passage).toContain(quote.slice(0, Math.min(quote.length, 40)));
  expect(sentenceCount(quote)).toBeGreaterThanOrEqual(1);
  if (!/[:：]\s/.test(quote)) expect(sentenceCount(quote)).toBeLessThanOrEqual(QUOTE_MAX_SENTENCES);
  else expect(quote.length).toBeLessThanOrEqual(QUOTE_MAX_CHARS);
}

/** Ranks in order, no passage twice, and each turn's best passage before any turn's second one. */
function expectRanked(answer: Answer) {
  expect(answer.hits.map((h) => h.rank)).toEqual(answer.hits.map((_, i) => i + 1));
  const turns = answer.hits.map((h) => `${h.source.transcript}#${h.source.turn}`);
  const firstRepeat = turns.findIndex((t, i) => turns.indexOf(t) < i);
  if (firstRepeat >= 0) for (const t of turns.slice(firstRepeat)) expect(turns.slice(0, firstRepeat)).toContain(t);
  expect(new Set(answer.hits.map((h) => h.passageId)).size).toBe(answer.hits.length);
}

describe("opening the engine on the seed", () => {
  it("builds the missing index first and says so", () => {
    expect(seedEngine.built).toMatchObject({ transcripts: 1, upToDate: false });
    expect(seedEngine.mode).toBe("lexical");
    expect(info.mock.calls.map((c) => c[0]).join("\n")).toMatch(/No index in .* building it/);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("questions about the seed briefing", () => {
  const QUESTIONS: { question: string; quote: string[] }[] = [
    { question: "How many Foxconn workers are back at work?", quote: ["810,000"] },
    { question: "How many people are back at work at Foxconn?", quote: ["Foxconn’s 27 major factories", "810,000"] },
    { question: "What epidemic prevention supplies does the ministry help enterprises with?", quote: ["masks", "thermometers"] },
    { question: "What is the reinstatement rate of the electronic information industry?", quote: ["95%"] },
    { question: "What three measures has the ministry adopted?", quote: ["three measures"] },
    { question: "Has Huawei resumed work?", quote: ["Huawei has fully resumed work"] },
    { question: "How are employees returning to work transported?", quote: ["buses"] },
    { question: "What did Xu Kemin say about masks?", quote: ["masks"] },
  ];

  it.each(QUESTIONS)("$question", async ({ question, quote }) => {
    const answer = await seedEngine.ask(question);
    expect(answer).toMatchObject({ question, found: true, mode: "lexical" });
    expect(answer.hits.length).toBeGreaterThanOrEqual(1);
    expect(answer.hits.length).toBeLessThanOrEqual(3);
    expectRanked(answer);
    const [top] = answer.hits;
    for (const words of quote) expect(top!.quote).toContain(words);
    expect(top).toMatchObject({
      rank: 1,
      speaker: "Xu Kemin",
      role: XU_KEMIN_ROLE,
      inResponseTo: { speaker: REPORTER },
      source: { transcript: SEED, title: TITLE, date: "2020-03-30", turn: 1, url: null },
    });
    expect(top!.inResponseTo!.text).toMatch(/^My question is about electronics companies\./);
    expect(top!.passageId).toMatch(new RegExp(`^${SEED.replace(/\./g, "\\.")}#1\\.\\d+$`));
    for (const hit of answer.hits) expectVerbatim(hit, seedText);
  });

  it("the three measures: the passage goes on with the first of them", async () => {
    const [top] = (await seedEngine.ask("What three measures has the ministry adopted?")).hits;
    expect(top!.passage).toContain("In response, our ministry has adopted three measures:");
    expect(top!.passage).toContain("The first is to provide precise services for enterprises.");
  });

  it("a misspelt question is searched as the briefings' words, and says so", async () => {
    const answer = await seedEngine.ask("whats the resumpion rate for electroncs");
    expect(answer).toMatchObject({ found: true, correctedQuestion: "whats the resumption rate for electronics" });
    expect(answer.hits[0]!.quote).toContain("95%");
    expect(answerAsText(answer)).toMatch(/^Showing answers for: whats the resumption rate for electronics\n1\. /);
    // Spelled right, nothing is corrected.
    expect((await seedEngine.ask("What is the resumption rate for electronics?")).correctedQuestion).toBeUndefined();
  });

  it("SMEs and small and medium enterprises meet; the announcement is quoted as the announcement", async () => {
    const answer = await seedEngine.ask("How did small and medium enterprises resume production?");
    expect(answer.found).toBe(true);
    expect(answer.hits.some((h) => h.quote.includes("SMEs"))).toBe(true);
    const announced = answer.hits.find((h) => h.source.turn === -1);
    if (announced) expect(announced).toMatchObject({ speaker: "Announcement", inResponseTo: null });
    expect(answerAsText(await seedEngine.ask("When will the press conference be held?"))).toContain("(announcement)");
  });

  it("a quote ending in a colon brings what it announces, cut with … at the length limit", async () => {
    const [top] = (await seedEngine.ask("What measures did the ministry adopt?")).hits;
    expect(top!.quote).toMatch(/^In response, our ministry has adopted three measures:\s+The first is to provide precise services/);
    expect(top!.quote).toContain("The second is to promote the resumption of production");
    expect(top!.quote.length).toBeLessThanOrEqual(QUOTE_MAX_CHARS + 2);
    expect(top!.quote).toMatch(/ …$/);
    expectVerbatim(top!, seedText);
  });

  it("returns at most --top hits", async () => {
    const one = await seedEngine.ask("What is the reinstatement rate of the electronic information industry?", { top: 1 });
    expect(one.hits).toHaveLength(1);
    const five = await seedEngine.ask("What is the reinstatement rate of the electronic information industry?", { top: 5 });
    expect(five.hits.length).toBeGreaterThan(1);
    expect(five.hits.length).toBeLessThanOrEqual(5);
    expect(five.hits[0]).toEqual(one.hits[0]);
  });

  const OUT_OF_SCOPE = [
    "What is the recipe for apple pie?",
    "Who won the 2018 football world cup?",
    "How tall is Mount Everest?",
    "What is the capital of Australia?",
    "What is the weather forecast for tomorrow?",
    "How many goals did Messi score last season?",
    "How much does a pizza cost in Rome?",
  ];

  it.each(OUT_OF_SCOPE)("declines: %s", async (question) => {
    const answer = await seedEngine.ask(question);
    expect(answer).toEqual({ question, found: false, kind: "quote", hits: [], mode: "lexical" });
  });

  it("an empty question is not found, and does not throw", async () => {
    expect(await seedEngine.ask("")).toEqual({ question: "", found: false, kind: "quote", hits: [], mode: "lexical" });
    expect(await seedEngine.ask("   \n ")).toMatchObject({ found: false, hits: [] });
  });
});

describe("filters", () => {
  it("--speaker keeps one speaker's words (case-insensitive, label or name), shorter labels included", async () => {
    const all = await multiEngine.ask("Will seniors and workers get paid sick leave and payments?");
    expect(all.found).toBe(true);
    const trudeau = await multiEngine.ask("Will seniors and workers get paid sick leave and payments?", { speaker: "trudeau" });
    expect(trudeau.found).toBe(true);
    expect(trudeau.hits.length).toBe(2);
    expect(trudeau.hits.map((h) => h.speaker).sort()).toEqual(["Right Hon. Justin Trudeau", "Right Hon. Justin Trudeau (Prime Minister)"]);
    expect(trudeau.hits.every((h) => h.role === "Prime Minister")).toBe(true);
    const xu = await multiEngine.ask("masks", { speaker: "XU KEMIN" });
    expect(xu.hits.length).toBeGreaterThan(0);
    expect(xu.hits.every((h) => h.speaker === "Xu Kemin")).toBe(true);
  });

  it("--transcript keeps one briefing (file name or title, substring)", async () => {
    const question = "How many people are back at work at Foxconn?";
    expect((await multiEngine.ask(question)).hits[0]!.source.transcript).toBe(SEED);
    const byTitle = await multiEngine.ask("Will the government extend the wage subsidy to fish harvesters?", { transcript: "special committee" });
    expect(byTitle.found).toBe(true);
    expect(byTitle.hits.every((h) => h.source.transcript === HANSARD)).toBe(true);
    expect(byTitle.hits[0]).toMatchObject({ speaker: "Hon. Deb Schulte (Minister of Seniors)", role: "Minister of Seniors" });
    const elsewhere = await multiEngine.ask(question, { transcript: "covid-committee" });
    expect(elsewhere.hits.filter((h) => h.source.transcript === SEED)).toEqual([]);
    const port = await multiEngine.ask("What does the dredging programme cost?", { transcript: PORT });
    expect(port.hits[0]).toMatchObject({ speaker: "Ana Moreno", source: { transcript: PORT, date: "2021-07-01" } });
  });

  it("a filter that matches nothing is an InputError with a one-line message", async () => {
    await expect(multiEngine.ask("masks", { speaker: "Nobody Atall" })).rejects.toBeInstanceOf(InputError);
    await expect(multiEngine.ask("masks", { speaker: "Nobody Atall" })).rejects.toThrow(/no speaker matches "Nobody Atall"/);
    const wrongBriefing = multiEngine.ask("masks", { transcript: "no-such-briefing" });
    await expect(wrongBriefing).rejects.toBeInstanceOf(InputError);
    await expect(wrongBriefing).rejects.toThrow(/no briefing matches "no-such-briefing" \(.*2020-03-30-miit-resumption\.txt/);
    expect(() => multiEngine.questions("no-such-briefing")).toThrow(InputError);
  });
});

describe("browsing", () => {
  it("briefings(): newest first, with counts", () => {
    const briefings = multiEngine.briefings();
    expect(briefings.map((b) => [b.meta.id, b.meta.date])).toEqual([
      [PORT, "2021-07-01"],
      [HANSARD, "2020-04-20"],
      [SEED, "2020-03-30"],
    ]);
    expect(seedEngine.briefings()).toEqual([
      {
        meta: expect.objectContaining({ id: SEED, title: TITLE, date: "2020-03-30" }),
        announcement: expect.stringMatching(/^A press conference will be held/),
        turns: 2,
        questions: 1,
        speakers: 2,
      },
    ]);
    expect(briefings[1]).toMatchObject({ turns: 11, questions: 3, speakers: 6 });
  });

  it("briefings(name): the file name or title it is, else those containing it; an InputError when none", () => {
    expect(multiEngine.briefings("committee").map((b) => b.meta.id)).toEqual([HANSARD]);
    expect(multiEngine.briefings(".txt").map((b) => b.meta.id)).toEqual([HANSARD, SEED]);
    expect(multiEngine.briefings(SEED.toUpperCase()).map((b) => b.meta.id)).toEqual([SEED]);
    expect(() => multiEngine.briefings("no such thing")).toThrow(InputError);
  });

  it("briefing(): by file name or title; an InputError naming the briefings when none matches", () => {
    expect(seedEngine.briefing("MIIT press conference").meta.id).toBe(SEED);
    expect(seedEngine.briefing(SEED).turns).toHaveLength(2);
    expect(() => seedEngine.briefing("no such thing")).toThrow(InputError);
    expect(() => seedEngine.briefing("no such thing")).toThrow(`no briefing matches "no such thing" (${SEED})`);
  });

  it("overview(): the panel with each official's part, who else spoke, every question", () => {
    const overview = multiEngine.overview("covid-committee");
    expect(overview.summary).toEqual(multiEngine.briefings().find((b) => b.meta.id === HANSARD));
    expect(overview.questions).toEqual(multiEngine.questions(HANSARD));
    const seed = seedEngine.overview(SEED);
    expect(seed.panel.find((p) => p.name === "Xu Kemin")).toMatchObject({ role: XU_KEMIN_ROLE, spoke: { answers: 1 } });
    expect(seed.panel.filter((p) => p.spoke === null).length).toBe(seed.panel.length - 1);
    expect(seed.others.map((s) => s.name)).toEqual([REPORTER]);
    expect(() => seedEngine.overview("no such thing")).toThrow(InputError);
  });

  it("speakers(): roles and answer counts", () => {
    expect(seedEngine.speakers()).toEqual([
      { transcript: SEED, speaker: REPORTER, name: REPORTER, role: null, answers: 0, turns: 1, generic: true },
      { transcript: SEED, speaker: "Xu Kemin", name: "Xu Kemin", role: XU_KEMIN_ROLE, answers: 1, turns: 1, generic: false },
    ]);
    const hansard = multiEngine.speakers("covid-committee");
    expect(hansard.every((s) => s.transcript === HANSARD)).toBe(true);
    expect(hansard.find((s) => s.name === "Justin Trudeau")).toMatchObject({ role: "Prime Minister", answers: 2, turns: 2 });
    expect(hansard.find((s) => s.name === "The Chair")).toMatchObject({ answers: 0, turns: 3 });
    expect(multiEngine.speakers().length).toBe(2 + hansard.length + 3);
  });

  it("speakersByBriefing(): speakers(), by briefing newest first, with each briefing's questions", () => {
    const groups = multiEngine.speakersByBriefing();
    expect(groups.map((g) => g.summary.meta.id)).toEqual([PORT, HANSARD, SEED]);
    expect(groups.flatMap((g) => g.speakers)).toEqual(expect.arrayContaining(multiEngine.speakers()));
    expect(groups.find((g) => g.summary.meta.id === HANSARD)!.questions).toEqual(multiEngine.questions(HANSARD));
    expect(multiEngine.speakersByBriefing("covid-committee").map((g) => g.summary.meta.id)).toEqual([HANSARD]);
    expect(() => multiEngine.speakersByBriefing("no such thing")).toThrow(InputError);
  });

  it("questions(): every question in order, with who answered", () => {
    expect(seedEngine.questions("miit")).toEqual([
      { transcript: SEED, turn: 0, speaker: REPORTER, text: seedEngine.briefing(SEED).turns[0]!.text, answeredBy: ["Xu Kemin"] },
    ]);
    expect(multiEngine.questions(HANSARD).map((q) => [q.turn, q.answeredBy])).toEqual([
      [1, ["Hon. Deb Schulte (Minister of Seniors)"]],
      [5, ["Right Hon. Justin Trudeau (Prime Minister)"]],
      [9, ["Right Hon. Justin Trudeau"]],
    ]);
  });

  it("answerTo(): the answering passages in order, cited; an InputError for a turn that is not a question", () => {
    const answer = seedEngine.answerTo(SEED, 0)!;
    expect(answer.found).toBe(true);
    expect(answer.question).toBe(seedEngine.briefing(SEED).turns[0]!.text);
    expect(answer.hits.length).toBeGreaterThan(1);
    expect(answer.hits.map((h) => h.passageId)).toEqual(answer.hits.map((_, i) => `${SEED}#1.${i}`));
    expect(flat(answer.hits.map((h) => h.passage).join(" "))).toBe(flat(seedEngine.briefing(SEED).turns[1]!.text));
    for (const hit of answer.hits) {
      expect(hit).toMatchObject({ speaker: "Xu Kemin", role: XU_KEMIN_ROLE, inResponseTo: { speaker: REPORTER }, source: { turn: 1 } });
      expectVerbatim(hit, seedText);
    }
    expect(() => seedEngine.answerTo(SEED, 1)).toThrow(InputError);
    expect(() => seedEngine.answerTo(SEED, 7)).toThrow(InputError);
    expect(() => seedEngine.answerTo("nope.txt", 0)).toThrow("that question is no longer in the index");
  });

  it("passageContext(): neighbours of the same transcript only; an InputError for a passage not in the index", () => {
    const context = seedEngine.passageContext(`${SEED}#1.1`)!;
    expect(context.passage).toMatchObject({ id: `${SEED}#1.1`, speaker: "Xu Kemin", turn: 1, part: 1 });
    expect(context.before.map((p) => p.id)).toEqual([`${SEED}#1.0`]);
    expect(context.after.map((p) => p.id)).toEqual([`${SEED}#1.2`]);
    expect(context.meta).toMatchObject({ id: SEED, title: TITLE });
    expect(seedEngine.passageContext(`${SEED}#1.2`, 2)!.before.map((p) => p.id)).toEqual([`${SEED}#1.0`, `${SEED}#1.1`]);
    // The announcement comes first, as turn -1.
    expect(seedEngine.passageContext(`${SEED}#0.0`)!.before.map((p) => p.id)).toEqual([`${SEED}#-1.0`]);
    expect(seedEngine.passageContext(`${SEED}#-1.0`)!.before).toEqual([]);
    expect(seedEngine.passageContext(`${SEED}#0.0`)!.after.map((p) => p.id)).toEqual([`${SEED}#1.0`]);
    expect(() => seedEngine.passageContext("nope#0.0")).toThrow(InputError);
    // The seed's last passage is followed by another briefing's first: not a neighbour.
    const lastOfSeed = multiEngine.answerTo(SEED, 0)!.hits.at(-1)!.passageId;
    expect(multiEngine.passageContext(lastOfSeed, 3)!.after).toEqual([]);
    expect(multiEngine.passageContext(`${HANSARD}#0.0`, 3)!.before.every((p) => p.transcript === HANSARD && p.turn === -1)).toBe(true);
  });

  it("quote(): the top passage of one speaker about a topic", async () => {
    const answer = await multiEngine.quote("Xu Kemin", "epidemic prevention supplies");
    expect(answer.hits).toHaveLength(1);
    expect(answer.hits[0]).toMatchObject({ speaker: "Xu Kemin" });
    expect(answer.hits[0]!.quote).toContain("masks");
  });
});

describe("with the embedding model (transformers.js + onnxruntime-node, tiny model)", () => {
  let modelDir: string;
  beforeAll(async () => {
    modelDir = path.join(tmp, "models");
    await makeTinyModel(modelDir);
  });

  it("loads the model from `embedding` settings, builds vectors and answers in hybrid mode", async () => {
    const warned = vi.fn();
    const engine = await openEngine({
      corpusDir: path.join(root, "corpus"),
      indexDir: path.join(tmp, "hybrid-index"),
      embedding: { modelId: TINY_MODEL.id, modelDir, allowRemote: false, downloadTimeoutMs: 2000 },
      warn: warned,
    });
    expect(warned).not.toHaveBeenCalled();
    expect(engine.mode).toBe("hybrid");
    expect(engine.built?.manifest).toMatchObject({ model: TINY_MODEL.id, dimensions: TINY_MODEL.hiddenSize });
    expect(engine.built!.embedded).toBeGreaterThan(0);
    for (const [question, words] of [
      ["How many people are back at work at Foxconn?", "810,000"],
      ["What epidemic prevention supplies does the ministry help enterprises with?", "masks"],
      ["What is the reinstatement rate of the electronic information industry?", "95%"],
    ] as const) {
      const answer = await engine.ask(question);
      expect(answer).toMatchObject({ found: true, mode: "hybrid" });
      expectRanked(answer);
      const hit = answer.hits.find((h) => h.quote.includes(words));
      expect(hit, question).toBeDefined();
      expect(hit).toMatchObject({ speaker: "Xu Kemin", role: XU_KEMIN_ROLE, source: { date: "2020-03-30" } });
      for (const h of answer.hits) expectVerbatim(h, seedText);
    }
    expect(await engine.ask("")).toMatchObject({ found: false, hits: [], mode: "hybrid" });
    engine.close();
  });

  it("falls back to keyword search when the model is not there and downloads are off, warning exactly once", async () => {
    const warned = vi.fn();
    const emptyModels = path.join(tmp, "no-models");
    mkdirSync(emptyModels);
    const engine = await openEngine({
      corpusDir: path.join(root, "corpus"),
      indexDir: path.join(tmp, "fallback-index"),
      embedding: { modelId: "Xenova/all-MiniLM-L6-v2", modelDir: emptyModels, allowRemote: false, downloadTimeoutMs: 2000 },
      warn: warned,
    });
    expect(engine.mode).toBe("lexical");
    const answer = await engine.ask("How many people are back at work at Foxconn?");
    expect(answer).toMatchObject({ found: true, mode: "lexical" });
    expect(answer.hits[0]!.quote).toContain("810,000");
    await engine.ask("What is the reinstatement rate of the electronic information industry?");
    expect(warned).toHaveBeenCalledTimes(1);
    const line = warned.mock.calls[0]![0] as string;
    expect(line).toContain("Xenova/all-MiniLM-L6-v2");
    expect(line).toContain("npm run model:fetch");
    expect(line).not.toContain("\n");
    engine.close();
  });
});
