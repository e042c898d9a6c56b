// Transcript formats: one reader per extension, each convention tested on a fixture written for the project
// (test/fixtures/formats) or generated here (PDF, DOCX), and the times and pages each keeps.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx } from "../scripts/formats/docx-writer.js";
import { makePdf } from "../scripts/formats/pdf-writer.js";
import { loadCorpus } from "../src/transcript/load.js";
import { parseTranscript, TranscriptError } from "../src/transcript/parse.js";
import { placeOf } from "../src/transcript/readers/marks.js";
import { parseSidecar } from "../src/transcript/readers/sidecar.js";
import type { Transcript, Turn } from "../src/types.js";
import { briefingPdfPages } from "./helpers/format-samples.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.join(root, "test", "fixtures", "formats");
const fixture = (name: string, sidecar?: string) =>
  parseTranscript(name, readFileSync(path.join(fixtures, name)), sidecar ? { sidecar: parseSidecar(readFileSync(path.join(fixtures, sidecar), "utf8")) } : {});

/** [label, speaker, text] of every turn. */
const turns = (t: Transcript) => t.turns.map((turn) => [turn.label, turn.speaker, turn.text]);
/** The seconds (or page) where `words` begin in the turn. */
const placeOfWords = (turn: Turn, words: string) => {
  const at = turn.text.indexOf(words);
  expect(at, `"${words}" in turn ${turn.index}`).toBeGreaterThanOrEqual(0);
  return placeOf(turn.marks, at, at + words.length);
};

describe("Markdown", () => {
  it("reads **Name:**, **Name**: and __Name:__ labels, the # heading as the title, and quotes the words without markup", () => {
    const t = fixture("2021-10-05-quay-works.md");
    expect(t.meta).toMatchObject({ title: "Quay works briefing", date: "2021-10-05", url: "https://example.org/quay-works" });
    expect(t.announcement).toBe("The harbour authority briefed the press on the quay works. Ana Moreno, Director of the Harbour, answered questions.");
    expect(turns(t)).toEqual([
      ["Island Gazette reporter", "Island Gazette reporter", "When will the east quay reopen to fishing boats?"],
      ["Ana Moreno", "Ana Moreno", "The east quay reopens on the 1st of November. The new fenders are already in place!"],
      ["Island Gazette reporter", "Island Gazette reporter", "And the crane?"],
      // "\*December\*" is an escape: the asterisks are the transcript's characters.
      ["Ana Moreno", "Ana Moreno", "The crane arrives in *December*, weather permitting."],
    ]);
    expect(t.turns[1]).toMatchObject({ role: "Director of the Harbour", inResponseTo: 0 });
  });

  it("reads ### Name headings followed by the turn's paragraphs; other headings are not words", () => {
    const t = fixture("2021-10-12-quay-headings.md");
    expect(t.meta.title).toBe("Quay works: second briefing");
    expect(t.announcement).toBe("Opening\n\nAna Moreno and David Okafor took questions.");
    expect(turns(t)).toEqual([
      ["Ana Moreno", "Ana Moreno", "The paving of the east quay is finished.\n\nThe lighting goes up next week."],
      ["Island Gazette reporter", "Island Gazette reporter", "Who pays for the lighting?"],
      ["David Okafor", "David Okafor", "The ferry operators pay a third of it."],
    ]);
  });

  it("front matter's title wins over the # heading, which never lands in the announcement", () => {
    const t = parseTranscript("q.md", "---\ntitle: From the front matter\n---\n# From the heading\n\nXu Kemin: Hello.\n\nQ: Why?\n\nXu Kemin: Because.\n");
    expect(t.meta.title).toBe("From the front matter");
    expect(t.announcement).toBe("");
  });

  it("keeps plain-text labels working in .md files (as before)", () => {
    const t = parseTranscript("plain.md", "Xu Kemin:\nThank you.\n\nReporter:\nA question?\n");
    expect(turns(t)).toEqual([
      ["Xu Kemin", "Xu Kemin", "Thank you."],
      ["Reporter", "Reporter", "A question?"],
    ]);
  });

  it("does not take bold emphasis for a label", () => {
    const t = parseTranscript("bold.md", "**Ana Moreno:** We said **no** to that: **Not** at all.\n\n**Note:** this is prose.\n\n**Q:** Why?\n\n**Ana Moreno:** Cost.\n");
    expect(t.turns.map((turn) => turn.label)).toEqual(["Ana Moreno", "Q", "Ana Moreno"]);
    expect(t.turns[0]!.text).toBe("We said no to that: Not at all.\n\nNote: this is prose.");
  });
});

describe("WebVTT", () => {
  const t = fixture("2021-06-14-harbour-ferry.vtt");

  it("names speakers from <v> voice tags, merges a speaker's consecutive cues, drops NOTE, STYLE, settings and inline tags", () => {
    expect(turns(t)).toEqual([
      ["Ana Moreno", "Ana Moreno", "Thank you all for coming. I am Ana Moreno, the harbour master. The north breakwater repairs finished on Friday, two weeks ahead of schedule & under budget."],
      ["Harbour Radio reporter", "Harbour Radio reporter", "When will the ferry to Gull Island run again?"],
      ["Ana Moreno", "Ana Moreno", "The Gull Island ferry resumes on Monday the 21st with two crossings every hour. Tickets go on sale on Thursday."],
      ["Harbour Radio reporter", "Harbour Radio reporter", "Will the fares change?"],
      ["Ana Moreno", "Ana Moreno", "No, the fares stay as they were in 2020."],
    ]);
    expect(JSON.stringify(t)).not.toMatch(/NOTE|STYLE|::cue|<b>|<c|align:|Applause|council's meeting platform/);
    expect(t.turns[2]!.inResponseTo).toBe(1);
  });

  it("keeps each cue's time: the words' own start and end in seconds", () => {
    expect(placeOfWords(t.turns[2]!, "with two crossings every hour.")).toEqual({ start: 756, end: 761.5 });
    expect(placeOfWords(t.turns[2]!, "Tickets go on sale")).toEqual({ start: 761.5, end: 765 });
    expect(placeOfWords(t.turns[2]!, "resumes on Monday the 21st with two")).toEqual({ start: 751, end: 761.5 });
    // A cue before any speaker is the announcement, with its time.
    expect(t.announcement).toBe("Good morning. This is the harbour authority's weekly update, recorded on the quay.");
    expect(t.announcementMarks).toEqual([{ at: 0, start: 2, end: 6.5 }]);
  });

  it('reads Zoom/Teams exports: "Name:" at the start of each cue, parenthesised affiliations included', () => {
    const zoom = fixture("2021-07-02-ferry-zoom.vtt");
    expect(turns(zoom)).toEqual([
      ["Ana Moreno", "Ana Moreno", "Good afternoon, everyone. Ferry ridership doubled in the first week of service."],
      ["Lena Park (Island Gazette)", "Lena Park (Island Gazette)", "How many passengers is that?"],
      ["Ana Moreno", "Ana Moreno", "About four thousand a day, most of them commuters."],
    ]);
    expect(zoom.turns[2]).toMatchObject({ inResponseTo: 1, marks: [{ at: 0, start: 10, end: 14 }] });
  });

  it("says what it expected when the captions name nobody", () => {
    expect(() => parseTranscript("plain.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nJust words.\n")).toThrow(/plain\.vtt: no speakers in the captions \(expected <v Name> voice tags/);
  });

  it("drops rolling captions' repeated lines and ruby annotations, and reads two voices in one cue", () => {
    const vtt = [
      "WEBVTT",
      "",
      "00:00:01.000 --> 00:00:03.000",
      "<v Ana Moreno>The ferry runs",
      "",
      "00:00:03.000 --> 00:00:05.000",
      "<v Ana Moreno>The ferry runs\nevery hour.",
      "",
      "00:00:05.000 --> 00:00:07.000",
      "<v Reporter>Every hour?</v> <v Ana Moreno>Yes, <ruby>every<rt>ev-ry</rt></ruby> hour.</v>",
    ].join("\n");
    expect(turns(parseTranscript("rolling.vtt", vtt))).toEqual([
      ["Ana Moreno", "Ana Moreno", "The ferry runs every hour."],
      ["Reporter", "Reporter", "Every hour?"],
      ["Ana Moreno", "Ana Moreno", "Yes, every hour."],
    ]);
  });
});

describe("SRT", () => {
  const t = fixture("2021-06-21-ferry-call.srt");

  it("reads >> Name: and [Name] prefixes; a cue without a speaker continues the turn; sound notes are never speakers nor words", () => {
    expect(turns(t)).toEqual([
      ["HOST", "HOST", "Welcome to the ferry operators' call."],
      ["DAVID OKAFOR", "DAVID OKAFOR", "Thanks. The new timetable starts on Monday. Boats leave the quay at ten past and twenty to each hour."],
      ["Harbour Radio reporter", "Harbour Radio reporter", "What happens when the weather turns bad?"],
      // "[inaudible]" marks lost words ("…"); a one-off one-word "Exports:" is words, not a speaker.
      ["DAVID OKAFOR", "DAVID OKAFOR", "In a gale the crossings stop and the coastguard decides when they restart. … Exports: none."],
    ]);
    expect(JSON.stringify(t)).not.toMatch(/Music|Applause|Laughter|<i>/);
    expect(t.turns[3]!.inResponseTo).toBe(2);
  });

  it("keeps the cue times", () => {
    expect(placeOfWords(t.turns[1]!, "Boats leave the quay")).toEqual({ start: 12, end: 16 });
    expect(placeOfWords(t.turns[3]!, "In a gale")).toEqual({ start: 24, end: 30 });
  });

  it('reads "Name:" cues, files without cue numbers or blank lines, "." for ",", and hours left out', () => {
    const srt = "00:01,000 --> 00:03,500\nAna Moreno: The quay is open.\n2\n00:00:03.500 --> 00:00:06.000 X1:10 X2:20\nReporter: Since when?\n\n3\n00:00:06,000 --> 00:00:09,000\nAna Moreno: Since today.\n";
    const srtT = parseTranscript("compact.srt", srt);
    expect(turns(srtT)).toEqual([
      ["Ana Moreno", "Ana Moreno", "The quay is open."],
      ["Reporter", "Reporter", "Since when?"],
      ["Ana Moreno", "Ana Moreno", "Since today."],
    ]);
    expect(srtT.turns.map((turn) => turn.marks![0])).toEqual([
      { at: 0, start: 1, end: 3.5 },
      { at: 0, start: 3.5, end: 6 },
      { at: 0, start: 6, end: 9 },
    ]);
  });

  it("a bare >> is a new, unnamed speaker: the words are never given to the speaker before", () => {
    const srt = "1\n00:00:01,000 --> 00:00:03,000\n>> MAYOR LI: The bridge opens today.\n\n2\n00:00:03,000 --> 00:00:05,000\n>> Is it safe?\n\n3\n00:00:05,000 --> 00:00:07,000\n>> MAYOR LI: It is.\n";
    expect(turns(parseTranscript("chevrons.srt", srt))).toEqual([
      ["MAYOR LI", "MAYOR LI", "The bridge opens today."],
      ["Unidentified speaker", "Unidentified speaker", "Is it safe?"],
      ["MAYOR LI", "MAYOR LI", "It is."],
    ]);
  });
});

describe("diarized JSON", () => {
  it("reads WhisperX segments: consecutive segments of one speaker merge, the sidecar names labels (label kept), times kept", () => {
    const t = fixture("2022-03-08-river-levels.json", "2022-03-08-river-levels.speakers.json");
    expect(t.meta).toMatchObject({ title: "Millbrook flood briefing", date: "2022-03-08", language: "en", video: "https://youtu.be/fl00dBrief" });
    expect(t.turns.map((turn) => [turn.label, turn.speaker, turn.role])).toEqual([
      ["SPEAKER_02", "Moderator", null],
      ["SPEAKER_00", "Priya Raman", "Chief Flood Officer"],
      ["SPEAKER_01", "Millbrook Courier reporter", null],
      // SPEAKER_03 is named Priya Raman too: one turn with SPEAKER_00's before it.
      ["SPEAKER_00", "Priya Raman", "Chief Flood Officer"],
    ]);
    expect(t.turns[1]!.text).toBe("The river at Millbrook peaked at four point two metres overnight. We expect it to fall below the warning level by Thursday evening.");
    expect(t.turns[3]!.text).toBe("Yes, all three stations stay open until the warning is lifted. Residents can collect up to twenty bags each.");
    expect(t.turns[3]!.inResponseTo).toBe(2);
    expect(placeOfWords(t.turns[3]!, "Residents can collect")).toEqual({ start: 27, end: 31 });
    expect(JSON.stringify(t)).not.toContain("BLANK_AUDIO");
  });

  it("without the sidecar, an anonymous label is cited as written", () => {
    const t = fixture("2022-03-08-river-levels.json");
    expect(t.turns.slice(0, 2).map((turn) => [turn.label, turn.speaker])).toEqual([
      ["SPEAKER_02", "SPEAKER_02"],
      ["SPEAKER_00", "SPEAKER_00"],
    ]);
  });

  it('reads AssemblyAI utterances in milliseconds, names labels from a "speakers" field, leaves an unmapped one as written', () => {
    const t = fixture("2022-04-12-budget-utterances.json");
    expect(t.meta.title).toBe("Council budget call");
    expect(t.turns.map((turn) => [turn.label, turn.speaker])).toEqual([
      ["A", "Tom Hale"],
      ["B", "Island Gazette reporter"],
      ["A", "Tom Hale"],
      ["C", "C"],
    ]);
    expect(t.turns[2]!.marks).toEqual([{ at: 0, start: 9.8, end: 15.5 }]);
    expect(t.turns[2]!.inResponseTo).toBe(1);
  });

  it("reads Deepgram's results.utterances and keeps [{speaker, text}] turns as they were (with optional times)", () => {
    const deepgram = { results: { utterances: [{ speaker: 0, start: 0.5, end: 2, transcript: "Hello there." }, { speaker: 1, start: 2, end: 4, transcript: "Any news?" }] } };
    expect(turns(parseTranscript("dg.json", JSON.stringify(deepgram)))).toEqual([
      ["Speaker 0", "Speaker 0", "Hello there."],
      ["Speaker 1", "Speaker 1", "Any news?"],
    ]);
    const list = [{ speaker: "Ana Moreno", text: "One." }, { speaker: "Ana Moreno", text: "Two.", start: 5, end: 6 }];
    const t = parseTranscript("list.json", JSON.stringify(list));
    expect(turns(t)).toEqual([
      ["Ana Moreno", "Ana Moreno", "One."],
      ["Ana Moreno", "Ana Moreno", "Two."], // turns are numbered as written: not merged
    ]);
    expect(t.turns[0]!.marks).toBeUndefined();
    expect(t.turns[1]!.marks).toEqual([{ at: 0, start: 5, end: 6 }]);
  });

  it("says what it expected of segments without speakers", () => {
    const whisper = { segments: [{ start: 0, end: 2, text: "Words." }] };
    expect(() => parseTranscript("whisper.json", JSON.stringify(whisper))).toThrow(/no speakers in the segments \(diarize the recording/);
  });
});

describe("HTML", () => {
  const t = fixture("2021-09-02-harbour-page.html");

  it("reads the main text's paragraphs with labels in <strong>/<b>, the <h1> as the title", () => {
    expect(t.meta).toMatchObject({ title: "Harbour update on the storm season", date: "2021-09-02" });
    expect(turns(t)).toEqual([
      ["MS. LOPEZ", "MS. LOPEZ", "Good afternoon. The storm season starts next week, and the harbour is ready.\n\nWe have moved the pilot boats to the inner basin & doubled the night watch."],
      ["Q", "Q", "Will the marina close during the storms?"],
      ["MS. LOPEZ", "MS. LOPEZ", "Only when the wind passes fifty knots."],
      ["Q", "Q", "And the fish market?"],
      ["MS. LOPEZ", "MS. LOPEZ", "The fish market stays open."],
    ]);
  });

  it("never quotes scripts, styles, navigation, header, footer, asides, hidden text or the links after the transcript", () => {
    expect(JSON.stringify(t)).not.toMatch(/dataLayer|not words|font-weight|Menu|Home|Related|Ferry timetable|Contact|hidden text|Storm guide|Laughter/);
  });

  it("takes <title> when there is no <h1>", () => {
    const page = "<html><head><title>Port briefing</title></head><body><p><b>Ana Moreno:</b> Open.</p><p><b>Q:</b> Why?</p><p><b>Ana Moreno:</b> Demand.</p></body></html>";
    expect(parseTranscript("page.htm", page).meta.title).toBe("Port briefing");
  });
});

describe("readers do not change the plain-text and JSON paths", () => {
  it("a .txt transcript parses as before (labels, notes, announcement)", () => {
    const t = parseTranscript("t.txt", "Hosted by Wen Ku.\n\nXu Kemin: Thank you. (Laughter.)\n\nQ: Why?\n\nXu Kemin: Because.\n");
    expect(t.announcement).toBe("Hosted by Wen Ku.");
    expect(turns(t)).toEqual([
      ["Xu Kemin", "Xu Kemin", "Thank you."],
      ["Q", "Q", "Why?"],
      ["Xu Kemin", "Xu Kemin", "Because."],
    ]);
    expect(t.turns.every((turn) => turn.marks === undefined)).toBe(true);
  });

  it("PDF and DOCX are not text formats: parseTranscript says so", () => {
    expect(() => parseTranscript("a.pdf", "%PDF-1.4")).toThrow(TranscriptError);
  });
});

// ---- binary formats, generated ----

describe("PDF and DOCX (generated files, read in the worker)", () => {
  let dir: string;
  let byId: Map<string, Transcript>;
  const warnings: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "briefbot-binary-"));
    writeFileSync(path.join(dir, "2023-05-03-dredging.pdf"), makePdf(briefingPdfPages(), { title: "Harbour dredging briefing" }));
    writeFileSync(path.join(dir, "2023-05-04-untitled.pdf"), makePdf([{ lines: ["Ana Moreno: One page, no metadata title."] }], { compress: false }));
    writeFileSync(path.join(dir, "2023-05-05-scanned.pdf"), makePdf([{ imageOnly: true, lines: [] }, { imageOnly: true, lines: [] }]));
    writeFileSync(
      path.join(dir, "2023-05-06-word.docx"),
      makeDocx([
        { style: "Title", runs: ["Ferry terminal briefing"] },
        { runs: ["The Harbour Authority briefed the press. Tom Hale, Finance Director, took questions."] },
        { runs: [{ text: "Island Gazette reporter:", bold: true }, " When does the terminal open?"] },
        { runs: [{ text: "Tom Hale", bold: true }, ": In ", { text: "March", italic: true }, { text: ", if the roof is done.", footnote: "Source: the council minutes." }] },
        { runs: [{ text: "Island Gazette reporter:", bold: true }, " Thank you."] },
        { runs: [{ text: "Not", bold: true }, " a label: emphasis at a paragraph's start."] },
      ]),
    );
    byId = new Map((await loadCorpus(dir, (line) => warnings.push(line))).map((t) => [t.meta.id, t]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("PDF: text layer read, running heads, feet and page numbers dropped, hyphenation joined, labels at line starts, pages kept", () => {
    const t = byId.get("2023-05-03-dredging.pdf")!;
    expect(t.meta.title).toBe("Harbour dredging briefing");
    expect(t.announcement).toBe("Briefing on the harbour dredging\n\nPresent: Ana Moreno, Director of the Harbour, and David Okafor, Director of Operations.");
    expect(turns(t)).toEqual([
      ["Island Gazette reporter", "Island Gazette reporter", "When does the dredging of the channel start?"],
      [
        "Ana Moreno",
        "Ana Moreno",
        // "chan-nel" is a cut word; "well-known" keeps its hyphen (a compound); "con-tainer" is cut across a line.
        "The dredging starts in June. The channel will be two metres deeper, and the well-known sandbar at the mouth goes first. Large container ships can then berth at any tide.",
      ],
      ["Island Gazette reporter", "Island Gazette reporter", "What does it cost?"],
      ["David Okafor", "David Okafor", "Eleven million over two years."],
      ["Moderator", "Moderator", "That concludes the briefing."],
    ]);
    expect(JSON.stringify(t)).not.toMatch(/Harbour Authority —|Page \d/);
    const ana = t.turns[1]!;
    expect(ana.role).toBe("Director of the Harbour");
    expect(t.turns[3]!.role).toBe("Director of Operations");
    expect(placeOfWords(ana, "The dredging starts in June.")).toEqual({ page: 1 });
    expect(placeOfWords(ana, "sandbar at the mouth")).toEqual({ page: 2 });
    expect(placeOfWords(ana, "deeper, and the well-known sandbar")).toEqual({ page: 1, pageEnd: 2 });
    expect(placeOfWords(t.turns[4]!, "That concludes")).toEqual({ page: 3 });
  });

  it("PDF without a metadata title is named after its file", () => {
    expect(byId.get("2023-05-04-untitled.pdf")!.meta.title).toBe("Untitled");
  });

  it("a PDF without a text layer is skipped with one line saying so (no OCR)", () => {
    const line = warnings.filter((w) => w.includes("scanned.pdf"));
    expect(line).toHaveLength(1);
    expect(line[0]).toMatch(/^warning: skipped .*2023-05-05-scanned\.pdf: it has no text layer .*no OCR$/);
    expect(byId.has("2023-05-05-scanned.pdf")).toBe(false);
  });

  it("DOCX: bold labels recognised (the colon inside or after the bold), the Title paragraph as the title, emphasis dropped", () => {
    const t = byId.get("2023-05-06-word.docx")!;
    expect(t.meta.title).toBe("Ferry terminal briefing");
    expect(t.announcement).toBe("The Harbour Authority briefed the press. Tom Hale, Finance Director, took questions.");
    expect(turns(t)).toEqual([
      ["Island Gazette reporter", "Island Gazette reporter", "When does the terminal open?"],
      ["Tom Hale", "Tom Hale", "In March, if the roof is done."],
      ["Island Gazette reporter", "Island Gazette reporter", "Thank you.\n\nNot a label: emphasis at a paragraph's start."],
    ]);
    expect(t.turns[1]).toMatchObject({ role: "Finance Director", inResponseTo: 0 });
    // A footnote is a note on the text, and its mark ("[1]") is not words either.
    expect(JSON.stringify(t)).not.toMatch(/council minutes|\[1\]|↑/);
  });

  it("warns about nothing else", () => {
    expect(warnings).toHaveLength(1);
  });
});

describe("the corpus folder", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "briefbot-folder-"));
    writeFileSync(path.join(dir, "2021-06-14-ferry.vtt"), readFileSync(path.join(fixtures, "2021-06-14-harbour-ferry.vtt")));
    writeFileSync(path.join(dir, "photo.JPG"), "not read");
    writeFileSync(path.join(dir, "notes"), "no extension");
    writeFileSync(path.join(dir, "old.doc"), "a Word 97 file");
    writeFileSync(path.join(dir, ".DS_Store"), "dotfile");
    writeFileSync(path.join(dir, "README.md"), "# About this folder\n");
    writeFileSync(path.join(dir, "orphan.speakers.json"), '{"SPEAKER_00": "Nobody"}');
    writeFileSync(path.join(dir, "2021-06-14-ferry.speakers.json"), "{ not json");
    mkdirSync(path.join(dir, "archive"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("warns once, in one line, about each file of a format briefbot does not read; dotfiles, README.md and folders are passed by", async () => {
    const warnings: string[] = [];
    const transcripts = await loadCorpus(dir, (line) => warnings.push(line));
    expect(transcripts.map((t) => t.meta.id)).toEqual(["2021-06-14-ferry.vtt"]);
    for (const name of ["photo.JPG", "notes", "old.doc"]) {
      const naming = warnings.filter((w) => w.includes(path.join(dir, name)));
      expect(naming, name).toHaveLength(1);
      expect(naming[0]).toMatch(/^warning: skipped .*: briefbot does not read (\.jpg files|files without an extension|\.doc files) \(it reads \.txt, /);
    }
    expect(warnings.join("\n")).not.toMatch(/DS_Store|README|archive/);
    // Sidecars are never transcripts: a broken one is ignored with a warning, one without a transcript is named.
    expect(warnings.filter((w) => w.includes("2021-06-14-ferry.speakers.json"))).toEqual([expect.stringMatching(/^warning: ignored .*: not valid JSON/)]);
    expect(warnings.filter((w) => w.includes("orphan.speakers.json"))).toEqual([expect.stringMatching(/names speakers, but no transcript of that name is in the corpus$/)]);
    expect(warnings.every((w) => !w.includes("\n"))).toBe(true);
    expect(warnings).toHaveLength(5);
  });
});
