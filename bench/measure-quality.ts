// Worker: hit@1 / hit@5 / MRR@10 of briefbot and of the peer on annotated questions, scored as scripts/eval.ts
// scores briefbot: each question searched within its own transcript, top 10; a hit is a returned passage that
// lies inside one of the question's relevant turns.
import { buildIndex } from "../src/index/build.js";
import { openEngine } from "../src/engine.js";
import { worker } from "./child.js";
import { readAnnotated } from "./grow.js";
import { buildPeer, peerInput, searchPeer } from "./orama.js";
import { openModel, type ModelRef } from "./tiny-model.js";

export interface QualityArgs {
  dataDir: string;
  indexDir: string;
  model: ModelRef | null;
}

export interface Quality {
  hitAt1: number;
  hitAt5: number;
  mrrAt10: number;
}

export interface QualityResult {
  questions: number;
  passages: number;
  briefbot: Quality;
  peer: Quality;
}

const TOP = 10;

/** Position of the first returned turn that is relevant, or -1. */
export function firstHit(turns: readonly number[], relevant: readonly number[]): number {
  const wanted = new Set(relevant);
  return turns.findIndex((turn) => wanted.has(turn));
}

export function score(ranks: readonly number[]): Quality {
  const n = Math.max(1, ranks.length);
  return {
    hitAt1: ranks.filter((r) => r === 0).length / n,
    hitAt5: ranks.filter((r) => r >= 0 && r < 5).length / n,
    mrrAt10: ranks.reduce((sum, r) => sum + (r >= 0 && r < TOP ? 1 / (r + 1) : 0), 0) / n,
  };
}

worker<QualityArgs, QualityResult>(async (args) => {
  const questions = readAnnotated(args.dataDir);
  if (!questions) throw new Error(`no queries.jsonl in ${args.dataDir}`);
  const embedder = args.model ? await openModel(args.model) : null;
  const warn = (line: string) => console.error(line);
  const built = await buildIndex({ corpusDir: args.dataDir, indexDir: args.indexDir, embedder, warn });
  const engine = await openEngine({ corpusDir: args.dataDir, indexDir: args.indexDir, embedding: null, embedder, buildIfMissing: false, warn });
  const peer = await buildPeer(peerInput(args.indexDir, !!embedder));
  const ours: number[] = [];
  const theirs: number[] = [];
  for (const q of questions) {
    const answer = await engine.ask(q.query, { transcript: q.transcript, top: TOP });
    ours.push(firstHit(answer.hits.map((h) => h.source.turn), q.relevant_turns));
    const vector = embedder ? await embedder.embedQuery(q.query.trim()) : null;
    const hits = await searchPeer(peer, q.query, vector, { limit: TOP, transcript: q.transcript });
    theirs.push(firstHit(hits.map((h) => h.turn), q.relevant_turns));
  }
  engine.close();
  return { questions: questions.length, passages: built.passages, briefbot: score(ours), peer: score(theirs) };
});
