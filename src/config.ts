// Settings every front end shares (CLI, console chat, Discord): where the transcripts and the index live, and
// how far reading the corpus folder may go.
import path from "node:path";
import { DEFAULT_MAX_TRANSCRIPT_MB, type CorpusReadOptions } from "./transcript/load.js";
import { DEFAULT_EXTRACT_TIMEOUT_MS } from "./transcript/readers/extract.js";

export interface CorpusAndIndex {
  /** env CORPUS_DIR, default "corpus" (resolved against cwd) */
  corpusDir: string;
  /** env INDEX_DIR, default "index" (resolved against cwd) */
  indexDir: string;
  /** env MAX_TRANSCRIPT_MB (default 50), CORPUS_FOLLOW_EXTERNAL_LINKS (default false), READER_TIMEOUT_S (default 60) */
  corpusReading: CorpusReadOptions;
}

export function corpusAndIndexFromEnv(env: NodeJS.ProcessEnv = process.env): CorpusAndIndex {
  // An empty value (`CORPUS_DIR=` in .env) means the default, as for the embedding settings.
  const value = (name: string) => env[name]?.trim() || undefined;
  return {
    corpusDir: path.resolve(value("CORPUS_DIR") ?? "corpus"),
    indexDir: path.resolve(value("INDEX_DIR") ?? "index"),
    corpusReading: corpusReadingFromEnv(env),
  };
}

/** MAX_TRANSCRIPT_MB and CORPUS_FOLLOW_EXTERNAL_LINKS; a malformed value throws a SettingsError naming it. */
export function corpusReadingFromEnv(env: NodeJS.ProcessEnv = process.env): CorpusReadOptions {
  const value = (name: string) => env[name]?.trim() || undefined;
  const raw = value("MAX_TRANSCRIPT_MB");
  const mb = raw === undefined ? DEFAULT_MAX_TRANSCRIPT_MB : Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) throw new SettingsError(`MAX_TRANSCRIPT_MB must be a number of megabytes above 0, got "${raw}"`);
  const rawTimeout = value("READER_TIMEOUT_S");
  const timeout = rawTimeout === undefined ? DEFAULT_EXTRACT_TIMEOUT_MS / 1000 : Number(rawTimeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new SettingsError(`READER_TIMEOUT_S must be a number of seconds above 0, got "${rawTimeout}"`);
  return {
    maxFileBytes: Math.floor(mb * 1024 * 1024),
    allowExternalLinks: parseSwitch("CORPUS_FOLLOW_EXTERNAL_LINKS", value("CORPUS_FOLLOW_EXTERNAL_LINKS"), false),
    readerTimeoutMs: Math.round(timeout * 1000),
  };
}

/** A malformed setting; the message is one line naming the variable. */
export class SettingsError extends Error {}

/** An on/off setting: 1/0, true/false, yes/no, on/off; unset gives the fallback. */
export function parseSwitch(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const lower = raw.toLowerCase();
  if (["1", "true", "yes", "on"].includes(lower)) return true;
  if (["0", "false", "no", "off"].includes(lower)) return false;
  throw new SettingsError(`${name} must be true or false (1/0, yes/no), got "${raw}"`);
}
