// What both question-set layouts of `npm run eval` share: an engine over a throw-away index, the off-topic
// "not found" check, and reading question files.
import "dotenv/config";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { embeddingSettingsFromEnv } from "../src/embedding/embedder.js";
import { DEFAULT_TOP } from "../src/engine-api.js";
import { openEngine, type OpenedEngine } from "../src/engine.js";
import type { RetrievalParams } from "../src/retrieval/search.js";
import { TRANSCRIPT_EXTENSIONS } from "../src/transcript/load.js";
import type { Hit } from "../src/types.js";

export interface EvalOptions {
  lexical: boolean;
  params?: Partial<RetrievalParams>;
  targetTokens?: number;
  /** Off-topic questions for the "not found" check (default: scripts/out-of-scope.txt). */
  outOfScope?: string[];
}

/** Off-topic questions for the "not found" check (scripts/out-of-scope.txt: one per line). */
export const OUT_OF_SCOPE_FILE = fileURLToPath(new URL("./out-of-scope.txt", import.meta.url));

export function readQuestionLines(path: string): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/**
 * Index `corpusDir` once into a temporary folder, run `use`, then delete the index. `topLevelOnly`: index a copy of
 * the folder's own files, not its subfolders (a QMSum folder keeps its annotation in turns/).
 */
export async function withEngine<T>(
  corpusDir: string,
  options: EvalOptions & { topLevelOnly?: boolean },
  use: (engine: OpenedEngine) => Promise<T>,
): Promise<T> {
  const indexDir = mkdtempSync(join(tmpdir(), "briefbot-eval-"));
  const copy = options.topLevelOnly ? topLevelCopy(corpusDir) : null;
  try {
    const engine = await openEngine({
      corpusDir: copy ?? corpusDir,
      indexDir,
      embedding: options.lexical ? null : embeddingSettingsFromEnv(),
      warn: (line) => console.error(line),
      params: options.params,
      targetTokens: options.targetTokens,
    });
    try {
      return await use(engine);
    } finally {
      engine.close();
    }
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
    if (copy) rmSync(copy, { recursive: true, force: true });
  }
}

/** A temporary copy of the transcript files directly in `dir` (not in its subfolders). */
function topLevelCopy(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), "briefbot-eval-corpus-"));
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && TRANSCRIPT_EXTENSIONS.includes(extname(entry.name).toLowerCase())) copyFileSync(join(dir, entry.name), join(copy, entry.name));
  }
  return copy;
}

/** The off-topic questions the engine answers (asked of the whole corpus with the bot's three hits). */
export async function answeredOffTopic(engine: OpenedEngine, questions: string[]): Promise<string[]> {
  const answered: string[] = [];
  for (const question of questions) if ((await engine.ask(question, { top: DEFAULT_TOP })).found) answered.push(question);
  return answered;
}

/** "Not found" as a user meets it: the share of in-scope questions answered, and the off-topic ones declined. */
export interface NotFound {
  inScope: number;
  outOfScope: number;
  outOfScopeAsked: number;
  outOfScopeAnswered: string[];
}

export function notFoundFigures(inScopeAnswered: number, inScopeAsked: number, outOfScope: string[], outOfScopeAnswered: string[]): NotFound {
  return {
    inScope: inScopeAsked ? inScopeAnswered / inScopeAsked : 1,
    outOfScope: outOfScope.length ? 1 - outOfScopeAnswered.length / outOfScope.length : 1,
    outOfScopeAsked: outOfScope.length,
    outOfScopeAnswered,
  };
}

/** The speaker label of a hit exactly as the transcript writes it (`label` when the engine gives one). */
export function labelOf(hit: Hit): string {
  return hit.label ?? hit.speaker;
}

/** Text compared as the question sets define it: case ignored, runs of whitespace collapsed. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

export function containsAny(text: string | undefined, expected: readonly string[]): boolean {
  if (!text) return false;
  const haystack = normalize(text);
  return expected.some((e) => normalize(e) !== "" && haystack.includes(normalize(e)));
}

/** A first hit as `--fails` shows it. */
export interface FirstHit {
  label: string;
  transcript: string;
  turn: number;
  quote: string;
}

export function firstHitOf(hits: readonly Hit[]): FirstHit | null {
  const hit = hits[0];
  return hit ? { label: labelOf(hit), transcript: hit.source.transcript, turn: hit.source.turn, quote: hit.quote } : null;
}

export const mean = (values: readonly number[]): number | null => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
