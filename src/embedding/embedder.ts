import { existsSync } from "node:fs";
import path from "node:path";
import { withBoundedModelFetch, type DownloadEvent } from "./bounded-fetch.js";
import { prefixesFor } from "./prefixes.js";
import type { EmbeddingSettings } from "./settings.js";

export { DEFAULT_EMBEDDING_MODEL, embeddingSettingsFromEnv, type EmbeddingSettings } from "./settings.js";

export interface Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  /** Max tokens one input may have, special tokens included (from tokenizer model_max_length, capped by config max_position_embeddings; 512 cap for absurd values) */
  readonly maxTokens: number;
  /** Tokens the model's own tokenizer produces for `text` as embedded by embedPassages (passage prefix and special tokens included). */
  countTokens(text: string): number;
  /** Mean-pooled, L2-normalised vectors; batches internally. Throws if any text exceeds maxTokens (never let the model truncate silently). */
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  /** Mean-pooled, L2-normalised vector. A query longer than maxTokens is truncated: queries are matched, never quoted. */
  embedQuery(text: string): Promise<Float32Array>;
}

const BATCH_SIZE = 32;
// Tokenizers without a real limit store a sentinel such as 1e30 as model_max_length.
const ABSURD_TOKEN_LIMIT = 1_000_000;
const FALLBACK_TOKEN_LIMIT = 512;
// transformers.js (and onnxruntime-node with it) is imported on first load only: lexical mode never pays for it.
let transformers: Promise<typeof import("@xenova/transformers")> | null = null;
let defaultRemoteHost: string | null = null;

/** The parts of a transformers.js feature-extraction pipeline this module uses. */
interface Extractor {
  (texts: string[], options: { pooling: "mean"; normalize: true }): Promise<{ data: Float32Array; dims: number[] }>;
  tokenizer: { model_max_length: number; encode(text: string): number[] };
  model: { config: { max_position_embeddings?: unknown } };
}

export type { DownloadEvent } from "./bounded-fetch.js";

export interface LoadOptions {
  /** Bytes arriving from the model host (only while files are downloaded, not when read from MODEL_DIR). */
  onDownload?: (event: DownloadEvent) => void;
  /** Give up loading (downloads in flight are aborted); loadEmbedder then returns null without a warning. */
  signal?: AbortSignal;
}

/**
 * Loads the model (quantized) through transformers.js. Returns null when it cannot be loaded
 * (offline and not cached, download timed out, files missing/corrupt) after calling `warn` exactly
 * once with one line naming the model, the folder and `npm run model:fetch`.
 */
export async function loadEmbedder(
  settings: EmbeddingSettings,
  warn: (line: string) => void,
  options: LoadOptions = {},
): Promise<Embedder | null> {
  try {
    return await openEmbedder(settings, options);
  } catch (error) {
    if (options.signal?.aborted) return null; // the caller stopped waiting: nothing to report
    warn(
      `Embedding model "${settings.modelId}" could not be loaded from ${modelFolder(settings)} ` +
        `(${describeError(error)}); run "npm run model:fetch" to download it ` +
        `(delete that folder first if its files are damaged). ` +
        `Answers fall back to keyword (lexical) search.`,
    );
    return null;
  }
}

/** Like loadEmbedder, but throws an Error with a one-line reason instead of warning. */
export function openEmbedder(settings: EmbeddingSettings, options: LoadOptions = {}): Promise<Embedder> {
  // transformers.js `env` and the patched global fetch are process-wide, so loads take turns.
  const load = loadQueue.then(() => openEmbedderNow(settings, options));
  loadQueue = load.catch(() => undefined);
  return load;
}
let loadQueue: Promise<unknown> = Promise.resolve();

/** Where the model's files live: transformers.js looks up `<localModelPath>/<model id>/`. */
export function modelFolder(settings: EmbeddingSettings): string {
  return path.join(settings.modelDir, ...settings.modelId.split("/"));
}

async function openEmbedderNow(settings: EmbeddingSettings, options: LoadOptions): Promise<Embedder> {
  options.signal?.throwIfAborted();
  if (!settings.allowRemote && !existsSync(modelFolder(settings))) {
    throw new Error("not downloaded yet, and ALLOW_REMOTE_MODELS forbids downloading it");
  }
  transformers ??= import("@xenova/transformers");
  const { env, pipeline } = await transformers;
  defaultRemoteHost ??= env.remoteHost;
  env.localModelPath = settings.modelDir;
  env.cacheDir = settings.modelDir; // downloads land where localModelPath finds them next time
  env.allowLocalModels = true;
  env.allowRemoteModels = settings.allowRemote;
  env.remoteHost = settings.remoteHost ?? defaultRemoteHost;

  const fetchLimits = { stallMs: settings.downloadTimeoutMs, connectMs: settings.connectTimeoutMs, onDownload: options.onDownload, signal: options.signal };
  const extractor = (await withBoundedModelFetch(env.remoteHost, fetchLimits, () =>
    pipeline("feature-extraction", settings.modelId, { quantized: true }),
  )) as unknown as Extractor;

  const maxTokens = tokenLimit(extractor.tokenizer.model_max_length, extractor.model.config.max_position_embeddings);
  // The pipeline truncates to model_max_length; pinning it to maxTokens makes query truncation
  // match our limit and keeps inputs within the model's position embeddings.
  extractor.tokenizer.model_max_length = maxTokens;
  const prefix = prefixesFor(settings.modelId);

  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH_SIZE) {
      const output = await extractor(texts.slice(start, start + BATCH_SIZE), { pooling: "mean", normalize: true });
      const [rows, width] = output.dims as [number, number];
      for (let row = 0; row < rows; row++) vectors.push(output.data.slice(row * width, (row + 1) * width));
    }
    return vectors;
  };
  const countTokens = (text: string) => extractor.tokenizer.encode(prefix.passage + text).length;

  // Running the model once proves the files are usable now rather than at the first question,
  // and gives the vector size whatever the config calls it.
  const [probe] = await embed(["dimension probe"]);

  return {
    modelId: settings.modelId,
    dimensions: probe!.length,
    maxTokens,
    countTokens,
    async embedPassages(texts) {
      texts.forEach((text, index) => {
        const tokens = countTokens(text);
        if (tokens > maxTokens) {
          throw new Error(
            `passage ${index} has ${tokens} tokens, more than the ${maxTokens} that ${settings.modelId} accepts; split it before embedding`,
          );
        }
      });
      return embed(texts.map((text) => prefix.passage + text));
    },
    async embedQuery(text) {
      const [vector] = await embed([prefix.query + text]);
      return vector!;
    },
  };
}

function tokenLimit(tokenizerMax: unknown, positions: unknown): number {
  const usable = (n: unknown): n is number =>
    typeof n === "number" && Number.isInteger(n) && n > 0 && n < ABSURD_TOKEN_LIMIT;
  const limit = usable(tokenizerMax) ? tokenizerMax : FALLBACK_TOKEN_LIMIT;
  return usable(positions) ? Math.min(limit, positions) : limit;
}

/** One line, bounded: transformers.js and onnxruntime messages can be long or multi-line. */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, " ").trim().slice(0, 300);
}
