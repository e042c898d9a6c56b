// Worker: start briefbot on a built index (openEngine = load the index) and time engine.ask() over the query
// stream with the question vectors precomputed: "search + answer" alone. No model is loaded here, so the peak
// RSS is the engine's own.
import { openEngine } from "../src/engine.js";
import { worker } from "./child.js";
import { readQuestions } from "./grow.js";
import { latency, timeStream, type Budget, type Latency } from "./stats.js";
import { precomputedOnly, type ModelRef } from "./tiny-model.js";

export interface QueryArgs {
  corpusDir: string;
  indexDir: string;
  /** null: lexical mode. */
  model: ModelRef | null;
  questionFile: string;
  stream: number[];
  warmup: number;
  budget: Budget | null;
}

export interface QueryResult {
  mode: string;
  /** openEngine: read and parse the index files, build the in-memory structures. */
  startupSeconds: number;
  latency: Latency;
  /** Resident memory right after start-up, MB (the peak is reported by the worker wrapper). */
  rssAfterStartupMb: number;
  /** Share of questions answered (found: true). */
  answered: number;
}

worker<QueryArgs, QueryResult>(async (args) => {
  const questions = readQuestions(args.questionFile);
  if (args.model && !questions.vectors) throw new Error("hybrid queries need the question vectors");
  const start = performance.now();
  const engine = await openEngine({
    corpusDir: args.corpusDir,
    indexDir: args.indexDir,
    embedding: null,
    embedder: args.model ? precomputedOnly(args.model, questions.dimensions, questions.maxTokens) : null,
    buildIfMissing: false,
    warn: (line) => console.error(line),
  });
  const startupSeconds = (performance.now() - start) / 1000;
  const rssAfterStartupMb = process.memoryUsage().rss / 2 ** 20;
  if (engine.mode !== (args.model ? "hybrid" : "lexical")) throw new Error(`engine opened in ${engine.mode} mode`);
  const ask = (i: number) => engine.ask(questions.texts[i]!, args.model && questions.vectors ? { queryVector: questions.vectors[i]! } : {});
  let answered = 0;
  const samples = await timeStream(args.stream, args.warmup, args.budget, async (i) => {
    if ((await ask(i)).found) answered++;
  });
  engine.close();
  const asked = samples.length + Math.min(args.warmup, args.stream.length);
  return { mode: engine.mode, startupSeconds, latency: latency(samples), rssAfterStartupMb, answered: answered / asked };
});
