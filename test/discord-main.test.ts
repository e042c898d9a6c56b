// `npm start` as a process: settings from .env, the console chat without a token, the bot with one,
// one-line start-up errors, and a clean exit on SIGTERM.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordDouble } from "./discord-double/server.js";
import { FAKE_TOKEN, finalEdit, FIXTURE_CORPUS } from "./helpers/bot-harness.js";
import { dist } from "./helpers/dist.js";

const MAIN = dist("src/main.js");

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "briefbot-main-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Start `npm start` (node dist/src/main.js) in `cwd` (so only that folder's .env is read) with a clean environment. */
function start(cwd: string, env: Record<string, string>, stdin?: string) {
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmp, ALLOW_REMOTE_MODELS: "false", MODEL_DIR: path.join(cwd, "models"), ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const run: Run = { stdout: "", stderr: "", code: null, signal: null };
  child.stdout.on("data", (d) => (run.stdout += d));
  child.stderr.on("data", (d) => (run.stderr += d));
  if (stdin !== undefined) child.stdin.end(stdin);
  const exited = new Promise<Run>((resolve) => child.on("exit", (code, signal) => resolve(Object.assign(run, { code, signal }))));
  return { child, run, exited };
}

async function folder(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

describe("npm start", { timeout: 60_000 }, () => {
  it("without DISCORD_TOKEN opens the console chat with the same wording, and says how to connect Discord", async () => {
    const cwd = await folder("chat");
    const { exited } = start(cwd, { CORPUS_DIR: FIXTURE_CORPUS, INDEX_DIR: path.join(cwd, "index") }, "Are garden hose bans coming?\n/briefing flood\n/answer 1\n/quote Marcus Obi | sandbags\n");
    const run = await exited;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("Discord is not connected: put DISCORD_TOKEN (and DISCORD_APP_ID) in .env");
    expect(run.stderr.match(/Discord is not connected/g)).toHaveLength(1);
    expect(run.stdout).toContain("1. “There is no garden hose ban this summer.");
    expect(run.stdout).toContain("— Amelia Rourke, Minister of Water Resources, answering Morning Post reporter");
    expect(run.stdout).toContain("Questions asked (3):");
    expect(run.stdout).toContain("We have 60,000 sandbags ready in four depots across the city.");
    expect(run.stdout).toContain("— Marcus Obi, Commissioner of Emergency Management, answering Harbour Daily reporter");
  });

  it("stops with the engine's one-line error when the index is broken (exit 1, no stack trace)", async () => {
    const cwd = await folder("broken");
    await mkdir(path.join(cwd, "index"));
    await writeFile(path.join(cwd, "index", "manifest.json"), "{ not json");
    const run = await start(cwd, { CORPUS_DIR: FIXTURE_CORPUS, INDEX_DIR: path.join(cwd, "index"), DISCORD_TOKEN: FAKE_TOKEN }).exited;
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines.at(-1)).toBe(`briefbot: ${path.join(cwd, "index", "manifest.json")} is corrupt: run \`npm run index\` to rebuild it`);
    expect(lines.filter((line) => line.startsWith("briefbot:"))).toHaveLength(1);
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack trace
  });

  it("names the variable of a malformed setting in one line, never echoing the token", async () => {
    const cwd = await folder("settings");
    const bad = await start(cwd, { ENGINE_CONCURRENCY: "lots" }).exited;
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('briefbot: ENGINE_CONCURRENCY must be a whole number ≥ 1, got "lots"');
    const token = await start(cwd, { DISCORD_TOKEN: "Bot secret-value" }).exited;
    expect(token.stderr.trim()).toBe("briefbot: DISCORD_TOKEN must be the bot token alone (it contains spaces)");
    expect(token.stderr).not.toContain("secret-value");
  });

  it("with DISCORD_TOKEN in .env connects to DISCORD_API_URL, answers, logs without the token, and exits cleanly on SIGTERM", async () => {
    const double = await startDiscordDouble();
    try {
      const cwd = await folder("bot");
      await writeFile(
        path.join(cwd, ".env"),
        [`DISCORD_TOKEN=${FAKE_TOKEN}`, `DISCORD_API_URL=${double.apiUrl}`, `CORPUS_DIR=${FIXTURE_CORPUS}`, `INDEX_DIR=${path.join(cwd, "index")}`, "USER_COOLDOWN_SECONDS=0"].join("\n"),
      );
      const { child, run, exited } = start(cwd, {});
      await double.waitForReady(30_000);
      expect(double.gatewayEvents.find((e) => e.op === 2)?.d.intents).toBe((1 << 0) | (1 << 9)); // Guilds + GuildMessages only

      const sent = double.sendCommand("ask", { question: "How many sandbags are ready?" });
      const edit = await finalEdit(double, sent, 15_000);
      expect(edit.body.content).toContain("We have 60,000 sandbags ready in four depots across the city.");

      child.kill("SIGTERM");
      const done = await exited;
      expect(done.code).toBe(0);
      const logs = run.stderr.trim().split("\n").map((line) => JSON.parse(line));
      expect(logs.some((l) => l.event === "ready")).toBe(true);
      expect(logs.find((l) => l.kind === "ask")).toMatchObject({ user: expect.any(String), questionChars: "How many sandbags are ready?".length, found: true, latencyMs: expect.any(Number), hits: expect.any(Number) });
      expect(run.stderr).not.toContain("sandbags are ready"); // no question text in the log unless LOG_QUESTIONS=true
      expect(logs.some((l) => l.event === "stopped")).toBe(true);
      expect(run.stderr).not.toContain(FAKE_TOKEN);
      expect(run.stdout).toBe("");
    } finally {
      await double.close();
    }
  });
});
