// The index on disk. A build writes a complete folder `index/build-<id>/`, then swaps `index/manifest.json`
// (written to a temporary name and renamed: atomic on POSIX) to point at it. A reader only follows the
// manifest, so it sees the old build or the new one, never half of one.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Passage, Transcript } from "../types.js";
import { SPACE, type VectorIndex } from "./vectors.js";

// 5: passages keep their times (startTime, endTime) and pages; turns their marks.
// 6: CJK words in the keyword index, transcripts from subfolders (ids are paths), detected languages.
export const FORMAT_VERSION = 8;

export interface Manifest {
  formatVersion: number;
  /** Folder inside the index directory that holds this build's files. */
  build: string;
  /** Embedding model id, or null when the index was built without vectors (lexical only). */
  model: string | null;
  dimensions: number | null;
  space: typeof SPACE;
  chunking: { targetTokens: number; maxTokens: number };
  transcripts: Record<string, { hash: string; passages: number }>;
  passages: number;
  builtAt: string;
  /** Byte size of every file of the build, to catch truncation before parsing. */
  files: Record<string, number>;
}

/** Any problem with the index files; the message is one line and says how to rebuild. */
export class IndexError extends Error {
  override name = "IndexError";
}

export const REBUILD_HINT = "run `npm run index` to rebuild it";

export interface BuildFiles {
  transcripts: Transcript[];
  passages: Passage[];
  lexical: Buffer;
  /** The briefings' words and acronyms (src/index/vocabulary.ts), serialised. */
  vocabulary: string;
  vectors: VectorIndex | null;
  embeddingCache: Buffer | null;
}

const FILE = {
  transcripts: "transcripts.json",
  passages: "passages.json",
  lexical: "lexical.bin",
  vocabulary: "vocabulary.json",
  vectors: "vectors.hnsw",
  cache: "embeddings.bin",
} as const;

/** Write a build into a fresh folder and switch the manifest to it. Old builds are removed afterwards. */
export function writeIndex(indexDir: string, files: BuildFiles, manifest: Omit<Manifest, "build" | "files">): Manifest {
  mkdirSync(indexDir, { recursive: true });
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const staging = join(indexDir, `.tmp-${id}`);
  const build = `build-${id}`;
  mkdirSync(staging);
  const temporary = join(indexDir, `.manifest-${id}.json`);
  let switched = false;
  try {
    writeFileSync(join(staging, FILE.transcripts), JSON.stringify(files.transcripts));
    // A passage's text is a slice of its turn, which transcripts.json already holds: only the offsets are written.
    writeFileSync(join(staging, FILE.passages), JSON.stringify(files.passages.map(({ text: _text, ...offsets }) => offsets)));
    writeFileSync(join(staging, FILE.lexical), files.lexical);
    writeFileSync(join(staging, FILE.vocabulary), files.vocabulary);
    if (files.vectors) files.vectors.writeIndexSync(join(staging, FILE.vectors));
    if (files.embeddingCache) writeFileSync(join(staging, FILE.cache), files.embeddingCache);
    const sizes = Object.fromEntries(readdirSync(staging).map((name) => [name, statSync(join(staging, name)).size]));
    renameSync(staging, join(indexDir, build));
    const full: Manifest = { ...manifest, build, files: sizes };
    writeFileSync(temporary, JSON.stringify(full, null, 2));
    renameSync(temporary, join(indexDir, "manifest.json"));
    switched = true;
    removeStale(indexDir, build);
    return full;
  } catch (error) {
    // Until the manifest points at the new build, none of it may stay behind (after that, it is the index).
    if (!switched) for (const leftover of [staging, join(indexDir, build), temporary]) rmSync(leftover, { recursive: true, force: true });
    throw error;
  }
}

/** Builds other than the current one, and leftovers of interrupted builds. */
function removeStale(indexDir: string, current: string): void {
  for (const name of readdirSync(indexDir)) {
    if ((name.startsWith("build-") && name !== current) || name.startsWith(".tmp-") || name.startsWith(".manifest-")) {
      rmSync(join(indexDir, name), { recursive: true, force: true });
    }
  }
}

/** The manifest as written, unchecked (any format): what an older build can still offer. Null when unreadable. */
function manifestAsWritten(indexDir: string): { formatVersion?: unknown; build?: unknown } | null {
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(indexDir, "manifest.json"), "utf8"));
    return manifest && typeof manifest === "object" ? manifest : null;
  } catch {
    return null;
  }
}

/** The format of the index in `indexDir` when an older briefbot wrote it (it is rebuilt, not read); null otherwise. */
export function outdatedFormat(indexDir: string): number | null {
  const formatVersion = manifestAsWritten(indexDir)?.formatVersion;
  return typeof formatVersion === "number" && formatVersion < FORMAT_VERSION ? formatVersion : null;
}

/**
 * The transcripts (id → hash) the index in `indexDir` was built from, whatever its format: what a rebuild reports as
 * added, changed and removed. Null when there is no readable manifest.
 */
export function indexedTranscripts(indexDir: string): Manifest["transcripts"] | null {
  const transcripts = (manifestAsWritten(indexDir) as { transcripts?: unknown } | null)?.transcripts;
  if (!transcripts || typeof transcripts !== "object" || Array.isArray(transcripts)) return null;
  const entries = Object.entries(transcripts as Record<string, unknown>).filter(
    (entry): entry is [string, { hash: string; passages: number }] => typeof (entry[1] as { hash?: unknown } | null)?.hash === "string",
  );
  return Object.fromEntries(entries);
}

export function indexExists(indexDir: string): boolean {
  try {
    return statSync(join(indexDir, "manifest.json")).isFile();
  } catch {
    return false;
  }
}

/** The manifest, checked for shape and format version. */
export function readManifest(indexDir: string): Manifest {
  const path = join(indexDir, "manifest.json");
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new IndexError(missing ? `no index in ${indexDir}: ${REBUILD_HINT}` : `${path} is corrupt: ${REBUILD_HINT}`);
  }
  if (typeof manifest?.formatVersion !== "number" || typeof manifest.build !== "string" || typeof manifest.passages !== "number") {
    throw new IndexError(`${path} is not a briefbot manifest: ${REBUILD_HINT}`);
  }
  if (manifest.formatVersion > FORMAT_VERSION) {
    throw new IndexError(
      `${path} has format ${manifest.formatVersion}, newer than this briefbot reads (${FORMAT_VERSION}): update briefbot or ${REBUILD_HINT}`,
    );
  }
  if (manifest.formatVersion < FORMAT_VERSION) throw new IndexError(`${path} has an old format (${manifest.formatVersion}): ${REBUILD_HINT}`);
  return manifest;
}

export interface LoadedFiles {
  transcripts: Transcript[];
  passages: Passage[];
  lexical: Buffer;
  vocabulary: string;
  vectorsPath: string | null;
}

/** The files of the manifest's build, checked against the sizes it recorded. */
export function readIndexFiles(indexDir: string, manifest: Manifest): LoadedFiles {
  const dir = join(indexDir, manifest.build);
  for (const [name, size] of Object.entries(manifest.files ?? {})) {
    let actual: number;
    try {
      actual = statSync(join(dir, name)).size;
    } catch {
      throw new IndexError(`${join(dir, name)} is missing: ${REBUILD_HINT}`);
    }
    if (actual !== size) throw new IndexError(`${join(dir, name)} is truncated or altered (${actual} bytes, expected ${size}): ${REBUILD_HINT}`);
  }
  const json = <T>(name: string): T => {
    try {
      return JSON.parse(readFileSync(join(dir, name), "utf8")) as T;
    } catch {
      throw new IndexError(`${join(dir, name)} is corrupt: ${REBUILD_HINT}`);
    }
  };
  const passages = json<Passage[]>(FILE.passages);
  const transcripts = json<Transcript[]>(FILE.transcripts);
  const mismatch = () => new IndexError(`${join(dir, FILE.passages)} does not match the manifest: ${REBUILD_HINT}`);
  if (!Array.isArray(passages) || passages.length !== manifest.passages || !Array.isArray(transcripts)) throw mismatch();
  const byId = new Map(transcripts.map((t) => [t.meta?.id, t]));
  for (const p of passages) {
    const transcript = byId.get(p?.transcript);
    // Turn -1 is the announcement.
    const source = p.turn === -1 ? transcript?.announcement : transcript?.turns?.[p.turn]?.text;
    if (typeof source !== "string" || !(p.start >= 0 && p.end <= source.length && p.start < p.end)) throw mismatch();
    p.text = source.slice(p.start, p.end);
  }
  let lexical: Buffer;
  try {
    lexical = readFileSync(join(dir, FILE.lexical));
  } catch {
    throw new IndexError(`${join(dir, FILE.lexical)} is missing: ${REBUILD_HINT}`);
  }
  let vocabulary: string;
  try {
    vocabulary = readFileSync(join(dir, FILE.vocabulary), "utf8");
  } catch {
    throw new IndexError(`${join(dir, FILE.vocabulary)} is missing: ${REBUILD_HINT}`);
  }
  const vectorsPath = manifest.model ? join(dir, FILE.vectors) : null;
  if (vectorsPath && manifest.files?.[FILE.vectors] === undefined && manifest.passages > 0) {
    throw new IndexError(`${vectorsPath} is missing: ${REBUILD_HINT}`);
  }
  return { transcripts, passages, lexical, vocabulary, vectorsPath };
}

/** The embedding cache of the current build, when there is one (null otherwise: nothing to reuse). */
export function readEmbeddingCache(indexDir: string): Buffer | null {
  // Read even from an index of an older format: the cache names its model and is checked when decoded.
  const build = manifestAsWritten(indexDir)?.build;
  if (typeof build !== "string" || build.includes("/") || build.includes("\\")) return null;
  try {
    return readFileSync(join(indexDir, build, FILE.cache));
  } catch {
    return null;
  }
}
