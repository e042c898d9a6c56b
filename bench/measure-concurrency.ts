// Worker: a burst of questions submitted at once through the bounded queue the bot uses (src/queue.ts), each
// answered the whole way (embed the question with the model, search, answer). Times each from submission.
import { openEngine } from "../src/engine.js";
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
  queue: { concurrency: number; limit: number };
  /** Give up waiting after this long: whatever has not settled by then is "lost". */
  timeoutMs: number;
}

export interface ConcurrencyResult {
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

worker<ConcurrencyArgs, ConcurrencyResult>(async (args) => {
  const { texts } = readQuestions(args.questionFile);
  const embedder = await openModel(args.model);
  const engine = await openEngine({ corpusDir: args.corpusDir, indexDir: args.indexDir, embedding: null, embedder, buildIfMissing: false, warn: (l) => console.error(l) });
  await engine.ask(texts[0]!); // first-call costs (JIT, onnxruntime session) are not the queue's
  const queue = boundedQueue(args.queue);
  const times: number[] = [];
  let answered = 0, refused = 0, failed = 0, settled = 0;
  const start = performance.now();
  const all = args.burst.map((i) => {
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
  await Promise.race([Promise.all(all), new Promise((resolve) => (timer = setTimeout(resolve, args.timeoutMs)))]);
  clearTimeout(timer);
  const wallSeconds = (performance.now() - start) / 1000;
  engine.close();
  return { submitted: args.burst.length, answered, refused, failed, lost: args.burst.length - settled, latency: latency(times), wallSeconds };
});
