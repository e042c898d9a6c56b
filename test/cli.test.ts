import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTinyModel, TINY_MODEL } from "../scripts/make-tiny-model.js";
import { buildIndex } from "../src/index/build.js";
import { runNode, type NodeRun } from "./helpers/dist.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEED = "2020-03-30-miit-resumption.txt";
const seedText = readFileSync(path.join(root, "corpus", SEED), "utf8");
const FOXCONN = "How many people are back at work at Foxconn?";

let tmp: string;
let emptyModels: string;
let tinyModels: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-cli-"));
  emptyModels = path.join(tmp, "no-models");
  mkdirSync(emptyModels);
  tinyModels = path.join(tmp, "models");
  await makeTinyModel(tinyModels);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

let counter = 0;
function workspace(files: Record<string, string> = { [SEED]: seedText }) {
  const dir = path.join(tmp, `ws-${++counter}`);
  const corpus = path.join(dir, "corpus");
  mkdirSync(corpus, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(corpus, name), content);
  return { corpus, index: path.join(dir, "index") };
}

/** Runs a CLI command as a user would (`npm run ask`: node dist/src/cli/ask.js from the repo root), with a controlled environment. */
function run(
  command: "ask" | "index-command",
  args: string[],
  dirs: { corpus: string; index: string },
  options: { stdin?: string; model?: "none" | "tiny" } = {},
): Promise<NodeRun> {
  const tiny = options.model === "tiny";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CORPUS_DIR: dirs.corpus,
    INDEX_DIR: dirs.index,
    // No download may be attempted: the model either is in MODEL_DIR (the tiny one) or is missing.
    EMBEDDING_MODEL: tiny ? TINY_MODEL.id : "Xenova/all-MiniLM-L6-v2",
    MODEL_DIR: tiny ? tinyModels : emptyModels,
    ALLOW_REMOTE_MODELS: "false",
    MODEL_DOWNLOAD_TIMEOUT_MS: "2000",
    MODEL_REMOTE_HOST: "",
    FORCE_COLOR: "0",
    NO_COLOR: "1",
  };
  return runNode(`src/cli/${command}.js`, args, { cwd: root, env, stdin: options.stdin });
}

const lines = (text: string) => text.split("\n").filter((line) => line.length > 0);
const STACK_FRAME = /^\s+at /m;

// Every test has its own corpus and index folders, so the child processes may run side by side.
describe.concurrent("ask", () => {
  it("--json builds the missing index, then prints exactly one answer object", async () => {
    const dirs = workspace();
    const result = await run("ask", ["--json", FOXCONN], dirs);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/No index in .* building it/);
    expect(result.stderr).toContain("npm run model:fetch"); // the model is missing: said once
    expect(result.stderr.match(/npm run model:fetch/g)).toHaveLength(1);
    expect(result.stderr).not.toMatch(STACK_FRAME);

    expect(lines(result.stdout)).toHaveLength(1);
    const answer = JSON.parse(result.stdout);
    expect(answer).toMatchObject({ question: FOXCONN, found: true });
    expect(answer.hits.length).toBeGreaterThanOrEqual(1);
    const [hit] = answer.hits;
    expect(hit).toMatchObject({
      rank: 1,
      score: expect.any(Number),
      speaker: "Xu Kemin",
      role: "Director of the Department of Industrial Policy and Regulations",
      quote: expect.stringContaining("810,000"),
      passage: expect.any(String),
      inResponseTo: { speaker: "Shenzhen Satellite TV reporter", text: expect.stringMatching(/^My question is about electronics companies/) },
      source: {
        transcript: SEED,
        title: "MIIT press conference on the resumption of manufacturing",
        date: "2020-03-30",
        turn: 1,
      },
    });
    expect(hit.passage).toContain(hit.quote);
    expect(seedText.replace(/\s+/g, " ")).toContain(hit.passage.replace(/\s+/g, " "));
    expect(answer.hits.map((h: { rank: number }) => h.rank)).toEqual(answer.hits.map((_: unknown, i: number) => i + 1));
  });

  it("--json: a question about the briefing itself carries kind \"briefing\", the bot's own answer and the hits it cites", async () => {
    const dirs = workspace();
    const result = await run("ask", ["--json", "--lexical", "Who spoke at this briefing?"], dirs);
    expect(result.code, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer).toMatchObject({ question: "Who spoke at this briefing?", found: true, kind: "briefing", answer: expect.stringContaining("the official who spoke was Xu Kemin") });
    // Cited: the announcement that introduces him, then his own words.
    expect(answer.hits[0]).toMatchObject({ rank: 1, speaker: "Announcement", source: { transcript: SEED, turn: -1 } });
    expect(answer.hits[1]).toMatchObject({ rank: 2, speaker: "Xu Kemin", source: { transcript: SEED } });
    const content = JSON.parse((await run("ask", ["--json", "--lexical", FOXCONN], dirs)).stdout);
    expect(content).toMatchObject({ kind: "quote", found: true });
    expect(content).not.toHaveProperty("answer");
  });

  it("--stdin --json answers every line in order, one JSON line each; a blank line gets an error", async () => {
    const dirs = workspace();
    const input = `${FOXCONN}\n\nWhat is the recipe for apple pie?\n`;
    const result = await run("ask", ["--stdin", "--json", "--lexical"], dirs, { stdin: input });
    expect(result.code, result.stderr).toBe(0);
    const out = lines(result.stdout).map((line) => JSON.parse(line));
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ question: FOXCONN, found: true });
    expect(out[0].hits[0]).toMatchObject({ rank: 1, speaker: "Xu Kemin", quote: expect.stringContaining("810,000") });
    expect(out[1]).toEqual({ question: "", error: "empty question" });
    expect(out[2]).toMatchObject({ question: "What is the recipe for apple pie?", found: false, hits: [] });
  });

  it("human output: quotes, attributes and cites an answer, and says the briefings do not cover an out-of-scope question", async () => {
    const dirs = workspace();
    const input = `${FOXCONN}\nWho won the 2018 football world cup?\n`;
    const result = await run("ask", ["--stdin", "--lexical", "--top", "1"], dirs, { stdin: input });
    expect(result.code, result.stderr).toBe(0);
    const [found, notFound] = result.stdout.split(/\n\n(?=Q: )/);
    const out = lines(found!);
    expect(out[0]).toBe(`Q: ${FOXCONN}`);
    expect(out[1]).toMatch(/^1\. “.*810,000.*”$/);
    expect(out[2]).toBe("   — Xu Kemin, Director of the Department of Industrial Policy and Regulations, answering Shenzhen Satellite TV reporter");
    expect(out[3]).toBe("   MIIT press conference on the resumption of manufacturing, 2020-03-30 (turn 1)");
    expect(out[4]).toMatch(/^   Question \(Shenzhen Satellite TV reporter\): My question is about electronics companies\./);
    expect(out.filter((line) => /^\d+\. /.test(line))).toHaveLength(1);
    expect(lines(notFound!)).toEqual([
      "Q: Who won the 2018 football world cup?",
      "The briefings do not cover that: no official answer in the transcripts matches the question.",
    ]);
  });

  it("an out-of-scope question: exit 0, and the human output says the briefings do not cover it", async () => {
    const result = await run("ask", ["Who won the 2018 football world cup?"], workspace());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("The briefings do not cover that: no official answer in the transcripts matches the question.\n");
  });

  it("without a question: exit 2 and one line on stderr", async () => {
    const result = await run("ask", [], workspace());
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: no question given/);
    expect(result.stdout).toBe("");
  });

  it("--top abc: exit 2, one line on stderr", async () => {
    const result = await run("ask", ["--top", "abc", FOXCONN], workspace());
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^error: --top must be a whole number .*"abc"/)]);
    expect(result.stdout).toBe("");
  });

  it("a corrupt index: exit 1, one line on stderr saying how to rebuild, no stack trace", async () => {
    const dirs = workspace();
    await buildIndex({ corpusDir: dirs.corpus, indexDir: dirs.index, embedder: null, warn: () => {} });
    writeFileSync(path.join(dirs.index, "manifest.json"), "{ this is not json");
    const result = await run("ask", ["--lexical", FOXCONN], dirs);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: .*manifest\.json is corrupt.*npm run index/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout).toBe("");
  });
});

describe.concurrent("index", () => {
  it("prints one summary line, and a second run says the index is up to date", async () => {
    const dirs = workspace();
    const first = await run("index-command", [], dirs, { model: "tiny" });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe("");
    expect(lines(first.stdout)).toHaveLength(1);
    const summary = /^indexed (\d+) transcripts, (\d+) passages: (\d+) embedded, (\d+) reused \(model briefbot\/tiny-embedder\) in (\d+\.\d\d) s → (.+)$/.exec(
      first.stdout.trim(),
    );
    expect(summary, first.stdout).not.toBeNull();
    const [, transcripts, passages, embedded, reused, , where] = summary!;
    expect(Number(transcripts)).toBe(1);
    expect(Number(passages)).toBeGreaterThan(1);
    expect(Number(embedded) + Number(reused)).toBe(Number(passages));
    expect(Number(embedded)).toBeGreaterThan(0);
    expect(where).toBe(dirs.index);

    const second = await run("index-command", [], dirs, { model: "tiny" });
    expect(second.code, second.stderr).toBe(0);
    expect(lines(second.stdout)).toHaveLength(1);
    expect(second.stdout.trim()).toMatch(
      new RegExp(`^index is up to date: 1 transcripts, ${passages} passages \\(model briefbot/tiny-embedder\\), checked in \\d+\\.\\d\\d s$`),
    );

    // The index it wrote answers in hybrid mode.
    const asked = await run("ask", ["--json", FOXCONN], dirs, { model: "tiny" });
    expect(asked.code, asked.stderr).toBe(0);
    const answer = JSON.parse(asked.stdout);
    expect(answer).toMatchObject({ found: true, mode: "hybrid" });
    expect(answer.hits.some((h: { quote: string }) => h.quote.includes("810,000"))).toBe(true);
  });

  it("says in its one summary line which transcripts a re-index added, changed and removed", async () => {
    const dirs = workspace({ [SEED]: seedText, "2021-01-01-old.txt": "Minister Li: The old briefing.\n" });
    expect((await run("index-command", ["--lexical"], dirs)).code).toBe(0);
    rmSync(path.join(dirs.corpus, "2021-01-01-old.txt"));
    mkdirSync(path.join(dirs.corpus, "2024"));
    writeFileSync(path.join(dirs.corpus, "2024", "2024-01-09-new.txt"), "Minister Li: A new briefing.\n");
    const result = await run("index-command", ["--lexical"], dirs);
    expect(result.code, result.stderr).toBe(0);
    expect(lines(result.stdout)).toHaveLength(1);
    expect(result.stdout.trim()).toMatch(
      /^indexed 2 transcripts, \d+ passages: .* → .+; added 1 transcript \(2024\/2024-01-09-new\.txt\), removed 1 transcript \(2021-01-01-old\.txt\)$/,
    );
  });

  it("skips a broken transcript with a warning naming it, indexes the rest and exits 0", async () => {
    const dirs = workspace({ [SEED]: seedText, "2021-01-01-broken.txt": "Just prose, without any speaker label.\n" });
    const result = await run("index-command", ["--lexical"], dirs);
    expect(result.code, result.stderr).toBe(0);
    const warnings = lines(result.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: skipped .*2021-01-01-broken\.txt: no speaker labels found/);
    expect(result.stdout).toMatch(/^indexed 1 transcripts, \d+ passages: 0 embedded, 0 reused \(lexical only \(no vectors\)\)/);
  });
});
