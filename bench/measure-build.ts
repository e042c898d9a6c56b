// Worker: one briefbot index build (cold, no-op "up to date" check, or forced rebuild) of one corpus, one mode.
import { statSync } from "node:fs";
import { join } from "node:path";
import { buildIndex } from "../src/index/build.js";
import { worker } from "./child.js";
import { openModel, type ModelRef } from "./tiny-model.js";

export interface BuildArgs {
  corpusDir: string;
  indexDir: string;
  /** null: lexical mode. */
  model: ModelRef | null;
  variant: "cold" | "noop" | "force";
}

export interface BuildResult {
  seconds: number;
  /** Loading the model, before the build (not in `seconds`). */
  modelSeconds: number;
  transcripts: number;
  passages: number;
  embedded: number;
  reused: number;
  upToDate: boolean;
  /** Index files on disk, bytes (the manifest and every file of the current build). */
  bytes: number;
  files: Record<string, number>;
}

worker<BuildArgs, BuildResult>(async (args) => {
  const loadStart = performance.now();
  const embedder = args.model ? await openModel(args.model) : null;
  const modelSeconds = (performance.now() - loadStart) / 1000;
  const start = performance.now();
  const summary = await buildIndex({
    corpusDir: args.corpusDir,
    indexDir: args.indexDir,
    embedder,
    force: args.variant === "force",
    warn: (line) => console.error(line),
  });
  const seconds = (performance.now() - start) / 1000;
  const files = summary.manifest.files ?? {};
  const bytes = Object.values(files).reduce((a, b) => a + b, 0) + statSync(join(args.indexDir, "manifest.json")).size;
  const { transcripts, passages, embedded, reused, upToDate } = summary;
  return { seconds, modelSeconds, transcripts, passages, embedded, reused, upToDate, bytes, files };
});
