// Hostile corpora: only regular files inside the corpus folder are read, within a size cap; FIFOs and devices are
// never opened; any encoding a Windows or Chinese tool writes is decoded; escape codes never reach an answer.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openEngine } from "../src/engine.js";
import { decodeTranscript } from "../src/transcript/decode.js";
import { DEFAULT_CORPUS_READ, loadCorpus, parseCorpus, readCorpus } from "../src/transcript/load.js";
import { runNode } from "./helpers/dist.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEED = "2020-03-30-miit-resumption.txt";
const seedBytes = readFileSync(path.join(root, "corpus", SEED));
const FOXCONN = "How many people are back at work at Foxconn?";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-hostile-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
/** A corpus folder holding the seed and `files`. */
function corpus(files: Record<string, string | Buffer> = {}): string {
  const dir = path.join(tmp, `c${++counter}`, "corpus");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, SEED), seedBytes);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/** `npm run index -- --lexical` in a child process that is killed after `limitMs`: a hang fails instead of blocking CI. */
function indexInChild(corpusDir: string, indexDir: string, limitMs = 30_000, env: NodeJS.ProcessEnv = {}) {
  return runNode("src/cli/index-command.js", ["--lexical", "--corpus", corpusDir, "--index", indexDir], { cwd: root, env: { ...process.env, ...env }, timeoutMs: limitMs });
}

const lines = (text: string) => text.split("\n").filter(Boolean);

describe("only regular files inside the corpus folder are read", () => {
  it("skips a FIFO named .txt and a link to one, with a warning each, and never blocks on them", { timeout: 40_000 }, async () => {
    const dir = corpus();
    execFileSync("mkfifo", [path.join(dir, "pipe.txt")]);
    execFileSync("mkfifo", [path.join(dir, "..", "outside-fifo")]);
    mkdirSync(path.join(dir, "inner"));
    execFileSync("mkfifo", [path.join(dir, "inner", "fifo")]);
    symlinkSync(path.join(dir, "..", "outside-fifo"), path.join(dir, "x.txt"));
    symlinkSync(path.join(dir, "inner", "fifo"), path.join(dir, "y.txt")); // inside the folder, but still a FIFO
    const run = await indexInChild(dir, path.join(dir, "..", "index"));
    expect(run.signal, "the build hung on a FIFO and was killed").toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^indexed 1 transcripts/);
    const warnings = lines(run.stderr);
    // The subfolder is read too: its FIFO, with no transcript's name, is only reported as not read.
    expect(warnings).toHaveLength(4);
    expect(warnings.find((w) => w.includes("inner/fifo"))).toMatch(/inner\/fifo: briefbot does not read files without an extension/);
    expect(warnings.find((w) => w.includes("pipe.txt"))).toMatch(/^warning: skipped .*pipe\.txt: it is a FIFO \(named pipe\), not a regular file$/);
    expect(warnings.find((w) => w.includes("x.txt"))).toMatch(/x\.txt: it is a symbolic link to .*outside-fifo, outside the corpus folder/);
    expect(warnings.find((w) => w.includes("y.txt"))).toMatch(/y\.txt: it is a FIFO \(named pipe\), not a regular file$/);
  });

  it("never reads /dev/zero through a link, not even when outside links are allowed", { timeout: 40_000 }, async () => {
    const dir = corpus();
    symlinkSync("/dev/zero", path.join(dir, "z.txt"));
    const refused = await indexInChild(dir, path.join(dir, "..", "index"));
    expect(refused.signal, "the build read /dev/zero without end and was killed").toBeNull();
    expect(refused.stderr).toMatch(/z\.txt: it is a symbolic link to \/dev\/zero, outside the corpus folder \(set CORPUS_FOLLOW_EXTERNAL_LINKS=true/);
    const allowed = await indexInChild(dir, path.join(dir, "..", "index2"), 30_000, { CORPUS_FOLLOW_EXTERNAL_LINKS: "true" });
    expect(allowed.signal, "the build read /dev/zero without end and was killed").toBeNull();
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(lines(allowed.stderr)).toEqual([expect.stringMatching(/^warning: skipped .*z\.txt: it is a character device, not a regular file$/)]);
  });

  it("skips a socket named like a transcript; a folder named like one is read as a folder", async () => {
    const dir = corpus();
    mkdirSync(path.join(dir, "notes.md"));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, "socket.txt"), resolve));
    try {
      const warnings: string[] = [];
      expect((await loadCorpus(dir, (w) => warnings.push(w))).map((t) => t.meta.id)).toEqual([SEED]);
      expect(warnings).toEqual([`warning: skipped ${path.join(dir, "socket.txt")}: it is a socket, not a regular file`]);
    } finally {
      server.close();
    }
  });

  it("follows a link only when its target stays inside the corpus folder, unless the setting allows outside targets", async () => {
    const dir = corpus();
    const outside = path.join(dir, "..", "elsewhere");
    mkdirSync(outside);
    writeFileSync(path.join(outside, "notes.txt"), "Jane Doe: The flamingo budget is secret.\n");
    symlinkSync(path.join(outside, "notes.txt"), path.join(dir, "notes.txt"));
    symlinkSync("../corpus/../elsewhere/notes.txt", path.join(dir, "relative-escape.txt"));
    mkdirSync(path.join(dir, "archive"));
    writeFileSync(path.join(dir, "archive", "kept.txt"), "Jane Doe: Kept inside.\n");
    symlinkSync("archive/kept.txt", path.join(dir, "inside.txt"));
    symlinkSync(path.join(dir, "inside.txt"), path.join(dir, "link-to-link.txt")); // a chain that ends inside

    const warnings: string[] = [];
    const ids = (await loadCorpus(dir, (w) => warnings.push(w))).map((t) => t.meta.id);
    // The link's target inside the corpus is read under its own id too (subfolders are read).
    expect(ids).toEqual([SEED, "archive/kept.txt", "inside.txt", "link-to-link.txt"]);
    expect(warnings).toHaveLength(2);
    for (const name of ["notes.txt", "relative-escape.txt"]) {
      expect(warnings.find((w) => w.includes(`${name}:`))).toMatch(/symbolic link to .*elsewhere\/notes\.txt, outside the corpus folder/);
    }
    const allowed = (await loadCorpus(dir, () => {}, { ...DEFAULT_CORPUS_READ, allowExternalLinks: true })).map((t) => t.meta.id);
    expect(allowed).toEqual([SEED, "archive/kept.txt", "inside.txt", "link-to-link.txt", "notes.txt", "relative-escape.txt"]);
  });

  it("works through a corpus folder that is itself a link", async () => {
    const dir = corpus();
    writeFileSync(path.join(dir, "..", "real.txt"), "Jane Doe: hello.\n");
    const alias = path.join(dir, "..", "alias");
    symlinkSync(dir, alias);
    expect((await loadCorpus(alias, () => {})).map((t) => t.meta.id)).toEqual([SEED]);
  });

  it("skips a file over the size cap with a warning naming the limit and the setting", async () => {
    const dir = corpus({ "big.txt": `Jane Doe: ${"word ".repeat(5000)}\n` });
    const files = readCorpus(dir, { maxFileBytes: 20_000, allowExternalLinks: false });
    expect(files.map((f) => [f.name, f.bytes !== null])).toEqual([[SEED, true], ["big.txt", false]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    const warnings: string[] = [];
    await parseCorpus(files, (w) => warnings.push(w));
    expect(warnings).toEqual([`warning: skipped ${path.join(dir, "big.txt")}: it is 0.024 MB, over the 0.019 MB limit (raise MAX_TRANSCRIPT_MB to read it)`]);
  });
});

describe("encodings", () => {
  const transcript = "Xu Kemin:\n\nÇa va: the café reopened, 93.7% of staff are back.\n";

  it("decodes UTF-16 LE and BE with a byte-order mark, and UTF-8 with one, without a warning", async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(transcript, "utf16le")]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const dir = corpus({
      "le.txt": le,
      "be.txt": Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      "bom8.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(transcript)]),
    });
    const warnings: string[] = [];
    const loaded = await loadCorpus(dir, (w) => warnings.push(w));
    expect(warnings).toEqual([]);
    for (const id of ["le.txt", "be.txt", "bom8.txt"]) {
      const t = loaded.find((x) => x.meta.id === id)!;
      expect(t.turns.map((turn) => [turn.speaker, turn.text]), id).toEqual([["Xu Kemin", "Ça va: the café reopened, 93.7% of staff are back."]]);
    }
  });

  it("decodes Windows-1252 and says so in one line naming the file", async () => {
    const dir = corpus({ "cp1252.txt": Buffer.from("Xu Kemin:\n\nCa va: the caf\xe9 reopened \x93quickly\x94 \x96 for \x80 5.\n", "latin1") });
    const warnings: string[] = [];
    const t = (await loadCorpus(dir, (w) => warnings.push(w))).find((x) => x.meta.id === "cp1252.txt")!;
    expect(t.turns[0]!.text).toBe("Ca va: the café reopened “quickly” – for € 5.");
    expect(warnings).toEqual([`warning: ${path.join(dir, "cp1252.txt")}: not UTF-8; decoded as Windows-1252`]);
  });

  it("decodes GB18030 when the front matter says Chinese or the bytes read as Chinese", async () => {
    const gb = (text: string) => Buffer.from(execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], { input: text }));
    const body = "记者：\n\n请问复工复产的情况如何？\n\n辛国斌：\n\n目前，规模以上工业企业复工率已达到百分之九十以上。\n";
    const dir = corpus({
      "zh-front.txt": gb(`---\ntitle: 新闻发布会\nlanguage: zh-CN\n---\n${body}`),
      "zh-bytes.txt": gb(body),
    });
    const warnings: string[] = [];
    const loaded = await loadCorpus(dir, (w) => warnings.push(w));
    for (const id of ["zh-front.txt", "zh-bytes.txt"]) {
      const t = loaded.find((x) => x.meta.id === id)!;
      expect(t.turns.map((turn) => turn.speaker), id).toEqual(["记者", "辛国斌"]);
      expect(t.turns[1]!.text).toContain("复工率已达到百分之九十以上");
    }
    expect(loaded.find((x) => x.meta.id === "zh-front.txt")!.meta.title).toBe("新闻发布会");
    expect(warnings).toEqual([
      `warning: ${path.join(dir, "zh-bytes.txt")}: not UTF-8; decoded as GB18030 (the bytes read as Chinese)`,
      `warning: ${path.join(dir, "zh-front.txt")}: not UTF-8; decoded as GB18030 (the front matter says Chinese)`,
    ]);
  });

  it("prefers Windows-1252 for bytes that are not GB18030, even under a Chinese front matter", () => {
    const decoded = decodeTranscript(Buffer.from("---\nlanguage: zh\n---\nXu: caf\xe9 \n", "latin1"));
    expect(decoded).toMatchObject({ encoding: "windows-1252", text: "---\nlanguage: zh\n---\nXu: café \n" });
    expect(decoded.guess).toContain("front matter says Chinese, but the bytes are not GB18030");
  });
});

describe("warnings are one line that names the file", () => {
  it("reports a YAML front-matter warning in one line, and yaml prints nothing of its own", async () => {
    const emitted = vi.spyOn(process, "emitWarning");
    try {
      const dir = corpus({ "tagged.txt": '---\ntitle: !weird "Tagged briefing"\ndate: 2021-01-01\n---\nJane Doe: hello.\n' });
      const warnings: string[] = [];
      const loaded = await loadCorpus(dir, (w) => warnings.push(w));
      expect(loaded.map((t) => t.meta.id)).toContain("tagged.txt");
      expect(warnings).toEqual([`warning: ${path.join(dir, "tagged.txt")}: front matter: Unresolved tag: !weird at line 1, column 8:`]);
      expect(emitted).not.toHaveBeenCalled();
    } finally {
      emitted.mockRestore();
    }
  });
});

describe("escape sequences in transcripts", () => {
  it("are removed at parse time: indexed, quoted and cited without them, in text and JSON transcripts alike", async () => {
    const dir = corpus({
      "2021-02-02-colours.txt":
        '---\ntitle: "Bird \x1b]0;pwned\x07briefing"\n---\n\x1b[1mJane Doe\x1b[0m:\n\nThe \x1b[31mflamingo\x1b[0m count rose to 412 birds this spring.\u202e\n',
      "2021-02-03-colours.json": JSON.stringify({ title: "Pelicans", turns: [{ speaker: "Sam \u001b[7mRoe", text: "The \u001b[32mpelican\u001b[0m count fell to 37 birds.\u009b2J" }] }),
    });
    const engine = await openEngine({ corpusDir: dir, indexDir: path.join(dir, "..", "index"), embedding: null, warn: () => {} });
    const unsafe = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
    const flamingo = await engine.ask("How many flamingo birds?");
    expect(flamingo.hits[0]).toMatchObject({ speaker: "Jane Doe", quote: "The flamingo count rose to 412 birds this spring." });
    expect(flamingo.hits[0]!.source.title).toBe("Bird briefing");
    const pelican = await engine.ask("pelican count");
    expect(pelican.hits[0]).toMatchObject({ speaker: "Sam Roe", quote: "The pelican count fell to 37 birds." });
    expect(JSON.stringify([flamingo, pelican, engine.briefings(), engine.speakers()])).not.toMatch(unsafe);
    expect(JSON.stringify([flamingo, pelican])).not.toContain("\\u001b");
    const seed = await engine.ask(FOXCONN);
    expect(seed.hits[0]!.quote).toContain("810,000");
  });
});
