// Content search: the quotes that answer a question. The question is analysed once (src/retrieval/query.ts), the
// passages are retrieved within the filters (src/retrieval/search.ts), and each hit quotes the sentences that carry
// the question's topic.
import type { Embedder } from "../embedding/embedder.js";
import { isMultilingualModel } from "../embedding/multilingual.js";
import { InputError } from "../engine-api.js";
import type { LexicalIndex } from "../index/lexical.js";
import type { VectorIndex } from "../index/vectors.js";
import type { Vocabulary } from "../index/vocabulary.js";
import { questionText } from "../passages/exchange.js";
import { idf } from "../retrieval/lexical.js";
import { analyseQuestion, type Query } from "../retrieval/query.js";
import { retrieve, searchIndex, type RetrievalParams } from "../retrieval/search.js";
import { detectLanguage, questionScript, scriptFamily } from "../text/scripts.js";
import type { Answer, AskOptions, Hit, Passage, RetrievalMode, Transcript } from "../types.js";
import { peopleOf } from "./briefing.js";
import { DEFAULT_TOP } from "../engine-api.js";


export interface ContentSources {
  transcripts: readonly Transcript[];
  passages: readonly Passage[];
  lexical: LexicalIndex;
  vocabulary: Vocabulary;
  vectors: VectorIndex | null;
  /** The model questions are embedded with; null in keyword mode. */
  embedder: Embedder | null;
  mode: RetrievalMode;
  params: RetrievalParams;
  /** The briefings a name matches (throws InputError when none does). */
  match: (nameOrTitle: string) => Transcript[];
  toHit: (p: Passage, rank: number, score: number, weightOf: (term: string) => number) => Hit;
}

export function contentSearch(sources: ContentSources) {
  const { transcripts, passages, lexical, vocabulary, embedder, mode, params, match, toHit } = sources;
  const byId = new Map(transcripts.map((t) => [t.meta.id, t]));
  const index = searchIndex(passages, lexical, sources.vectors, (p) => questionText(byId.get(p.transcript), p), vocabulary.acronyms);

  /**
   * The question analysed once: names, topic, typos, the briefing it names, and (with `intent`) whether it asks about
   * the briefing itself. `within`: the briefings a filter allows.
   */
  const analyse = (text: string, within: readonly string[] | undefined, intent: boolean): Query => {
    const scope = within ? transcripts.filter((t) => within.includes(t.meta.id)) : transcripts;
    return analyseQuestion(text, {
      speakers: index.speakers,
      lexical,
      vocabulary,
      sceneWeight: params.sceneWeight,
      personWeight: params.personWeight,
      briefings: scope,
      people: intent ? () => peopleOf(scope) : undefined,
    });
  };

  const search = async (question: string, options: AskOptions = {}, analysed?: Query): Promise<Answer> => {
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
    const languages = options.transcript ? languagesOf(match(options.transcript)) : allLanguages;
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
    const allowedTranscripts = options.transcript ? new Set(match(options.transcript).map((t) => t.meta.id)) : null;
    const speaker = options.speaker?.trim().toLowerCase();
    if (speaker && !passages.some((p) => p.speaker.toLowerCase().includes(speaker) || p.name.toLowerCase().includes(speaker))) {
      throw new InputError(`no speaker matches "${options.speaker}"`);
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

  return { analyse, search };
}

/** The language a script most often writes, for naming a short question's language. */
function defaultLanguage(script: string): string | null {
  return ({ han: "zh", hangul: "ko", cyrillic: "ru", arabic: "ar", hebrew: "he", greek: "el", thai: "th", devanagari: "hi" } as Record<string, string>)[script] ?? null;
}
