import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { questionText } from "../src/index/build.js";
import { estimateTokens, passagesOfTranscript } from "../src/passages/chunk.js";
import { BM25, buildLexicalIndex, lexicalDocument, loadLexicalIndex, searchLexical, serialiseLexicalIndex, type FieldBoost, type LexicalDocument } from "../src/retrieval/lexical.js";
import { queryTermOf, termOf, words } from "../src/retrieval/terms.js";
import { loadCorpus } from "../src/transcript/load.js";
import { parseTranscript } from "../src/transcript/parse.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.join(root, "test", "fixtures", "transcripts");
const BOOST: FieldBoost = { text: 1, speaker: 0.5, question: 0.35, context: 0.2 };

/** Lexical documents of the seed and the fixture transcripts, as the index build makes them. */
function corpusDocuments(): LexicalDocument[] {
  const seed = "2020-03-30-miit-resumption.txt";
  const transcripts = [parseTranscript(seed, readFileSync(path.join(root, "corpus", seed))), ...loadCorpus(fixtures, () => {})];
  const documents: LexicalDocument[] = [];
  for (const transcript of transcripts) {
    for (const p of passagesOfTranscript(transcript, { targetTokens: 128, maxTokens: 256, countTokens: estimateTokens })) {
      documents.push(lexicalDocument(documents.length, p, questionText(transcript, p), transcript.turns[p.turn]!.text));
    }
  }
  return documents;
}

const QUESTIONS = [
  "How many people are back at work at Foxconn?",
  "What measures help small and medium-sized enterprises?",
  "What did Xu Kemin say about the supply chain?",
  "paid sick leave for workers",
  "levee repair budget",
  "the the the", // stopwords only: nothing to search
  "export orders exports exporting", // one stem, several times
  "What is the recipe for apple pie?",
];

describe("BM25 over the compact index", () => {
  const documents = corpusDocuments();
  const index = buildLexicalIndex(documents);

  it("ranks exactly as MiniSearch does with the same tokens, fields, boosts and BM25 parameters", () => {
    // MiniSearch is the reference implementation this index replaced for speed (see src/retrieval/lexical.ts).
    const reference = new MiniSearch<LexicalDocument>({ fields: ["text", "speaker", "question", "context"], tokenize: words, processTerm: termOf });
    reference.addAll(documents);
    expect(documents.length).toBeGreaterThan(20);
    for (const question of QUESTIONS) {
      const expected = reference
        .search(question, { boost: BOOST, combineWith: "OR", processTerm: queryTermOf, prefix: false, fuzzy: false, bm25: BM25 })
        .slice(0, 20);
      const actual = searchLexical(index, question, null, 20, BOOST).hits;
      expect(actual.map((r) => r.position), question).toEqual(expected.map((r) => r.id));
      actual.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!.score, 6));
    }
  });

  it("a filter keeps only the passages it allows, in the same order as without it", () => {
    const question = "How many people are back at work at Foxconn?";
    const all = searchLexical(index, question, null, documents.length, BOOST).hits;
    const even = searchLexical(index, question, (p) => p % 2 === 0, 10, BOOST).hits;
    expect(even.length).toBeGreaterThan(0);
    expect(even).toEqual(all.filter((r) => r.position % 2 === 0).slice(0, 10));
    // The scratch space is reset between queries: the same query gives the same answer.
    expect(searchLexical(index, question, null, documents.length, BOOST).hits).toEqual(all);
  });

  it("ranks a subset from the same scores: as if searched with the subset as the filter", () => {
    const question = "What measures help workers and enterprises return to work?";
    const inThirds = (p: number) => p % 3 === 0;
    const odd = (p: number) => p % 2 === 1;
    const both = searchLexical(index, question, odd, 5, BOOST, inThirds);
    expect(both.withinHits.length).toBeGreaterThan(1);
    expect(both.withinHits).toEqual(searchLexical(index, question, (p) => odd(p) && inThirds(p), 5, BOOST).hits);
    expect(both.hits).toEqual(searchLexical(index, question, odd, 5, BOOST).hits);
    expect(both.withinHits).not.toEqual(both.hits);
  });

  it("round-trips through its file format, and refuses a damaged file", () => {
    const file = serialiseLexicalIndex(index);
    const loaded = loadLexicalIndex(file);
    expect(loaded.documentCount).toBe(documents.length);
    expect(loaded.documentFrequency).toEqual(index.documentFrequency);
    for (const question of QUESTIONS) {
      expect(searchLexical(loaded, question, null, 10, BOOST).hits).toEqual(searchLexical(index, question, null, 10, BOOST).hits);
    }
    // An unaligned copy (as from a pooled buffer) loads too.
    const unaligned = Buffer.alloc(file.length + 1).subarray(1);
    file.copy(unaligned);
    expect(searchLexical(loadLexicalIndex(unaligned), QUESTIONS[0]!, null, 5, BOOST).hits).toEqual(searchLexical(index, QUESTIONS[0]!, null, 5, BOOST).hits);

    expect(() => loadLexicalIndex(file.subarray(0, file.length - 4))).toThrow();
    expect(() => loadLexicalIndex(Buffer.concat([file, Buffer.alloc(4)]))).toThrow();
    expect(() => loadLexicalIndex(Buffer.from("{}"))).toThrow();
    const badPosting = Buffer.from(file);
    const headerLength = file.readUInt32LE(4);
    const firstPosting = 8 + Math.ceil(headerLength / 4) * 4 + 4 * (index.terms.length + 1); // the text field's first document
    badPosting.writeUInt32LE(documents.length, firstPosting);
    expect(() => loadLexicalIndex(badPosting)).toThrow();
  });
});

describe("an empty corpus", () => {
  it("builds, round-trips and finds nothing", () => {
    const empty = loadLexicalIndex(serialiseLexicalIndex(buildLexicalIndex([])));
    expect(empty.documentCount).toBe(0);
    expect(searchLexical(empty, "How many people are back at work?", null, 10, BOOST)).toEqual({ hits: [], withinHits: [] });
  });
});
