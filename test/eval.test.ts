import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { baselineForCorpus, readBaselineFile, tokenize, windowsOf } from "../scripts/bm25-baseline.js";
import { evaluate, evaluateSets, EvalUsageError, formatRun, OUT_OF_SCOPE_FILE, readQuestionLines, shapeOf, type EvalResult, type EvalRun, type SetResult } from "../scripts/eval.js";
import { overlapsTurn } from "../scripts/eval-qmsum.js";
import { evaluatePress, kindFigures, readPressQuestions, scorePress, type PressQuestion, type PressResult } from "../scripts/eval-press.js";
import { parseTranscript } from "../src/transcript/parse.js";
import type { Answer, Hit } from "../src/types.js";
import { runNode } from "./helpers/dist.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WATER = "2021-06-14-harbour-water.txt";
const tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-eval-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A data folder shaped like the QMSum split: the transcript, its labelled turns and annotated questions. */
function dataFolder(name: string, relabel: (turns: { speaker: string; text: string }[]) => void = () => {}): string {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, "turns"), { recursive: true });
  const source = path.join(root, "test", "fixtures", "discord-corpus", WATER);
  copyFileSync(source, path.join(dir, WATER));
  const turns = parseTranscript(WATER, readFileSync(source)).turns.map((t) => ({ speaker: t.speaker, text: t.text }));
  relabel(turns);
  writeFileSync(path.join(dir, "turns", WATER.replace(/\.txt$/, ".json")), JSON.stringify(turns));
  // Turn 2 answers the reservoirs, 4 the pipes, 6 the tariffs; the last question is annotated with the
  // moderator's greeting, which shares no word with it: a miss by construction.
  const queries = [
    { query: "How full are the reservoirs this summer?", relevant_turns: [2] },
    { query: "When will the cast-iron pipes be replaced?", relevant_turns: [4] },
    { query: "Will water tariffs rise next year?", relevant_turns: [6] },
    { query: "Is there lead in the drinking water at schools?", relevant_turns: [0] },
  ];
  writeFileSync(path.join(dir, "queries.jsonl"), queries.map((q) => JSON.stringify({ transcript: WATER, ...q })).join("\n") + "\n");
  return dir;
}

describe("npm run eval", () => {
  it("scores hits against the annotated turns and speakers against their labels", async () => {
    const result = await evaluate(dataFolder("plain"), { lexical: true, outOfScope: ["What is the recipe for apple pie?", "How tall is Mount Everest?"] });
    expect(result).toMatchObject({ queries: 4, hitAt1: 0.75, hitAt5: 0.75, mrrAt10: 0.75, speakerExactness: 1, answered: 1, mode: "lexical" });
    expect(result.notFound).toEqual({ inScope: 1, outOfScope: 1, outOfScopeAsked: 2, outOfScopeAnswered: [] });
    // Plain BM25 over ~120-word windows of the same transcript: the greeting (turn 0, ten words) lies whole in
    // the first window, which it ranks tenth for the question about lead.
    expect(result.bm25).toEqual({ hitAt1: 0.75, hitAt5: 0.75, mrrAt10: 0.775 });
    expect(result.questions.map((q) => [q.rank, q.bm25Rank])).toEqual([[1, 1], [1, 1], [1, 1], [null, 10]]);
  });

  it("counts a cited speaker that differs from the turn's label as inexact, and an answered off-topic question", async () => {
    const relabelled = dataFolder("relabelled", (turns) => (turns[4]!.speaker = "Someone Else"));
    const result = await evaluate(relabelled, { lexical: true, outOfScope: ["When will the pipes be replaced?"] });
    expect(result.speakerExactness).toBeLessThan(1);
    expect(result.notFound).toMatchObject({ outOfScope: 0, outOfScopeAnswered: ["When will the pipes be replaced?"] });
  });

  it("counts a baseline window as a hit when it holds 8 words of a relevant turn, or all of a shorter one", () => {
    const file = readBaselineFile("meeting.txt", Array.from({ length: 240 }, (_, i) => `w${i}`).join(" "));
    const [, second] = windowsOf(file); // words 120–239
    expect(overlapsTurn(second!, [230, 234])).toBe(true); // a four-word turn, whole
    expect(overlapsTurn(second!, [200, 260])).toBe(true);
    expect(overlapsTurn(second!, [232, 250])).toBe(true); // its first 8 words
    expect(overlapsTurn(second!, [233, 250])).toBe(false); // 7 of 17 words
    expect(overlapsTurn(second!, [100, 125])).toBe(false); // 5 of 25 words
    expect(overlapsTurn(second!, [110, 118])).toBe(false);
  });

  it("ships its off-topic questions, one per line", () => {
    const questions = readQuestionLines(OUT_OF_SCOPE_FILE);
    expect(questions).toContain("What is the recipe for apple pie?");
    expect(questions.length).toBeGreaterThanOrEqual(20);
    expect(questions.every((q) => q.endsWith("?"))).toBe(true);
  });
});

// ---- press question sets (corpus/ + questions.jsonl) and the plain-BM25 baseline ----

const PRESS = path.join(root, "test", "fixtures", "press-set");
const COST = "How much does the transit plan cost over five years?";

function hit(speaker: string, passage: string, extra: Partial<Hit> = {}): Hit {
  return {
    rank: 1,
    score: 1,
    passageId: "briefing.txt#0.0",
    speaker,
    label: speaker,
    role: null,
    quote: passage,
    passage,
    inResponseTo: null,
    source: { transcript: "briefing.txt", title: "A briefing", date: null, turn: 0, url: null },
    ...extra,
  };
}

function answer(hits: Hit[], extra: Partial<Answer> = {}): Answer {
  return { question: "?", found: hits.length > 0, kind: "quote", hits, mode: "lexical", ...extra };
}

function question(kind: PressQuestion["kind"], expect: string[], speaker: string | null = null): PressQuestion {
  return { q: "?", speaker, expect, transcript: null, kind };
}

/** A copy of the press fixture with its questions replaced. */
function pressFolder(name: string, questions: PressQuestion[]): string {
  const dir = path.join(tmp, name);
  cpSync(path.join(PRESS, "corpus"), path.join(dir, "corpus"), { recursive: true });
  writeFileSync(path.join(dir, "questions.jsonl"), questions.map((q) => JSON.stringify(q)).join("\n") + "\n");
  return dir;
}

describe("scoring a press question", () => {
  const FROZEN = "Fares stay frozen until the end of 2023.";

  it("counts a hit only under the expected speaker label, in the top three hits", () => {
    const q = question("lexical", ["fares stay frozen"], "MAYOR OKAFOR");
    const wrongSpeaker = scorePress(q, answer([hit("MR. LINDQVIST", FROZEN)]), []);
    expect(wrongSpeaker).toMatchObject({ rank: null, quoteAt1: true, speakerAt1: false });
    const second = scorePress(q, answer([hit("MR. LINDQVIST", FROZEN), hit("MAYOR OKAFOR", `Thank you.\n\n${FROZEN}`, { quote: "Thank you." })]), []);
    expect(second).toMatchObject({ rank: 2, quoteAt1: true, speakerAt1: false });
    const fourth = answer([hit("Q", "Fares?"), hit("Q", "Fares?"), hit("Q", "Fares?"), hit("MAYOR OKAFOR", FROZEN)]);
    expect(scorePress(q, fourth, [])).toMatchObject({ rank: null, quoteAt1: false });
    // Case and runs of whitespace do not matter; the first hit's quote decides quote@1.
    const first = scorePress(q, answer([hit("MAYOR OKAFOR", "FARES  STAY\nfrozen.", { quote: "Children under twelve travel free." })]), []);
    expect(first).toMatchObject({ rank: 1, quoteAt1: false, speakerAt1: true });
  });

  it("compares the label as written: `label` when the hit has one, else `speaker`", () => {
    const q = question("lexical", ["fares stay frozen"], "MS. OKAFOR");
    expect(scorePress(q, answer([hit("Grace Okafor", FROZEN, { label: "MS. OKAFOR" })]), [])).toMatchObject({ rank: 1, speakerAt1: true });
    expect(scorePress(q, answer([hit("MS. OKAFOR", FROZEN, { label: "MAYOR OKAFOR" })]), [])).toMatchObject({ rank: null, speakerAt1: false });
  });

  it("answers an onboarding question from the bot's own text or from a top-three hit", () => {
    const q = question("onboarding", ["Tom Avery"]);
    const said = answer([], { found: true, kind: "briefing", answer: "Tom Avery was on the panel but did not speak." });
    expect(scorePress(q, said, []).answered).toBe(true);
    expect(scorePress(q, answer([hit("MAYOR OKAFOR", "Chief Engineer Tom Avery joins us.")]), []).answered).toBe(true);
    const silent = answer([], { found: true, kind: "briefing", answer: "The officials were Grace Okafor and Paul Lindqvist." });
    expect(scorePress(q, silent, []).answered).toBe(false);
  });

  it("counts a negative as refused only when found is false", () => {
    const q = question("negative", []);
    const refused = scorePress(q, answer([]), []);
    const answered = scorePress(q, answer([hit("MAYOR OKAFOR", FROZEN)]), []);
    expect(kindFigures("negative", [refused, answered])).toMatchObject({ n: 2, refused: 1, found: 1, hitAt1: null, bm25: { hitAt1: null } });
  });

  it("gives the baseline a window that holds the start of an expected phrase, with no speaker condition", () => {
    const words = Array.from({ length: 240 }, (_, i) => `filler${i}`);
    words.splice(118, 4, "alpha", "beta", "gamma", "delta"); // words 118–121: across the cut at 120
    const file = readBaselineFile("plain.txt", `---\ntitle: "Plain"\n---\n${words.join(" ")}`);
    const windows = windowsOf(file);
    expect(windows.map((w) => [w.firstWord, w.endWord])).toEqual([[0, 120], [120, 240]]);
    expect(windows[0]!.text.startsWith("filler0 ")).toBe(true); // the front matter is not text
    const q = question("lexical", ["Alpha beta gamma delta"], "MAYOR OKAFOR");
    expect(scorePress(q, answer([]), [{ rank: 1, score: 1, window: windows[0]! }]).bm25Rank).toBe(1);
    expect(scorePress(q, answer([]), [{ rank: 1, score: 1, window: windows[1]! }]).bm25Rank).toBe(null);
  });
});

describe("plain BM25 baseline", () => {
  it("gathers paragraphs into windows of about 120 words that never cross files", () => {
    const bm25 = baselineForCorpus(path.join(PRESS, "corpus"));
    const files = [...new Set(bm25.windows.map((w) => w.file.name))];
    expect(files).toEqual(["2022-03-01-riverton-transit.txt", "2022-04-12-riverton-housing.txt"]);
    for (const w of bm25.windows) {
      // Windows start where paragraphs start (none of the fixture's paragraphs is long enough to be cut).
      expect(w.firstWord === 0 || /\n\s*\n\s*$/.test(w.file.text.slice(0, w.file.words[w.firstWord]![0]))).toBe(true);
      expect(w.endWord - w.firstWord).toBeGreaterThanOrEqual(60);
      expect(w.endWord - w.firstWord).toBeLessThanOrEqual(180);
      expect(w.file.text).toContain(w.text);
    }
    expect(bm25.windows.some((w) => w.text.includes("title:"))).toBe(false);
  });

  it("ranks the window with a question's rare words first", () => {
    const bm25 = baselineForCorpus(path.join(PRESS, "corpus"));
    const [top] = bm25.search(COST, 3);
    expect(top!.window.text).toContain("forty-two million over five years");
    expect(bm25.search("Are rents capped on the rail yard homes?", 1)[0]!.window.file.name).toBe("2022-04-12-riverton-housing.txt");
    expect(tokenize("The buses are running")).toEqual(["buse", "run"]); // stop words out, Porter stems
  });
});

describe("npm run eval on press sets", () => {
  it("scores every kind, asked of the whole corpus, beside the baseline", async () => {
    expect(shapeOf(PRESS)).toBe("press");
    const result = await evaluatePress(PRESS, { lexical: true, outOfScope: ["What is the recipe for apple pie?"] });
    expect(result).toMatchObject({ shape: "press", queries: 7, transcripts: 2, mode: "lexical" });
    expect(result.kinds.map((k) => [k.kind, k.n])).toEqual([["lexical", 2], ["semantic", 1], ["onboarding", 2], ["negative", 2]]);
    const cost = result.questions.find((q) => q.q === COST)!;
    expect(cost).toMatchObject({ found: true, rank: 1, speakerAt1: true, bm25Rank: 1 });
    const lexical = result.kinds.find((k) => k.kind === "lexical")!;
    expect(lexical.hitAt1).toBeGreaterThanOrEqual(0.5);
    expect(lexical.bm25.hitAt1).toBe(1);
    // "football stadium" and "ferry timetable" are words the briefings never use.
    expect(result.kinds.find((k) => k.kind === "negative")).toMatchObject({ n: 2, refused: 2, bm25: { answered: null } });
    expect(result.kinds.find((k) => k.kind === "onboarding")!.bm25.answered).toBe(2); // both names are in the announcement
    expect(result.notFound).toMatchObject({ inScope: lexical.found / lexical.n, outOfScopeAsked: 1 });
  });

  it("misses a question whose passage is found under another speaker; the baseline, without speakers, still hits", async () => {
    const [cost] = readPressQuestions(PRESS);
    const mislabelled = pressFolder("mislabelled", [{ ...cost!, speaker: "MAYOR OKAFOR" }]);
    const result = await evaluatePress(mislabelled, { lexical: true, outOfScope: [] });
    expect(result.questions[0]).toMatchObject({ rank: null, quoteAt1: true, speakerAt1: false, bm25Rank: 1 });
    expect(result.kinds[0]).toMatchObject({ kind: "lexical", hitAt1: 0, hitAt3: 0, quoteAt1: 1, bm25: { hitAt1: 1 } });
  });

  it("runs several sets in one go and prints a macro table across them", async () => {
    const qmsum = dataFolder("macro-qmsum");
    const run = await evaluateSets([PRESS, qmsum], { lexical: true, outOfScope: [] });
    expect(run.sets.map((s) => s.shape)).toEqual(["press", "qmsum"]);
    const press = run.sets[0] as SetResult & PressResult;
    const committee = run.sets[1] as SetResult & EvalResult;
    const pressLexical = press.kinds.find((k) => k.kind === "lexical")!;
    expect(run.macro.sets).toBe(2);
    expect(run.macro.hitAt1.briefbot).toBeCloseTo((pressLexical.hitAt1! + committee.hitAt1) / 2);
    expect(run.macro.hitAt1.bm25).toBeCloseTo((pressLexical.bm25.hitAt1! + committee.bm25.hitAt1) / 2);
    expect(run.macro.qmsum!.hitAt5.briefbot).toBeCloseTo(committee.hitAt5);
    const text = formatRun(run, { fails: true });
    expect(text).toMatch(/^== press-set .*press set, 7 questions/m);
    expect(text).toMatch(/^kind +\| +n \| briefbot hit@1 \| BM25 hit@1 \| briefbot hit@3 \| BM25 hit@3 \| quote@1 \| speaker@1 \| +answered\/refused$/m);
    expect(text).toMatch(/^negative +\| +2 \|.*refused 2\/2 \(BM25 —\)$/m);
    expect(text).toMatch(/^== macro over 2 sets/m);
    expect(text).toMatch(/^hit@1 \(press: lexical kind; qmsum: all\) +\| +2 \|/m);
    expect(text).toContain("-- misses in press-set");
    expect(text).toContain("How long would I wait for a ride after midnight?"); // the semantic miss, with what came first
    expect(formatRun({ ...run, sets: [press] })).not.toContain("macro");
  });

  it("refuses a folder of neither layout", () => {
    const empty = path.join(tmp, "empty");
    mkdirSync(empty, { recursive: true });
    expect(() => shapeOf(empty)).toThrow(EvalUsageError);
  });

  it("takes --data several times on the command line and prints one JSON object with --json", async () => {
    const qmsum = dataFolder("cli-qmsum");
    const result = await runNode("scripts/eval.js", ["--lexical", "--json", "--data", PRESS, "--data", qmsum], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const run = JSON.parse(result.stdout) as EvalRun;
    expect(run.sets.map((s) => s.name)).toEqual(["press-set", "cli-qmsum"]);
    expect(run.macro.sets).toBe(2);
  });
});

describe("the seed question set (eval/seed)", () => {
  const seed = path.join(root, "eval", "seed");
  const questions = readPressQuestions(seed);
  const normal = (text: string) => text.toLowerCase().replace(/\s+/g, " ");

  it("uses the repository's corpus and asks questions of every kind", () => {
    expect(readlinkSync(path.join(seed, "corpus"))).toBe("../../corpus");
    expect(shapeOf(seed)).toBe("press");
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(["lexical", "semantic", "onboarding", "negative"]));
    expect(questions.length).toBeGreaterThanOrEqual(20);
  });

  it("expects verbatim phrases of 2–8 words, in a turn by the named speaker for content questions", () => {
    for (const q of questions) {
      if (q.kind === "negative") {
        expect(q.expect, q.q).toEqual([]);
        continue;
      }
      expect(q.expect.length, q.q).toBeGreaterThan(0);
      const file = path.join(seed, "corpus", q.transcript!);
      const raw = readFileSync(file);
      const turns = parseTranscript(q.transcript!, raw).turns;
      for (const e of q.expect) {
        expect(e.split(/\s+/).length, e).toBeGreaterThanOrEqual(2);
        expect(e.split(/\s+/).length, e).toBeLessThanOrEqual(8);
        if (q.kind === "onboarding") expect(normal(raw.toString("utf8")), e).toContain(normal(e));
        else expect(turns.some((t) => t.speaker === q.speaker && normal(t.text).includes(normal(e))), `${q.q}: ${e}`).toBe(true);
      }
    }
  });
});
