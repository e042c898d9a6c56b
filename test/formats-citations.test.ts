// A mixed corpus — captions, diarized JSON with a sidecar, HTML, Markdown, a generated PDF and DOCX, the seed
// briefing — indexed once: questions find the right briefing, speaker and moment; times and pages survive the index
// and are cited by every front end (terminal, chat, Discord, --json); a changed sidecar is picked up by a rebuild.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx } from "../scripts/formats/docx-writer.js";
import { makePdf } from "../scripts/formats/pdf-writer.js";
import { openEngine, type OpenedEngine } from "../src/engine.js";
import { buildIndex } from "../src/index/build.js";
import { chatAnswer, chatContext, chatQuote } from "../src/present/chat.js";
import { answerReply, contextReplies } from "../src/discord/views/answers.js";
import { answerAsJson, answerAsText } from "../src/present/text.js";
import { clockTime, momentText } from "../src/present/wording.js";
import { videoAt } from "../src/transcript/readers/marks.js";
import type { Answer, Passage } from "../src/types.js";
import { briefingPdfPages } from "./helpers/format-samples.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.join(root, "test", "fixtures", "formats");
const SEED = "2020-03-30-miit-resumption.txt";
const FERRY = "2021-06-14-harbour-ferry.vtt";
const RIVER = "2022-03-08-river-levels.json";
const PDF = "2023-05-03-dredging.pdf";

let corpusDir: string;
let indexDir: string;
let engine: OpenedEngine;
const warnings: string[] = [];

beforeAll(async () => {
  corpusDir = mkdtempSync(path.join(os.tmpdir(), "briefbot-mixed-"));
  indexDir = mkdtempSync(path.join(os.tmpdir(), "briefbot-mixed-index-"));
  cpSync(fixtures, corpusDir, { recursive: true });
  writeFileSync(path.join(corpusDir, SEED), readFileSync(path.join(root, "corpus", SEED)));
  writeFileSync(path.join(corpusDir, PDF), makePdf(briefingPdfPages(), { title: "Harbour dredging briefing" }));
  writeFileSync(
    path.join(corpusDir, "2023-05-06-terminal.docx"),
    makeDocx([
      { style: "Title", runs: ["Ferry terminal briefing"] },
      { runs: [{ text: "Island Gazette reporter:", bold: true }, " When does the new ferry terminal open?"] },
      { runs: [{ text: "Tom Hale:", bold: true }, " The terminal opens in March, once the glass roof is finished."] },
    ]),
  );
  writeFileSync(path.join(corpusDir, "poster.png"), "not a transcript");
  await buildIndex({ corpusDir, indexDir, embedder: null, warn: (line) => warnings.push(line) });
  engine = await openEngine({ corpusDir, indexDir, embedding: null, warn: () => {}, buildIfMissing: false });
});
afterAll(() => {
  engine?.close();
  rmSync(corpusDir, { recursive: true, force: true });
  rmSync(indexDir, { recursive: true, force: true });
});

const ask = (question: string) => engine.ask(question);

describe("a mixed corpus answers with the right briefing, speaker and moment", () => {
  it("indexes every format, naming only the file it does not read", () => {
    expect(engine.briefings().map((b) => b.meta.id).sort()).toEqual(
      [SEED, FERRY, RIVER, PDF, "2021-06-21-ferry-call.srt", "2021-07-02-ferry-zoom.vtt", "2021-09-02-harbour-page.html", "2021-10-05-quay-works.md", "2021-10-12-quay-headings.md", "2022-04-12-budget-utterances.json", "2023-05-06-terminal.docx"].sort(),
    );
    expect(warnings).toEqual([expect.stringMatching(/^warning: skipped .*poster\.png: briefbot does not read \.png files/)]);
  });

  it("captions (WebVTT): the answer's speaker and the time its quote is said", async () => {
    const answer = await ask("When will the ferry to Gull Island run again?");
    const hit = answer.hits[0]!;
    expect(hit).toMatchObject({ speaker: "Ana Moreno", inResponseTo: { speaker: "Harbour Radio reporter" }, source: { transcript: FERRY, turn: 2 } });
    expect(hit.quote).toMatch(/^The Gull Island ferry resumes on Monday the 21st/);
    expect(hit.source.start).toBe(751); // 00:12:31, where the quoted words begin
    expect(hit.source.end).toBeGreaterThanOrEqual(756);
    expect(hit.source.page).toBeUndefined();
  });

  it("diarized JSON: the sidecar's name is the speaker, the label stays, and the citation links to the moment in the video", async () => {
    const answer = await ask("Are the sandbag stations on Mill Lane open?");
    const hit = answer.hits.find((h) => h.source.transcript === RIVER && h.speaker === "Priya Raman")!;
    expect(hit).toMatchObject({ label: "SPEAKER_00", role: "Chief Flood Officer", source: { title: "Millbrook flood briefing", start: 21.5, end: 27 } });
    expect(hit.source.video).toBe("https://youtu.be/fl00dBrief?t=21");
    expect(hit.source.url).toBeNull(); // url stays the source page's (none here), the video link is apart
  });

  it("PDF: the page of the quote", async () => {
    const answer = await ask("What does the dredging cost?");
    expect(answer.hits[0]).toMatchObject({ speaker: "David Okafor", role: "Director of Operations", source: { transcript: PDF, page: 2 } });
    expect(answer.hits[0]!.source.start).toBeUndefined();
    const deeper = await ask("How much deeper will the channel be?");
    expect(deeper.hits[0]).toMatchObject({ speaker: "Ana Moreno", source: { transcript: PDF, page: 1 } });
  });

  it("SRT, Zoom VTT, HTML, Markdown, DOCX and the seed: the right briefing and speaker", async () => {
    const cases: [string, string, string][] = [
      ["What happens to the crossings in a gale?", "2021-06-21-ferry-call.srt", "DAVID OKAFOR"],
      ["How many ferry passengers a day?", "2021-07-02-ferry-zoom.vtt", "Ana Moreno"],
      ["Will the marina close during the storms?", "2021-09-02-harbour-page.html", "MS. LOPEZ"],
      ["When does the east quay reopen to fishing boats?", "2021-10-05-quay-works.md", "Ana Moreno"],
      ["When does the new ferry terminal open?", "2023-05-06-terminal.docx", "Tom Hale"],
      ["How many people are back at work at Foxconn?", SEED, "Xu Kemin"],
    ];
    for (const [question, transcript, speaker] of cases) {
      const hit = (await ask(question)).hits[0];
      expect(hit, question).toMatchObject({ speaker, source: { transcript } });
    }
  });

  it("a briefing without times or pages cites neither", async () => {
    const hit = (await ask("How many people are back at work at Foxconn?")).hits[0]!;
    expect(Object.keys(hit.source).sort()).toEqual(["date", "title", "transcript", "turn", "url"]);
  });
});

describe("times and pages survive the index round trip", () => {
  it("passages.json keeps each passage's start and end in seconds, or its page; turns keep their marks", () => {
    const manifest = JSON.parse(readFileSync(path.join(indexDir, "manifest.json"), "utf8"));
    const passages: Passage[] = JSON.parse(readFileSync(path.join(indexDir, manifest.build, "passages.json"), "utf8"));
    const ferry = passages.filter((p) => p.transcript === FERRY);
    expect(ferry.length).toBeGreaterThan(0);
    for (const p of ferry) expect(p.endTime! >= p.startTime!).toBe(true);
    expect(ferry.find((p) => p.turn === 4)).toMatchObject({ startTime: 769, endTime: 773 });
    expect(passages.filter((p) => p.transcript === PDF).every((p) => p.page! >= 1)).toBe(true);
    expect(passages.filter((p) => p.transcript === SEED).every((p) => p.startTime === undefined && p.page === undefined)).toBe(true);
    const context = engine.passageContext(`${FERRY}#4.0`)!;
    expect(context.passage).toMatchObject({ startTime: 769, endTime: 773 });
  });
});

describe("every front end cites the moment", () => {
  let river: Answer;
  let pdf: Answer;
  beforeAll(async () => {
    river = await engine.ask("Are the sandbag stations on Mill Lane open?", { transcript: RIVER, top: 1 });
    pdf = await engine.ask("What does the dredging cost?", { transcript: PDF, top: 1 });
  });

  it("the terminal: 'at 00:00:21' beside the turn, the video link at that moment, pages for a PDF", () => {
    const text = answerAsText(river);
    expect(text).toContain("Millbrook flood briefing, 2022-03-08 (turn 3, at 00:00:21)");
    expect(text).toContain("Video at 00:00:21: https://youtu.be/fl00dBrief?t=21");
    expect(text).toContain("— Priya Raman, Chief Flood Officer (labelled “SPEAKER_00”), answering Millbrook Courier reporter");
    expect(answerAsText(pdf)).toContain("Harbour dredging briefing, 2023-05-03 (turn 3, p. 2)");
  });

  it("--json: source.start and source.end in seconds, source.page for a PDF, source.video at the moment", () => {
    const json = JSON.parse(answerAsJson(river));
    expect(json.hits[0].source).toEqual({
      transcript: RIVER,
      title: "Millbrook flood briefing",
      date: "2022-03-08",
      turn: 3,
      url: null,
      start: 21.5,
      end: 27,
      video: "https://youtu.be/fl00dBrief?t=21",
    });
    expect(JSON.parse(answerAsJson(pdf)).hits[0].source).toMatchObject({ page: 2 });
  });

  it("the chat", () => {
    expect(chatAnswer(river)).toContain("(turn 3, at 00:00:21)");
    const quote = chatQuote(river, "Priya Raman");
    expect(quote).toContain("Millbrook flood briefing, 2022-03-08, at 00:00:21");
    expect(quote).toContain("Video at 00:00:21: https://youtu.be/fl00dBrief?t=21");
    const context = engine.passageContext(river.hits[0]!.passageId)!;
    expect(chatContext(context, context.question)).toContain("Millbrook flood briefing, 2022-03-08, at 00:00:21");
    expect(chatQuote(pdf, "David Okafor")).toContain("Harbour dredging briefing, 2023-05-03, p. 2");
  });

  it("Discord: the time as a link to the moment, the page for a PDF, the time in More context's footer", () => {
    const reply = answerReply(river, { question: "Are the sandbag stations open?", othersKey: null });
    expect(reply.content).toContain("**Millbrook flood briefing, 2022-03-08** · [at 00:00:21](<https://youtu.be/fl00dBrief?t=21>)");
    expect(answerReply(pdf, { question: "Cost?", othersKey: null }).content).toContain("**Harbour dredging briefing, 2023-05-03** · p. 2");
    const context = engine.passageContext(river.hits[0]!.passageId)!;
    const footer = contextReplies(context, context.question).at(-1)!.embeds!.at(-1)!.footer!.text;
    expect(footer).toContain("Millbrook flood briefing, 2022-03-08 · at 00:00:21");
  });
});

describe("citation wording", () => {
  it("clock times and page ranges", () => {
    expect(clockTime(751.9)).toBe("00:12:31");
    expect(clockTime(7322)).toBe("02:02:02");
    expect(momentText({ start: 3.2 })).toBe("at 00:00:03");
    expect(momentText({ page: 4, pageEnd: 5 })).toBe("pp. 4–5");
    expect(momentText({})).toBe("");
  });

  it("links to a moment of YouTube, Vimeo and other recordings", () => {
    expect(videoAt("https://www.youtube.com/watch?v=abc123", 751.5)).toBe("https://www.youtube.com/watch?v=abc123&t=751s");
    expect(videoAt("https://youtu.be/abc123?t=10", 751)).toBe("https://youtu.be/abc123?t=751");
    expect(videoAt("https://www.youtube.com/embed/abc123", 60)).toBe("https://www.youtube.com/embed/abc123?start=60");
    expect(videoAt("https://vimeo.com/12345", 90)).toBe("https://vimeo.com/12345#t=90s");
    expect(videoAt("https://example.org/briefing.mp4", 90)).toBe("https://example.org/briefing.mp4#t=90");
    expect(videoAt("not a link", 90)).toBeNull();
  });
});

describe("a changed sidecar is picked up by the next build", () => {
  it("no-op build while nothing changed (still naming the unread file); a renamed speaker after the sidecar changes", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "briefbot-sidecar-"));
    const index = mkdtempSync(path.join(os.tmpdir(), "briefbot-sidecar-index-"));
    try {
      for (const name of readdirSync(fixtures).filter((n) => n.startsWith("2022-03-08"))) cpSync(path.join(fixtures, name), path.join(dir, name));
      writeFileSync(path.join(dir, "notes.docx.bak"), "backup");
      const first = await buildIndex({ corpusDir: dir, indexDir: index, embedder: null, warn: () => {} });
      expect(first.upToDate).toBe(false);
      const lines: string[] = [];
      const again = await buildIndex({ corpusDir: dir, indexDir: index, embedder: null, warn: (line) => lines.push(line) });
      expect(again).toMatchObject({ upToDate: true, transcripts: 1 });
      expect(lines).toEqual([expect.stringMatching(/notes\.docx\.bak: briefbot does not read \.bak files/)]);

      const sidecar = path.join(dir, "2022-03-08-river-levels.speakers.json");
      writeFileSync(sidecar, readFileSync(sidecar, "utf8").replace('"name": "Priya Raman"', '"name": "Dr. Priya Raman"'));
      const changed = await buildIndex({ corpusDir: dir, indexDir: index, embedder: null, warn: () => {} });
      expect(changed.upToDate).toBe(false);
      const reopened = await openEngine({ corpusDir: dir, indexDir: index, embedding: null, warn: () => {}, buildIfMissing: false });
      expect(reopened.briefing(RIVER).turns[1]).toMatchObject({ label: "SPEAKER_00", speaker: "Dr. Priya Raman" });
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(index, { recursive: true, force: true });
    }
  });
});
