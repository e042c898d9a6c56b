// Worker: a burst of questions submitted at once through the bounded queue the bot uses (src/queue.ts), each
// answered the whole way (embed the question with the model, search, answer). Times each from submission.
// Runs once per queue setting asked for (the bot's defaults refuse what exceeds its limit: told "busy", not lost).
import { openEngine, type Engine } from "../src/engine.js";
import { boundedQueue, QueueFullError } from "../src/queue.js";
import { worker } from "./child.js";
import { readQuestions } from "./grow.js";
import { latency, type Latency } from "./stats.js";
import { openModel, type ModelRef } from "./tiny-model.js";

export interface ConcurrencyArgs {
  corpusDir: string;
  indexDir: string;
  model: ModelRef;
  questionFile: string;
  /** The burst: positions into the question texts. */
  burst: number[];
  queues: { concurrency: number; limit: number }[];
  /** Give up waiting after this long: whatever has not settled by then is "lost". */
  timeoutMs: number;
}

export interface ConcurrencyResult {
  queue: { concurrency: number; limit: number };
  submitted: number;
  answered: number;
  /** Told "busy" at once (QueueFullError): not lost, but not answered either. */
  refused: number;
  failed: number;
  lost: number;
  /** Submission → answer, of the answered ones. */
  latency: Latency;
  wallSeconds: number;
}

worker<ConcurrencyArgs, ConcurrencyResult[]>(async (args) => {
  const { texts } = readQuestions(args.questionFile);
  const embedder = await openModel(args.model);
  const engine = await openEngine({ corpusDir: args.corpusDir, indexDir: args.indexDir, embedding: null, embedder, buildIfMissing: false, warn: (l) => console.error(l) });
  await engine.ask(texts[0]!); // first-call costs (JIT, onnxruntime session) are not the queue's
  const results: ConcurrencyResult[] = [];
  for (const setting of args.queues) results.push(await burst(engine, texts, args.burst, setting, args.timeoutMs));
  engine.close();
  return results;
});

async function burst(
  engine: Engine,
  texts: string[],
  positions: number[],
  setting: { concurrency: number; limit: number },
  timeoutMs: number,
): Promise<ConcurrencyResult> {
  const queue = boundedQueue(setting);
  const times: number[] = [];
  let answered = 0, refused = 0, failed = 0, settled = 0;
  const start = performance.now();
  const all = positions.map((i) => {
    const submitted = performance.now();
    return queue
      .run(() => engine.ask(texts[i]!))
      .then(
        () => {
          answered++;
          times.push(performance.now() - submitted);
        },
        (error: unknown) => {
          if (error instanceof QueueFullError) refused++;
          else failed++;
        },
      )
      .finally(() => settled++);
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(all), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
  const wallSeconds = (performance.now() - start) / 1000;
  return { queue: setting, submitted: positions.length, answered, refused, failed, lost: positions.length - settled, latency: latency(times), wallSeconds };
}
