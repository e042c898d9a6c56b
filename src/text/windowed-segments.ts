// V8's Intl.Segmenter takes time proportional to the text's length for every segment it yields, so segmenting a long
// text whole is quadratic (200,000 characters of "Mr. " took 7 s). Long texts are segmented a window at a time.

/**
 * The segments of `text`, a window of `window` characters at a time, with their offsets in `text`. Every segment but
 * a window's last is kept and the next window starts where that last one started, so each boundary kept was decided
 * with the text after it in view, as it would be in the whole text. A window holding a single segment is widened
 * until it holds two. A text up to the window's size is segmented in one piece.
 */
export function* windowedSegments(segmenter: Intl.Segmenter, text: string, window: number): Generator<Intl.SegmentData> {
  let offset = 0;
  let size = window;
  while (offset < text.length) {
    const end = Math.min(text.length, offset + size);
    const found = [...segmenter.segment(text.slice(offset, end))];
    if (end === text.length) {
      for (const s of found) yield { ...s, index: offset + s.index };
      return;
    }
    if (found.length < 2) {
      size *= 2;
      continue;
    }
    for (const s of found.slice(0, -1)) yield { ...s, index: offset + s.index };
    offset += found.at(-1)!.index;
    size = window;
  }
}
