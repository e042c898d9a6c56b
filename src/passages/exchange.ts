// What a passage is about beyond its own words: the question it answers and the exchange around it. The index
// builder puts both in the passage's BM25 document; at query time the search reads the question again (a passage
// covers a question with its own words or the question's), so this lives below both.
import type { Passage, Transcript } from "../types.js";

// The question and context fields repeat text beyond the passage for every passage of a turn. Unbounded, one
// 1 MB turn of 2,000 passages made the BM25 index tokenize 2 GB (quadratic in the turn's length). Real turns
// stay within these bounds (the longest in the QMSum committee transcripts has 7,844 characters), so for them
// nothing changes; a giant turn gives each passage its surroundings instead of all of it.
/** Characters of the question a passage answers that count as "about" it. */
export const QUESTION_CHARS = 10_000;
/** Characters of its own turn on each side of a passage that form its context. */
export const CONTEXT_RADIUS = 8_000;

/** The question the passage's turn answers (its first QUESTION_CHARS), or null when it answers none. */
export function questionText(transcript: Transcript | undefined, passage: Passage): string | null {
  if (passage.inResponseTo === null) return null;
  const text = transcript?.turns[passage.inResponseTo]?.text;
  return text === undefined ? null : head(text, QUESTION_CHARS);
}

/** The passage's turn around it, plus, for a question, the first answer it got: words the exchange shares. */
export function exchangeContext(transcript: Transcript, passage: Passage): string {
  // Turn -1 is the announcement.
  const text = transcript.turns[passage.turn]?.text ?? transcript.announcement;
  const around = window(text, passage.start - CONTEXT_RADIUS, passage.end + CONTEXT_RADIUS);
  if (!passage.isQuestion) return around;
  const answer = transcript.turns.find((t) => t.inResponseTo === passage.turn);
  return answer ? `${around}\n\n${head(answer.text, QUESTION_CHARS)}` : around;
}

/** text[from, to) clipped to the text, widened so that no word (or surrogate pair) is cut at either end. */
function window(text: string, from: number, to: number): string {
  let start = Math.max(0, from);
  let end = Math.min(text.length, to);
  if (start === 0 && end === text.length) return text;
  while (start > 0 && /\S/.test(text[start - 1]!) && start > from - 100) start--;
  while (end < text.length && /\S/.test(text[end]!) && end < to + 100) end++;
  return text.slice(start, end);
}

function head(text: string, chars: number): string {
  return text.length <= chars ? text : window(text, 0, chars);
}
