// Extraction of binary transcripts in a worker thread, with a time budget and a memory limit per file.
//
// pdfjs-dist and mammoth are large libraries parsing untrusted files; on the main thread a file that made one of
// them loop would hang the build, and one that made it allocate without end would crash it. In the worker, the
// build waits at most `timeoutMs` for a file (then the worker is terminated and a new one started for the next
// file), and the worker's heap is capped (a worker that runs out of memory dies alone).
import { Worker } from "node:worker_threads";

export type ExtractKind = "pdf" | "docx";

export type PdfItem = [text: string, x: number, y: number, width: number, height: number, endsLine: boolean];

export interface PdfExtraction {
  title: string | null;
  /** Per page, its text items: [text, x, y, width, height, ends a line]. */
  pages: PdfItem[][];
}

export interface DocxExtraction {
  html: string;
}

/** A file the extractor gave up on; the message is a phrase for the warning line ("it took longer than 60 s"). */
export class ExtractError extends Error {
  override name = "ExtractError";
}

export interface ExtractorOptions {
  /** Longest a file may take (default 60 s). */
  timeoutMs?: number;
  /** Heap limit of the worker in MB (default 1024). */
  maxHeapMb?: number;
  /** The worker script (tests swap in one that misbehaves). */
  script?: URL;
}

export const DEFAULT_EXTRACT_TIMEOUT_MS = 60_000;
const WORKER_SCRIPT = new URL("./extract-worker.mjs", import.meta.url);

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** The worker the file was given to: only its death fails the file. */
  worker: Worker;
}

/** One worker, reused from file to file, replaced when it had to be stopped. Call close() when done. */
export class Extractor {
  private worker: Worker | null = null;
  private nextId = 0;
  private pending = new Map<number, Pending>();
  readonly timeoutMs: number;

  constructor(private readonly options: ExtractorOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS;
  }

  extract(kind: "pdf", bytes: Uint8Array, maxChars: number): Promise<PdfExtraction>;
  extract(kind: "docx", bytes: Uint8Array, maxChars: number): Promise<DocxExtraction>;
  async extract(kind: ExtractKind, bytes: Uint8Array, maxChars: number): Promise<unknown> {
    const worker = this.start();
    const id = this.nextId++;
    // A copy goes to the worker: the caller's buffer stays whole (it is hashed and may be read again).
    const copy = new Uint8Array(bytes);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise((resolve, reject) => {
        this.pending.set(id, { resolve, reject, worker });
        timer = setTimeout(() => {
          this.pending.delete(id);
          this.stop(worker);
          reject(new ExtractError(`reading it took longer than ${formatSeconds(this.timeoutMs)} (the time budget for one file)`));
        }, this.timeoutMs);
        worker.ref();
        worker.postMessage({ id, kind, bytes: copy, limits: { maxChars } }, [copy.buffer]);
      });
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
      if (this.pending.size === 0 && this.worker === worker) worker.unref();
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.script ?? WORKER_SCRIPT, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 1024 },
      stdout: true, // whatever a library prints is not the build's output
      stderr: true,
    });
    worker.on("message", (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new ExtractError(`cannot read it (${message.error})`));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      const outOfMemory = (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
      const reason = outOfMemory ? "reading it ran out of memory" : `the reader stopped (${String(error.message).split("\n")[0]})`;
      for (const [id, pending] of this.pending) {
        if (pending.worker !== worker) continue;
        this.pending.delete(id);
        pending.reject(new ExtractError(reason));
      }
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`exit code ${code}`)));
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private stop(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
