// The sentences every front end shares (terminal, console chat, Discord), so they all say the same thing.
import type { Hit, HitSource } from "../types.js";

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

export const NOT_FOUND_TEXT =
  "The briefings do not cover that: no official answer in the transcripts matches the question.";

export const LEXICAL_MODE_NOTE = "Answers come from keyword search only (the embedding model is not available).";
