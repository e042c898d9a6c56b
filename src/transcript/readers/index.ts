// The readers, one per format, chosen by the file's extension. Each turns a file into one of two shapes, and
// parse.ts does the rest the same way for all of them:
//
// - text in the plain-text layout (paragraphs; labels alone on a line or at a paragraph start), for formats that
//   are documents: .txt, .md, .html/.htm, .pdf, .docx. PDF lines carry their page.
// - speaker turns, each a list of pieces with their times, for formats that are already cut by speaker: .json
//   (turns, or diarized segments), .vtt and .srt captions.
//
// Text formats are read synchronously (parseTranscript); PDF and DOCX are extracted in a worker first
// (readBinary in binary.ts, called by parseCorpus in load.ts).
import { extname } from "node:path";
import { readJson } from "./json.js";
import { readHtml } from "./html.js";
import { readMarkdown } from "./markdown.js";
import type { Piece } from "./marks.js";
import { readSrt } from "./srt.js";
import { readVtt } from "./vtt.js";

export { UNIDENTIFIED_SPEAKER } from "./captions.js";
export type { SpeakerName, Sidecar } from "./sidecar.js";
import type { SpeakerName } from "./sidecar.js";

interface Common {
  /** Fields for the briefing's meta (title, date, source, url, video, language) found in the file itself. */
  meta?: Record<string, unknown>;
  /** Names for labels the file gives itself (a diarized JSON's "speakers" field). */
  speakers?: Record<string, SpeakerName>;
  /** What to say when no speaker is found (the format's own conventions). */
  noLabels?: string;
}

export interface TextLayout extends Common {
  layout: "text";
  body: string;
  /** The page of each line of `body` (by line number), for PDFs. */
  linePages?: (number | undefined)[];
  /** Labels the format marks as labels (bold at a paragraph start, used more than once). */
  knownLabels?: string[];
}

export interface TurnsLayout extends Common {
  layout: "turns";
  announcement: Piece[];
  turns: { label: string; pieces: Piece[] }[];
  /** How a turn's pieces are joined: " " for caption cues (pieces of sentences), "\n\n" for paragraphs. */
  separator: " " | "\n\n";
  /** Consecutive turns of one speaker are one turn (cues, segments). */
  mergeConsecutive?: boolean;
}

export type ReaderOutput = TextLayout | TurnsLayout;

export interface TextReader {
  kind: "text";
  /** Whether a YAML front matter block may open the file. */
  frontMatter: boolean;
  read(body: string, fileName: string): ReaderOutput;
}

export interface BinaryReader {
  kind: "binary";
  format: "pdf" | "docx";
}

const plainText: TextReader = { kind: "text", frontMatter: true, read: (body) => ({ layout: "text", body }) };

const READERS: Record<string, TextReader | BinaryReader> = {
  ".txt": plainText,
  ".md": { kind: "text", frontMatter: true, read: readMarkdown },
  ".markdown": { kind: "text", frontMatter: true, read: readMarkdown },
  ".json": { kind: "text", frontMatter: true, read: readJson },
  ".vtt": { kind: "text", frontMatter: true, read: readVtt },
  ".srt": { kind: "text", frontMatter: true, read: readSrt },
  ".html": { kind: "text", frontMatter: false, read: (body) => readHtml(body) },
  ".htm": { kind: "text", frontMatter: false, read: (body) => readHtml(body) },
  ".pdf": { kind: "binary", format: "pdf" },
  ".docx": { kind: "binary", format: "docx" },
};

/** Every extension a transcript may have. */
export const TRANSCRIPT_EXTENSIONS = Object.keys(READERS);

/** `NAME.speakers.json` beside a transcript names its speakers; it is never a transcript itself. */
export function isSidecarName(fileName: string): boolean {
  return fileName.toLowerCase().endsWith(".speakers.json");
}

/** The reader for a file name, or null when no reader knows its extension (or it is a sidecar). */
export function readerFor(fileName: string): TextReader | BinaryReader | null {
  if (isSidecarName(fileName)) return null;
  return READERS[extname(fileName).toLowerCase()] ?? null;
}
