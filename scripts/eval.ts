// Retrieval quality on annotated questions: `npm run eval -- --data DIR [--lexical] [--json]`.
// DIR holds transcripts, queries.jsonl ({transcript, query, relevant_turns}) and turns/<name>.json
// ({speaker, text}[] — the turns as labelled, for speaker exactness). A hit is a returned passage
// inside an annotated relevant turn.
import "dotenv/config";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { embeddingSettingsFromEnv } from "../src/embedding/embedder.js";
import { openEngine } from "../src/engine.js";
import type { RetrievalParams } from "../src/retrieval/search.js";

/** The bot and the CLI show three hits: "not found" is judged as a user meets it. */
const BOT_TOP = 3;

export interface EvalQuery {
  transcript: string;
  query: string;
  relevant_turns: number[];
}

export interface EvalResult {
  queries: number;
  hitAt1: number;
  hitAt5: number;
  mrrAt10: number;
  /** Share of returned hits whose cited speaker equals the annotated label of their turn. */
  speakerExactness: number;
  /** Share of questions answered (found: true). */
  answered: number;
  /**
   * "Not found", as a user meets it: every question asked of the whole corpus with the bot's three hits.
   * inScope: share of the annotated questions answered; outOfScope: share of the off-topic questions declined.
   */
  notFound: { inScope: number; outOfScope: number; outOfScopeAsked: number; outOfScopeAnswered: string[] };
  mode: string;
}

/** Off-topic questions for the "not found" check (scripts/out-of-scope.txt: one per line). */
export const OUT_OF_SCOPE_FILE = fileURLToPath(new URL("./out-of-scope.txt", import.meta.url));

export function readQuestionLines(path: string): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

export async function evaluate(
  dataDir: string,
  options: { lexical: boolean; params?: Partial<RetrievalParams>; targetTokens?: number; outOfScope?: string[] },
): Promise<EvalResult> {
  const queries = readFileSync(join(dataDir, "queries.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalQuery);
  const indexDir = mkdtempSync(join(tmpdir(), "briefbot-eval-"));
  try {
    const engine = await openEngine({
      corpusDir: dataDir,
      indexDir,
      embedding: options.lexical ? null : embeddingSettingsFromEnv(),
      warn: (line) => console.error(line),
      params: options.params,
      targetTokens: options.targetTokens,
    });
    const labels = new Map<string, { speaker: string }[]>();
    const labelsOf = (transcript: string) => {
      if (!labels.has(transcript)) {
        labels.set(transcript, JSON.parse(readFileSync(join(dataDir, "turns", transcript.replace(/\.[^.]+$/, ".json")), "utf8")));
      }
      return labels.get(transcript)!;
    };
    let hit1 = 0, hit5 = 0, mrr = 0, answered = 0, cited = 0, exact = 0;
    for (const q of queries) {
      const answer = await engine.ask(q.query, { transcript: q.transcript, top: 10 });
      if (answer.found) answered++;
      const relevant = new Set(q.relevant_turns);
      const firstHit = answer.hits.findIndex((h) => relevant.has(h.source.turn));
      if (firstHit === 0) hit1++;
      if (firstHit >= 0 && firstHit < 5) hit5++;
      if (firstHit >= 0) mrr += 1 / (firstHit + 1);
      for (const h of answer.hits) {
        cited++;
        if (labelsOf(q.transcript)[h.source.turn]?.speaker === h.speaker) exact++;
      }
    }
    let inScope = 0;
    for (const q of queries) if ((await engine.ask(q.query, { top: BOT_TOP })).found) inScope++;
    const outOfScope = options.outOfScope ?? readQuestionLines(OUT_OF_SCOPE_FILE);
    const outOfScopeAnswered: string[] = [];
    for (const question of outOfScope) if ((await engine.ask(question, { top: BOT_TOP })).found) outOfScopeAnswered.push(question);
    engine.close();
    const n = queries.length;
    return {
      queries: n,
      hitAt1: hit1 / n,
      hitAt5: hit5 / n,
      mrrAt10: mrr / n,
      speakerExactness: cited ? exact / cited : 1,
      answered: answered / n,
      notFound: {
        inScope: n ? inScope / n : 1,
        outOfScope: outOfScope.length ? 1 - outOfScopeAnswered.length / outOfScope.length : 1,
        outOfScopeAsked: outOfScope.length,
        outOfScopeAnswered,
      },
      mode: engine.mode,
    };
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      lexical: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "out-of-scope": { type: "string" },
    },
  });
  if (!values.data) {
    console.error("usage: npm run eval -- --data DIR [--lexical] [--json] [--out-of-scope FILE]   (DIR: transcripts + queries.jsonl + turns/)");
    process.exit(2);
  }
  const outOfScope = values["out-of-scope"] ? readQuestionLines(values["out-of-scope"]) : undefined;
  const result = await evaluate(values.data, { lexical: values.lexical!, outOfScope });
  if (values.json) console.log(JSON.stringify(result));
  else {
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(`${result.queries} questions, ${result.mode} mode`);
    console.log(`hit@1 ${result.hitAt1.toFixed(3)}  hit@5 ${result.hitAt5.toFixed(3)}  MRR@10 ${result.mrrAt10.toFixed(3)}`);
    console.log(`speaker exactness ${pct(result.speakerExactness)}  answered ${pct(result.answered)}`);
    const nf = result.notFound;
    console.log(
      `not found, whole corpus, top ${BOT_TOP}: in-scope answered ${pct(nf.inScope)}, ` +
        `out-of-scope declined ${nf.outOfScopeAsked - nf.outOfScopeAnswered.length}/${nf.outOfScopeAsked}` +
        (nf.outOfScopeAnswered.length ? ` (answered: ${nf.outOfScopeAnswered.join(" | ")})` : ""),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`eval failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
