// The one failure layer of the entry points (`npm start`, `npm run ask`, `index`, `deploy-commands`,
// `model:fetch`, `eval`, `bench`): a failure is one line on stderr, "<prefix>: <message>", and an exit code.
// A known problem (a bad setting, a corrupt index, a file that cannot be read) needs no stack trace; a bug
// (TypeError, ReferenceError, RangeError) gets its stack after the line, so it can be reported.
import { cleanLine } from "./text/clean.js";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line itself is wrong (a missing question, a bad flag value): exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface MainOptions {
  /** What the error line starts with: "error" prints "error: …". */
  prefix: string;
  /** Shown after the line of a usage error (the command's usage). */
  usage?: string;
  /** Applied to everything printed (to remove secrets such as the bot token). */
  scrub?: (text: string) => string;
  /** Exit as soon as `main` settles: for commands whose network clients would keep the process alive a while. */
  exit?: boolean;
}

/** Run an entry point: `main` resolves with the exit code (nothing: 0); what it throws is reported by `failureLines`. */
export function runMain(main: () => Promise<number | void>, options: MainOptions): void {
  const finish = (code: number) => {
    if (options.exit) process.exit(code);
    process.exitCode = code;
  };
  main().then(
    (code) => finish(code ?? EXIT_OK),
    (error: unknown) => {
      process.stderr.write(failureLines(error, options));
      finish(exitCodeOf(error));
    },
  );
}

/** 2 for a usage error (node:util parseArgs's included), 1 for anything else. */
export function exitCodeOf(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) ? EXIT_USAGE : EXIT_FAILURE;
}

/** What runMain prints for `error`: one line, then the usage (after a usage error) or the stack (after a bug). */
export function failureLines(error: unknown, options: MainOptions): string {
  const scrub = options.scrub ?? ((text: string) => text);
  let out = `${options.prefix}: ${cleanLine(scrub(oneLine(error)))}\n`;
  if (exitCodeOf(error) === EXIT_USAGE) return options.usage ? `${out}${options.usage}\n` : out;
  // (parseArgs reports a wrong command line as a TypeError: that is a usage error, above, not a bug.)
  const bug = error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError;
  if (bug && error.stack) out += `${scrub(error.stack)}\n`;
  return out;
}

/** The first line of an error's message. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!;
}
