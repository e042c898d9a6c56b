// Plain BM25, the yardstick `npm run eval` measures briefbot against. Deliberately standalone and plain:
// nothing from briefbot's own code (src/) is used, and nothing here is tuned.
//
// - Documents: paragraph windows. Each transcript file's text, front matter stripped, is read as paragraphs (blank
//   lines between them); consecutive paragraphs are gathered into a window until it holds about WINDOW_WORDS words,
//   and a paragraph much longer than that is cut into equal windows of about WINDOW_WORDS words. A window never
//   crosses files; it may cross speaker turns, and speaker labels stay in it as plain words.
//   JSON transcripts are read as "speaker: text" paragraphs.
// - Terms: lower-cased runs of letters and digits, the small English stop-word list below removed, then the
//   Porter stemmer (the `stemmer` package), as in Lucene's English analyzer.
// - Score: BM25 with k1 = 1.2, b = 0.75 and Lucene's idf, ln(1 + (N − df + 0.5) / (df + 0.5)); each distinct
//   question term counts once. Ties keep corpus order.
// - It has no speakers and no "not found": it always returns its top k windows.
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { stemmer } from "stemmer";

export const WINDOW_WORDS = 120;
const K1 = 1.2;
const B = 0.75;

const STOPWORDS = new Set(
  (
    "a an and are as at be but by did do does for from had has have he her his how i if in into is it its me my no not " +
    "of on or our she so that the their them then there these they this those to was we were what when where which who " +
    "whom why will with would you your"
  ).split(" "),
);

export function tokenize(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => !STOPWORDS.has(w)).map((w) => stemmer(w));
}

/** One transcript file as the baseline sees it: its text (front matter stripped) and where each word lies in it. */
export interface BaselineFile {
  name: string;
  /** The file's text after the front matter. */
  text: string;
  /** Character offset of `text` inside the file. */
  offset: number;
  /** Each whitespace-separated word of `text`: [start, end) inside `text`. */
  words: [number, number][];
}

export interface Window {
  file: BaselineFile;
  /** Words [firstWord, endWord) of the file. */
  firstWord: number;
  endWord: number;
  text: string;
}

export interface BaselineHit {
  rank: number;
  score: number;
  window: Window;
}

export function readBaselineFile(name: string, raw: string): BaselineFile {
  let text = raw;
  let offset = 0;
  if (extname(name).toLowerCase() === ".json") {
    const data = JSON.parse(raw) as { speaker: string; text: string }[] | { announcement?: string; turns: { speaker: string; text: string }[] };
    const turns = Array.isArray(data) ? data : data.turns;
    const announcement = Array.isArray(data) ? "" : (data.announcement ?? "");
    text = [announcement, ...turns.map((t) => `${t.speaker}: ${t.text}`)].filter(Boolean).join("\n\n");
  } else {
    const frontMatter = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(raw);
    if (frontMatter) {
      offset = frontMatter[0].length;
      text = raw.slice(offset);
    }
  }
  const words = [...text.matchAll(/\S+/g)].map((m): [number, number] => [m.index!, m.index! + m[0].length]);
  return { name, text, offset, words };
}

/** Paragraph windows of about `size` words over one file (see the header). */
export function windowsOf(file: BaselineFile, size = WINDOW_WORDS): Window[] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (const [first, end] of paragraphsOf(file)) {
    // A window closes before a paragraph that would make it too long, and once it is long enough.
    if (start < first && end - start > size * 1.5) {
      ranges.push([start, first]);
      start = first;
    }
    if (end - first > size * 1.5) {
      const count = Math.round((end - first) / size);
      for (let i = 0; i < count; i++) ranges.push([first + Math.floor((i * (end - first)) / count), first + Math.floor(((i + 1) * (end - first)) / count)]);
      start = end;
    } else if (end - start >= size) {
      ranges.push([start, end]);
      start = end;
    }
  }
  if (start < file.words.length) {
    // A short tail joins the window before it when they fit together.
    const last = ranges[ranges.length - 1];
    if (last && file.words.length - start < size / 2 && file.words.length - last[0] <= size * 1.5) last[1] = file.words.length;
    else ranges.push([start, file.words.length]);
  }
  return ranges.map(([firstWord, endWord]) => ({ file, firstWord, endWord, text: file.text.slice(file.words[firstWord]![0], file.words[endWord - 1]![1]) }));
}

/** Paragraphs as [firstWord, endWord) ranges: a blank line between two words starts a new one. */
function paragraphsOf(file: BaselineFile): [number, number][] {
  const paragraphs: [number, number][] = [];
  let first = 0;
  for (let i = 1; i <= file.words.length; i++) {
    if (i === file.words.length || /\n[ \t\r]*\n/.test(file.text.slice(file.words[i - 1]![1], file.words[i]![0]))) {
      paragraphs.push([first, i]);
      first = i;
    }
  }
  return paragraphs;
}

/**
 * The window's text followed by the next `extraWords` words of its file: a phrase that starts inside the
 * window is found in it even when the window's end cuts it.
 */
export function textWithTail(window: Window, extraWords: number): string {
  const last = Math.min(window.file.words.length, window.endWord + Math.max(0, extraWords)) - 1;
  return window.file.text.slice(window.file.words[window.firstWord]![0], window.file.words[last]![1]);
}

export class Bm25 {
  readonly windows: Window[];
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: number[];
  private readonly averageLength: number;

  constructor(windows: Window[]) {
    this.windows = windows;
    this.lengths = windows.map((window, doc) => {
      const tokens = tokenize(window.text);
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [term, tf] of counts) {
        if (!this.postings.has(term)) this.postings.set(term, []);
        this.postings.get(term)!.push({ doc, tf });
      }
      return tokens.length;
    });
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }

  /** The top k windows for a question, best first; `keep` restricts the windows considered. */
  search(question: string, k: number, keep: (window: Window) => boolean = () => true): BaselineHit[] {
    const n = this.windows.length;
    const scores = new Map<number, number>();
    for (const term of new Set(tokenize(question))) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        const norm = K1 * (1 - B + (B * this.lengths[doc]!) / this.averageLength);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (K1 + 1)) / (tf + norm));
      }
    }
    return [...scores]
      .filter(([doc]) => keep(this.windows[doc]!))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([doc, score], i) => ({ rank: i + 1, score, window: this.windows[doc]! }));
  }
}

const TRANSCRIPT_EXTENSIONS = [".txt", ".md", ".json"];

/** The baseline over every transcript file in a folder (the file types briefbot indexes, README.md aside). */
export function baselineForCorpus(corpusDir: string, size = WINDOW_WORDS): Bm25 {
  const names = readdirSync(corpusDir)
    .filter((name) => TRANSCRIPT_EXTENSIONS.includes(extname(name).toLowerCase()) && name.toLowerCase() !== "readme.md")
    .sort();
  return new Bm25(names.flatMap((name) => windowsOf(readBaselineFile(name, readFileSync(join(corpusDir, name), "utf8")), size)));
}
