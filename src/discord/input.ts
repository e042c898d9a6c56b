// What users type, as the handlers may use it: cleaned of terminal controls and bidi overrides (the text is
// echoed, searched and, with LOG_QUESTIONS, logged), and checked against the lengths the commands declare.
// Discord's client enforces those lengths, but an old registration or another client may not: a longer text gets
// a polite reply instead of a search.
import { InputError } from "../engine-api.js";
import { cleanLine } from "../text/clean.js";
import { MAX_FILTER_LENGTH, MAX_QUESTION_LENGTH } from "./commands/options.js";

/** `raw` cleaned; throws an InputError (a polite "Cannot answer that: …") when it is longer than `max`. */
export function acceptText(raw: string, max: number, what: string): string {
  const text = cleanLine(raw).trim();
  if (text.length > max) {
    throw new InputError(`the ${what} is ${text.length} characters long, and briefbot takes at most ${max}; please shorten it`);
  }
  return text;
}

export const acceptQuestion = (raw: string, what = "question") => acceptText(raw, MAX_QUESTION_LENGTH, what);
export const acceptFilter = (raw: string | null, what: string) => (raw === null ? null : acceptText(raw, MAX_FILTER_LENGTH, what) || null);

/** The log fields of a question: its text only when LOG_QUESTIONS is on, else just its length. */
export function questionFields(question: string | undefined, logQuestions: boolean): Record<string, unknown> {
  if (question === undefined) return {};
  return logQuestions ? { question } : { questionChars: question.length };
}
