// One build at a time per index folder, a lock no crash can leave stuck, leftovers of killed builds cleared,
// and index folders that cannot be one refused with one line.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTinyModel } from "../scripts/make-tiny-model.js";
import { loadEmbedder, type Embedder } from "../src/embedding/embedder.js";
import { openEngine } from "../src/engine.js";
import { buildIndex } from "../src/index/build.js";
import { acquireBuildLock, IndexBusyError, LOCK_FILE } from "../src/index/lock.js";
import { runNode } from "./helpers/dist.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEED = "2020-03-30-miit-resumption.txt";
const FOXCONN = "How many people are back at work at Foxconn?";

let tmp: string;
let corpusDir: string;
let tiny: Embedder;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-lock-"));
  corpusDir = path.join(tmp, "corpus");
  mkdirSync(corpusDir);
  writeFileSync(path.join(corpusDir, SEED), readFileSync(path.join(root, "corpus", SEED)));
  const modelDir = path.join(tmp, "models");
  const modelId = await makeTinyModel(modelDir);
  tiny = (await loadEmbedder({ modelId, modelDir, allowRemote: false, downloadTimeoutMs: 2000 }, () => {}))!;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
const freshIndex = () => path.join(tmp, `index-${++counter}`);

/** A pid that was alive a moment ago and is not any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  const pid = child.pid!;
  await new Promise((resolve) => child.on("exit", resolve));
  return pid;
}

/** `npm run index -- --lexical` (node dist/src/cli/index-command.js). */
function runIndex(indexDir: string) {
  return runNode("src/cli/index-command.js", ["--lexical", "--corpus", corpusDir, "--index", indexDir], { cwd: root, timeoutMs: 30_000 });
}

describe("one build at a time", () => {
  it("two simultaneous builds: one writes the index, the other says another build is running (no raw ENOENT)", async () => {
    const indexDir = freshIndex();
    const results = await Promise.allSettled([
      buildIndex({ corpusDir, indexDir, embedder: tiny, warn: () => {} }),
      buildIndex({ corpusDir, indexDir, embedder: tiny, warn: () => {} }),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(IndexBusyError);
    expect(rejected[0]!.reason.message).toMatch(new RegExp(`^another build of ${indexDir} is running \\(process ${process.pid}, since .*\\): wait for it to finish, or delete .*${LOCK_FILE} if no build is running$`));
    expect(existsSync(path.join(indexDir, LOCK_FILE))).toBe(false); // released by the winner
    const engine = await openEngine({ corpusDir, indexDir, embedding: null, embedder: tiny, warn: () => {}, buildIfMissing: false });
    expect((await engine.ask(FOXCONN)).hits[0]!.quote).toContain("810,000");
  });

  it("npm run index refuses in one line while a live process holds the folder, exit 1", { timeout: 40_000 }, async () => {
    const indexDir = freshIndex();
    mkdirSync(indexDir);
    const lock = acquireBuildLock(indexDir); // this test process is alive: its lock is not stale
    try {
      const run = await runIndex(indexDir);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^error: another build of ${indexDir} is running \\(process ${process.pid},`))]);
      expect(run.stdout).toBe("");
    } finally {
      lock.release();
    }
    expect((await runIndex(indexDir)).code).toBe(0);
  });

  it("takes over the lock of a build that crashed or was killed", async () => {
    for (const [what, owner] of [
      ["a dead process", { pid: await deadPid(), host: hostname(), processStart: null, since: "2020-01-01T00:00:00.000Z" }],
      // A container restarts with the same small pids: our own pid in a lock we do not hold is an earlier life's.
      ["an earlier process with our pid", { pid: process.pid, host: hostname(), processStart: "1", since: "2020-01-01T00:00:00.000Z" }],
      // A live pid that now belongs to a process started after the lock was written (pid reuse).
      ["a reused pid", { pid: process.ppid, host: hostname(), processStart: "0", since: "2020-01-01T00:00:00.000Z" }],
    ] as const) {
      const indexDir = freshIndex();
      mkdirSync(indexDir);
      writeFileSync(path.join(indexDir, LOCK_FILE), JSON.stringify(owner));
      const summary = await buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {} });
      expect(summary.passages, what).toBeGreaterThan(0);
      expect(readdirSync(indexDir).sort(), what).toEqual(["manifest.json", summary.manifest.build].sort());
    }
  });

  it("a garbled lock is someone still writing it for a few seconds, then stale", async () => {
    const indexDir = freshIndex();
    mkdirSync(indexDir);
    writeFileSync(path.join(indexDir, LOCK_FILE), "{");
    await expect(buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {} })).rejects.toThrow(/another build of .* is starting/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(indexDir, LOCK_FILE), old, old);
    await expect(buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {} })).resolves.toMatchObject({ upToDate: false });
  });

  it("a lock from another host counts as live", () => {
    const indexDir = freshIndex();
    mkdirSync(indexDir);
    writeFileSync(path.join(indexDir, LOCK_FILE), JSON.stringify({ pid: 1, host: "elsewhere.example", processStart: null, since: "2020-01-01T00:00:00.000Z" }));
    expect(() => acquireBuildLock(indexDir)).toThrow(/another build of .* is running \(process 1 on elsewhere\.example/);
  });
});

describe("what killed builds leave behind", () => {
  it("a build clears staging folders, half-written manifests and unused builds, and keeps the current one until replaced", async () => {
    const indexDir = freshIndex();
    const first = await buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {} });
    for (const leftover of [".tmp-killed-1", ".tmp-killed-2", "build-orphan"]) {
      mkdirSync(path.join(indexDir, leftover));
      writeFileSync(path.join(indexDir, leftover, "transcripts.json"), "[");
    }
    writeFileSync(path.join(indexDir, ".manifest-killed.json"), "{");
    writeFileSync(path.join(indexDir, `${LOCK_FILE}.stale-0000`), "{}");
    const second = await buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {}, force: true });
    expect(readdirSync(indexDir).sort()).toEqual(["manifest.json", second.manifest.build].sort());
    expect(second.manifest.build).not.toBe(first.manifest.build);
  });
});

describe("index folders that cannot be one", () => {
  // `npm run index` prints the message as its one line ("error: …", exit 1: src/run-main.ts).
  it("--index whose parent does not exist is an error, and no folder is created", async () => {
    const indexDir = path.join(tmp, "no-such-parent", "deeper", "index");
    await expect(buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {} })).rejects.toThrow(
      `cannot create the index folder ${indexDir}: its parent folder ${path.dirname(indexDir)} does not exist (create it first, or choose another folder with --index DIR or INDEX_DIR)`,
    );
    expect(existsSync(path.join(tmp, "no-such-parent"))).toBe(false);
  });

  it("--index naming a file is an error", async () => {
    const file = path.join(tmp, "a-file");
    writeFileSync(file, "");
    await expect(buildIndex({ corpusDir, indexDir: file, embedder: null, warn: () => {} })).rejects.toThrow(`the index folder ${file} is a file, not a folder`);
  });
});
