// The 1–3 consecutive sentences of a passage that answer the question best, cut verbatim from it.
import { sentenceSpans } from "../text/sentences.js";
import { terms } from "../retrieval/terms.js";

const MAX_SENTENCES = 3;
/** Extra sentences must earn their place: each one costs this share of a matching term's weight. */
const LENGTH_PENALTY = 0.15;

/** `weightOf(term)` says how much a question term matters (e.g. its IDF); absent terms weigh 0. */
export function selectQuote(passage: string, weightOf: (term: string) => number): string {
  const spans = sentenceSpans(passage);
  if (spans.length === 0) return passage.trim();
  const termSets = spans.map((s) => new Set(terms(passage.slice(s.start, s.end))));
  let best = { from: 0, to: 0, score: -Infinity };
  for (let from = 0; from < spans.length; from++) {
    for (let to = from; to < Math.min(spans.length, from + MAX_SENTENCES); to++) {
      const covered = new Set<string>();
      for (let i = from; i <= to; i++) for (const t of termSets[i]!) covered.add(t);
      let score = 0;
      for (const t of covered) score += weightOf(t);
      score -= (to - from) * LENGTH_PENALTY * Math.max(1, score);
      if (score > best.score + 1e-9) best = { from, to, score };
    }
  }
  if (best.score <= 0) {
    // Nothing matches word for word (a vector-only hit): the opening sentences carry the answer's gist.
    best = { from: 0, to: Math.min(spans.length, 2) - 1, score: 0 };
  }
  return passage.slice(spans[best.from]!.start, spans[best.to]!.end);
}
