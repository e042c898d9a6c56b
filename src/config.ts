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
