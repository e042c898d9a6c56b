// Searching the BM25 index (src/index/lexical.ts): scores by field, weighted by boost, with the turns around a
// passage as its neighbourhood.
import { FIELDS, type FieldBoost, type LexicalIndex } from "../index/lexical.js";
import { queryTermOf, words } from "../text/terms.js";

/** BM25 term-frequency saturation k, length normalisation b, and d, a floor each matching term earns (BM25+). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** Inverse document frequency of a term; unseen terms weigh most. */
export function idf(index: LexicalIndex, term: string): number {
  const df = index.documentFrequency.get(term) ?? 0;
  return Math.log(1 + (index.documentCount - df + 0.5) / (df + 0.5));
}

/**
 * The concepts a passage matches are counted in these units: whole numbers, so that the coordination factor of every
 * possible count is worked out once per query. Shares of a half, a third, a quarter, a fifth or a sixth are exact.
 */
const SHARE_UNITS = 60;

export interface LexicalHit {
  position: number;
  score: number;
}

/**
 * Part of a question and how much its words count ("…when talking about X" sets the scene: it counts less): as text,
 * or as index terms already analysed (src/retrieval/query.ts).
 */
export type QueryPart = { text: string; weight: number } | QueryTerms;

/** Index terms already analysed, with the part of one concept each is (1 unless given; see LexicalSearch.coordination). */
export interface QueryTerms {
  terms: readonly string[];
  weight: number;
  share?: number;
}

/**
 * Turns as neighbours: `turnOf[position]` numbers each passage's turn so that adjacent turns of one transcript differ
 * by 1 and turns of different transcripts by more; `turnBest` is scratch space, zeros, one slot per number.
 */
export interface TurnNeighbourhood {
  turnOf: Int32Array;
  turnBest: Float64Array;
}

export interface LexicalSearch {
  allowed: ((position: number) => boolean) | null;
  limit: number;
  boost: FieldBoost;
  /** Also rank this subset (a named speaker's passages) from the same scores: one pass over the postings, not two. */
  within?: ((position: number) => boolean) | null;
  /**
   * A topic is discussed over several turns: each passage also earns `weight` × the mean of the best scores in the
   * turns just before and after it, so an answer inside the discussion beats a passing mention elsewhere.
   */
  neighbours?: { turns: TurnNeighbourhood; weight: number } | null;
  /**
   * The sum is multiplied by (the question's concepts matched) ^ coordination. Each distinct query term counts as one
   * concept, or as its share of one (QueryPart.share): the three words of "Strategic Petroleum Reserve" together count
   * as the one concept they are, so a passage with all three does not beat one with "reserve" and the question's rarer
   * "emergency" by matching more. MiniSearch's power of 1 lets a passage that repeats many common words of a long
   * question ("course", "July", "2022") beat the one with its rare word ("Paxlovid"); a smaller power keeps the
   * preference for matching more of the question without that.
   */
  coordination?: number;
}

/**
 * BM25 scores by passage position, best first (ties: the document the query reached first). Each field's score is
 * weighted by its boost; the sum is multiplied by a power of how many distinct query terms the passage contains, so a
 * passage that matches more of the question beats one that repeats a single word.
 */
export function searchLexical(
  index: LexicalIndex,
  query: string | readonly QueryPart[],
  { allowed, limit, boost, within = null, neighbours = null, coordination = 1 }: LexicalSearch,
): { hits: LexicalHit[]; withinHits: LexicalHit[] } {
  const { scores, matched, lastTerm, touched } = index.scratch;
  let touchedCount = 0;
  const multiplicity = new Map<number, number>();
  const shareOf = new Map<number, number>();
  for (const part of typeof query === "string" ? [{ text: query, weight: 1 }] : query) {
    const partTerms = "terms" in part ? part.terms : words(part.text).map(queryTermOf);
    const share = "share" in part && part.share !== undefined ? part.share : 1;
    for (const term of partTerms) {
      const id = term === null ? undefined : index.termIds.get(term);
      if (id === undefined) continue;
      multiplicity.set(id, (multiplicity.get(id) ?? 0) + part.weight);
      shareOf.set(id, Math.max(shareOf.get(id) ?? 0, share));
    }
  }
  let termIndex = 0;
  let shareUnits = 0;
  for (const [term, times] of multiplicity) {
    const units = Math.max(1, Math.round(Math.min(1, shareOf.get(term)!) * SHARE_UNITS));
    shareUnits += units;
    index.fields.forEach((field, f) => {
      const weight = boost[FIELDS[f]!] * times;
      const start = field.offsets[term]!;
      const end = field.offsets[term + 1]!;
      if (start === end || weight === 0) return;
      const idfOfField = Math.log(1 + (index.documentCount - (end - start) + 0.5) / (end - start + 0.5));
      const lengthScale = field.averageLength > 0 ? BM25.b / field.averageLength : 0;
      for (let i = start; i < end; i++) {
        const doc = field.docs[i]!;
        if (lastTerm[doc] === -1) {
          if (allowed && !allowed(doc)) {
            lastTerm[doc] = -2; // excluded, remembered so the filter runs once per document
            touched[touchedCount++] = doc;
            continue;
          }
          touched[touchedCount++] = doc;
          scores[doc] = 0;
          matched[doc] = 0;
        } else if (lastTerm[doc] === -2) continue;
        const tf = field.frequencies[i]!;
        const norm = BM25.k * (1 - BM25.b + lengthScale * field.lengths[doc]!);
        scores[doc]! += weight * idfOfField * (BM25.d + (tf * (BM25.k + 1)) / (tf + norm));
        if (lastTerm[doc] !== termIndex) {
          lastTerm[doc] = termIndex;
          matched[doc]! += units;
        }
      }
    });
    termIndex++;
  }
  const turnOf = neighbours?.turns.turnOf;
  const turnBest = neighbours?.turns.turnBest;
  const share = neighbours ? neighbours.weight / 2 : 0;
  // The power of each possible count, once: a power per touched document would cost as much as the scoring.
  const coordinated = Array.from({ length: shareUnits + 1 }, (_, m) => (m / SHARE_UNITS) ** coordination);
  for (let i = 0; i < touchedCount; i++) {
    const doc = touched[i]!;
    if (lastTerm[doc] === -2) continue;
    const score = (scores[doc]! *= coordinated[matched[doc]!]!);
    if (turnBest && score > turnBest[turnOf![doc]!]!) turnBest[turnOf![doc]!] = score;
  }
  const hits: LexicalHit[] = [];
  const withinHits: LexicalHit[] = [];
  for (let i = 0; i < touchedCount; i++) {
    const doc = touched[i]!;
    const excluded = lastTerm[doc] === -2;
    lastTerm[doc] = -1; // reset the scratch space for the next query as we go
    if (excluded) continue;
    let score = scores[doc]!;
    if (turnBest) {
      const turn = turnOf![doc]!;
      score += share * (turnBest[turn - 1]! + turnBest[turn + 1]!);
    }
    keepBest(hits, limit, doc, score);
    // Whether a passage is in the subset is asked only of those that would enter its ranking (the test is a closure).
    if (within && limit > 0 && (withinHits.length < limit || score > withinHits[limit - 1]!.score) && within(doc)) keepBest(withinHits, limit, doc, score);
  }
  if (turnBest) for (let i = 0; i < touchedCount; i++) turnBest[turnOf![touched[i]!]!] = 0;
  return { hits, withinHits };
}

/** Top `limit` by score, in place; documents come in first-reached order, and a later one must beat, not tie, to enter. */
function keepBest(best: LexicalHit[], limit: number, position: number, score: number): void {
  if (limit <= 0 || (best.length === limit && score <= best[best.length - 1]!.score)) return;
  let at = best.length;
  while (at > 0 && best[at - 1]!.score < score) at--;
  best.splice(at, 0, { position, score });
  if (best.length > limit) best.pop();
}
