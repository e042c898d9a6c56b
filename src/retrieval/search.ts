// Hybrid retrieval: BM25 and vector rankings fused by reciprocal rank, steered toward speakers the question
// names, one hit per turn, and a calibrated "not found" when the best hit does not cover the question.
import type hnswlib from "hnswlib-node";
import type { Passage } from "../types.js";
import { idf, searchLexical, type FieldBoost, type LexicalIndex } from "./lexical.js";
import { mentionedSpeakers, speakerIndex, withoutNames, type SpeakerIndex } from "./speakers.js";
import { contentTerms, termOf, terms } from "./terms.js";

export interface SearchIndex {
  passages: readonly Passage[];
  lexical: LexicalIndex;
  vectors: hnswlib.HierarchicalNSW | null;
  speakers: SpeakerIndex;
  /** Position of a question passage → the speakers (places in speakers.keys) who answered its turn. */
  answerers: readonly (readonly number[] | undefined)[];
  /** "transcript#turn" of a question → position of the first passage that answers it. */
  firstAnswer: ReadonlyMap<string, number>;
  /** Text of the question a passage's turn answers (part of what the passage is "about"). */
  questionOf: (passage: Passage) => string | null;
}

export function searchIndex(
  passages: readonly Passage[],
  lexical: LexicalIndex,
  vectors: hnswlib.HierarchicalNSW | null,
  questionOf: (passage: Passage) => string | null,
): SearchIndex {
  const speakers = speakerIndex(passages);
  const answeredBy = new Map<string, Set<number>>();
  const firstAnswer = new Map<string, number>();
  for (const [position, p] of passages.entries()) {
    if (p.inResponseTo === null) continue;
    const key = `${p.transcript}#${p.inResponseTo}`;
    if (!firstAnswer.has(key)) firstAnswer.set(key, position);
    if (!answeredBy.has(key)) answeredBy.set(key, new Set());
    answeredBy.get(key)!.add(speakers.ofPassage[position]!);
  }
  // By position, so that steering can test every passage a query touches without building keys.
  const answerers = passages.map((p) => (p.isQuestion ? [...(answeredBy.get(`${p.transcript}#${p.turn}`) ?? [])] : undefined));
  return { passages, lexical, vectors, speakers, answerers, firstAnswer, questionOf };
}

export interface RetrievalParams {
  /** Candidates taken from each ranking before fusion. */
  depth: number;
  /** Reciprocal-rank-fusion constant. */
  rrfK: number;
  lexicalWeight: number;
  vectorWeight: number;
  /** Multiplier for passages of a speaker the question names (and the question turns put to them). */
  speakerBoost: number;
  /** BM25 weight of the passage text, the speaker's label and role, and the question the passage answers. */
  fieldBoost: FieldBoost;
  /** Share of the question's (IDF-weighted) topic terms one of the hits must contain to count as found... */
  minCoverage: number;
  /** ...unless its cosine similarity to the question reaches this (hybrid mode only). */
  minSimilarity: number;
  /** A hit shown beside others must cover this share of minCoverage (or reach minSimilarity). */
  relatedShare: number;
}

export const DEFAULT_PARAMS: RetrievalParams = {
  depth: 60,
  rrfK: 20,
  lexicalWeight: 1,
  vectorWeight: 1,
  speakerBoost: 2,
  fieldBoost: { text: 1, speaker: 0.5, question: 0.35, context: 0.2 },
  minCoverage: 0.25,
  minSimilarity: 0.5,
  relatedShare: 0.5,
};

export interface Ranked {
  position: number;
  /** Fused ranking score scaled so that first place in every ranking scores 1 (the speaker boost can add to it). */
  score: number;
  /** IDF-weighted share of the question's topic terms (not the speaker's name) this passage or its question contains. */
  coverage: number;
  /** Cosine similarity to the question, when vectors were searched. */
  similarity: number | null;
}

export interface Retrieval {
  ranked: Ranked[];
  found: boolean;
}

export function retrieve(
  index: SearchIndex,
  question: string,
  queryVector: Float32Array | null,
  allowed: ((position: number) => boolean) | null,
  top: number,
  params: RetrievalParams = DEFAULT_PARAMS,
): Retrieval {
  const fused = new Map<number, number>();
  const similarity = new Map<number, number>();
  const add = (position: number, rank: number, weight: number) =>
    fused.set(position, (fused.get(position) ?? 0) + weight / (params.rrfK + rank + 1));

  const mentioned = mentionedSpeakers(question, index.speakers);
  const byMentioned = (position: number) => mentioned.has(index.speakers.ofPassage[position]!);
  const steered = (position: number) => byMentioned(position) || askedOfMentioned(index, position, mentioned);
  // A name says whose words to quote, not what they are about: steering takes care of it, and the words themselves
  // would otherwise favour whoever introduces or addresses the speaker ("I'm pleased to welcome Kirsty Williams").
  const topic = mentioned.size > 0 ? withoutNames(question, index.speakers, mentioned) : question;
  const lexicalQuery = contentTerms(topic).length > 0 ? topic : question;
  // The named speaker's best passages, and the questions put to them, enter the race even when other speakers use
  // the words more often.
  const lexical = searchLexical(index.lexical, lexicalQuery, allowed, params.depth, params.fieldBoost, mentioned.size > 0 ? steered : null);
  lexical.hits.forEach((hit, rank) => add(hit.position, rank, params.lexicalWeight));
  lexical.withinHits.forEach((hit, rank) => add(hit.position, rank, params.lexicalWeight));

  if (index.vectors && queryVector && index.vectors.getCurrentCount() > 0) {
    const k = Math.min(params.depth, index.vectors.getCurrentCount());
    const result = index.vectors.searchKnn(Array.from(queryVector), k, allowed ?? undefined);
    result.neighbors.forEach((position, rank) => {
      similarity.set(position, 1 - result.distances[rank]!);
      add(position, rank, params.vectorWeight);
    });
  }

  const best = params.lexicalWeight / (params.rrfK + 1) + (queryVector && index.vectors ? params.vectorWeight / (params.rrfK + 1) : 0);
  const scored = [...fused].map(([position, raw]) => {
    const boosted = mentioned.size > 0 && steered(position);
    return { position, score: (raw / best) * (boosted ? params.speakerBoost : 1) };
  });
  scored.sort((a, b) => b.score - a.score || a.position - b.position);
  // Answers are what users came for: a matching question stands for the official answer it got.
  for (const hit of scored) hit.position = answerTo(index, hit.position, scored, allowed);
  const chosen = foldByTurn(index, scored, top);

  // Naming a speaker says whose words to quote, not what they are about: those terms do not count as covered.
  const namingTerms = new Set(
    [...mentioned].flatMap((speaker) => index.speakers.keys[speaker]!.keys.flat().flatMap((w) => termOf(w) ?? [])),
  );
  const questionTerms = contentTerms(question).filter((t) => !namingTerms.has(t));
  const covers = chosen.map(({ position }) => coverage(index, index.passages[position]!, questionTerms));
  const ranked: Ranked[] = chosen.map(({ position, score }, i) => ({
    position,
    score,
    coverage: covers[i]!.share,
    similarity: similarity.get(position) ?? null,
  }));
  // Found when a hit covers enough of the question's topic: with two of its words at least ("apple" alone does
  // not answer "the recipe for apple pie"), or with one when every topic word occurs in the briefings at all
  // (words they never use — "recipe", "Everest" — mark a question they do not cover).
  const allKnown = questionTerms.length > 0 && questionTerms.every((t) => index.lexical.documentFrequency.has(t));
  const found =
    covers.some((c) => c.share >= params.minCoverage && (allKnown || c.matched >= Math.min(2, questionTerms.length))) ||
    ranked.some((r) => r.similarity !== null && r.similarity >= params.minSimilarity);
  // Hits that barely touch the question ("work" for "back at work at Foxconn") are not quoted beside real answers.
  const related = (r: Ranked) => r.coverage >= params.minCoverage * params.relatedShare || (r.similarity ?? 0) >= params.minSimilarity;
  return { ranked: found ? ranked.filter(related) : ranked, found };
}

/** The best-ranked passage answering a question passage (the first answer when none ranked); other passages as they are. */
function answerTo(
  index: SearchIndex,
  position: number,
  scored: readonly { position: number }[],
  allowed: ((position: number) => boolean) | null,
): number {
  const question = index.passages[position]!;
  if (!question.isQuestion) return position;
  const answers = (p: Passage) => p.transcript === question.transcript && p.inResponseTo === question.turn;
  const answer = scored.find((s) => answers(index.passages[s.position]!))?.position ?? index.firstAnswer.get(`${question.transcript}#${question.turn}`);
  return answer !== undefined && (!allowed || allowed(answer)) ? answer : position;
}

/**
 * Passages of one turn fold into its best one; only when distinct turns run out do other passages of a
 * turn already shown come back, and never one next to a passage already chosen.
 */
function foldByTurn<T extends { position: number }>(index: SearchIndex, scored: readonly T[], top: number): T[] {
  const chosen: T[] = [];
  const turnsTaken = new Set<string>();
  for (const hit of scored) {
    if (chosen.length >= top) break;
    const p = index.passages[hit.position]!;
    if (turnsTaken.has(`${p.transcript}#${p.turn}`)) continue;
    turnsTaken.add(`${p.transcript}#${p.turn}`);
    chosen.push(hit);
  }
  for (const hit of scored) {
    if (chosen.length >= top) break;
    const p = index.passages[hit.position]!;
    const touches = chosen.some(({ position }) => {
      const q = index.passages[position]!;
      return q.transcript === p.transcript && q.turn === p.turn && Math.abs(q.part - p.part) <= 1;
    });
    if (!touches) chosen.push(hit);
  }
  return chosen;
}

/** A question turn put to a speaker the question names belongs to the same exchange. */
function askedOfMentioned(index: SearchIndex, position: number, mentioned: ReadonlySet<number>): boolean {
  return index.answerers[position]?.some((speaker) => mentioned.has(speaker)) ?? false;
}

const MAIN_POINTS = 5;

/** IDF-weighted share of the question's topic terms found in the passage or the question it answers, and how many matched. */
function coverage(index: SearchIndex, passage: Passage, questionTerms: readonly string[]): { share: number; matched: number } {
  if (questionTerms.length === 0) return { share: 0, matched: 0 };
  const present = new Set(terms(`${passage.text} ${index.questionOf(passage) ?? ""}`));
  const weights = questionTerms.map((term) => idf(index.lexical, term));
  // A long question is answered by a passage that covers its main points, not every word of it.
  const total = [...weights].sort((a, b) => b - a).slice(0, MAIN_POINTS).reduce((sum, w) => sum + w, 0);
  let covered = 0;
  let matched = 0;
  questionTerms.forEach((term, i) => {
    if (!present.has(term)) return;
    covered += weights[i]!;
    matched++;
  });
  return { share: total > 0 ? Math.min(1, covered / total) : 0, matched };
}
