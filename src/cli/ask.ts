// `npm run ask -- [--index DIR] [--top K] [--transcript T] [--speaker S] [--json] [--stdin] "question"`
import { parseArgs } from "node:util";
import { DEFAULT_TOP } from "../engine-api.js";
import { openEngine, type Engine } from "../engine.js";
import { answerAsJson, answerAsText } from "../present/text.js";
import { cleanLine, cleanText, safeJson } from "../text/clean.js";
import type { AskOptions } from "../types.js";
import { EXIT_OK, runMain, UsageError } from "../run-main.js";
import { commonSettings, loadModel, warn } from "./common.js";
import { inputLines } from "./lines.js";

const USAGE =
  'usage: npm run ask -- [--index DIR] [--corpus DIR] [--top K] [--transcript T] [--speaker S] [--json] [--stdin] [--lexical] "question"';

/** Longest question line `--stdin` accepts (a guard against unbounded input, far beyond any real question). */
export const MAX_STDIN_LINE_CHARS = 100_000;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      index: { type: "string" },
      corpus: { type: "string" },
      top: { type: "string", default: String(DEFAULT_TOP) },
      transcript: { type: "string" },
      speaker: { type: "string" },
      json: { type: "boolean", default: false },
      stdin: { type: "boolean", default: false },
      lexical: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return EXIT_OK;
  }
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 50) throw new UsageError(`--top must be a whole number from 1 to 50, got "${values.top}"`);
  // Questions are cleaned of terminal controls before anything else sees them: the search, the echo, the JSON.
  const question = cleanLine(positionals.join(" ")).trim();
  if (values.stdin && question) throw new UsageError("give the question as an argument or with --stdin, not both");
  if (!values.stdin && !question) throw new UsageError(`no question given. ${USAGE}`);

  const settings = commonSettings(values);
  const engine = await openEngine({ ...settings, embedder: await loadModel(settings), warn, info: warn });
  const options: AskOptions = { top, transcript: values.transcript, speaker: values.speaker };
  if (values.stdin) await answerLines(engine, options, values.json!);
  else {
    const answer = await engine.ask(question, options);
    process.stdout.write(values.json ? `${answerAsJson(answer)}\n` : cleanText(answerAsText(answer)));
  }
  engine.close();
  return EXIT_OK;
}

/** One question per input line ("\n" or "\r\n"), one answer per output line, in order; a blank line gets an error object. */
async function answerLines(engine: Engine, options: AskOptions, json: boolean): Promise<void> {
  for await (const line of inputLines(process.stdin, MAX_STDIN_LINE_CHARS)) {
    const question = cleanLine(line.text).trim();
    if (line.tooLong || !question) {
      const error = line.tooLong ? `question longer than ${MAX_STDIN_LINE_CHARS} characters` : "empty question";
      process.stdout.write(json ? `${safeJson({ question: line.tooLong ? `${question} …` : line.text, error })}\n` : `error: ${error}\n`);
      continue;
    }
    const answer = await engine.ask(question, options);
    process.stdout.write(json ? `${answerAsJson(answer)}\n` : cleanText(`Q: ${question}\n${answerAsText(answer)}\n`));
  }
}

runMain(main, { prefix: "error" });
