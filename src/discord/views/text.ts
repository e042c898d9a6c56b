// Text for Discord: escaping (markdown, mentions) and cutting at sentence or word boundaries so that the
// rendered result fits a length limit. Pure functions; lengths are measured after escaping.
import { sentenceSpans } from "../../text/sentences.js";

export const ELLIPSIS = "…";
const ZWSP = "\u200b";

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
// Characters that start or end inline markdown: bold/italic, underline, strike, code, spoiler, masked links.
const INLINE_MARKDOWN = /[\\*_~`|[\]]/g;
// Line starts that Discord reads as a heading, subtext, list item or quote.
const LINE_START_MARKDOWN = /^(\s*)(#{1,3}\s|-#\s|[-+*]\s|>|\d+\.\s)/gm;

/**
 * Escape text shown on Discord so it reads exactly as written: markdown is shown literally and mentions
 * (@everyone, @here, <@user>, <@&role>, <#channel>, </command:id>) become plain text that cannot ping
 * or render. Zero-width spaces do the breaking because they are invisible and need no backslash parsing.
 * URLs stay verbatim; with `wrapUrls` they are wrapped in <…> so Discord does not unfurl a preview.
 */
export function escapeText(raw: string, options: { wrapUrls?: boolean } = {}): string {
  let out = "";
  let last = 0;
  for (const match of raw.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)\]'’”]+$/, "");
    out += escapePlain(raw.slice(last, match.index));
    out += options.wrapUrls ? `<${url}>` : url;
    last = match.index! + url.length;
  }
  return out + escapePlain(raw.slice(last));
}

function escapePlain(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, "\\$&")
    .replace(LINE_START_MARKDOWN, (_all, indent: string, marker: string) =>
      /^\d/.test(marker) ? `${indent}${marker.replace(".", "\\.")}` : `${indent}\\${marker}`,
    )
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<(?=[@#/:]|a:|t:)/g, `<${ZWSP}`);
}

/** Every line prefixed with "> " (a Discord block quote); blank lines dropped so the quote stays one block. */
export function blockQuote(escaped: string): string {
  return escaped
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => `> ${line.trim()}`)
    .join("\n");
}

export const quoteRender = (raw: string) => blockQuote(escapeText(raw, { wrapUrls: true }));
export const plainRender = (raw: string) => escapeText(raw, { wrapUrls: true });

export interface Fitted {
  text: string;
  /** True when some of the text was left out. */
  cut: boolean;
}

/**
 * The longest run of whole sentences from the start of `raw` whose rendering, with " …" appended, is at most
 * `max` characters. Falls back to whole words, then to characters, when even the first sentence is too long.
 */
export function fitAtSentence(raw: string, max: number, render: (raw: string) => string = plainRender): Fitted {
  const text = raw.trim();
  const full = render(text);
  if (full.length <= max) return { text: full, cut: false };
  const end = longestPrefix(text, max, render, ` ${ELLIPSIS}`);
  if (end === 0) return { text: hardCut(render(ELLIPSIS), max), cut: true };
  return { text: render(`${text.slice(0, end).trimEnd()} ${ELLIPSIS}`), cut: true };
}

/** One line (whitespace collapsed), cut at a word boundary with "…" to fit `max`. */
export function oneLine(raw: string, max: number, render: (raw: string) => string = plainRender): string {
  const text = raw.replace(/\s+/g, " ").trim();
  const full = render(text);
  if (full.length <= max) return full;
  const end = longestPrefix(text, max, render, ELLIPSIS, false);
  if (end === 0) return hardCut(render(ELLIPSIS), max);
  return render(`${text.slice(0, end).trimEnd()}${ELLIPSIS}`);
}

/** `raw` split into rendered pieces of at most `max` characters each, at sentence boundaries where possible. */
export function splitAtSentences(raw: string, max: number, render: (raw: string) => string = plainRender): string[] {
  const pieces: string[] = [];
  let rest = raw.trim();
  while (rest) {
    const full = render(rest);
    if (full.length <= max) {
      pieces.push(full);
      break;
    }
    let end = longestPrefix(rest, max, render, "");
    if (end === 0) end = 1; // a single character that renders longer than max cannot happen for max ≥ 8
    pieces.push(hardCut(render(rest.slice(0, end)), max));
    rest = rest.slice(end).trimStart();
  }
  return pieces;
}

/**
 * The end offset of the longest prefix of `text`, cut at a sentence end (else a word end, else a character),
 * such that render(prefix + suffix) fits `max`. 0 when not even one character fits.
 */
function longestPrefix(text: string, max: number, render: (raw: string) => string, suffix: string, sentencesFirst = true): number {
  const fits = (end: number) => render(`${text.slice(0, end).trimEnd()}${suffix}`).length <= max;
  // Rendering never shortens text, so no cut beyond `max` can fit: look only a little past it (the margin
  // keeps the sentence segmenter's look-ahead intact) and keep long texts cheap.
  const head = text.slice(0, max + 200);
  const levels: number[][] = [];
  if (sentencesFirst) levels.push(sentenceSpans(head).map((s) => s.end));
  levels.push(wordEnds(head), characterEnds(head));
  for (const ends of levels) {
    const best = lastFitting(ends.filter((end) => end > 0 && end <= max && end < text.length), fits);
    if (best > 0) return best;
  }
  return 0;
}

/** Binary search over ascending cut points: rendered length grows with the prefix. */
function lastFitting(ends: number[], fits: (end: number) => boolean): number {
  let lo = 0;
  let hi = ends.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fits(ends[mid]!)) {
      best = ends[mid]!;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

function wordEnds(text: string): number[] {
  return [...text.matchAll(/\S(?=\s)/g)].map((m) => m.index! + 1);
}

/** Offsets between code points, so a cut never splits a surrogate pair. */
function characterEnds(text: string): number[] {
  const ends: number[] = [];
  let offset = 0;
  for (const ch of text) ends.push((offset += ch.length));
  return ends;
}

/** Last resort: cut rendered text to `max` without leaving a dangling backslash or half a surrogate pair. */
export function hardCut(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  while (cut.endsWith("\\")) cut = cut.slice(0, -1);
  return cut;
}
