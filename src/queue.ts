// A bounded work queue for engine calls: at most `concurrency` run at once, at most `limit` wait.
// When it is full the caller is told at once (QueueFullError) instead of waiting into a timeout.
import PQueue from "p-queue";

export class QueueFullError extends Error {
  override name = "QueueFullError";

  constructor() {
    super("busy: too many questions are waiting, try again in a moment");
  }
}

export interface BoundedQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running plus waiting. */
  readonly load: number;
  onIdle(): Promise<void>;
}

export function boundedQueue(options: { concurrency: number; limit: number }): BoundedQueue {
  const queue = new PQueue({ concurrency: options.concurrency });
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      if (queue.size >= options.limit) return Promise.reject(new QueueFullError());
      return queue.add(task, { throwOnTimeout: true }) as Promise<T>;
    },
    get load() {
      return queue.size + queue.pending;
    },
    onIdle: () => queue.onIdle(),
  };
}
