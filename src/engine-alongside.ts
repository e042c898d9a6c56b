// `npm start` must not sit silent while the embedding model loads (a first download, or a host that does not
// answer): the chat prompt and the bot's login come first. This opens the engine on keyword search at once and
// loads the model alongside; answers say they come from keyword search meanwhile, and once the model is ready
// the engine switches to hybrid search between two questions.
import type { Engine } from "./engine-api.js";
import { loadEmbedder, type DownloadEvent, type EmbeddingSettings } from "./embedding/embedder.js";
import { openEngine, type EngineOptions, type OpenedEngine } from "./engine.js";
import { buildIndex } from "./index/build.js";
import type { Answer } from "./types.js";

export interface AlongsideOptions extends Omit<EngineOptions, "embedder" | "embedding"> {
  embedding: EmbeddingSettings | null;
  /** Bytes arriving while the model downloads. */
  onDownload?: (event: DownloadEvent) => void;
  /** The model is loaded and the engine now searches in hybrid mode. */
  onModelReady?: () => void;
}

export interface AlongsideEngine extends OpenedEngine {
  /** Settles when loading is over: the model is in use, or it could not be (the warning was given). */
  readonly modelSettled: Promise<void>;
}

export async function openEngineModelAlongside(options: AlongsideOptions): Promise<AlongsideEngine> {
  // The index is opened (or built, without vectors if it is missing) on keyword search: no model needed.
  const first = await openEngine({ ...options, embedding: null, embedder: null });
  let current: OpenedEngine = first;
  let loading = options.embedding !== null;
  const stop = new AbortController();

  const switchToModel = async (embedding: EmbeddingSettings) => {
    const embedder = await loadEmbedder(embedding, options.warn, { onDownload: options.onDownload, signal: stop.signal });
    if (!embedder || stop.signal.aborted) return; // loadEmbedder warned once (or we are shutting down)
    if (first.built) {
      // The index was just built for want of the model: build it again with vectors (other starts keep the index
      // they find, as before, and say when it lacks vectors).
      options.info?.(`The embedding model is ready: adding its vectors to the index in ${options.indexDir}.`);
      // Skipped files were reported by the first build a moment ago: not twice.
      await buildIndex({ ...options, embedder, signal: stop.signal, warn: () => {} });
    }
    if (stop.signal.aborted) return;
    current = await openEngine({ ...options, embedder, buildIfMissing: false });
    first.close();
    options.onModelReady?.();
  };
  const modelSettled = (options.embedding ? switchToModel(options.embedding) : Promise.resolve())
    .catch((error: unknown) => {
      if (stop.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      options.warn(`warning: the embedding model could not be put to use (${message.split("\n")[0]}); answers stay with keyword search`);
    })
    .finally(() => {
      loading = false;
    });

  const marked = (answer: Answer): Answer => (loading && answer.mode === "lexical" ? { ...answer, modelLoading: true } : answer);
  const engine: Engine = {
    get mode() {
      return current.mode;
    },
    ask: async (question, askOptions) => marked(await current.ask(question, askOptions)),
    quote: async (speaker, about, quoteOptions) => marked(await current.quote(speaker, about, quoteOptions)),
    briefings: (nameOrTitle) => current.briefings(nameOrTitle),
    briefing: (nameOrTitle) => current.briefing(nameOrTitle),
    overview: (nameOrTitle) => current.overview(nameOrTitle),
    speakers: (nameOrTitle) => current.speakers(nameOrTitle),
    speakersByBriefing: (nameOrTitle) => current.speakersByBriefing(nameOrTitle),
    people: (nameOrTitle) => current.people(nameOrTitle),
    questions: (nameOrTitle) => current.questions(nameOrTitle),
    answerTo: (transcript, turn) => current.answerTo(transcript, turn),
    passageContext: (passageId, radius) => current.passageContext(passageId, radius),
    close: () => {
      stop.abort(new Error("closing"));
      current.close();
    },
  };
  return Object.assign(engine, { built: first.built, modelSettled });
}
