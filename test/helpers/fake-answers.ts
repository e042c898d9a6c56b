// Answers, hits and briefings built in memory for presenter tests, plus a seeded generator of odd text.
import type { Answer, BriefingSummary, Hit, PassageContext, QuestionSummary, SpeakerSummary } from "../../src/types.js";

export function hit(overrides: Partial<Hit> = {}, rank = 1): Hit {
  return {
    rank,
    score: 1,
    passageId: `2020-03-30-miit-resumption.txt#1.${rank - 1}`,
    speaker: "Xu Kemin",
    label: "Xu Kemin",
    role: "Director of the Department of Industrial Policy and Regulations",
    quote: "At present, the average reinstatement rate in the electronic information industry has reached 95%.",
    passage: "Thank you for your question. At present, the average reinstatement rate in the electronic information industry has reached 95%.",
    inResponseTo: { speaker: "Shenzhen Satellite TV reporter", text: "What is the current situation of resuming production in this type of company?" },
    source: { transcript: "2020-03-30-miit-resumption.txt", title: "MIIT press conference on the resumption of manufacturing", date: "2020-03-30", turn: 1, url: null },
    ...overrides,
  };
}

export function answer(hits: Hit[], question = "How is the electronics industry doing?"): Answer {
  return { question, found: hits.length > 0, kind: "quote", hits, mode: "hybrid" };
}

const PIECES = [
  "word", "the", "ministry", "95%", "*bold*", "_under_", "~~strike~~", "`code`", "||spoiler||", "[link](https://x.y)",
  "@everyone", "@here", "<@123456789012345678>", "<@&123456789012345678>", "<#123456789012345678>", "</ask:1>",
  "https://example.org/a_b*c", "\\", ">", "# heading", "-# sub", "1.", "😀", "👩‍👩‍👧", "—", "“quoted”", "é", "中文",
  "Supercalifragilisticexpialidocious".repeat(8), "\n", "\n\n", "  ", ".", "?", "!", "Mr.", "e.g.",
];

/** Text of about `length` characters made of sentences, markdown, mentions, URLs, emoji and very long words. */
export function oddText(rand: () => number, length: number): string {
  let out = "";
  while (out.length < length) {
    const piece = PIECES[Math.floor(rand() * PIECES.length)]!;
    out += piece + (rand() < 0.15 ? ". " : " ");
  }
  return out.trim() || "x";
}

export function oddHit(rand: () => number, rank: number, maxLength: number): Hit {
  const len = () => 1 + Math.floor(rand() ** 2 * maxLength);
  return hit(
    {
      speaker: oddText(rand, Math.min(len(), 400)),
      role: rand() < 0.3 ? null : oddText(rand, Math.min(len(), 600)),
      quote: oddText(rand, len()),
      passage: oddText(rand, len()),
      passageId: `${"t".repeat(Math.floor(rand() * 150))}.txt#${Math.floor(rand() * 99999)}.${Math.floor(rand() * 99)}`,
      inResponseTo: rand() < 0.2 ? null : { speaker: oddText(rand, Math.min(len(), 300)), text: oddText(rand, len()) },
      source: {
        transcript: "t.txt",
        title: oddText(rand, Math.min(len(), 700)),
        date: rand() < 0.5 ? "2021-01-01" : null,
        turn: 1,
        url: rand() < 0.5 ? `https://example.org/${"p".repeat(Math.floor(rand() * 2500))}` : null,
      },
    },
    rank,
  );
}

export function briefing(id: string, questions: number, overrides: Partial<BriefingSummary["meta"]> = {}): BriefingSummary {
  return {
    meta: { id, title: `Briefing ${id}`, date: "2021-06-14", source: "Harbour City", url: null, language: "en", ...overrides },
    announcement: "A press briefing was held. Amelia Rourke, Minister of Water Resources, answered questions.",
    turns: questions * 2,
    questions,
    speakers: 2,
  };
}

export function questionsOf(transcript: string, n: number, text: (i: number) => string = (i) => `Question number ${i}?`): QuestionSummary[] {
  return Array.from({ length: n }, (_, i) => ({ transcript, turn: i * 2, speaker: "Harbour Daily reporter", text: text(i), answeredBy: ["Amelia Rourke"] }));
}

export function speaker(transcript: string, name: string, role: string | null, answers: number): SpeakerSummary {
  return { transcript, speaker: name, name, role, answers, turns: Math.max(1, answers), generic: false };
}

export function context(text: string, question = "What about it?"): { context: PassageContext; question: { speaker: string; text: string } } {
  const passage = {
    id: "t.txt#1.0", transcript: "t.txt", turn: 1, part: 0, label: "Xu Kemin", speaker: "Xu Kemin", name: "Xu Kemin", role: "Director",
    text, start: 0, end: text.length, inResponseTo: 0, isQuestion: false,
  };
  return {
    context: { passage, question: { speaker: "Reporter", text: question }, before: [], after: [], meta: { id: "t.txt", title: "T", date: "2021-01-01", source: null, url: "https://example.org/t", language: "en" } },
    question: { speaker: "Reporter", text: question },
  };
}
