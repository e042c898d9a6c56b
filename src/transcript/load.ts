// Reading a corpus folder: every transcript that parses, and one warning for each that does not.
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import type { Transcript } from "../types.js";
import { parseTranscript, TranscriptError } from "./parse.js";

export const TRANSCRIPT_EXTENSIONS = [".txt", ".md", ".json"];

export class CorpusError extends Error {}

/** Parse every transcript in `dir` (sorted by name). Unreadable or empty files are skipped with `warn`. */
export function loadCorpus(dir: string, warn: (line: string) => void): Transcript[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      // Symlinks are followed when read; a directory or dangling link with a transcript's name gets a warning below.
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink() || entry.isDirectory()) && TRANSCRIPT_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
      .map((entry) => entry.name)
      .filter((name) => name.toLowerCase() !== "readme.md")
      .sort();
  } catch {
    throw new CorpusError(`corpus folder ${dir} cannot be read: create it or pass --corpus DIR`);
  }
  const transcripts: Transcript[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      transcripts.push(parseTranscript(name, readFileSync(path)));
    } catch (error) {
      if (error instanceof TranscriptError) warn(`warning: skipped ${path}: ${error.message.replace(`${name}: `, "")}`);
      else warn(`warning: skipped ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  return transcripts;
}
