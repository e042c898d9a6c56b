// Hybrid retrieval: BM25 and vector rankings fused by reciprocal rank, steered toward speakers the question
// names, one hit per turn, and a calibrated "not found" when the best hit does not cover the question.
import type { Passage } from "../types.js";
import type { FieldBoost, LexicalIndex } from "../index/lexical.js";
import type { VectorIndex } from "../index/vectors.js";
import { idf, searchLexical, type TurnNeighbourhood } from "./lexical.js";
import { covers, searchTerms, type Query, type TopicTerm } from "./query.js";
import { speakerIndex, type SpeakerIndex } from "./speakers.js";
import { isCourtesy } from "../text/courtesy.js";
import { isEverydayTerm } from "../text/everyday-words.js";
import { terms } from "../text/terms.js";

export interface SearchIndex {
  passages: readonly Passage[];
  lexical: LexicalIndex;
  vectors: VectorIndex | null;
  speakers: SpeakerIndex;
  /** Position of a question passage → the speakers (places in speakers.keys) who answered its turn. */
  answerers: readonly (readonly number[] | undefined)[];
  /** "transcript#turn" of a question → position of the first passage that answers it. */
  firstAnswer: ReadonlyMap<string, number>;
  /** Text of the question a passage's turn answers (part of what the passage is "about"). */
  questionOf: (passage: Passage) => string | null;
  turns: TurnNeighbourhood;
  /** Whether the passage at a position is a courtesy ("Thank you all for coming."), never an answer. */
  courtesy: (position: number) => boolean;
  /** Passage vectors against which a question's similarities are judged (hybrid mode; empty otherwise). */
  similaritySample: Float32Array[];
}

export function searchIndex(
  passages: readonly Passage[],
  lexical: LexicalIndex,
  vectors: VectorIndex | null,
  questionOf: (passage: Passage) => string | null,
  acronyms?: ReadonlyMap<string, readonly string[]>,
): SearchIndex {
  const speakers = speakerIndex(passages, acronyms);
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
  // Worked out for the passages a question reaches, once each: not for every passage at start-up.
  const courtesyOf = new Int8Array(passages.length).fill(-1);
  const courtesy = (position: number) => {
    if (courtesyOf[position] === -1) courtesyOf[position] = isCourtesy(passages[position]!.text) ? 1 : 0;
    return courtesyOf[position] === 1;
  };
  return { passages, lexical, vectors, speakers, answerers, firstAnswer, questionOf, turns: turnNeighbourhood(passages), courtesy, similaritySample: sampleVectors(vectors) };
}

const SIMILARITY_SAMPLE = 256;

/** Evenly spaced passages' vectors: what "similar to passages in general" means for one question. */
function sampleVectors(vectors: VectorIndex | null): Float32Array[] {
  const count = vectors?.getCurrentCount() ?? 0;
  if (!vectors || count === 0) return [];
  const step = Math.max(1, Math.floor(count / SIMILARITY_SAMPLE));
  const sample: Float32Array[] = [];
  for (let label = 0; label < count && sample.length < SIMILARITY_SAMPLE; label += step) sample.push(Float32Array.from(vectors.getPoint(label)));
  return sample;
}

/**
 * Turn numbers for the neighbourhood score: consecutive within a transcript (the announcement, turn -1, first), a gap
 * of one between transcripts, and from 1, so that the turns before and after every turn have slots (no out-of-bounds
 * reads on the hot path).
 */
export function turnNeighbourhood(passages: readonly Passage[]): TurnNeighbourhood {
  const turnOf = new Int32Array(passages.length);
  let base = 2;
  let last = 0;
  passages.forEach((p, position) => {
    if (position > 0 && p.transcript !== passages[position - 1]!.transcript) base = last + 3;
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
  /**
   * BM25 weight of the passage text, the speaker's label and role, the question the passage answers (for a turn's
   * later passages a quarter of it: a long answer moves on from what was asked), and the rest of the exchange.
   */
  fieldBoost: FieldBoost;
  /** Share of the question's (IDF-weighted) topic terms one of the hits must contain to count as found... */
  minCoverage: number;
  /**
   * ...unless the best hit's similarity to the question stands this many standard deviations above the question's
   * similarity to passages in general (hybrid mode only). Relative to the question's own spread of scores, so it holds
   * for any model, whatever the range of its cosines.
   */
  minSimilarityZ: number;
  /** A hit shown beside others must cover this share of minCoverage (or stand out by similarity). */
  relatedShare: number;
  /** Share of the adjacent turns' best BM25 scores a passage earns (the discussion it sits in). */
  neighbourWeight: number;
  /** Weight of a scene-setting clause ("…when talking about X") against the rest of the question. */
  sceneWeight: number;
  /**
   * Weight of the words naming a person the question is about without asking for their words ("Did Biden discuss AUKUS
   * with Xi?"): part of the topic, but the answer may call them "the President" or "he".
   */
  personWeight: number;
  /** Multiplier for announcement passages: context, not an official's answer. */
  announcementWeight: number;
  /** BM25 scores are multiplied by (query terms matched) to this power (see LexicalSearch.coordination). */
  coordination: number;
  /** Multiplier for passages of a briefing the question names by date or title. */
  namedBriefingBoost: number;
  /**
   * A question is not covered, on keyword evidence, when words the briefings never use (everyday words aside) carry
   * this share of its topic's weight: "How does photosynthesis work in leaves?" is not answered by "paid leave"...
   */
  maxUnusedShare: number;
  /**
   * ...in an index of at least this many passages. A word's absence from one short briefing says little: a single
   * transcript may never say "journalist" or "spokesperson" and still answer the question.
   */
  absenceMinPassages: number;
}

export const DEFAULT_PARAMS: RetrievalParams = {
  depth: 60,
  rrfK: 20,
  lexicalWeight: 1,
  vectorWeight: 1,
  speakerBoost: 2,
  fieldBoost: { text: 1, speaker: 0.5, question: 0.35, laterQuestion: 0.35 / 4, context: 0.2 },
  minCoverage: 0.25,
  minSimilarityZ: 3,
  relatedShare: 0.5,
  neighbourWeight: 0.25,
  sceneWeight: 0.5,
  personWeight: 0.5,
  announcementWeight: 0.5,
  coordination: 0.25,
  namedBriefingBoost: 1.5,
  maxUnusedShare: 0.5,
  absenceMinPassages: 100,
};

/** "Found" is decided on this many candidates, whatever the number of hits asked for: the CLI's 3 and Discord's 4 agree. */
const FOUND_DEPTH = 5;

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
  query: Query,
  queryVector: Float32Array | null,
  allowed: ((position: number) => boolean) | null,
  top: number,
  params: RetrievalParams = DEFAULT_PARAMS,
): Retrieval {
  const fused = new Map<number, number>();
  const similarity = new Map<number, number>();
  const add = (position: number, rank: number, weight: number) =>
    fused.set(position, (fused.get(position) ?? 0) + weight / (params.rrfK + rank + 1));

  const { asked } = query;
  const byAsked = (position: number) => asked.has(index.speakers.ofPassage[position]!);
  const steered = (position: number) => byAsked(position) || putTo(index, position, asked);
  // The named speaker's best passages, and the questions put to them, enter the race even when other speakers use
  // the words more often.
  const lexical = searchLexical(index.lexical, searchTerms(query), {
    allowed,
    limit: params.depth,
    boost: params.fieldBoost,
    within: asked.size > 0 ? steered : null,
    neighbours: params.neighbourWeight > 0 ? { turns: index.turns, weight: params.neighbourWeight } : null,
    coordination: params.coordination,
  });
  lexical.hits.forEach((hit, rank) => add(hit.position, rank, params.lexicalWeight));
  lexical.withinHits.forEach((hit, rank) => add(hit.position, rank, params.lexicalWeight));

  let similarityZ: (value: number) => number = () => 0;
  if (index.vectors && queryVector && index.vectors.getCurrentCount() > 0) {
    const k = Math.min(params.depth, index.vectors.getCurrentCount());
    const result = index.vectors.searchKnn(Array.from(queryVector), k, allowed ?? undefined);
    result.neighbors.forEach((position, rank) => {
      similarity.set(position, 1 - result.distances[rank]!);
      add(position, rank, params.vectorWeight);
    });
    similarityZ = similarityStanding(similaritiesTo(queryVector, index.similaritySample));
  }

  const best = params.lexicalWeight / (params.rrfK + 1) + (queryVector && index.vectors ? params.vectorWeight / (params.rrfK + 1) : 0);
  const scored = [...fused].map(([position, raw]) => {
    const boosted = asked.size > 0 && steered(position);
    // The announcement is quotable, but a question about what was said is answered by someone who said it.
    const announced = index.passages[position]!.turn < 0 ? params.announcementWeight : 1;
    // A briefing the question names by date or title ("in November 2021") is where to look first.
    const named = query.briefings?.has(index.passages[position]!.transcript) ? params.namedBriefingBoost : 1;
    return { position, score: (raw / best) * (boosted ? params.speakerBoost : 1) * announced * named };
  });
  scored.sort((a, b) => b.score - a.score || a.position - b.position);
  // Answers are what users came for: a matching question stands for the official answer it got. Unless the question
  // asks for the asker's own words ("What was Sian Gwenllian's concern…") and not whoever answered.
  for (const hit of scored) {
    if (!byAsked(hit.position) || putTo(index, hit.position, asked)) hit.position = answerTo(index, hit.position, scored, allowed);
  }
  // Askers' words are not answers, and "Thank you all for coming." answers nothing.
  const answers = scored.filter(
    ({ position }) => (!index.passages[position]!.isQuestion || byAsked(position)) && !index.courtesy(position),
  );

  const topic = query.topic.filter((t) => t.known);
  const weights = topicWeights(index, query.topic);
  const covered = new Map<number, { share: number; matched: number }>();
  const coverOf = (position: number) => {
    if (!covered.has(position)) covered.set(position, coverage(index, index.passages[position]!, query.topic, weights));
    return covered.get(position)!;
  };
  const toRanked = ({ position, score }: { position: number; score: number }): Ranked => ({
    position,
    score,
    coverage: coverOf(position).share,
    similarity: similarity.get(position) ?? null,
  });
  // Coverage is worked out only as far as needed: most questions are decided by their first candidate or two.
  const candidates = foldByTurn(index, answers, Math.max(top, FOUND_DEPTH));
  const found =
    answeredByKeywords(index, query, topic, weights, candidates, coverOf, params) ||
    candidates.some(({ position }) => {
      const cosine = similarity.get(position);
      return cosine !== undefined && similarityZ(cosine) >= params.minSimilarityZ;
    });
  if (!found) return { ranked: candidates.slice(0, top).map(toRanked), found };
  // Hits that barely touch the question ("work" for "back at work at Foxconn") are not quoted beside real answers,
  // unless they are the words of the speaker the question asks about. They make way for related hits further down.
  const related = (r: Ranked) =>
    byAsked(r.position) ||
    r.coverage >= params.minCoverage * params.relatedShare ||
    (r.similarity !== null && similarityZ(r.similarity) >= params.minSimilarityZ);
  return { ranked: foldByTurn(index, answers, top, (hit) => related(toRanked(hit))).map(toRanked), found };
}

/**
 * Whether the briefings answer the question, on keyword evidence. Not when one of its names ("Suez", "TikTok") never
 * occurs in them: the strongest sign of a question they do not cover; nor when words they never use carry much of it
 * ("photosynthesis", "bitcoin"). Otherwise when a candidate holds enough of its distinctive words: a share of their
 * weight (words the briefings never use weigh most), and two of them at least ("apple" alone does not answer "the
 * recipe for apple pie").
 */
function answeredByKeywords(
  index: SearchIndex,
  query: Query,
  knownTopic: readonly TopicTerm[],
  weights: readonly number[],
  candidates: readonly { position: number }[],
  coverOf: (position: number) => { share: number; matched: number },
  params: RetrievalParams,
): boolean {
  if (query.topic.some((t) => t.proper && !t.known)) return false;
  if (index.lexical.documentCount >= params.absenceMinPassages && unusedShare(query.topic, weights) >= params.maxUnusedShare) return false;
  // One word is enough when the briefings use every word of the question as typed; otherwise two (a corrected word is
  // weaker evidence: it does not make a question covered that its own words would not).
  const needed = query.topic.every((t) => t.known && !t.correctedTo) ? 1 : Math.min(2, knownTopic.length);
  if (needed === 0) return false;
  return candidates.some(({ position }) => {
    const { share, matched } = coverOf(position);
    return share >= params.minCoverage && matched >= needed;
  });
}

/**
 * Share of the topic's weight (IDF, words the briefings never use weighing most) carried by words the briefings never
 * use. An everyday word they never use counts neither way: one transcript may just not happen to say "bring" or
 * "back", and an unused "pie" must not dilute an unused "recipe".
 */
function unusedShare(topic: readonly TopicTerm[], weights: readonly number[]): number {
  let unused = 0;
  let total = 0;
  topic.forEach((t, i) => {
    const unusedHere = !t.known;
    if (unusedHere && isEverydayTerm(t.term)) return;
    total += weights[i]!;
    if (unusedHere) unused += weights[i]!;
  });
  return total > 0 ? unused / total : 0;
}

/** The question's similarity to each sampled passage vector (vectors are normalised: the dot product is the cosine). */
function similaritiesTo(queryVector: Float32Array, sample: readonly Float32Array[]): number[] {
  return sample.map((v) => {
    let dot = 0;
    for (let i = 0; i < v.length; i++) dot += v[i]! * queryVector[i]!;
    return dot;
  });
}

/**
 * How far a similarity stands above the question's similarities to passages in general, in standard deviations.
 * Relative to the question's own spread, so one threshold holds for any model: a model whose cosines all sit in
 * 0.7–0.9 and one whose sit in 0.0–0.5 give the same standing to the same relative position.
 */
export function similarityStanding(similarities: readonly number[]): (value: number) => number {
  if (similarities.length < 2) return () => 0;
  const mean = similarities.reduce((a, b) => a + b, 0) / similarities.length;
  const deviation = Math.sqrt(similarities.reduce((a, b) => a + (b - mean) ** 2, 0) / similarities.length) || 1e-9;
  return (value) => (value - mean) / deviation;
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

/**
 * How much each topic term weighs: its IDF (or that of the rarer way of saying it), times its weight in the question.
 * Words the briefings never use weigh most.
 */
function topicWeights(index: SearchIndex, topic: readonly TopicTerm[]): number[] {
  return topic.map((t) => t.weight * Math.max(idf(index.lexical, t.term), ...t.alternatives.map((a) => Math.min(...a.map((term) => idf(index.lexical, term))))));
}

/**
 * IDF-weighted share of the question's topic found in the passage or the question it answers, and how many of its
 * terms matched. Words the briefings never use count at the weight of the rarest word (they are the most distinctive
 * of all); a corrected word counts half (weaker evidence than the word as typed).
 */
function coverage(index: SearchIndex, passage: Passage, topic: readonly TopicTerm[], weights: readonly number[]): { share: number; matched: number } {
  if (topic.length === 0) return { share: 0, matched: 0 };
  const present = new Set(terms(`${passage.text} ${index.questionOf(passage) ?? ""}`));
  // A long question is answered by a passage that covers its main points, not every word of it.
  const total = [...weights].sort((a, b) => b - a).slice(0, MAIN_POINTS).reduce((sum, w) => sum + w, 0);
  let covered = 0;
  let matched = 0;
  topic.forEach((t, i) => {
    if (!t.known || !covers(present, t)) return;
    covered += t.correctedTo ? weights[i]! / 2 : weights[i]!;
    matched++;
  });
  return { share: total > 0 ? Math.min(1, covered / total) : 0, matched };
}
