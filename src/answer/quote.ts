// The 1–4 consecutive sentences of a passage that answer the question best, cut verbatim from its turn.
import { sentenceSpans, type Span } from "../text/sentences.js";
import { terms } from "../text/terms.js";

/**
 * At most this many sentences: officials often name the subject, hedge for a sentence or two, then answer ("the Energy
 * Information Agency has projected… Now, again, it's more of an art than a science… But, in December, the price will
 * be $3.19 a gallon"). Extra sentences must still earn their place (LENGTH_PENALTY).
 */
export const QUOTE_MAX_SENTENCES = 4;
/** Extra sentences must earn their place: each one costs this share of a matching term's weight. */
const LENGTH_PENALTY = 0.15;
/** A sentence that also speaks of the question's terms earns this share of its own weight, even with no new term. */
const ON_TOPIC_SHARE = 0.45;
/** A quote shorter than this ("No meals.") takes the next sentence too: a bare reply needs its explanation. */
const MIN_QUOTE_CHARS = 60;
/**
 * A sentence ending in a colon ("our ministry has adopted three measures:") brings what it announces, even past
 * QUOTE_MAX_SENTENCES sentences and past the passage's end, up to this many characters; where it is cut, the quote ends in " …".
 */
export const QUOTE_MAX_CHARS = 1000;
const CUT = " …";

/** Passages are cut at arbitrary sentences: a quote that starts in one may run on into this many sentences after it. */
const SPILL_SENTENCES = 2;
/** How far past the passage those sentences are looked for (segmenting costs: the rest of a long turn is not read). */
const SPILL_CHARS = 500;

export interface Quote {
  /** Verbatim from the turn, plus " …" where an announced list is cut. */
  text: string;
  /** Where the quoted words lie in the turn. */
  start: number;
  end: number;
}

/**
 * `text` is the passage's whole turn and `passage` the passage's span in it; `weightOf(term)` says how much a
 * question term matters (e.g. its IDF; absent terms weigh 0). The quote starts inside the passage.
 */
export function selectQuote(text: string, passage: Span, weightOf: (term: string) => number): Quote {
  const inside = sentenceSpans(text.slice(passage.start, passage.end)).map((s) => ({ start: s.start + passage.start, end: s.end + passage.start }));
  if (inside.length === 0) return { text: text.slice(passage.start, passage.end).trim(), start: passage.start, end: passage.end };
  const after = sentencesWithin(text, passage.end, passage.end + SPILL_CHARS)
    .slice(0, SPILL_SENTENCES)
    .map((s) => ({ start: s.start + passage.end, end: s.end + passage.end }));
  const spans = [...inside, ...after];
  const termSets = spans.map((s) => new Set(terms(text.slice(s.start, s.end))));
  const own = termSets.map((set) => [...set].reduce((sum, t) => sum + weightOf(t), 0));
  let best = { from: 0, to: 0, score: -Infinity };
  for (let from = 0; from < inside.length; from++) {
    for (let to = from; to < Math.min(spans.length, from + QUOTE_MAX_SENTENCES); to++) {
      const covered = new Set<string>();
      for (let i = from; i <= to; i++) for (const t of termSets[i]!) covered.add(t);
      let union = 0;
      for (const t of covered) union += weightOf(t);
      // Beyond what they add, sentences that keep to the topic count a little: the answer is often the next one.
      let onTopic = 0;
      for (let i = from; i <= to; i++) onTopic += own[i]!;
      const score = union + ON_TOPIC_SHARE * (onTopic - Math.max(...own.slice(from, to + 1))) - (to - from) * LENGTH_PENALTY * Math.max(1, union);
      if (score > best.score + 1e-9) best = { from, to, score };
    }
  }
  if (best.score <= 0) {
    // Nothing matches word for word (a vector-only hit): the opening sentences carry the answer's gist.
    best = { from: 0, to: Math.min(inside.length, 2) - 1, score: 0 };
  }
  if (spans[best.to]!.end - spans[best.from]!.start < MIN_QUOTE_CHARS && best.to + 1 < spans.length) best.to++;
  const start = spans[best.from]!.start;
  const end = spans[best.to]!.end;
  const announcing = spans.slice(best.from, best.to + 1).find((s) => /[:：]$/.test(text.slice(s.start, s.end)));
  return announcing ? announced(text, start, announcing.end) : { text: text.slice(start, end), start, end };
}

/**
 * The whole sentences of text[from, to) (offsets relative to `from`): only the text a quote could reach is segmented,
 * not the rest of a long turn, and a sentence the window cuts is left out.
 */
function sentencesWithin(text: string, from: number, to: number): { start: number; end: number }[] {
  const spans = sentenceSpans(text.slice(from, to));
  if (to < text.length && spans.length > 0 && spans[spans.length - 1]!.end >= text.slice(from, to).trimEnd().length) spans.pop();
  return spans;
}

/** The quote from `start` to `end` (which ends in a colon) and the sentences of the turn that follow, within the limit. */
function announced(text: string, start: number, end: number): Quote {
  let stop = end;
  for (const sentence of sentencesWithin(text, end, start + QUOTE_MAX_CHARS + 1)) {
    const sentenceEnd = end + sentence.end;
    if (sentenceEnd - start > QUOTE_MAX_CHARS) break;
    stop = sentenceEnd;
  }
  const rest = text.slice(stop).trim();
  return { text: rest ? `${text.slice(start, stop)}${CUT}` : text.slice(start, stop), start, end: stop };
}
