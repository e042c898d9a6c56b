// Opening the index for questions: the manifest checked against the model in use, every file read and checked, and
// the vectors loaded for searches of the retrieval's depth. Each problem is one IndexError line that says how to rebuild.
import type { Embedder } from "../embedding/embedder.js";
import type { Passage, Transcript } from "../types.js";
import { loadLexicalIndex, type LexicalIndex } from "./lexical.js";
import { IndexError, readIndexFiles, readManifest, REBUILD_HINT } from "./store.js";
import { readVectorIndex, type VectorIndex } from "./vectors.js";
import { parseVocabulary, type Vocabulary } from "./vocabulary.js";

export interface OpenedIndex {
  transcripts: Transcript[];
  passages: Passage[];
  lexical: LexicalIndex;
  vocabulary: Vocabulary;
  /** Null without a model (keyword search), or when the index was built without one. */
  vectors: VectorIndex | null;
}

export interface OpenIndexOptions {
  /** The model questions will be embedded with; null for keyword search (the vectors are not read). */
  embedder: Pick<Embedder, "modelId" | "dimensions"> | null;
  /** How many nearest passages a vector search asks for (RetrievalParams.depth). */
  depth: number;
  warn: (line: string) => void;
}

export function openIndex(indexDir: string, options: OpenIndexOptions): OpenedIndex {
  const { embedder } = options;
  const manifest = readManifest(indexDir);
  if (manifest.model && embedder && manifest.model !== embedder.modelId) {
    throw new IndexError(`the index in ${indexDir} was built with model ${manifest.model}, but EMBEDDING_MODEL is ${embedder.modelId}: ${REBUILD_HINT}`);
  }
  if (manifest.model && embedder && manifest.dimensions !== embedder.dimensions) {
    throw new IndexError(`the index in ${indexDir} has ${manifest.dimensions}-dimensional vectors, the model makes ${embedder.dimensions}: ${REBUILD_HINT}`);
  }
  if (!manifest.model && embedder) {
    options.warn(`warning: the index in ${indexDir} was built without the embedding model; keyword search only until you ${REBUILD_HINT}`);
  }
  const files = readIndexFiles(indexDir, manifest);
  let lexical;
  try {
    lexical = loadLexicalIndex(files.lexical);
  } catch {
    throw new IndexError(`the lexical index in ${indexDir} is corrupt: ${REBUILD_HINT}`);
  }
  let vocabulary;
  try {
    vocabulary = parseVocabulary(files.vocabulary);
  } catch {
    throw new IndexError(`the vocabulary in ${indexDir} is corrupt: ${REBUILD_HINT}`);
  }
  const vectors = embedder && files.vectorsPath ? readVectors(files.vectorsPath, manifest.dimensions!, files.passages.length, options.depth) : null;
  return { transcripts: files.transcripts, passages: files.passages, lexical, vocabulary, vectors };
}

function readVectors(path: string, dimensions: number, count: number, depth: number): VectorIndex {
  let index;
  try {
    index = readVectorIndex(path, dimensions, depth);
  } catch {
    throw new IndexError(`${path} is corrupt: ${REBUILD_HINT}`);
  }
  if (index.getCurrentCount() !== count) throw new IndexError(`${path} does not match passages.json: ${REBUILD_HINT}`);
  return index;
}
