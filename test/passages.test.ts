import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeTinyModel, TINY_MODEL } from "../scripts/make-tiny-model.js";
import { loadEmbedder, type Embedder } from "../src/embedding/embedder.js";
import { estimateTokens, passagesOfTranscript, passagesOfTurn, type TokenCounter } from "../src/passages/chunk.js";
import { parseTranscript } from "../src/transcript/parse.js";
import type { Passage, Turn } from "../src/types.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEED = "2020-03-30-miit-resumption.txt";

let tmp: string;
let embedder: Embedder;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "briefbot-passages-"));
  const modelDir = path.join(tmp, "models");
  const modelId = await makeTinyModel(modelDir);
  const warn = vi.fn();
  const loaded = await loadEmbedder({ modelId, modelDir, allowRemote: false, downloadTimeoutMs: 2000 }, warn);
  expect(warn).not.toHaveBeenCalled();
  embedder = loaded!;
  expect(embedder.maxTokens).toBe(TINY_MODEL.maxTokens);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

// --- a long turn, built from known sentences so that sentence boundaries are known independently -------------

const SHORT_SENTENCES = [
  "Good afternoon and thank you for coming.",
  "The government has approved the new budget for public health this morning.",
  "It gives every province more money for hospitals, testing and vaccines.",
  "We will publish the full figures on the ministry website tomorrow.",
  "Questions about the border will be answered by the foreign minister.",
  "The trade talks with our neighbours continue next week in the capital.",
  "Energy prices remain high, and the tax cut on fuel stays in place until the end of the year.",
  "Police and security services are ready for the election.",
  "Climate policy is part of the agreement as well.",
  "Thank you.",
];
const VOCAB = "the government will support every school and hospital in the country with new money for health care and public security".split(" ");
/** One sentence of 400 words without any punctuation until its final full stop. */
const RUN_ON = `${Array.from({ length: 400 }, (_, i) => VOCAB[(i * 7) % VOCAB.length]).join(" ")}.`;
/** One "word" (no whitespace) that the tokenizer splits into hundreds of tokens. */
const LONG_WORD = `https://example.org/${Array.from({ length: 150 }, (_, i) => `k${i}`).join("-")}`;

interface Built {
  text: string;
  /** Sentences as written (the run-on sentence and the URL count as one each). */
  sentences: { start: number; end: number }[];
}

/** Joins sentences with single spaces inside a paragraph and blank lines between paragraphs, recording offsets. */
function compose(paragraphs: string[][]): Built {
  let text = "";
  const sentences: Built["sentences"] = [];
  paragraphs.forEach((paragraph, p) => {
    if (p > 0) text += "\n\n";
    paragraph.forEach((sentence, s) => {
      if (s > 0) text += " ";
      sentences.push({ start: text.length, end: text.length + sentence.length });
      text += sentence;
    });
  });
  return { text, sentences };
}

const longTurn = compose([
  SHORT_SENTENCES.slice(0, 4),
  [RUN_ON],
  [SHORT_SENTENCES[4]!, `The details are at ${LONG_WORD} for anyone who wants them.`, SHORT_SENTENCES[5]!],
  SHORT_SENTENCES.slice(6),
]);
const plainTurn = compose([SHORT_SENTENCES.slice(0, 5), SHORT_SENTENCES.slice(5), SHORT_SENTENCES.slice(0, 6)]);

function turnOf(text: string, overrides: Partial<Turn> = {}): Turn {
  return {
    index: 7,
    label: "Hon. Deb Schulte (Minister of Seniors)",
    speaker: "Hon. Deb Schulte (Minister of Seniors)",
    name: "Deb Schulte",
    role: "Minister of Seniors",
    text,
    isQuestion: false,
    inResponseTo: 6,
    ...overrides,
  };
}

/** The properties every chunking must have, whatever the tokenizer. */
function expectWellFormed(turn: Turn, passages: Passage[], countTokens: TokenCounter, limit: number, transcript = "t.txt") {
  expect(passages.length).toBeGreaterThan(0);
  passages.forEach((p, i) => {
    expect(countTokens(p.text), p.id).toBeLessThanOrEqual(limit);
    expect(p.text).toBe(turn.text.slice(p.start, p.end));
    expect(turn.text.includes(p.text)).toBe(true);
    expect(p.text.trim()).toBe(p.text);
    expect(p.text.length).toBeGreaterThan(0);
    expect(p).toMatchObject({
      id: `${transcript}#${turn.index}.${i}`,
      transcript,
      turn: turn.index,
      part: i,
      speaker: turn.speaker,
      name: turn.name,
      role: turn.role,
      inResponseTo: turn.inResponseTo,
      isQuestion: turn.isQuestion,
    });
  });
  // In order, not overlapping, and nothing but whitespace left out between them.
  expect(turn.text.slice(0, passages[0]!.start).trim()).toBe("");
  expect(turn.text.slice(passages.at(-1)!.end).trim()).toBe("");
  for (let i = 1; i < passages.length; i++) {
    expect(passages[i]!.start).toBeGreaterThanOrEqual(passages[i - 1]!.end);
    expect(turn.text.slice(passages[i - 1]!.end, passages[i]!.start).trim()).toBe("");
  }
}

describe("passages sized with the tiny model's own tokenizer", () => {
  const count = (text: string) => embedder.countTokens(text);
  const options = () => ({ countTokens: count, maxTokens: embedder.maxTokens, targetTokens: 128 });

  it("the fixture really needs splitting: the run-on sentence and the long word each exceed the limit", () => {
    expect(count(RUN_ON)).toBeGreaterThan(3 * embedder.maxTokens);
    expect(count(LONG_WORD)).toBeGreaterThan(2 * embedder.maxTokens);
    expect(LONG_WORD).not.toMatch(/\s/);
  });

  it("keeps every passage of a long turn within maxTokens, as exact, contiguous substrings", async () => {
    const turn = turnOf(longTurn.text);
    const passages = passagesOfTurn("t.txt", turn, options());
    expectWellFormed(turn, passages, count, embedder.maxTokens);
    expect(passages.length).toBeGreaterThan(8);
    // The model accepts every one of them (embedPassages refuses anything over its limit).
    await expect(embedder.embedPassages(passages.map((p) => p.text))).resolves.toHaveLength(passages.length);
  });

  it("cuts the run-on sentence between words, and the long word into pieces that rebuild it", () => {
    const turn = turnOf(longTurn.text);
    const passages = passagesOfTurn("t.txt", turn, options());
    const runOn = longTurn.sentences[4]!;
    const inside = passages.filter((p) => p.start >= runOn.start && p.end <= runOn.end);
    expect(inside.length).toBeGreaterThanOrEqual(3);
    for (const p of inside) {
      expect(p.start === runOn.start || /\s/.test(turn.text[p.start - 1]!)).toBe(true);
      expect(p.end === runOn.end || /\s/.test(turn.text[p.end]!)).toBe(true);
    }
    const wordStart = turn.text.indexOf(LONG_WORD);
    const wordEnd = wordStart + LONG_WORD.length;
    const pieces = passages.filter((p) => p.end > wordStart && p.start < wordEnd);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    const rebuilt = pieces.map((p) => turn.text.slice(Math.max(p.start, wordStart), Math.min(p.end, wordEnd))).join("");
    expect(rebuilt).toBe(LONG_WORD);
  });

  it("aligns passages with sentences when the sentences fit, and packs them up to the limit", () => {
    const turn = turnOf(plainTurn.text);
    const passages = passagesOfTurn("t.txt", turn, options());
    expectWellFormed(turn, passages, count, 128);
    expect(passages.length).toBeGreaterThan(2);
    const starts = plainTurn.sentences.map((s) => s.start);
    const ends = plainTurn.sentences.map((s) => s.end);
    for (const p of passages) {
      expect(starts).toContain(p.start);
      expect(ends).toContain(p.end);
    }
    // Greedy packing: the next passage's first sentence would not have fitted into this one.
    for (let i = 0; i + 1 < passages.length; i++) {
      const nextSentence = plainTurn.sentences.find((s) => s.start === passages[i + 1]!.start)!;
      expect(count(turn.text.slice(passages[i]!.start, nextSentence.end))).toBeGreaterThan(128);
    }
  });

  it("packs to the smaller target when targetTokens is below maxTokens", () => {
    const turn = turnOf(plainTurn.text);
    const small = passagesOfTurn("t.txt", turn, { ...options(), targetTokens: 40 });
    const large = passagesOfTurn("t.txt", turn, options());
    expectWellFormed(turn, small, count, 40);
    expect(small.length).toBeGreaterThan(large.length);
  });

  it("never exceeds maxTokens when targetTokens is larger", () => {
    const turn = turnOf(longTurn.text);
    const passages = passagesOfTurn("t.txt", turn, { ...options(), targetTokens: 1000 });
    expectWellFormed(turn, passages, count, embedder.maxTokens);
  });

  it("chunks the seed: one speaker per passage, numbered per turn, the question link carried", () => {
    const seed = parseTranscript(SEED, readFileSync(path.join(root, "corpus", SEED)));
    const passages = passagesOfTranscript(seed, options());
    for (const turn of seed.turns) {
      const own = passages.filter((p) => p.turn === turn.index);
      expectWellFormed(turn, own, count, embedder.maxTokens, SEED);
    }
    const announcement = passages.filter((p) => p.turn === -1);
    expect(passages.length).toBe(announcement.length + passages.filter((p) => p.turn === 0).length + passages.filter((p) => p.turn === 1).length);
    // The announcement is searchable as passages of its own, nobody's words, before the first turn.
    expect(announcement.map((p) => p.text).join(" ")).toContain("Xu Kemin, Director of the Department of Industrial Policy and Regulations");
    expect(announcement.every((p) => p.speaker === "Announcement" && !p.isQuestion && p.inResponseTo === null)).toBe(true);
    expect(passages.findIndex((p) => p.turn !== -1)).toBe(announcement.length);
    expect(passages.filter((p) => p.turn === 1).every((p) => p.speaker === "Xu Kemin" && p.inResponseTo === 0)).toBe(true);
    expect(passages.filter((p) => p.turn === 0).every((p) => p.speaker === "Shenzhen Satellite TV reporter" && p.isQuestion)).toBe(true);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });

  it("gives an empty turn no passages, and later turns keep their numbers", () => {
    const text = "Minister Li: The levee holds.\n\nMinister Li:\n\nDaily Herald reporter: Is the levee safe?\n\nMinister Li: It is safe.\n";
    const t = parseTranscript("levee.txt", text);
    expect(t.turns[1]!.text).toBe("");
    const passages = passagesOfTranscript(t, options());
    expect(passages.map((p) => p.id)).toEqual(["levee.txt#0.0", "levee.txt#2.0", "levee.txt#3.0"]);
    expect(passages[2]!.inResponseTo).toBe(2);
  });
});

describe("passages sized with the estimate (lexical mode)", () => {
  it("carries the label as written beside the speaker it resolves to", () => {
    const turn = turnOf("Yes. The ferry route opens on 20 May.", { label: "A", speaker: "Lin Mei", name: "Lin Mei", role: "Spokesperson" });
    const passages = passagesOfTurn("qa.txt", turn, { countTokens: estimateTokens, maxTokens: 256, targetTokens: 256 });
    expect(passages.map((p) => [p.label, p.speaker, p.name, p.role])).toEqual([["A", "Lin Mei", "Lin Mei", "Spokesperson"]]);
  });

  it("respects its limit on the long turn, with the same guarantees", () => {
    const turn = turnOf(longTurn.text, { isQuestion: true, inResponseTo: null, role: null });
    const passages = passagesOfTurn("lex.txt", turn, { countTokens: estimateTokens, maxTokens: 40, targetTokens: 256 });
    expectWellFormed(turn, passages, estimateTokens, 40, "lex.txt");
    expect(passages.length).toBeGreaterThan(20);
  });

  it("aligns with sentences when they fit", () => {
    const turn = turnOf(plainTurn.text);
    const passages = passagesOfTurn("lex.txt", turn, { countTokens: estimateTokens, maxTokens: 256, targetTokens: 60 });
    expectWellFormed(turn, passages, estimateTokens, 60, "lex.txt");
    const starts = plainTurn.sentences.map((s) => s.start);
    for (const p of passages) expect(starts).toContain(p.start);
    for (let i = 0; i + 1 < passages.length; i++) {
      const nextSentence = plainTurn.sentences.find((s) => s.start === passages[i + 1]!.start)!;
      expect(estimateTokens(turn.text.slice(passages[i]!.start, nextSentence.end))).toBeGreaterThan(60);
    }
  });

  it("packs exactly even for a tokenizer whose count of a passage exceeds the sum of its sentences", () => {
    // Sentences are counted one by one to save tokenizer calls; a count that grows faster than its parts must
    // still never yield an oversized passage, and the packing must stay greedy.
    const superAdditive: TokenCounter = (text) => Math.ceil((text.match(/\S+/g)?.length ?? 0) ** 1.3) + 2;
    const turn = turnOf(plainTurn.text);
    const passages = passagesOfTurn("lex.txt", turn, { countTokens: superAdditive, maxTokens: 256, targetTokens: 60 });
    expectWellFormed(turn, passages, superAdditive, 60, "lex.txt");
    const sumOfSentences = plainTurn.sentences.slice(0, 4).reduce((sum, s) => sum + superAdditive(turn.text.slice(s.start, s.end)) - 2, 2);
    expect(superAdditive(turn.text.slice(plainTurn.sentences[0]!.start, plainTurn.sentences[3]!.end))).toBeGreaterThan(sumOfSentences);
    for (let i = 0; i + 1 < passages.length; i++) {
      const nextSentence = plainTurn.sentences.find((s) => s.start === passages[i + 1]!.start)!;
      expect(superAdditive(turn.text.slice(passages[i]!.start, nextSentence.end))).toBeGreaterThan(60);
    }
  });

  it("counts punctuation and words, erring high, with two special tokens", () => {
    expect(estimateTokens("")).toBe(2);
    expect(estimateTokens("the president")).toBeGreaterThanOrEqual(embedderFreeCount("the president"));
    expect(estimateTokens("a-b-c-d")).toBeGreaterThan(estimateTokens("abcd"));
  });
});

/** Words and punctuation marks plus [CLS]/[SEP]: a floor the estimate must not go below. */
function embedderFreeCount(text: string): number {
  return (text.match(/\w+|[^\s\w]/g)?.length ?? 0) + 2;
}
