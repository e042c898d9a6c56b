// corpus/ → index/: parse, chunk, embed what is new, build the BM25 and vector indexes, write atomically.
import hnswlib from "hnswlib-node";
import type { Embedder } from "../embedding/embedder.js";
import { estimateTokens, passagesOfTranscript } from "../passages/chunk.js";
import { buildLexicalIndex, lexicalDocument, serialiseLexicalIndex } from "../retrieval/lexical.js";
import { buildVocabulary, serialiseVocabulary } from "../retrieval/vocabulary.js";
import { parseCorpus, readCorpus, type CorpusFile } from "../transcript/load.js";
import { contentHash } from "../transcript/parse.js";
import type { Passage, Transcript } from "../types.js";
import { cacheKey, decodeCache, encodeCache, type EmbeddingCache } from "./embedding-cache.js";
import { FORMAT_VERSION, indexExists, readEmbeddingCache, readManifest, SPACE, writeIndex, type Manifest } from "./store.js";

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
}

export async function buildIndex(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const { embedder } = options;
  const files = readCorpus(options.corpusDir);
  const chunking = {
    targetTokens: options.targetTokens ?? DEFAULT_TARGET_TOKENS,
    maxTokens: embedder?.maxTokens ?? LEXICAL_MAX_TOKENS,
  };
  const previous = indexExists(options.indexDir) && !options.force ? safeManifest(options.indexDir) : null;
  const upToDate = (transcripts: number, manifest: Manifest): BuildSummary => {
    const seconds = (performance.now() - started) / 1000;
    return { transcripts, passages: manifest.passages, embedded: 0, reused: manifest.passages, seconds, upToDate: true, manifest };
  };
  // Unchanged bytes need no parsing: the common "nothing changed" check stays cheap on a large corpus.
  if (previous && sameBuild(previous, rawHashes(files), embedder, chunking)) return upToDate(files.length, previous);
  const transcripts = parseCorpus(files, options.warn);
  // A file that is skipped (broken) is not in the manifest: compare what parses.
  if (previous && sameBuild(previous, Object.fromEntries(transcripts.map((t) => [t.meta.id, t.hash])), embedder, chunking)) {
    return upToDate(transcripts.length, previous);
  }

  const countTokens = embedder ? (text: string) => embedder.countTokens(text) : estimateTokens;
  const passages = transcripts.flatMap((t) => passagesOfTranscript(t, { ...chunking, countTokens }));
  const byId = new Map(transcripts.map((t) => [t.meta.id, t]));
  const lexical = buildLexicalIndex(
    passages.map((p, i) => lexicalDocument(i, p, questionText(byId.get(p.transcript), p), exchangeContext(byId.get(p.transcript)!, p))),
  );
  const passageCounts = new Map<string, number>();
  for (const p of passages) passageCounts.set(p.transcript, (passageCounts.get(p.transcript) ?? 0) + 1);

  let vectors: hnswlib.HierarchicalNSW | null = null;
  let cache: EmbeddingCache | null = null;
  let embedded = 0;
  let reused = 0;
  if (embedder) {
    const old = decodeCache(readEmbeddingCache(options.indexDir), embedder.modelId, embedder.dimensions);
    const result = await embedAll(embedder, passages, old, options.onProgress);
    ({ cache, embedded, reused } = result);
    vectors = vectorIndex(embedder.dimensions, result.vectors);
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

function rawHashes(files: readonly CorpusFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.name, f.bytes ? contentHash(f.bytes) : ""]));
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

export function questionText(transcript: Transcript | undefined, passage: Passage): string | null {
  if (passage.inResponseTo === null) return null;
  return transcript?.turns[passage.inResponseTo]?.text ?? null;
}

/** The passage's whole turn, plus, for a question, the first answer it got: words the exchange shares. */
function exchangeContext(transcript: Transcript, passage: Passage): string {
  const turn = transcript.turns[passage.turn];
  if (!turn) return transcript.announcement;
  if (!passage.isQuestion) return turn.text;
  const answer = transcript.turns.find((t) => t.inResponseTo === passage.turn);
  return answer ? `${turn.text}\n\n${answer.text}` : turn.text;
}

const EMBED_BATCH = 32;

async function embedAll(
  embedder: Embedder,
  passages: readonly Passage[],
  old: EmbeddingCache,
  onProgress?: (done: number, total: number) => void,
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
    const batch = missing.slice(i, i + EMBED_BATCH);
    const vectors = await embedder.embedPassages(batch.map((p) => passages[p]!.text));
    batch.forEach((p, j) => cache.set(keys[p]!, vectors[j]!));
    onProgress?.(reused + Math.min(i + EMBED_BATCH, missing.length), passages.length);
  }
  return { vectors: keys.map((key) => cache.get(key)!), cache, embedded: missing.length, reused };
}

function vectorIndex(dimensions: number, vectors: readonly Float32Array[]): hnswlib.HierarchicalNSW {
  const index = new hnswlib.HierarchicalNSW(SPACE, dimensions);
  index.initIndex(Math.max(1, vectors.length), 16, 200, 100);
  vectors.forEach((vector, label) => index.addPoint(Array.from(vector), label));
  return index;
}
