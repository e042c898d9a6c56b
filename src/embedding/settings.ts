import path from "node:path";
import { parseSwitch } from "../config.js";

export interface EmbeddingSettings {
  /** env EMBEDDING_MODEL, default "Xenova/all-MiniLM-L6-v2" */
  modelId: string;
  /** env MODEL_DIR, default "models" (resolved against cwd): transformers.js cache AND local model path */
  modelDir: string;
  /** env ALLOW_REMOTE_MODELS, default true; "0"/"false"/"no"/"off" forbids downloads */
  allowRemote: boolean;
  /** env MODEL_DOWNLOAD_TIMEOUT_MS, default 20000: longest a download may wait without receiving data */
  downloadTimeoutMs: number;
  /** env MODEL_CONNECT_TIMEOUT_MS, default 5000: longest wait for the model host to answer a request at all */
  connectTimeoutMs?: number;
  /** env MODEL_REMOTE_HOST, e.g. a Hugging Face mirror; unset means transformers.js's default (huggingface.co) */
  remoteHost?: string;
}

export const DEFAULT_EMBEDDING_MODEL = "Xenova/all-MiniLM-L6-v2";

/** Reads the settings; a malformed value throws an Error whose one-line message names the variable. */
export function embeddingSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EmbeddingSettings {
  // An empty value (e.g. `MODEL_DIR=` in .env) means "use the default", as if it were unset.
  const value = (name: string) => env[name]?.trim() || undefined;
  const settings: EmbeddingSettings = {
    modelId: value("EMBEDDING_MODEL") ?? DEFAULT_EMBEDDING_MODEL,
    modelDir: path.resolve(value("MODEL_DIR") ?? "models"),
    allowRemote: parseSwitch("ALLOW_REMOTE_MODELS", value("ALLOW_REMOTE_MODELS"), true),
    downloadTimeoutMs: parseMilliseconds("MODEL_DOWNLOAD_TIMEOUT_MS", value("MODEL_DOWNLOAD_TIMEOUT_MS"), 20_000),
  };
  const connect = value("MODEL_CONNECT_TIMEOUT_MS");
  if (connect !== undefined) settings.connectTimeoutMs = parseMilliseconds("MODEL_CONNECT_TIMEOUT_MS", connect, 5_000);
  const remoteHost = value("MODEL_REMOTE_HOST");
  if (remoteHost !== undefined) settings.remoteHost = parseHttpUrl("MODEL_REMOTE_HOST", remoteHost);
  return settings;
}

function parseMilliseconds(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new Error(`${name} must be a positive whole number of milliseconds, got "${raw}"`);
  }
  return ms;
}

function parseHttpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  }
  // transformers.js appends "{model}/resolve/{revision}/" to the host, so it must end in "/".
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}
