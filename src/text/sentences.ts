// Sentence spans from the platform's Unicode segmenter; offsets let callers keep exact substrings.

export interface Span {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

// Abbreviations after which Intl.Segmenter wrongly ends a sentence ("Hon. Anthony Rota", "Mr. Chair").
const ABBREVIATION = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Hon|Rt|St|Mt|No|Nos|Prof|Gen|Sen|Rep|Gov|Jr|Sr|vs|etc|e\.g|i\.e|approx|Co|Inc|Ltd)\.$/i;

/** Sentences of `text` as [start, end) spans with surrounding whitespace trimmed off. */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const { index, segment } of segmenter.segment(text)) {
    const lead = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (!trimmed) continue;
    const span = { start: index + lead, end: index + lead + trimmed.length };
    const previous = spans[spans.length - 1];
    if (previous && ABBREVIATION.test(text.slice(previous.start, previous.end))) previous.end = span.end;
    else spans.push(span);
  }
  return spans;
}

export function sentences(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end));
}
