// Never silent for long offline: a host that cannot be reached is given up within seconds with one warning, a
// stalled download still within MODEL_DOWNLOAD_TIMEOUT_MS; `npm start` answers (on keyword search, saying so)
// and logs in while the model loads alongside; a real download shows its progress. Only 127.0.0.1 is used.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeTinyModel, TINY_MODEL } from "../scripts/make-tiny-model.js";
import { withBoundedModelFetch } from "../src/embedding/bounded-fetch.js";
import { downloadProgress } from "../src/embedding/download-progress.js";
import { embeddingSettingsFromEnv, loadEmbedder, type DownloadEvent, type EmbeddingSettings } from "../src/embedding/embedder.js";
import { openEngineModelAlongside } from "../src/engine-alongside.js";
import { MODEL_LOADING_NOTE } from "../src/present/wording.js";
import { startDiscordDouble } from "./discord-double/server.js";
import { FAKE_TOKEN, finalEdit, FIXTURE_CORPUS } from "./helpers/bot-harness.js";
import { dist } from "./helpers/dist.js";
import { serveModel, silentHost, type ModelServer } from "./helpers/model-server.js";

const MAIN = dist("src/main.js");

let tmp: string;
let hub: string; // the tiny model's files, as a hub would serve them
let counter = 0;
const fresh = async (name: string) => {
  const dir = path.join(tmp, `${name}-${++counter}`);
  await mkdir(dir, { recursive: true });
  return dir;
};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "briefbot-model-"));
  hub = path.join(tmp, "hub");
  await makeTinyModel(hub);
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

const remote = async (host: string, overrides: Partial<EmbeddingSettings> = {}): Promise<EmbeddingSettings> => ({
  modelId: TINY_MODEL.id,
  modelDir: await fresh("models"),
  allowRemote: true,
  remoteHost: host,
  downloadTimeoutMs: 60_000,
  ...overrides,
});

/** Poll until `check` passes (or throw after `ms`): for output a child process writes in its own time. */
async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("an unreachable or stalled model host", () => {
  // The guard is the test's timeout: without the connect limit this waits out MODEL_DOWNLOAD_TIMEOUT_MS (60 s).
  it("a host that accepts but never answers is given up after the connect limit, with one warning", { timeout: 15_000 }, async () => {
    const host = await silentHost();
    try {
      const warn = vi.fn();
      const settings = await remote(host.url, { connectTimeoutMs: 500 });
      expect(await loadEmbedder(settings, warn)).toBeNull();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/no response from http:\/\/127\.0\.0\.1:\d+\/.* within 500 ms \(host unreachable\?\).*keyword \(lexical\) search/);
    } finally {
      await host.close();
    }
  });

  it("once one request to the host has failed that way, the next fails at once without connecting", { timeout: 15_000 }, async () => {
    const host = await silentHost();
    try {
      await withBoundedModelFetch(host.url, { stallMs: 60_000, connectMs: 300 }, async () => {
        await expect(fetch(`${host.url}a.json`)).rejects.toThrow(/no response from .*a\.json within 300 ms/);
        const seen = host.connections();
        await expect(fetch(`${host.url}b.json`)).rejects.toThrow(/no response from .*a\.json within 300 ms/);
        expect(host.connections()).toBe(seen);
      });
    } finally {
      await host.close();
    }
  });

  it("MODEL_DOWNLOAD_TIMEOUT_MS still governs a download that starts and then stalls", { timeout: 15_000 }, async () => {
    const server = await serveModel(hub, { holdModel: true });
    try {
      const warn = vi.fn();
      const settings = await remote(server.url, { downloadTimeoutMs: 400, connectTimeoutMs: 60_000 });
      expect(await loadEmbedder(settings, warn)).toBeNull();
      expect(warn.mock.calls[0]![0]).toMatch(/no data from .*model_quantized\.onnx for 400 ms/);
    } finally {
      await server.close();
    }
  });

  it("MODEL_CONNECT_TIMEOUT_MS is read and checked", () => {
    expect(embeddingSettingsFromEnv({ MODEL_CONNECT_TIMEOUT_MS: "1500" }).connectTimeoutMs).toBe(1500);
    expect(() => embeddingSettingsFromEnv({ MODEL_CONNECT_TIMEOUT_MS: "soon" })).toThrow(/^MODEL_CONNECT_TIMEOUT_MS .*"soon"$/);
  });
});

describe("download progress", () => {
  it("reports the bytes of a real download from a mirror", { timeout: 20_000 }, async () => {
    const server = await serveModel(hub);
    try {
      const events: DownloadEvent[] = [];
      const embedder = await loadEmbedder(await remote(server.url), () => {}, { onDownload: (e) => events.push(e) });
      expect(embedder).not.toBeNull();
      const model = events.filter((e) => e.url.endsWith("model_quantized.onnx"));
      expect(model[0]).toMatchObject({ loaded: 0, done: false });
      expect(model.at(-1)).toMatchObject({ done: true });
      expect(model.at(-1)!.loaded).toBe(model.at(-1)!.total);
    } finally {
      await server.close();
    }
  });

  it("on a terminal: one line rewritten in place, ended when loading is over", () => {
    let clock = 0;
    let out = "";
    const progress = downloadProgress("org/model", { isTTY: true, write: (t) => void (out += t) }, () => clock);
    progress.onDownload({ url: "a", loaded: 0, total: 10 * 1024 * 1024, done: false });
    clock += 200;
    progress.onDownload({ url: "a", loaded: 5 * 1024 * 1024, total: 10 * 1024 * 1024, done: false });
    clock += 10; // too soon to redraw
    progress.onDownload({ url: "a", loaded: 6 * 1024 * 1024, total: 10 * 1024 * 1024, done: false });
    clock += 300;
    progress.onDownload({ url: "a", loaded: 10 * 1024 * 1024, total: 10 * 1024 * 1024, done: true });
    progress.finish(true);
    expect(out.split("\r\x1b[2K").filter(Boolean)).toEqual([
      "Downloading the embedding model org/model:   0% 0.0 MB of 10.0 MB",
      "Downloading the embedding model org/model:  50% 5.0 MB of 10.0 MB",
      "Downloading the embedding model org/model: 100% 10.0 MB of 10.0 MB\nDownloaded the embedding model org/model (10.0 MB) in 0.5 s.\n",
    ]);
  });

  it("in a log: a line at the start, at each quarter and at the end; nothing when nothing was downloaded", () => {
    const lines: string[] = [];
    const progress = downloadProgress("org/model", { write: (t) => void lines.push(t) }, () => 0);
    for (const loaded of [0, 1, 3, 5, 8, 10]) progress.onDownload({ url: "a", loaded: loaded * 1024 * 1024, total: 10 * 1024 * 1024, done: loaded === 10 });
    progress.finish(true);
    expect(lines).toEqual([
      "Downloading the embedding model org/model (10.0 MB); this happens once.\n",
      "Downloading the embedding model: 25% (3.0 MB of 10.0 MB)\n",
      "Downloading the embedding model: 50% (5.0 MB of 10.0 MB)\n",
      "Downloading the embedding model: 75% (8.0 MB of 10.0 MB)\n",
      "Downloaded the embedding model org/model (10.0 MB) in 0.0 s.\n",
    ]);
    const quiet: string[] = [];
    downloadProgress("org/model", { write: (t) => void quiet.push(t) }).finish(true);
    expect(quiet).toEqual([]);
  });
});

describe("the engine does not wait for the model", () => {
  it("answers on keyword search (and says so) while the model downloads, then switches to hybrid", { timeout: 30_000 }, async () => {
    const server = await serveModel(hub, { holdModel: true });
    const dir = await fresh("alongside");
    const ready = vi.fn();
    try {
      const engine = await openEngineModelAlongside({
        corpusDir: FIXTURE_CORPUS,
        indexDir: path.join(dir, "index"),
        embedding: await remote(server.url),
        warn: () => {},
        onModelReady: ready,
      });
      await until(() => server.requests.some((r) => r.endsWith(".onnx")), "the model download");
      const early = await engine.ask("Are garden hose bans coming?");
      expect(early).toMatchObject({ found: true, mode: "lexical", modelLoading: true });
      expect(engine.mode).toBe("lexical");

      server.release();
      await engine.modelSettled;
      expect(ready).toHaveBeenCalledTimes(1);
      expect(engine.mode).toBe("hybrid");
      const later = await engine.ask("Are garden hose bans coming?");
      expect(later.mode).toBe("hybrid");
      expect(later).not.toHaveProperty("modelLoading");
      expect(later.hits[0]!.quote).toContain("There is no garden hose ban this summer.");
      engine.close();
    } finally {
      await server.close();
    }
  });

  it("closing it stops a download that is still held", { timeout: 15_000 }, async () => {
    const server = await serveModel(hub, { holdModel: true });
    const warn = vi.fn();
    try {
      const engine = await openEngineModelAlongside({ corpusDir: FIXTURE_CORPUS, indexDir: path.join(await fresh("closing"), "index"), embedding: await remote(server.url), warn });
      await until(() => server.requests.some((r) => r.endsWith(".onnx")), "the model download");
      engine.close();
      await engine.modelSettled; // settles although the server never sends the rest
      expect(engine.mode).toBe("lexical");
      expect(warn).not.toHaveBeenCalled(); // stopping on purpose is not a failure to report
    } finally {
      await server.close();
    }
  });
});

/** `npm start` (node dist/src/main.js) in `cwd` with the model hub at `server`; MODEL_DOWNLOAD_TIMEOUT_MS far beyond the test's timeout. */
function start(cwd: string, server: ModelServer, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? tmp,
      EMBEDDING_MODEL: TINY_MODEL.id,
      MODEL_DIR: path.join(cwd, "models"),
      MODEL_REMOTE_HOST: server.url,
      MODEL_DOWNLOAD_TIMEOUT_MS: "120000",
      CORPUS_DIR: FIXTURE_CORPUS,
      INDEX_DIR: path.join(cwd, "index"),
      ...env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const run = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (d: string) => (run.stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (run.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, run, exited };
}

describe("npm start while the model downloads", () => {
  it("the console chat answers at once, says it uses keyword search meanwhile, then uses the model", { timeout: 45_000 }, async () => {
    const server = await serveModel(hub, { holdModel: true });
    try {
      const { child, run, exited } = start(await fresh("chat"), server);
      await until(() => server.requests.some((r) => r.endsWith(".onnx")), "the model download", 30_000);
      child.stdin.write("Are garden hose bans coming?\n");
      await until(() => run.stdout.includes(MODEL_LOADING_NOTE), "an answer while the model loads");
      expect(run.stdout).toContain("1. “There is no garden hose ban this summer.");
      expect(run.stderr).toMatch(/^Downloading the embedding model briefbot\/tiny-embedder \(\d+\.\d MB\); this happens once\.$/m);

      server.release();
      await until(() => run.stderr.includes("is ready: answers now use hybrid"), "the model to be ready", 30_000);
      const before = run.stdout.length;
      child.stdin.end("Are garden hose bans coming?\n");
      expect(await exited).toBe(0);
      const second = run.stdout.slice(before);
      expect(second).toContain("There is no garden hose ban this summer.");
      expect(second).not.toContain("keyword search");
      expect(run.stderr).toMatch(/^Downloaded the embedding model briefbot\/tiny-embedder \(\d+\.\d MB\) in \d+\.\d s\.$/m);
    } finally {
      await server.close();
    }
  });

  it("leaving the chat while the download is held exits at once", { timeout: 30_000 }, async () => {
    const server = await serveModel(hub, { holdModel: true });
    try {
      const { child, exited } = start(await fresh("chat-quit"), server);
      await until(() => server.requests.some((r) => r.endsWith(".onnx")), "the model download", 25_000);
      child.stdin.end("/quit\n");
      expect(await exited).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("the bot logs in and answers while the model downloads, and logs the download", { timeout: 45_000 }, async () => {
    const server = await serveModel(hub, { holdModel: true });
    const double = await startDiscordDouble();
    try {
      const cwd = await fresh("bot");
      await writeFile(path.join(cwd, ".env"), [`DISCORD_TOKEN=${FAKE_TOKEN}`, `DISCORD_API_URL=${double.apiUrl}`, "USER_COOLDOWN_SECONDS=0"].join("\n"));
      const { child, run, exited } = start(cwd, server);
      await double.waitForReady(30_000);
      const edit = await finalEdit(double, double.sendCommand("ask", { question: "How many sandbags are ready?" }), 15_000);
      expect(edit.body.content).toContain("We have 60,000 sandbags ready");
      expect(edit.body.content).toContain(`-# ${MODEL_LOADING_NOTE}`);
      await until(() => run.stderr.includes("Downloading the embedding model"), "the download line in the log");
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const logs = run.stderr.trim().split("\n").map((line) => JSON.parse(line));
      expect(logs.find((l) => l.event === "ready")).toMatchObject({ mode: "lexical" });
      expect(logs.some((l) => /^Downloading the embedding model briefbot\/tiny-embedder/.test(l.msg))).toBe(true);
    } finally {
      await double.close();
      await server.close();
    }
  });
});
