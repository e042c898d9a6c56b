import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeTinyModel } from "../scripts/make-tiny-model.js";
import { openEngine } from "../src/engine.js";
import { loadEmbedder, type Embedder } from "../src/embedding/embedder.js";
import { buildIndex, DEFAULT_TARGET_TOKENS } from "../src/index/build.js";
import { FORMAT_VERSION, IndexError, readIndexFiles, type Manifest } from "../src/index/store.js";
import { passagesOfTranscript } from "../src/passages/chunk.js";
import { parseTranscript } from "../src/transcript/parse.js";
import type { Passage, Transcript } from "../src/types.js";

// Lets a test make one file write fail, to interrupt a build while it writes the index.
const writes = vi.hoisted(() => ({ failOn: null as RegExp | null }));
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const writeFileSync: typeof actual.writeFileSync = (file, data, options) => {
    if (writes.failOn?.test(String(file))) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: "ENOSPC" });
    return actual.writeFileSync(file, data, options);
  };
  return { ...actual, default: { ...actual, writeFileSync }, writeFileSync };
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.join(root, "test", "fixtures", "transcripts");
const SEED = "2020-03-30-miit-resumption.txt";
const HANSARD = "2020-04-20-covid-committee.txt";
const WATER = "2021-05-14-water-briefing.txt";
const PORT = "port-authority-briefing.json";
const source = (name: string) => readFileSync(name === SEED ? path.join(root, "corpus", SEED) : path.join(fixtures, name));

let tmp: string;
let tiny: Embedder;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-index-"));
  const modelDir = path.join(tmp, "models");
  const modelId = await makeTinyModel(modelDir);
  const warn = vi.fn();
  tiny = (await loadEmbedder({ modelId, modelDir, allowRemote: false, downloadTimeoutMs: 2000 }, warn))!;
  expect(warn).not.toHaveBeenCalled();
  expect(tiny).not.toBeNull();
});

afterAll(() => {
  writes.failOn = null;
  rmSync(tmp, { recursive: true, force: true });
});

let counter = 0;
/** A fresh folder under the test's temp dir. */
function fresh(name: string): string {
  const dir = path.join(tmp, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function corpusOf(files: Record<string, string | Buffer>): string {
  const dir = fresh("corpus");
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/** Wraps the tiny model: records every text it embeds, and can fail on its n-th embedPassages call. */
function recording(inner: Embedder, options: { failOnCall?: number } = {}) {
  const texts: string[] = [];
  let calls = 0;
  const embedder: Embedder = {
    modelId: inner.modelId,
    dimensions: inner.dimensions,
    maxTokens: inner.maxTokens,
    countTokens: (text) => inner.countTokens(text),
    embedPassages: async (batch) => {
      calls++;
      if (calls === options.failOnCall) throw new Error("the embedding model crashed midway");
      texts.push(...batch);
      return inner.embedPassages(batch);
    },
    embedQuery: (text) => inner.embedQuery(text),
  };
  return { embedder, texts, calls: () => calls };
}

/** An embedder that only claims an identity: opening must fail before it is ever used. */
function impostor(modelId: string, dimensions: number): Embedder {
  const fail = () => {
    throw new Error("must not be called");
  };
  return { modelId, dimensions, maxTokens: 128, countTokens: fail, embedPassages: fail, embedQuery: fail };
}

const manifestOf = (indexDir: string) => JSON.parse(readFileSync(path.join(indexDir, "manifest.json"), "utf8")) as Manifest;
const storedPassages = (indexDir: string): Passage[] => readIndexFiles(indexDir, manifestOf(indexDir)).passages;

const open = (corpusDir: string, indexDir: string, embedder: Embedder | null, warn: (line: string) => void = () => {}) =>
  openEngine({ corpusDir, indexDir, embedding: null, embedder, warn, buildIfMissing: false });

/** Passages computed straight from the corpus files, without the index. */
function expectedPassages(corpusDir: string, embedder: Embedder): { transcripts: Transcript[]; passages: Passage[] } {
  const transcripts = readdirSync(corpusDir)
    .sort()
    .map((name) => parseTranscript(name, readFileSync(path.join(corpusDir, name))));
  const options = { countTokens: (t: string) => embedder.countTokens(t), maxTokens: embedder.maxTokens, targetTokens: DEFAULT_TARGET_TOKENS };
  return { transcripts, passages: transcripts.flatMap((t) => passagesOfTranscript(t, options)) };
}

describe("index round trip", () => {
  it("build → openEngine gives back the same transcripts and passages, in hybrid mode", async () => {
    const corpusDir = corpusOf({ [SEED]: source(SEED), [HANSARD]: source(HANSARD) });
    const indexDir = fresh("index");
    const summary = await buildIndex({ corpusDir, indexDir, embedder: tiny, warn: () => {} });
    const expected = expectedPassages(corpusDir, tiny);
    expect(summary).toMatchObject({ transcripts: 2, passages: expected.passages.length, upToDate: false });
    expect(summary.manifest).toMatchObject({ model: tiny.modelId, dimensions: 32, passages: expected.passages.length });
    expect(storedPassages(indexDir)).toEqual(expected.passages);

    const engine = await open(corpusDir, indexDir, tiny);
    expect(engine.mode).toBe("hybrid");
    expect(engine.built).toBeNull();
    for (const p of expected.passages) expect(engine.passageContext(p.id)?.passage).toEqual(p);
    for (const t of expected.transcripts) expect(engine.briefing(t.meta.id)).toEqual(t);
    const answer = await engine.ask("Will the Prime Minister commit to paid sick leave?");
    expect(answer.found).toBe(true);
    expect(answer.hits[0]).toMatchObject({ speaker: "Right Hon. Justin Trudeau", role: "Prime Minister", source: { transcript: HANSARD, turn: 10 } });
    engine.close();
  });

  it("a lexical-only build round-trips too, and opening it with a model warns once and stays lexical", async () => {
    const corpusDir = corpusOf({ [SEED]: source(SEED) });
    const indexDir = fresh("index");
    const summary = await buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {} });
    expect(summary.manifest).toMatchObject({ model: null, dimensions: null });
    expect(summary.embedded).toBe(0);
    expect(readdirSync(path.join(indexDir, summary.manifest.build))).not.toContain("vectors.hnsw");

    const warn = vi.fn();
    const engine = await open(corpusDir, indexDir, tiny, warn);
    expect(engine.mode).toBe("lexical");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain("npm run index");
    expect((await engine.ask("How many people are back at work at Foxconn?")).hits[0]!.quote).toContain("810,000");
  });
});

describe("incremental rebuild with the tiny model", () => {
  const state = { corpusDir: "", indexDir: "", before: [] as Passage[] };

  beforeAll(async () => {
    state.corpusDir = corpusOf({ [SEED]: source(SEED), [HANSARD]: source(HANSARD), [WATER]: source(WATER) });
    state.indexDir = fresh("index");
    const first = recording(tiny);
    const summary = await buildIndex({ corpusDir: state.corpusDir, indexDir: state.indexDir, embedder: first.embedder, warn: () => {} });
    state.before = storedPassages(state.indexDir);
    const distinct = new Set(state.before.map((p) => p.text));
    expect(summary).toMatchObject({ transcripts: 3, passages: state.before.length, embedded: distinct.size, reused: state.before.length - distinct.size });
    expect(first.texts).toHaveLength(distinct.size);
  });

  it("re-embeds exactly the passages with new text: one transcript changed, one added, one removed", async () => {
    const water = source(WATER).toString("utf8");
    expect(water).toContain("3.6 billion yuan");
    writeFileSync(path.join(state.corpusDir, WATER), water.replace("3.6 billion yuan", "4.1 billion yuan"));
    writeFileSync(path.join(state.corpusDir, PORT), source(PORT));
    rmSync(path.join(state.corpusDir, HANSARD));

    const second = recording(tiny);
    const summary = await buildIndex({ corpusDir: state.corpusDir, indexDir: state.indexDir, embedder: second.embedder, warn: () => {} });
    const after = storedPassages(state.indexDir);
    const oldTexts = new Set(state.before.map((p) => p.text));
    const newTexts = new Set(after.filter((p) => !oldTexts.has(p.text)).map((p) => p.text));

    expect(newTexts.size).toBeGreaterThan(0);
    expect(newTexts.size).toBeLessThan(after.length);
    expect([...newTexts].some((t) => t.includes("4.1 billion yuan"))).toBe(true);
    expect(after.filter((p) => p.transcript === PORT).every((p) => newTexts.has(p.text))).toBe(true);
    expect(summary).toMatchObject({ transcripts: 3, passages: after.length, embedded: newTexts.size, reused: after.length - newTexts.size, upToDate: false });
    expect(second.texts.sort()).toEqual([...newTexts].sort());
    expect(after.some((p) => p.transcript === HANSARD)).toBe(false);
    expect(Object.keys(summary.manifest.transcripts).sort()).toEqual([SEED, WATER, PORT].sort());

    const engine = await open(state.corpusDir, state.indexDir, tiny);
    expect(engine.briefings().map((b) => b.meta.id).sort()).toEqual([SEED, WATER, PORT].sort());
    const sickLeave = await engine.ask("Will the Prime Minister commit to ten days of paid sick leave?");
    expect(sickLeave.hits.filter((h) => h.source.transcript === HANSARD)).toEqual([]);
    expect(() => engine.passageContext(`${HANSARD}#10.0`)).toThrow("that passage is no longer in the index");
    const levee = await engine.ask("What is the central budget for emergency levee repair?");
    expect(levee.hits[0]!.quote).toContain("4.1 billion yuan");
    expect(levee.hits.some((h) => h.passage.includes("3.6 billion"))).toBe(false);
    const dredging = await engine.ask("What does the dredging programme cost?");
    expect(dredging.hits[0]).toMatchObject({ speaker: "Ana Moreno", source: { transcript: PORT } });
  });

  it("an unchanged corpus is up to date: nothing embedded, nothing written", async () => {
    const manifestBefore = readFileSync(path.join(state.indexDir, "manifest.json"), "utf8");
    const third = recording(tiny);
    const summary = await buildIndex({ corpusDir: state.corpusDir, indexDir: state.indexDir, embedder: third.embedder, warn: () => {} });
    expect(summary).toMatchObject({ upToDate: true, embedded: 0, transcripts: 3 });
    expect(summary.reused).toBe(summary.passages);
    expect(third.calls()).toBe(0);
    expect(readFileSync(path.join(state.indexDir, "manifest.json"), "utf8")).toBe(manifestBefore);
  });

  it("a broken file added beside an unchanged corpus is skipped with a warning, and the index stays up to date", async () => {
    const broken = path.join(state.corpusDir, "broken.txt");
    writeFileSync(broken, "   \n");
    try {
      const warnings: string[] = [];
      const manifestBefore = readFileSync(path.join(state.indexDir, "manifest.json"), "utf8");
      const summary = await buildIndex({ corpusDir: state.corpusDir, indexDir: state.indexDir, embedder: recording(tiny).embedder, warn: (l) => warnings.push(l) });
      expect(summary).toMatchObject({ upToDate: true, transcripts: 3, embedded: 0 });
      expect(warnings).toEqual([expect.stringContaining("broken.txt")]);
      expect(readFileSync(path.join(state.indexDir, "manifest.json"), "utf8")).toBe(manifestBefore);
    } finally {
      rmSync(broken);
    }
  });

  it("force rebuilds, reusing every vector", async () => {
    const fourth = recording(tiny);
    const summary = await buildIndex({ corpusDir: state.corpusDir, indexDir: state.indexDir, embedder: fourth.embedder, warn: () => {}, force: true });
    expect(summary).toMatchObject({ upToDate: false, embedded: 0 });
    expect(summary.reused).toBe(summary.passages);
    expect(fourth.texts).toEqual([]);
    expect(readdirSync(state.indexDir).sort()).toEqual([summary.manifest.build, "manifest.json"]);
  });
});

describe("a build that fails midway leaves the old index in place", () => {
  const QUESTION = "How many people are back at work at Foxconn?";
  let corpusDir: string;
  let indexDir: string;
  let manifestBefore: string;
  let listingBefore: string[];
  let answerBefore: unknown;

  beforeAll(async () => {
    corpusDir = corpusOf({ [SEED]: source(SEED) });
    indexDir = fresh("index");
    await buildIndex({ corpusDir, indexDir, embedder: tiny, warn: () => {} });
    manifestBefore = readFileSync(path.join(indexDir, "manifest.json"), "utf8");
    listingBefore = readdirSync(indexDir).sort();
    answerBefore = await (await open(corpusDir, indexDir, tiny)).ask(QUESTION);
    // A new transcript of 40 distinct turns: more than one embedding batch (32) of new text.
    const turns = Array.from({ length: 40 }, (_, i) => ({
      speaker: i % 2 ? "Minister Li" : "Daily Herald reporter",
      text: i % 2 ? `Answer number ${i}: the levee in district ${i} was repaired.` : `Question number ${i}: is district ${i + 1} safe?`,
    }));
    writeFileSync(path.join(corpusDir, "2022-01-01-levees.json"), JSON.stringify(turns));
  });

  afterAll(() => {
    writes.failOn = null;
  });

  async function expectOldIndexIntact() {
    expect(readFileSync(path.join(indexDir, "manifest.json"), "utf8")).toBe(manifestBefore);
    expect(readdirSync(indexDir).sort()).toEqual(listingBefore);
    expect(readdirSync(indexDir).filter((name) => name.startsWith(".tmp-"))).toEqual([]);
    const engine = await open(corpusDir, indexDir, tiny);
    expect(engine.briefings().map((b) => b.meta.id)).toEqual([SEED]);
    expect(await engine.ask(QUESTION)).toEqual(answerBefore);
  }

  it("when the model fails after the first batch", async () => {
    const failing = recording(tiny, { failOnCall: 2 });
    await expect(buildIndex({ corpusDir, indexDir, embedder: failing.embedder, warn: () => {} })).rejects.toThrow("crashed midway");
    expect(failing.texts).toHaveLength(32);
    await expectOldIndexIntact();
  });

  it("when writing fails after some of the new files were written", async () => {
    writes.failOn = /lexical\.bin$/;
    try {
      await expect(buildIndex({ corpusDir, indexDir, embedder: tiny, warn: () => {} })).rejects.toThrow("ENOSPC");
    } finally {
      writes.failOn = null;
    }
    await expectOldIndexIntact();
  });

  it("when writing the new manifest fails after the new build folder was moved into place", async () => {
    writes.failOn = /\.manifest-[^/\\]*\.json$/;
    try {
      await expect(buildIndex({ corpusDir, indexDir, embedder: tiny, warn: () => {} })).rejects.toThrow("ENOSPC");
    } finally {
      writes.failOn = null;
    }
    await expectOldIndexIntact();
  });

  it("and the next build that succeeds replaces it", async () => {
    const summary = await buildIndex({ corpusDir, indexDir, embedder: tiny, warn: () => {} });
    expect(summary.transcripts).toBe(2);
    expect(readdirSync(indexDir).sort()).toEqual([summary.manifest.build, "manifest.json"]);
    const engine = await open(corpusDir, indexDir, tiny);
    expect(engine.briefings().map((b) => b.meta.id).sort()).toEqual([SEED, "2022-01-01-levees.json"]);
  });
});

describe("a damaged index is refused with a one-line IndexError that says how to rebuild", () => {
  let corpusDir: string;
  let pristine: string;
  let build: string;

  beforeAll(async () => {
    corpusDir = corpusOf({ [SEED]: source(SEED) });
    pristine = fresh("pristine");
    build = (await buildIndex({ corpusDir, indexDir: pristine, embedder: tiny, warn: () => {} })).manifest.build;
    await expect(open(corpusDir, pristine, tiny)).resolves.toBeTruthy();
  });

  const file = (dir: string, name: string) => path.join(dir, build, name);
  const garbageOfSameSize = (target: string) => writeFileSync(target, "x".repeat(statSync(target).size));
  const editManifest = (dir: string, edit: (m: Record<string, unknown>) => void) => {
    const manifest = manifestOf(dir) as unknown as Record<string, unknown>;
    edit(manifest);
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  };

  const cases: [string, (dir: string) => void, RegExp, Embedder | null][] = [
    ["garbage passages.json (same size)", (dir) => garbageOfSameSize(file(dir, "passages.json")), /passages\.json is corrupt/, null],
    ["truncated passages.json", (dir) => truncateSync(file(dir, "passages.json"), 100), /passages\.json is truncated/, null],
    [
      "passages.json naming a transcript the index does not hold (same size)",
      (dir) => writeFileSync(file(dir, "passages.json"), readFileSync(file(dir, "passages.json"), "utf8").replace(`"transcript":"${SEED}"`, `"transcript":"${SEED.replace(/t$/, "x")}"`)),
      /passages\.json does not match/,
      null,
    ],
    ["garbage transcripts.json (same size)", (dir) => garbageOfSameSize(file(dir, "transcripts.json")), /transcripts\.json is corrupt/, null],
    ["garbage lexical.bin (same size)", (dir) => garbageOfSameSize(file(dir, "lexical.bin")), /lexical index .* is corrupt/, null],
    ["truncated vectors.hnsw", (dir) => truncateSync(file(dir, "vectors.hnsw"), 64), /vectors\.hnsw is truncated/, null],
    ["deleted vectors.hnsw", (dir) => rmSync(file(dir, "vectors.hnsw")), /vectors\.hnsw is missing/, null],
    ["deleted build folder", (dir) => rmSync(path.join(dir, build), { recursive: true }), /is missing/, null],
    ["manifest garbage", (dir) => writeFileSync(path.join(dir, "manifest.json"), "{\"formatVersion\": 1, \"build\":"), /manifest\.json is corrupt/, null],
    ["manifest of another shape", (dir) => writeFileSync(path.join(dir, "manifest.json"), "[1, 2, 3]"), /not a briefbot manifest/, null],
    ["manifest formatVersion 99", (dir) => editManifest(dir, (m) => (m.formatVersion = 99)), /format 99, newer than/, null],
    ["manifest formatVersion 0", (dir) => editManifest(dir, (m) => (m.formatVersion = 0)), /old format/, null],
    ["manifest passage count off", (dir) => editManifest(dir, (m) => (m.passages = 3)), /does not match/, null],
    ["index built with another model", () => {}, /built with model briefbot\/tiny-embedder.*other\/model/, impostor("other/model", 32)],
    ["index built with other dimensions", () => {}, /32-dimensional vectors, the model makes 16/, impostor("briefbot/tiny-embedder", 16)],
  ];

  it.each(cases)("%s", async (_name, damage, message, embedder) => {
    const indexDir = fresh("damaged");
    cpSync(pristine, indexDir, { recursive: true });
    damage(indexDir);
    const opening = open(corpusDir, indexDir, embedder ?? tiny);
    await expect(opening).rejects.toBeInstanceOf(IndexError);
    const error = (await opening.catch((e: unknown) => e)) as IndexError;
    expect(error.message).toMatch(message);
    expect(error.message).toContain("npm run index");
    expect(error.message).not.toContain("\n");
  });

  it("a missing index with buildIfMissing false is an IndexError too", async () => {
    const empty = fresh("empty");
    const opening = open(corpusDir, path.join(empty, "none"), tiny);
    await expect(opening).rejects.toBeInstanceOf(IndexError);
    await expect(opening).rejects.toThrow(/^no index in .*npm run index/);
  });

  it("a build over a damaged index simply replaces it", async () => {
    const indexDir = fresh("damaged");
    cpSync(pristine, indexDir, { recursive: true });
    writeFileSync(path.join(indexDir, "manifest.json"), "garbage");
    const summary = await buildIndex({ corpusDir, indexDir, embedder: tiny, warn: () => {} });
    expect(summary.upToDate).toBe(false);
    const engine = await open(corpusDir, indexDir, tiny);
    expect((await engine.ask("What is the reinstatement rate of the electronic information industry?")).hits[0]!.quote).toContain("95%");
  });

  it("an index an older briefbot wrote is rebuilt on opening (saying so), re-using its embeddings", async () => {
    const indexDir = fresh("outdated");
    cpSync(pristine, indexDir, { recursive: true });
    editManifest(indexDir, (m) => (m.formatVersion = FORMAT_VERSION - 1));
    const info = vi.fn();
    const engine = await openEngine({ corpusDir, indexDir, embedding: null, embedder: tiny, warn: () => {}, info });
    expect(info).toHaveBeenCalledWith(expect.stringMatching(/older briefbot \(format \d+\): rebuilding/));
    expect(engine.built).toMatchObject({ embedded: 0, upToDate: false });
    expect(engine.built!.reused).toBe(engine.built!.passages);
    expect(manifestOf(indexDir).formatVersion).toBe(FORMAT_VERSION);
    expect((await engine.ask("What is the reinstatement rate of the electronic information industry?")).hits[0]!.quote).toContain("95%");
    engine.close();
  });
});
