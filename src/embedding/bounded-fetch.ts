/**
 * transformers.js 2.x downloads with the global `fetch` and offers no timeout or signal, so an
 * unreachable or stalled host would hang model loading. While `work` runs, requests to the model
 * host go through a fetch that
 * - gives up when no response arrives within `connectMs` (a host that cannot be resolved or reached:
 *   without this, each file waited out the OS connect timeout or the stall timer in turn, 60–90 s in all);
 * - once one request has failed that way, fails every later one at once with the same reason (one warning,
 *   within seconds, instead of one wait per file);
 * - gives up on a body that sends nothing for `stallMs`. A slow but progressing download is left alone:
 *   a 90 MB model may take minutes;
 * - reports the bytes received, for a progress display.
 */
export interface BoundedFetchOptions {
  /** Longest wait for a download that has started and stopped sending data (MODEL_DOWNLOAD_TIMEOUT_MS). */
  stallMs: number;
  /** Longest wait for the response to a request (MODEL_CONNECT_TIMEOUT_MS); capped by stallMs. */
  connectMs?: number;
  /** Called as body bytes arrive: the file's URL, bytes so far, total (null when unknown), done. */
  onDownload?: (event: DownloadEvent) => void;
  /** Aborts every request in flight (the caller no longer needs the model). */
  signal?: AbortSignal;
}

export interface DownloadEvent {
  url: string;
  loaded: number;
  total: number | null;
  done: boolean;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export async function withBoundedModelFetch<T>(remoteHost: string, options: BoundedFetchOptions, work: () => Promise<T>): Promise<T> {
  const { stallMs, onDownload } = options;
  const connectMs = Math.min(options.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS, stallMs);
  const original = globalThis.fetch;
  // Aborts whatever is still in flight once `work` settles (transformers.js fetches files in
  // parallel, so one failure can leave other downloads running and the process alive).
  const done = new AbortController();
  let unreachable: Error | null = null; // the first network failure, repeated for every later request

  const bounded: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(remoteHost)) return original(input, init);
    if (unreachable) throw unreachable;

    const stalled = new AbortController();
    const noResponse = () => stalled.abort(new Error(`no response from ${url} within ${connectMs} ms (host unreachable?)`));
    const noData = () => stalled.abort(new Error(`no data from ${url} for ${stallMs} ms`));
    // Until the response arrives the connect limit applies, then the stall limit restarts with every chunk.
    let timer = setTimeout(connectMs < stallMs ? noResponse : noData, connectMs);
    timer.unref(); // a pending download timer must not by itself keep the process running
    const signals = [stalled.signal, done.signal, ...(options.signal ? [options.signal] : []), ...(init?.signal ? [init.signal] : [])];
    let response: Response;
    try {
      response = await original(input, { ...init, signal: AbortSignal.any(signals) });
    } catch (error) {
      clearTimeout(timer);
      if (done.signal.aborted || options.signal?.aborted) throw done.signal.reason ?? options.signal?.reason;
      if (stalled.signal.aborted) {
        unreachable = stalled.signal.reason as Error;
        throw unreachable;
      }
      // undici only says "fetch failed"; the URL and the cause (ENOTFOUND, ECONNREFUSED) tell the user what to fix.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
      const code = (cause as NodeJS.ErrnoException | undefined)?.code;
      const reason = (code && NETWORK_ERRORS[code]) ?? code ?? cause?.message ?? String(error);
      const failure = new Error(`cannot download ${url}: ${reason}`, { cause: error });
      if (code && code in NETWORK_ERRORS) unreachable = failure;
      throw failure;
    }
    clearTimeout(timer);
    if (!response.ok || response.body === null) return response;
    timer = setTimeout(noData, stallMs);
    timer.unref();
    const length = Number(response.headers.get("content-length"));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    let loaded = 0;
    onDownload?.({ url, loaded, total, done: false });
    // Every chunk restarts the stall timer; the abort signal above then cancels a stalled body.
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          timer.refresh();
          loaded += chunk.byteLength;
          onDownload?.({ url, loaded, total, done: false });
          controller.enqueue(chunk);
        },
        flush() {
          clearTimeout(timer);
          onDownload?.({ url, loaded, total, done: true });
        },
      }),
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  globalThis.fetch = bounded;
  try {
    return await work();
  } finally {
    done.abort(new Error("model loading finished"));
    globalThis.fetch = original; // callers must not overlap calls, or they would restore out of order
  }
}

const NETWORK_ERRORS: Record<string, string> = {
  ENOTFOUND: "host name not found (offline?)",
  EAI_AGAIN: "host name lookup failed (offline?)",
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};
