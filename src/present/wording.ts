// The sentences every front end shares (terminal, console chat, Discord), so they all say the same thing.
import type { Hit, HitSource } from "../types.js";

/** "— Xu Kemin, Director of ..., answering Shenzhen Satellite TV reporter" */
export function attributionLine(hit: Pick<Hit, "speaker" | "role" | "inResponseTo">): string {
  const who = hit.role ? `${hit.speaker}, ${hit.role}` : hit.speaker;
  const answering = hit.inResponseTo ? `, answering ${hit.inResponseTo.speaker}` : "";
  return `— ${who}${answering}`;
}

/** "MIIT press conference on the resumption of manufacturing, 2020-03-30" */
export function briefingLine(source: Pick<HitSource, "title" | "date">): string {
  return source.date ? `${source.title}, ${source.date}` : source.title;
}

export const NOT_FOUND_TEXT =
  "The briefings do not cover that: no official answer in the transcripts matches the question.";

export const LEXICAL_MODE_NOTE = "Answers come from keyword search only (the embedding model is not available).";

/** Heads the bot's own words about a briefing (kind "briefing"), so that they are never read as an official's. */
export const BRIEFING_ANSWER_HEADING = "About the briefing (briefbot's summary, not a quote):";

/** Heads the passages a briefing answer cites. */
export const BRIEFING_SOURCES_HEADING = "From the transcript:";

/** The same two headings without the colon, for Discord's bold headings. */
export const BRIEFING_ANSWER_TITLE = "About the briefing";
export const BRIEFING_ANSWER_NOTE = "briefbot's summary, not a quote";
export const BRIEFING_SOURCES_TITLE = "From the transcript";
