// The press layout (like ../shared/eval/press-dev and eval/seed): DIR holds corpus/ and questions.jsonl, one
// {q, speaker, expect[], transcript, kind} per line. Every question is asked of the whole corpus, with no
// filter by its transcript (users don't say which briefing), at the front ends' default of three hits.
//
// Scoring, by kind (text compared with case ignored and runs of whitespace collapsed):
// - lexical, semantic: a hit is a returned hit whose passage contains an expected substring AND whose speaker
//   label (`label`, else `speaker`) equals `speaker` exactly: hit@1, hit@3. quote@1: an expected substring in
//   the first hit's quote. speaker@1: the first hit's label equals `speaker`.
// - onboarding: answered when an expected substring is in the bot's own answer text (`answer`) or in the
//   passage or quote of any of the top three hits.
// - negative: refused when `found` is false.
// - in-scope answered: the share of lexical questions with `found` true.
//
// Plain BM25 (scripts/bm25-baseline.ts) gets the same questions, whole corpus, top 3. It has no speakers, so
// its hit is a window holding an expected substring (one that starts inside the window, even if the window
// ends before the substring does), with no speaker condition; it has no quote@1, no speaker@1, and no
// "not found" (its refused is shown as —). Onboarding: answered when a top-3 window holds an expected substring.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_TOP } from "../src/engine-api.js";
import type { Answer } from "../src/types.js";
import { baselineForCorpus, textWithTail, type BaselineHit } from "./bm25-baseline.js";
import {
  answeredOffTopic,
  containsAny,
  firstHitOf,
  labelOf,
  normalize,
  notFoundFigures,
  OUT_OF_SCOPE_FILE,
  readJsonl,
  readQuestionLines,
  withEngine,
  type EvalOptions,
  type FirstHit,
  type NotFound,
} from "./eval-common.js";

export const KINDS = ["lexical", "semantic", "onboarding", "negative"] as const;
export type Kind = (typeof KINDS)[number];

export interface PressQuestion {
  q: string;
  speaker: string | null;
  expect: string[];
  transcript: string | null;
  kind: Kind;
}

export interface PressQuestionResult {
  q: string;
  kind: Kind;
  speaker: string | null;
  expect: string[];
  found: boolean;
  /** lexical/semantic: 1-based rank of the first hit (right passage and speaker) in the top 3, or null. */
  rank: number | null;
  quoteAt1: boolean;
  speakerAt1: boolean;
  /** onboarding: an expected substring in the answer text or the top 3 hits. */
  answered: boolean;
  bm25Rank: number | null;
  bm25Answered: boolean;
  first: FirstHit | null;
  /** The bot's own answer text, when it gives one. */
  answer: string | null;
}

export interface KindFigures {
  kind: Kind;
  n: number;
  /** Questions with found: true. */
  found: number;
  /** lexical/semantic only (null otherwise). */
  hitAt1: number | null;
  hitAt3: number | null;
  quoteAt1: number | null;
  speakerAt1: number | null;
  /** onboarding only: questions answered. */
  answered: number | null;
  /** negative only: questions refused. */
  refused: number | null;
  bm25: { hitAt1: number | null; hitAt3: number | null; answered: number | null };
}

export interface PressResult {
  shape: "press";
  queries: number;
  transcripts: number;
  kinds: KindFigures[];
  /** inScope: share of lexical questions answered; outOfScope: share of the off-topic questions declined. */
  notFound: NotFound;
  mode: string;
  questions: PressQuestionResult[];
}

export function isPressSet(dir: string): boolean {
  return existsSync(join(dir, "questions.jsonl")) && existsSync(join(dir, "corpus"));
}

export function readPressQuestions(dir: string): PressQuestion[] {
  const questions = readJsonl<PressQuestion>(join(dir, "questions.jsonl"));
  for (const [i, q] of questions.entries()) {
    if (!KINDS.includes(q.kind)) throw new Error(`${join(dir, "questions.jsonl")} line ${i + 1}: unknown kind ${JSON.stringify(q.kind)}`);
    q.expect ??= [];
  }
  return questions;
}

/** Does a baseline window hold an expected substring (one that starts inside it)? */
function windowHolds(hit: BaselineHit, expected: readonly string[]): boolean {
  return expected.some((e) => containsAny(textWithTail(hit.window, normalize(e).split(" ").length - 1), [e]));
}

/** One question scored: briefbot's answer (its first three hits) and the baseline's top windows. */
export function scorePress(q: PressQuestion, answer: Answer, windows: BaselineHit[]): PressQuestionResult {
  const hits = answer.hits.slice(0, DEFAULT_TOP);
  const first = hits[0];
  const rank = hits.findIndex((h) => containsAny(h.passage, q.expect) && labelOf(h) === q.speaker);
  const bm25Rank = windows.slice(0, DEFAULT_TOP).findIndex((w) => windowHolds(w, q.expect));
  return {
    q: q.q,
    kind: q.kind,
    speaker: q.speaker,
    expect: q.expect,
    found: answer.found,
    rank: rank >= 0 ? rank + 1 : null,
    quoteAt1: !!first && containsAny(first.quote, q.expect),
    speakerAt1: !!first && q.speaker !== null && labelOf(first) === q.speaker,
    answered: containsAny(answer.answer, q.expect) || hits.some((h) => containsAny(h.passage, q.expect) || containsAny(h.quote, q.expect)),
    bm25Rank: bm25Rank >= 0 ? bm25Rank + 1 : null,
    bm25Answered: bm25Rank >= 0,
    first: firstHitOf(hits),
    answer: answer.answer ?? null,
  };
}

export async function evaluatePress(dataDir: string, options: EvalOptions): Promise<PressResult> {
  const questions = readPressQuestions(dataDir);
  const corpusDir = join(dataDir, "corpus");
  const bm25 = baselineForCorpus(corpusDir);
  const transcripts = new Set(bm25.windows.map((w) => w.file.name)).size;

  return withEngine(corpusDir, options, async (engine) => {
    const results: PressQuestionResult[] = [];
    for (const q of questions) results.push(scorePress(q, await engine.ask(q.q, { top: DEFAULT_TOP }), bm25.search(q.q, DEFAULT_TOP)));
    const outOfScope = options.outOfScope ?? readQuestionLines(OUT_OF_SCOPE_FILE);
    const lexical = results.filter((r) => r.kind === "lexical");
    return {
      shape: "press",
      queries: results.length,
      transcripts,
      kinds: KINDS.map((kind) => kindFigures(kind, results.filter((r) => r.kind === kind))).filter((k) => k.n > 0),
      notFound: notFoundFigures(lexical.filter((r) => r.found).length, lexical.length, outOfScope, await answeredOffTopic(engine, outOfScope)),
      mode: engine.mode,
      questions: results,
    };
  });
}

export function kindFigures(kind: Kind, results: PressQuestionResult[]): KindFigures {
  const n = results.length;
  const share = (test: (r: PressQuestionResult) => boolean) => (n ? results.filter(test).length / n : 0);
  const count = (test: (r: PressQuestionResult) => boolean) => results.filter(test).length;
  const ranked = kind === "lexical" || kind === "semantic";
  return {
    kind,
    n,
    found: count((r) => r.found),
    hitAt1: ranked ? share((r) => r.rank === 1) : null,
    hitAt3: ranked ? share((r) => r.rank !== null) : null,
    quoteAt1: ranked ? share((r) => r.quoteAt1) : null,
    speakerAt1: ranked ? share((r) => r.speakerAt1) : null,
    answered: kind === "onboarding" ? count((r) => r.answered) : null,
    refused: kind === "negative" ? count((r) => !r.found) : null,
    bm25: {
      hitAt1: ranked ? share((r) => r.bm25Rank === 1) : null,
      hitAt3: ranked ? share((r) => r.bm25Rank !== null) : null,
      answered: kind === "onboarding" ? count((r) => r.bm25Answered) : null,
    },
  };
}
