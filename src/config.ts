// Settings every front end shares (CLI, console chat, Discord): where the transcripts and the index live, and
// how far reading the corpus folder may go. Read and checked through the one settings layer (src/settings.ts).
import path from "node:path";
import { envReader, numberSetting, switchSetting } from "./settings.js";
import { DEFAULT_MAX_TRANSCRIPT_MB, type CorpusReadOptions } from "./transcript/read-options.js";
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
  const value = envReader(env);
  return {
    corpusDir: path.resolve(value("CORPUS_DIR") ?? "corpus"),
    indexDir: path.resolve(value("INDEX_DIR") ?? "index"),
    corpusReading: corpusReadingFromEnv(env),
  };
}

/** MAX_TRANSCRIPT_MB, READER_TIMEOUT_S and CORPUS_FOLLOW_EXTERNAL_LINKS; a malformed value throws a SettingsError naming it. */
export function corpusReadingFromEnv(env: NodeJS.ProcessEnv = process.env): CorpusReadOptions {
  const value = envReader(env);
  const mb = numberSetting("MAX_TRANSCRIPT_MB", value("MAX_TRANSCRIPT_MB"), DEFAULT_MAX_TRANSCRIPT_MB, { min: 0, above: true, unit: "megabytes" });
  const timeoutS = numberSetting("READER_TIMEOUT_S", value("READER_TIMEOUT_S"), DEFAULT_EXTRACT_TIMEOUT_MS / 1000, { min: 0, above: true, unit: "seconds" });
  return {
    maxFileBytes: Math.floor(mb * 1024 * 1024),
    allowExternalLinks: switchSetting("CORPUS_FOLLOW_EXTERNAL_LINKS", value("CORPUS_FOLLOW_EXTERNAL_LINKS"), false),
    readerTimeoutMs: Math.round(timeoutS * 1000),
  };
}
