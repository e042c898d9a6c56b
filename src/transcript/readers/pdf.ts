// PDF → text in the plain-text layout, from the text layer pdfjs-dist extracts (in the worker, extract.ts).
//
// What is done to the text, and only this: items on one baseline are one line (a space where the PDF leaves a gap);
// running heads and feet (a line at the top or bottom of most pages, its numbers aside) and page numbers are
// dropped; a word hyphenated at a line's end is joined ("recov-" + "ery" → "recovery"; a hyphen the document also
// writes mid-line, as in "well-known", is kept); a vertical gap, an indented first line or a speaker label at a
// line's start begins a paragraph. Each line keeps its page, so citations can give it.
import { inflateRawSync, inflateSync, constants as zlib } from "node:zlib";
import { TranscriptError } from "../errors.js";
import { labelAlone, labelInline } from "../labels.js";
import type { PdfExtraction, PdfItem } from "./extract.js";
import type { TextLayout } from "./index.js";

interface Line {
  text: string;
  x: number;
  y: number;
  height: number;
  page: number;
}

export function pdfLayout(fileName: string, extraction: PdfExtraction): TextLayout {
  const pages = extraction.pages.map((items, i) => linesOf(items, i + 1));
  if (!pages.some((lines) => lines.some((l) => /\S/.test(l.text)))) {
    throw new TranscriptError(`${fileName}: it has no text layer (a scanned image?); briefbot reads a PDF's text and does no OCR`);
  }
  const body = withoutRunningLines(pages);
  const paragraphs = paragraphsOf(body);
  const lines: string[] = [];
  const linePages: (number | undefined)[] = [];
  for (const paragraph of paragraphs) {
    if (lines.length) {
      lines.push("");
      linePages.push(undefined);
    }
    for (const line of paragraph) {
      lines.push(line.text);
      linePages.push(line.page);
    }
  }
  const title = meaningfulTitle(extraction.title);
  return { layout: "text", body: lines.join("\n"), linePages, ...(title ? { meta: { title } } : {}) };
}

/** Items → lines, in the order the page draws them. */
function linesOf(items: readonly PdfItem[], page: number): Line[] {
  const lines: (Line & { xEnd: number })[] = [];
  let endsLine = true;
  for (const [text, x, y, width, height, eol] of items) {
    const current = lines.at(-1);
    if (current && !endsLine && Math.abs(y - current.y) <= 0.5 * Math.max(height, current.height, 1)) {
      const gap = x - current.xEnd;
      if (text && !/\s$/.test(current.text) && !/^\s/.test(text) && gap > 0.15 * Math.max(height, 1)) current.text += " ";
      current.text += text;
      current.xEnd = Math.max(current.xEnd, x + width);
    } else if (text.trim()) {
      lines.push({ text, x, y, height, page, xEnd: x + width });
    }
    // An empty item that ends a line still ends it; an empty item that does not changes nothing.
    if (text || eol) endsLine = eol;
  }
  return lines.map(({ xEnd: _xEnd, ...line }) => ({ ...line, text: line.text.replace(/\s+/g, " ").trim() })).filter((l) => l.text);
}

/** "Page 3", "3", "- 3 -", "3 of 12", "iv": a page number. */
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,5}|[ivxlcdm]{1,7})\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,5})?$/i;

/** A running head or foot, numbers aside: "MIIT press conference — page #". */
const runningKey = (text: string) => text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();

/**
 * The pages' lines without running heads and feet and page numbers, as one list. A line among the two highest or the
 * two lowest of its page is dropped when it is a page number, or when the same line (numbers aside) sits at the top
 * or bottom of at least half of the pages, and of three pages at least (two, in a document of two pages).
 */
function withoutRunningLines(pages: readonly Line[][]): Line[] {
  const edges = pages.map((lines) => {
    const byHeight = [...lines].sort((a, b) => b.y - a.y);
    return new Set([...byHeight.slice(0, 2), ...byHeight.slice(-2)]);
  });
  const pagesWith = new Map<string, number>();
  edges.forEach((lines) => {
    for (const key of new Set([...lines].map((l) => runningKey(l.text)))) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  });
  const needed = pages.length === 2 ? 2 : Math.max(3, Math.ceil(pages.length / 2));
  return pages.flatMap((lines, i) =>
    lines.filter((line) => {
      if (!edges[i]!.has(line)) return true;
      if (PAGE_NUMBER.test(line.text)) return false;
      return !(pages.length >= 2 && /\p{L}/u.test(line.text) && (pagesWith.get(runningKey(line.text)) ?? 0) >= needed);
    }),
  );
}

/** Lines → paragraphs: a gap larger than the usual line spacing, an indented first line or a label begins one. */
function paragraphsOf(lines: readonly Line[]): Line[][] {
  const spacings: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const dy = lines[i - 1]!.y - lines[i]!.y;
    if (lines[i]!.page === lines[i - 1]!.page && dy > 0) spacings.push(dy);
  }
  spacings.sort((a, b) => a - b);
  const spacing = spacings[Math.floor(spacings.length / 2)] ?? 0;
  // The left margin of each page: where most of its lines begin.
  const margins = new Map<number, number>();
  for (const line of lines) margins.set(line.page, Math.min(margins.get(line.page) ?? Infinity, line.x));
  const vocabulary = wordsOf(lines);
  const paragraphs: Line[][] = [];
  let current: Line[] = [];
  lines.forEach((original, i) => {
    const line = original;
    const previous = lines[i - 1];
    let starts = !previous;
    if (previous && line.page === previous.page) {
      const dy = previous.y - line.y;
      if (spacing > 0 && (dy > 1.6 * spacing || dy < -0.5 * spacing)) starts = true;
    }
    const indent = line.x - (margins.get(line.page) ?? line.x);
    if (previous && indent > 1.5 * Math.max(line.height, 1) && indent < 200 && previous.x - (margins.get(previous.page) ?? previous.x) < 1) starts = true;
    // A label at a line's start begins a paragraph (whether it is a speaker is the parser's call, for the whole document).
    if (labelAlone(line.text) || labelInline(line.text)) starts = true;
    if (starts && current.length) {
      paragraphs.push(current);
      current = [];
    }
    const last = current.at(-1);
    const joined = last ? joinHyphenated(last.text, line.text, vocabulary) : null;
    if (last && joined) {
      // The cut word is finished on the line before; the rest of this line stays here, on its own page.
      current[current.length - 1] = { ...last, text: joined.before };
      if (joined.after) current.push({ ...line, text: joined.after });
    } else current.push(line);
  });
  if (current.length) paragraphs.push(current);
  return paragraphs;
}

interface Vocabulary {
  /** Words written whole, lower case. */
  words: Set<string>;
  /** Hyphenated compounds written inside a line ("well-known"), lower case. */
  compounds: Set<string>;
}

function wordsOf(lines: readonly Line[]): Vocabulary {
  const words = new Set<string>();
  const compounds = new Set<string>();
  for (const line of lines) {
    for (const m of line.text.matchAll(/\p{L}+(?:-\p{L}+)*/gu)) {
      const word = m[0].toLowerCase();
      if (word.includes("-")) compounds.add(word);
      else words.add(word);
    }
  }
  return { words, compounds };
}

// Words that begin hyphenated compounds ("self-reliance", "small- and medium-sized", "twenty-seven"): a hyphen after
// one of them at a line's end is the compound's, not a cut.
const COMPOUND_HEADS = new Set(
  ("self well non cross full half high low long short small medium large mid all multi anti ex vice co post pre " +
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy eighty ninety " +
    "first second third year month day state time top follow so-called").split(" "),
);

/**
 * A line ending in a hyphen after a word, and the next line going on in lower case: the word finished on the first
 * line, the rest left on the next. A cut word is joined ("recov-" + "ery" → "recovery"); a compound keeps its hyphen
 * ("well-" + "known" → "well-known") when the document writes it so elsewhere, or when its first part is a word that
 * begins compounds (self-, well-, numbers …) — unless the document writes the word whole elsewhere. A soft hyphen
 * is always a cut. Null when the lines do not meet at a hyphen.
 */
function joinHyphenated(text: string, next: string, vocabulary: Vocabulary): { before: string; after: string } | null {
  const soft = text.endsWith("\u00ad");
  const cut = /(\p{L}+)[-\u00ad]$/u.exec(text);
  if (!cut || text.endsWith("--") || !/^\p{Ll}/u.test(next)) return null;
  const rest = /^[\p{L}'’]+[,.;:!?)"”’]*/u.exec(next)![0];
  const after = next.slice(rest.length).trim();
  const head = cut[1]!.toLowerCase();
  const tail = /^\p{L}+/u.exec(rest)![0].toLowerCase();
  const keep =
    !soft && !vocabulary.words.has(head + tail) && (vocabulary.compounds.has(`${head}-${tail}`) || COMPOUND_HEADS.has(head));
  return { before: (keep ? text : text.slice(0, -1)) + rest, after };
}

function meaningfulTitle(title: string | null): string | null {
  const text = title?.replace(/\s+/g, " ").trim();
  if (!text || text.length > 300) return null;
  if (/^(?:untitled|document\d*|microsoft word\b|slide \d+)|\.(?:docx?|pdf|rtf|odt)$/i.test(text)) return null;
  return text;
}

/**
 * Refuse a PDF whose compressed streams would inflate past `maxBytes` in all (a PDF "bomb"), before pdfjs inflates
 * them without a limit. Every FlateDecode stream but images (which reading the text never decodes) is inflated with
 * zlib's maxOutputLength, through each FlateDecode of its filter chain; streams behind another filter first
 * (ASCII85, LZW) count as their length. The worker's memory limit and time budget stay the last line.
 */
export function checkPdfStreams(fileName: string, bytes: Buffer, maxBytes: number): void {
  const text = bytes.toString("latin1");
  let total = 0;
  let from = 0;
  for (;;) {
    const at = text.indexOf("stream", from);
    if (at < 0) break;
    from = at + 6;
    if (text.startsWith("endstream", at - 3)) continue;
    const dataStart = text[at + 6] === "\r" && text[at + 7] === "\n" ? at + 8 : text[at + 6] === "\n" || text[at + 6] === "\r" ? at + 7 : -1;
    if (dataStart < 0) continue;
    const dictStart = text.lastIndexOf("obj", at);
    const dict = text.slice(Math.max(dictStart, at - 4096, 0), at);
    if (!dict.includes(">>")) continue;
    const end = text.indexOf("endstream", dataStart);
    const dataEnd = end < 0 ? bytes.length : end;
    from = dataEnd;
    if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const filters = filtersOf(dict);
    let data: Buffer = bytes.subarray(dataStart, dataEnd);
    for (const filter of filters) {
      if (filter !== "FlateDecode" && filter !== "Fl") break;
      data = inflateBounded(data, maxBytes - total, fileName, maxBytes);
    }
    total += data.length;
    if (total > maxBytes) throw tooLarge(fileName, maxBytes);
  }
}

function filtersOf(dict: string): string[] {
  const array = /\/Filter\s*\[([^\]]{0,200})\]/.exec(dict);
  if (array) return [...array[1]!.matchAll(/\/(\w+)/g)].map((m) => m[1]!);
  const single = /\/Filter\s*\/(\w+)/.exec(dict);
  return single ? [single[1]!] : [];
}

function inflateBounded(data: Buffer, room: number, fileName: string, maxBytes: number): Buffer {
  const options = { maxOutputLength: Math.max(1, room + 1), finishFlush: zlib.Z_SYNC_FLUSH };
  try {
    return inflateSync(data, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) throw tooLarge(fileName, maxBytes);
    try {
      return inflateRawSync(data, options);
    } catch (raw) {
      if ((raw as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || raw instanceof RangeError) throw tooLarge(fileName, maxBytes);
      return data; // damaged: pdfjs will make of it what it can, and it cannot grow past its own length here
    }
  }
}

function tooLarge(fileName: string, maxBytes: number): TranscriptError {
  return new TranscriptError(`${fileName}: its compressed streams inflate to more than ${Math.round(maxBytes / (1024 * 1024))} MB (raise MAX_TRANSCRIPT_MB to read it)`);
}
