// `npm run bench`: briefbot and a peer (Orama) on the same passages and questions in one run, so the ratios
// hold on a noisy machine. Speed (build, start-up, query latency), memory (peak RSS of every phase, each in its
// own child process), quality (hit@k on annotated questions) and a burst through the bot's queue.
//
//   npm run bench -- [--data DIR] [--quick | --sizes 1k,10k,100k] [--queries N] [--budget S] [--json] [--write] [--profile]
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { makeTinyModel } from "../scripts/make-tiny-model.js";
import { DEFAULTS as BOT_DEFAULTS } from "../src/discord/config.js";
import { DEFAULT_TOP } from "../src/engine-api.js";
import { openEmbedder } from "../src/embedding/embedder.js";
import { runMain, UsageError } from "../src/run-main.js";
import { runChild, type ChildReport } from "./child.js";
import { ROOT } from "./root.js";
import { generatedQuestions, growCorpus, hybridScale, queryStream, readAnnotated, readSource, type QuestionFile } from "./grow.js";
import type { BuildArgs, BuildResult } from "./measure-build.js";
import type { ConcurrencyArgs, ConcurrencyResult } from "./measure-concurrency.js";
import type { EmbedArgs, EmbedResult } from "./measure-embed.js";
import type { PeerArgs, PeerBuildResult, PeerQueryResult } from "./measure-orama.js";
import type { QualityArgs, QualityResult } from "./measure-quality.js";
import type { QueryArgs, QueryResult } from "./measure-query.js";
import { formatProfile, summariseProfile } from "./profile.js";
import { markdownReport, p95Chart, textReport } from "./report.js";
import type { Budget } from "./stats.js";
import type { ModelRef } from "./tiny-model.js";

export type Mode = "lexical" | "hybrid";

export interface ModeRun {
  mode: Mode;
  corpus: { files: number; expected: number };
  /** force is null in lexical mode: with no embeddings to reuse, it would only repeat the cold build. */
  build: { cold: ChildReport<BuildResult>; noop: ChildReport<BuildResult>; force: ChildReport<BuildResult> | null };
  query: ChildReport<QueryResult>;
  peer: { build: ChildReport<PeerBuildResult>; query: ChildReport<PeerQueryResult> };
}

export interface SizeRun {
  target: number;
  lexical: ModeRun;
  hybrid: ModeRun;
  /** null with --quick beyond the first size. */
  concurrency: ChildReport<ConcurrencyResult[]> | null;
}

export interface BenchResult {
  date: string;
  command: string;
  seconds: number;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string };
  peerVersion: string;
  data: { dir: string; description: string; transcripts: number };
  questions: { source: "annotated" | "generated"; distinct: number; description: string };
  options: { sizes: number[]; queries: number; warmup: number; budget: Budget | null; top: number; burst: number; quick: boolean };
  embed: ChildReport<EmbedResult>;
  baselineRssMb: number;
  sizes: SizeRun[];
  quality: { mode: Mode; report: ChildReport<QualityResult> }[];
  /** Summaries of the CPU profiles taken with --profile, by worker. */
  profiles: Record<string, string>;
}

export interface BenchOptions {
  /** Transcripts to grow from; null: corpus/. */
  dataDir: string | null;
  sizes: number[];
  queries: number;
  warmup?: number;
  /** Stop a latency cell after this long once it has enough questions (null: always the whole stream). */
  budget?: Budget | null;
  burst?: number;
  /** CPU-profile every worker of the largest size. */
  profile?: boolean;
  /**
   * Everyday mode: skip what costs most without saying much new: the burst at every size but the first, and
   * hybrid quality (a whole hybrid build of the data).
   */
  quick?: boolean;
  /** Keep the temporary folder (grown corpora, indexes, profiles) and say where it is. */
  keep?: boolean;
  command?: string;
  log?: (line: string) => void;
}


export async function runBenchmark(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const started = performance.now();
  const warmup = options.warmup ?? Math.min(20, Math.ceil(options.queries / 10));
  const burstSize = options.burst ?? 200;
  const budget = options.budget ?? null;
  const work = mkdtempSync(join(tmpdir(), "briefbot-bench-"));
  const profiles: Record<string, string> = {};
  try {
    const model: ModelRef = { modelDir: join(work, "models"), modelId: "" };
    model.modelId = await makeTinyModel(model.modelDir);
    const sourceDir = resolve(options.dataDir ?? join(ROOT, "corpus"));
    const source = await readSource(sourceDir, (line) => log(line));
    const annotated = readAnnotated(sourceDir);
    const texts = annotated ? [...new Set(annotated.map((q) => q.query.trim()))] : generatedQuestions(source);
    if (texts.length === 0) throw new Error(`no questions: ${sourceDir} has no queries.jsonl and no questions to take from its transcripts`);
    const stream = queryStream(texts.length, options.queries);
    const questionFile = join(work, "questions.json");
    writeFileSync(questionFile, JSON.stringify({ texts } satisfies QuestionFile));

    log(`model: ${model.modelId}; data: ${sourceDir} (${source.length} transcripts); ${texts.length} distinct questions`);
    const baseline = await runChild<object>("measure-baseline.ts", {});
    const embed = await runChild<EmbedResult>("measure-embed.ts", { model, questionFile, stream, warmup } satisfies EmbedArgs);
    log(`embedding questions: p50 ${embed.result.latency.p50.toFixed(2)} ms, p95 ${embed.result.latency.p95.toFixed(2)} ms`);
    const scale = hybridScale(source, await openEmbedder({ ...model, allowRemote: false, downloadTimeoutMs: 1000 }));

    const largest = Math.max(...options.sizes);
    /** The burst through the bot's queue: with the bot's own limit at the first size (what is refused does not
     * depend on size), and with a limit that takes the whole burst at every size. */
    const burst = async (target: number, botLimit: boolean) => {
      const positions = Array.from({ length: burstSize }, (_, i) => stream[i % stream.length]!);
      const all = { concurrency: BOT_DEFAULTS.engineConcurrency, limit: burstSize };
      const queues = botLimit ? [{ concurrency: BOT_DEFAULTS.engineConcurrency, limit: BOT_DEFAULTS.engineQueueLimit }, all] : [all];
      const dir = join(work, `${target}-hybrid`);
      const report = await runChild<ConcurrencyResult[]>("measure-concurrency.ts", {
        corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model, questionFile, burst: positions, queues, timeoutMs: 300_000,
      } satisfies ConcurrencyArgs);
      for (const c of report.result) {
        log(`[${short(target)}] ${c.submitted} at once (queue ${c.queue.concurrency}/${c.queue.limit}): ${c.answered} answered, ${c.refused} told busy, ${c.lost + c.failed} lost; p95 ${c.latency.p95.toFixed(1)} ms`);
      }
      return report;
    };
    const sizes: SizeRun[] = [];
    for (const target of options.sizes) {
      const profileDir = (name: string) => (options.profile && target === largest ? { profileDir: join(work, "profiles", name) } : {});
      const runMode = async (mode: Mode): Promise<ModeRun> => {
        const dir = join(work, `${target}-${mode}`);
        const corpusDir = join(dir, "corpus");
        const indexDir = join(dir, "index");
        const grown = growCorpus(source, corpusDir, target, mode === "hybrid" ? scale : 1);
        const m = mode === "hybrid" ? model : null;
        const tag = `${short(target)} ${mode}`;
        const build = async (variant: BuildArgs["variant"]) => {
          const report = await runChild<BuildResult>("measure-build.ts", { corpusDir, indexDir, model: m, variant } satisfies BuildArgs, profileDir(`${mode}-build-${variant}`));
          const r = report.result;
          log(`[${tag}] build ${variant}: ${r.passages} passages in ${r.seconds.toFixed(2)} s (embedded ${r.embedded}, reused ${r.reused}${r.upToDate ? ", up to date" : ""}), peak RSS ${report.maxRssMb.toFixed(0)} MB`);
          return report;
        };
        const cold = await build("cold");
        const noop = await build("noop");
        // A forced rebuild reuses embeddings; in lexical mode there are none, and it would repeat the cold build.
        const force = mode === "lexical" ? null : await build("force");
        const query = await runChild<QueryResult>("measure-query.ts", { corpusDir, indexDir, model: m, questionFile, stream, warmup, budget } satisfies QueryArgs, profileDir(`${mode}-query`));
        log(`[${tag}] briefbot: start-up ${query.result.startupSeconds.toFixed(2)} s, p50 ${query.result.latency.p50.toFixed(2)} ms, p95 ${query.result.latency.p95.toFixed(2)} ms, peak RSS ${query.maxRssMb.toFixed(0)} MB`);
        const peerArgs = { indexDir, hybrid: mode === "hybrid", file: join(dir, "orama.json"), questionFile, stream, warmup, budget, top: DEFAULT_TOP };
        const peerBuild = await runChild<PeerBuildResult>("measure-orama.ts", { ...peerArgs, phase: "build" } satisfies PeerArgs, profileDir(`${mode}-orama-build`));
        const peerQuery = await runChild<PeerQueryResult>("measure-orama.ts", { ...peerArgs, phase: "query" } satisfies PeerArgs, profileDir(`${mode}-orama-query`));
        log(`[${tag}] Orama: build ${peerBuild.result.seconds.toFixed(2)} s, start-up ${peerQuery.result.startupSeconds.toFixed(2)} s, p50 ${peerQuery.result.latency.p50.toFixed(2)} ms, p95 ${peerQuery.result.latency.p95.toFixed(2)} ms, peak RSS ${peerQuery.maxRssMb.toFixed(0)} MB`);
        return { mode, corpus: { files: grown.files, expected: grown.expected }, build: { cold, noop, force }, query, peer: { build: peerBuild, query: peerQuery } };
      };
      const lexical = await runMode("lexical");
      const hybrid = await runMode("hybrid");
      const concurrency = options.quick && sizes.length > 0 ? null : await burst(target, sizes.length === 0);
      sizes.push({ target, lexical, hybrid, concurrency });
      if (!options.keep) for (const mode of ["lexical", "hybrid"]) rmSync(join(work, `${target}-${mode}`), { recursive: true, force: true });
    }

    const quality: BenchResult["quality"] = [];
    if (annotated) {
      for (const mode of options.quick ? (["lexical"] as const) : (["lexical", "hybrid"] as const)) {
        const report = await runChild<QualityResult>("measure-quality.ts", { dataDir: sourceDir, indexDir: join(work, `quality-${mode}`), model: mode === "hybrid" ? model : null } satisfies QualityArgs);
        quality.push({ mode, report });
        log(`[quality ${mode}] briefbot hit@5 ${report.result.briefbot.hitAt5.toFixed(3)}, Orama hit@5 ${report.result.peer.hitAt5.toFixed(3)}`);
      }
    }

    if (options.profile) {
      const dir = join(work, "profiles");
      for (const name of readdirSync(dir).sort()) {
        // Run from the sources, tsx's loader thread writes a profile of its own; the main thread's is the big one.
        const files = readdirSync(join(dir, name))
          .filter((f) => f.endsWith(".cpuprofile"))
          .map((f) => join(dir, name, f))
          .sort((a, b) => statSync(b).size - statSync(a).size);
        if (files.length) profiles[name] = `${files[0]}\n${formatProfile(summariseProfile(JSON.parse(readFileSync(files[0]!, "utf8")), 12))}`;
      }
    }

    const shownDir = options.dataDir ? relative(ROOT, sourceDir) || "." : "corpus";
    return {
      date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      command: options.command ?? "npm run bench",
      seconds: (performance.now() - started) / 1000,
      machine: {
        cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
        cores: cpus().length,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        platform: `${process.platform}/${process.arch}`,
      },
      peerVersion: (JSON.parse(readFileSync(join(ROOT, "node_modules/@orama/orama/package.json"), "utf8")) as { version: string }).version,
      data: { dir: shownDir, description: dataDescription(shownDir, sourceDir, source.length, !!options.dataDir), transcripts: source.length },
      questions: {
        source: annotated ? "annotated" : "generated",
        distinct: texts.length,
        description: annotated
          ? `${texts.length} distinct annotated questions from ${join(shownDir, "queries.jsonl")}, drawn in shuffled rounds to ${options.queries} per measurement.`
          : `${texts.length} questions generated from the transcripts (no queries.jsonl beside them): the questions asked in them and "What did <speaker> say about <rare words>?", drawn in shuffled rounds to ${options.queries} per measurement.`,
      },
      options: { sizes: options.sizes, queries: options.queries, warmup, budget, top: DEFAULT_TOP, burst: burstSize, quick: !!options.quick },
      embed,
      baselineRssMb: baseline.maxRssMb,
      sizes,
      quality,
      profiles,
    };
  } finally {
    if (options.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

function short(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** Where the data comes from, for the page: its folder, and the first paragraph of a README beside it if any. */
function dataDescription(shown: string, dir: string, transcripts: number, external: boolean): string {
  const base = `${transcripts} transcripts in \`${shown}\`, grown to each size.`;
  if (!external) return `${base} (No --data: the project's own corpus/.)`;
  for (const readme of [join(dir, "README.md"), join(dir, "..", "README.md")]) {
    try {
      if (!statSync(readme).isFile()) continue;
      const paragraph = readFileSync(readme, "utf8").split(/\n\s*\n/).find((p) => p.trim() && !p.trim().startsWith("#"));
      if (paragraph) return `${base} Not part of this repository; its README says: "${paragraph.replace(/\s+/g, " ").trim()}"`;
    } catch {
      // no README there
    }
  }
  return `${base} Not part of this repository.`;
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(k?)$/i.exec(text.trim());
  if (!match) throw new UsageError(`--sizes takes numbers like 1000,10k,100k; got "${text}"`);
  return Math.round(Number(match[1]) * (match[2] ? 1000 : 1));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      quick: { type: "boolean", default: false },
      sizes: { type: "string" },
      queries: { type: "string", default: "1000" },
      budget: { type: "string" },
      json: { type: "boolean", default: false },
      write: { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      from: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run bench -- [--data DIR] [--quick | --sizes 1k,10k,100k] [--queries N] [--budget S] [--json] [--write] [--profile] [--keep] [--from FILE]\n" +
        "  --data DIR   transcripts to grow from (queries.jsonl beside them gives the questions and quality); default corpus/\n" +
        "  --quick      1k and 10k passages only; one burst, lexical quality only\n  --queries N  questions per latency measurement (default 1000)\n" +
        "  --budget S   stop a latency measurement after S seconds once it has 200 questions (100 with --quick); 0: never (default 45, 10 with --quick)\n  --write      regenerate docs/benchmarks.md, docs/benchmarks-p95.svg and docs/benchmarks.json\n" +
        "  --profile    CPU-profile the workers of the largest size and print what dominates\n  --keep       keep the temporary folder\n" +
        "  --from FILE  no measuring: report the figures saved in FILE (docs/benchmarks.json) again",
    );
    return;
  }
  const sizes = values.sizes ? values.sizes.split(",").map(parseSize) : values.quick ? [1000, 10_000] : [1000, 10_000, 100_000];
  const queries = Number(values.queries);
  if (!Number.isInteger(queries) || queries < 1) throw new UsageError(`--queries must be a positive whole number, got "${values.queries}"`);
  // A latency cell stops after this many seconds once it has its minimum: the full run must end in ~30 min on 2 cores.
  const seconds = values.budget !== undefined ? Number(values.budget) : values.quick ? 10 : 45;
  if (!(seconds >= 0)) throw new UsageError(`--budget must be a number of seconds (0: no budget), got "${values.budget}"`);
  const budget: Budget | null = seconds > 0 ? { seconds, minimum: Math.min(queries, values.quick ? 100 : 200) } : null;
  const command = ["npm run bench --", ...process.argv.slice(2).filter((a) => a !== "--json")].join(" ").replace(/ --$/, "");
  // --from: render the saved figures of an earlier run again (after a change to the report), without measuring.
  const result = values.from ? (JSON.parse(readFileSync(values.from, "utf8")) as BenchResult) : await runBenchmark({ dataDir: values.data ?? null, sizes, queries, budget, quick: values.quick, profile: values.profile, keep: values.keep, command });
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else console.log(textReport(result));
  for (const [name, summary] of Object.entries(result.profiles ?? {})) console.error(`\n== profile: ${name}\n${summary}`);
  if (values.write) {
    writeFileSync(join(ROOT, "docs", "benchmarks-p95.svg"), p95Chart(result));
    writeFileSync(join(ROOT, "docs", "benchmarks.md"), markdownReport(result, "benchmarks-p95.svg"));
    // The figures behind the page, for comparing runs over time.
    if (!values.from) writeFileSync(join(ROOT, "docs", "benchmarks.json"), JSON.stringify({ ...result, profiles: {} }, null, 2) + "\n");
    console.error(`wrote docs/benchmarks.md, docs/benchmarks-p95.svg${values.from ? "" : " and docs/benchmarks.json"}`);
  }
}

const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) runMain(main, { prefix: "bench" });
