// JSON transcripts: speaker turns as briefbot always read them, and the segments of speech-to-text tools.
//
//   [{"speaker": "Xu Kemin", "text": "…"}]                         turns (each item one turn; "start"/"end" optional)
//   {"title": …, "date": …, "announcement": …, "turns": [ … ]}     the same with the briefing's fields
//   {"segments": [{"start": 0.0, "end": 4.2, "text": "…", "speaker": "SPEAKER_00"}]}      Whisper / WhisperX
//   {"utterances": [{"speaker": "A", "start": 250, "end": 4100, "text": "…"}]}           AssemblyAI (milliseconds)
//   {"results": {"utterances": [{"speaker": 0, "start": 0.2, "end": 4.1, "transcript": "…"}]}}   Deepgram
//
// Segments are speech-to-text output: sound notes in them ("[BLANK_AUDIO]", "[Music]") are removed as in captions.
// Consecutive segments of one speaker are one turn; a segment without a speaker continues the turn before it.
// Anonymous speakers are named by a "speakers" field ({"SPEAKER_00": "Xu Kemin"}) or the NAME.speakers.json sidecar.
import { TranscriptError } from "../errors.js";
import type { TurnsLayout } from "./index.js";
import type { Piece } from "./marks.js";
import { withoutSoundNotes } from "./captions.js";
import { speakerName, type SpeakerName } from "./sidecar.js";

type Item = Record<string, unknown>;

export function readJson(body: string, fileName: string): TurnsLayout {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new TranscriptError(`${fileName}: not valid JSON (${String(error instanceof Error ? error.message : error).split("\n")[0]})`);
  }
  const object = !Array.isArray(data) && data && typeof data === "object" ? (data as Item) : null;
  const results = object?.results && typeof object.results === "object" ? (object.results as Item) : null;
  const segments = object?.segments ?? object?.utterances ?? results?.utterances;
  const list = Array.isArray(data) ? data : (object?.turns ?? segments);
  if (!Array.isArray(list)) {
    throw new TranscriptError(
      `${fileName}: expected a JSON array of {"speaker", "text"}, or an object with "turns", "segments" or "utterances"`,
    );
  }
  const meta = object ?? {};
  const speakers = namesOf(object?.speakers);
  const announcement = typeof object?.announcement === "string" ? [{ text: object.announcement }] : [];
  const scale = timeScale(list);
  const timed = (item: Item, text: string): Piece => {
    const piece: Piece = { text };
    const start = time(item.start, scale);
    const end = time(item.end, scale);
    if (start !== undefined) {
      piece.start = start;
      piece.end = end !== undefined && end >= start ? end : start;
    }
    return piece;
  };
  if (list === segments) return segmentTurns(fileName, list, timed, { meta, speakers, announcement });
  // Turns: each item is a turn of its own, numbered as written.
  const turns = list.map((entry, i) => {
    const item = entry as Item;
    const label = labelOf(item?.speaker);
    const text = textOf(item);
    if (!label || text === null) throw new TranscriptError(`${fileName}: turn ${i} needs a "speaker" and a "text" string`);
    return { label, pieces: [timed(item, text)] };
  });
  return { layout: "turns", announcement, turns, separator: "\n\n", meta, speakers };
}

function segmentTurns(
  fileName: string,
  list: unknown[],
  timed: (item: Item, text: string) => Piece,
  common: { meta: Item; speakers: Record<string, SpeakerName>; announcement: Piece[] },
): TurnsLayout {
  const turns: TurnsLayout["turns"] = [];
  const before: Piece[] = [];
  list.forEach((entry, i) => {
    const item = entry as Item;
    const text = item && typeof item === "object" ? textOf(item) : null;
    if (text === null) throw new TranscriptError(`${fileName}: segment ${i} needs a "text" string`);
    const label = labelOf(item.speaker);
    // Speech-to-text marks silence and sounds as words ("[BLANK_AUDIO]", "[Music]"): they are notes.
    const piece = timed(item, withoutSoundNotes(text).trim());
    if (label) turns.push({ label, pieces: [piece] });
    else if (turns.length) turns[turns.length - 1]!.pieces.push(piece);
    else before.push(piece);
  });
  return {
    layout: "turns",
    // Speech before anyone is named is nobody's words: it stays out of the turns, as an announcement would.
    announcement: [...common.announcement, ...before],
    turns,
    separator: " ",
    mergeConsecutive: true,
    meta: common.meta,
    speakers: common.speakers,
    noLabels: "no speakers in the segments (diarize the recording, e.g. with WhisperX, so each segment has a \"speaker\")",
  };
}

/** A speaker as written: a string, or a diarizer's number (0 → "Speaker 0"). */
function labelOf(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" && Number.isFinite(value)) return `Speaker ${value}`;
  return null;
}

function textOf(item: Item): string | null {
  const text = item.text ?? item.transcript;
  return typeof text === "string" ? text : null;
}

function namesOf(value: unknown): Record<string, SpeakerName> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const names: Record<string, SpeakerName> = {};
  for (const [label, name] of Object.entries(value)) {
    const given = speakerName(name);
    if (given) names[label] = given;
  }
  return names;
}

function time(value: unknown, scale: number): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n * scale : undefined;
}

/**
 * Seconds per unit of the file's times: 1, or 0.001 for milliseconds (AssemblyAI). Read as seconds, milliseconds
 * give speech slower than one character a second — no one speaks that slowly; read as milliseconds, seconds would
 * give thousands of characters a second.
 */
function timeScale(list: readonly unknown[]): number {
  let chars = 0;
  let last = 0;
  let integers = true;
  for (const entry of list) {
    const item = entry as Item;
    if (!item || typeof item !== "object") continue;
    const text = textOf(item);
    if (text) chars += text.length;
    for (const value of [item.start, item.end]) {
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      if (!Number.isInteger(value)) integers = false;
      last = Math.max(last, value);
    }
  }
  return integers && last > 0 && chars / last < 1 ? 0.001 : 1;
}
