// The bot under careless or hostile input: over-long texts and options of the wrong type get a polite reply and no
// search, escape codes reach no message, and the log keeps no question text unless LOG_QUESTIONS says so.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../src/engine-api.js";
import type { OpenedEngine } from "../src/engine.js";
import { finalEdit, FIXTURE_CORPUS, fixtureEngine, isCallback, startHarness, textOf, type Harness } from "./helpers/bot-harness.js";

const EPHEMERAL = 64;
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

let corpus: string;
let engine: OpenedEngine;
let cleanup: () => Promise<void>;
let searches = 0;
let h: Harness;
let logging: Harness;

/** The log line about one interaction, which is written just after its reply is sent. */
async function logOf(harness: Harness, interaction: string): Promise<Record<string, any>> {
  for (let i = 0; i < 100; i++) {
    const line = harness.logs.find((l) => l.interaction === interaction);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no log line about interaction ${interaction}`);
}

/** The engine, counting the searches it is asked for. */
function counting(inner: Engine): Engine {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === "ask" || property === "quote") searches++;
      return Reflect.get(target, property, receiver);
    },
  });
}

beforeAll(async () => {
  corpus = mkdtempSync(path.join(os.tmpdir(), "briefbot-discord-hostile-"));
  cpSync(FIXTURE_CORPUS, corpus, { recursive: true });
  writeFileSync(
    path.join(corpus, "2021-02-02-birds.txt"),
    "---\ntitle: \"Bird \x1b]0;pwned\x07count\"\n---\n\x1b[1mJane Doe\x1b[0m:\n\nThe \x1b[31mflamingo\x1b[0m count rose to 412 birds\u202e this spring.\x9b2J\n",
  );
  ({ engine, cleanup } = await fixtureEngine({ corpusDir: corpus }));
  // No commands are registered with this double, so option types follow the values sent: a number is an integer.
  h = await startHarness(counting(engine), { mentionReply: "inline" });
  logging = await startHarness(engine, { logQuestions: true });
}, 30_000);

afterAll(async () => {
  await h?.close();
  await logging?.close();
  await cleanup?.();
  rmSync(corpus, { recursive: true, force: true });
});

describe("texts longer than the commands take", { timeout: 20_000 }, () => {
  it("a /ask question over 300 characters gets a polite private reply and no search", async () => {
    const before = searches;
    const question = `What about the reservoirs ${"and the pipes ".repeat(25)}?`;
    expect(question.length).toBeGreaterThan(300);
    const sent = h.double.sendCommand("ask", { question });
    const edit = await finalEdit(h.double, sent);
    expect(edit.body.content).toBe(`Cannot answer that: the question is ${question.length} characters long, and briefbot takes at most 300; please shorten it.`);
    expect(h.double.requests.find(isCallback(sent))!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(searches).toBe(before);
    expect(await logOf(h, sent.id)).toMatchObject({ level: 30, kind: "ask:refused", outcome: "input" });
  });

  it("so does a speaker filter over 100 characters, and a /quote topic over 300", async () => {
    const before = searches;
    const speaker = await finalEdit(h.double, h.double.sendCommand("ask", { question: "reservoirs", speaker: "x".repeat(101) }));
    expect(speaker.body.content).toBe("Cannot answer that: the speaker is 101 characters long, and briefbot takes at most 100; please shorten it.");
    const topic = await finalEdit(h.double, h.double.sendCommand("quote", { speaker: "Amelia Rourke", about: "y".repeat(301) }));
    expect(topic.body.content).toBe("Cannot answer that: the topic is 301 characters long, and briefbot takes at most 300; please shorten it.");
    expect(searches).toBe(before);
  });

  it("a mention longer than /ask takes gets a polite reply and no search", async () => {
    const before = searches;
    const sent = h.double.sendMessage(`${"how full are the reservoirs ".repeat(15)}?`, { mentionsBot: true, authorId: "1600000000000000031" });
    const reply = await h.double.waitFor((r) => r.route === "POST /channels/:channelId/messages" && r.body?.message_reference?.message_id === sent.id);
    expect(reply.body.content).toMatch(/^Cannot answer that: the question is \d+ characters long, and briefbot takes at most 300; please shorten it\.$/);
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
    expect(searches).toBe(before);
  });
});

describe("options of the wrong type", { timeout: 20_000 }, () => {
  it("a number where the question should be text: a polite 'Cannot answer that', no silence, no stack in the log", async () => {
    const before = searches;
    const sent = h.double.sendCommand("ask", { question: 42 });
    const edit = await finalEdit(h.double, sent);
    expect(edit.body.content).toMatch(/^Cannot answer that: this command's options are not what briefbot expects/);
    expect(h.double.requests.find(isCallback(sent))!.body.type).toBe(5);
    expect(searches).toBe(before);
    expect(await logOf(h, sent.id)).toMatchObject({ kind: "ask:refused", outcome: "input" });
    expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(h.rawLogs.join("")).not.toMatch(/\bat .*\.(?:js|ts):\d+/); // no stack frames
  });

  it("a string where /ask's private switch should be a boolean", async () => {
    const edit = await finalEdit(h.double, h.double.sendCommand("ask", { question: "reservoirs", private: "yes" }));
    expect(edit.body.content).toMatch(/^Cannot answer that: this command's options are not what briefbot expects/);
  });
});

describe("escape codes", { timeout: 20_000 }, () => {
  it("reach no message, from the question or from a transcript", async () => {
    const question = "How many \x1b[31mflamingo\x1b[0m birds?\u202e \x1b]0;pwned\x07";
    const sent = h.double.sendCommand("ask", { question });
    const edit = await finalEdit(h.double, sent);
    const text = textOf(edit.body);
    expect(text).not.toMatch(UNSAFE);
    expect(text).not.toContain("pwned");
    expect(edit.body.content).toContain("**Question:** How many flamingo birds?");
    expect(edit.body.content).toContain("> The flamingo count rose to 412 birds this spring.");
    expect(edit.body.content).toContain("— Jane Doe");
    expect(edit.body.content).toContain("**Bird count, 2021-02-02**");
    const more = edit.body.components[0].components[0];
    const context = await finalEdit(h.double, h.double.sendButton(more.custom_id));
    expect(textOf(context.body)).not.toMatch(UNSAFE);
    expect(textOf(context.body)).toContain("The flamingo count rose to 412 birds this spring.");
  });
});

describe("privacy of questions", { timeout: 20_000 }, () => {
  it("by default the log keeps a question's length beside the user id, not its words", () => {
    const asked = h.logs.filter((l) => l.kind === "ask");
    expect(asked.length).toBeGreaterThan(0);
    for (const l of asked) {
      expect(l).not.toHaveProperty("question");
      expect(l.user).toEqual(expect.any(String));
    }
    expect(h.rawLogs.join("")).not.toContain("reservoirs");
  });

  it("LOG_QUESTIONS=true logs the question, cleaned of escape codes", async () => {
    const sent = logging.double.sendCommand("ask", { question: "How many \x1b[31mflamingo\x1b[0m birds?\u202e" });
    await finalEdit(logging.double, sent);
    expect(await logOf(logging, sent.id)).toMatchObject({ question: "How many flamingo birds?", found: true });
    expect(logging.rawLogs.join("")).not.toMatch(UNSAFE);
  });
});
