// Telling questions about the briefing itself from questions about what was said, and finding the briefing a
// question names by date or title. Pure functions, hand-made people and briefings.
import { describe, expect, it } from "vitest";
import { briefingsNamed } from "../src/retrieval/briefing-names.js";
import { briefingIntent, type PersonRef } from "../src/retrieval/intent.js";
import { namesPerson, resolvePeople } from "../src/retrieval/person-match.js";
import type { BriefingMeta } from "../src/types.js";

const PEOPLE: PersonRef[] = [
  { name: "Xu Kemin", role: "Director of the Department of Industrial Policy and Regulations" },
  { name: "Xin Guobin", role: "Vice Minister of Industry and Information Technology" },
  { name: "Liang Zhifeng", role: "Director of the Small and Medium Enterprise Bureau" },
  { name: "Jane Smith", role: "Press Secretary", aliases: ["MS. SMITH", "SMITH"] },
  { name: "Omar Haddad", role: null, aliases: ["CHIEF HADDAD"] },
  { name: "SURGEON GENERAL MURTHY", role: null, aliases: ["Vivek H. Murthy"] },
  { name: "Siân Gwenllian", role: null },
];

const intent = (question: string) => briefingIntent(question, PEOPLE);

describe("briefingIntent: questions about the briefing itself", () => {
  it.each([
    ["Who spoke at this briefing?", { kind: "speakers", besides: [], host: false }],
    ["Which ministry held this press conference?", { kind: "speakers", host: true }],
    ["What agency hosted the call?", { kind: "speakers", host: true }],
    ["Who were the officials?", { kind: "speakers" }],
    ["Which officials took questions?", { kind: "speakers" }],
    ["Who was the special guest?", { kind: "speakers" }],
    ["Who briefed reporters about the trade deal?", { kind: "speakers" }],
    ["Who joined Jane Smith on the call?", { kind: "speakers", besides: ["Jane Smith"] }],
    ["Who is Liang Zhifeng?", { kind: "person", people: ["Liang Zhifeng"] }],
    ["What is Xu Kemin's role?", { kind: "person", people: ["Xu Kemin"] }],
    ["What is Omar Haddad’s job, as introduced?", { kind: "person", people: ["Omar Haddad"] }],
    ["Who is the Vice Minister?", { kind: "person", people: ["Xin Guobin"] }],
    ["Who is the director?", { kind: "person", people: ["Xu Kemin", "Liang Zhifeng"] }],
    ["When is the press conference?", { kind: "when-where", when: true, where: false }],
    ["On what date did the meeting take place?", { kind: "when-where", when: true }],
    ["Where was the briefing held?", { kind: "when-where", when: false, where: true }],
    ["When and where was it?", { kind: "when-where", when: true, where: true }],
    ["What was this briefing about?", { kind: "topic" }],
    ["What was announced?", { kind: "topic" }],
    ["What was the main topic of the press conference?", { kind: "topic" }],
    ["How did the press secretary open the briefing?", { kind: "opening" }],
    ["What did the reporter ask?", { kind: "questions", about: null, first: false, askers: false }],
    ["What did reporters ask about night buses?", { kind: "questions", about: "night buses" }],
    ["Who asked about Night Buses?", { kind: "questions", about: "Night Buses", askers: true }],
    ["What was asked first?", { kind: "questions", first: true }],
    ["What did reporters ask about first-time buyers?", { kind: "questions", about: "first-time buyers", first: false }],
    ["What did reporters ask Smith about first on the flight to Rome?", { kind: "questions", about: null, first: true }],
    ["What did Sian Gwenllian ask?", { kind: "questions", by: ["Siân Gwenllian"] }],
    ["What did Xu Kemin say?", { kind: "said", people: ["Xu Kemin"] }],
    ["What did Xin Guobin say at the briefing?", { kind: "said", people: ["Xin Guobin"] }],
    ["What did the Surgeon General say?", { kind: "said", people: ["SURGEON GENERAL MURTHY"] }],
    ["What did Xu Kemin and Liang Zhifeng say?", { kind: "said", people: ["Xu Kemin", "Liang Zhifeng"] }],
    ["What was the latest briefing about?", { kind: "topic", pick: "latest" }],
    ["Who spoke at the most recent press conference?", { kind: "speakers", pick: "latest" }],
    ["Which briefings are there?", { kind: "list" }],
    ["How many briefings are there?", { kind: "list" }],
    ["When was the press conference with Jane Smith?", { kind: "when-where", when: true, where: false }],
    ["What topics came up?", { kind: "topic" }],
    ["Give me an overview", { kind: "topic" }],
    ["Who got the first question?", { kind: "questions", first: true, askers: true }],
    ["At the budget call, which reporter got the opening question?", { kind: "questions", first: true, askers: true }],
    ["Who was called on first?", { kind: "questions", first: true, askers: true }],
    ["Which journalist kicked off the questions?", { kind: "questions", first: true, askers: true }],
    ["which media outlet got to ask a question", { kind: "questions", askers: true, first: false }],
    ["which ministry was hosting this one", { kind: "speakers", host: true }],
    ["Which department does Xu Kemin lead?", { kind: "person", people: ["Xu Kemin"] }],
    ["Who got the last question?", { kind: "questions", first: false, last: true, askers: true }],
    [", who got the second and final question?", { kind: "questions", last: true, askers: true }],
    ["What was the final question?", { kind: "questions", first: false, last: true }],
    ["What was the last question at the latest briefing?", { kind: "questions", last: true, pick: "latest" }],
    ["What did reporters ask last at the budget call?", { kind: "questions", last: true, about: null }],
    ["What did reporters ask about last year's budget?", { kind: "questions", last: false, about: "last year's budget" }],
    ["What did reporters ask about closing the border?", { kind: "questions", last: false, about: "closing the border" }],
  ])("%s", (question, expected) => {
    expect(intent(question)).toMatchObject({ pick: null, ...expected });
  });

  it.each([
    "What did Xu Kemin say about masks?",
    "What did the Vice Minister say about small and medium enterprises?",
    "Who spoke about the debt limit?",
    "When will the pipes be replaced?",
    "When will the flood barrier be finished?",
    "Where will the new plant be built?",
    "Who won the 2018 football world cup?",
    "Who is responsible for the pipes?",
    "Who is Xi Jinping?",
    "What is the capital of Australia?",
    "What is the reinstatement rate of the electronic information industry?",
    "How did the company start production?",
    "What was the questioning about the reports on care homes?",
    "What did the ministry say?",
    "When and where do the talks with Russia start?",
    "What measures did the ministry adopt?",
    "Which department held talks with Foxconn?",
    "What issues were raised about night buses?",
    "What topics did the minister raise with Foxconn?",
    "When did the director meet with Foxconn?",
    "Who got the contract for the first bridge?",
  ])("content question: %s", (question) => {
    expect(intent(question)).toBeNull();
  });
});

describe("naming a person", () => {
  it("by the whole name, the surname, a label's title or the whole role; never by a phrase that only holds a name", () => {
    const [xu, , , smith, , murthy] = PEOPLE;
    expect(namesPerson("Xu Kemin's", xu!)).toBe(true);
    expect(namesPerson("Smith", smith!)).toBe(true);
    expect(namesPerson("the Press Secretary", smith!)).toBe(true);
    expect(namesPerson("Vivek Murthy", murthy!)).toBe(true);
    expect(namesPerson("the Surgeon General", murthy!)).toBe(true);
    expect(namesPerson("the special guest at Smith's briefing", smith!)).toBe(false);
    expect(resolvePeople("Xu Kemin and the moon", PEOPLE)).toBeNull();
  });

  it("folds accents: Sian names Siân", () => {
    expect(resolvePeople("Sian Gwenllian", PEOPLE)?.map((p) => p.name)).toEqual(["Siân Gwenllian"]);
  });
});

const meta = (id: string, title: string, date: string | null): { meta: BriefingMeta } => ({ meta: { id, title, date, source: null, url: null, language: null } });
const BRIEFINGS = [
  meta("2023-03-22-transit.txt", "Lakeside City press conference on the spring transit plan", "2023-03-22"),
  meta("2023-03-22-budget.txt", "Press Call by Budget Director Sam Reyes on the City Budget", "2023-03-22"),
  meta("2023-05-10-smith.txt", "Press Briefing by Press Secretary Jane Smith, May 10, 2023", "2023-05-10"),
  meta("2022-10-11-covid.txt", "Press Briefing by the COVID-19 Response Team", "2022-10-11"),
];

describe("briefingsNamed", () => {
  it.each([
    ["Who spoke at the 22 March briefing?", ["2023-03-22-transit.txt", "2023-03-22-budget.txt"], "Who spoke?"],
    ["Who spoke on March 22nd, 2023?", ["2023-03-22-transit.txt", "2023-03-22-budget.txt"], "Who spoke?"],
    ["What was asked on 2023-05-10?", ["2023-05-10-smith.txt"], "What was asked?"],
    ["What was announced in October 2022?", ["2022-10-11-covid.txt"], "What was announced?"],
    ["What was announced at the May briefing?", ["2023-05-10-smith.txt"], "What was announced?"],
    ["Who spoke in the budget call?", ["2023-03-22-budget.txt"], "Who spoke?"],
    ["Who was the guest at Smith's briefing?", ["2023-05-10-smith.txt"], "Who was the guest?"],
    ["What did reporters ask at the transit press conference on 22 March 2023?", ["2023-03-22-transit.txt"], "What did reporters ask?"],
    // Named as the subject, the briefing is still what the question asks about.
    ["What was the 10 May 2023 briefing about?", ["2023-05-10-smith.txt"], "What was it about?"],
  ])("%s", (question, ids, rest) => {
    expect(briefingsNamed(question, BRIEFINGS)).toMatchObject({ ids, question: rest });
  });

  it("names nothing when no briefing has the date or the title words, and leaves the question whole", () => {
    expect(briefingsNamed("What happens by March 2030?", BRIEFINGS)).toBeNull();
    expect(briefingsNamed("Who spoke at the harbour briefing?", BRIEFINGS)).toBeNull();
    expect(briefingsNamed("What may the city do?", BRIEFINGS)).toBeNull();
    expect(briefingsNamed("Who spoke at this briefing?", BRIEFINGS)).toBeNull();
  });

  it("a date and title words together name the briefings that fit both", () => {
    expect(briefingsNamed("Who spoke at the budget call of 22 March?", BRIEFINGS)).toMatchObject({ ids: ["2023-03-22-budget.txt"], phrases: ["budget call", "22 March"] });
  });
});
