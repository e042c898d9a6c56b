// Worker: start briefbot on a built index (openEngine = load the index) and time engine.ask() over the query
// stream with the question vectors precomputed: "search + answer" alone. No model is loaded here, so the peak
// RSS is the engine's own.
import { openEngine } from "../src/engine.js";
import { worker } from "./child.js";
import { readQuestions } from "./grow.js";
import { latency, type Latency } from "./stats.js";
import { precomputedOnly, type ModelRef } from "./tiny-model.js";

export interface QueryArgs {
  corpusDir: string;
  indexDir: string;
  /** null: lexical mode. */
  model: ModelRef | null;
  questionFile: string;
  stream: number[];
  warmup: number;
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
  for (const i of args.stream.slice(0, args.warmup)) await ask(i);
  const samples: number[] = [];
  let answered = 0;
  for (const i of args.stream) {
    const t = performance.now();
    const answer = await ask(i);
    samples.push(performance.now() - t);
    if (answer.found) answered++;
  }
  engine.close();
  return { mode: engine.mode, startupSeconds, latency: latency(samples), rssAfterStartupMb, answered: answered / args.stream.length };
});
