// The console chat (npm start without DISCORD_TOKEN): questions and commands over a stream, same wording.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { respond, runChat } from "../src/cli/chat.js";
import type { OpenedEngine } from "../src/engine.js";
import { answerAsText } from "../src/present/text.js";
import { NOT_FOUND_TEXT } from "../src/present/wording.js";
import { fixtureEngine } from "./helpers/bot-harness.js";

let engine: OpenedEngine;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ engine, cleanup } = await fixtureEngine());
});
afterAll(async () => cleanup?.());

describe("console chat", () => {
  it("answers a plain line with the CLI's wording, and says when the briefings do not cover it", async () => {
    const question = "Is fluoride added to the water?";
    expect(await respond(engine, question)).toContain(answerAsText(await engine.ask(question)));
    expect(await respond(engine, "apple pie recipe")).toContain(NOT_FOUND_TEXT);
  });

  it("/briefing, /answer N, /speakers, /quote and /more", async () => {
    const state = { lastAnswer: null, lastQuestions: [] };
    const briefing = await respond(engine, "/briefing water", state);
    expect(briefing).toContain("Harbour City press briefing on the water supply");
    expect(briefing).toContain("  Amelia Rourke — Minister of Water Resources (12 answers)");
    expect(briefing).toContain("Questions asked (28):");
    expect(await respond(engine, "/answer 6", state)).toContain("The desalination plant at Cape Morrow is the largest project");
    expect(await respond(engine, "/answer 99", state)).toBe("Give a question number from 1 to 28.\n");
    expect(await respond(engine, "/briefing", state)).toContain("Briefings:");
    expect(await respond(engine, "/speakers flood", state)).toContain("Marcus Obi — Commissioner of Emergency Management (2 answers)");
    expect(await respond(engine, "/quote Priya Natarajan | algae", state)).toMatch(/^“.*algae.*”\n— Priya Natarajan, Director of Public Health/s);
    expect(await respond(engine, "/quote nobody", state)).toBe("Usage: /quote speaker | about\n");
    await respond(engine, "Is the Water Authority hiring?", state);
    expect(await respond(engine, "/more", state)).toContain("Question (Coastal TV reporter): Is the Water Authority hiring?");
  });

  it("reads lines until the input ends (Ctrl-D), and reports a bad filter in one line", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (d) => (text += d));
    const done = runChat({ engine, input, output });
    input.end("/speakers moon landing\n/help\n");
    await done;
    expect(text).toContain('Cannot answer that: no briefing matches "moon landing"');
    expect(text).toContain("/quote speaker | about");
  });
});
