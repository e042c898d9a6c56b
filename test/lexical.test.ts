import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { questionText } from "../src/passages/exchange.js";
import { estimateTokens, passagesOfTranscript } from "../src/passages/chunk.js";
import { buildLexicalIndex, FIELDS, lexicalDocument, loadLexicalIndex, serialiseLexicalIndex, type FieldBoost, type LexicalDocument } from "../src/index/lexical.js";
import { BM25, searchLexical } from "../src/retrieval/lexical.js";
import { turnNeighbourhood } from "../src/retrieval/search.js";
import type { Passage } from "../src/types.js";
import { queryTermOf, termOf, words } from "../src/text/terms.js";
import { loadCorpus } from "../src/transcript/load.js";
import { parseTranscript } from "../src/transcript/parse.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.join(root, "test", "fixtures", "transcripts");
const BOOST: FieldBoost = { text: 1, speaker: 0.5, question: 0.35, laterQuestion: 0.35 / 4, context: 0.2 };

/** Lexical documents of the seed and the fixture transcripts, as the index build makes them. */
async function corpusDocuments(): Promise<LexicalDocument[]> {
  const seed = "2020-03-30-miit-resumption.txt";
  const transcripts = [parseTranscript(seed, readFileSync(path.join(root, "corpus", seed))), ...(await loadCorpus(fixtures, () => {}))];
  const documents: LexicalDocument[] = [];
  for (const transcript of transcripts) {
    for (const p of passagesOfTranscript(transcript, { targetTokens: 128, maxTokens: 256, countTokens: estimateTokens })) {
      documents.push(lexicalDocument(documents.length, p, questionText(transcript, p), transcript.turns[p.turn]?.text ?? transcript.announcement));
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

const corpus = await corpusDocuments();

describe("BM25 over the compact index", () => {
  const documents = corpus;
  const index = buildLexicalIndex(documents);

  it("ranks exactly as MiniSearch does with the same tokens, fields, boosts and BM25 parameters", () => {
    // MiniSearch is the reference implementation this index replaced for speed (see src/retrieval/lexical.ts).
    const reference = new MiniSearch<LexicalDocument>({ fields: [...FIELDS], tokenize: words, processTerm: termOf });
    reference.addAll(documents);
    expect(documents.length).toBeGreaterThan(20);
    for (const question of QUESTIONS) {
      const expected = reference
        .search(question, { boost: BOOST, combineWith: "OR", processTerm: queryTermOf, prefix: false, fuzzy: false, bm25: BM25 })
        .slice(0, 20);
      const actual = searchLexical(index, question, { allowed: null, limit: 20, boost: BOOST }).hits;
      expect(actual.map((r) => r.position), question).toEqual(expected.map((r) => r.id));
      actual.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!.score, 6));
    }
  });

  it("a filter keeps only the passages it allows, in the same order as without it", () => {
    const question = "How many people are back at work at Foxconn?";
    const all = searchLexical(index, question, { allowed: null, limit: documents.length, boost: BOOST }).hits;
    const even = searchLexical(index, question, { allowed: (p: number) => p % 2 === 0, limit: 10, boost: BOOST }).hits;
    expect(even.length).toBeGreaterThan(0);
    expect(even).toEqual(all.filter((r) => r.position % 2 === 0).slice(0, 10));
    // The scratch space is reset between queries: the same query gives the same answer.
    expect(searchLexical(index, question, { allowed: null, limit: documents.length, boost: BOOST }).hits).toEqual(all);
  });

  it("ranks a subset from the same scores: as if searched with the subset as the filter", () => {
    const question = "What measures help workers and enterprises return to work?";
    const inThirds = (p: number) => p % 3 !== 0;
    const odd = (p: number) => p % 2 === 1;
    const both = searchLexical(index, question, { allowed: odd, limit: 5, boost: BOOST, within: inThirds });
    expect(both.withinHits.length).toBeGreaterThan(1);
    expect(both.withinHits).toEqual(searchLexical(index, question, { allowed: (p: number) => odd(p) && inThirds(p), limit: 5, boost: BOOST }).hits);
    expect(both.hits).toEqual(searchLexical(index, question, { allowed: odd, limit: 5, boost: BOOST }).hits);
    expect(both.withinHits).not.toEqual(both.hits);
  });

  it("round-trips through its file format, and refuses a damaged file", () => {
    const file = serialiseLexicalIndex(index);
    const loaded = loadLexicalIndex(file);
    expect(loaded.documentCount).toBe(documents.length);
    expect(loaded.documentFrequency).toEqual(index.documentFrequency);
    for (const question of QUESTIONS) {
      expect(searchLexical(loaded, question, { allowed: null, limit: 10, boost: BOOST }).hits).toEqual(searchLexical(index, question, { allowed: null, limit: 10, boost: BOOST }).hits);
    }
    // An unaligned copy (as from a pooled buffer) loads too.
    const unaligned = Buffer.alloc(file.length + 1).subarray(1);
    file.copy(unaligned);
    expect(searchLexical(loadLexicalIndex(unaligned), QUESTIONS[0]!, { allowed: null, limit: 5, boost: BOOST }).hits).toEqual(searchLexical(index, QUESTIONS[0]!, { allowed: null, limit: 5, boost: BOOST }).hits);

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
    expect(searchLexical(empty, "How many people are back at work?", { allowed: null, limit: 10, boost: BOOST })).toEqual({ hits: [], withinHits: [] });
  });
});

/** Bare documents: only the text field is filled. */
function textDocuments(texts: readonly string[]): LexicalDocument[] {
  return texts.map((text, id) => ({ id, text, speaker: "", question: "", laterQuestion: "", context: "" }));
}

describe("weighted question parts", () => {
  const index = buildLexicalIndex(textDocuments(["the levee was repaired", "the budget was approved", "levee budget"]));
  const options = { allowed: null, limit: 10, boost: BOOST };

  it("weight 1 for the whole question is the plain question", () => {
    const question = "levee repair budget";
    expect(searchLexical(index, [{ text: question, weight: 1 }], options)).toEqual(searchLexical(index, question, options));
  });

  it("the lighter part's words count less: the passage about the heavier part ranks first", () => {
    const levee = searchLexical(index, [{ text: "levee", weight: 1 }, { text: "budget", weight: 0.5 }], options).hits;
    const budget = searchLexical(index, [{ text: "levee", weight: 0.5 }, { text: "budget", weight: 1 }], options).hits;
    expect(levee.map((h) => h.position)).toEqual([2, 0, 1]);
    expect(budget.map((h) => h.position)).toEqual([2, 1, 0]);
  });
});

describe("the turn neighbourhood", () => {
  // Two transcripts; in "a" the levee is discussed over turns 1–3, in "b" it is mentioned once in passing.
  const turns: [string, number, string][] = [
    ["a", 0, "good morning"],
    ["a", 1, "the levee failed in the storm"],
    ["a", 2, "repairs to the levee start monday"],
    ["a", 3, "the levee will hold next year"],
    ["b", 0, "the levee will hold next year"],
    ["b", 1, "repairs to the levee start monday"],
    ["b", 2, "school buses run again"],
  ];
  const passages = turns.map(([transcript, turn]) => ({ transcript, turn }) as Passage);
  const index = buildLexicalIndex(textDocuments(turns.map(([, , text]) => text)));
  const neighbourhood = turnNeighbourhood(passages);

  it("numbers turns so that only adjacent turns of one transcript are neighbours", () => {
    const { turnOf } = neighbourhood;
    expect(turnOf[2]! - turnOf[1]!).toBe(1);
    expect(turnOf[4]! - turnOf[3]!).toBeGreaterThan(1); // last turn of "a", first of "b"
    expect(neighbourhood.turnBest.length).toBeGreaterThan(Math.max(...turnOf) + 1);
  });

  it("a passage earns the weighted mean of its neighbours' best scores, and the scratch space is reset", () => {
    const plain = searchLexical(index, "levee repairs", { allowed: null, limit: 10, boost: BOOST }).hits;
    const score = new Map(plain.map((h) => [h.position, h.score]));
    const weight = 0.5;
    const options = { allowed: null, limit: 10, boost: BOOST, neighbours: { turns: neighbourhood, weight } };
    const smoothed = searchLexical(index, "levee repairs", options).hits;
    // Same text, same BM25 score: the one inside the discussion (turn 2 of "a") now ranks above the one in "b".
    expect(score.get(2)).toBeCloseTo(score.get(5)!, 9);
    expect(smoothed.findIndex((h) => h.position === 2)).toBeLessThan(smoothed.findIndex((h) => h.position === 5));
    const expected = (position: number, before: number | null, after: number | null) =>
      score.get(position)! + (weight * ((before === null ? 0 : score.get(before)!) + (after === null ? 0 : score.get(after)!))) / 2;
    const got = new Map(smoothed.map((h) => [h.position, h.score]));
    expect(got.get(2)).toBeCloseTo(expected(2, 1, 3), 9);
    expect(got.get(3)).toBeCloseTo(expected(3, 2, null), 9); // turn 0 of "b" is not its neighbour
    expect(got.get(5)).toBeCloseTo(expected(5, 4, null), 9); // turn 2 of "b" does not match
    expect(neighbourhood.turnBest.every((v) => v === 0)).toBe(true);
    expect(searchLexical(index, "levee repairs", options).hits).toEqual(smoothed);
  });

  it("passages the filter excludes lend their neighbours nothing", () => {
    const options = { allowed: (p: number) => p !== 1 && p !== 3, limit: 10, boost: BOOST, neighbours: { turns: neighbourhood, weight: 0.5 } };
    const alone = searchLexical(index, "levee repairs", { ...options, neighbours: null }).hits;
    const got = searchLexical(index, "levee repairs", options).hits.find((h) => h.position === 2)!;
    expect(got.score).toBeCloseTo(alone.find((h) => h.position === 2)!.score, 9);
  });
});

describe("the question a turn answers, for the turn's later passages", () => {
  // Two passages of one answer turn, the same words in each, after the reporter's question.
  const passages = [0, 1].map((part) => ({ text: "the levee holds", speaker: "MS. LANE", role: null, part }) as unknown as Passage);
  const documents = passages.map((p, i) => lexicalDocument(i, p, "is the budget for the levee approved", "the levee holds"));

  it("is the turn's first passage's question field, and a field of its own for the later passages", () => {
    expect(documents.map((d) => [d.question, d.laterQuestion])).toEqual([
      ["is the budget for the levee approved", ""],
      ["", "is the budget for the levee approved"],
    ]);
  });

  it("weighs as its own boost says: the later passage gets less of the question's words", () => {
    const index = buildLexicalIndex(documents);
    const scores = (boost: FieldBoost) => new Map(searchLexical(index, "levee budget", { allowed: null, limit: 10, boost }).hits.map((h) => [h.position, h.score]));
    const even = scores({ ...BOOST, laterQuestion: BOOST.question });
    expect(even.get(0)).toBeCloseTo(even.get(1)!, 9);
    const lighter = scores(BOOST);
    expect(lighter.get(1)!).toBeLessThan(lighter.get(0)!);
    expect(lighter.get(0)).toBeCloseTo(even.get(0)!, 9);
  });
});

describe("coordination", () => {
  // One passage has the question's rare word; others repeat several of its common ones.
  const texts = [
    "He completed his course of Paxlovid.",
    ...Array.from({ length: 20 }, (_, i) => `Of course, in July 2022 we saw item ${i}.`),
    ...Array.from({ length: 180 }, (_, i) => `Another ordinary sentence number ${i} about the weather.`),
  ];
  const index = buildLexicalIndex(textDocuments(texts));
  const question = "Had he finished his Paxlovid course by July 2022?";
  const first = (coordination?: number) => searchLexical(index, question, { allowed: null, limit: 3, boost: BOOST, coordination }).hits[0]!.position;

  it("at MiniSearch's power of 1, matching many common words beats the rare one", () => {
    expect(first()).not.toBe(0);
  });

  it("at a smaller power, the passage with the rare word wins", () => {
    expect(first(0.25)).toBe(0);
  });

  it("counts concepts: terms given as shares of one concept count as that share", () => {
    const spr = buildLexicalIndex(textDocuments(["The strategic petroleum reserve release went ahead.", "This reserve release is not an emergency.", "Nothing here."]));
    const parts = (share?: number) => [
      ...["strateg", "petroleum", "reserv"].map((term) => ({ terms: [term], weight: 1 / 3, share })),
      { terms: ["releas"], weight: 1 },
      { terms: ["emerg"], weight: 1 },
    ];
    const scores = (share?: number) =>
      new Map(searchLexical(spr, parts(share), { allowed: null, limit: 3, boost: BOOST, coordination: 0.5 }).hits.map((h) => [h.position, h.score]));
    const asTerms = scores();
    const asConcept = scores(1 / 3);
    // Matched: four terms, or the reserve and "release" (two concepts); three terms, or a third, "release" and "emergency".
    expect(asConcept.get(0)! / asTerms.get(0)!).toBeCloseTo(Math.sqrt(2 / 4), 9);
    expect(asConcept.get(1)! / asTerms.get(1)!).toBeCloseTo(Math.sqrt(7 / 3 / 3), 9);
  });
});
