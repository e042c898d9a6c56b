// Questions about the briefing itself, through the engine (the seed, and three invented briefings in the seed's
// layout and the press layout), and through the pure answer module with hand-made announcement passages.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerAboutBriefing, type BriefingSources } from "../src/answer/briefing.js";
import { briefingFacts } from "../src/answer/briefing-facts.js";
import { briefingRanker } from "../src/answer/briefing-rank.js";
import { selectQuote } from "../src/answer/quote.js";
import { openEngine, type OpenedEngine } from "../src/engine.js";
import { estimateTokens, passagesOfTranscript } from "../src/passages/chunk.js";
import { parseTranscript } from "../src/transcript/parse.js";
import type { Answer, Hit, Passage } from "../src/types.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BRIEFINGS = path.join(root, "test", "fixtures", "briefings");
const TRANSIT = "2023-03-22-lakeside-transit.txt";
const BUDGET = "2023-03-22-lakeside-budget-call.txt";
const SMITH = "2023-05-10-lakeside-briefing-smith.txt";
const SEED_TEXT = readFileSync(path.join(root, "corpus", "2020-03-30-miit-resumption.txt"), "utf8");
const fileText = (id: string) => (id.startsWith("2020-") ? SEED_TEXT : readFileSync(path.join(BRIEFINGS, id), "utf8"));
const flat = (text: string) => text.replace(/\s+/g, " ").trim();

let tmp: string;
let seed: OpenedEngine;
let lakeside: OpenedEngine;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-briefing-"));
  seed = await openEngine({ corpusDir: path.join(root, "corpus"), indexDir: path.join(tmp, "seed"), embedding: null, warn: () => undefined });
  lakeside = await openEngine({ corpusDir: BRIEFINGS, indexDir: path.join(tmp, "lakeside"), embedding: null, warn: () => undefined });
});

afterAll(() => {
  seed?.close();
  lakeside?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A briefing answer: the bot's words, and hits that quote the transcript verbatim under the right speaker. */
function expectBriefingAnswer(answer: Answer) {
  expect(answer).toMatchObject({ kind: "briefing", found: true, answer: expect.any(String) });
  expect(answer.hits.map((h) => h.rank)).toEqual(answer.hits.map((_, i) => i + 1));
  for (const hit of answer.hits) {
    expect(hit.passage).toContain(hit.quote);
    expect(flat(fileText(hit.source.transcript))).toContain(flat(hit.passage));
  }
}

describe("the seed briefing", () => {
  it("who spoke: the official who spoke, the panel members who did not, and who asked", async () => {
    const answer = await seed.ask("Who spoke at this briefing?");
    expectBriefingAnswer(answer);
    expect(answer.answer).toContain("the official who spoke was Xu Kemin (Director of the Department of Industrial Policy and Regulations)");
    expect(answer.answer).toContain("Xin Guobin (Vice Minister of Industry and Information Technology) and Liang Zhifeng (Director of the Small and Medium Enterprise Bureau) were on the panel, according to the announcement, but did not speak");
    expect(answer.answer).toContain("Questions came from Shenzhen Satellite TV reporter");
    // The announcement introduces him; then his own words.
    expect(answer.hits.map((h) => h.speaker)).toEqual(["Announcement", "Xu Kemin"]);
  });

  it("which body held it: the source the transcript gives, then who spoke; only when asked", async () => {
    const answer = await seed.ask("Which ministry held this press conference?");
    expectBriefingAnswer(answer);
    expect(answer.answer).toMatch(/^The transcript of “MIIT press conference on the resumption of manufacturing” \(2020-03-30\) gives its source as “Ministry of Industry and Information Technology of the People's Republic of China, press conference of 30 March 2020 \(English transcript\)”\./);
    expect(answer.answer).toContain("the official who spoke was Xu Kemin");
    expect((await seed.ask("Who spoke at this briefing?")).answer).not.toContain("gives its source");
  });

  it("a person named by their role: in full (an \"and\" inside it), or with an acronym for some of its words", async () => {
    const full = await seed.ask("Who is the Director of the Department of Industrial Policy and Regulations?");
    expect(full).toMatchObject({ kind: "briefing", found: true });
    expect(full.answer).toContain("Xu Kemin is Director of the Department of Industrial Policy and Regulations");
    const short = await seed.ask("What did the Director of the SME Bureau say?");
    expect(short.answer).toContain("Liang Zhifeng (Director of the Small and Medium Enterprise Bureau) was on the panel");
    expect(short.answer).toContain("did not speak");
  });

  it("who is X: the role from the announcement, for a silent panel member too", async () => {
    const answer = await seed.ask("Who is Liang Zhifeng?");
    expectBriefingAnswer(answer);
    expect(answer.answer).toContain("Liang Zhifeng is Director of the Small and Medium Enterprise Bureau, according to the announcement.");
    expect(answer.answer).toContain("Liang Zhifeng did not speak.");
    expect(answer.hits.every((h) => h.speaker !== "Liang Zhifeng")).toBe(true);
    expect((await seed.ask("What is Xu Kemin's role?")).answer).toContain("Xu Kemin is Director of the Department of Industrial Policy and Regulations");
  });

  it("what did X say: the main answers of an official who spoke, and 'did not speak' for a silent one, with no words put in his mouth", async () => {
    const xu = await seed.ask("What did Xu Kemin say?");
    expectBriefingAnswer(xu);
    expect(xu.hits.length).toBeGreaterThanOrEqual(2);
    expect(xu.hits.every((h) => h.speaker === "Xu Kemin")).toBe(true);
    const xin = await seed.ask("What did Xin Guobin say?");
    expectBriefingAnswer(xin);
    expect(xin.answer).toBe(
      "Xin Guobin (Vice Minister of Industry and Information Technology) was on the panel at “MIIT press conference on the resumption of manufacturing” (2020-03-30), according to the announcement, but did not speak.",
    );
    expect(xin.hits.every((h) => h.speaker !== "Xin Guobin")).toBe(true);
  });

  it("when: the date and the announcement's own sentence; where: says the transcript does not tell", async () => {
    const when = await seed.ask("When is the press conference?");
    expectBriefingAnswer(when);
    expect(when.answer).toContain("is dated 2020-03-30");
    expect(when.answer).toContain("“A press conference will be held at 10 am on March 30, 2020 (Monday).”");
    expect((await seed.ask("Where was it held?")).answer).toContain("The transcript does not say where it was held.");
  });

  it("what did the reporter ask: the question itself, under the asker's label", async () => {
    const answer = await seed.ask("What did the reporter ask?");
    expectBriefingAnswer(answer);
    expect(answer.answer).toContain("reporters asked one question, answered by Xu Kemin");
    expect(answer.hits[0]).toMatchObject({ speaker: "Shenzhen Satellite TV reporter", inResponseTo: null, source: { turn: 0 } });
    expect(answer.hits[0]!.quote).toContain("What is the current situation of resuming production in this type of company?");
  });

  it("which outlet asked: the askers by their labels", async () => {
    const answer = await seed.ask("which media outlet got to ask a question");
    expectBriefingAnswer(answer);
    expect(answer.answer).toContain("reporters asked one question, from Shenzhen Satellite TV reporter, answered by Xu Kemin");
  });

  it("what was it about: the announcement's subject", async () => {
    const answer = await seed.ask("What was this briefing about?");
    expectBriefingAnswer(answer);
    expect(answer.answer).toContain("will be briefed on the resumption of manufacturing");
    expect(answer.hits.length).toBeGreaterThan(0);
  });

  it("a question about what X said on a topic stays a content question", async () => {
    const answer = await seed.ask("What did Xu Kemin say about masks?");
    expect(answer).toMatchObject({ kind: "quote", found: true });
    expect(answer.answer).toBeUndefined();
    expect(answer.hits[0]!.quote).toContain("masks");
  });

  it("a speaker filter asks for that speaker's words: content search", async () => {
    expect(await seed.ask("What did Xu Kemin say?", { speaker: "Xu Kemin" })).toMatchObject({ kind: "quote" });
  });
});

describe("who asked, when the transcript labels every reporter \"Q\"", () => {
  const TEXT = [
    "---",
    'title: "Harbour briefing"',
    "date: 2024-04-02",
    "---",
    "MS. LANE: The harbour bridge closes for repairs on Monday. With that, I'll take your questions. I'm going to start with Dana of the Ledger.",
    "Q: When does the harbour bridge reopen?",
    "MS. LANE: Thanks, Dana. It reopens in May, after the deck is replaced.",
    "Q: Will the ferries run more often while it is closed?",
    "MS. LANE: Yes, every twenty minutes.",
  ].join("\n\n");
  let harbour: OpenedEngine;
  beforeAll(async () => {
    const corpus = path.join(tmp, "harbour-corpus");
    mkdirSync(corpus);
    writeFileSync(path.join(corpus, "2024-04-02-harbour-briefing.txt"), `${TEXT}\n`);
    harbour = await openEngine({ corpusDir: corpus, indexDir: path.join(tmp, "harbour-index"), embedding: null, warn: () => undefined });
  });
  afterAll(() => harbour?.close());

  it("cites, around the question, the words that gave the floor and the answer's first words: they name the reporter", async () => {
    for (const question of ["Who got the first question?", "Which reporter kicked off the questions?", "Who asked about the harbour bridge reopening?"]) {
      const answer = await harbour.ask(question);
      expect(answer).toMatchObject({ kind: "briefing", found: true });
      expect(answer.answer).toContain("with the words around it that may name the reporter");
      expect(answer.hits.map((h) => h.speaker)).toEqual(["MS. LANE", "Q", "MS. LANE"]);
      expect(answer.hits[0]!.quote).toBe("I'm going to start with Dana of the Ledger.");
      expect(answer.hits[1]!.quote).toBe("When does the harbour bridge reopen?");
      expect(answer.hits[2]!.quote).toMatch(/^Thanks, Dana\./);
    }
  });

  it("the last question, as the first", async () => {
    const answer = await harbour.ask("Who got the last question?");
    expect(answer.answer).toContain("The last question at");
    expect(answer.hits.map((h) => h.quote)).toContain("Will the ferries run more often while it is closed?");
  });

  it("asked what was asked, not who: the question alone", async () => {
    const answer = await harbour.ask("What was asked first?");
    expect(answer.hits.map((h) => h.speaker)).toEqual(["Q"]);
    expect(answer.answer).not.toContain("may name the reporter");
  });
});

describe("several briefings", () => {
  it("a date two briefings share: says so and answers for each, citing both", async () => {
    const answer = await lakeside.ask("Who spoke at the 22 March briefing?");
    expectBriefingAnswer(answer);
    const lines = answer.answer!.split("\n");
    expect(lines[0]).toBe("2 briefings match “22 March”; answering for each.");
    expect(answer.answer).toContain("At “Press Call by Budget Director Sam Reyes on the City Budget” (2023-03-22), the officials who spoke were MS. SMITH and Sam Reyes (Budget Director; labelled MR. REYES).");
    expect(answer.answer).toContain("At “Lakeside City press conference on the spring transit plan” (2023-03-22), the officials who spoke were Maria Okafor (Commissioner of Transportation) and Daniel Brandt (Director of the Bus Network).");
    expect(answer.answer).toContain("Helen Cho (Deputy Mayor) was on the panel, according to the announcement, but did not speak.");
    expect(new Set(answer.hits.map((h) => h.source.transcript))).toEqual(new Set([TRANSIT, BUDGET]));
  });

  it("the latest briefing, from the dates", async () => {
    const answer = await lakeside.ask("What was the latest briefing about?");
    expectBriefingAnswer(answer);
    expect(answer.answer).toMatch(/^The most recent briefing is dated 2023-05-10\.\n“Press Briefing by Press Secretary Jane Smith, May 10, 2023” \(2023-05-10\)\./);
    expect(answer.hits.every((h) => h.source.transcript === SMITH)).toBe(true);
    expect(answer.hits[0]!.quote).toContain("special guest");
  });

  it("a guest introduced in the opening statement: named with the role the introduction gives, the introduction among the hits", async () => {
    const answer = await lakeside.ask("Who was the special guest at the May 10 briefing?");
    expectBriefingAnswer(answer);
    expect(answer.answer).toContain("Omar Haddad (Fire Chief; labelled CHIEF HADDAD)");
    expect(answer.hits[0]).toMatchObject({ speaker: "MS. SMITH" });
    expect(answer.hits[0]!.quote).toMatch(/^Today, we have a special guest, Fire Chief Omar Haddad\./);
  });

  it("who is X, by the title's words and the passage that introduces them", async () => {
    const answer = await lakeside.ask("Who is Sam Reyes?");
    expectBriefingAnswer(answer);
    expect(answer.answer).toContain("Sam Reyes (MR. REYES) is Budget Director, according to the title. MS. SMITH introduces Sam Reyes");
    expect(answer.hits[0]).toMatchObject({ speaker: "MS. SMITH", source: { transcript: BUDGET } });
    expect(answer.hits[0]!.quote).toContain("Budget Director Sam Reyes");
    expect(answer.hits[1]).toMatchObject({ speaker: "MR. REYES" });
  });

  it("who asked about X: the question's words point to the briefing, the asker and who answered", async () => {
    const answer = await lakeside.ask("Who asked about night buses?");
    expectBriefingAnswer(answer);
    expect(answer.answer).toContain("“night buses” came up in one question, from River FM reporter, answered by Daniel Brandt");
    expect(answer.hits[0]).toMatchObject({ speaker: "River FM reporter", source: { transcript: TRANSIT } });
  });

  it("what was asked first, in a press-layout transcript", async () => {
    const answer = await lakeside.ask("What was asked first at the budget call?");
    expectBriefingAnswer(answer);
    expect(answer.answer).toContain("came from a reporter (labelled “Q”), answered by Sam Reyes");
    expect(answer.hits).toHaveLength(1);
    expect(answer.hits[0]).toMatchObject({ speaker: "Q", quote: "How much of the budget goes to schools?" });
  });

  it("what reporters asked about a topic no question raised: not found, and said so", async () => {
    const answer = await lakeside.ask("What did reporters ask about the moon landing at the transit press conference?");
    expect(answer).toMatchObject({ kind: "briefing", found: false, hits: [] });
    expect(answer.answer).toContain("is about “the moon landing”");
  });

  it("when and where: header lines and the announcement's sentence, as written", async () => {
    const transit = await lakeside.ask("When and where was the transit press conference?");
    expect(transit.answer).toContain("“A press conference will be held at 9 am on March 22, 2023 (Wednesday) in the Lakeside City Hall.”");
    expect(transit.answer).not.toContain("does not say where");
    const when = await lakeside.ask("When was the budget call?");
    expect(when.answer).toContain("Its header reads “(March 21, 2023)”, “4:30 P.M. EDT”.");
    expect((await lakeside.ask("Where was the budget call?")).answer).toContain("Its header reads “Via Teleconference”.");
  });

  it("with no briefing named or pointed to, answers for the most recent and says so", async () => {
    const answer = await lakeside.ask("Who spoke?");
    expect(answer.answer).toMatch(/^Answering for the most recent of 3 briefings; name another by its date or title\.\nAt “Press Briefing by Press Secretary Jane Smith/);
  });

  it("respects --transcript and --top", async () => {
    const answer = await lakeside.ask("What did reporters ask?", { transcript: "budget", top: 1 });
    expect(answer.answer).toContain("At “Press Call by Budget Director Sam Reyes on the City Budget” (2023-03-22), reporters asked 2 questions; the first is quoted below");
    expect(answer.hits).toHaveLength(1);
  });

  it("how the briefing opened: the opening remarks in order", async () => {
    const answer = await lakeside.ask("How did the press secretary open the latest briefing?");
    expectBriefingAnswer(answer);
    expect(answer.hits.map((h) => h.speaker)).toEqual(["MS. SMITH", "CHIEF HADDAD"]);
  });

  it("the opening remarks run on past a reporter's greeting: it is no question", () => {
    const text =
      "---\ntitle: Press Briefing by Press Secretary Jane Smith\ndate: 2023-06-01\n---\n" +
      "MS. SMITH: Hello. Good afternoon, everybody.\n\nQ: Good afternoon.\n\n" +
      "MS. SMITH: Today is the first day of the summer reading programme, and I want to start with what it offers families.\n\n" +
      "Q: How much does the programme cost?\n\nMS. SMITH: Two million dollars.\n";
    const facts = briefingFacts(parseTranscript("2023-06-01-reading.txt", Buffer.from(text)));
    expect(facts.opening.map((t) => t.text)).toContain("Today is the first day of the summer reading programme, and I want to start with what it offers families.");
    expect(facts.questions.map((t) => t.text)).toContain("How much does the programme cost?");
  });

  it("lists the briefings, newest first", async () => {
    const answer = await lakeside.ask("Which briefings are there?");
    expect(answer.answer).toMatch(/^The index holds 3 briefings, newest first: “Press Briefing by Press Secretary Jane Smith, May 10, 2023” \(2023-05-10\);/);
  });
});

describe("answerAboutBriefing with announcement passages (turn -1)", () => {
  const transcript = parseTranscript(TRANSIT, readFileSync(path.join(BRIEFINGS, TRANSIT)));
  // The passage builder makes the announcement into passages of its own, turn -1, first.
  const passages = passagesOfTranscript(transcript, { countTokens: estimateTokens, maxTokens: 256, targetTokens: 128 });
  const announcement = passages[0]!;
  it("has the announcement as its first passage", () => expect(announcement).toMatchObject({ turn: -1, speaker: "Announcement" }));
  const toHit = (p: Passage, rank: number): Hit => ({
    rank,
    score: 1,
    passageId: p.id,
    speaker: p.speaker,
    label: p.label,
    role: p.role,
    quote: selectQuote(p.text, { start: 0, end: p.text.length }, () => 0).text,
    passage: p.text,
    inResponseTo: null,
    source: { transcript: p.transcript, title: transcript.meta.title, date: transcript.meta.date, turn: p.turn, url: null },
  });
  const sources: BriefingSources = {
    transcripts: [transcript],
    passagesOf: () => passages,
    toHit,
    rankBriefings: briefingRanker([transcript]),
    search: async (question) => ({ question, found: false, kind: "quote", hits: [], mode: "lexical" }),
  };
  const ask = (question: string) => answerAboutBriefing(question, sources, { top: 3 });

  it("cites the announcement for a silent panel member, as the announcement's words", async () => {
    const who = await ask("Who is Helen Cho?");
    expect(who!.answer).toContain("The announcement introduces Helen Cho");
    expect(who!.hits[0]).toMatchObject({ passageId: announcement.id, speaker: "Announcement" });
    const said = await ask("What did Helen Cho say?");
    expect(said!.answer).toContain("Helen Cho (Deputy Mayor) was on the panel");
    expect(said!.hits.map((h) => h.speaker)).toEqual(["Announcement"]);
  });

  it("cites the announcement for who spoke, when and where, and what it was about", async () => {
    for (const question of ["Who spoke?", "When and where was it?", "What was the briefing about?"]) {
      const answer = await ask(question);
      expect(answer!.hits.map((h) => h.passageId), question).toContain(announcement.id);
    }
  });

  it("returns null for a content question", async () => {
    expect(await ask("How much is a single bus fare?")).toBeNull();
  });
});

