import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../src/transcript/load.js";
import { nameFromLabel } from "../src/transcript/labels.js";
import { withoutNotes } from "../src/transcript/notes.js";
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
    expect(water.meta).toEqual({ id: WATER, title: "Water briefing", date: "2021-05-14", source: null, url: null, language: "en" });
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
      { index: 0, label: "Daily Herald reporter", speaker: "Daily Herald reporter", name: "Daily Herald reporter", role: null, text: "Will the bridge reopen this week?", isQuestion: true, inResponseTo: null },
      { index: 1, label: "Mayor Lin", speaker: "Mayor Lin", name: "Mayor Lin", role: null, text: "It reopens on Friday.", isQuestion: false, inResponseTo: 0 },
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
      language: "en",
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
    expect(t.meta).toMatchObject({ title: "Miit press briefing", date: "2020-03-30", source: null, language: "en" });
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

  it("skips each broken file with exactly one one-line warning naming it, and loads the rest", async () => {
    const warnings: string[] = [];
    const transcripts = await loadCorpus(dir, (line) => warnings.push(line));
    // Subfolders are read too: "originals/" holds the link's target, read under its own id.
    expect(transcripts.map((t) => t.meta.id)).toEqual([SEED, HANSARD, "2021-05-14-linked.txt", `originals/${WATER}`]);
    expect(transcripts[2]!.turns).toHaveLength(7); // a symlinked transcript inside the folder is read like a file

    const broken = [
      "2021-01-01-empty.txt",
      "2021-01-02-blank.md",
      "2021-01-03-bad-yaml.txt",
      "2021-01-04-no-labels.txt",
      "2021-01-05-bad.json",
      "2021-01-07-dangling.txt",
      "2021-01-08-outside-link.txt",
      "speakers.csv", // a format briefbot does not read: named, never silently passed by
    ];
    expect(warnings).toHaveLength(broken.length);
    for (const name of broken) {
      const naming = warnings.filter((w) => w.includes(path.join(dir, name)));
      expect(naming, name).toHaveLength(1);
      expect(naming[0]).toMatch(/^warning: skipped /);
      expect(naming[0]).not.toContain("\n");
    }
    expect(warnings.join("\n")).not.toMatch(/README|originals/);
    expect(warnings.find((w) => w.includes("speakers.csv"))).toMatch(/briefbot does not read \.csv files \(it reads \.txt, \.md/);
    expect(warnings.find((w) => w.includes("empty.txt"))).toContain("empty");
    expect(warnings.find((w) => w.includes("bad-yaml"))).toContain("front matter is not valid YAML");
    expect(warnings.find((w) => w.includes("no-labels"))).toContain("no speaker labels found");
    // A folder is walked, whatever its name: an empty one gives nothing and no warning.
    expect(warnings.join("\n")).not.toContain("folder.txt");
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

// Press-briefing conventions (White House-style labels, Q/A marks, notes, prose colons), on fixtures of our own.
const pressFixtures = path.join(root, "test", "fixtures", "press");
const parsePress = (name: string) => parseTranscript(name, readFileSync(path.join(pressFixtures, name)));
const labels = (t: Transcript) => t.turns.map((turn) => turn.label);
const links = (t: Transcript) => t.turns.map((turn) => [turn.label, turn.isQuestion, turn.inResponseTo]);

describe("a White House-style press briefing", () => {
  const briefing = parsePress("2023-03-02-press-briefing-nguyen-okafor.txt");

  it("reads upper-case honorific labels and every reporter's label, as written", () => {
    expect(labels(briefing)).toEqual([
      "MS. NGUYEN",
      "SURGEON GENERAL OKAFOR",
      "MS. NGUYEN",
      "SURGEON GENERAL OKAFOR",
      "Q",
      "SURGEON GENERAL OKAFOR",
      "MS. NGUYEN",
      "Q",
      "DR. OKAFOR",
      "Q",
      "DR. OKAFOR",
      "Q (Maria Lopez, Harbor Gazette)",
      "MS. NGUYEN",
      "MR. NGUYEN",
      "Q",
      "MS. NGUYEN",
    ]);
    // No stand-in label here: whom to cite is the label as written, the source's own "MR. NGUYEN" slip included.
    for (const turn of briefing.turns) expect(turn.speaker).toBe(turn.label);
    expect(briefing.announcement).toBe("Harbor Press Briefing Room\n\n1:05 P.M. EST");
  });

  it("takes full names and roles from the title and the introduction, never guessing", () => {
    const person = (label: string) => {
      const turn = briefing.turns.find((t) => t.label === label)!;
      return { name: turn.name, role: turn.role };
    };
    expect(person("MS. NGUYEN")).toEqual({ name: "Dana Nguyen", role: "Press Secretary" });
    expect(person("SURGEON GENERAL OKAFOR")).toEqual({ name: "Samuel K. Okafor", role: "Surgeon General" });
    expect(person("Q (Maria Lopez, Harbor Gazette)")).toEqual({ name: "Maria Lopez", role: null });
    expect(person("Q")).toEqual({ name: "Q", role: null });
  });

  it("makes one person of two labels with one surname: same name and role", () => {
    const okafor = briefing.turns.filter((t) => t.label.includes("OKAFOR"));
    expect(new Set(okafor.map((t) => t.label))).toEqual(new Set(["SURGEON GENERAL OKAFOR", "DR. OKAFOR"]));
    expect(new Set(okafor.map((t) => `${t.name} / ${t.role}`))).toEqual(new Set(["Samuel K. Okafor / Surgeon General"]));
    expect(briefing.turns[13]).toMatchObject({ label: "MR. NGUYEN", name: "Dana Nguyen", role: "Press Secretary" });
  });

  it("removes the transcriber's notes from the words, keeping the words around them intact", () => {
    expect(briefing.turns[0]!.text).toBe("Hi, everyone. We have a special guest today — yes, another one.");
    expect(briefing.turns[2]!.text).toMatch(/^Today, we have a special guest, Surgeon General Samuel Okafor\./);
    expect(briefing.turns[8]!.text).toBe("It does not require it, but we recommend filters in every older building.");
    // Words the recording lost are marked as a gap, not closed up; the closing time is not the last words said.
    expect(briefing.turns[15]!.text).toBe("Thanks, everyone. …");
    for (const turn of briefing.turns) expect(turn.text).not.toMatch(/\((?:Laughter|Laughs|Inaudible)|\[sic\]|\(laughter\)/);
  });

  it("keeps prose that looks like a label inside the official's turn", () => {
    expect(briefing.turns[5]!.text.split("\n\n")).toEqual([
      "Today I issued an advisory on lead in school drinking fountains.",
      "Bottom line: every school should test its fountains before the autumn term.",
      "Vaccinations: We've had to remind parents that the measles shot is still due at age four.",
    ]);
    expect(briefing.turns[12]!.text.split("\n\n")).toEqual([
      "Forty million dollars this year. Let me just highlight what outside analysts said:",
      "Harbor Capital: “The filter grants are the cheapest health measure of the decade.”",
      "Next concept: the grants go first to districts with the oldest buildings.",
    ]);
    expect(labels(briefing)).not.toContain("Vaccinations");
    expect(labels(briefing)).not.toContain("Harbor Capital");
  });

  it("marks every reporter's turn as a question, and links answers to the last question that asked something", () => {
    expect(links(briefing)).toEqual([
      ["MS. NGUYEN", false, null],
      ["SURGEON GENERAL OKAFOR", false, null],
      ["MS. NGUYEN", false, null],
      ["SURGEON GENERAL OKAFOR", false, null],
      ["Q", true, null], // "Good, thank you." asks nothing: no answer links to it
      ["SURGEON GENERAL OKAFOR", false, null],
      ["MS. NGUYEN", false, null], // "Go ahead, Peter." gives the floor; it answers nothing
      ["Q", true, null],
      ["DR. OKAFOR", false, 7],
      ["Q", true, null], // "Yes." — an asker's turn, but the answer goes on to question 7
      ["DR. OKAFOR", false, 7],
      ["Q (Maria Lopez, Harbor Gazette)", true, null],
      ["MS. NGUYEN", false, 11],
      ["MR. NGUYEN", false, 11],
      ["Q", true, null],
      ["MS. NGUYEN", false, 11],
    ]);
  });
});

describe("a joint press conference with interpreted turns", () => {
  const conference = parsePress("2023-04-11-joint-press-conference-hale-nunez.txt");

  it("reads labels with non-ASCII capitals and a two-word surname", () => {
    expect(labels(conference)).toEqual([
      "PRESIDENT HALE",
      "PRESIDENT NÚÑEZ ORTEGA",
      "MODERATOR",
      "Q",
      "PRESIDENT NÚÑEZ ORTEGA",
      "AIDE",
      "Q",
      "PRESIDENT HALE",
    ]);
    expect(conference.turns[1]).toMatchObject({ name: "Núñez Ortega", role: "President of the Republic of Costa Verde" });
    expect(conference.turns[0]).toMatchObject({ name: "Hale", role: "President" });
  });

  it("drops (As interpreted.), (Speaks English.) and gestures wherever they stand, and keeps \"My message:\" as words", () => {
    expect(conference.turns[1]!.text).toBe(
      "Thank you, Mr. President. The rail link will carry coffee to the coast in hours, not days.\n\nMy message: I wish every worker on this line a safe road home.",
    );
    expect(conference.turns[2]!.text).toBe("The first question is from the Costa Verde press.");
    expect(conference.turns[3]!.text).toBe("President Núñez Ortega, when will construction start?");
    expect(conference.turns[4]!.text).toBe("In June. The first section will run from the capital to Puerto Azul.");
    expect(conference.turns[7]!.text).toBe("We will pay for a third of it, through the development bank. He pays the rest.");
  });

  it("neither the moderator nor an aide calling the last question asks or answers", () => {
    expect(links(conference)).toEqual([
      ["PRESIDENT HALE", false, null],
      ["PRESIDENT NÚÑEZ ORTEGA", false, null],
      ["MODERATOR", false, null],
      ["Q", true, null],
      ["PRESIDENT NÚÑEZ ORTEGA", false, 3],
      ["AIDE", false, null],
      ["Q", true, null],
      ["PRESIDENT HALE", false, 6],
    ]);
  });
});

describe("a background call", () => {
  const call = parsePress("2023-05-20-background-call-harbor-compact.txt");

  it("keeps one label for several officials, and the moderator hands over without answering", () => {
    expect(links(call)).toEqual([
      ["MODERATOR", false, null],
      ["SENIOR ADMINISTRATION OFFICIAL", false, null],
      ["MODERATOR", false, null],
      ["Q", true, null],
      ["SENIOR ADMINISTRATION OFFICIAL", false, 3], // "Correct." answers
      ["SENIOR ADMINISTRATION OFFICIAL", false, 3],
      ["MODERATOR", false, null],
      ["Q", true, null],
      ["SENIOR ADMINISTRATION OFFICIAL", false, 7],
      ["Q", true, null], // "Yes." to the official's own question
      ["SENIOR ADMINISTRATION OFFICIAL", false, 7],
    ]);
    expect(call.turns[1]).toMatchObject({ speaker: "SENIOR ADMINISTRATION OFFICIAL", name: "SENIOR ADMINISTRATION OFFICIAL", role: null });
  });

  it("keeps an editorial placeholder, which stands for words that were said", () => {
    expect(call.turns[0]!.text).toContain("Our speakers are [senior administration official] and [senior administration official].");
  });
});

describe("the answer mark A", () => {
  it("is answered by the spokesperson the title names: speaker and name become the person, label stays \"A\"", () => {
    const t = parsePress("2021-05-14-foreign-ministry-regular-press-conference.txt");
    expect(t.turns.map((turn) => [turn.label, turn.speaker, turn.name, turn.role, turn.isQuestion, turn.inResponseTo])).toEqual([
      ["Q", "Q", "Q", null, true, null],
      ["A", "Lin Mei", "Lin Mei", "Foreign Ministry Spokesperson", false, 0],
      ["Q", "Q", "Q", null, true, null],
      ["A", "Lin Mei", "Lin Mei", "Foreign Ministry Spokesperson", false, 2],
    ]);
    expect(t.turns[0]!.text).toBe("The harbour authority says a new ferry route opens next week. Can you confirm?");
  });

  it("takes the spokesperson from the announcement's roster too, with \"Q:\"/\"A:\" written with colons", () => {
    const text = [
      "Press conference of 3 June 2021. Wang Hai, Spokesperson of the Ministry of Transport, answered questions.",
      "Q: When does the bridge reopen?",
      "A: On Friday.",
    ].join("\n\n");
    const t = parseTranscript("bridge.txt", text);
    expect(t.turns[1]).toMatchObject({ label: "A", speaker: "Wang Hai", name: "Wang Hai", role: "Spokesperson of the Ministry of Transport", inResponseTo: 0 });
  });

  it("stays \"A\", role unknown, when the briefing names no spokesperson", () => {
    const t = parseTranscript("notes.txt", "Q: When does the bridge reopen?\n\nA: On Friday.\n");
    expect(t.turns[1]).toMatchObject({ label: "A", speaker: "A", name: "A", role: null, inResponseTo: 0 });
  });
});

describe("reporter and office labels written other ways", () => {
  it("takes QUESTION:, REPORTER:, Q. and Q (Name, Outlet): for askers", () => {
    const text = [
      "QUESTION: Is the port open?",
      "MR. REYES: It is.",
      "REPORTER: Since when?",
      "MR. REYES: Since Monday.",
      "Q. And the ferries?",
      "MR. REYES: Also running.",
      "Q (Ann Lee, Coast Radio): Any delays?",
      "MR. REYES: None today.",
    ].join("\n\n");
    const t = parseTranscript("port.txt", text);
    expect(links(t)).toEqual([
      ["QUESTION", true, null],
      ["MR. REYES", false, 0],
      ["REPORTER", true, null],
      ["MR. REYES", false, 2],
      ["Q", true, null],
      ["MR. REYES", false, 4],
      ["Q (Ann Lee, Coast Radio)", true, null],
      ["MR. REYES", false, 6],
    ]);
    expect(t.turns[1]).toMatchObject({ name: "Reyes", role: null });
  });

  it("names the holder of an office label (THE PRESIDENT) when the title names exactly one", () => {
    const text = '---\ntitle: "Remarks by President Hale in Press Conference"\n---\nTHE PRESIDENT: Good afternoon.\n\nQ: Will you run again?\n\nTHE PRESIDENT: Yes.\n';
    const t = parseTranscript("hale.txt", text);
    expect(t.turns[0]).toMatchObject({ label: "THE PRESIDENT", speaker: "THE PRESIDENT", name: "Hale", role: "President" });
    expect(t.turns[2]).toMatchObject({ inResponseTo: 1 });
  });

  it("does not take an office written with the press in its name for a reporter", () => {
    const t = parseTranscript("press-sec.txt", "PRESS SECRETARY NGUYEN: Good afternoon.\n\nQ: Any news?\n\nPRESS SECRETARY NGUYEN: None.\n");
    expect(links(t)).toEqual([
      ["PRESS SECRETARY NGUYEN", false, null],
      ["Q", true, null],
      ["PRESS SECRETARY NGUYEN", false, 1],
    ]);
    expect(t.turns[0]).toMatchObject({ name: "Nguyen", role: "Press Secretary" });
  });
});

describe("prose that looks like a label, in a transcript with mixed-case labels", () => {
  const text = [
    "Committee meeting.",
    "Lynne Price AM: Welcome. First question, Sam.",
    "Sam Hale AM: What did the survey find?",
    "Dr Ana Rees: It found three things. Let me give you the examples:",
    "Harbor Capital: “Demand has doubled.”",
    "Vaccinations: We have had to widen the age range.",
    "Interpreter: The witness adds that the survey is annual.",
    "Dr Ana Rees: That is all from me.",
  ].join("\n\n");
  const t = parseTranscript("survey.txt", text);

  it("keeps a quotation, a list item after a colon and a one-word opener as text; a one-off name or role is a label", () => {
    expect(labels(t)).toEqual(["Lynne Price AM", "Sam Hale AM", "Dr Ana Rees", "Interpreter", "Dr Ana Rees"]);
    expect(t.turns[2]!.text.split("\n\n")).toEqual([
      "It found three things. Let me give you the examples:",
      "Harbor Capital: “Demand has doubled.”",
      "Vaccinations: We have had to widen the age range.",
    ]);
  });

  it("still accepts a one-off label that the title or announcement names", () => {
    const named = parseTranscript("named.txt", "Ana Rees gave evidence.\n\nMS. PRICE: Welcome.\n\nQ: When?\n\nMS. PRICE: Now.\n\nAna Rees: Thank you.\n");
    expect(labels(named)).toEqual(["MS. PRICE", "Q", "MS. PRICE", "Ana Rees"]);
  });
});

describe("the transcriber's notes", () => {
  it("removes notes of what happened, in round or square brackets, and tidies the seam", () => {
    expect(withoutNotes("What, you got a holiday to go to? (Laughter.)")).toBe("What, you got a holiday to go to?");
    expect(withoutNotes("(As interpreted.) Thank you.")).toBe("Thank you.");
    expect(withoutNotes("Oh dear. [Laughter.] Next item.")).toBe("Oh dear. Next item.");
    expect(withoutNotes("from yesterday — (laughter) — but very knowledgeable")).toBe("from yesterday — but very knowledgeable");
    expect(withoutNotes("his answer is yes. (Points to President Zelenskyy.) (Laughter.) And")).toBe("his answer is yes. And");
    expect(withoutNotes("We have (clears throat) three points [sic].")).toBe("We have three points.");
    expect(withoutNotes("(Speaks French.) (As interpreted.) Bonjour.")).toBe("Bonjour.");
    expect(withoutNotes("[Objection.]")).toBe("");
  });

  it("drops a clock time standing as a paragraph inside a turn, and keeps it in the announcement", () => {
    const t = parseTranscript("times.txt", "Briefing Room\n\n1:05 P.M. EDT\n\nMS. NGUYEN: Thanks, everyone.\n\n1:41 P.M. EDT\n");
    expect(t.announcement).toBe("Briefing Room\n\n1:05 P.M. EDT");
    expect(t.turns.map((turn) => turn.text)).toEqual(["Thanks, everyone."]);
    expect(withoutNotes("We start at 1:05 P.M. EDT sharp.")).toBe("We start at 1:05 P.M. EDT sharp.");
  });

  it("marks words the recording lost instead of closing the gap", () => {
    expect(withoutNotes("Obviously—[Inaudible.]—that point.")).toBe("Obviously—…—that point.");
    expect(withoutNotes("we need to (inaudible) the plan")).toBe("we need to … the plan");
  });

  it("keeps brackets that carry words or names", () => {
    for (const text of [
      "Little of the data [that] I see tells me so.",
      "Our speakers are [senior administration official] and [senior administration official].",
      "The fees [correction: £2.2 million over six years] were agreed.",
      "Hon. Deb Schulte (Minister of Seniors) spoke, then Mr. d'Entremont (West Nova, CPC).",
      "The Wales (Devolution) Act and (November 15, 2021) stay.",
    ]) {
      expect(withoutNotes(text)).toBe(text);
    }
  });

  it("are taken out of JSON transcripts too, and a turn that was only a note stays, empty, to keep the numbering", () => {
    const json = JSON.stringify([
      { speaker: "Q", text: "Will it pass? (Laughter.)" },
      { speaker: "MS. NGUYEN", text: "(Laughs.)" },
      { speaker: "MS. NGUYEN", text: "It will [sic]." },
    ]);
    const t = parseTranscript("2023-01-01-notes.json", json);
    expect(t.turns.map((turn) => turn.text)).toEqual(["Will it pass?", "", "It will."]);
  });
});
