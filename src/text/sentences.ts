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

// V8's segmenter takes time proportional to the text's length for every segment it yields, so a long text of
// many short sentences is quadratic (200,000 characters of "Mr. " took 7 s; a 1 MB answer of short sentences
// would take minutes). Texts are therefore segmented a window at a time.
const WINDOW = 8_000;

/**
 * The segmenter's sentences of `text`, a window at a time. Every sentence but a window's last is kept, and the
 * next window starts where that last one started, so each boundary kept was decided with the sentence after it
 * in view, as it would be in the whole text. A window holding a single sentence is widened until it holds two.
 * Texts up to the window's size (nearly every turn) are segmented in one piece, exactly as before.
 */
function* segments(text: string): Generator<{ index: number; segment: string }> {
  let offset = 0;
  let size = WINDOW;
  while (offset < text.length) {
    const end = Math.min(text.length, offset + size);
    const found = [...segmenter.segment(text.slice(offset, end))];
    if (end === text.length) {
      for (const s of found) yield { index: offset + s.index, segment: s.segment };
      return;
    }
    if (found.length < 2) {
      size *= 2;
      continue;
    }
    for (const s of found.slice(0, -1)) yield { index: offset + s.index, segment: s.segment };
    offset += found.at(-1)!.index;
    size = WINDOW;
  }
}

export function sentences(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end));
}
