// The QMSum layout: DIR holds transcripts, queries.jsonl ({transcript, query, relevant_turns}) and
// turns/<name>.json ({speaker, text}[]: the turns as labelled, for speaker exactness).
//
// briefbot: each question is searched within its own transcript, top 10; a hit is a returned passage inside an
// annotated relevant turn; a question the engine declines counts as a miss. "Not found" is judged apart, as a
// user meets it: every question asked of the whole corpus with the bot's three hits.
//
// Plain BM25 (scripts/bm25-baseline.ts), under the same conditions (own transcript, top 10): a window is a hit
// when it holds at least 8 consecutive words of a relevant turn, or the whole turn when the turn is shorter.
// Turns are found in the file by their text, in order.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_TOP } from "../src/engine-api.js";
import { baselineForCorpus, type Bm25, type Window } from "./bm25-baseline.js";
import {
  answeredOffTopic,
  firstHitOf,
  notFoundFigures,
  OUT_OF_SCOPE_FILE,
  readJsonl,
  readQuestionLines,
  withEngine,
  type EvalOptions,
  type FirstHit,
  type NotFound,
} from "./eval-common.js";

const TOP = 10;
/** The baseline's window must hold this many consecutive words of a relevant turn (or all of a shorter turn). */
export const OVERLAP_WORDS = 8;

export interface EvalQuery {
  transcript: string;
  query: string;
  relevant_turns: number[];
}

export interface QmsumQuestionResult {
  query: string;
  transcript: string;
  relevantTurns: number[];
  found: boolean;
  /** 1-based rank of the first relevant hit in the top 10, or null. */
  rank: number | null;
  bm25Rank: number | null;
  first: FirstHit | null;
}

export interface RankFigures {
  hitAt1: number;
  hitAt5: number;
  mrrAt10: number;
}

export interface EvalResult extends RankFigures {
  shape: "qmsum";
  queries: number;
  /** Share of returned hits whose cited speaker equals the annotated label of their turn. */
  speakerExactness: number;
  /** Share of questions answered (found: true). */
  answered: number;
  /** inScope: share of the annotated questions answered; outOfScope: share of the off-topic questions declined. */
  notFound: NotFound;
  bm25: RankFigures;
  mode: string;
  questions: QmsumQuestionResult[];
}

export function isQmsumSet(dir: string): boolean {
  return existsSync(join(dir, "queries.jsonl"));
}

function rankFigures(ranks: (number | null)[]): RankFigures {
  const n = Math.max(1, ranks.length);
  return {
    hitAt1: ranks.filter((r) => r === 1).length / n,
    hitAt5: ranks.filter((r) => r !== null && r <= 5).length / n,
    mrrAt10: ranks.reduce<number>((sum, r) => sum + (r !== null && r <= TOP ? 1 / r : 0), 0) / n,
  };
}

export async function evaluateQmsum(dataDir: string, options: EvalOptions): Promise<EvalResult> {
  const queries = readJsonl<EvalQuery>(join(dataDir, "queries.jsonl"));
  const turnsOf = cached((transcript: string) =>
    JSON.parse(readFileSync(join(dataDir, "turns", transcript.replace(/\.[^.]+$/, ".json")), "utf8")) as { speaker: string; text: string }[],
  );
  const bm25 = baselineForCorpus(dataDir);
  const turnWordsOf = cached((transcript: string) => locateTurns(bm25, transcript, turnsOf(transcript)));

  // The folder also holds turns/*.json, the annotation: briefbot, which reads subfolders, must see the transcripts only.
  return withEngine(dataDir, { ...options, topLevelOnly: true }, async (engine) => {
    const questions: QmsumQuestionResult[] = [];
    let answered = 0, cited = 0, exact = 0;
    for (const q of queries) {
      const answer = await engine.ask(q.query, { transcript: q.transcript, top: TOP });
      if (answer.found) answered++;
      const relevant = new Set(q.relevant_turns);
      const first = answer.hits.findIndex((h) => relevant.has(h.source.turn));
      for (const h of answer.hits) {
        cited++;
        if (turnsOf(q.transcript)[h.source.turn]?.speaker === h.speaker) exact++;
      }
      const turnWords = turnWordsOf(q.transcript);
      const windows = bm25.search(q.query, TOP, (w) => w.file.name === q.transcript);
      const bm25First = windows.findIndex((hit) => q.relevant_turns.some((t) => turnWords[t] && overlapsTurn(hit.window, turnWords[t]!)));
      questions.push({
        query: q.query,
        transcript: q.transcript,
        relevantTurns: q.relevant_turns,
        found: answer.found,
        rank: first >= 0 ? first + 1 : null,
        bm25Rank: bm25First >= 0 ? bm25First + 1 : null,
        first: firstHitOf(answer.hits),
      });
    }
    let inScope = 0;
    for (const q of queries) if ((await engine.ask(q.query, { top: DEFAULT_TOP })).found) inScope++;
    const outOfScope = options.outOfScope ?? readQuestionLines(OUT_OF_SCOPE_FILE);
    const n = queries.length;
    return {
      shape: "qmsum",
      queries: n,
      ...rankFigures(questions.map((q) => q.rank)),
      speakerExactness: cited ? exact / cited : 1,
      answered: answered / n,
      notFound: notFoundFigures(inScope, n, outOfScope, await answeredOffTopic(engine, outOfScope)),
      bm25: rankFigures(questions.map((q) => q.bm25Rank)),
      mode: engine.mode,
      questions,
    };
  });
}

/** Each turn's words [first, end) in the baseline's copy of the file, found by its text in order; null when not found. */
function locateTurns(bm25: Bm25, transcript: string, turns: { text: string }[]): ([number, number] | null)[] {
  const file = bm25.windows.find((w) => w.file.name === transcript)?.file;
  if (!file) return turns.map(() => null);
  let cursor = 0;
  let word = 0;
  let missing = 0;
  const located = turns.map((turn): [number, number] | null => {
    const text = turn.text.trim();
    const start = text ? file.text.indexOf(text, cursor) : -1;
    if (start < 0) {
      if (text) missing++;
      return null;
    }
    cursor = start + text.length;
    while (word < file.words.length && file.words[word]![0] < start) word++;
    const first = word;
    while (word < file.words.length && file.words[word]![1] <= cursor) word++;
    return [first, word];
  });
  if (missing) console.error(`warning: ${missing} turn(s) of turns/${transcript} not found in its text: the BM25 baseline cannot score them`);
  return located;
}

/** Does the window hold at least OVERLAP_WORDS consecutive words of the turn (its words [first, end)), or all of a shorter turn? */
export function overlapsTurn(window: Window, [first, end]: [number, number]): boolean {
  const overlap = Math.min(end, window.endWord) - Math.max(first, window.firstWord);
  return overlap > 0 && overlap >= Math.min(OVERLAP_WORDS, end - first);
}

function cached<T>(compute: (key: string) => T): (key: string) => T {
  const values = new Map<string, T>();
  return (key) => {
    if (!values.has(key)) values.set(key, compute(key));
    return values.get(key)!;
  };
}
