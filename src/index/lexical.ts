// The BM25 half of the index as built and stored: an inverted index over passage text, the speaker's label and
// role, the question answered and the rest of the exchange, held in flat typed arrays, and its file format.
// Searching it is src/retrieval/lexical.ts.
//
// Why not a library: MiniSearch (used before) scored the same way but allocated an object per matching document
// per term and kept its index in nested Maps. At 100k passages a query took ~650 ms, loading the index 5.5 s and
// 1.3 GB of memory (npm run bench). Postings in typed arrays and one reusable score buffer do the same BM25
// (MiniSearch's formula and defaults, so rankings are unchanged; test/lexical.test.ts checks it) in about 3 ms
// at that size, and load as views onto the file instead of being parsed.
import type { Passage } from "../types.js";
import { termOf, words } from "../text/terms.js";

export interface LexicalDocument {
  id: number; // position in passages.json
  text: string;
  speaker: string;
  /** The question the passage's turn answers, for the turn's first passage... */
  question: string;
  /**
   * ...and for its later passages, a field of its own, weighed less: the question says what the start of an answer is
   * about more than where a long answer goes next.
   */
  laterQuestion: string;
  /** The rest of the exchange: the whole turn, and for a question the answers it got. */
  context: string;
}

export const FIELDS = ["text", "speaker", "question", "laterQuestion", "context"] as const;
export type Field = (typeof FIELDS)[number];
export type FieldBoost = Record<Field, number>;

/** What the lexical index sees of a passage: its words, who said them, and the question they answer. */
export function lexicalDocument(index: number, passage: Passage, questionText: string | null, context: string): LexicalDocument {
  return {
    id: index,
    text: passage.text,
    speaker: passage.role ? `${passage.speaker} ${passage.role}` : passage.speaker,
    question: passage.part === 0 ? (questionText ?? "") : "",
    laterQuestion: passage.part === 0 ? "" : (questionText ?? ""),
    context,
  };
}

export interface FieldPostings {
  /** Postings of term t are positions offsets[t] .. offsets[t+1] of docs/frequencies, documents ascending. */
  offsets: Uint32Array;
  docs: Uint32Array;
  frequencies: Uint16Array;
  /** Distinct words of each document's field (stopwords included), for length normalisation. */
  lengths: Uint32Array;
  averageLength: number;
}

export interface LexicalIndex {
  documentCount: number;
  termIds: Map<string, number>;
  terms: string[];
  fields: FieldPostings[];
  /** Passages whose text, speaker or question contains each term: weighs terms by rarity for "not found" and quotes. */
  documentFrequency: Map<string, number>;
  /** Per-query scratch space, reused: one score and one matched weight (src/retrieval/lexical.ts) per document. */
  scratch: { scores: Float64Array; matched: Uint32Array; lastTerm: Int32Array; touched: Uint32Array };
}

/** Growable list of unsigned 32-bit numbers: postings are collected here before they are sorted by term. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

export function buildLexicalIndex(documents: readonly LexicalDocument[]): LexicalIndex {
  const termIds = new Map<string, number>();
  const termList: string[] = [];
  const idOf = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = termList.length;
      termIds.set(term, id);
      termList.push(term);
    }
    return id;
  };
  const termIdOfWord = (word: string) => {
    const term = termOf(word);
    return term === null ? -1 : idOf(term);
  };
  const n = documents.length;
  const collected = FIELDS.map(() => ({ terms: new U32List(), docs: new U32List(), frequencies: new U32List(), lengths: new Uint32Array(n) }));
  // Passages whose text, speaker or question (not the wider context) contain each term, by term id.
  const documentFrequency: number[] = [];
  const inDocument = new Set<number>();
  // Consecutive passages of a turn repeat its question and context: count a field's words once per distinct text.
  const previous = FIELDS.map(() => ({ text: null as string | null, length: 0, frequencies: new Map<number, number>() }));
  documents.forEach((document, doc) => {
    if (document.id !== doc) throw new Error(`lexical document ${doc} has id ${document.id}`);
    inDocument.clear();
    FIELDS.forEach((field, f) => {
      const last = previous[f]!;
      if (document[field] !== last.text) {
        const tokens = words(document[field]);
        last.text = document[field];
        last.length = new Set(tokens).size;
        last.frequencies = new Map();
        for (const word of tokens) {
          const id = termIdOfWord(word);
          if (id >= 0) last.frequencies.set(id, (last.frequencies.get(id) ?? 0) + 1);
        }
      }
      collected[f]!.lengths[doc] = last.length;
      for (const [id, count] of last.frequencies) {
        collected[f]!.terms.push(id);
        collected[f]!.docs.push(doc);
        collected[f]!.frequencies.push(count);
        if (field !== "context") inDocument.add(id);
      }
    });
    for (const id of inDocument) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
  });
  const fields = collected.map(({ terms: termsOfPosting, docs, frequencies: counts, lengths }): FieldPostings => {
    // Counting sort by term; documents were visited in order, so each term's postings stay ascending.
    const offsets = new Uint32Array(termList.length + 1);
    for (let i = 0; i < termsOfPosting.length; i++) offsets[termsOfPosting.data[i]! + 1]!++;
    for (let t = 0; t < termList.length; t++) offsets[t + 1]! += offsets[t]!;
    const next = offsets.slice(0, termList.length);
    const sortedDocs = new Uint32Array(termsOfPosting.length);
    const sortedFrequencies = new Uint16Array(termsOfPosting.length);
    for (let i = 0; i < termsOfPosting.length; i++) {
      const slot = next[termsOfPosting.data[i]!]!++;
      sortedDocs[slot] = docs.data[i]!;
      sortedFrequencies[slot] = Math.min(counts.data[i]!, 0xffff);
    }
    return { offsets, docs: sortedDocs, frequencies: sortedFrequencies, lengths, averageLength: average(lengths) };
  });
  return assemble(n, termList, fields, termList.map((_, id) => documentFrequency[id] ?? 0));
}

function average(values: Uint32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length > 0 ? sum / values.length : 0;
}

/** `documentFrequency` is parallel to `termList`; 0 for a term found only in the context field. */
function assemble(documentCount: number, termList: string[], fields: FieldPostings[], documentFrequency: readonly number[]): LexicalIndex {
  return {
    documentCount,
    termIds: new Map(termList.map((term, id) => [term, id])),
    terms: termList,
    fields,
    documentFrequency: new Map(termList.flatMap((term, id) => (documentFrequency[id]! > 0 ? [[term, documentFrequency[id]!]] : []))),
    scratch: {
      scores: new Float64Array(documentCount),
      matched: new Uint32Array(documentCount),
      lastTerm: new Int32Array(documentCount).fill(-1),
      touched: new Uint32Array(documentCount),
    },
  };
}

// On disk: "BBLX", the header's length, a JSON header (terms, counts, document frequencies), then every array's
// bytes, each starting at a multiple of 4 so that loading is a view onto the file, not a parse.
const MAGIC = "BBLX";

interface Header {
  version: 1;
  documentCount: number;
  terms: string[];
  /** Parallel to terms; 0 for a term found only in the context field. */
  documentFrequency: number[];
  fields: { name: string; postings: number; averageLength: number }[];
}

export function serialiseLexicalIndex(index: LexicalIndex): Buffer {
  const header: Header = {
    version: 1,
    documentCount: index.documentCount,
    terms: index.terms,
    documentFrequency: index.terms.map((term) => index.documentFrequency.get(term) ?? 0),
    fields: index.fields.map((f, i) => ({ name: FIELDS[i]!, postings: f.docs.length, averageLength: f.averageLength })),
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const parts: Buffer[] = [Buffer.from(MAGIC, "latin1"), u32(json.length), padded(json)];
  for (const f of index.fields) parts.push(bytes(f.offsets), bytes(f.docs), padded(bytes(f.frequencies)), bytes(f.lengths));
  return Buffer.concat(parts);
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b;
}

function bytes(array: Uint32Array | Uint16Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function padded(b: Buffer): Buffer {
  return b.length % 4 === 0 ? b : Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]);
}

/** Throws on malformed input; the caller turns that into an IndexError. */
export function loadLexicalIndex(file: Buffer): LexicalIndex {
  if (file.length < 8 || file.toString("latin1", 0, 4) !== MAGIC) throw new Error("not a lexical index");
  // Typed-array views need 4-byte alignment; a file read on its own starts aligned, a pooled buffer may not.
  const data = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  const headerLength = data.readUInt32LE(4);
  if (8 + headerLength > data.length) throw new Error("truncated header");
  const header = JSON.parse(data.toString("utf8", 8, 8 + headerLength)) as Header;
  const n = header.documentCount;
  const termCount = header.terms.length;
  if (header.version !== 1 || header.fields.length !== FIELDS.length || header.documentFrequency.length !== termCount) {
    throw new Error("unexpected header");
  }
  let offset = 8 + headerLength + ((4 - (headerLength % 4)) % 4);
  const view = <T>(make: (buffer: ArrayBuffer, byteOffset: number, length: number) => T, length: number, width: number): T => {
    const byteLength = length * width;
    if (offset + byteLength > data.length) throw new Error("truncated arrays");
    const array = make(data.buffer as ArrayBuffer, data.byteOffset + offset, length);
    offset += byteLength + ((4 - (byteLength % 4)) % 4);
    return array;
  };
  const fields = header.fields.map(({ name, postings, averageLength }, i): FieldPostings => {
    if (name !== FIELDS[i]) throw new Error(`unexpected field ${name}`);
    const offsets = view((b, o, l) => new Uint32Array(b, o, l), termCount + 1, 4);
    const docs = view((b, o, l) => new Uint32Array(b, o, l), postings, 4);
    const frequencies = view((b, o, l) => new Uint16Array(b, o, l), postings, 2);
    const lengths = view((b, o, l) => new Uint32Array(b, o, l), n, 4);
    for (let t = 0; t < termCount; t++) if (offsets[t]! > offsets[t + 1]!) throw new Error("postings out of order");
    if (offsets[termCount] !== postings) throw new Error("postings count mismatch");
    let last = 0;
    for (let i = 0; i < docs.length; i++) last = docs[i]! > last ? docs[i]! : last;
    if (docs.length > 0 && last >= n) throw new Error("posting beyond the last document");
    return { offsets, docs, frequencies, lengths, averageLength };
  });
  if (offset !== data.length) throw new Error("unexpected trailing bytes");
  return assemble(n, header.terms, fields, header.documentFrequency);
}
