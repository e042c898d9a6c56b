// Fuzz: a few hundred seeded random and mutated transcripts, each put beside a copy of the seed briefing. Whatever
// the file holds, the build must not crash, every warning must be one line naming the file, nothing printed may
// carry a control character, and the seed must still answer its Foxconn question. Seeded: a failure names the
// case that reproduces it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../scripts/seeded-random.js";
import { openEngine } from "../src/engine.js";
import { answerReply } from "../src/discord/views/answers.js";
import { answerAsJson, answerAsText } from "../src/present/text.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEED = "2020-03-30-miit-resumption.txt";
const seedBytes = readFileSync(path.join(root, "corpus", SEED));
const seedText = seedBytes.toString("utf8");
const FOXCONN = "How many people are back at work at Foxconn?";
const CASES = 300;
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

type Random = () => number;
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const int = (rand: Random, max: number) => Math.floor(rand() * max);

// Pieces a transcript (or an attack on one) is made of.
const ATOMS = [
  "Xu Kemin:", "Jane Doe: ", "Reporter:", "The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.)):", "记者：", "Q:", ":", "：",
  "\n", "\n\n", "\r", "\r\n", " ", "\t", "\u00a0", "\u3000", "(", ")", "((", ",", ", ", ".", "?", "!", "Mr. ", "U.K.", " AM", " MP,",
  "---\n", "title: x\n", "language: zh\n", "date: 2020-13-45\n", "!weird ", "&anchor ", "*alias ", "{", "}", "[", "]", '"', "\\",
  "\x1b[31m", "\x1b]0;pwned\x07", "\x1b", "\x9b", "\x9d", "\x00", "\x7f", "\u202e", "\u2066", "\ufeff", "\ud800", "😀", "e\u0301",
  "Director of Tests", "Minister", "Foxconn", "810,000", "flamingo", "http://example.org/x", "@everyone", "<@123>", "```", "> ", "# ",
];

function randomText(rand: Random, pieces: number): string {
  let text = "";
  for (let i = 0; i < pieces; i++) text += rand() < 0.15 ? pick(rand, ATOMS).repeat(1 + int(rand, 500)) : pick(rand, ATOMS);
  return text;
}

function randomBytes(rand: Random, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => int(rand, 256)));
}

/** The seed's bytes with a few edits: cuts, copies, insertions, stray bytes, runs of one piece, a truncation. */
function mutatedSeed(rand: Random): Buffer {
  let bytes = Buffer.from(seedBytes);
  for (let m = 1 + int(rand, 8); m > 0; m--) {
    const at = int(rand, bytes.length + 1);
    const span = int(rand, 2000);
    switch (int(rand, 7)) {
      case 0: bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + span)]); break;
      case 1: bytes = Buffer.concat([bytes.subarray(0, at + span), bytes.subarray(at, at + span), bytes.subarray(at + span)]); break;
      case 2: bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(randomText(rand, 1 + int(rand, 20))), bytes.subarray(at)]); break;
      case 3: bytes = Buffer.concat([bytes.subarray(0, at), randomBytes(rand, 1 + int(rand, 16)), bytes.subarray(at)]); break;
      case 4: bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(rand, ATOMS).repeat(100 + int(rand, 5000))), bytes.subarray(at)]); break;
      case 5: bytes = bytes.subarray(0, at); break;
      default: bytes = Buffer.from(bytes.toString("latin1").replace(/\n/g, () => pick(rand, ["\n", "\r", "\r\n", "\n\n", " "])), "latin1");
    }
  }
  return bytes;
}

function randomJsonValue(rand: Random, depth: number): unknown {
  const kind = int(rand, depth > 3 ? 4 : 7);
  if (kind === 0) return randomText(rand, int(rand, 6));
  if (kind === 1) return rand() * 1e6 - 5e5;
  if (kind === 2) return pick(rand, [null, true, false]);
  if (kind === 3) return pick(rand, ["", "Jane", "\u001b[31mred", "x".repeat(int(rand, 5000))]);
  if (kind === 4) return Array.from({ length: int(rand, 5) }, () => randomJsonValue(rand, depth + 1));
  if (kind === 5) return { speaker: randomJsonValue(rand, depth + 1), text: randomJsonValue(rand, depth + 1) };
  return Object.fromEntries(Array.from({ length: int(rand, 5) }, () => [pick(rand, ["turns", "title", "date", "announcement", "source", "speaker", "text", "x"]), randomJsonValue(rand, depth + 1)]));
}

function jsonTranscript(rand: Random): string {
  const turns = Array.from({ length: 1 + int(rand, 6) }, () =>
    rand() < 0.8 ? { speaker: randomText(rand, 1 + int(rand, 3)) || "X", text: randomText(rand, 1 + int(rand, 30)) } : randomJsonValue(rand, 2),
  );
  const value = rand() < 0.5 ? turns : { title: randomJsonValue(rand, 3), date: randomJsonValue(rand, 3), announcement: randomText(rand, 5), turns };
  const json = JSON.stringify(value);
  return rand() < 0.2 ? json.slice(0, int(rand, json.length)) : json; // sometimes cut short
}

/** Case `i`: a file name and its bytes. */
function fuzzCase(i: number): { name: string; bytes: Buffer; kind: string } {
  const rand = seededRandom(0xb1ef + i);
  const kind = pick(rand, ["bytes", "text", "mutated", "mutated", "json", "encoded", "front"]);
  const ext = kind === "json" ? ".json" : pick(rand, [".txt", ".md", ".json", ".txt"]);
  let bytes: Buffer;
  switch (kind) {
    case "bytes": bytes = randomBytes(rand, int(rand, 4000)); break;
    case "text": bytes = Buffer.from(randomText(rand, 1 + int(rand, 200))); break;
    case "mutated": bytes = mutatedSeed(rand); break;
    case "json": bytes = Buffer.from(jsonTranscript(rand)); break;
    case "encoded": {
      const text = rand() < 0.5 ? seedText : randomText(rand, 100);
      const le = Buffer.from(text, "utf16le");
      bytes = pick(rand, [
        Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]),
        Buffer.concat([Buffer.from([0xff, 0xfe]), le.subarray(0, le.length - 1)]), // odd length
        Buffer.from(text, "latin1"), // Windows-1252-ish
        le, // UTF-16 without a BOM
      ]);
      break;
    }
    default: bytes = Buffer.from(`---\n${randomText(rand, 1 + int(rand, 15))}\n---\n${rand() < 0.5 ? seedText : randomText(rand, 40)}`);
  }
  return { name: `fuzz-${String(i).padStart(3, "0")}${ext}`, bytes, kind };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-fuzz-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("fuzzed transcripts beside the seed", () => {
  it(`${CASES} seeded random and mutated files: no crash, one-line warnings naming the file, clean output, the seed answers`, { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    const tally = { parsed: 0, skipped: 0, byKind: {} as Record<string, number> };
    for (let i = 0; i < CASES; i++) {
      const { name, bytes, kind } = fuzzCase(i);
      tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
      const dir = path.join(tmp, String(i));
      const corpusDir = path.join(dir, "corpus");
      mkdirSync(corpusDir, { recursive: true });
      writeFileSync(path.join(corpusDir, SEED), seedBytes);
      writeFileSync(path.join(corpusDir, name), bytes);
      const warnings: string[] = [];
      try {
        const engine = await openEngine({ corpusDir, indexDir: path.join(dir, "index"), embedding: null, warn: (w) => warnings.push(w) });
        for (const w of warnings) {
          if (w.includes("\n") || !w.includes(path.join(corpusDir, name))) failures.push(`case ${i} (${kind}): warning not one line naming the file: ${JSON.stringify(w)}`);
        }
        const indexed = engine.briefings().some((b) => b.meta.id === name);
        if (indexed) tally.parsed++;
        else tally.skipped++;
        if (!indexed && !warnings.some((w) => w.startsWith(`warning: skipped ${path.join(corpusDir, name)}:`))) failures.push(`case ${i} (${kind}): skipped without a word`);

        const seed = await engine.ask(FOXCONN, { transcript: SEED });
        if (!seed.found || !seed.hits[0]?.quote.includes("810,000")) failures.push(`case ${i} (${kind}): the seed no longer answers`);
        // Questions made of the file's own words, through every presenter: nothing unsafe may come out.
        const words = bytes.toString("utf8").split(/\s+/).filter((w) => w.length > 3).slice(0, 400);
        for (const question of [FOXCONN, words.slice(int(seededRandom(i), 200), 200).slice(0, 6).join(" ") || "flamingo"]) {
          const answer = await engine.ask(question);
          const shown = [answerAsText(answer), answerAsJson(answer), JSON.stringify(answerReply(answer, { question: "q", othersKey: null })), JSON.stringify(engine.briefings())].join("");
          if (UNSAFE.test(shown)) failures.push(`case ${i} (${kind}): unsafe characters in the output for ${JSON.stringify(question)}`);
        }
        engine.close();
      } catch (error) {
        failures.push(`case ${i} (${kind}): crashed: ${error instanceof Error ? error.stack : String(error)}`);
      }
      rmSync(dir, { recursive: true, force: true });
    }
    console.info(`fuzz: ${CASES} files (${JSON.stringify(tally.byKind)}): ${tally.parsed} indexed, ${tally.skipped} skipped with a warning, ${failures.length} failures`);
    expect(failures).toEqual([]);
    expect(tally.parsed + tally.skipped).toBe(CASES);
    // The mix must exercise both paths, or the fuzzing has gone blind.
    expect(tally.parsed).toBeGreaterThan(CASES / 5);
    expect(tally.skipped).toBeGreaterThan(CASES / 10);
  });
});
