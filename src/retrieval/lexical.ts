// The BM25 half: a MiniSearch index over passage text, the speaker's label and role, and the question answered.
import MiniSearch, { type Options, type SearchOptions } from "minisearch";
import type { Passage } from "../types.js";
import { queryTermOf, termOf, terms, words } from "./terms.js";

export interface LexicalDocument {
  id: number; // position in passages.json
  text: string;
  speaker: string;
  question: string;
  /** The rest of the exchange: the whole turn, and for a question the answers it got. */
  context: string;
}

const FIELDS = ["text", "speaker", "question", "context"] as const;

export const LEXICAL_OPTIONS: Options<LexicalDocument> = {
  fields: [...FIELDS],
  storeFields: [],
  tokenize: (text) => words(text),
  processTerm: (term) => termOf(term),
};

export const LEXICAL_SEARCH: SearchOptions = {
  boost: { text: 1, speaker: 0.5, question: 0.35, context: 0.2 },
  combineWith: "OR",
  processTerm: (term) => queryTermOf(term),
  prefix: false,
  fuzzy: false,
};

/** What the lexical index sees of a passage: its words, who said them, and the question they answer. */
export function lexicalDocument(index: number, passage: Passage, questionText: string | null, context: string): LexicalDocument {
  return {
    id: index,
    text: passage.text,
    speaker: passage.role ? `${passage.speaker} ${passage.role}` : passage.speaker,
    question: questionText ?? "",
    context,
  };
}

export interface LexicalIndex {
  search: MiniSearch<LexicalDocument>;
  /** Passages containing each term: weighs terms by rarity for "not found" and quote choice. */
  documentFrequency: Map<string, number>;
  documentCount: number;
}

export function buildLexicalIndex(documents: LexicalDocument[]): LexicalIndex {
  const search = new MiniSearch<LexicalDocument>(LEXICAL_OPTIONS);
  search.addAll(documents);
  const documentFrequency = new Map<string, number>();
  for (const d of documents) {
    for (const term of new Set(terms(`${d.text} ${d.speaker} ${d.question}`))) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  return { search, documentFrequency, documentCount: documents.length };
}

export function serialiseLexicalIndex(index: LexicalIndex): string {
  return JSON.stringify({
    search: index.search,
    documentFrequency: Object.fromEntries(index.documentFrequency),
    documentCount: index.documentCount,
  });
}

/** Throws on malformed input; the caller turns that into an IndexError. */
export function loadLexicalIndex(json: string): LexicalIndex {
  const data = JSON.parse(json) as { search: Parameters<typeof MiniSearch.loadJS>[0]; documentFrequency: Record<string, number>; documentCount: number };
  return {
    search: MiniSearch.loadJS<LexicalDocument>(data.search, LEXICAL_OPTIONS),
    documentFrequency: new Map(Object.entries(data.documentFrequency)),
    documentCount: data.documentCount,
  };
}

/** Inverse document frequency of a term; unseen terms weigh most. */
export function idf(index: LexicalIndex, term: string): number {
  const df = index.documentFrequency.get(term) ?? 0;
  return Math.log(1 + (index.documentCount - df + 0.5) / (df + 0.5));
}

/** BM25 scores by passage position, best first. */
export function searchLexical(
  index: LexicalIndex,
  query: string,
  allowed: ((position: number) => boolean) | null,
  limit: number,
  boost: SearchOptions["boost"] = LEXICAL_SEARCH.boost,
): { position: number; score: number }[] {
  const options = { ...LEXICAL_SEARCH, boost };
  const results = index.search.search(query, allowed ? { ...options, filter: (r) => allowed(r.id as number) } : options);
  return results.slice(0, limit).map((r) => ({ position: r.id as number, score: r.score }));
}
