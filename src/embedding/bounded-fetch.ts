/**
 * transformers.js 2.x downloads with the global `fetch` and offers no timeout or signal, so an
 * unreachable or stalled host would hang model loading. While `work` runs, requests to the model
 * host go through a fetch that gives up after `stallMs` without a response or without new body
 * bytes. A slow but progressing download is left alone: a 90 MB model may take minutes.
 */
export async function withBoundedModelFetch<T>(
  remoteHost: string,
  stallMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const original = globalThis.fetch;
  // Aborts whatever is still in flight once `work` settles (transformers.js fetches files in
  // parallel, so one failure can leave other downloads running and the process alive).
  const done = new AbortController();

  const bounded: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(remoteHost)) return original(input, init);

    const stalled = new AbortController();
    const timer = setTimeout(
      () => stalled.abort(new Error(`no data from ${url} for ${stallMs} ms`)),
      stallMs,
    );
    timer.unref(); // a pending download timer must not by itself keep the process running
    const signals = [stalled.signal, done.signal, ...(init?.signal ? [init.signal] : [])];
    let response: Response;
    try {
      response = await original(input, { ...init, signal: AbortSignal.any(signals) });
    } catch (error) {
      clearTimeout(timer);
      if (stalled.signal.aborted || done.signal.aborted) throw stalled.signal.reason ?? done.signal.reason;
      // undici only says "fetch failed"; the URL and the cause (ENOTFOUND, ECONNREFUSED) tell the user what to fix.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
      const code = (cause as NodeJS.ErrnoException | undefined)?.code;
      const reason = (code && NETWORK_ERRORS[code]) ?? code ?? cause?.message ?? String(error);
      throw new Error(`cannot download ${url}: ${reason}`, { cause: error });
    }
    if (!response.ok || response.body === null) {
      clearTimeout(timer);
      return response;
    }
    // Every chunk restarts the stall timer; the abort signal above then cancels a stalled body.
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          timer.refresh();
          controller.enqueue(chunk);
        },
        flush() {
          clearTimeout(timer);
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
};
