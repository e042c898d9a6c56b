// Caption cues (WebVTT, SRT) → speaker turns with times. Shared by vtt.ts and srt.ts.
//
// Who speaks comes from a WebVTT voice tag (<v Xu Kemin>), or from the start of a cue's line: "Xu Kemin: …"
// (Zoom, Teams exports), "[Xu Kemin] …", or the broadcast mark ">> Xu Kemin: …". A bare ">>" marks a change of
// speaker without a name: the words after it are nobody's named words ("Unidentified speaker"). A cue without a
// speaker continues the turn before it. Sound notes ("[Applause]", "[Music]", "♪", "(Laughter.)") are nobody's words:
// they never become a speaker and never a quote.
import { isAskerLabel, isModeratorLabel, looksLikeLabel } from "../labels.js";
import { isNote } from "../notes.js";
import type { TurnsLayout } from "./index.js";
import type { Piece } from "./marks.js";

export const UNIDENTIFIED_SPEAKER = "Unidentified speaker";

/** One stretch of a cue: its words and the voice a tag gives them (null: none). */
export interface CueSegment {
  voice: string | null;
  text: string;
}

export interface Cue {
  start: number;
  end: number;
  segments: CueSegment[];
}

// What captioners write for sounds and for speech they do not transcribe. Bracketed or parenthesised, these are
// notes; the notes of notes.ts (laughter, applause, inaudible …) are notes too.
const SOUND =
  /^(?:(?:upbeat |soft |dramatic |gentle |background |intro |outro |theme )?music(?: playing| continues| fades(?: out)?| ends)?|♪.*|foreign|foreign language|non-english speech|(?:speaking|speaks) [\p{L}-]+(?: language)?|blank_audio|no audio|no sound|silence|static|noise|background noise|indistinct(?: chatter| conversation| talking)?|chatter|beeps?|beeping|bells? ring(?:s|ing)?|phone ring(?:s|ing)?|ringing|cough(?:s|ing)?|sniff(?:s|ing)?|footsteps|gavel(?: bangs| strikes)?|audience [\p{L} ]+|crowd [\p{L} ]+|murmur(?:s|ing)?|clapping|whistl(?:e|es|ing)|laughs?|laughing|chuckl(?:e|es|ing)|sighs?|gasps?|groans?|breathing|microphone [\p{L} ]+|mic [\p{L} ]+|video (?:plays|playing|ends)|end of (?:transcript|recording|video)|pause|silence)\.?$/iu;

/** A "[…]" or "(…)" that is a sound note, not words and not a speaker. */
export function isSoundNote(bracketed: string): boolean {
  const match = /^\s*[[(]([^()[\]]*)[\])]\s*$/.exec(bracketed);
  if (!match) return false;
  return SOUND.test(match[1]!.trim()) || isNote(bracketed.trim());
}

/** The text without music marks and bracketed sound notes (the other notes are parse.ts's to remove). */
export function withoutSoundNotes(text: string): string {
  return text
    .replace(/♪[^♪\n]{0,200}♪|[♪♫]+/gu, " ")
    .replace(/[[(]([^()[\]\n]{1,60})[\])]/g, (note, inner: string) => (SOUND.test(inner.trim()) ? " " : note))
    .replace(/[ \t]{2,}/g, " ");
}

type Marker = "voice" | "bracket" | "chevron" | "colon";

interface Segment {
  /** The speaker's label, UNIDENTIFIED_SPEAKER for a bare ">>", null when the cue names nobody. */
  label: string | null;
  marker: Marker | null;
  text: string;
  start: number;
  end: number;
  /** The cue it comes from (its position). */
  cue: number;
}

const MAX_LABEL = 80;

/** A line's speaker mark, if it opens with one, and the words after it. */
function speakerOf(line: string): { label: string; marker: Marker; rest: string } | null {
  let rest = line;
  let chevron = false;
  const chevrons = /^\s*>>+\s*/.exec(rest);
  if (chevrons) {
    chevron = true;
    rest = rest.slice(chevrons[0].length);
  }
  const bracket = /^\[([^[\]\n]{1,80})\]\s*:?\s*/.exec(rest);
  if (bracket && !isSoundNote(`[${bracket[1]}]`) && looksLikeLabel(bracket[1]!.trim())) {
    return { label: bracket[1]!.trim(), marker: "bracket", rest: rest.slice(bracket[0].length) };
  }
  const colon = /^([^:：\n]{1,80})[:：]\s+/.exec(rest) ?? /^([^:：\n]{1,80})[:：]$/.exec(rest);
  if (colon && colon[1]!.length <= MAX_LABEL && !/[[\]]/.test(colon[1]!) && looksLikeLabel(colon[1]!.trim())) {
    return { label: colon[1]!.trim(), marker: chevron ? "chevron" : "colon", rest: rest.slice(colon[0].length) };
  }
  if (chevron) return { label: UNIDENTIFIED_SPEAKER, marker: "chevron", rest };
  return null;
}

// One-word labels that name a part in the proceedings ("Interpreter:"), not a topic ("Exports:").
const ROLE_WORDS = new Set(["interpreter", "translator", "spokesperson", "spokesman", "spokeswoman", "moderator", "host", "operator", "announcer", "narrator", "reporter", "question", "chair", "q", "a"]);

/**
 * The cues' speaker turns. "Name:" at a cue's start is a label when the captions use it more than once, when it
 * names the press or the chair, when it is a name of two words or more, or a part in the proceedings; a one-off
 * single word ("Exports: up 3%") stays words.
 */
export function cuesToTurns(cues: readonly Cue[], noLabels: string): TurnsLayout {
  const segments: Segment[] = [];
  let previousLines: string[] = [];
  cues.forEach((timed, cueIndex) => {
    // A cue that ends before it starts (a damaged file) is taken to last no time at all.
    const cue = { ...timed, end: Math.max(timed.start, timed.end) };
    const lines: string[] = [];
    for (const segment of cue.segments) {
      // Rolling captions repeat the last line of the cue before at the top of the next one: it was said once.
      const own = segment.text.split("\n").map((l) => l.trim());
      const start = lines.length === 0 ? repeatedLines(previousLines, own) : 0;
      for (const line of own) lines.push(line); // (a spread of a huge cue would overflow the call stack)
      let voiced = segment.voice === null;
      for (const line of own.slice(start)) {
        const clean = withoutSoundNotes(line).trim();
        if (!clean) continue;
        const mark = segment.voice === null ? speakerOf(clean) : null;
        const piece = { start: cue.start, end: cue.end, cue: cueIndex };
        const last = segments.at(-1);
        if (!voiced) segments.push({ label: segment.voice, marker: "voice", text: clean, ...piece });
        else if (mark) segments.push({ label: mark.label, marker: mark.marker, text: mark.rest, ...piece });
        // A further line of the same cue goes on the same stretch of speech (one time for the cue, not one per line).
        else if (last && last.cue === cueIndex) last.text = last.text ? `${last.text}\n${clean}` : clean;
        else segments.push({ label: null, marker: null, text: clean, ...piece });
        voiced = true;
      }
    }
    previousLines = lines.filter(Boolean);
  });
  const counts = new Map<string, number>();
  for (const s of segments) if (s.marker === "colon") counts.set(s.label!, (counts.get(s.label!) ?? 0) + 1);
  const isLabel = (s: Segment): boolean => {
    if (s.label === null) return false;
    if (s.marker !== "colon") return true;
    const label = s.label;
    const words = label.split(/\s+/).length;
    return (counts.get(label) ?? 0) >= 2 || isAskerLabel(label) || isModeratorLabel(label) || words >= 2 || ROLE_WORDS.has(label.toLowerCase());
  };
  const announcement: Piece[] = [];
  const turns: TurnsLayout["turns"] = [];
  for (const s of segments) {
    const labelled = isLabel(s);
    const text = labelled ? s.text : s.marker === "colon" ? `${s.label}: ${s.text}` : s.text;
    const piece: Piece = { text, start: s.start, end: s.end };
    if (labelled) turns.push({ label: s.label!, pieces: text ? [piece] : [] });
    else if (turns.length) turns[turns.length - 1]!.pieces.push(piece);
    else announcement.push(piece);
  }
  return { layout: "turns", announcement, turns, separator: " ", mergeConsecutive: true, noLabels };
}

/** How many of `next`'s first lines (three at most) repeat `previous`'s last lines (rolling captions). */
function repeatedLines(previous: readonly string[], next: readonly string[]): number {
  for (let n = Math.min(3, previous.length, next.length - 1); n > 0; n--) {
    let same = true;
    for (let i = 0; i < n && same; i++) same = previous[previous.length - n + i] === next[i];
    if (same) return n;
  }
  return 0;
}
