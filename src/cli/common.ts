// What the CLI commands share: settings, notices and the model. Failures and exit codes: src/run-main.ts.
import "dotenv/config";
import { corpusAndIndexFromEnv } from "../config.js";
import { downloadProgress } from "../embedding/download-progress.js";
import { embeddingSettingsFromEnv, loadEmbedder, type Embedder, type EmbeddingSettings } from "../embedding/embedder.js";
import { cleanLine } from "../text/clean.js";
import type { CorpusReadOptions } from "../transcript/load.js";

export interface CommonSettings {
  corpusDir: string;
  indexDir: string;
  embedding: EmbeddingSettings | null;
  /** MAX_TRANSCRIPT_MB, CORPUS_FOLLOW_EXTERNAL_LINKS, READER_TIMEOUT_S. */
  corpusReading: CorpusReadOptions;
}

/** Settings from the environment (.env), overridden by --corpus / --index; --lexical skips the model. */
export function commonSettings(flags: { corpus?: string; index?: string; lexical?: boolean }): CommonSettings {
  const { corpusDir, indexDir, corpusReading } = corpusAndIndexFromEnv();
  return {
    corpusDir: flags.corpus ?? corpusDir,
    indexDir: flags.index ?? indexDir,
    embedding: flags.lexical ? null : embeddingSettingsFromEnv(),
    corpusReading,
  };
}

/** A notice on stderr: one line, cleaned (file names and transcript text may carry terminal escapes). */
export const warn = (line: string) => process.stderr.write(`${cleanLine(line)}\n`);

/** The embedding model (null for --lexical or when it cannot be loaded: warned once), with download progress on stderr. */
export async function loadModel(settings: CommonSettings): Promise<Embedder | null> {
  if (!settings.embedding) return null;
  const progress = downloadProgress(settings.embedding.modelId, process.stderr);
  const embedder = await loadEmbedder(settings.embedding, warn, { onDownload: (event) => progress.onDownload(event) });
  progress.finish(embedder !== null);
  return embedder;
}
