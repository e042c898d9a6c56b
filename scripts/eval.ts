// Retrieval quality on annotated questions, beside plain BM25, over one or more question sets in one run:
//   npm run eval -- --data DIR [--data DIR …] [--lexical] [--json] [--fails] [--out-of-scope FILE]
// Each DIR is indexed once into a temporary folder. Its layout decides how it is scored:
// - press sets (corpus/ + questions.jsonl, like ../shared/eval/press-dev and eval/seed): scripts/eval-press.ts;
// - QMSum sets (transcripts + queries.jsonl + turns/): scripts/eval-qmsum.ts.
// Plain BM25 over ~120-word windows (scripts/bm25-baseline.ts) answers the same questions in the same run.
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { runMain, UsageError } from "../src/run-main.js";
import { OUT_OF_SCOPE_FILE, readQuestionLines, type EvalOptions } from "./eval-common.js";
import { evaluatePress, isPressSet } from "./eval-press.js";
import { evaluateQmsum, isQmsumSet } from "./eval-qmsum.js";
import { formatFails, formatMacro, formatSet, macro, type Macro, type SetResult } from "./eval-report.js";

export { OUT_OF_SCOPE_FILE, readQuestionLines };
export type { EvalQuery, EvalResult } from "./eval-qmsum.js";
export type { SetResult } from "./eval-report.js";
/** The QMSum-layout evaluation (kept under its old name for callers of one set). */
export const evaluate = evaluateQmsum;

export class EvalUsageError extends UsageError {
  override name = "EvalUsageError";
}

export interface EvalRun {
  mode: string;
  sets: SetResult[];
  macro: Macro;
}

/** Which layout a question-set folder has, by what it holds. */
export function shapeOf(dir: string): "press" | "qmsum" {
  if (isPressSet(dir)) return "press";
  if (isQmsumSet(dir)) return "qmsum";
  throw new EvalUsageError(`${dir} holds neither corpus/ + questions.jsonl (press set) nor queries.jsonl + turns/ (QMSum set)`);
}

/** A short name per set: its folder's name, led by the parent's when that alone is ambiguous ("qmsum-committee/val"). */
function names(dirs: string[]): string[] {
  const own = dirs.map((d) => basename(resolve(d)));
  const ambiguous = (name: string) => own.filter((n) => n === name).length > 1 || /^(val|train|dev|test)$/.test(name);
  return dirs.map((d, i) => (ambiguous(own[i]!) ? `${basename(resolve(d, ".."))}/${own[i]}` : own[i]!));
}

export async function evaluateSets(dirs: string[], options: EvalOptions): Promise<EvalRun> {
  const shapes = dirs.map(shapeOf); // every folder is checked before the first one is indexed
  const setNames = names(dirs);
  const sets: SetResult[] = [];
  for (const [i, dir] of dirs.entries()) {
    const result = shapes[i] === "press" ? await evaluatePress(dir, options) : await evaluateQmsum(dir, options);
    sets.push({ name: setNames[i]!, data: dir, ...result });
  }
  return { mode: [...new Set(sets.map((s) => s.mode))].join("/"), sets, macro: macro(sets) };
}

export function formatRun(run: EvalRun, options: { fails?: boolean } = {}): string {
  const blocks = run.sets.map((s) => formatSet(s) + (options.fails ? `\n${formatFails(s)}` : ""));
  if (run.sets.length > 1) blocks.push(formatMacro(run.macro));
  return blocks.join("\n\n");
}

const USAGE =
  "usage: npm run eval -- --data DIR [--data DIR …] [--lexical] [--json] [--fails] [--out-of-scope FILE]\n" +
  "  DIR: corpus/ + questions.jsonl (press set) or transcripts + queries.jsonl + turns/ (QMSum set)";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: "string", multiple: true },
      lexical: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      fails: { type: "boolean", default: false },
      "out-of-scope": { type: "string" },
    },
  });
  if (!values.data?.length) throw new EvalUsageError("no --data DIR given");
  const outOfScope = values["out-of-scope"] ? readQuestionLines(values["out-of-scope"]) : undefined;
  const run = await evaluateSets(values.data, { lexical: values.lexical!, outOfScope });
  console.log(values.json ? JSON.stringify(run) : formatRun(run, { fails: values.fails }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runMain(main, { prefix: "eval", usage: USAGE });
