// Worker: load the model and embed the query stream one question at a time, as the bot does. Writes the vectors
// of the distinct questions back into the question file, so every other worker searches with them precomputed.
import { writeFileSync } from "node:fs";
import { worker } from "./child.js";
import { readQuestions, type QuestionFile } from "./grow.js";
import { latency, timeStream, type Latency } from "./stats.js";
import { openModel, type ModelRef } from "./tiny-model.js";

export interface EmbedArgs {
  model: ModelRef;
  questionFile: string;
  stream: number[];
  warmup: number;
}

export interface EmbedResult {
  modelSeconds: number;
  dimensions: number;
  latency: Latency;
}

worker<EmbedArgs, EmbedResult>(async (args) => {
  const { texts } = readQuestions(args.questionFile);
  const start = performance.now();
  const embedder = await openModel(args.model);
  const modelSeconds = (performance.now() - start) / 1000;
  const samples = await timeStream(args.stream, args.warmup, null, (i) => embedder.embedQuery(texts[i]!));
  const vectors: number[][] = [];
  for (const text of texts) vectors.push(Array.from(await embedder.embedQuery(text)));
  const file: QuestionFile = { texts, vectors, dimensions: embedder.dimensions, maxTokens: embedder.maxTokens };
  writeFileSync(args.questionFile, JSON.stringify(file));
  return { modelSeconds, dimensions: embedder.dimensions, latency: latency(samples) };
});
