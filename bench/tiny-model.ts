// The embedding model of the benchmark: the tiny test model (no model hub is reachable here, and a benchmark
// must not depend on one). It runs the real transformers.js + onnxruntime path, so embedding *time* is only
// indicative: MiniLM does far more work per token.
import type { Embedder } from "../src/embedding/embedder.js";
import { openEmbedder } from "../src/embedding/embedder.js";

export interface ModelRef {
  modelDir: string;
  modelId: string;
}

export function openModel(model: ModelRef): Promise<Embedder> {
  return openEmbedder({ modelId: model.modelId, modelDir: model.modelDir, allowRemote: false, downloadTimeoutMs: 1000 });
}

/**
 * Stands in for the model when the question vectors are precomputed: openEngine then loads the vector index
 * (it does only with an embedder), and the process's memory is the engine's alone, "excluding the model".
 */
export function precomputedOnly(model: ModelRef, dimensions: number, maxTokens: number): Embedder {
  const refuse = (): never => {
    throw new Error("the benchmark passes queryVector; the model is not loaded in this process");
  };
  return { modelId: model.modelId, dimensions, maxTokens, countTokens: refuse, embedPassages: refuse, embedQuery: refuse };
}
