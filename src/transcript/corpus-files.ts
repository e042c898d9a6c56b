// Which files of the corpus folder go together: a transcript and its speakers sidecar (NAME.speakers.json beside
// NAME.vtt, NAME.json …), and the hash that decides whether a rebuild may reuse a transcript — its bytes and its
// sidecar's, so editing a sidecar re-parses the transcript it names.
import type { CorpusFile } from "./load.js";
import { contentHash } from "./parse.js";
import { isSidecarName, readerFor } from "./readers/index.js";
import { sidecarNameFor } from "./readers/sidecar.js";

/** The hash a transcript is known by: of its bytes, or of its bytes and its sidecar's when it has one. */
export function transcriptHash(bytes: Buffer, sidecar: Buffer | null): string {
  return sidecar ? contentHash(`${contentHash(bytes)}\n${contentHash(sidecar)}`) : contentHash(bytes);
}

/** Sidecar files by their file name, lower case (for lookups by transcript). */
export function sidecarFiles(files: readonly CorpusFile[]): Map<string, CorpusFile> {
  return new Map(files.filter((f) => isSidecarName(f.name)).map((f) => [f.name.toLowerCase(), f]));
}

/** The sidecar of a transcript file, if the corpus has one. */
export function sidecarOf(transcript: string, sidecars: ReadonlyMap<string, CorpusFile>): CorpusFile | null {
  return sidecars.get(sidecarNameFor(transcript).toLowerCase()) ?? null;
}

/** Whether a file is a transcript to parse (not a sidecar, not a format briefbot does not read). */
export function isTranscriptFile(file: CorpusFile): boolean {
  return !file.unsupported && readerFor(file.name) !== null;
}

/**
 * The hash of every transcript file as the manifest records it ("" for one that cannot be read): the cheap check
 * of a rebuild compares these without parsing anything.
 */
export function corpusHashes(files: readonly CorpusFile[]): Record<string, string> {
  const sidecars = sidecarFiles(files);
  return Object.fromEntries(
    files.filter(isTranscriptFile).map((f) => [f.name, f.bytes ? transcriptHash(f.bytes, sidecarOf(f.name, sidecars)?.bytes ?? null) : ""]),
  );
}
