// The sentences every front end shares (terminal, console chat, Discord), so they all say the same thing.
import type { Answer, Hit, HitSource } from "../types.js";

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

export const MODEL_LOADING_NOTE = "Answers come from keyword search while the embedding model loads.";

/** The note a keyword-search answer carries (null for hybrid answers). */
export function modeNote(answer: Pick<Answer, "mode" | "modelLoading">): string | null {
  if (answer.mode !== "lexical") return null;
  return answer.modelLoading ? MODEL_LOADING_NOTE : LEXICAL_MODE_NOTE;
}
