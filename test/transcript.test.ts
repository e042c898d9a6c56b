import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../src/transcript/load.js";
import { nameFromLabel } from "../src/transcript/labels.js";
import { parseTranscript, TranscriptError } from "../src/transcript/parse.js";
import type { Transcript } from "../src/types.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEED = "2020-03-30-miit-resumption.txt";
const seedPath = path.join(root, "corpus", SEED);
const fixtures = path.join(root, "test", "fixtures", "transcripts");
const HANSARD = "2020-04-20-covid-committee.txt";
const WATER = "2021-05-14-water-briefing.txt";
const PORT = "port-authority-briefing.json";

const XU_KEMIN_ROLE = "Director of the Department of Industrial Policy and Regulations";
const CHAIR = "The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.))";
const COTE = "Mme Élise Côté (Rimouski—Neigette—Témiscouata—Les Basques, BQ)";

const parseFixture = (name: string) => parseTranscript(name, readFileSync(path.join(fixtures, name)));
const speakers = (t: Transcript) => t.turns.map((turn) => turn.speaker);

/** The TranscriptError a parse throws (fails the test when it does not throw one). */
function parseError(name: string, text: string): TranscriptError {
  try {
    parseTranscript(name, text);
  } catch (error) {
    expect(error).toBeInstanceOf(TranscriptError);
    return error as TranscriptError;
  }
  throw new Error(`${name} parsed without error`);
}

describe("the seed transcript", () => {
  const bytes = readFileSync(seedPath);
  const seed = parseTranscript(SEED, bytes);

  it("has exactly two turns: the reporter's question and Xu Kemin's answer", () => {
    expect(speakers(seed)).toEqual(["Shenzhen Satellite TV reporter", "Xu Kemin"]);
    expect(seed.turns.map((t) => t.index)).toEqual([0, 1]);
    expect(seed.turns[0]!.text).toMatch(/^My question is about electronics companies\./);
    expect(seed.turns[0]!.text).toMatch(/Thank you\.$/);
  });

  it("links the answer to the question", () => {
    const [question, answer] = seed.turns;
    expect(question).toMatchObject({ isQuestion: true, inResponseTo: null, role: null });
    expect(answer).toMatchObject({ isQuestion: false, inResponseTo: 0, name: "Xu Kemin", role: XU_KEMIN_ROLE });
  });

  it("keeps the sentence ending in a colon inside Xu Kemin's text, with every paragraph after it", () => {
    const answer = seed.turns[1]!.text;
    expect(answer).toContain("In response, our ministry has adopted three measures:\n\nThe first is to provide precise services");
    expect(answer).toMatch(/^Thank you for your question\. At present, the average reinstatement rate/);
    expect(answer).toContain("Foxconn’s 27 major factories have resumed work to 810,000 people");
    expect(answer).toMatch(/to ensure resumption of work and production\.$/);
    expect(answer.split("\n\n")).toHaveLength(5);
  });

  it("reads the roster of the three officials from the announcement", () => {
    expect(seed.roster).toEqual([
      { name: "Xin Guobin", role: "Vice Minister of Industry and Information Technology" },
      { name: "Xu Kemin", role: XU_KEMIN_ROLE },
      { name: "Liang Zhifeng", role: "Director of the Small and Medium Enterprise Bureau" },
    ]);
  });

  it("keeps the announcement (the text before the first label) apart from the turns", () => {
    expect(seed.announcement).toMatch(/^A press conference will be held at 10 am on March 30, 2020 \(Monday\)\./);
    expect(seed.announcement).toMatch(/answer questions from reporters\.$/);
    expect(seed.announcement).not.toContain("---");
    expect(seed.announcement).not.toContain("title:");
  });

  it("takes the meta from the front matter", () => {
    expect(seed.meta).toEqual({
      id: SEED,
      title: "MIIT press conference on the resumption of manufacturing",
      date: "2020-03-30",
      source:
        "Ministry of Industry and Information Technology of the People's Republic of China, press conference of 30 March 2020 (English transcript)",
      url: null,
      language: "en",
    });
  });

  it("hashes the raw bytes", () => {
    expect(seed.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseTranscript(SEED, bytes.toString("utf8")).hash).toBe(seed.hash);
    expect(parseTranscript(SEED, `${bytes.toString("utf8")}\n`).hash).not.toBe(seed.hash);
  });
});

describe("Hansard-style labels at the start of paragraphs", () => {
  const hansard = parseFixture(HANSARD);

  it("reads every long label exactly as written, in order", () => {
    expect(speakers(hansard)).toEqual([
      CHAIR,
      "Mr. Chris d'Entremont (West Nova, CPC)",
      "Hon. Deb Schulte (Minister of Seniors)",
      "Mr. Chris d'Entremont (West Nova, CPC)",
      CHAIR,
      COTE,
      "Right Hon. Justin Trudeau (Prime Minister)",
      COTE,
      CHAIR,
      "Mr. Jagmeet Singh (Burnaby South, NDP)",
      "Right Hon. Justin Trudeau",
    ]);
    expect(hansard.turns.map((t) => t.index)).toEqual([...Array(11).keys()]);
  });

  it("names people without honorifics or parentheses, Unicode included", () => {
    expect(hansard.turns.map((t) => t.name)).toEqual([
      "The Chair",
      "Chris d'Entremont",
      "Deb Schulte",
      "Chris d'Entremont",
      "The Chair",
      "Élise Côté",
      "Justin Trudeau",
      "Élise Côté",
      "The Chair",
      "Jagmeet Singh",
      "Justin Trudeau",
    ]);
    expect(hansard.turns[5]!.text).toBe("Pourquoi les aînés doivent-ils attendre jusqu'en juillet pour recevoir leur paiement?");
  });

  it("names people without the letters after their names", () => {
    expect(nameFromLabel("Kirsty Williams AM")).toBe("Kirsty Williams");
    expect(nameFromLabel("Jane Doe MP, QC")).toBe("Jane Doe");
    expect(nameFromLabel("Dr Ann Jones MBE (Chief Medical Officer)")).toBe("Ann Jones");
    expect(nameFromLabel("Sam Amos")).toBe("Sam Amos");
    expect(nameFromLabel("Ms")).toBe("Ms"); // a label that is nothing but a title stays as it is
  });

  it("takes roles from the labels, and carries one to the same person's shorter label later on", () => {
    expect(hansard.turns[2]!.role).toBe("Minister of Seniors");
    expect(hansard.turns[6]!.role).toBe("Prime Minister");
    expect(hansard.turns[10]!.role).toBe("Prime Minister");
    // A constituency and party is not a role.
    expect(hansard.turns[1]!.role).toBeNull();
    expect(hansard.turns[5]!.role).toBeNull();
    expect(hansard.turns[0]!.role).toBeNull();
  });

  it("keeps a \"Note:\" paragraph inside the minister's turn", () => {
    const schulte = hansard.turns[2]!.text.split("\n\n");
    expect(schulte).toEqual([
      "Mr. Chair, we are working closely with harvesters. Every seasonal harvester will have access to the new fish harvester benefit.",
      "Note: the minister's audio dropped briefly at this point and was restored.",
      "We are also doubling the guaranteed income supplement top-up for low-income seniors this month.",
    ]);
    expect(speakers(hansard)).not.toContain("Note");
  });

  it("keeps a label with no words after it as an (empty) turn so that numbering matches the transcript", () => {
    expect(hansard.turns[3]).toMatchObject({ speaker: "Mr. Chris d'Entremont (West Nova, CPC)", text: "", isQuestion: false, inResponseTo: null });
    expect(hansard.turns[4]!.text).toMatch(/^Your microphone is muted/);
  });

  it("links questions to answers, and the chair neither asks nor answers (even with a question mark)", () => {
    expect(hansard.turns[0]!.text).toContain("are you ready?");
    const links = hansard.turns.map((t) => [t.isQuestion, t.inResponseTo]);
    expect(links).toEqual([
      [false, null], // chair
      [true, null], // d'Entremont asks
      [false, 1], // Schulte answers
      [false, null], // d'Entremont again (empty)
      [false, null], // chair
      [true, null], // Côté asks
      [false, 5], // Trudeau answers
      [false, null], // Côté thanks: not a question, not an answer
      [false, null], // chair
      [true, null], // Singh asks
      [false, 9], // Trudeau answers
    ]);
  });

  it("reads url from a source that is a URL", () => {
    expect(hansard.meta).toMatchObject({
      title: "Special Committee on the COVID-19 Pandemic, meeting 1",
      date: "2020-04-20",
      url: "https://www.ourcommons.ca/DocumentViewer/en/43-1/COVI/meeting-1/evidence",
    });
    expect(hansard.announcement).toMatch(/^The committee met by video conference at noon\./);
  });
});

describe("labels alone on their line, with CRLF, a BOM, tabs and runs of blank lines", () => {
  const raw = readFileSync(path.join(fixtures, WATER));
  const water = parseTranscript(WATER, raw);

  it("is really a CRLF file with a BOM and tabs (the fixture must stay byte-exact)", () => {
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString("utf8");
    expect(text).toContain("\r\n\r\n\r\n");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(text).toContain("\t");
  });

  it("finds every label, the Chinese full-width colon included, and keeps an empty turn", () => {
    expect(speakers(water)).toEqual([
      "Wang Hong",
      "Xinhua News Agency reporter",
      "Li Guoying",
      "Wang Hong",
      "CCTV reporter",
      "Li Guoying",
      "发言人",
    ]);
    expect(water.turns[3]!.text).toBe("");
    expect(water.turns[6]!.text).toBe("今年汛期准备工作已经全面展开。");
  });

  it("joins hard-wrapped lines, turns tabs into spaces and keeps \"Note:\" as text", () => {
    expect(water.turns[2]!.text).toBe(
      "We have inspected 4,200 large and medium reservoirs this spring. The remaining small reservoirs will be checked by the end of June.\n\n" +
        "Note: figures are provisional and will be updated in the ministry bulletin.\n\n" +
        "In addition, we trained 12,000 dam safety officers.",
    );
    for (const turn of water.turns) expect(turn.text).not.toMatch(/[\r\t\uFEFF]/);
    expect(water.announcement).toMatch(/^Press briefing of the Ministry of Water Resources/);
  });

  it("parses the same as the LF version without a BOM", () => {
    const lf = raw.toString("utf8").replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
    const plain = parseTranscript(WATER, lf);
    expect({ ...plain, hash: "" }).toEqual({ ...water, hash: "" });
    expect(plain.hash).not.toBe(water.hash);
  });

  it("gives roles from the roster and links both questions", () => {
    expect(water.roster).toEqual([
      { name: "Li Guoying", role: "Minister of Water Resources" },
      { name: "Wang Hong", role: "Spokesperson of the Ministry of Water Resources" },
    ]);
    expect(water.turns.map((t) => t.role)).toEqual([
      "Spokesperson of the Ministry of Water Resources",
      null,
      "Minister of Water Resources",
      "Spokesperson of the Ministry of Water Resources",
      null,
      "Minister of Water Resources",
      null,
    ]);
    expect(water.turns.filter((t) => t.isQuestion).map((t) => t.index)).toEqual([1, 4]);
    expect(water.turns[2]!.inResponseTo).toBe(1);
    expect(water.turns[5]!.inResponseTo).toBe(4);
  });

  it("without front matter, takes the title and date from the file name", () => {
    expect(water.meta).toEqual({ id: WATER, title: "Water briefing", date: "2021-05-14", source: null, url: null, language: null });
  });
});

describe("Chinese transcripts with the label at the start of the paragraph", () => {
  it("reads \"记者：\" followed directly by text (no space after the full-width colon)", () => {
    const text = "2021年5月14日新闻发布会。\n\n记者：请问今年检查了多少座水库？\n\n发言人：今年检查了4200座大中型水库。\n";
    const t = parseTranscript("zh-briefing.txt", text);
    expect(t.turns.map((turn) => [turn.speaker, turn.text, turn.isQuestion, turn.inResponseTo])).toEqual([
      ["记者", "请问今年检查了多少座水库？", true, null],
      ["发言人", "今年检查了4200座大中型水库。", false, 0],
    ]);
  });

  it("still does not take a time or a URL for a label", () => {
    const t = parseTranscript("times.txt", "Minister Li: The meeting starts at 10:30 today.\n\nSee http://example.org: details there.\n");
    expect(speakers(t)).toEqual(["Minister Li"]);
    expect(t.turns[0]!.text).toBe("The meeting starts at 10:30 today.\n\nSee http://example.org: details there.");
  });
});

describe("JSON transcripts", () => {
  it("reads an array of {speaker, text}", () => {
    const json = JSON.stringify([
      { speaker: "Daily Herald reporter", text: "Will the bridge reopen\nthis week?" },
      { speaker: " Mayor Lin ", text: "It reopens on Friday." },
    ]);
    const t = parseTranscript("2022-02-02-bridge.json", json);
    expect(t.turns).toEqual([
      { index: 0, speaker: "Daily Herald reporter", name: "Daily Herald reporter", role: null, text: "Will the bridge reopen this week?", isQuestion: true, inResponseTo: null },
      { index: 1, speaker: "Mayor Lin", name: "Mayor Lin", role: null, text: "It reopens on Friday.", isQuestion: false, inResponseTo: 0 },
    ]);
    expect(t.announcement).toBe("");
    expect(t.meta).toMatchObject({ id: "2022-02-02-bridge.json", title: "Bridge", date: "2022-02-02" });
  });

  it("an asker's bare \"Okay.\" does not end the exchange: an official adding to the answer still answers the question", () => {
    const json = JSON.stringify([
      { speaker: "Hefin David AM", text: "Are we likely to see more universities in the high-risk category?" },
      { speaker: "Dr David Blaney", text: "We might." },
      { speaker: "Hefin David AM", text: "Okay." },
      { speaker: "Bethan Owen", text: "And, just to add, the key is keeping Welsh universities attractive to students." },
      { speaker: "Hefin David AM", text: "Thank you. I think the risk is real, and the committee will come back to it." },
      { speaker: "Bethan Owen", text: "We will write to the committee with the figures." },
    ]);
    const t = parseTranscript("2019-01-01-hefcw.json", json);
    expect(t.turns.map((turn) => [turn.isQuestion, turn.inResponseTo])).toEqual([
      [true, null],
      [false, 0],
      [false, null],
      [false, 0],
      [false, null], // more than a nod, and no question: the exchange is over
      [false, null],
    ]);
  });

  it("reads an object with title, date, source, announcement and turns", () => {
    const t = parseFixture(PORT);
    expect(t.meta).toEqual({
      id: PORT,
      title: "Port Authority briefing on the harbour dredging programme",
      date: "2021-07-01",
      source: "Harbour Port Authority, media briefing (English transcript)",
      url: null,
      language: null,
    });
    expect(t.announcement).toMatch(/^Ana Moreno, Chief Executive Officer/);
    expect(t.roster).toEqual([
      { name: "Ana Moreno", role: "Chief Executive Officer of the Harbour Port Authority" },
      { name: "Tom Reyes", role: "Director of Marine Operations" },
    ]);
    expect(t.turns.map((turn) => [turn.speaker, turn.role, turn.isQuestion, turn.inResponseTo])).toEqual([
      ["Harbour Gazette reporter", null, true, null],
      ["Tom Reyes", "Director of Marine Operations", false, 0],
      ["Harbour Gazette reporter", null, true, null],
      ["Ana Moreno", "Chief Executive Officer of the Harbour Port Authority", false, 2],
    ]);
    expect(t.turns[3]!.text).toBe("The dredging programme costs 48 million dollars, paid from the authority's own reserves.\n\nNo public money is involved.");
  });

  it("rejects malformed JSON with a one-line TranscriptError naming the file", () => {
    const error = parseError("broken.json", '[{"speaker": "A", "text": "hi"');
    expect(error.message).toMatch(/^broken\.json: not valid JSON/);
    expect(error.message).not.toContain("\n");
  });

  it("rejects a turn without a speaker, naming the file and the turn", () => {
    const error = parseError("nameless.json", JSON.stringify([{ speaker: "A", text: "hi" }, { text: "who am I?" }]));
    expect(error.message).toMatch(/^nameless\.json: turn 1 needs a "speaker"/);
    expect(parseError("blank.json", JSON.stringify([{ speaker: "  ", text: "x" }])).message).toMatch(/^blank\.json: turn 0/);
    expect(parseError("shape.json", JSON.stringify({ title: "x", turns: "none" })).message).toMatch(/^shape\.json: expected a JSON array/);
  });
});

describe("meta without front matter", () => {
  it("takes the title from the file name and the date from the announcement (month first)", () => {
    const t = parseTranscript("miit-press-briefing.txt", "The conference was held on March 30, 2020 in Beijing.\n\nXu Kemin: Thank you.\n");
    expect(t.meta).toMatchObject({ title: "Miit press briefing", date: "2020-03-30", source: null, language: null });
  });

  it("reads a day-first date from the announcement", () => {
    const t = parseTranscript("harbour_update.md", "Briefing of 7 June 2021.\n\nAna Moreno: The harbour is open.\n");
    expect(t.meta).toMatchObject({ title: "Harbour update", date: "2021-06-07" });
  });

  it("leaves the date null when neither the file name nor the announcement has one", () => {
    expect(parseTranscript("notes.txt", "Ana Moreno: The harbour is open.\n").meta.date).toBeNull();
  });
});

describe("loadCorpus", () => {
  let dir: string;
  let linkTarget: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "briefbot-corpus-"));
    linkTarget = mkdtempSync(path.join(os.tmpdir(), "briefbot-linked-"));
    writeFileSync(path.join(dir, SEED), readFileSync(seedPath));
    writeFileSync(path.join(dir, HANSARD), readFileSync(path.join(fixtures, HANSARD)));
    writeFileSync(path.join(linkTarget, WATER), readFileSync(path.join(fixtures, WATER)));
    symlinkSync(path.join(linkTarget, WATER), path.join(dir, "2021-01-08-outside-link.txt"));
    // A link whose target stays inside the corpus folder is followed (the subfolder itself is not read).
    mkdirSync(path.join(dir, "originals"));
    writeFileSync(path.join(dir, "originals", WATER), readFileSync(path.join(fixtures, WATER)));
    symlinkSync(path.join("originals", WATER), path.join(dir, "2021-05-14-linked.txt"));
    writeFileSync(path.join(dir, "2021-01-01-empty.txt"), "");
    writeFileSync(path.join(dir, "2021-01-02-blank.md"), "\n\n   \n");
    writeFileSync(path.join(dir, "2021-01-03-bad-yaml.txt"), '---\ntitle: "unclosed\ndate: [2021\n---\nXu Kemin: Hello.\n');
    writeFileSync(path.join(dir, "2021-01-04-no-labels.txt"), "This is prose about the economy. It has no speakers at all.\n");
    writeFileSync(path.join(dir, "2021-01-05-bad.json"), "{ not json");
    mkdirSync(path.join(dir, "2021-01-06-folder.txt"));
    symlinkSync(path.join(linkTarget, "missing.txt"), path.join(dir, "2021-01-07-dangling.txt"));
    writeFileSync(path.join(dir, "README.md"), "Not a transcript.\n");
    writeFileSync(path.join(dir, "speakers.csv"), "name,role\n");
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(linkTarget, { recursive: true, force: true });
  });

  it("skips each broken file with exactly one one-line warning naming it, and loads the rest", () => {
    const warnings: string[] = [];
    const transcripts = loadCorpus(dir, (line) => warnings.push(line));
    expect(transcripts.map((t) => t.meta.id)).toEqual([SEED, HANSARD, "2021-05-14-linked.txt"]);
    expect(transcripts[2]!.turns).toHaveLength(7); // a symlinked transcript inside the folder is read like a file

    const broken = [
      "2021-01-01-empty.txt",
      "2021-01-02-blank.md",
      "2021-01-03-bad-yaml.txt",
      "2021-01-04-no-labels.txt",
      "2021-01-05-bad.json",
      "2021-01-06-folder.txt",
      "2021-01-07-dangling.txt",
      "2021-01-08-outside-link.txt",
    ];
    expect(warnings).toHaveLength(broken.length);
    for (const name of broken) {
      const naming = warnings.filter((w) => w.includes(path.join(dir, name)));
      expect(naming, name).toHaveLength(1);
      expect(naming[0]).toMatch(/^warning: skipped /);
      expect(naming[0]).not.toContain("\n");
    }
    expect(warnings.join("\n")).not.toMatch(/README|speakers\.csv/);
    expect(warnings.find((w) => w.includes("empty.txt"))).toContain("empty");
    expect(warnings.find((w) => w.includes("bad-yaml"))).toContain("front matter is not valid YAML");
    expect(warnings.find((w) => w.includes("no-labels"))).toContain("no speaker labels found");
    expect(warnings.find((w) => w.includes("folder.txt"))).toContain("it is a folder, not a regular file");
    expect(warnings.find((w) => w.includes("dangling"))).toContain("symbolic link to nothing");
    expect(warnings.find((w) => w.includes("outside-link"))).toContain(`symbolic link to ${realpathSync(path.join(linkTarget, WATER))}, outside the corpus folder`);
  });

  it("fails with a clear error when the folder does not exist", () => {
    expect(() => loadCorpus(path.join(dir, "nope"), () => {})).toThrow(/corpus folder .*nope cannot be read/);
  });
});

describe("exchanges in a committee without a roster", () => {
  const text = [
    "Committee meeting.",
    "Lynne Neagle AM: Welcome. We'll go straight into questions. Michelle.",
    "Michelle Brown AM: How is the grant targeted at vulnerable learners?",
    "Kirsty Williams AM: The grant is targeted through the regional consortia.",
    "Michelle Brown AM: And what are your views on that approach?",
    "Kirsty Williams AM: I think the approach is the right one.",
    "Lynne Neagle AM: Dawn.",
    "Dawn Bowden AM: What about special schools?",
    "Kirsty Williams AM: Special schools are included.",
  ].join("\n\n");
  const t = parseTranscript("committee.txt", text);

  it("takes a follow-up from the same member as a question of its own, answered by the next turn", () => {
    expect(t.turns.map((turn) => [turn.index, turn.isQuestion, turn.inResponseTo])).toEqual([
      [0, false, null],
      [1, true, null],
      [2, false, 1],
      [3, true, null],
      [4, false, 3],
      [5, false, null],
      [6, true, null],
      [7, false, 6],
    ]);
  });

  it("does not take a chair calling the next member (\"Dawn.\") for an answer", () => {
    expect(t.turns[5]).toMatchObject({ speaker: "Lynne Neagle AM", text: "Dawn.", isQuestion: false, inResponseTo: null });
  });
});
