// What the user sees while the embedding model downloads (the first start on a connected machine, ~23 MB):
// on a terminal, one line rewritten in place; in a log or a pipe, a line when it starts, at each quarter and
// when it ends. Pure bookkeeping around a `write`, so both forms are tested without a network.
import type { DownloadEvent } from "./bounded-fetch.js";

export interface ProgressOutput {
  write(text: string): void;
  /** A terminal: rewrite one line with "\r" instead of adding lines. */
  isTTY?: boolean;
}

export interface DownloadProgress {
  onDownload(event: DownloadEvent): void;
  /** Loading is over (downloaded or not): end the terminal line, say how it went if anything was downloaded. */
  finish(ok: boolean): void;
}

const REDRAW_MS = 100;

export function downloadProgress(modelId: string, out: ProgressOutput, now: () => number = Date.now): DownloadProgress {
  const files = new Map<string, { loaded: number; total: number | null }>();
  let started: number | null = null;
  let lastDraw = -Infinity;
  let quarter = 0; // quarters already reported (line mode)
  let lineOpen = false; // terminal mode: a progress line without its newline yet

  const sums = () => {
    let loaded = 0;
    let total = 0;
    let known = true;
    for (const f of files.values()) {
      loaded += f.loaded;
      if (f.total === null) known = false;
      else total += f.total;
    }
    return { loaded, total: known && total > 0 ? total : null };
  };

  return {
    onDownload(event) {
      files.set(event.url, { loaded: event.loaded, total: event.total });
      const { loaded, total } = sums();
      if (started === null) {
        started = now();
        if (!out.isTTY) out.write(`Downloading the embedding model ${modelId}${total ? ` (${mb(total)})` : ""}; this happens once.\n`);
      }
      if (out.isTTY) {
        const all = [...files.values()].every((f) => f.total !== null && f.loaded >= f.total);
        if (now() - lastDraw < REDRAW_MS && !all) return;
        lastDraw = now();
        const share = total ? ` ${String(Math.floor((100 * loaded) / total)).padStart(3)}%` : "";
        out.write(`\r\x1b[2KDownloading the embedding model ${modelId}:${share} ${mb(loaded)}${total ? ` of ${mb(total)}` : ""}`);
        lineOpen = true;
      } else if (total) {
        const reached = Math.min(3, Math.floor((4 * loaded) / total));
        if (reached > quarter) {
          quarter = reached;
          out.write(`Downloading the embedding model: ${25 * reached}% (${mb(loaded)} of ${mb(total)})\n`);
        }
      }
    },
    finish(ok) {
      if (lineOpen) out.write("\n");
      lineOpen = false;
      if (started === null) return;
      const { loaded } = sums();
      const seconds = ((now() - started) / 1000).toFixed(1);
      out.write(ok ? `Downloaded the embedding model ${modelId} (${mb(loaded)}) in ${seconds} s.\n` : `The embedding model download stopped after ${mb(loaded)}.\n`);
      started = null;
    },
  };
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
