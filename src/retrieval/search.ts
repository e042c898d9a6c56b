// Hybrid retrieval: BM25 and vector rankings fused by reciprocal rank, steered toward speakers the question
// names, one hit per turn, and a calibrated "not found" when the best hit does not cover the question.
import type hnswlib from "hnswlib-node";
import type { Passage } from "../types.js";
import { idf, searchLexical, type FieldBoost, type LexicalIndex, type QueryPart, type TurnNeighbourhood } from "./lexical.js";
import { namedSpeakers, speakerIndex, withoutNames, type SpeakerIndex } from "./speakers.js";
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
  turns: TurnNeighbourhood;
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
  return { passages, lexical, vectors, speakers, answerers, firstAnswer, questionOf, turns: turnNeighbourhood(passages) };
}

/**
 * Turn numbers for the neighbourhood score: consecutive within a transcript, a gap of one between transcripts, and
 * from 1, so that the turns before and after every turn have slots (no out-of-bounds reads on the hot path).
 */
export function turnNeighbourhood(passages: readonly Passage[]): TurnNeighbourhood {
  const turnOf = new Int32Array(passages.length);
  let base = 1;
  let last = 0;
  passages.forEach((p, position) => {
    if (position > 0 && p.transcript !== passages[position - 1]!.transcript) base = last + 2;
    turnOf[position] = base + p.turn;
    last = Math.max(last, turnOf[position]!);
  });
  return { turnOf, turnBest: new Float64Array(passages.length ? last + 2 : 0) };
}

export interface RetrievalParams {
  /** Candidates taken from each ranking before fusion. */
  depth: number;
  /** Reciprocal-rank-fusion constant. */
  rrfK: number;
  lexicalWeight: number;
  vectorWeight: number;
  /** Multiplier for passages of a speaker the question asks about (and the question turns put to them). */
  speakerBoost: number;
  /** BM25 weight of the passage text, the speaker's label and role, and the question the passage answers. */
  fieldBoost: FieldBoost;
  /** Share of the question's (IDF-weighted) topic terms one of the hits must contain to count as found... */
  minCoverage: number;
  /** ...unless its cosine similarity to the question reaches this (hybrid mode only). */
  minSimilarity: number;
  /** A hit shown beside others must cover this share of minCoverage (or reach minSimilarity). */
  relatedShare: number;
  /** Share of the adjacent turns' best BM25 scores a passage earns (the discussion it sits in). */
  neighbourWeight: number;
  /** Weight of a scene-setting clause ("…when talking about X") against the rest of the question. */
  sceneWeight: number;
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
  neighbourWeight: 0.25,
  sceneWeight: 0.5,
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

  // Steering follows whom the question asks about; everyone it names is left out of its topic.
  const { all: named, asked } = namedSpeakers(question, index.speakers);
  const byAsked = (position: number) => asked.has(index.speakers.ofPassage[position]!);
  const steered = (position: number) => byAsked(position) || putTo(index, position, asked);
  // A name says whose words to quote, not what they are about: steering takes care of it, and the words themselves
  // would otherwise favour whoever introduces or addresses the speaker ("I'm pleased to welcome Kirsty Williams").
  const topic = named.size > 0 ? withoutNames(question, index.speakers, named) : question;
  const lexicalQuery = questionParts(contentTerms(topic).length > 0 ? topic : question, params.sceneWeight);
  // The named speaker's best passages, and the questions put to them, enter the race even when other speakers use
  // the words more often.
  const lexical = searchLexical(index.lexical, lexicalQuery, {
    allowed,
    limit: params.depth,
    boost: params.fieldBoost,
    within: asked.size > 0 ? steered : null,
    neighbours: params.neighbourWeight > 0 ? { turns: index.turns, weight: params.neighbourWeight } : null,
  });
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
    const boosted = asked.size > 0 && steered(position);
    return { position, score: (raw / best) * (boosted ? params.speakerBoost : 1) };
  });
  scored.sort((a, b) => b.score - a.score || a.position - b.position);
  // Answers are what users came for: a matching question stands for the official answer it got.
  // Unless the question names the asker and not whoever answered: "What was Sian Gwenllian's concern…" wants her own
  // words, "What did Tracey Breheny reply to Sian Gwenllian…" the answer.
  for (const hit of scored) {
    if (!byAsked(hit.position) || putTo(index, hit.position, asked)) hit.position = answerTo(index, hit.position, scored, allowed);
  }
  const chosen = foldByTurn(index, scored, top);

  // Naming a speaker says whose words to quote, not what they are about: those terms do not count as covered.
  const namingTerms = new Set(
    [...named].flatMap((speaker) => index.speakers.keys[speaker]!.keys.flat().flatMap((w) => termOf(w) ?? [])),
  );
  const questionTerms = contentTerms(question).filter((t) => !namingTerms.has(t));
  const covered = new Map<number, { share: number; matched: number }>();
  const coverOf = (position: number) => {
    if (!covered.has(position)) covered.set(position, coverage(index, index.passages[position]!, questionTerms));
    return covered.get(position)!;
  };
  const toRanked = ({ position, score }: { position: number; score: number }): Ranked => ({
    position,
    score,
    coverage: coverOf(position).share,
    similarity: similarity.get(position) ?? null,
  });
  const ranked = chosen.map(toRanked);
  // Found when a hit covers enough of the question's topic: with two of its words at least ("apple" alone does
  // not answer "the recipe for apple pie"), or with one when every topic word occurs in the briefings at all
  // (words they never use — "recipe", "Everest" — mark a question they do not cover).
  const allKnown = questionTerms.length > 0 && questionTerms.every((t) => index.lexical.documentFrequency.has(t));
  const found =
    ranked.some((r) => r.coverage >= params.minCoverage && (allKnown || coverOf(r.position).matched >= Math.min(2, questionTerms.length))) ||
    ranked.some((r) => r.similarity !== null && r.similarity >= params.minSimilarity);
  if (!found) return { ranked, found };
  // Hits that barely touch the question ("work" for "back at work at Foxconn") are not quoted beside real answers,
  // unless they are the words of the speaker the question asks about. They make way for related hits further down.
  const related = (r: Ranked) => byAsked(r.position) || r.coverage >= params.minCoverage * params.relatedShare || (r.similarity ?? 0) >= params.minSimilarity;
  return { ranked: foldByTurn(index, scored, top, (hit) => related(toRanked(hit))).map(toRanked), found };
}

// "What did X think about A when talking about B?": B says where in the briefing, A what is asked.
const SCENE_SETTING = /\b(?:when|while)\s+(?:talking|discussing|answering|asked|speaking|responding|debating)\b/i;

/** The question as weighted parts: a trailing scene-setting clause counts `sceneWeight` against the rest. */
export function questionParts(question: string, sceneWeight: number): QueryPart[] {
  const scene = SCENE_SETTING.exec(question);
  if (!scene || scene.index === 0) return [{ text: question, weight: 1 }];
  return [
    { text: question.slice(0, scene.index), weight: 1 },
    { text: question.slice(scene.index), weight: sceneWeight },
  ];
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
 * turn already shown come back, and never one next to a passage already chosen. Hits `keep` refuses are passed over.
 */
function foldByTurn<T extends { position: number }>(
  index: SearchIndex,
  scored: readonly T[],
  top: number,
  keep: (hit: T) => boolean = () => true,
): T[] {
  const chosen: T[] = [];
  const turnsTaken = new Set<string>();
  for (const hit of scored) {
    if (chosen.length >= top) break;
    const p = index.passages[hit.position]!;
    if (turnsTaken.has(`${p.transcript}#${p.turn}`) || !keep(hit)) continue;
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
    if (!touches && keep(hit)) chosen.push(hit);
  }
  return chosen;
}

/** A question turn put to a speaker the question asks about belongs to the same exchange. */
function putTo(index: SearchIndex, position: number, asked: ReadonlySet<number>): boolean {
  return index.answerers[position]?.some((speaker) => asked.has(speaker)) ?? false;
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
