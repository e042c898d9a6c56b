// Question analysis (src/retrieval/query.ts): whom a question asks about, its weighted topic, typos and acronyms.
import { describe, expect, it } from "vitest";
import { buildLexicalIndex, lexicalDocument } from "../src/index/lexical.js";
import { analyseQuestion, searchTerms, type Query } from "../src/retrieval/query.js";
import { speakerIndex } from "../src/retrieval/speakers.js";
import { termOf } from "../src/text/terms.js";
import { buildVocabulary } from "../src/index/vocabulary.js";
import type { Passage } from "../src/types.js";

const passage = (turn: number, speaker: string, name: string, role: string | null, text: string): Passage => ({
  id: `t#${turn}.0`, transcript: "t", turn, part: 0, speaker, label: speaker, name, role, text, start: 0, end: text.length, inResponseTo: null, isQuestion: false,
});

const PASSAGES = [
  passage(0, "Hon. Navdeep Bains", "Navdeep Bains", null, "Business loans for small firms will be refinanced. The resumption rate of electronics firms is 95%."),
  passage(1, "Hon. Deb Schulte", "Deb Schulte", "Minister of Seniors", "Assistance for seniors arrives in May. Seniors in Ontario will get it first."),
  passage(2, "Tracey Breheny", "Tracey Breheny", null, "The SMEs that asked for help got it. The Small and Medium Enterprise Bureau runs the scheme with Erdoğan's office."),
  passage(3, "Liang Wei", "Liang Wei", "Vice Minister of Industry and Information Technology", "Markets and marks were discussed."),
  passage(4, "Mr. Pierre Paul-Hus", "Pierre Paul-Hus", null, "Petitions on the Chinese government were tabled. Paul Martin agreed with Deb Schulte."),
];
const speakers = speakerIndex(PASSAGES);
const lexical = buildLexicalIndex(PASSAGES.map((p, i) => lexicalDocument(i, p, null, p.text)));
const vocabulary = buildVocabulary(PASSAGES.map((p) => p.text));
const analyse = (question: string): Query => analyseQuestion(question, { speakers, lexical, vocabulary, sceneWeight: 0.5, personWeight: 0.5 });
const askedNames = (question: string) => [...analyse(question).asked].map((s) => speakers.keys[s]!.speaker).sort();
const topicWords = (question: string) => analyse(question).topic.map((t) => t.word.toLowerCase());

describe("whom a question asks about", () => {
  it("is whoever it names as speaking: by surname, full name, role or the role's head", () => {
    expect(askedNames("What did Bains say about loans?")).toEqual(["Hon. Navdeep Bains"]);
    expect(askedNames("What did Navdeep Bains and the Minister of Seniors say?")).toEqual(["Hon. Deb Schulte", "Hon. Navdeep Bains"]);
    expect(askedNames("How did the Vice Minister respond to the question on markets?")).toEqual(["Liang Wei"]);
    expect(askedNames("What are the business loans, according to Bains?")).toEqual(["Hon. Navdeep Bains"]);
    expect(askedNames("What was Deb Schulte’s concern?")).toEqual(["Hon. Deb Schulte"]);
  });

  it("by a compound surname, whole: no part of it is left in the topic, and its last part alone names nobody", () => {
    expect(askedNames("What did Paul-Hus think about petitions?")).toEqual(["Mr. Pierre Paul-Hus"]);
    expect(topicWords("What did Paul-Hus think about petitions?")).toEqual(["petitions"]);
    expect(askedNames("What did Hus think about petitions?")).toEqual([]);
  });

  it("by a name typed without its space, read as the two names the briefings write", () => {
    const query = analyse("What did DebSchulte say about seniors?");
    expect([...query.asked].map((s) => speakers.keys[s]!.speaker)).toEqual(["Hon. Deb Schulte"]);
    expect(query.correctedQuestion).toBe("What did Deb Schulte say about seniors");
    expect(analyse("What did PaulMartin say?").correctedQuestion).toBe("What did Paul Martin say");
    // Only names: words the briefings always write capitalised ("tabled" is written in lower case).
    expect(analyse("Were the PetitionsTabled?").correctedQuestion).toBeNull();
  });

  it("is the first speaking, not whom they reply to", () => {
    expect(askedNames("What did Tracey Breheny reply to Bains about loans?")).toEqual(["Tracey Breheny"]);
    expect(askedNames("Did the Minister of Seniors agree with Navdeep Bains?")).toEqual(["Hon. Deb Schulte"]);
  });

  it("is no one when the name is not named as speaking", () => {
    expect(askedNames("Will Bains get a business loan?")).toEqual([]);
    expect([...analyse("Will Bains get a business loan?").named]).toHaveLength(1);
    expect(askedNames("Will Bains and Schulte share a meal?")).toEqual([]);
    // Talks with someone are an event others may report, not the named person's words.
    expect(askedNames("Did Bains discuss business loans with the Minister of Seniors?")).toEqual([]);
    expect(askedNames("What did Bains discuss about business loans?")).toEqual(["Hon. Navdeep Bains"]);
  });

  it("leaves the asked speakers' names out of the topic (they say who, not what), and keeps topic words a role shares", () => {
    expect(topicWords("What did Bains say about business loans?")).toEqual(["business", "loans"]);
    // Named but not asked to speak: what the question is about, at half weight (the answer may say "he").
    expect(analyse("Will Bains get a business loan?").topic.map((t) => [t.word.toLowerCase(), t.weight])).toEqual([["bains", 0.5], ["business", 1], ["loan", 1]]);
    expect(topicWords("What did the Minister of Seniors say about assistance for seniors?")).toEqual(["assistance", "seniors"]);
  });
});

describe("the topic", () => {
  it("weighs a trailing scene-setting clause less, but not one that opens the question", () => {
    const weights = (q: string) => analyse(q).topic.map((t) => [t.word.toLowerCase(), t.weight]);
    expect(weights("What did Bains think about loans when talking about seniors?")).toEqual([["loans", 1], ["seniors", 0.5]]);
    expect(weights("When talking about seniors, what did Bains say?")).toEqual([["seniors", 1]]);
  });

  it("marks names the briefings never use, and words they do", () => {
    const topic = analyse("What did the ministry say about the Suez canal?").topic;
    expect(topic.find((t) => t.word === "Suez")).toMatchObject({ proper: true, known: false, correctedTo: null });
    expect(analyse("Are seniors in Ontario helped?").topic.every((t) => t.known)).toBe(true);
  });

  it("knows a name by the word the briefings write, not by a word that shares its stem", () => {
    // "Assistance" shares the stem of "Assistant", but no briefing names an Assistant.
    expect(analyse("What did the Assistant say about Ontario?").topic.find((t) => t.word === "Assistant")).toMatchObject({ proper: true, known: false });
    // A plural or possessive ending is the same word: "Erdoğan's office", "the SMEs".
    expect(analyse("What did they say about the Erdogan office and the Bureaus?").topic.filter((t) => t.proper).every((t) => t.known)).toBe(true);
  });

  it("folds accents: Erdogan is Erdoğan", () => {
    expect(analyse("What about Erdogan?").topic[0]).toMatchObject({ word: "Erdogan", known: true });
  });
});

describe("typos", () => {
  it("searches a misspelt word as the briefings' word and says so", () => {
    const query = analyse("whats the resumpion rate for electroncs");
    expect(query.topic.map((t) => t.correctedTo)).toEqual(["resumption", null, "electronics"]);
    expect(query.topic.every((t) => t.known)).toBe(true);
    expect(query.correctedQuestion).toBe("whats the resumption rate for electronics");
  });

  it("does not correct names, short words or words the briefings use", () => {
    expect(analyse("What about Marts?").topic[0]!.correctedTo).toBeNull(); // capitalised: "marks" is no name
    expect(analyse("what about mars").topic[0]!.correctedTo).toBeNull(); // too short to tell
    expect(analyse("Are markets open?").correctedQuestion).toBeNull();
  });
});

describe("initials of a name the briefings only spell out", () => {
  const texts = [
    "The United States Trade Representative met the minister. Later, the United States Trade Representative spoke.",
    "The Harbour Safety Board met once.",
  ];
  const built = buildVocabulary(texts);

  it("stand for it when the name is written at least twice, and never when the briefings use the letters as a word", () => {
    expect(built.initialisms.get("ustr")).toEqual(["united", "states", "trade", "representative"]);
    expect(built.initialisms.has("hsb")).toBe(false); // written once
    expect(buildVocabulary([...texts, "It is ustr, she said."]).initialisms.has("ustr")).toBe(false);
  });

  it("meet a question's word in capitals, and make it known", () => {
    const corpus = texts.map((text, i) => passage(i, "MS. LANE", "Ann Lane", null, text));
    const context = {
      speakers: speakerIndex(corpus),
      lexical: buildLexicalIndex(corpus.map((p, i) => lexicalDocument(i, p, null, p.text))),
      vocabulary: built,
      sceneWeight: 0.5,
      personWeight: 0.5,
    };
    const ustr = analyseQuestion("What did the USTR say?", context).topic.find((t) => t.word === "USTR")!;
    expect(ustr).toMatchObject({ known: true, alternatives: [["unit", "state", "trade", termOf("representative")]] });
    // Only as written in capitals: "ustr" typed in lower case is no abbreviation.
    expect(analyseQuestion("What did the ustr say?", context).topic.find((t) => t.word === "ustr")).toMatchObject({ known: false, alternatives: [] });
  });
});

describe("acronyms", () => {
  it("meet their expansion both ways, when the briefings show it", () => {
    const spelled = analyse("How are small and medium enterprises doing?");
    expect(spelled.topic.find((t) => t.word === "small")!.alternatives).toEqual([["sme"]]);
    expect(searchTerms(spelled).flatMap((p) => p.terms)).toContain("sme");
    // Spelled out, it is one concept, as the acronym is: its words share its weight and count as a third each.
    for (const word of ["small", "medium", "enterprises"]) expect(spelled.topic.find((t) => t.word === word)).toMatchObject({ weight: 1 / 3, share: 1 / 3 });
    expect(analyse("Are small and medium enterprises hiring?").topic.find((t) => t.word === "hiring")).toMatchObject({ weight: 1, share: 1 });
    expect(searchTerms(spelled).find((p) => p.terms[0] === "sme")).toMatchObject({ weight: 1 / 3, share: 1 / 3 });
    const short = analyse("How are SMEs doing?");
    expect(short.topic[0]).toMatchObject({ term: "sme", alternatives: [["small", "medium", termOf("enterprise")]] });
  });
});

describe("the briefing a question names, and its intent", () => {
  const meta = (id: string, date: string) => ({ meta: { id, title: id, date, source: null, url: null, language: null } });
  const briefings = [meta("a.txt", "2021-07-15"), meta("b.txt", "2021-11-23")];
  const people = [{ name: "Navdeep Bains", role: null }, { name: "Deb Schulte", role: "Minister of Seniors" }];
  const withBriefings = (question: string) => analyseQuestion(question, { speakers, lexical, vocabulary, sceneWeight: 0.5, personWeight: 0.5, briefings, people });

  it("finds the briefing named by date, for content questions too", () => {
    expect([...withBriefings("What did Bains say about loans on July 15, 2021?").briefings!]).toEqual(["a.txt"]);
    expect(withBriefings("What did Bains say about loans?").briefings).toBeNull();
  });

  it("tells a question about the briefing itself from a content question, in the same analysis", () => {
    expect(withBriefings("Who is Deb Schulte?").intent).toMatchObject({ kind: "person" });
    expect(withBriefings("Who spoke at the November 23 briefing?").intent).toMatchObject({ kind: "speakers" });
    expect(withBriefings("What did Bains say about loans?").intent).toBeNull();
    expect(analyse("Who is Deb Schulte?").intent).toBeNull(); // without the people, no intent is looked for
  });
});

describe("roles as questions write them", () => {
  it("meet the role as written with an acronym for some of its words", () => {
    const bureau = [passage(0, "Liang Zhifeng", "Liang Zhifeng", "Director of the Small and Medium Enterprise Bureau", "Loans to SMEs rose."), ...PASSAGES];
    const index = speakerIndex(bureau, vocabulary.acronyms);
    const query = analyseQuestion("What did the Director of the SME Bureau say about loans?", { speakers: index, lexical, vocabulary, sceneWeight: 0.5, personWeight: 0.5 });
    expect([...query.asked].map((s) => index.keys[s]!.speaker)).toEqual(["Liang Zhifeng"]);
    expect(query.topic.map((t) => t.word)).toEqual(["loans"]);
  });
});
