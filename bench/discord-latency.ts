// How fast the Discord bot answers, and how much memory it holds, measured through the Discord double.
//
//   npm run build && node dist/bench/discord-latency.js [--count 200] [--json]
//
// Latency: time from the double dispatching INTERACTION_CREATE (/ask) to the bot's final edit of the reply
// (PATCH @original) arriving back at the double: gateway → discord.js → defer → queue → engine → presenter
// → REST. Both ends are clocks of this process. Run with the seed corpus (corpus/), in lexical mode and with
// the tiny test model (hybrid: a real transformers.js/onnxruntime embedding per question), one interaction
// at a time ("sequential") and all at once ("burst", through the bounded queue).
// Memory: RSS of `dist/src/main.js` (what `npm start` runs) in its own process, connected to the double, after
// start-up and after answering the interactions.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { makeTinyModel } from "../scripts/make-tiny-model.js";
import { startBot } from "../src/discord/bot.js";
import { DEFAULTS, DISCORD_API_DEFAULT, type DiscordSettings } from "../src/discord/config.js";
import { loadEmbedder, type Embedder } from "../src/embedding/embedder.js";
import { openEngine } from "../src/engine.js";
import { createLogger } from "../src/log.js";
import { runMain } from "../src/run-main.js";
import { startDiscordDouble, type DiscordDouble, type RecordedRequest } from "../test/discord-double/server.js";
import { ROOT } from "./root.js";
import { latency, type Latency } from "./stats.js";

const CORPUS = path.join(ROOT, "corpus");
const TOKEN = "MTMwMDAwMDAwMDAwMDAwMDAwMQ.bench.token";
// Questions about the seed briefing, and some it does not cover (the not-found path costs the same search).
const QUESTIONS = [
  "How many people are back at work at Foxconn?",
  "What is the reinstatement rate in the electronic information industry?",
  "What measures did the ministry adopt for the supply chain?",
  "masks and thermometers for resumption of production",
  "How are workers brought back to the factories?",
  "What is the recipe for apple pie?",
  "Who won the football match?",
  "cross-regional coordination mechanism",
];

const { values } = parseArgs({ options: { count: { type: "string", default: "200" }, json: { type: "boolean", default: false } } });
const COUNT = Number(values.count);

interface LatencyRun {
  mode: string;
  /** Interactions in flight at once. */
  inFlight: number;
  /** Started at most every 25 ms (40/s). */
  paced: boolean;
  ms: Latency;
  notFound: number;
  /** Not acknowledged within Discord's 3 s. */
  lost: number;
}

async function measureLatency(mode: string, embedder: Embedder | null, tmp: string): Promise<LatencyRun[]> {
  const engine = await openEngine({ corpusDir: CORPUS, indexDir: path.join(tmp, `index-${mode}`), embedding: null, embedder, warn: () => undefined });
  if (engine.mode !== (embedder ? "hybrid" : "lexical")) throw new Error(`expected ${mode} mode, got ${engine.mode}`);
  const double = await startDiscordDouble();
  const settings = benchSettings(double.apiUrl, COUNT + 10);
  const bot = await startBot({ engine, settings, log: createLogger("silent") });
  try {
    progress(`${mode}: warming up`);
    await timeInteractions(double, 20, 1); // warm-up: JIT, connection pool, model session
    const runs: LatencyRun[] = [];
    // One at a time, paced to 40/s: below discord.js's 50 requests/s global limit, so this is the bot's own latency.
    // Then 10 and all 200 at once: the edits queue behind that limit (see the note printed with the table).
    for (const [inFlight, minIntervalMs] of [[1, 25], [10, 0], [COUNT, 0]] as const) {
      progress(`${mode}: ${COUNT} interactions, ${inFlight} at a time`);
      const { ms, notFound, lost } = await timeInteractions(double, COUNT, inFlight, minIntervalMs);
      runs.push({ mode, inFlight, paced: minIntervalMs > 0, ms: latency(ms), notFound, lost });
    }
    return runs;
  } finally {
    await bot.stop();
    await double.close();
  }
}

function benchSettings(apiUrl: string, queueLimit: number): DiscordSettings {
  return {
    token: TOKEN, appId: null, guildId: null, apiUrl: apiUrl ?? DISCORD_API_DEFAULT,
    engineConcurrency: DEFAULTS.engineConcurrency, engineQueueLimit: queueLimit, userCooldownSeconds: 0,
    allowedChannelIds: null, allowedGuildIds: null, allowDms: false, mentionReply: "thread", logLevel: "silent", logQuestions: false,
  };
}

/**
 * Send `count` /ask interactions, at most `inFlight` at a time; milliseconds from dispatch to the final edit.
 * An interaction the bot could not acknowledge within Discord's 3 s (the double answers 404) counts as lost.
 */
async function timeInteractions(double: DiscordDouble, count: number, inFlight: number, minIntervalMs = 0): Promise<{ ms: number[]; notFound: number; lost: number }> {
  const outcome = outcomes(double);
  const ms: number[] = [];
  let notFound = 0;
  let lost = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const started = performance.now();
      const pace = new Promise((resolve) => setTimeout(resolve, minIntervalMs));
      const sent = double.sendCommand("ask", { question: QUESTIONS[i % QUESTIONS.length]! }, { userId: `1400000000000${String(i).padStart(6, "0")}` });
      const done = await outcome(sent.token);
      if (done.edit) ms.push(done.edit.at - started); // arrival time at the double: exact however late we look
      else lost++;
      if (String(done.edit?.body?.content).includes("do not cover")) notFound++;
      await pace;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { ms, notFound, lost };
}

/**
 * Waits for an interaction's final edit (or its rejected acknowledgement). Scans new requests incrementally:
 * hundreds of double.waitFor() waiters would re-scan every request on every request and skew the timing.
 */
function outcomes(double: DiscordDouble): (token: string) => Promise<{ edit: RecordedRequest | null }> {
  let seen = double.requests.length;
  const done = new Map<string, { edit: RecordedRequest | null }>();
  const edit = new RegExp(`^/webhooks/${double.ids.applicationId}/([^/]+)/messages/@original$`);
  const scan = () => {
    for (; seen < double.requests.length; seen++) {
      const r = double.requests[seen]!;
      const patch = r.method === "PATCH" && r.status === 200 ? edit.exec(r.path) : null;
      if (patch) done.set(patch[1]!, { edit: r });
      const refused = r.status === 404 ? /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(r.path) : null;
      if (refused) done.set(refused[1]!, { edit: null });
    }
  };
  return async (token) => {
    const deadline = performance.now() + 60_000;
    for (;;) {
      scan();
      const found = done.get(token);
      if (found) return found;
      if (performance.now() > deadline) throw new Error("no reply within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
}

interface MemoryRun {
  mode: string;
  rssStartedMb: number;
  rssAfterMb: number;
}

/** RSS of the real entry point (`npm start`: node dist/src/main.js, built by `npm run build`) connected to the double. */
async function measureMemory(mode: string, env: Record<string, string>, tmp: string): Promise<MemoryRun> {
  const double = await startDiscordDouble();
  const child = spawn(process.execPath, [path.join(ROOT, "dist", "src", "main.js")], {
    cwd: tmp,
    env: {
      PATH: process.env.PATH!, HOME: process.env.HOME ?? tmp, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: double.apiUrl,
      CORPUS_DIR: CORPUS, INDEX_DIR: path.join(tmp, `main-index-${mode}`), USER_COOLDOWN_SECONDS: "0",
      ENGINE_QUEUE_LIMIT: String(COUNT + 10), LOG_LEVEL: "warn", ALLOW_REMOTE_MODELS: "false", MODEL_DIR: path.join(tmp, "no-models"), ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    progress(`${mode}: starting dist/src/main.js`);
    await double.waitForReady(60_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // let start-up garbage settle
    const rssStartedMb = rssMb(child.pid!);
    await timeInteractions(double, COUNT, 10);
    const rssAfterMb = rssMb(child.pid!);
    child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) throw new Error(`dist/src/main.js exited with ${code}: ${stderr.trim().split("\n").at(-1)}`);
    return { mode, rssStartedMb, rssAfterMb };
  } finally {
    child.kill("SIGKILL");
    await double.close();
  }
}

function progress(line: string): void {
  process.stderr.write(`… ${line}\n`);
}

/** Resident set size from /proc (Linux), in MB. */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "briefbot-discord-bench-"));
  try {
    const modelDir = path.join(tmp, "models");
    const modelId = await makeTinyModel(modelDir);
    const embedder = await loadEmbedder({ modelId, modelDir, allowRemote: false, downloadTimeoutMs: 1000 }, (line) => console.error(line));
    if (!embedder) throw new Error("the tiny model did not load");

    const latencies = [...(await measureLatency("lexical", null, tmp)), ...(await measureLatency("tiny-model", embedder, tmp))];
    const memory = [
      await measureMemory("lexical", {}, tmp),
      await measureMemory("tiny-model", { EMBEDDING_MODEL: modelId, MODEL_DIR: modelDir }, tmp),
    ];
    const result = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, count: COUNT, questions: QUESTIONS.length, latencies, memory };
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    console.log(`Discord bot latency, INTERACTION_CREATE → final edit (PATCH @original), ${COUNT} /ask interactions each, seed corpus`);
    console.log(`node ${result.node}, ${result.cpus} × ${result.cpu}`);
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other work on the machine skews the figures)`);
    console.log("mode         in flight   median     p95     p99     max  (ms)   answered  not found  lost (no ack in 3 s)");
    for (const r of latencies) {
      const f = (n: number) => (Number.isNaN(n) ? "-" : n.toFixed(1)).padStart(7);
      console.log(`${r.mode.padEnd(12)} ${`${r.inFlight}${r.paced ? " (40/s)" : ""}`.padStart(9)} ${f(r.ms.p50)} ${f(r.ms.p95)} ${f(r.ms.p99)} ${f(r.ms.max)}   ${String(r.ms.count).padStart(9)}  ${String(r.notFound).padStart(9)}  ${r.lost}`);
    }
    console.log(
      "Note: discord.js sends at most 50 requests/s per bot (its global limit, which it also applies to interaction\n" +
        "edits), so beyond ~50 answers/s the edits wait for the next second: that is the tail of the 10 and 200 rows.",
    );
    console.log("\nMemory of the running bot (dist/src/main.js, own process), RSS in MB");
    for (const m of memory) console.log(`${m.mode.padEnd(12)} after start-up ${m.rssStartedMb}   after ${COUNT} answers ${m.rssAfterMb}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

runMain(main, { prefix: "discord-latency" });
