// How far reading the corpus folder may go, and its defaults: apart from load.ts so that the settings (src/config.ts)
// can name them without loading the readers and their libraries.

/** How far reading the corpus folder may go (settings MAX_TRANSCRIPT_MB and CORPUS_FOLLOW_EXTERNAL_LINKS). */
export interface CorpusReadOptions {
  /** Largest transcript read, in bytes; a larger file is skipped with a warning. */
  maxFileBytes: number;
  /** Follow symbolic links whose target lies outside the corpus folder. */
  allowExternalLinks: boolean;
  /** Longest a PDF or DOCX may take to read before it is skipped (default 60 s; setting READER_TIMEOUT_S). */
  readerTimeoutMs?: number;
}

export const DEFAULT_MAX_TRANSCRIPT_MB = 50;
export const DEFAULT_CORPUS_READ: CorpusReadOptions = { maxFileBytes: DEFAULT_MAX_TRANSCRIPT_MB * 1024 * 1024, allowExternalLinks: false };
