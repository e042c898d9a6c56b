// The engine: load the index (and the model) once, then answer. Every front end goes through openEngine().
import hnswlib from "hnswlib-node";
import { DEFAULT_TOP, type Engine } from "./engine-api.js";
import { answerAboutBriefing, peopleOf } from "./answer/briefing.js";
import { briefingSources } from "./answer/briefing-sources.js";
import { selectQuote } from "./answer/quote.js";
import { loadEmbedder, type Embedder, type EmbeddingSettings } from "./embedding/embedder.js";
import { isMultilingualModel } from "./embedding/multilingual.js";
import { buildIndex, questionText, type BuildSummary } from "./index/build.js";
import { IndexError, indexExists, outdatedFormat, readIndexFiles, readManifest, REBUILD_HINT, SPACE } from "./index/store.js";
import { idf, loadLexicalIndex } from "./retrieval/lexical.js";
import { analyseQuestion, type Query } from "./retrieval/query.js";
import { DEFAULT_PARAMS, retrieve, searchIndex, type RetrievalParams } from "./retrieval/search.js";
import { contentTerms, terms } from "./retrieval/terms.js";
import { parseVocabulary, type Vocabulary } from "./retrieval/vocabulary.js";
import { detectLanguage, questionScript, scriptFamily } from "./text/scripts.js";
import { isGenericSpeaker, personKey } from "./transcript/identity.js";
import type { CorpusReadOptions } from "./transcript/load.js";
import { placeOf, videoAt } from "./transcript/readers/marks.js";
import type { Answer, AskOptions, Hit, HitSource, Passage, PersonSummary, QuestionSummary, SpeakerSummary, Transcript } from "./types.js";

export type { Engine } from "./engine-api.js";

/** A filter (briefing, speaker, passage) that matches nothing: a one-line message for the user. */
export class EngineInputError extends Error {
  override name = "EngineInputError";
}

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
  let built: BuildSummary | null = null;
  const missing = !indexExists(options.indexDir);
  const outdated = missing ? null : outdatedFormat(options.indexDir);
  // With buildIfMissing false, readManifest below refuses a missing or outdated index with a one-line IndexError.
  if ((missing || outdated !== null) && options.buildIfMissing !== false) {
    options.info?.(
      missing
        ? `No index in ${options.indexDir} yet: building it from ${options.corpusDir} first.`
        : `The index in ${options.indexDir} was written by an older briefbot (format ${outdated}): rebuilding it from ${options.corpusDir} first.`,
    );
    built = await buildIndex({
      corpusDir: options.corpusDir,
      indexDir: options.indexDir,
      embedder,
      warn: options.warn,
      onProgress: options.onBuildProgress,
      targetTokens: options.targetTokens,
      corpusReading: options.corpusReading,
    });
    options.info?.(`Indexed ${built.transcripts} transcript(s), ${built.passages} passages in ${built.seconds.toFixed(1)} s.`);
  }

  const manifest = readManifest(options.indexDir);
  if (manifest.model && embedder && manifest.model !== embedder.modelId) {
    throw new IndexError(`the index in ${options.indexDir} was built with model ${manifest.model}, but EMBEDDING_MODEL is ${embedder.modelId}: ${REBUILD_HINT}`);
  }
  if (manifest.model && embedder && manifest.dimensions !== embedder.dimensions) {
    throw new IndexError(`the index in ${options.indexDir} has ${manifest.dimensions}-dimensional vectors, the model makes ${embedder.dimensions}: ${REBUILD_HINT}`);
  }
  if (!manifest.model && embedder) {
    options.warn(`warning: the index in ${options.indexDir} was built without the embedding model; keyword search only until you ${REBUILD_HINT}`);
  }
  const files = readIndexFiles(options.indexDir, manifest);
  let lexical;
  try {
    lexical = loadLexicalIndex(files.lexical);
  } catch {
    throw new IndexError(`the lexical index in ${options.indexDir} is corrupt: ${REBUILD_HINT}`);
  }
  let vocabulary;
  try {
    vocabulary = parseVocabulary(files.vocabulary);
  } catch {
    throw new IndexError(`the vocabulary in ${options.indexDir} is corrupt: ${REBUILD_HINT}`);
  }
  const vectors = embedder && files.vectorsPath ? readVectors(files.vectorsPath, manifest.dimensions!, files.passages.length) : null;
  return createEngine(files.transcripts, files.passages, lexical, vocabulary, vectors, vectors ? embedder : null, built, {
    ...DEFAULT_PARAMS,
    ...options.params,
  });
}

/**
 * Where the quote sits: its time in the recording (and the recording at that moment, when the briefing names a
 * video) or its pages. From the turn's marks, so the time is the quote's own, not its passage's start.
 */
function placeOfQuote(transcript: Transcript, p: Passage, start: number, end: number): Partial<HitSource> {
  const marks = p.turn === -1 ? transcript.announcementMarks : transcript.turns[p.turn]?.marks;
  const place = placeOf(marks, start, end);
  if (place.start === undefined && p.startTime !== undefined) Object.assign(place, { start: p.startTime, end: p.endTime ?? p.startTime });
  if (place.page === undefined && p.page !== undefined) place.page = p.page;
  const source: Partial<HitSource> = {};
  if (place.start !== undefined) {
    source.start = place.start;
    source.end = place.end ?? place.start;
    const video = transcript.meta.video ? videoAt(transcript.meta.video, place.start) : null;
    if (video) source.video = video;
  }
  if (place.page !== undefined) source.page = place.page;
  if (place.pageEnd !== undefined) source.pageEnd = place.pageEnd;
  return source;
}

/** The language a script most often writes, for naming a short question's language. */
function defaultLanguage(script: string): string | null {
  return ({ han: "zh", hangul: "ko", cyrillic: "ru", arabic: "ar", hebrew: "he", greek: "el", thai: "th", devanagari: "hi" } as Record<string, string>)[script] ?? null;
}

function readVectors(path: string, dimensions: number, count: number): hnswlib.HierarchicalNSW {
  const index = new hnswlib.HierarchicalNSW(SPACE, dimensions);
  try {
    index.readIndexSync(path);
  } catch {
    throw new IndexError(`${path} is corrupt: ${REBUILD_HINT}`);
  }
  if (index.getCurrentCount() !== count) throw new IndexError(`${path} does not match passages.json: ${REBUILD_HINT}`);
  index.setEf(Math.max(64, DEFAULT_PARAMS.depth));
  return index;
}

function createEngine(
  transcripts: Transcript[],
  passages: Passage[],
  lexical: ReturnType<typeof loadLexicalIndex>,
  vocabulary: Vocabulary,
  vectors: hnswlib.HierarchicalNSW | null,
  embedder: Embedder | null,
  built: BuildSummary | null,
  params: RetrievalParams,
): OpenedEngine {
  const byId = new Map(transcripts.map((t) => [t.meta.id, t]));
  const positionOf = new Map(passages.map((p, i) => [p.id, i]));
  const questionOf = (p: Passage) => questionText(byId.get(p.transcript), p);
  const index = searchIndex(passages, lexical, vectors, questionOf, vocabulary.acronyms);
  const mode = vectors && embedder ? "hybrid" : "lexical";

  const matchTranscripts = (query: string): Transcript[] => {
    const q = query.trim().toLowerCase();
    const exact = transcripts.filter((t) => t.meta.id.toLowerCase() === q || t.meta.title.toLowerCase() === q);
    if (exact.length) return exact;
    const found = transcripts.filter((t) => t.meta.id.toLowerCase().includes(q) || t.meta.title.toLowerCase().includes(q));
    if (!found.length) throw new EngineInputError(`no briefing matches "${query}" (${transcripts.map((t) => t.meta.id).join(", ") || "the corpus is empty"})`);
    return found;
  };

  /** `widen`: the hit's passage runs on to the end of its quote (a search hit); off for a whole answer, passage by passage. */
  const toHit = (p: Passage, rank: number, score: number, weightOf: (term: string) => number, widen = true): Hit => {
    const transcript = byId.get(p.transcript)!;
    const question = p.inResponseTo === null ? null : transcript.turns[p.inResponseTo];
    // Turn -1 is the announcement.
    const source = p.turn === -1 ? transcript.announcement : transcript.turns[p.turn]!.text;
    const quote = selectQuote(source, p, weightOf);
    return {
      rank,
      score: Math.round(score * 1000) / 1000,
      passageId: p.id,
      speaker: p.speaker,
      label: p.label,
      role: p.role,
      quote: quote.text,
      // The passage, widened to the end of its quote when the quote runs on past the passage's cut.
      passage: widen ? source.slice(p.start, Math.max(p.end, quote.end)) : p.text,
      inResponseTo: question ? { speaker: question.speaker, text: question.text } : null,
      source: {
        transcript: p.transcript,
        title: transcript.meta.title,
        date: transcript.meta.date,
        turn: p.turn,
        url: transcript.meta.url,
        ...placeOfQuote(transcript, p, quote.start, quote.end),
      },
    };
  };

  // Questions about the briefing itself are answered from its structure (src/answer/briefing*.ts), before content search.
  const aboutBriefings = briefingSources(
    transcripts,
    passages,
    (p, rank, focus) => {
      const wanted = new Set(focus.flatMap((words) => terms(words)));
      return toHit(p, rank, 1, (term) => (wanted.has(term) ? idf(lexical, term) : 0));
    },
    (q, o) => searchContent(q, o),
  );
  const peopleIn = (ids: readonly string[] | undefined) => {
    const scope = ids ? transcripts.filter((t) => ids.includes(t.meta.id)) : transcripts;
    return () => peopleOf(scope);
  };
  /** The question analysed once (src/retrieval/query.ts): names, topic, typos, the briefing it names, its intent. */
  const analyse = (text: string, within: readonly string[] | undefined, intent: boolean) =>
    analyseQuestion(text, {
      speakers: index.speakers,
      lexical,
      vocabulary,
      sceneWeight: params.sceneWeight,
      briefings: within ? transcripts.filter((t) => within.includes(t.meta.id)) : transcripts,
      people: intent ? peopleIn(within) : undefined,
    });

  const ask = async (question: string, options: AskOptions = {}): Promise<Answer> => {
    const text = question.trim();
    if (!text) return { question, found: false, kind: "quote", hits: [], mode };
    const within = options.transcript ? matchTranscripts(options.transcript).map((t) => t.meta.id) : undefined;
    // A --speaker filter asks for someone's words on a topic: never a question about the briefing itself.
    const query = analyse(text, within, !options.speaker);
    if (query.intent) {
      const analysed = { named: query.namedBriefings, intent: query.intent };
      const about = await answerAboutBriefing(text, aboutBriefings, { top: options.top ?? DEFAULT_TOP, within, analysed });
      if (about) return { ...about, question, mode };
    }
    return searchContent(question, options, query);
  };

  /** Content search: quotes that answer the question. */
  const searchContent = async (question: string, options: AskOptions = {}, analysed?: Query): Promise<Answer> => {
    const text = question.trim();
    if (!text) return { question, found: false, kind: "quote", hits: [], mode };
    const scope = scopeFilter(options);
    // A question in a language none of the briefings uses: only a multilingual model can meet it; an English-only
    // model's vector for it is noise, so keywords alone search it (names may still match).
    const mismatch = languageMismatch(text, options);
    const queryVector = mode === "hybrid" && !mismatch ? (options.queryVector ?? (await embedder!.embedQuery(text))) : null;
    const query = analysed ?? analyse(text, undefined, false);
    const { ranked, found } = retrieve(index, query, queryVector, scope, options.top ?? DEFAULT_TOP, params);
    const corrected = query.correctedQuestion ? { correctedQuestion: query.correctedQuestion } : {};
    if (!found) return { question, found: false, kind: "quote", ...corrected, hits: [], mode, ...(mismatch ? { reason: "language" as const, languages: mismatch } : {}) };
    const weightOf = quoteWeights(query);
    return { question, found, kind: "quote", ...corrected, hits: ranked.map((r, i) => toHit(passages[r.position]!, i + 1, r.score, weightOf)), mode };
  };

  /**
   * The question's language and the briefings', when the index cannot match them: the question is written in a script
   * none of the briefings searched is written in, and there is no multilingual model to bridge them. Null otherwise.
   */
  const multilingual = mode === "hybrid" && isMultilingualModel(embedder!.modelId);
  const languagesOf = (scope: readonly Transcript[]) => [...new Set(scope.flatMap((t) => (t.meta.language ? [t.meta.language] : [])))].sort();
  const allLanguages = languagesOf(transcripts);
  const languageMismatch = (text: string, options: AskOptions): { question: string | null; briefings: string[] } | null => {
    if (multilingual || allLanguages.length === 0) return null;
    const script = questionScript(text);
    const languages = options.transcript ? languagesOf(matchTranscripts(options.transcript)) : allLanguages;
    if (!script || languages.length === 0 || languages.some((l) => scriptFamily(l) === script)) return null;
    return { question: detectLanguage(text) ?? (script === "latin" ? null : defaultLanguage(script)), briefings: languages };
  };

  /** How much each word of a sentence counts toward quoting it: the question's topic terms (and their other forms), by rarity. */
  const quoteWeights = (query: Query) => {
    const weights = new Map<string, number>();
    for (const t of query.topic) for (const term of [t.term, ...t.alternatives.flat()]) weights.set(term, t.weight * idf(lexical, term));
    return (term: string) => weights.get(term) ?? 0;
  };

  const scopeFilter = (options: AskOptions): ((position: number) => boolean) | null => {
    const allowedTranscripts = options.transcript ? new Set(matchTranscripts(options.transcript).map((t) => t.meta.id)) : null;
    const speaker = options.speaker?.trim().toLowerCase();
    if (speaker && !passages.some((p) => p.speaker.toLowerCase().includes(speaker) || p.name.toLowerCase().includes(speaker))) {
      throw new EngineInputError(`no speaker matches "${options.speaker}"`);
    }
    if (!allowedTranscripts && !speaker) return null;
    return (position) => {
      const p = passages[position]!;
      return (
        (!allowedTranscripts || allowedTranscripts.has(p.transcript)) &&
        (!speaker || p.speaker.toLowerCase().includes(speaker) || p.name.toLowerCase().includes(speaker))
      );
    };
  };

  const speakers = (nameOrTitle?: string): SpeakerSummary[] => {
    const scope = nameOrTitle ? matchTranscripts(nameOrTitle) : transcripts;
    return scope.flatMap((t) => {
      const byName = new Map<string, SpeakerSummary>();
      for (const turn of t.turns) {
        const summary = byName.get(turn.name) ?? {
          transcript: t.meta.id,
          speaker: turn.speaker,
          name: turn.name,
          role: turn.role,
          answers: 0,
          turns: 0,
          generic: isGenericSpeaker(turn.label, turn.speaker, turn.name),
        };
        summary.turns++;
        if (turn.inResponseTo !== null) summary.answers++;
        byName.set(turn.name, summary);
      }
      return [...byName.values()];
    });
  };

  const newestFirst = (a: Transcript, b: Transcript) => (b.meta.date ?? "").localeCompare(a.meta.date ?? "") || a.meta.id.localeCompare(b.meta.id);

  const people = (nameOrTitle?: string): PersonSummary[] => {
    const order = new Map([...transcripts].sort(newestFirst).map((t, i) => [t.meta.id, i]));
    const byKey = new Map<string, PersonSummary>();
    for (const s of speakers(nameOrTitle)) {
      // A generic label is its briefing's own; a name is the same person wherever it is written.
      const key = s.generic ? `\0${s.transcript}\0${s.speaker}` : personKey(s.name);
      const person = byKey.get(key) ?? { name: s.generic ? s.speaker : s.name, person: !s.generic, appearances: [], answers: 0, turns: 0 };
      person.appearances.push(s);
      person.answers += s.answers;
      person.turns += s.turns;
      byKey.set(key, person);
    }
    const all = [...byKey.values()];
    for (const p of all) {
      p.appearances.sort((a, b) => order.get(a.transcript)! - order.get(b.transcript)!);
      if (p.person) p.name = p.appearances[0]!.name;
    }
    const newest = (p: PersonSummary) => order.get(p.appearances[0]!.transcript)!;
    return all.sort(
      (a, b) => Number(b.person) - Number(a.person) || (a.person ? b.answers - a.answers || b.turns - a.turns || a.name.localeCompare(b.name) : newest(a) - newest(b)),
    );
  };

  const questions = (nameOrTitle: string): QuestionSummary[] =>
    matchTranscripts(nameOrTitle).flatMap((t) =>
      t.turns
        .filter((turn) => turn.isQuestion)
        .map((turn) => ({
          transcript: t.meta.id,
          turn: turn.index,
          speaker: turn.speaker,
          text: turn.text,
          answeredBy: [...new Set(t.turns.filter((a) => a.inResponseTo === turn.index).map((a) => a.speaker))],
        })),
    );

  return {
    mode,
    built,
    ask,
    quote: (speaker, about, options = {}) => ask(about, { speaker, transcript: options.transcript, top: 1 }),
    briefings: () =>
      [...transcripts]
        .sort(newestFirst)
        .map((t) => ({
          meta: t.meta,
          announcement: t.announcement,
          turns: t.turns.length,
          questions: t.turns.filter((turn) => turn.isQuestion).length,
          speakers: new Set(t.turns.map((turn) => turn.name)).size,
        })),
    briefing: (nameOrTitle) => {
      try {
        return matchTranscripts(nameOrTitle)[0] ?? null;
      } catch {
        return null;
      }
    },
    speakers,
    people,
    questions,
    answerTo: (transcriptId, questionTurn) => {
      const transcript = byId.get(transcriptId);
      const asked = transcript?.turns[questionTurn];
      if (!transcript || !asked?.isQuestion) return null;
      const questionTerms = new Set(contentTerms(asked.text));
      const weightOf = (term: string) => (questionTerms.has(term) ? idf(lexical, term) : 0);
      const answering = passages.filter((p) => p.transcript === transcriptId && p.inResponseTo === questionTurn);
      return {
        question: asked.text,
        found: answering.length > 0,
        kind: "quote",
        hits: answering.map((p, i) => toHit(p, i + 1, 1, weightOf, false)),
        mode,
      };
    },
    passageContext: (passageId, radius = 1) => {
      const position = positionOf.get(passageId);
      if (position === undefined) return null;
      const passage = passages[position]!;
      const sameTranscript = (p: Passage | undefined): p is Passage => !!p && p.transcript === passage.transcript;
      const asked = passage.inResponseTo === null ? undefined : byId.get(passage.transcript)!.turns[passage.inResponseTo];
      return {
        passage,
        question: asked ? { speaker: asked.speaker, text: asked.text } : null,
        before: passages.slice(Math.max(0, position - radius), position).filter(sameTranscript),
        after: passages.slice(position + 1, position + 1 + radius).filter(sameTranscript),
        meta: byId.get(passage.transcript)!.meta,
      };
    },
    close: () => {
      // hnswlib-node frees its memory with the object; nothing else holds native resources.
    },
  };
}
