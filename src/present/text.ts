// Answers as terminal text: the verbatim quote, who said it, what it answered, where it is from.
import type { Answer } from "../types.js";
import { attributionLine, briefingLine, correctionLine, NOT_FOUND_TEXT, placeInBriefing } from "./wording.js";

const QUESTION_PREVIEW = 200;

export function answerAsText(answer: Answer): string {
  const corrected = correctionLine(answer);
  const intro = corrected ? `${corrected}\n` : "";
  if (!answer.found) return `${intro}${NOT_FOUND_TEXT}\n`;
  const blocks = answer.hits.map((hit) => {
    const lines = [
      `${hit.rank}. “${hit.quote}”`,
      `   ${attributionLine(hit)}`,
      `   ${briefingLine(hit.source)} (${placeInBriefing(hit.source.turn)})${hit.source.url ? ` <${hit.source.url}>` : ""}`,
    ];
    if (hit.inResponseTo) lines.push(`   Question (${hit.inResponseTo.speaker}): ${preview(hit.inResponseTo.text)}`);
    return lines.join("\n");
  });
  return `${intro}${blocks.join("\n\n")}\n`;
}

export function answerAsJson(answer: Answer): string {
  return JSON.stringify(answer);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= QUESTION_PREVIEW ? flat : `${flat.slice(0, QUESTION_PREVIEW).replace(/\s+\S*$/, "")} …`;
}
