// The vector half of the index: an HNSW graph (hnswlib-node) over the passages' vectors. The only module that
// imports hnswlib; the graph's parameters are named and explained here, not passed as bare numbers.
import hnswlib from "hnswlib-node";

/** The distance the graph is built for: the vectors are normalised, so cosine ranks as meaning-closeness. */
export const SPACE = "cosine";

export type VectorIndex = hnswlib.HierarchicalNSW;

// hnswlib's own defaults, written out so that a change is made here, in one place, knowingly.
/** M: links each passage keeps to its neighbours. More links find neighbours more surely and cost memory and build time. */
const LINKS_PER_PASSAGE = 16;
/** efConstruction: candidates weighed when a passage is linked in. More gives a better graph and a slower build. */
const BUILD_CANDIDATES = 200;
/** The seed of the random levels passages are placed on: one corpus always gives the same graph. */
const LEVEL_SEED = 100;
/**
 * ef's floor: candidates kept while a query walks the graph (more: nearer to exact, and slower). A search asks for
 * `depth` nearest passages (the retrieval depth, RetrievalParams.depth), so ef is never below that; a shallow search
 * still weighs this many, since HNSW with very few candidates misses true nearest passages.
 */
const MIN_SEARCH_CANDIDATES = 64;

/** The graph over `vectors`, passage i under label i. */
export function buildVectorIndex(dimensions: number, vectors: readonly Float32Array[]): VectorIndex {
  const index = new hnswlib.HierarchicalNSW(SPACE, dimensions);
  index.initIndex(Math.max(1, vectors.length), LINKS_PER_PASSAGE, BUILD_CANDIDATES, LEVEL_SEED);
  vectors.forEach((vector, label) => index.addPoint(Array.from(vector), label));
  return index;
}

/** The graph written at `path`, ready for searches `depth` deep. Throws on a file hnswlib cannot read. */
export function readVectorIndex(path: string, dimensions: number, depth: number): VectorIndex {
  const index = new hnswlib.HierarchicalNSW(SPACE, dimensions);
  index.readIndexSync(path);
  index.setEf(Math.max(MIN_SEARCH_CANDIDATES, depth));
  return index;
}
