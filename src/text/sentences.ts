// Sentence spans from the platform's Unicode segmenter; offsets let callers keep exact substrings.
import { windowedSegments } from "./windowed-segments.js";

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
  for (const { index, segment } of segments(text)) {
    const lead = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (!trimmed) continue;
    const span = { start: index + lead, end: index + lead + trimmed.length };
    const previous = spans[spans.length - 1];
    if (previous && endsWithAbbreviation(text, previous)) previous.end = span.end;
    else spans.push(span);
  }
  return spans;
}

/**
 * Whether the span ends in an abbreviation. Only its last few characters are looked at: testing the whole span,
 * which grows with every merge, made a run of "Mr." merges quadratic.
 */
function endsWithAbbreviation(text: string, span: Span): boolean {
  const from = Math.max(span.start, span.end - ABBREVIATION_TAIL);
  // Cut short, the tail's start is not the span's: the abbreviation must then follow a space, as it would inside.
  const tail = text.slice(from, span.end);
  return from === span.start ? ABBREVIATION.test(tail) : ABBREVIATION.test(tail.replace(/^\S*/, ""));
}
const ABBREVIATION_TAIL = 16; // longer than the longest abbreviation with its space ("approx.")

// Long texts are segmented a window at a time (windowed-segments.ts): whole, V8's segmenter is quadratic.
const WINDOW = 8_000;

function* segments(text: string): Generator<{ index: number; segment: string }> {
  yield* windowedSegments(segmenter, text, WINDOW);
}

export function sentences(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end));
}
