// SRT (SubRip) captions: numbered cues, a timing line "00:12:31,000 --> 00:12:34,500", text lines, a blank line.
//
// Read by this small reader rather than a package: SRT has no specification, and the parsers on npm split the file
// with one regular expression that insists on the index line and the comma (srt-parser-2), or stream through
// extra dependencies (subtitle). Real files drop the index, use "." for ",", omit the hours, add position
// coordinates after the timing, or leave out the blank line between cues; this reader takes all of these, one line
// at a time (linear in the file). Formatting tags (<i>, <font color=…>, {\an8}) are not words and are dropped.
import { cuesToTurns, type Cue } from "./captions.js";
import type { TurnsLayout } from "./index.js";

const TIME = String.raw`(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?`;
const TIMING = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}(?:\s.*)?$`);

export function seconds(hours: string | undefined, minutes: string, secs: string, fraction: string | undefined): number {
  const ms = fraction ? Number(fraction.padEnd(3, "0")) : 0;
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(secs) + ms / 1000;
}

/** "00:12:31,000 --> 00:12:34,500" → [751, 754.5]; null for any other line. */
export function timing(line: string): [number, number] | null {
  if (!line.includes("-->")) return null;
  const m = TIMING.exec(line);
  if (!m) return null;
  return [seconds(m[1], m[2]!, m[3]!, m[4]), seconds(m[5], m[6]!, m[7]!, m[8])];
}

// Bounded tag patterns: a "<" or "{" without its closing character within the bound is left as text.
const TAG = /<\/?[a-zA-Z][^<>\n]{0,200}>|<\/[a-zA-Z]{0,10}>/g;
const ASS_OVERRIDE = /\{\\[^{}\n]{0,200}\}/g;

export function readSrt(body: string): TurnsLayout {
  const lines = body.split("\n");
  const cues: Cue[] = [];
  let current: { start: number; end: number; text: string[] } | null = null;
  const close = () => {
    if (current && current.text.length) cues.push({ start: current.start, end: current.end, segments: [{ voice: null, text: current.text.join("\n") }] });
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const time = timing(line);
    if (time) {
      close();
      current = { start: time[0], end: time[1], text: [] };
      continue;
    }
    // A cue number just before a timing line is not text (even without the blank line before it).
    if (/^\s*\d+\s*$/.test(line) && timing(lines[i + 1] ?? "")) {
      close();
      continue;
    }
    if (!line.trim()) {
      close();
      continue;
    }
    const text = line.replace(TAG, "").replace(ASS_OVERRIDE, "").trim();
    if (current && text) (current as { text: string[] }).text.push(text);
  }
  close();
  return cuesToTurns(cues, 'no speakers in the captions (expected "Name:", "[Name]" or ">> Name:" at the start of a cue)');
}
