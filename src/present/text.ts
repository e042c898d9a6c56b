// Answers as terminal text: the verbatim quote, who said it, what it answered, where it is from. An answer about
// the briefing itself starts with the bot's own words under their own heading, then the passages they come from.
import { safeJson } from "../text/clean.js";
import type { Answer, Hit } from "../types.js";
import {
  attributionLine,
  BRIEFING_ANSWER_HEADING,
  BRIEFING_SOURCES_HEADING,
  briefingLine,
  correctionLine,
  notFoundText,
  placeInBriefing,
  videoLine,
} from "./wording.js";

const QUESTION_PREVIEW = 200;

export function answerAsText(answer: Answer): string {
  if (answer.kind === "briefing" && answer.answer) return briefingAnswerAsText(answer, answer.answer);
  const corrected = correctionLine(answer);
  const intro = corrected ? `${corrected}\n` : "";
  if (!answer.found) return `${intro}${notFoundText(answer)}\n`;
  return `${intro}${hitsAsText(answer.hits)}\n`;
}

/** The bot's words unquoted and indented under a heading that says whose they are; the cited passages after. */
function briefingAnswerAsText(answer: Answer, words: string): string {
  const lines = [BRIEFING_ANSWER_HEADING, ...words.split("\n").map((line) => `  ${line}`)];
  if (answer.hits.length) lines.push("", BRIEFING_SOURCES_HEADING, hitsAsText(answer.hits));
  return `${lines.join("\n")}\n`;
}

function hitsAsText(hits: readonly Hit[]): string {
  return hits
    .map((hit) => {
      const lines = [
        `${hit.rank}. “${hit.quote}”`,
        `   ${attributionLine(hit)}`,
        `   ${briefingLine(hit.source)} (${placeInBriefing(hit.source.turn, hit.source)})${hit.source.url ? ` <${hit.source.url}>` : ""}`,
      ];
      const video = videoLine(hit.source);
      if (video) lines.push(`   ${video}`);
      if (hit.inResponseTo) lines.push(`   Question (${hit.inResponseTo.speaker}): ${preview(hit.inResponseTo.text)}`);
      return lines.join("\n");
    })
    .join("\n\n");
}

/** One line of JSON; control characters and bidi overrides (which JSON.stringify leaves raw past C0) as \u escapes. */
export function answerAsJson(answer: Answer): string {
  return safeJson(answer);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= QUESTION_PREVIEW ? flat : `${flat.slice(0, QUESTION_PREVIEW).replace(/\s+\S*$/, "")} …`;
}
