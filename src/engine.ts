// The engine: load the index (and the model) once, then answer. Every front end goes through openEngine(); the
// parts it composes are in src/answer/ (browse, cite, content, briefing answers), src/index/ and src/retrieval/.
import { answerAboutBriefing } from "./answer/briefing.js";
import { DEFAULT_TOP } from "./engine-api.js";
import { briefingSources } from "./answer/briefing-sources.js";
import { browse } from "./answer/browse.js";
import { citations } from "./answer/cite.js";
import { contentSearch } from "./answer/content.js";
import { loadEmbedder, type Embedder, type EmbeddingSettings } from "./embedding/embedder.js";
import type { Engine } from "./engine-api.js";
import type { BuildSummary } from "./index/build.js";
import { openIndex, type OpenedIndex } from "./index/open.js";
import { indexExists, outdatedFormat } from "./index/store.js";
import { idf } from "./retrieval/lexical.js";
import { DEFAULT_PARAMS, type RetrievalParams } from "./retrieval/search.js";
import { terms } from "./text/terms.js";
import type { CorpusReadOptions } from "./transcript/load.js";
import type { Answer, AskOptions } from "./types.js";

export type { Engine } from "./engine-api.js";

export interface EngineOptions {
  corpusDir: string;
  indexDir: string;
  /** null: lexical only, without loading a model or warning (tests, `--lexical`). */
  embedding: EmbeddingSettings | null;
  /** One-line warnings (model missing, skipped transcripts). */
  warn: (line: string) => void;
  /** One-line notices (building a missing index). */
  info?: (line: string) => void;
  /** Build the index from the corpus when none exists (default true). */
  buildIfMissing?: boolean;
  onBuildProgress?: (done: number, total: number) => void;
  /** Retrieval tuning (the eval script varies these). */
  params?: Partial<RetrievalParams>;
  /** Passage size for a build that openEngine starts (default DEFAULT_TARGET_TOKENS). */
  targetTokens?: number;
  /** A model already loaded (saves loading it twice when the caller also builds). */
  embedder?: Embedder | null;
  /** What a build that openEngine starts may read from the corpus folder (size cap, links, reader time budget). */
  corpusReading?: CorpusReadOptions;
}

export interface OpenedEngine extends Engine {
  /** Set when openEngine had to build the index first. */
  readonly built: BuildSummary | null;
}

export async function openEngine(options: EngineOptions): Promise<OpenedEngine> {
  const embedder =
    options.embedder !== undefined ? options.embedder : options.embedding ? await loadEmbedder(options.embedding, options.warn) : null;
  // With buildIfMissing false, openIndex below refuses a missing or outdated index with a one-line IndexError.
  const built = options.buildIfMissing === false ? null : await buildWhenMissing(options, embedder);
  const params = { ...DEFAULT_PARAMS, ...options.params };
  const index = openIndex(options.indexDir, { embedder, depth: params.depth, warn: options.warn });
  return createEngine(index, index.vectors ? embedder : null, built, params);
}

/** Build the index first when there is none, or when an older briefbot wrote it; null when it can be opened as it is. */
async function buildWhenMissing(options: EngineOptions, embedder: Embedder | null): Promise<BuildSummary | null> {
  const missing = !indexExists(options.indexDir);
  const outdated = missing ? null : outdatedFormat(options.indexDir);
  if (!missing && outdated === null) return null;
  options.info?.(
    missing
      ? `No index in ${options.indexDir} yet: building it from ${options.corpusDir} first.`
      : `The index in ${options.indexDir} was written by an older briefbot (format ${outdated}): rebuilding it from ${options.corpusDir} first.`,
  );
  // The builder (and the transcript readers it needs) is loaded only when a build is due: answering never needs it.
  const { buildIndex } = await import("./index/build.js");
  const built = await buildIndex({
    corpusDir: options.corpusDir,
    indexDir: options.indexDir,
    embedder,
    warn: options.warn,
    onProgress: options.onBuildProgress,
    targetTokens: options.targetTokens,
    corpusReading: options.corpusReading,
  });
  options.info?.(`Indexed ${built.transcripts} transcript(s), ${built.passages} passages in ${built.seconds.toFixed(1)} s.`);
  return built;
}

/** The engine, composed: browsing from the transcripts, citations, content search, and briefing answers over both. */
function createEngine(index: OpenedIndex, embedder: Embedder | null, built: BuildSummary | null, params: RetrievalParams): OpenedEngine {
  const { transcripts, passages, lexical } = index;
  const mode = index.vectors && embedder ? "hybrid" : "lexical";
  const catalog = browse(transcripts);
  const cite = citations(transcripts, passages, lexical, mode);
  const content = contentSearch({ ...index, embedder, mode, params, match: catalog.match, toHit: cite.toHit });

  // Questions about the briefing itself are answered from its structure (src/answer/briefing*.ts), before content search.
  const aboutBriefings = briefingSources(
    transcripts,
    passages,
    (p, rank, focus) => {
      const wanted = new Set(focus.flatMap((words) => terms(words)));
      return cite.toHit(p, rank, 1, (term) => (wanted.has(term) ? idf(lexical, term) : 0));
    },
    (q, o) => content.search(q, o),
  );

  const ask = async (question: string, options: AskOptions = {}): Promise<Answer> => {
    const text = question.trim();
    if (!text) return { question, found: false, kind: "quote", hits: [], mode };
    const within = options.transcript ? catalog.match(options.transcript).map((t) => t.meta.id) : undefined;
    // A --speaker filter asks for someone's words on a topic: never a question about the briefing itself.
    const query = content.analyse(text, within, !options.speaker);
    if (query.intent) {
      const analysed = { named: query.namedBriefings, intent: query.intent };
      const about = await answerAboutBriefing(text, aboutBriefings, { top: options.top ?? DEFAULT_TOP, within, analysed });
      if (about) return { ...about, question, mode };
    }
    return content.search(question, options, query);
  };

  return {
    mode,
    built,
    ask,
    quote: (speaker, about, options = {}) => ask(about, { speaker, transcript: options.transcript, top: 1 }),
    briefings: catalog.briefings,
    briefing: catalog.briefing,
    overview: catalog.overview,
    speakers: catalog.speakers,
    speakersByBriefing: catalog.speakersByBriefing,
    people: catalog.people,
    questions: catalog.questions,
    answerTo: cite.answerTo,
    passageContext: cite.passageContext,
    close: () => {
      // hnswlib-node frees its memory with the object; nothing else holds native resources.
    },
  };
}
