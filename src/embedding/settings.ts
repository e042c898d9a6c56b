import path from "node:path";
import { envReader, httpUrlSetting, numberSetting, switchSetting } from "../settings.js";
import { DEFAULT_CONNECT_TIMEOUT_MS } from "./bounded-fetch.js";

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
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 20_000;

/** Reads the settings; a malformed value throws a SettingsError whose one-line message names the variable. */
export function embeddingSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EmbeddingSettings {
  const value = envReader(env);
  const settings: EmbeddingSettings = {
    modelId: value("EMBEDDING_MODEL") ?? DEFAULT_EMBEDDING_MODEL,
    modelDir: path.resolve(value("MODEL_DIR") ?? "models"),
    allowRemote: switchSetting("ALLOW_REMOTE_MODELS", value("ALLOW_REMOTE_MODELS"), true),
    downloadTimeoutMs: milliseconds("MODEL_DOWNLOAD_TIMEOUT_MS", value("MODEL_DOWNLOAD_TIMEOUT_MS"), DEFAULT_DOWNLOAD_TIMEOUT_MS),
  };
  const connect = value("MODEL_CONNECT_TIMEOUT_MS");
  if (connect !== undefined) settings.connectTimeoutMs = milliseconds("MODEL_CONNECT_TIMEOUT_MS", connect, DEFAULT_CONNECT_TIMEOUT_MS);
  const remoteHost = value("MODEL_REMOTE_HOST");
  if (remoteHost !== undefined) {
    // transformers.js appends "{model}/resolve/{revision}/" to the host, so it must end in "/".
    const { href } = httpUrlSetting("MODEL_REMOTE_HOST", remoteHost);
    settings.remoteHost = href.endsWith("/") ? href : `${href}/`;
  }
  return settings;
}

const milliseconds = (name: string, raw: string | undefined, fallback: number) =>
  numberSetting(name, raw, fallback, { min: 0, above: true, whole: true, unit: "milliseconds" });
