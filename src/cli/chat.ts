// The console chat: what `npm start` opens when no DISCORD_TOKEN is set. Same engine, same wording as the bot.
// A plain line is a question; "/…" lines are the commands in CHAT_HELP, and a bare "help" or "?" shows it; Ctrl-D (end of input) leaves.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { InputError, type Engine } from "../engine-api.js";
import { cleanLine, cleanText } from "../text/clean.js";
import { chatAnswer, chatBriefing, chatBriefingList, chatContext, CHAT_HELP, chatOfficialAnswer, chatPeople, chatQuote, chatSpeakers } from "../present/chat.js";
import type { Answer, QuestionSummary } from "../types.js";

export interface ChatOptions {
  engine: Engine;
  input: Readable;
  output: Writable;
  /** Show a prompt (true for a terminal). */
  prompt?: boolean;
}

interface ChatState {
  lastAnswer: Answer | null;
  lastQuestions: QuestionSummary[];
}

export async function runChat(options: ChatOptions): Promise<void> {
  const { engine, output } = options;
  const lines = createInterface({ input: options.input, output: options.prompt ? output : undefined, terminal: options.prompt ?? false });
  // Everything shown is cleaned of terminal controls, whether it comes from the user's line or a transcript.
  const write = (text: string) => output.write(cleanText(text));
  const state: ChatState = { lastAnswer: null, lastQuestions: [] };
  lines.setPrompt("briefbot> ");
  // Ctrl-C leaves like Ctrl-D (readline would otherwise only pause).
  lines.on("SIGINT", () => lines.close());
  write(`Ask about the briefings (${engine.briefings().length} in the index). Type /help for commands.\n`);
  if (options.prompt) lines.prompt();
  for await (const line of lines) {
    const text = cleanLine(line).trim();
    if (text === "/quit" || text === "/exit") break;
    if (text) {
      try {
        write(`${await respond(engine, text, state)}\n`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        write(error instanceof InputError ? `Cannot answer that: ${message}.\n` : `error: ${message.split("\n")[0]}\n`);
      }
    }
    if (options.prompt) lines.prompt();
  }
  lines.close();
}

/** The reply to one line of input. */
export async function respond(engine: Engine, text: string, state: ChatState = { lastAnswer: null, lastQuestions: [] }): Promise<string> {
  // A bare "help" or "?" asks for the help, not the briefings.
  if (/^(?:help|\?)$/i.test(text.trim())) return `${CHAT_HELP}\n`;
  const [command, ...rest] = text.split(/\s+/);
  const argument = rest.join(" ").trim();
  switch (command!.toLowerCase()) {
    case "/help":
      return `${CHAT_HELP}\n`;
    case "/briefing": {
      const briefings = engine.briefings();
      // Without a name: the only briefing, or the list of them all.
      if (!argument && briefings.length !== 1) return chatBriefingList(briefings);
      const overview = engine.overview(argument || briefings[0]!.meta.id);
      state.lastQuestions = overview.questions;
      return chatBriefing(overview);
    }
    case "/answer": {
      const n = Number(argument);
      const question = Number.isInteger(n) ? state.lastQuestions[n - 1] : undefined;
      if (!question) return state.lastQuestions.length ? `Give a question number from 1 to ${state.lastQuestions.length}.\n` : "Open a briefing with /briefing first.\n";
      return chatOfficialAnswer(engine.answerTo(question.transcript, question.turn));
    }
    case "/speakers": {
      const briefings = engine.briefings();
      // Across several briefings, each person once with the role from each briefing.
      if (!argument && briefings.length > 1) return chatPeople(engine.people(), briefings, (id) => engine.questions(id));
      return chatSpeakers(engine.speakersByBriefing(argument || undefined));
    }
    case "/quote": {
      const [speaker, about] = argument.split("|").map((part) => part.trim());
      if (!speaker || !about) return "Usage: /quote speaker | about\n";
      return chatQuote(await engine.quote(speaker, about), speaker);
    }
    case "/more": {
      const hit = state.lastAnswer?.hits[(Number(argument) || 1) - 1];
      if (!hit) return "Ask a question first (or give the number of one of its hits).\n";
      return chatContext(engine.passageContext(hit.passageId, 1), hit.inResponseTo);
    }
    default: {
      if (command!.startsWith("/")) return `Unknown command ${command}.\n${CHAT_HELP}\n`;
      state.lastAnswer = await engine.ask(text);
      return chatAnswer(state.lastAnswer);
    }
  }
}
