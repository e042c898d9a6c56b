// Settings every front end shares (CLI, console chat, Discord): where the transcripts and the index live.
import path from "node:path";

export interface CorpusAndIndex {
  /** env CORPUS_DIR, default "corpus" (resolved against cwd) */
  corpusDir: string;
  /** env INDEX_DIR, default "index" (resolved against cwd) */
  indexDir: string;
}

export function corpusAndIndexFromEnv(env: NodeJS.ProcessEnv = process.env): CorpusAndIndex {
  // An empty value (`CORPUS_DIR=` in .env) means the default, as for the embedding settings.
  const value = (name: string) => env[name]?.trim() || undefined;
  return {
    corpusDir: path.resolve(value("CORPUS_DIR") ?? "corpus"),
    indexDir: path.resolve(value("INDEX_DIR") ?? "index"),
  };
}
