// Times and pages travel with a turn's text as marks: offsets into the text where a cue (times) or a page
// begins. The text is built by joining pieces that were each cleaned on their own, so every offset is exact by
// construction; a passage, a quote or any span of the text then finds its times and pages by offsets alone.
import type { TextMark } from "../../types.js";

/** A stretch of text and where it sits: times in seconds, page from 1. */
export interface Piece {
  text: string;
  start?: number;
  end?: number;
  page?: number;
}

export interface Marked {
  text: string;
  marks: TextMark[];
}

function markOf(piece: Omit<Piece, "text">, at: number): TextMark {
  const mark: TextMark = { at };
  if (piece.start !== undefined) mark.start = piece.start;
  if (piece.end !== undefined) mark.end = piece.end;
  if (piece.page !== undefined) mark.page = piece.page;
  return mark;
}

const hasPlace = (p: Omit<Piece, "text">) => p.start !== undefined || p.page !== undefined;

/**
 * Pieces joined with `separator` (empty ones dropped). A piece with a time gets a mark; a piece with only a page
 * gets one where the page changes.
 */
export function joinPieces(pieces: readonly Piece[], separator: string): Marked {
  let text = "";
  const marks: TextMark[] = [];
  for (const piece of pieces) {
    if (!piece.text) continue;
    if (text) text += separator;
    if (hasPlace(piece)) {
      const last = marks.at(-1);
      const samePage = last && piece.start === undefined && last.start === undefined && last.page === piece.page;
      if (!samePage) marks.push(markOf(piece, text.length));
    }
    text += piece.text;
  }
  return { text, marks };
}

/** Marked texts joined with `separator`; their marks shifted to the joined text. */
export function joinMarked(parts: readonly Marked[], separator: string): Marked {
  let text = "";
  const marks: TextMark[] = [];
  for (const part of parts) {
    if (!part.text) continue;
    if (text) text += separator;
    for (const mark of part.marks) {
      const last = marks.at(-1);
      if (last && mark.start === undefined && last.start === undefined && last.page === mark.page) continue;
      marks.push({ ...mark, at: mark.at + text.length });
    }
    text += part.text;
  }
  return { text, marks };
}

/** Where the text [from, to) sits: the first time and the last end, the first and last page. Empty when unmarked. */
export interface Place {
  start?: number;
  end?: number;
  page?: number;
  pageEnd?: number;
}

export function placeOf(marks: readonly TextMark[] | undefined, from: number, to: number): Place {
  if (!marks?.length) return {};
  const first = Math.max(0, lastAtOrBefore(marks, from));
  const last = Math.max(first, lastAtOrBefore(marks, Math.max(from, to - 1)));
  const place: Place = {};
  for (let i = first; i <= last; i++) {
    const mark = marks[i]!;
    if (mark.start !== undefined && place.start === undefined) place.start = mark.start;
    if (mark.end !== undefined && (place.end === undefined || mark.end > place.end)) place.end = mark.end;
  }
  if (place.start !== undefined && place.end === undefined) place.end = place.start;
  const page = marks[first]!.page;
  const pageEnd = marks[last]!.page;
  if (page !== undefined) place.page = page;
  if (pageEnd !== undefined && page !== undefined && pageEnd > page) place.pageEnd = pageEnd;
  return place;
}

/** Index of the last mark whose offset is at or before `offset` (-1 when the first one is after it). */
function lastAtOrBefore(marks: readonly TextMark[], offset: number): number {
  let low = 0;
  let high = marks.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (marks[middle]!.at <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * The recording at a moment: YouTube watch links get "&t=751s", youtu.be links "?t=751", embeds "?start=751",
 * Vimeo "#t=751s", anything else the media fragment "#t=751" (which browsers honour for a video file). Null when
 * `video` is not a web link.
 */
export function videoAt(video: string, seconds: number): string | null {
  let url: URL;
  try {
    url = new URL(video);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const t = Math.max(0, Math.floor(seconds));
  const host = url.hostname.replace(/^(?:www|m)\./, "");
  if (host === "youtu.be") url.searchParams.set("t", String(t));
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    if (url.pathname.startsWith("/embed/")) url.searchParams.set("start", String(t));
    else url.searchParams.set("t", `${t}s`);
  } else if (host === "vimeo.com" || host === "player.vimeo.com") url.hash = `t=${t}s`;
  else url.hash = `t=${t}`;
  return url.href;
}
