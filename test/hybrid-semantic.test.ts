// The hybrid path end to end (hnswlib, rank fusion, the similarity test) with an embedder that knows synonyms: a
// question in other words than the briefing's is answered from the vectors, an off-topic one is not, and the
// decisions are the same for a model whose cosines all sit high (the model-agnostic similarity test).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../src/embedding/embedder.js";
import { openEngine, type OpenedEngine } from "../src/engine.js";

// Words of one meaning share a dimension, as a sentence model places synonyms together.
const MEANINGS = [
  "factory factories plant plants manufacturing",
  "resumed resume resumption restarted restart reopened reopen",
  "production output",
  "ferry ferries boat boats",
  "timetable schedule schedules timetables",
  "hospital hospitals clinic clinics",
  "beds wards",
  "budget money funding",
  "school schools classroom classrooms",
  "teachers teacher staff",
].map((group) => group.split(" "));
const MEANING_OF = new Map(MEANINGS.flatMap((group, i) => group.map((word) => [word, i] as const)));
// Every other word lands in one of these dimensions by its letters: unrelated words overlap a little, as in a model.
const OTHER_DIMENSIONS = 48;

function hashOf(word: string): number {
  let h = 0;
  for (const c of word) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % OTHER_DIMENSIONS;
}

/**
 * Bag of meanings: one dimension per synonym group (weighted 3) and hashed dimensions for other words, normalised.
 * `lift` adds a dimension every text shares, which raises and narrows every cosine (as models such as E5 do).
 */
function meaningEmbedder(lift: number): Embedder {
  const dimensions = MEANINGS.length + OTHER_DIMENSIONS + 1;
  const embed = (text: string) => {
    const v = new Float32Array(dimensions);
    for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
      const meaning = MEANING_OF.get(word);
      if (meaning !== undefined) v[meaning]! += 3;
      else v[MEANINGS.length + hashOf(word)]! += 1;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < v.length - 1; i++) v[i]! /= norm;
    v[dimensions - 1] = lift;
    const total = Math.hypot(...v);
    return v.map((x) => x / total);
  };
  return {
    modelId: `test/meaning-${lift}`,
    dimensions,
    maxTokens: 512,
    countTokens: (text) => (text.match(/\S+/g)?.length ?? 0) + 2,
    embedPassages: async (texts) => texts.map(embed),
    embedQuery: async (text) => embed(text),
  };
}

const EXCHANGES: [string, string][] = [
  ["What is the state of manufacturing in the region?", "The factories resumed production last week, and output is back to normal levels."],
  ["Are the ferries running?", "The ferry timetable changes on Monday; the boats will run every hour."],
  ["How are the hospitals coping?", "Hospital wards have two hundred free beds tonight."],
  ["What about the city budget?", "The budget gives eleven million to roads and four million to parks."],
  ["When do pupils go back?", "Schools open their classrooms again in September, with more teachers."],
];
// Filler exchanges on other things, so the similarity test has passages in general to stand against.
const FILLER = Array.from({ length: 30 }, (_, i) => [
  `Can you say more about item ${i + 1} on the list?`,
  `Item ${i + 1} concerns the ${["harbour", "tunnel", "market", "library", "stadium", "museum"][i % 6]} and will be reviewed by the council in ${["spring", "summer", "autumn", "winter"][i % 4]}.`,
]);

let tmp: string;
let corpus: string;
const engines: OpenedEngine[] = [];

async function engineWith(embedder: Embedder | null, name: string): Promise<OpenedEngine> {
  const engine = await openEngine({ corpusDir: corpus, indexDir: path.join(tmp, name), embedding: null, embedder, warn: () => {} });
  engines.push(engine);
  return engine;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-hybrid-"));
  corpus = path.join(tmp, "corpus");
  mkdirSync(corpus);
  const turns = [...EXCHANGES, ...FILLER].flatMap(([q, a]) => [`Q: ${q}`, `MS. LANE: ${a}`]);
  writeFileSync(path.join(corpus, "2024-03-01-city-briefing.txt"), `---\ntitle: "City briefing"\ndate: 2024-03-01\n---\n${turns.join("\n\n")}\n`);
});

afterAll(() => {
  for (const engine of engines) engine.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("hybrid search with a model that knows synonyms", () => {
  const inOtherWords = "Have the plants restarted?";
  const offTopic = "How do volcanoes erupt under the ocean?";

  it("answers a question put in other words from the vectors, where keywords find nothing", async () => {
    const keyword = await engineWith(null, "lexical");
    expect((await keyword.ask(inOtherWords)).found).toBe(false);
    const hybrid = await engineWith(meaningEmbedder(0), "hybrid");
    expect(hybrid.mode).toBe("hybrid");
    const answer = await hybrid.ask(inOtherWords);
    expect(answer.found).toBe(true);
    expect(answer.hits[0]!.passage).toContain("The factories resumed production");
    // Hits beside it that neither share its words nor stand out by similarity are not shown.
    expect(answer.hits.every((h) => !h.passage.startsWith("Item "))).toBe(true);
  });

  it("refuses an off-topic question: its best similarity does not stand out from its similarity to passages in general", async () => {
    const hybrid = await engineWith(meaningEmbedder(0), "hybrid-off");
    expect((await hybrid.ask(offTopic)).found).toBe(false);
  });

  it("decides the same for a model whose cosines all sit high and close together", async () => {
    const lifted = meaningEmbedder(3);
    const [a, b] = await lifted.embedPassages(["The ferry timetable changes.", "Hospital wards have beds."]);
    let cosine = 0;
    for (let i = 0; i < a!.length; i++) cosine += a![i]! * b![i]!;
    expect(cosine).toBeGreaterThan(0.85); // unrelated texts: a cosine no fixed threshold could tell from a match
    const hybrid = await engineWith(lifted, "hybrid-lifted");
    const answer = await hybrid.ask(inOtherWords);
    expect(answer.found).toBe(true);
    expect(answer.hits[0]!.passage).toContain("The factories resumed production");
    expect((await hybrid.ask(offTopic)).found).toBe(false);
  });
});
