// Reading a corpus folder: every transcript that parses, and one warning for each that does not.
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import type { Transcript } from "../types.js";
import { parseTranscript, TranscriptError } from "./parse.js";

export const TRANSCRIPT_EXTENSIONS = [".txt", ".md", ".json"];

export class CorpusError extends Error {}

/** A transcript file as read: its bytes, or why it could not be read. */
export interface CorpusFile {
  name: string;
  path: string;
  bytes: Buffer | null;
  readError: string | null;
}

/** Read every transcript file in `dir` (sorted by name) without parsing it. */
export function readCorpus(dir: string): CorpusFile[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      // Symlinks are followed when read; a directory or dangling link with a transcript's name gets a warning when parsed.
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink() || entry.isDirectory()) && TRANSCRIPT_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
      .map((entry) => entry.name)
      .filter((name) => name.toLowerCase() !== "readme.md")
      .sort();
  } catch {
    throw new CorpusError(`corpus folder ${dir} cannot be read: create it or pass --corpus DIR`);
  }
  return names.map((name) => {
    const path = join(dir, name);
    try {
      return { name, path, bytes: readFileSync(path), readError: null };
    } catch (error) {
      return { name, path, bytes: null, readError: (error as NodeJS.ErrnoException).code ?? String(error) };
    }
  });
}

/** Every file that parses; the others are skipped with `warn`. */
export function parseCorpus(files: readonly CorpusFile[], warn: (line: string) => void): Transcript[] {
  const transcripts: Transcript[] = [];
  for (const file of files) {
    if (!file.bytes) {
      warn(`warning: skipped ${file.path}: cannot read it (${file.readError})`);
      continue;
    }
    try {
      transcripts.push(parseTranscript(file.name, file.bytes));
    } catch (error) {
      // Whatever goes wrong with one file, the rest of the corpus still indexes.
      const reason = error instanceof TranscriptError ? error.message.replace(`${file.name}: `, "") : `cannot parse it (${String(error)})`;
      warn(`warning: skipped ${file.path}: ${reason}`);
    }
  }
  return transcripts;
}

/** Parse every transcript in `dir` (sorted by name). Unreadable or empty files are skipped with `warn`. */
export function loadCorpus(dir: string, warn: (line: string) => void): Transcript[] {
  return parseCorpus(readCorpus(dir), warn);
}
