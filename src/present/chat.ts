// Console chat text: the same wording as Discord (wording.ts, people.ts) and as `npm run ask` (text.ts),
// as plain text for a terminal.
import type { Answer, BriefingMeta, BriefingOverview, BriefingSpeakers, BriefingSummary, PassageContext, PersonSummary, QuestionSummary, SpeakerSummary } from "../types.js";
import { activity, count } from "./people.js";
import { answerAsText } from "./text.js";
import { attributionLine, briefingLine, modeNote, momentText, notFoundText, videoLine, type Moment } from "./wording.js";

export const CHAT_HELP = [
  "Type a question and press Enter: about what was said (“What did Xu Kemin say about masks?”) or about the",
  "briefing itself (“Who spoke?”, “Who is Liang Zhifeng?”, “When was it?”, “What did reporters ask?”). Commands:",
  "  /briefing [name]         what a briefing was, who spoke, every question asked (no name: all, newest first)",
  "  /answer N                the official answer to question N of the last /briefing",
  "  /speakers [name]         who spoke, their roles, how many answers each gave (each person once)",
  "  /quote speaker | about   the best verbatim sentences from one speaker on a topic",
  "  /more [N]                the whole passage of hit N (default 1) of the last answer, and its question",
  "  /help (or help, ?)       this list;  Ctrl-D or /quit to leave",
].join("\n");

export function chatAnswer(answer: Answer): string {
  // A briefing answer says in its own words what it did not find ("No question … is about …").
  if (!answer.found && !answer.answer) return `${notFoundText(answer)}\nType /briefing to see what the briefings cover.\n`;
  // Answers about the briefing come from its structure, the same with or without the model.
  const note = answer.kind === "quote" ? modeNote(answer) : null;
  return note ? `${answerAsText(answer)}(${note})\n` : answerAsText(answer);
}

/** Ready to paste: the quote, the attribution, the briefing and its date. */
export function chatQuote(answer: Answer, speaker: string): string {
  const hit = answer.hits[0];
  if (!answer.found || !hit) return `${notFoundText(answer)} (speaker: ${speaker})\n`;
  const video = videoLine(hit.source);
  return [`“${hit.quote}”`, attributionLine(hit), `${withMoment(briefingLine(hit.source), hit.source)}${hit.source.url ? ` <${hit.source.url}>` : ""}`, ...(video ? [video] : []), ""].join("\n");
}

export function chatBriefing({ summary, panel, others, questions }: BriefingOverview): string {
  const { meta } = summary;
  const lines = [meta.title, [meta.date && `Date: ${meta.date}`, meta.source && `Source: ${meta.source}`].filter(Boolean).join(" · ")];
  if (summary.announcement.trim()) lines.push("", summary.announcement.trim());
  if (panel.length) {
    lines.push("", "On the panel:");
    for (const p of panel) lines.push(`  ${p.name} — ${p.role} (${p.spoke ? activity(p.spoke, questions) : "did not speak"})`);
  }
  if (others.length) {
    lines.push("", panel.length ? "Also spoke:" : "Who spoke:");
    for (const s of others) lines.push(`  ${speakerText(s, questions)}`);
  }
  lines.push("", `Questions asked (${questions.length}):`);
  questions.forEach((q, i) => lines.push(`  ${i + 1}. ${q.speaker}: ${flat(q.text)}${q.answeredBy.length ? ` → ${q.answeredBy.join(", ")}` : ""}`));
  if (questions.length) lines.push("Type /answer N to read the official answer to question N.");
  return `${lines.join("\n")}\n`;
}

export function chatBriefingList(briefings: BriefingSummary[]): string {
  if (!briefings.length) return "The index holds no briefings yet.\n";
  const lines = briefings.map((b) => `  ${briefingLine(b.meta)} · ${count(b.questions, "question")} · ${count(b.speakers, "speaker")}  [${b.meta.id}]`);
  return `Briefings:\n${lines.join("\n")}\nType /briefing NAME to open one.\n`;
}

export function chatSpeakers(groups: BriefingSpeakers[]): string {
  return groups
    .map((g) => [briefingLine(g.summary.meta), ...g.speakers.map((s) => `  ${speakerText(s, g.questions)}`)].join("\n"))
    .join("\n\n")
    .concat("\n");
}

/**
 * /speakers across several briefings: each person once, with their role and part in every briefing they spoke at
 * (newest first); labels that name no one ("Q", "MODERATOR") after them, one line per briefing.
 */
export function chatPeople(people: PersonSummary[], briefings: BriefingSummary[], questionsOf: (transcript: string) => QuestionSummary[]): string {
  if (!people.length) return "The index holds no briefings yet.\n";
  const meta = new Map<string, BriefingMeta>(briefings.map((b) => [b.meta.id, b.meta]));
  const where = (s: SpeakerSummary) => `${meta.has(s.transcript) ? briefingLine(meta.get(s.transcript)!) : s.transcript}: ${activity(s, questionsOf(s.transcript))}`;
  const named = people.filter((p) => p.person);
  const generic = people.filter((p) => !p.person);
  const lines = [`Speakers across ${count(briefings.length, "briefing")} (a name in several briefings is one person):`];
  for (const p of named) {
    const [only] = p.appearances;
    if (p.appearances.length === 1 && only) {
      lines.push(`  ${p.name}${only.role ? ` — ${only.role}` : ""} — ${where(only)}`);
      continue;
    }
    lines.push(`  ${p.name} — ${count(p.appearances.length, "briefing")}, ${p.answers > 0 ? count(p.answers, "answer") : count(p.turns, "turn")}`);
    for (const s of p.appearances) lines.push(`    · ${s.role ? `${s.role} — ` : ""}${where(s)}`);
  }
  if (generic.length) {
    lines.push("", "Labels that name no one in particular (each briefing's own):");
    for (const p of generic) for (const s of p.appearances) lines.push(`  ${s.speaker} — ${where(s)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The official answer to one question: the question, then each answering passage with its speaker. */
export function chatOfficialAnswer(answer: Answer): string {
  const first = answer.hits[0];
  const asker = first?.inResponseTo?.speaker;
  const lines = [`Question${asker ? ` (${asker})` : ""}: ${answer.question}`, ""];
  if (!answer.found || !first) return `${lines.join("\n")}No official answer to this question was recorded.\n`;
  let speaker = "";
  for (const hit of answer.hits) {
    if (hit.speaker !== speaker) lines.push(attributionLine(hit));
    speaker = hit.speaker;
    lines.push(hit.passage, "");
  }
  lines.push(withMoment(briefingLine(first.source), first.source));
  return `${lines.join("\n")}\n`;
}

export function chatContext(context: PassageContext, question: { speaker: string; text: string } | null): string {
  const lines = question ? [`Question (${question.speaker}): ${question.text}`, ""] : [];
  for (const p of context.before) lines.push(`[before] ${p.speaker}: ${p.text}`, "");
  lines.push(attributionLine({ speaker: context.passage.speaker, role: context.passage.role, inResponseTo: question }), context.passage.text, "");
  for (const p of context.after) lines.push(`[after] ${p.speaker}: ${p.text}`, "");
  const { startTime, page } = context.passage;
  lines.push(`${withMoment(briefingLine(context.meta), { start: startTime, page })}${context.meta.url ? ` <${context.meta.url}>` : ""}`);
  return `${lines.join("\n")}\n`;
}

/** "MIIT press conference, 2020-03-30, at 00:12:31" (or "…, p. 4"); the line unchanged when the format has no moment. */
function withMoment(line: string, source: Moment): string {
  const moment = momentText(source);
  return moment ? `${line}, ${moment}` : line;
}

function speakerText(s: SpeakerSummary, questions: QuestionSummary[]): string {
  return `${s.speaker}${s.role ? ` — ${s.role}` : ""} (${activity(s, questions)})`;
}

function flat(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
