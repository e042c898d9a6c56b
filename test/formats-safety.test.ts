// Safe readers: size caps on what a file inflates to and on its text (zip bombs, PDF stream bombs), a time budget
// and a memory limit per file (the worker), and fuzzing: seeded random and mutated inputs of every format give a
// transcript or a one-line reason, never a crash; a corpus full of them still answers the seed question.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx, type DocxParagraph } from "../scripts/formats/docx-writer.js";
import { makePdf } from "../scripts/formats/pdf-writer.js";
import { seededRandom } from "../scripts/seeded-random.js";
import { openEngine } from "../src/engine.js";
import { buildIndex } from "../src/index/build.js";
import { estimateTokens, passagesOfTranscript } from "../src/passages/chunk.js";
import { loadCorpus, readTranscript } from "../src/transcript/load.js";
import { TranscriptError } from "../src/transcript/parse.js";
import { readBinary } from "../src/transcript/readers/binary.js";
import { ExtractError, Extractor } from "../src/transcript/readers/extract.js";
import type { Transcript } from "../src/types.js";
import { briefingPdfPages } from "./helpers/format-samples.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.join(root, "test", "fixtures", "formats");
const SEED = "2020-03-30-miit-resumption.txt";
const MB = 1024 * 1024;

const DOCX_PARAGRAPHS: DocxParagraph[] = [
  { style: "Title", runs: ["Ferry terminal briefing"] },
  { runs: [{ text: "Island Gazette reporter:", bold: true }, " When does the terminal open?"] },
  { runs: [{ text: "Tom Hale", bold: true }, ": In March, if the roof is done."] },
];

describe("size caps on what a file inflates to and on its text", () => {
  let dir: string;
  const warnings: string[] = [];
  let transcripts: Transcript[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "briefbot-bombs-"));
    // A DOCX whose document part inflates from a few kilobytes to 8 MB.
    writeFileSync(path.join(dir, "zip-bomb.docx"), makeDocx([], { documentXmlOverride: Buffer.alloc(8 * MB, 0x20) }));
    // A PDF whose page content inflates to 8 MB (a comment line of spaces), once and twice compressed.
    const filler = `%${" ".repeat(8 * MB)}`;
    writeFileSync(path.join(dir, "stream-bomb.pdf"), makePdf([{ lines: ["Ana Moreno: Hello."], extraContent: filler }]));
    writeFileSync(path.join(dir, "double-bomb.pdf"), makePdf([{ lines: ["Ana Moreno: Hello."], extraContent: filler }], { compress: "twice" }));
    // Within the cap: read.
    writeFileSync(path.join(dir, "fine.docx"), makeDocx(DOCX_PARAGRAPHS));
    writeFileSync(path.join(dir, "fine.pdf"), makePdf([{ lines: ["Ana Moreno: Hello.", "Q: Why?", "Ana Moreno: Because."], extraContent: `%${" ".repeat(100_000)}` }]));
    transcripts = await loadCorpus(dir, (line) => warnings.push(line), { maxFileBytes: 1 * MB, allowExternalLinks: false });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("skips a DOCX zip bomb and PDF stream bombs (also nested) with one line each, reading the rest", () => {
    expect(transcripts.map((t) => t.meta.id).sort()).toEqual(["fine.docx", "fine.pdf"]);
    expect(warnings).toHaveLength(3);
    expect(warnings.find((w) => w.includes("zip-bomb.docx"))).toMatch(/: it inflates to more than 1 MB \(a zip bomb, or raise MAX_TRANSCRIPT_MB\)$/);
    expect(warnings.find((w) => w.includes("stream-bomb.pdf"))).toMatch(/: its compressed streams inflate to more than 1 MB/);
    expect(warnings.find((w) => w.includes("double-bomb.pdf"))).toMatch(/: its compressed streams inflate to more than 1 MB/);
  });

  it("caps the text the worker extracts", async () => {
    const extractor = new Extractor();
    try {
      const pdf = makePdf([{ lines: Array.from({ length: 40 }, (_, i) => `Ana Moreno: line ${i} of a long page of text.`) }]);
      await expect(extractor.extract("pdf", pdf, 200)).rejects.toThrow(/its text is larger than the limit/);
      expect((await extractor.extract("pdf", pdf, 10_000)).pages[0]).toHaveLength(40);
    } finally {
      await extractor.close();
    }
  });
});

describe("a time budget and a memory limit per file", () => {
  const script = new URL("./helpers/misbehaving-worker.mjs", import.meta.url);
  const order = (text: string) => Buffer.from(text, "latin1");

  it("stops a reader that runs past the budget, and the next file is read by a new worker", async () => {
    // The budget covers starting the next worker too: 1 s leaves room for that on a busy machine.
    const extractor = new Extractor({ script, timeoutMs: 1000 });
    try {
      const started = performance.now();
      await expect(extractor.extract("pdf", order("hang"), 1000)).rejects.toThrow(new ExtractError("reading it took longer than 1 s (the time budget for one file)"));
      expect(performance.now() - started).toBeLessThan(10_000); // a hang guard, not a speed target
      await expect(extractor.extract("pdf", order("fine"), 1000)).resolves.toMatchObject({ pages: [[["Ana Moreno: Fine.", 72, 700, 80, 11, true]]] });
    } finally {
      await extractor.close();
    }
  });

  it("a worker that runs out of memory or exits fails its file alone", async () => {
    const extractor = new Extractor({ script, timeoutMs: 20_000, maxHeapMb: 32 });
    try {
      await expect(extractor.extract("pdf", order("oom"), 1000)).rejects.toThrow(/reading it ran out of memory/);
      await expect(extractor.extract("pdf", order("exit"), 1000)).rejects.toThrow(/the reader stopped/);
      await expect(extractor.extract("pdf", order("fine"), 1000)).resolves.toBeTruthy();
    } finally {
      await extractor.close();
    }
  });

  it("through the build: a PDF over the budget is skipped with one line, the rest indexes", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "briefbot-slow-"));
    try {
      writeFileSync(path.join(dir, "slow.pdf"), makePdf(briefingPdfPages()));
      writeFileSync(path.join(dir, SEED), readFileSync(path.join(root, "corpus", SEED)));
      const warnings: string[] = [];
      // 1 ms: no PDF is read that fast (the worker alone takes longer to start).
      const transcripts = await loadCorpus(dir, (line) => warnings.push(line), { maxFileBytes: 50 * MB, allowExternalLinks: false, readerTimeoutMs: 1 });
      expect(transcripts.map((t) => t.meta.id)).toEqual([SEED]);
      expect(warnings).toEqual([expect.stringMatching(/^warning: skipped .*slow\.pdf: reading it took longer than 1 ms \(the time budget for one file\)$/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- fuzzing ----

const TOKENS = [
  "\n", "\n\n", " ", ":", "：", "**", "__", "*", "_", "#", "### ", "# ", "<v ", ">", "</v>", "<b>", "</b>", "<c.x>", "<ruby>", "<rt>",
  "&amp;", "&", "&#", "&lt", ";", "-->", "00:00:01.000 --> 00:00:02.000", "00:01,000 --> 00:02,000", "99:99:99,999 --> 00:00:00,000", "\n1\n",
  "[", "]", "(", ")", ">> ", "WEBVTT", "NOTE ", "STYLE\n", "{", "}", '"', "\\", "<p>", "</p>", "<strong>", "</strong>", "<script>", "<br>",
  "<main>", "<h1>", "<h3>", "<!--", "-->", "Q:", "A:", "Xu Kemin:", "SPEAKER_00", '"speaker":', '"text":', '"start":', "-1e308", "NaN", "[Music]",
  "(Laughter.)", "♪", "\u0000", "\u001b[31m", "\u202e", "\u00ad", "🙂", "é", "徐克敏：", "\uD800", "---\n", "\t", "\r\n", "\r",
];

function mutate(rand: () => number, text: string): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  if (rand() < 0.15) return Array.from({ length: 1 + Math.floor(rand() * 200) }, () => pick(TOKENS)).join("");
  let out = text;
  const operations = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < operations; i++) {
    const at = Math.floor(rand() * (out.length + 1));
    const length = Math.floor(rand() * Math.min(200, out.length - at + 1));
    switch (Math.floor(rand() * 5)) {
      case 0:
        out = out.slice(0, at) + Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(TOKENS)).join("") + out.slice(at);
        break;
      case 1:
        out = out.slice(0, at) + out.slice(at + length);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at, at + length).repeat(2 + Math.floor(rand() * 3)) + out.slice(at + length);
        break;
      case 3:
        out = out.slice(0, at);
        break;
      default:
        out = out.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + out.slice(at + 1);
    }
  }
  return out;
}

/** What any transcript must satisfy: turns with text, marks in order inside their text, passages cut from it. */
function checkTranscript(t: Transcript): void {
  expect(t.turns.length).toBeGreaterThan(0);
  const texts = [{ text: t.announcement, marks: t.announcementMarks }, ...t.turns];
  for (const { text, marks } of texts) {
    expect(typeof text).toBe("string");
    let last = -1;
    for (const mark of marks ?? []) {
      expect(mark.at).toBeGreaterThan(last);
      expect(mark.at).toBeLessThan(Math.max(1, text.length));
      if (mark.start !== undefined) expect(Number.isFinite(mark.start) && mark.end! >= mark.start).toBe(true);
      last = mark.at;
    }
  }
  for (const p of passagesOfTranscript(t, { countTokens: estimateTokens, maxTokens: 256, targetTokens: 128 })) {
    const source = p.turn === -1 ? t.announcement : t.turns[p.turn]!.text;
    expect(source.slice(p.start, p.end)).toBe(p.text);
    if (p.startTime !== undefined) expect(p.endTime! >= p.startTime).toBe(true);
  }
}

// [file name, fixture mutated, how many of the inputs must still parse (the test would pass vacuously if none did)]
const TEXT_FORMATS: [string, string, number][] = [
  ["fuzz.md", "2021-10-05-quay-works.md", 30],
  ["fuzz.vtt", "2021-06-14-harbour-ferry.vtt", 30],
  ["fuzz.srt", "2021-06-21-ferry-call.srt", 30],
  ["fuzz.json", "2022-03-08-river-levels.json", 5], // a mutation rarely leaves JSON valid
  ["fuzz.html", "2021-09-02-harbour-page.html", 30],
];
const PER_FORMAT = 300;

describe("fuzzing the readers (seeded: the same inputs on every run)", () => {
  const kept: { name: string; bytes: Buffer }[] = [];

  for (const [name, source, mustParse] of TEXT_FORMATS) {
    it(`${PER_FORMAT} random and mutated ${path.extname(name)} files: a transcript or a one-line TranscriptError, never a crash`, () => {
      const base = readFileSync(path.join(fixtures, source), "utf8");
      const rand = seededRandom(0x5eed + name.length * 7919 + name.charCodeAt(6));
      let parsed = 0;
      for (let i = 0; i < PER_FORMAT; i++) {
        const input = mutate(rand, base);
        const bytes = Buffer.from(input);
        try {
          checkTranscript(readTranscript(name, bytes));
          parsed++;
        } catch (error) {
          if (!(error instanceof TranscriptError)) throw new Error(`input ${i} of ${name} (${JSON.stringify(input.slice(0, 300))}): ${String(error)}`);
          expect(error.message).not.toContain("\n");
        }
        if (i % 20 === 0) kept.push({ name: `${i}-${name}`, bytes });
      }
      expect(parsed).toBeGreaterThan(mustParse);
    });
  }

  it("150 mutated PDFs and 150 mutated DOCX files through the worker: each read or skipped with one line", async () => {
    const extractor = new Extractor({ timeoutMs: 20_000 });
    const rand = seededRandom(0xfdf);
    const pdf = makePdf(briefingPdfPages());
    const plainPdf = makePdf(briefingPdfPages(), { compress: false });
    const docx = makeDocx(DOCX_PARAGRAPHS);
    const mutateBytes = (bytes: Buffer): Buffer => {
      const out = Buffer.from(bytes);
      const kind = rand();
      if (kind < 0.3) return out.subarray(0, Math.floor(rand() * out.length)); // truncated
      for (let i = 0, n = 1 + Math.floor(rand() * 12); i < n; i++) out[Math.floor(rand() * out.length)] = Math.floor(rand() * 256);
      if (kind > 0.8) return Buffer.concat([out, Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256)))]);
      return out;
    };
    let read = 0;
    try {
      for (let i = 0; i < 300; i++) {
        const format = i < 150 ? "pdf" : "docx";
        let bytes: Buffer;
        if (format === "docx") {
          // Half the time the bytes are mangled; otherwise the XML inside is (a well-formed archive of broken Word XML).
          bytes = rand() < 0.5 ? mutateBytes(docx) : makeDocx([], { documentXmlOverride: Buffer.from(mutate(rand, readDocumentXml())) });
        } else {
          // The uncompressed PDF keeps its text readable to mutation; the compressed one tests the stream checks.
          bytes = rand() < 0.5 ? mutateBytes(pdf) : Buffer.from(mutate(rand, plainPdf.toString("latin1")), "latin1");
        }
        try {
          const layout = await readBinary(`fuzz-${i}.${format}`, format, bytes, extractor, { maxBytes: 4 * MB });
          expect(typeof layout.body).toBe("string");
          read++;
        } catch (error) {
          if (!(error instanceof TranscriptError)) throw new Error(`${format} input ${i}: ${String(error)}`);
          expect(error.message).not.toContain("\n");
        }
        if (i % 25 === 0) kept.push({ name: `${i}-fuzz.${format}`, bytes });
      }
    } finally {
      await extractor.close();
    }
    expect(read).toBeGreaterThan(30);
  });

  it("a corpus of fuzzed files beside the seed briefing builds, warns one line per broken file, and still answers the seed question", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "briefbot-fuzzed-"));
    const indexDir = mkdtempSync(path.join(os.tmpdir(), "briefbot-fuzzed-index-"));
    try {
      writeFileSync(path.join(dir, SEED), readFileSync(path.join(root, "corpus", SEED)));
      for (const { name, bytes } of kept) writeFileSync(path.join(dir, name), bytes);
      const warnings: string[] = [];
      const summary = await buildIndex({ corpusDir: dir, indexDir, embedder: null, warn: (line) => warnings.push(line) });
      expect(summary.transcripts).toBeGreaterThan(1);
      expect(warnings.every((w) => /^warning: /.test(w) && !w.includes("\n"))).toBe(true);
      const engine = await openEngine({ corpusDir: dir, indexDir, embedding: null, warn: () => {}, buildIfMissing: false });
      const answer = await engine.ask("How many people are back at work at Foxconn?", { transcript: SEED });
      expect(answer.found).toBe(true);
      expect(answer.hits[0]).toMatchObject({ speaker: "Xu Kemin", source: { transcript: SEED } });
      engine.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(indexDir, { recursive: true, force: true });
    }
  });
});

function readDocumentXml(): string {
  return makeDocx(DOCX_PARAGRAPHS, { compress: false }).toString("utf8").match(/<\?xml[^]*?<w:document[^]*?<\/w:document>/)![0];
}
