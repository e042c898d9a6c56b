// End-to-end tests run what users run: the compiled entry points in dist/ (`npm run build`, which `npm test` runs
// first), started with plain `node`. A test run started another way (`npx vitest`) rebuilds dist/ first when a
// source is newer than its compiled file (test/helpers/build-setup.ts), so these never test stale code.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** The compiled file of a source, e.g. dist("src/cli/ask.js"). */
export function dist(file: string): string {
  const compiled = path.join(ROOT, "dist", file);
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run "npm run build" (npm test does it first)`);
  return compiled;
}

export interface NodeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface NodeRunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, which is then closed (default: closed at once). */
  stdin?: string;
  /** Kill the child (SIGKILL) after this long: a hang fails instead of holding the run. */
  timeoutMs?: number;
}

/** `node dist/<file> ...args` to the end, with its output. */
export function runNode(file: string, args: readonly string[], options: NodeRunOptions = {}): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [dist(file), ...args], {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: "SIGKILL" as const } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}
