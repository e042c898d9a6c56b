// Vectors already computed, keyed by sha256(model id + passage text): a rebuild embeds only new text.
// Binary layout: "BBEC" | u32 dimensions | u32 count | u16 model-id length | model id | count × (32-byte key, dims × f32).
import { createHash } from "node:crypto";

export type EmbeddingCache = Map<string, Float32Array>;

const MAGIC = "BBEC";

export function cacheKey(modelId: string, text: string): string {
  return createHash("sha256").update(modelId).update("\0").update(text).digest("hex");
}

export function encodeCache(modelId: string, dimensions: number, cache: EmbeddingCache): Buffer {
  const model = Buffer.from(modelId, "utf8");
  const header = Buffer.alloc(4 + 4 + 4 + 2);
  header.write(MAGIC, 0, "ascii");
  header.writeUInt32LE(dimensions, 4);
  header.writeUInt32LE(cache.size, 8);
  header.writeUInt16LE(model.length, 12);
  const entries = Buffer.alloc(cache.size * (32 + dimensions * 4));
  let offset = 0;
  for (const [key, vector] of cache) {
    entries.write(key, offset, "hex");
    Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(entries, offset + 32);
    offset += 32 + dimensions * 4;
  }
  return Buffer.concat([header, model, entries]);
}

/** The cache for `modelId` and `dimensions`; empty when the bytes are for another model or damaged. */
export function decodeCache(bytes: Buffer | null, modelId: string, dimensions: number): EmbeddingCache {
  const cache: EmbeddingCache = new Map();
  if (!bytes || bytes.length < 14 || bytes.toString("ascii", 0, 4) !== MAGIC) return cache;
  const dims = bytes.readUInt32LE(4);
  const count = bytes.readUInt32LE(8);
  const modelLength = bytes.readUInt16LE(12);
  const model = bytes.toString("utf8", 14, 14 + modelLength);
  const start = 14 + modelLength;
  const entrySize = 32 + dims * 4;
  if (model !== modelId || dims !== dimensions || bytes.length !== start + count * entrySize) return cache;
  for (let i = 0; i < count; i++) {
    const offset = start + i * entrySize;
    const vector = new Float32Array(dims);
    Buffer.from(vector.buffer).set(bytes.subarray(offset + 32, offset + entrySize));
    cache.set(bytes.toString("hex", offset, offset + 32), vector);
  }
  return cache;
}
