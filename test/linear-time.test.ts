// Linear time whatever the input: the issue's reproductions, generated at their full size, each indexed beside the
// seed in a child process with a hard limit (a regression is killed and fails instead of holding CI for minutes),
// and the seed still answers. Before the fixes these took 19 s to over 150 s each; now about a second.
// The functions that replaced backtracking regular expressions are checked against those expressions.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTinyModel } from "../scripts/make-tiny-model.js";
import { seededRandom } from "../scripts/seeded-random.js";
import { loadEmbedder } from "../src/embedding/embedder.js";
import { passagesOfTranscript } from "../src/passages/chunk.js";
import { sentenceSpans } from "../src/text/sentences.js";
import { readTranscript } from "../src/transcript/load.js";
import { trailingCapitalisedWords, withoutPostNominals } from "../src/transcript/name-scan.js";
import { runNode } from "./helpers/dist.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEED = "2020-03-30-miit-resumption.txt";
const FOXCONN = "How many people are back at work at Foxconn?";
/**
 * A hard limit per child. The fixed code needs 1–4 s for each case here; the quadratic code needed from 45 s to
 * minutes (inputs the issue measured below that are generated twice as large, so a regression cannot slip under).
 */
const LIMIT_MS = 30_000;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-linear-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `npm run ask -- --json --lexical FOXCONN` on the seed plus one generated file: builds the index first, then answers. */
function askBeside(name: string, content: string) {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, "corpus"), { recursive: true });
  writeFileSync(path.join(dir, "corpus", SEED), readFileSync(path.join(root, "corpus", SEED)));
  writeFileSync(path.join(dir, "corpus", name), content);
  const args = ["--json", "--lexical", "--top", "5", "--corpus", path.join(dir, "corpus"), "--index", path.join(dir, "index"), FOXCONN];
  return runNode("src/cli/ask.js", args, { cwd: root, timeoutMs: LIMIT_MS });
}

// The issue's reproductions, as its python one-liners write them (before → after on this machine, `npm run index`).
const REPRODUCTIONS: [string, string, string][] = [
  ["one 1 MB turn (47 s → 2.6 s)", "one.txt", `Jane Doe: ${"word ".repeat(209715)}\n`],
  ["a 300 KB label of post-nominals (93 s → 1.1 s)", "am.json", `${JSON.stringify([{ speaker: `Jane${" AM".repeat(100000)} x`, text: "t" }])}\n`],
  ["a 400 KB run of acronyms (157 s → 1.8 s)", "uk.txt", `Jane Doe: ${"U.K.".repeat(100000)}\n`],
  ["a 400,000-letter word in the announcement (200,000: 19–40 s → 0.9 s)", "upper.txt", `${"A".repeat(400000)}, Director of Tests\n\nJane Doe: hi\n`],
  ["200,000 no-break spaces in a turn", "nbsp.txt", `Jane Doe: ${"\u00a0".repeat(200000)}\n`],
  // Found on the way: many short sentences (V8's segmenter), abbreviations merged one by one, a long question
  // answered by a long answer, no-break spaces before a comma in the announcement.
  ["100,000 abbreviations (50,000: 14 s)", "mr.txt", `Jane Doe: ${"Mr. ".repeat(100000)}\n`],
  ["66,000 short questions (33,000: 16 s)", "questions.txt", `Reporter: ${"What? ".repeat(66000)}\n\nJane Doe: ${"Yes. ".repeat(40000)}\n`],
  ["400,000 no-break spaces before a comma in the announcement", "spaces.txt", `Xu Kemin${"\u00a0".repeat(400000)}x, Director of Tests\n\nXu Kemin: hi\n`],
];

describe.concurrent("the issue's reproductions index in seconds beside the seed, which still answers", () => {
  it.each(REPRODUCTIONS)("%s (%s)", { timeout: LIMIT_MS + 15_000 }, async (_what, name, content) => {
    const run = await askBeside(name, content);
    expect(run.signal, `killed after ${LIMIT_MS} ms: super-linear again?`).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.found).toBe(true);
    const seedHit = answer.hits.find((h: { source: { transcript: string } }) => h.source.transcript === SEED);
    expect(seedHit?.quote).toContain("810,000");
  });
});

describe("with the model's tokenizer", () => {
  it("chunks a 400 KB word of acronyms in linear time (pieces found by doubling, not by halving the rest)", { timeout: 60_000 }, async () => {
    const modelDir = path.join(tmp, "models");
    const modelId = await makeTinyModel(modelDir);
    const embedder = (await loadEmbedder({ modelId, modelDir, allowRemote: false, downloadTimeoutMs: 2000 }, () => {}))!;
    const options = { countTokens: (text: string) => embedder.countTokens(text), maxTokens: embedder.maxTokens, targetTokens: 128 };
    for (const body of ["U.K.".repeat(100000)]) {
      const transcript = readTranscript("t.txt", Buffer.from(`Jane Doe: ${body}\n`));
      const passages = passagesOfTranscript(transcript, options);
      expect(passages.length).toBeGreaterThan(100);
      const turn = transcript.turns[0]!.text;
      let end = 0;
      for (const p of passages) {
        expect(embedder.countTokens(p.text)).toBeLessThanOrEqual(embedder.maxTokens);
        expect(p.start).toBeGreaterThanOrEqual(end); // in order, never overlapping
        expect(turn.slice(end, p.start).trim()).toBe(""); // nothing but spaces left out
        end = p.end;
      }
      expect(turn.slice(end).trim()).toBe("");
    }
  });
});

describe("scanning functions agree with the regular expressions they replace", () => {
  const TRAILING_NAME = /((?:\p{Lu}[\p{L}'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]*)$/u;
  const POST_NOMINALS = /(?:,?\s+(?:AM|AS|MS|MP|MSP|MLA|MEP|MHK|TD|QC|KC|JP|OBE|MBE|CBE|KBE|DBE|PhD))+\s*$/;
  const ATOMS = ["A", "b", "Xu", "Kemin", " ", "  ", ",", ", ", "AM", "MP", "PhD", "QC", "-", "'", "’", ".", "é", "É", "\u00a0", "\t", "x", "iPhone", "MS"];

  it("on 20,000 seeded random strings", () => {
    const rand = seededRandom(1010);
    for (let i = 0; i < 20_000; i++) {
      let s = "";
      for (let j = Math.floor(rand() * 10); j > 0; j--) s += ATOMS[Math.floor(rand() * ATOMS.length)];
      const t = s.trim();
      expect(trailingCapitalisedWords(t), JSON.stringify(t)).toBe(TRAILING_NAME.exec(t)?.[1]!.trim() ?? null);
      expect(withoutPostNominals(s), JSON.stringify(s)).toBe(s.replace(POST_NOMINALS, ""));
    }
  });

  it("sentences segmented a window at a time are those of the whole text", () => {
    const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
    const ABBREVIATION = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Hon|Rt|St|Mt|No|Nos|Prof|Gen|Sen|Rep|Gov|Jr|Sr|vs|etc|e\.g|i\.e|approx|Co|Inc|Ltd)\.$/i;
    /** sentenceSpans as it was: the whole text in one segmenter run, the whole previous span tested. */
    const before = (text: string) => {
      const spans: { start: number; end: number }[] = [];
      for (const { index, segment } of segmenter.segment(text)) {
        const lead = segment.length - segment.trimStart().length;
        const trimmed = segment.trim();
        if (!trimmed) continue;
        const span = { start: index + lead, end: index + lead + trimmed.length };
        const previous = spans[spans.length - 1];
        if (previous && ABBREVIATION.test(text.slice(previous.start, previous.end))) previous.end = span.end;
        else spans.push(span);
      }
      return spans;
    };
    const seed = readFileSync(path.join(root, "corpus", SEED), "utf8").replace(/\n+/g, " ");
    const rand = seededRandom(77);
    const words = seed.split(" ");
    // A long answer of real sentences, with runs that do not end sentences ("Mr.", "U.S.") across window edges.
    let text = "";
    while (text.length < 60_000) text += `${words.slice(Math.floor(rand() * 400), Math.floor(rand() * 400) + 30).join(" ")} Mr. Xu and the U.S. side agreed. `;
    const spans = sentenceSpans(text);
    expect(spans.length).toBeGreaterThan(300);
    expect(spans).toEqual(before(text));
  });
});
