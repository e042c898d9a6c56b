// What the CLI commands share: settings, the one-line error rule and exit codes.
import "dotenv/config";
import { corpusAndIndexFromEnv } from "../config.js";
import { downloadProgress } from "../embedding/download-progress.js";
import { embeddingSettingsFromEnv, loadEmbedder, type Embedder, type EmbeddingSettings } from "../embedding/embedder.js";
import { cleanLine } from "../text/clean.js";
import type { CorpusReadOptions } from "../transcript/load.js";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

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

/** Run a command: errors become one line on stderr and an exit code, never a stack trace. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`error: ${cleanLine(message.split("\n")[0]!)}\n`);
      process.exitCode = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ? EXIT_USAGE : EXIT_FAILURE;
    },
  );
}
