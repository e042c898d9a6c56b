// How a speaker's part in a briefing is described, the same in Discord and in the console chat.
import type { QuestionSummary, SpeakerSummary } from "../types.js";

/** "3 answers", "asked 2 questions" or "4 turns". */
export function activity(s: SpeakerSummary, questions: QuestionSummary[]): string {
  if (s.answers > 0) return count(s.answers, "answer");
  const asked = questions.filter((q) => q.transcript === s.transcript && q.speaker === s.speaker).length;
  return asked > 0 ? `asked ${count(asked, "question")}` : count(s.turns, "turn");
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
