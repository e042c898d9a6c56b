// `ask` on a terminal: what it prints cannot drive the terminal, whether the escape codes come from the question or
// from a transcript; `--stdin` splits lines on "\n" and "\r\n" only; JSON escapes what JSON.stringify leaves raw.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNode, type NodeRun } from "./helpers/dist.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEED = "2020-03-30-miit-resumption.txt";
/** Bytes a terminal acts on: C0 but newline, DEL, C1 (as UTF-8), bidi overrides and isolates. */
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

let tmp: string;
let dirs: { corpus: string; index: string };
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-terminal-"));
  dirs = { corpus: path.join(tmp, "corpus"), index: path.join(tmp, "index") };
  mkdirSync(dirs.corpus);
  writeFileSync(path.join(dirs.corpus, SEED), readFileSync(path.join(root, "corpus", SEED)));
  writeFileSync(
    path.join(dirs.corpus, "2021-02-02-birds.txt"),
    "---\ntitle: \"Bird \x1b]0;pwned\x07count\"\n---\n\x1b[1mJane Doe\x1b[0m:\n\nThe \x1b[31mflamingo\x1b[0m count rose to 412 birds\u202e this spring.\x9b2J\n",
  );
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `npm run ask -- --lexical …` (node dist/src/cli/ask.js). */
function ask(args: string[], stdin = ""): Promise<NodeRun> {
  return runNode("src/cli/ask.js", ["--lexical", "--corpus", dirs.corpus, "--index", dirs.index, ...args], { cwd: root, stdin, timeoutMs: 30_000 });
}

const lines = (text: string) => text.split("\n").filter(Boolean);

// Sequential: the first run builds the shared index.
describe("ask on a terminal", { timeout: 40_000 }, () => {
  it("--stdin splits on \\n and \\r\\n only: a lone \\r stays inside its question", async () => {
    const run = await ask(["--json", "--stdin"], "Foxconn\rmasks\nflamingo\r\n\r\n");
    expect(run.code, run.stderr).toBe(0);
    const out = lines(run.stdout).map((line) => JSON.parse(line));
    expect(out.map((o) => o.question)).toEqual(["Foxconn masks", "flamingo", ""]);
    expect(out[2]).toEqual({ question: "", error: "empty question" });
  });

  it("a question's escape sequence is neither echoed nor searched", async () => {
    const run = await ask(["--stdin"], "Foxconn \x1b]0;pwned\x07\n");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(run.stdout).not.toContain("pwned");
    expect(lines(run.stdout)[0]).toBe("Q: Foxconn");
    expect(run.stdout).toContain("810,000");
  });

  it("a transcript's escape codes never reach the output; it is quoted and cited clean", async () => {
    const text = await ask(["How many flamingo birds?"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toMatch(UNSAFE);
    expect(lines(text.stdout)[0]).toBe("1. “The flamingo count rose to 412 birds this spring.”");
    expect(lines(text.stdout)[1]).toBe("   — Jane Doe");
    expect(lines(text.stdout)[2]).toMatch(/^   Bird count, 2021-02-02 \(turn 0\)$/);

    const json = await ask(["--json", "How many flamingo birds?\u202e\x85"]);
    expect(json.stdout).not.toMatch(UNSAFE);
    const answer = JSON.parse(json.stdout);
    expect(answer.question).toBe("How many flamingo birds?");
    expect(answer.hits[0]).toMatchObject({ speaker: "Jane Doe", quote: "The flamingo count rose to 412 birds this spring." });
  });

  it("JSON output writes control characters and bidi overrides as \\u escapes", async () => {
    // The question is cleaned, so the one place such characters can still appear is an error echo of a raw line.
    const run = await ask(["--json", "--stdin"], "\u202e\x9b\n");
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(run.stdout.trim()).toBe('{"question":"\\u202e\\u009b","error":"empty question"}');
    expect(JSON.parse(run.stdout)).toEqual({ question: "\u202e\x9b", error: "empty question" });
  });

  it("a line too long to be a question is answered with an error, without keeping it whole", async () => {
    const run = await ask(["--json", "--stdin"], `${"word ".repeat(30_000)}\nFoxconn\n`);
    expect(run.code, run.stderr).toBe(0);
    const out = lines(run.stdout).map((line) => JSON.parse(line));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ error: "question longer than 100000 characters" });
    expect(out[0].question.length).toBeLessThan(300);
    expect(out[1]).toMatchObject({ question: "Foxconn", found: true });
  });
});
