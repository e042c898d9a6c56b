// The real bot (startBot → discord.js Client) connected to the Discord double, on an index built in a temp
// dir from the fixture corpus in lexical mode (no model). Logs are captured as parsed JSON lines.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startBot, type RunningBot } from "../../src/discord/bot.js";
import { DEFAULTS, DISCORD_API_DEFAULT, type DiscordSettings } from "../../src/discord/config.js";
import type { Engine } from "../../src/engine-api.js";
import { openEngine, type OpenedEngine } from "../../src/engine.js";
import { createLogger } from "../../src/log.js";
import { startDiscordDouble, type DiscordDouble, type DiscordDoubleOptions, type RecordedRequest } from "../discord-double/server.js";

export const FIXTURE_CORPUS = fileURLToPath(new URL("../fixtures/discord-corpus", import.meta.url));
export const FAKE_TOKEN = "MTMwMDAwMDAwMDAwMDAwMDAwMQ.fake-secret.token-never-logged";

export async function fixtureEngine(options: { embedder?: Parameters<typeof openEngine>[0]["embedder"]; corpusDir?: string } = {}): Promise<{ engine: OpenedEngine; dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "briefbot-discord-"));
  const engine = await openEngine({
    corpusDir: options.corpusDir ?? FIXTURE_CORPUS,
    indexDir: path.join(dir, "index"),
    embedding: null,
    embedder: options.embedder,
    warn: () => undefined,
  });
  return { engine, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function testSettings(overrides: Partial<DiscordSettings> = {}): DiscordSettings {
  return {
    token: FAKE_TOKEN,
    appId: null,
    guildId: null,
    apiUrl: DISCORD_API_DEFAULT,
    engineConcurrency: DEFAULTS.engineConcurrency,
    engineQueueLimit: DEFAULTS.engineQueueLimit,
    userCooldownSeconds: 0,
    allowedChannelIds: null,
    allowedGuildIds: null,
    allowDms: false,
    mentionReply: "thread",
    logLevel: "info",
    logQuestions: false,
    ...overrides,
  };
}

export interface Harness {
  double: DiscordDouble;
  bot: RunningBot;
  /** Every log line, parsed. */
  logs: Record<string, any>[];
  rawLogs: string[];
  close(): Promise<void>;
}

export async function startHarness(engine: Engine, overrides: Partial<DiscordSettings> = {}, doubleOptions: DiscordDoubleOptions = {}): Promise<Harness> {
  const double = await startDiscordDouble({ heartbeatIntervalMs: 1000, ...doubleOptions });
  const rawLogs: string[] = [];
  const logs: Record<string, any>[] = [];
  const log = createLogger("debug", { write: (line: string) => void (rawLogs.push(line), logs.push(JSON.parse(line))) });
  const bot = await startBot({ engine, settings: testSettings({ apiUrl: double.apiUrl, ...overrides }), log });
  return {
    double,
    bot,
    logs,
    rawLogs,
    async close() {
      await bot.stop(2000);
      await double.close();
    },
  };
}

/** The webhook route that edits the deferred reply of an interaction. */
export const isFinalEdit = (double: DiscordDouble, token: string) => (r: RecordedRequest) =>
  r.method === "PATCH" && r.path === `/webhooks/${double.ids.applicationId}/${token}/messages/@original` && r.status === 200;

export const isCallback = (sent: { id: string; token: string }) => (r: RecordedRequest) => r.path === `/interactions/${sent.id}/${sent.token}/callback`;

/** The final (200) edit of the interaction's reply, waiting for it. */
export function finalEdit(double: DiscordDouble, sent: { token: string }, timeoutMs = 10_000): Promise<RecordedRequest> {
  return double.waitFor(isFinalEdit(double, sent.token), timeoutMs);
}

/** The message the interaction's reply became (to click its buttons). */
export function replyMessage(double: DiscordDouble, sent: { id: string }): any {
  return [...double.messages.values()].find((m) => m.interaction_metadata?.id === sent.id);
}

/** All text of a message payload: content, embed titles, descriptions, fields and footers. */
export function textOf(body: any): string {
  const embeds = (body?.embeds ?? []).map((e: any) =>
    [e.title, e.description, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value]), e.footer?.text].filter(Boolean).join("\n"),
  );
  return [body?.content ?? "", ...embeds].join("\n");
}

/** Text as Discord shows it: backslash escapes consumed, zero-width spaces invisible, quote markers off. */
export function shown(text: string): string {
  return text.replace(/\\(.)/g, "$1").replaceAll("\u200b", "").replace(/^> /gm, "");
}

export function components(body: any): any[] {
  return (body?.components ?? []).flatMap((row: any) => row.components);
}

/** An engine whose answers can be slowed down or made to fail, to test the queue and error handling. */
export function faultyEngine(engine: Engine, options: { delayMs?: number } = {}): Engine {
  return new Proxy(engine, {
    get(target, property, receiver) {
      if (property !== "ask") return Reflect.get(target, property, receiver);
      return async (question: string, askOptions?: Parameters<Engine["ask"]>[1]) => {
        if (question.includes("EXPLODE")) throw new Error("simulated engine failure");
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        return target.ask(question, askOptions);
      };
    },
  });
}
