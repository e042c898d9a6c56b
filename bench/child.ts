// Every measurement runs in a fresh child process: its peak RSS (getrusage maxRSS) then belongs to that one
// phase alone, and one phase's garbage or JIT state cannot flatter or penalise the next.
import { fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { COMPILED } from "./root.js";

/** What every worker reports besides its own figures. */
export interface ChildReport<T> {
  result: T;
  /** Peak resident set size of the whole child process, MB. */
  maxRssMb: number;
}

export interface ChildOptions {
  /** Write a V8 CPU profile of the child into this folder (`node --cpu-prof`). */
  profileDir?: string;
  /** Extra environment variables. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Run bench/<script> (named by its .ts source) with one JSON argument and resolve with what it reports. Compiled
 * (`npm run bench`: dist/bench/), the child is the compiled .js beside this file, run by node alone; from the
 * sources (tsx, vitest), it is the .ts, through tsx's loader, resolved from here so the working directory does not
 * matter (createRequire rather than import.meta.resolve: vitest runs this module).
 */
export function runChild<T>(script: string, args: unknown, options: ChildOptions = {}): Promise<ChildReport<T>> {
  const execArgv = COMPILED ? [] : ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href];
  if (options.profileDir) {
    mkdirSync(options.profileDir, { recursive: true });
    execArgv.push("--cpu-prof", "--cpu-prof-dir", options.profileDir);
  }
  const file = fileURLToPath(new URL(COMPILED ? script.replace(/\.ts$/, ".js") : script, import.meta.url));
  const child = fork(file, [JSON.stringify(args)], {
    execArgv,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, ...options.env },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000); // the tail is what explains a failure
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let report: ChildReport<T> | { error: string } | undefined;
  child.on("message", (message) => {
    report = message as ChildReport<T> | { error: string };
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (report && "result" in report && code === 0) resolve(report);
      else {
        const reason = report && "error" in report ? report.error : `exited with ${signal ?? code}`;
        reject(new Error(`${script} ${reason}\n${output.trim()}`));
      }
    });
  });
}

/** Worker side: parse the JSON argument, run, send the result with the peak RSS, exit. */
export function worker<A, T>(handler: (args: A) => Promise<T>): void {
  const args = JSON.parse(process.argv[2] ?? "{}") as A;
  const send = (message: unknown) =>
    new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : (console.log(JSON.stringify(message)), resolve())));
  handler(args).then(
    async (result) => {
      // maxRSS is in kilobytes on Linux and macOS.
      await send({ result, maxRssMb: process.resourceUsage().maxRSS / 1024 });
      process.exit(0);
    },
    async (error: unknown) => {
      await send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
}
