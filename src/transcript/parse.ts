// Transcript text (or JSON) → Transcript: meta, announcement, roster, speaker-attributed turns, Q→A links.
import { createHash } from "node:crypto";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import type { BriefingMeta, RosterEntry, Transcript, Turn } from "../types.js";
import { sentences } from "../text/sentences.js";
import {
  isAskerLabel,
  isModeratorLabel,
  labelAlone,
  labelInline,
  nameFromLabel,
  roleFromLabel,
} from "./labels.js";
import { parseRoster, roleFromRoster } from "./roster.js";

/** A transcript that cannot be read; the message is one line meant for the user. */
export class TranscriptError extends Error {}

interface RawTurn {
  speaker: string;
  text: string;
}

/** The hash the manifest keeps of a transcript file's bytes. */
export function contentHash(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Parse one transcript file's bytes. `fileName` is its name inside the corpus (the transcript id). */
export function parseTranscript(fileName: string, bytes: Buffer | string): Transcript {
  const raw = typeof bytes === "string" ? bytes : bytes.toString("utf8");
  const hash = contentHash(bytes);
  const text = normaliseNewlines(raw);
  if (!text.trim()) throw new TranscriptError(`${fileName}: the file is empty`);
  const { front, body } = splitFrontMatter(fileName, text);
  const json = extname(fileName).toLowerCase() === ".json";
  const { announcement, turns: rawTurns, meta: jsonMeta } = json ? readJsonTurns(fileName, body) : readTextTurns(body);
  if (rawTurns.length === 0) {
    throw new TranscriptError(`${fileName}: no speaker labels found (expected "Name:" on its own line or at a paragraph start)`);
  }
  const roster = parseRoster(announcement);
  const meta = briefingMeta(fileName, { ...jsonMeta, ...front }, announcement);
  return { meta, announcement, roster, turns: attributeTurns(rawTurns, roster), hash };
}

function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/\t/g, " ");
}

function splitFrontMatter(fileName: string, text: string): { front: Record<string, unknown>; body: string } {
  const match = /^---[ ]*\n([\s\S]*?)\n---[ ]*(?:\n|$)/.exec(text);
  if (!match) return { front: {}, body: text };
  let front: unknown;
  try {
    front = parseYaml(match[1]!, { logLevel: "error" }); // warnings: one line each from load.ts, naming the file
  } catch (error) {
    throw new TranscriptError(`${fileName}: the front matter is not valid YAML (${firstLine(error)})`);
  }
  if (front !== null && typeof front !== "object") throw new TranscriptError(`${fileName}: the front matter must be "key: value" lines`);
  return { front: (front ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0]!;
}

/** Paragraphs separated by blank lines; hard-wrapped lines inside a paragraph are joined. */
function paragraphs(body: string): string[][] {
  return body
    .split(/\n[ ]*\n/)
    .map((p) => p.split("\n").map((line) => line.replace(/ {2,}/g, " ").trim()).filter(Boolean))
    .filter((lines) => lines.length > 0);
}

function readTextTurns(body: string): { announcement: string; turns: RawTurn[]; meta: Record<string, unknown> } {
  const blocks = paragraphs(body);
  // Labels standing alone on their line mark the layout; in a document written that way, an inline
  // "Word: text" is taken as a label only when that label also stands alone somewhere (fewer false labels).
  const aloneLabels = new Set<string>();
  let inlineCount = 0;
  for (const lines of blocks) {
    const label = labelAlone(lines[0]!);
    if (label) aloneLabels.add(label);
    else if (labelInline(lines.join(" "))) inlineCount++;
  }
  const inlineLayout = inlineCount > aloneLabels.size;
  const intro: string[] = [];
  const turns: { speaker: string; parts: string[] }[] = [];
  for (const lines of blocks) {
    const alone = labelAlone(lines[0]!, aloneLabels);
    if (alone) {
      turns.push({ speaker: alone, parts: lines.length > 1 ? [lines.slice(1).join(" ")] : [] });
      continue;
    }
    const paragraph = lines.join(" ");
    const inline = labelInline(paragraph, aloneLabels);
    if (inline && (inlineLayout || aloneLabels.has(inline.label))) {
      turns.push({ speaker: inline.label, parts: [inline.text] });
    } else if (turns.length > 0) {
      turns[turns.length - 1]!.parts.push(paragraph);
    } else {
      intro.push(paragraph);
    }
  }
  return {
    announcement: intro.join("\n\n"),
    // A label with no words after it stays a turn: turn numbers must match the transcript's.
    turns: turns.map((t) => ({ speaker: t.speaker, text: t.parts.join("\n\n") })),
    meta: {},
  };
}

function readJsonTurns(fileName: string, body: string): { announcement: string; turns: RawTurn[]; meta: Record<string, unknown> } {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new TranscriptError(`${fileName}: not valid JSON (${firstLine(error)})`);
  }
  const object = !Array.isArray(data) && data && typeof data === "object" ? (data as Record<string, unknown>) : null;
  const list = Array.isArray(data) ? data : object?.turns;
  if (!Array.isArray(list)) {
    throw new TranscriptError(`${fileName}: expected a JSON array of {"speaker", "text"} (or an object with "turns")`);
  }
  const turns: RawTurn[] = list.map((item, i) => {
    const turn = item as { speaker?: unknown; text?: unknown };
    if (typeof turn?.speaker !== "string" || typeof turn.text !== "string" || !turn.speaker.trim()) {
      throw new TranscriptError(`${fileName}: turn ${i} needs a "speaker" and a "text" string`);
    }
    return { speaker: turn.speaker.trim(), text: normaliseTurnText(turn.text) };
  });
  const announcement = typeof object?.announcement === "string" ? normaliseTurnText(object.announcement) : "";
  return { announcement, turns, meta: object ?? {} };
}

function normaliseTurnText(text: string): string {
  return paragraphs(normaliseNewlines(text)).map((lines) => lines.join(" ")).join("\n\n");
}

/** Roles, names and question→answer links for the raw turns. */
function attributeTurns(rawTurns: RawTurn[], roster: readonly RosterEntry[]): Turn[] {
  // A role written in one label ("Right Hon. Justin Trudeau (Prime Minister)") also holds for the
  // same person's shorter labels later on ("Right Hon. Justin Trudeau").
  const roleByName = new Map<string, string>();
  for (const { speaker } of rawTurns) {
    const role = roleFromRoster(speaker, roster) ?? roleFromLabel(speaker);
    if (role && !roleByName.has(nameFromLabel(speaker))) roleByName.set(nameFromLabel(speaker), role);
  }
  const turns: Turn[] = [];
  let openQuestion: Turn | null = null;
  rawTurns.forEach(({ speaker, text }, index) => {
    const name = nameFromLabel(speaker);
    const role = roleByName.get(name) ?? null;
    const turn: Turn = { index, speaker, name, role, text, isQuestion: false, inResponseTo: null };
    if (isModeratorLabel(speaker) || handsOverTheFloor(text, rawTurns[index + 1]?.speaker)) {
      // The chair hands the floor over ("Michelle.", "Thank you. Dawn."); they neither ask nor answer.
    } else if (isAskerLabel(speaker) || (!roleFromRoster(speaker, roster) && asksSomething(text))) {
      // A follow-up from the same asker is a question of its own: the answer that comes next answers it.
      turn.isQuestion = true;
      openQuestion = turn;
    } else if (openQuestion && openQuestion.name !== name) {
      turn.inResponseTo = openQuestion.index;
    } else if (openQuestion?.name === name && !acknowledges(text)) {
      // The asker speaks again without a question: the exchange is over. A bare "Okay." is not a new point: an
      // official who then adds to the answer ("And, just to add, ...") still answers the same question.
      openQuestion = null;
    }
    turns.push(turn);
  });
  return turns;
}

/** A few words naming the next speaker ("Michelle.", "Go ahead, Mr. Kelly."): a chair calling on someone, whatever the chair's label says. */
function handsOverTheFloor(text: string, nextSpeaker: string | undefined): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (!nextSpeaker || words.length > 4 || /[?？]/.test(text)) return false;
  const nextNames = new Set(nameFromLabel(nextSpeaker).toLowerCase().split(/\s+/));
  return words.some((w) => nextNames.has(w.toLowerCase().replace(/[^\p{L}'’-]/gu, "")));
}

/** A few words without a question: "Okay.", "Right, thank you." */
function acknowledges(text: string): boolean {
  return text.split(/\s+/).filter(Boolean).length <= 4 && !/[?？]/.test(text);
}

/** A turn asks when it ends on a question; an answer may pose a rhetorical one on its way. */
function asksSomething(text: string): boolean {
  return sentences(text)
    .slice(-2)
    .some((s) => /[?？]["”’)]?$/.test(s));
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function briefingMeta(fileName: string, fields: Record<string, unknown>, announcement: string): BriefingMeta {
  const str = (key: string) => {
    const value = fields[key];
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return typeof value === "string" || typeof value === "number" ? String(value).trim() || null : null;
  };
  const source = str("source");
  const url = str("url") ?? (source && /^https?:\/\//.test(source) ? source : null);
  return {
    id: fileName,
    title: str("title") ?? titleFromFileName(fileName),
    date: isoDate(str("date")) ?? dateFromFileName(fileName) ?? dateFromText(announcement),
    source,
    url,
    language: str("language"),
  };
}

function isoDate(text: string | null): string | null {
  if (!text) return null;
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : dateFromText(text);
}

function titleFromFileName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]+$/, "").replace(/^\d{4}-\d{2}-\d{2}[-_ ]*/, "");
  const words = stem.replace(/[-_]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : fileName;
}

function dateFromFileName(fileName: string): string | null {
  return /(\d{4}-\d{2}-\d{2})/.exec(fileName)?.[1] ?? null;
}

/** "March 30, 2020" or "30 March 2020" → "2020-03-30". */
function dateFromText(text: string): string | null {
  const monthFirst = /\b([A-Z][a-z]+)\s+(\d{1,2}),?\s+(\d{4})\b/.exec(text);
  const dayFirst = /\b(\d{1,2})\s+([A-Z][a-z]+),?\s+(\d{4})\b/.exec(text);
  const parts = monthFirst
    ? { month: monthFirst[1]!, day: monthFirst[2]!, year: monthFirst[3]! }
    : dayFirst
      ? { month: dayFirst[2]!, day: dayFirst[1]!, year: dayFirst[3]! }
      : null;
  const month = parts ? MONTHS.indexOf(parts.month.toLowerCase()) + 1 : 0;
  if (!parts || month === 0) return null;
  return `${parts.year}-${String(month).padStart(2, "0")}-${parts.day.padStart(2, "0")}`;
}
