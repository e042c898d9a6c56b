// corpus/ → index/: parse, chunk, embed what is new, build the BM25 and vector indexes, write atomically.
import type { Embedder } from "../embedding/embedder.js";
import { estimateTokens, passagesOfTranscript } from "../passages/chunk.js";
import { exchangeContext, questionText } from "../passages/exchange.js";
import { corpusHashes, DEFAULT_CORPUS_READ, parseCorpus, readCorpus, type CorpusReadOptions } from "../transcript/load.js";
import type { Passage, Transcript } from "../types.js";
import { cacheKey, decodeCache, encodeCache, type EmbeddingCache } from "./embedding-cache.js";
import { checkIndexLocation, explainWriteError, lockIndexFolder } from "./folder.js";
import { buildLexicalIndex, lexicalDocument, serialiseLexicalIndex } from "./lexical.js";
import { FORMAT_VERSION, indexedTranscripts, indexExists, readEmbeddingCache, readManifest, writeIndex, type Manifest } from "./store.js";
import { buildVectorIndex, SPACE, type VectorIndex } from "./vectors.js";
import { buildVocabulary, serialiseVocabulary } from "./vocabulary.js";

/** Passages are packed up to this many tokens (the model's own limit still caps them). */
export const DEFAULT_TARGET_TOKENS = 128;
/** Without a model there is no hard limit to respect; this keeps lexical passages the size hybrid ones would have. */
const LEXICAL_MAX_TOKENS = 256;

export interface BuildOptions {
  corpusDir: string;
  indexDir: string;
  embedder: Embedder | null;
  targetTokens?: number;
  /** Rebuild even when nothing changed. */
  force?: boolean;
  warn: (line: string) => void;
  /** Called as passages are embedded: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** What may be read from the corpus folder (size cap, links); default DEFAULT_CORPUS_READ. */
  corpusReading?: CorpusReadOptions;
  /** Stops the build between embedding batches (nothing is written then). */
  signal?: AbortSignal;
}

export interface BuildSummary {
  transcripts: number;
  passages: number;
  embedded: number;
  reused: number;
  seconds: number;
  /** True when the index already matched the corpus and nothing was written. */
  upToDate: boolean;
  manifest: Manifest;
  /** Transcripts added, changed and removed since the index it replaces; null when there was none (or it was unreadable). */
  changes: TranscriptChanges | null;
}

/** Transcript ids (paths inside the corpus folder), each list sorted. */
export interface TranscriptChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** What a rebuild changed, from the old manifest's hashes and the new transcripts'. */
export function transcriptChanges(previous: Readonly<Record<string, { hash: string }>>, current: Readonly<Record<string, string>>): TranscriptChanges {
  const added = Object.keys(current).filter((id) => !(id in previous));
  const changed = Object.keys(current).filter((id) => id in previous && previous[id]!.hash !== current[id]);
  const removed = Object.keys(previous).filter((id) => !(id in current));
  return { added: added.sort(), changed: changed.sort(), removed: removed.sort() };
}

const NAMED = 3;

/**
 * "added 1 transcript (2023/new.txt), changed 2 transcripts (a.txt, b.txt), removed 1 transcript (old.txt)", or
 * "no transcript added, changed or removed" (a forced rebuild, another model).
 */
export function describeChanges(changes: TranscriptChanges): string {
  const parts = (["added", "changed", "removed"] as const).flatMap((kind) => {
    const ids = changes[kind];
    if (!ids.length) return [];
    const names = ids.length > NAMED ? `${ids.slice(0, NAMED).join(", ")} and ${ids.length - NAMED} more` : ids.join(", ");
    return [`${kind} ${ids.length} transcript${ids.length === 1 ? "" : "s"} (${names})`];
  });
  return parts.length ? parts.join(", ") : "no transcript added, changed or removed";
}

export async function buildIndex(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const { embedder } = options;
  checkIndexLocation(options.indexDir); // a mistyped --index fails before the corpus is read
  const reading = options.corpusReading ?? DEFAULT_CORPUS_READ;
  const files = readCorpus(options.corpusDir, reading);
  const chunking = {
    targetTokens: options.targetTokens ?? DEFAULT_TARGET_TOKENS,
    maxTokens: embedder?.maxTokens ?? LEXICAL_MAX_TOKENS,
  };
  // The index being replaced: what the summary compares against, and (unless forced) what may already be up to date.
  const replaced = indexExists(options.indexDir) ? indexedTranscripts(options.indexDir) : null;
  const previous = indexExists(options.indexDir) && !options.force ? safeManifest(options.indexDir) : null;
  const upToDate = (transcripts: number, manifest: Manifest): BuildSummary => {
    const seconds = (performance.now() - started) / 1000;
    const changes = { added: [], changed: [], removed: [] };
    return { transcripts, passages: manifest.passages, embedded: 0, reused: manifest.passages, seconds, upToDate: true, manifest, changes };
  };
  // Unchanged bytes need no parsing: the common "nothing changed" check stays cheap on a large corpus. (Files of
  // a format briefbot does not read are still named, as a full build names them.)
  const hashes = corpusHashes(files);
  if (previous && sameBuild(previous, hashes, embedder, chunking)) {
    for (const file of files) if (file.unsupported) options.warn(`warning: skipped ${file.path}: ${file.readError}`);
    return upToDate(Object.keys(hashes).length, previous);
  }
  const transcripts = await parseCorpus(files, options.warn, reading);
  // A file that is skipped (broken) is not in the manifest: compare what parses.
  if (previous && sameBuild(previous, Object.fromEntries(transcripts.map((t) => [t.meta.id, t.hash])), embedder, chunking)) {
    return upToDate(transcripts.length, previous);
  }
  // From here on the build writes: one at a time per index folder.
  const lock = lockIndexFolder(options.indexDir);
  try {
    const summary = await writeBuild(options, transcripts, chunking, started);
    const hashes = Object.fromEntries(transcripts.map((t) => [t.meta.id, t.hash]));
    return { ...summary, changes: replaced ? transcriptChanges(replaced, hashes) : null };
  } catch (error) {
    throw explainWriteError(options.indexDir, error);
  } finally {
    lock.release();
  }
}

async function writeBuild(
  options: BuildOptions,
  transcripts: Transcript[],
  chunking: Manifest["chunking"],
  started: number,
): Promise<Omit<BuildSummary, "changes">> {
  const { embedder } = options;

  const countTokens = embedder ? (text: string) => embedder.countTokens(text) : estimateTokens;
  const passages = transcripts.flatMap((t) => passagesOfTranscript(t, { ...chunking, countTokens }));
  const byId = new Map(transcripts.map((t) => [t.meta.id, t]));
  const lexical = buildLexicalIndex(
    passages.map((p, i) => lexicalDocument(i, p, questionText(byId.get(p.transcript), p), exchangeContext(byId.get(p.transcript)!, p))),
  );
  const passageCounts = new Map<string, number>();
  for (const p of passages) passageCounts.set(p.transcript, (passageCounts.get(p.transcript) ?? 0) + 1);

  let vectors: VectorIndex | null = null;
  let cache: EmbeddingCache | null = null;
  let embedded = 0;
  let reused = 0;
  if (embedder) {
    const old = decodeCache(readEmbeddingCache(options.indexDir), embedder.modelId, embedder.dimensions);
    const result = await embedAll(embedder, passages, old, options.onProgress, options.signal);
    ({ cache, embedded, reused } = result);
    vectors = buildVectorIndex(embedder.dimensions, result.vectors);
  }

  const manifest = writeIndex(
    options.indexDir,
    {
      transcripts,
      passages,
      lexical: serialiseLexicalIndex(lexical),
      vocabulary: serialiseVocabulary(buildVocabulary(transcripts.flatMap((t) => [t.meta.title, t.announcement, ...t.turns.map((turn) => turn.text)]))),
      vectors,
      embeddingCache: embedder && cache ? encodeCache(embedder.modelId, embedder.dimensions, cache) : null,
    },
    {
      formatVersion: FORMAT_VERSION,
      model: embedder?.modelId ?? null,
      dimensions: embedder?.dimensions ?? null,
      space: SPACE,
      chunking,
      transcripts: Object.fromEntries(
        transcripts.map((t) => [t.meta.id, { hash: t.hash, passages: passageCounts.get(t.meta.id) ?? 0 }]),
      ),
      passages: passages.length,
      builtAt: new Date().toISOString(),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return { transcripts: transcripts.length, passages: passages.length, embedded, reused, seconds, upToDate: false, manifest };
}

function safeManifest(indexDir: string): Manifest | null {
  try {
    return readManifest(indexDir);
  } catch {
    return null; // a broken index is simply replaced by the build
  }
}

function sameBuild(
  manifest: Manifest,
  hashes: Record<string, string>,
  embedder: Embedder | null,
  chunking: Manifest["chunking"],
): boolean {
  const previous = Object.entries(manifest.transcripts);
  return (
    manifest.model === (embedder?.modelId ?? null) &&
    manifest.chunking?.targetTokens === chunking.targetTokens &&
    manifest.chunking?.maxTokens === chunking.maxTokens &&
    previous.length === Object.keys(hashes).length &&
    previous.every(([id, entry]) => hashes[id] === entry.hash)
  );
}

const EMBED_BATCH = 32;

async function embedAll(
  embedder: Embedder,
  passages: readonly Passage[],
  old: EmbeddingCache,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ vectors: Float32Array[]; cache: EmbeddingCache; embedded: number; reused: number }> {
  const keys = passages.map((p) => cacheKey(embedder.modelId, p.text));
  const cache: EmbeddingCache = new Map();
  const missing: number[] = []; // one passage per distinct new text
  const pending = new Set<string>();
  keys.forEach((key, i) => {
    const vector = old.get(key);
    if (vector) cache.set(key, vector);
    else if (!pending.has(key)) {
      pending.add(key);
      missing.push(i);
    }
  });
  const reused = passages.length - missing.length;
  onProgress?.(reused, passages.length);
  for (let i = 0; i < missing.length; i += EMBED_BATCH) {
    signal?.throwIfAborted();
    const batch = missing.slice(i, i + EMBED_BATCH);
    const vectors = await embedder.embedPassages(batch.map((p) => passages[p]!.text));
    batch.forEach((p, j) => cache.set(keys[p]!, vectors[j]!));
    onProgress?.(reused + Math.min(i + EMBED_BATCH, missing.length), passages.length);
  }
  return { vectors: keys.map((key) => cache.get(key)!), cache, embedded: missing.length, reused };
}
