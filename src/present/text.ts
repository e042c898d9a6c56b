// Answers as terminal text: the verbatim quote, who said it, what it answered, where it is from.
import { safeJson } from "../text/clean.js";
import type { Answer } from "../types.js";
import { attributionLine, briefingLine, NOT_FOUND_TEXT } from "./wording.js";

const QUESTION_PREVIEW = 200;

export function answerAsText(answer: Answer): string {
  if (!answer.found) return `${NOT_FOUND_TEXT}\n`;
  const blocks = answer.hits.map((hit) => {
    const lines = [
      `${hit.rank}. “${hit.quote}”`,
      `   ${attributionLine(hit)}`,
      `   ${briefingLine(hit.source)} (turn ${hit.source.turn})${hit.source.url ? ` <${hit.source.url}>` : ""}`,
    ];
    if (hit.inResponseTo) lines.push(`   Question (${hit.inResponseTo.speaker}): ${preview(hit.inResponseTo.text)}`);
    return lines.join("\n");
  });
  return `${blocks.join("\n\n")}\n`;
}

/** One line of JSON; control characters and bidi overrides (which JSON.stringify leaves raw past C0) as \u escapes. */
export function answerAsJson(answer: Answer): string {
  return safeJson(answer);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= QUESTION_PREVIEW ? flat : `${flat.slice(0, QUESTION_PREVIEW).replace(/\s+\S*$/, "")} …`;
}
