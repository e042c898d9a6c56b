// The peer: Orama (@orama/orama), a well-known in-process JS search engine with BM25 full-text and hybrid
// (full-text + vector) search. It gets exactly briefbot's passages (read from briefbot's index folder) and, in
// hybrid mode, the same passage and question vectors. Configuration is what an Orama user would write for this
// data: each passage's text, speaker (label and role) and the question it answers, weighted 1 / 0.5 / 0.35 as
// briefbot weighs those fields; Orama's built-in English stemmer on and a standard English stop-word list (Orama
// ships none in its core; its docs point to one); everything else default, except the vector similarity floor
// (PEER_SIMILARITY). It is set up once here and not tuned along with briefbot.
import { create, insertMultiple, load, save, search, type AnyOrama, type RawData } from "@orama/orama";
import type { Passage, Transcript } from "../src/types.js";
import { cacheKey, decodeCache } from "../src/index/embedding-cache.js";
import { readEmbeddingCache, readIndexFiles, readManifest } from "../src/index/store.js";
import { questionText } from "../src/passages/exchange.js";

/**
 * Orama's default drops vector matches below cosine 0.8; with the tiny test model few questions reach that, and
 * hybrid would then be full-text only. 0.5 is the floor briefbot itself uses to call a vector match "found".
 */
export const PEER_SIMILARITY = 0.5;

/** NLTK's English stop words, the list most English search set-ups start from. */
const STOP_WORDS = (
  "i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself yourselves he him his himself " +
  "she she's her hers herself it it's its itself they them their theirs themselves what which who whom this that that'll " +
  "these those am is are was were be been being have has had having do does did doing a an the and but if or because as " +
  "until while of at by for with about against between into through during before after above below to from up down in " +
  "out on off over under again further then once here there when where why how all any both each few more most other some " +
  "such no nor not only own same so than too very s t can will just don don't should should've now d ll m o re ve y ain " +
  "aren aren't couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma mightn " +
  "mightn't mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren weren't won won't wouldn wouldn't"
).split(" ");

const BOOST = { text: 1, speaker: 0.5, question: 0.35 };

export interface PeerDocument {
  id: string;
  text: string;
  speaker: string;
  question: string;
  transcript: string;
  /** Not indexed (outside the schema): what a hit is scored by. */
  turn: number;
  embedding?: number[];
}

export interface PeerInput {
  documents: PeerDocument[];
  dimensions: number | null;
}

/** briefbot's passages of a built index, as Orama documents (with briefbot's vectors when it has them). */
export function peerInput(indexDir: string, withVectors: boolean): PeerInput {
  const manifest = readManifest(indexDir);
  const files = readIndexFiles(indexDir, manifest);
  const byId = new Map<string, Transcript>(files.transcripts.map((t) => [t.meta.id, t]));
  const vectors = withVectors && manifest.model ? decodeCache(readEmbeddingCache(indexDir), manifest.model, manifest.dimensions!) : null;
  const documents = files.passages.map((p: Passage, i): PeerDocument => {
    const doc: PeerDocument = {
      id: String(i),
      text: p.text,
      speaker: p.role ? `${p.speaker} ${p.role}` : p.speaker,
      question: questionText(byId.get(p.transcript), p) ?? "",
      transcript: p.transcript,
      turn: p.turn,
    };
    if (vectors) {
      const vector = vectors.get(cacheKey(manifest.model!, p.text));
      if (!vector) throw new Error(`no vector for passage ${p.id} in ${indexDir}`);
      doc.embedding = Array.from(vector);
    }
    return doc;
  });
  return { documents, dimensions: vectors ? manifest.dimensions : null };
}

export function createPeer(dimensions: number | null): AnyOrama {
  const schema: Record<string, string> = { text: "string", speaker: "string", question: "string", transcript: "enum" };
  if (dimensions) schema.embedding = `vector[${dimensions}]`;
  return create({ schema: schema as never, components: { tokenizer: { language: "english", stemming: true, stopWords: STOP_WORDS } } });
}

export async function buildPeer(input: PeerInput): Promise<AnyOrama> {
  const db = createPeer(input.dimensions);
  await insertMultiple(db, input.documents as never[], 1000);
  return db;
}

/** Orama has no on-disk format of its own; save() gives plain data that a JSON file holds. */
export function serialisePeer(db: AnyOrama): string {
  return JSON.stringify(save(db));
}

export function loadPeer(json: string, dimensions: number | null): AnyOrama {
  const db = createPeer(dimensions);
  load(db, JSON.parse(json) as RawData);
  return db;
}

export interface PeerHit {
  transcript: string;
  turn: number;
}

/** Top `limit` passages for a question; hybrid when a vector is given. */
export async function searchPeer(
  db: AnyOrama,
  question: string,
  vector: Float32Array | null,
  options: { limit: number; transcript?: string },
): Promise<PeerHit[]> {
  const common = {
    term: question,
    properties: Object.keys(BOOST),
    boost: BOOST,
    limit: options.limit,
    ...(options.transcript ? { where: { transcript: { eq: options.transcript } } } : {}),
  };
  const params = vector
    ? { ...common, mode: "hybrid" as const, vector: { value: vector, property: "embedding" }, similarity: PEER_SIMILARITY }
    : common;
  const result = await search(db, params as never);
  return result.hits.map((hit) => {
    const doc = hit.document as unknown as PeerDocument;
    return { transcript: doc.transcript, turn: doc.turn };
  });
}
