// The bot's own words about a briefing look different from quoted official words in every front end: the terminal,
// the console chat and Discord (within its limits, pinging nobody); and a bare "help" or "?" in the chat shows the help.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { respond } from "../src/cli/chat.js";
import type { OpenedEngine } from "../src/engine.js";
import { chatAnswer, CHAT_HELP } from "../src/present/chat.js";
import { answerReply } from "../src/discord/views/answers.js";
import { limitViolations } from "../src/discord/views/limits.js";
import { answerAsJson, answerAsText } from "../src/present/text.js";
import { BRIEFING_ANSWER_HEADING, BRIEFING_SOURCES_HEADING, LEXICAL_MODE_NOTE, NOT_FOUND_TEXT } from "../src/present/wording.js";
import type { Answer, Hit } from "../src/types.js";
import { seededRandom } from "../scripts/seeded-random.js";
import { fixtureEngine } from "./helpers/bot-harness.js";
import { answer as quoteAnswer, hit, oddHit, oddText } from "./helpers/fake-answers.js";

const WORDS =
  "At “MIIT press conference on the resumption of manufacturing” (2020-03-30), the official who spoke was Xu Kemin (Director of the Department of Industrial Policy and Regulations).";

function briefingAnswer(hits: Hit[] = [hit()], words = WORDS, found = true): Answer {
  return { question: "Who spoke at this briefing?", found, kind: "briefing", answer: words, hits, mode: "lexical" };
}

describe("terminal text", () => {
  it("puts the bot's words under their own heading, unquoted, and the cited quotes after", () => {
    const text = answerAsText(briefingAnswer());
    const lines = text.split("\n");
    expect(lines[0]).toBe(BRIEFING_ANSWER_HEADING);
    expect(lines[1]).toBe(`  ${WORDS}`);
    expect(lines[3]).toBe(BRIEFING_SOURCES_HEADING);
    expect(lines[4]).toBe(`1. “${hit().quote}”`);
    expect(lines[5]).toBe("   — Xu Kemin, Director of the Department of Industrial Policy and Regulations, answering Shenzhen Satellite TV reporter");
  });

  it("shows what a briefing answer did not find in its own words, not the generic refusal", () => {
    const text = answerAsText(briefingAnswer([], "No question at “X” (2020-03-30) is about “the moon”.", false));
    expect(text).toBe(`${BRIEFING_ANSWER_HEADING}\n  No question at “X” (2020-03-30) is about “the moon”.\n`);
    expect(text).not.toContain(NOT_FOUND_TEXT);
  });

  it("JSON carries kind, the answer text and the hits", () => {
    expect(JSON.parse(answerAsJson(briefingAnswer()))).toMatchObject({ kind: "briefing", answer: WORDS, found: true, hits: [{ speaker: "Xu Kemin" }] });
    expect(JSON.parse(answerAsJson(quoteAnswer([hit()])))).toMatchObject({ kind: "quote" });
  });
});

describe("console chat", () => {
  it("shows a briefing answer like the terminal, without the keyword-search note a quote answer gets", () => {
    expect(chatAnswer(briefingAnswer())).toBe(answerAsText(briefingAnswer()));
    expect(chatAnswer({ ...quoteAnswer([hit()]), mode: "lexical" })).toContain(LEXICAL_MODE_NOTE);
  });

  let engine: OpenedEngine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await fixtureEngine());
  });
  afterAll(async () => cleanup?.());

  it("a bare help or ? shows the help instead of searching; a question that starts with help is a question", async () => {
    for (const line of ["help", "?", "HELP", " ? "]) expect(await respond(engine, line)).toBe(`${CHAT_HELP}\n`);
    expect(await respond(engine, "help for households on low incomes?")).not.toContain(CHAT_HELP);
  });

  it("answers a question about the briefing in the bot's own words", async () => {
    const reply = await respond(engine, "Who spoke at the June 14, 2021 briefing?");
    expect(reply.startsWith(BRIEFING_ANSWER_HEADING)).toBe(true);
    expect(reply).toContain("Amelia Rourke (Minister of Water Resources)");
  });
});

describe("Discord", () => {
  it("the bot's words are plain text under a bold heading; the cited passages are block quotes with attribution", () => {
    const reply = answerReply(briefingAnswer([hit(), hit({}, 2)]), { question: "Who spoke at this briefing?", othersKey: null });
    const lines = reply.content!.split("\n").filter(Boolean);
    expect(lines[0]).toBe("**Question:** Who spoke at this briefing?");
    expect(lines[1]).toBe("**About the briefing** · briefbot's summary, not a quote");
    expect(lines[2]).toBe(WORDS);
    expect(lines).toContain("**From the transcript**");
    expect(lines.filter((l) => l.startsWith("> "))).toEqual([`> ${hit().quote}`, `> ${hit().quote}`]);
    expect(lines.filter((l) => l.startsWith("> ")).some((l) => l.includes("the official who spoke"))).toBe(false);
    expect(limitViolations(reply)).toEqual([]);
  });

  it("a briefing answer with nothing to cite offers the overview", () => {
    const reply = answerReply(briefingAnswer([], "Xin Guobin was on the panel but did not speak."), { question: "What did Xin Guobin say?", othersKey: null });
    expect(reply.content).toContain("Xin Guobin was on the panel but did not speak.");
    expect(reply.content).not.toContain("> ");
    expect(limitViolations(reply)).toEqual([]);
  });

  it("stays within every limit and pings nobody, whatever the text", () => {
    for (let seed = 1; seed <= 120; seed++) {
      const rand = seededRandom(seed);
      const maxLength = [50, 500, 3000, 12000][seed % 4]!;
      const hits = Array.from({ length: Math.floor(rand() * 6) }, (_, i) => oddHit(rand, i + 1, maxLength));
      const words = `${oddText(rand, 1 + Math.floor(rand() * 4000))} @everyone <@123456789012345678>`;
      const reply = answerReply(briefingAnswer(hits, words), { question: oddText(rand, 300), othersKey: "abcdefgh" });
      expect(limitViolations(reply), `seed ${seed}`).toEqual([]);
      expect(reply.content, `seed ${seed}`).not.toMatch(/@everyone|@here|<@\d/);
    }
  });
});
