// The sentences every front end shares (terminal, console chat, Discord), so they all say the same thing.
import { SUGGESTED_MULTILINGUAL_MODEL } from "../embedding/multilingual.js";
import type { Answer, Hit, HitSource } from "../types.js";

/** "— Xu Kemin, Director of ..., answering Shenzhen Satellite TV reporter"; "— Lin Mei, Spokesperson (labelled “A”), …" */
export function attributionLine(hit: Pick<Hit, "speaker" | "role" | "inResponseTo"> & { label?: string }): string {
  // A stand-in label the briefing resolves ("A" → the spokesperson) is shown too, so the quote can be found in the transcript.
  const labelled = hit.label && hit.label !== hit.speaker ? ` (labelled “${hit.label}”)` : "";
  const who = `${hit.role ? `${hit.speaker}, ${hit.role}` : hit.speaker}${labelled}`;
  const answering = hit.inResponseTo ? `, answering ${hit.inResponseTo.speaker}` : "";
  return `— ${who}${answering}`;
}

/** "MIIT press conference on the resumption of manufacturing, 2020-03-30" */
export function briefingLine(source: Pick<HitSource, "title" | "date">): string {
  return source.date ? `${source.title}, ${source.date}` : source.title;
}

/** Where in the briefing a hit is: "turn 4", or "announcement" (turn -1); with its moment or page when known ("turn 4, at 00:12:31"). */
export function placeInBriefing(turn: number, source?: Moment): string {
  const moment = source ? momentText(source) : "";
  return `${turn < 0 ? "announcement" : `turn ${turn}`}${moment ? `, ${moment}` : ""}`;
}

/** What a citation may say about where the words are: seconds into the recording, pages of the document. */
export type Moment = Pick<HitSource, "start" | "page" | "pageEnd">;

/** "at 00:12:31" (formats with times), "p. 4" or "pp. 4–5" (PDF), or "" when the format has neither. */
export function momentText(source: Moment): string {
  const parts: string[] = [];
  if (source.start !== undefined) parts.push(`at ${clockTime(source.start)}`);
  if (source.page !== undefined) parts.push(source.pageEnd !== undefined && source.pageEnd > source.page ? `pp. ${source.page}–${source.pageEnd}` : `p. ${source.page}`);
  return parts.join(", ");
}

/** "Video at 00:12:31: https://youtu.be/…?t=751" when the quote's moment can be opened; null otherwise. */
export function videoLine(source: Pick<HitSource, "start" | "video">): string | null {
  return source.video && source.start !== undefined ? `Video at ${clockTime(source.start)}: ${source.video}` : null;
}

/** "00:12:31": hours, minutes and seconds into the recording (hours always shown, as a briefing's clock). */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/** "Showing answers for: …" when misspelt words were searched as the briefings' words; null otherwise. */
export function correctionLine(answer: Pick<Answer, "correctedQuestion">): string | null {
  return answer.correctedQuestion ? `Showing answers for: ${answer.correctedQuestion}` : null;
}

export const NOT_FOUND_TEXT =
  "The briefings do not cover that: no official answer in the transcripts matches the question.";

/**
 * Why nothing was found: the generic sentence, or for a question in a language the index cannot match (reason
 * "language") what the languages are and how to search across them (a multilingual EMBEDDING_MODEL).
 */
export function notFoundText(answer: Pick<Answer, "reason" | "languages" | "mode">): string {
  if (answer.reason !== "language") return NOT_FOUND_TEXT;
  const asked = languageName(answer.languages?.question ?? null);
  const briefings = (answer.languages?.briefings ?? []).map(languageName);
  const inBriefings = briefings.length ? `the briefings are in ${listOf([...new Set(briefings)])}` : "the briefings are in another language";
  const search =
    answer.mode === "lexical"
      ? "keyword search only finds words in the question's own language"
      : "keyword search only finds words in the question's own language, and the embedding model is not multilingual";
  return (
    `The question is in ${asked}, but ${inBriefings}: ${search}. Ask in the briefings' language, or set ` +
    `EMBEDDING_MODEL to a multilingual model (for example ${SUGGESTED_MULTILINGUAL_MODEL}) and run "npm run index" to search across languages.`
  );
}

const displayNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

/** "zh" → "Chinese", "en" → "English"; an unknown language is "another language". */
export function languageName(code: string | null): string {
  if (!code) return "another language";
  try {
    return displayNames.of(code) ?? code;
  } catch {
    return code; // not a well-formed language tag (front matter may say anything)
  }
}

function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export const LEXICAL_MODE_NOTE = "Answers come from keyword search only (the embedding model is not available).";

/** Heads the bot's own words about a briefing (kind "briefing"), so that they are never read as an official's. */
export const BRIEFING_ANSWER_HEADING = "About the briefing (briefbot's summary, not a quote):";

/** Heads the passages a briefing answer cites. */
export const BRIEFING_SOURCES_HEADING = "From the transcript:";

/** The same two headings without the colon, for Discord's bold headings. */
export const BRIEFING_ANSWER_TITLE = "About the briefing";
export const BRIEFING_ANSWER_NOTE = "briefbot's summary, not a quote";
export const BRIEFING_SOURCES_TITLE = "From the transcript";
export const MODEL_LOADING_NOTE = "Answers come from keyword search while the embedding model loads.";

/** The note a keyword-search answer carries (null for hybrid answers). */
export function modeNote(answer: Pick<Answer, "mode" | "modelLoading">): string | null {
  if (answer.mode !== "lexical") return null;
  return answer.modelLoading ? MODEL_LOADING_NOTE : LEXICAL_MODE_NOTE;
}
