// Real transcripts grown to a target number of passages. Copy 0 of each transcript is the file itself, byte for
// byte (so annotated turn numbers stay valid); copies 1, 2, … reshuffle its sentences across its turns, drop a
// word from each sentence and renumber its speakers, so no two files or passages are alike and an index cannot
// deduplicate its way to a good figure.
// Grown transcripts are written as ordinary text files, so the benchmark builds through buildIndex like a user.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import type { Embedder } from "../src/embedding/embedder.js";
import { DEFAULT_TARGET_TOKENS } from "../src/index/build.js";
import { estimateTokens, passagesOfTranscript } from "../src/passages/chunk.js";
import { sentences } from "../src/text/sentences.js";
import { loadCorpus } from "../src/transcript/load.js";
import type { Transcript } from "../src/types.js";
import { seededRandom } from "../scripts/seeded-random.js";
import { shuffle } from "./stats.js";

export interface SourceTranscript {
  transcript: Transcript;
  bytes: Buffer;
  /** Passages of each turn as lexical mode chunks them (the unit the growth counts in). */
  turnPassages: number[];
  passages: number;
}

/** Every transcript of `dir` that briefbot can parse, with its passage count in lexical mode. */
export async function readSource(dir: string, warn: (line: string) => void): Promise<SourceTranscript[]> {
  const chunking = { targetTokens: DEFAULT_TARGET_TOKENS, maxTokens: DEFAULT_TARGET_TOKENS, countTokens: estimateTokens };
  // The folder's own transcripts: a QMSum-style folder keeps its annotation (turns/*.json) in a subfolder.
  const own = (await loadCorpus(dir, warn)).filter((transcript) => !transcript.meta.id.includes("/"));
  return own.map((transcript) => {
    const turnPassages = transcript.turns.map(() => 0);
    let announcementPassages = 0;
    for (const p of passagesOfTranscript(transcript, chunking)) {
      if (p.turn < 0) announcementPassages++;
      else turnPassages[p.turn]!++;
    }
    const passages = announcementPassages + turnPassages.reduce((a, b) => a + b, 0);
    return { transcript, bytes: readFileSync(join(dir, transcript.meta.id)), turnPassages, passages };
  });
}

/**
 * Passages the model's tokenizer makes per lexical passage, measured on the first transcripts. The tiny test
 * model splits unknown words into characters, so it cuts the same text into more passages than lexical mode;
 * growing by this ratio makes "100k" mean about 100k passages in either mode.
 */
export function hybridScale(source: readonly SourceTranscript[], embedder: Embedder, sample = 800): number {
  const chunking = { targetTokens: DEFAULT_TARGET_TOKENS, maxTokens: embedder.maxTokens, countTokens: (t: string) => embedder.countTokens(t) };
  let lexical = 0;
  let hybrid = 0;
  for (const s of source) {
    if (lexical >= sample) break;
    lexical += s.passages;
    hybrid += passagesOfTranscript(s.transcript, chunking).length;
  }
  return lexical > 0 ? hybrid / lexical : 1;
}

export interface GrownCorpus {
  dir: string;
  files: number;
  /** Passages the growth expected (the build reports the real count). */
  expected: number;
}

/** Writes transcripts into `dir` until about `target` passages (`scale` passages per lexical passage). */
export function growCorpus(source: readonly SourceTranscript[], dir: string, target: number, scale = 1): GrownCorpus {
  if (!source.some((s) => s.passages > 0)) throw new Error("no transcript with any passage to grow a corpus from");
  mkdirSync(dir, { recursive: true });
  let expected = 0;
  let files = 0;
  for (let copy = 0; expected < target; copy++) {
    for (const s of source) {
      if (expected >= target) break;
      const whole = s.passages * scale;
      if (expected + whole <= target || whole === 0) {
        const name = copy === 0 ? s.transcript.meta.id : copyName(s.transcript.meta.id, copy);
        writeFileSync(join(dir, name), copy === 0 ? s.bytes : render(s.transcript, copy, s.transcript.turns.length));
        expected += whole;
      } else {
        // The last file takes only as many turns as the target still needs.
        let turns = 0;
        let part = 0;
        while (turns < s.turnPassages.length && expected + part < target) part += s.turnPassages[turns++]! * scale;
        writeFileSync(join(dir, copy === 0 ? s.transcript.meta.id : copyName(s.transcript.meta.id, copy)), render(s.transcript, copy, turns));
        expected += part;
      }
      files++;
    }
  }
  return { dir, files, expected: Math.round(expected) };
}

function copyName(id: string, copy: number): string {
  const ext = extname(id);
  return `${id.slice(0, id.length - ext.length)}.copy${String(copy).padStart(4, "0")}.txt`;
}

/** A transcript as text in the "label alone on its line" layout; copy > 0 shuffles sentences and renumbers labels. */
function render(t: Transcript, copy: number, turnCount: number): string {
  const turns = t.turns.slice(0, turnCount);
  let texts = turns.map((turn) => turn.text.replace(/\s+/g, " ").trim());
  if (copy > 0) {
    // Same number of sentences per turn, drawn from the whole transcript: turn sizes stay realistic. Each
    // sentence also loses one word, so that a passage of one sentence is not the same text in every copy
    // (the embedding cache would embed it once, and a "cold" build would be cold only in part).
    const random = seededRandom(hashOf(t.meta.id) + copy);
    const perTurn = texts.map((text) => sentences(text).map((s) => dropWord(s.replace(/\s+/g, " "), random)));
    const pool = shuffle(perTurn.flat(), random);
    let next = 0;
    texts = perTurn.map((list) => pool.slice(next, (next += list.length)).join(" "));
  }
  const label = (speaker: string) => (copy > 0 ? renumber(speaker, copy) : speaker);
  const front = [`title: ${JSON.stringify(copy > 0 ? `${t.meta.title} (copy ${copy})` : t.meta.title)}`];
  if (t.meta.date) front.push(`date: ${t.meta.date}`);
  const body = turns.map((turn, i) => `${label(turn.speaker)}:\n\n${texts[i]}`);
  return [`---\n${front.join("\n")}\n---`, t.announcement.replace(/\s+/g, " ").trim(), ...body].filter(Boolean).join("\n\n") + "\n";
}

/** The sentence without one of its words (never the first, which may carry the capital). */
function dropWord(sentence: string, random: () => number): string {
  const words = sentence.split(" ");
  if (words.length < 4) return sentence;
  words.splice(1 + Math.floor(random() * (words.length - 2)), 1);
  return words.join(" ");
}

/** "Carol Shillabeer" → "Carol Shillabeer 3"; "The Chair (Hon. X)" → "The Chair 3 (Hon. X)": still a label, a new person. */
function renumber(label: string, copy: number): string {
  const paren = label.indexOf("(");
  return paren < 0 ? `${label} ${copy}` : `${label.slice(0, paren).trimEnd()} ${copy} ${label.slice(paren)}`;
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** An annotated question (scripts/eval.ts's format). */
export interface AnnotatedQuery {
  transcript: string;
  query: string;
  relevant_turns: number[];
}

/** queries.jsonl beside the transcripts, or null when there is none. */
export function readAnnotated(dir: string): AnnotatedQuery[] | null {
  const path = join(dir, "queries.jsonl");
  if (!existsSync(path)) return null;
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as AnnotatedQuery);
}

/**
 * Questions taken from the corpus when nobody annotated any: every question a reporter or member asked,
 * and "What did <speaker> say about <two rare words>?" for each answering turn.
 */
export function generatedQuestions(source: readonly SourceTranscript[]): string[] {
  const out = new Set<string>();
  for (const { transcript } of source) {
    for (const turn of transcript.turns) {
      if (turn.isQuestion) {
        for (const s of sentences(turn.text)) if (s.endsWith("?") && s.length >= 15) out.add(s.replace(/\s+/g, " "));
      } else if (turn.text.length > 80) {
        const words = [...new Set(turn.text.match(/\p{L}{6,}/gu) ?? [])].sort((a, b) => b.length - a.length).slice(0, 2);
        if (words.length === 2) out.add(`What did ${turn.name} say about ${words.join(" and ").toLowerCase()}?`);
      }
    }
  }
  return [...out];
}

/** `count` positions into `distinct` questions: whole shuffled rounds, so each question recurs equally often. */
export function queryStream(distinct: number, count: number, seed = 7): number[] {
  const random = seededRandom(seed);
  const stream: number[] = [];
  while (stream.length < count && distinct > 0) stream.push(...shuffle([...Array(distinct).keys()], random));
  return stream.slice(0, count);
}

/** The questions a run asks, as the workers read them: distinct texts, and their vectors once embedded. */
export interface QuestionFile {
  texts: string[];
  /** Query vectors (the tiny model's), index-aligned with texts. */
  vectors?: number[][];
  dimensions?: number;
  maxTokens?: number;
}

export function readQuestions(path: string): { texts: string[]; vectors: Float32Array[] | null; dimensions: number; maxTokens: number } {
  const file = JSON.parse(readFileSync(path, "utf8")) as QuestionFile;
  return {
    texts: file.texts,
    vectors: file.vectors ? file.vectors.map((v) => new Float32Array(v)) : null,
    dimensions: file.dimensions ?? 0,
    maxTokens: file.maxTokens ?? 0,
  };
}
