// Worker: the peer, in the same two phases as briefbot. "build": index briefbot's passages (and vectors) in
// Orama and save it to disk. "query": load the saved index and time the same query stream.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { worker } from "./child.js";
import { readQuestions } from "./grow.js";
import { buildPeer, loadPeer, peerInput, searchPeer, serialisePeer } from "./orama.js";
import { latency, timeStream, type Budget, type Latency } from "./stats.js";

export interface PeerArgs {
  phase: "build" | "query";
  /** briefbot's index of the same corpus and mode: the passages (and vectors) to index. */
  indexDir: string;
  hybrid: boolean;
  /** Where the Orama index is saved. */
  file: string;
  questionFile: string;
  stream: number[];
  warmup: number;
  budget: Budget | null;
  /** Hits per question, as briefbot's default answer. */
  top: number;
}

export interface PeerBuildResult {
  documents: number;
  /** Orama's insertMultiple of every passage. */
  insertSeconds: number;
  /** save() + JSON + write. */
  saveSeconds: number;
  seconds: number;
  bytes: number;
}

export interface PeerQueryResult {
  startupSeconds: number;
  latency: Latency;
  rssAfterStartupMb: number;
}

worker<PeerArgs, PeerBuildResult | PeerQueryResult>(async (args) => {
  if (args.phase === "build") {
    const input = peerInput(args.indexDir, args.hybrid); // reading briefbot's files is not Orama's time
    const start = performance.now();
    const db = await buildPeer(input);
    const inserted = performance.now();
    writeFileSync(args.file, serialisePeer(db));
    const saved = performance.now();
    return {
      documents: input.documents.length,
      insertSeconds: (inserted - start) / 1000,
      saveSeconds: (saved - inserted) / 1000,
      seconds: (saved - start) / 1000,
      bytes: statSync(args.file).size,
    };
  }
  const questions = readQuestions(args.questionFile);
  const start = performance.now();
  const db = loadPeer(readFileSync(args.file, "utf8"), args.hybrid ? questions.dimensions : null);
  const startupSeconds = (performance.now() - start) / 1000;
  const rssAfterStartupMb = process.memoryUsage().rss / 2 ** 20;
  const ask = (i: number) => searchPeer(db, questions.texts[i]!, args.hybrid ? questions.vectors![i]! : null, { limit: args.top });
  const samples = await timeStream(args.stream, args.warmup, args.budget, ask);
  return { startupSeconds, latency: latency(samples), rssAfterStartupMb };
});
