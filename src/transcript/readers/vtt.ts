// WebVTT captions, read with the W3C's reference parser (webvtt-parser): cues with their times and the cue text as
// a tree, from which voice tags (<v Xu Kemin>) name the speaker. NOTE and STYLE blocks, cue settings, inline tags
// (<b>, <i>, <c.yellow>, <00:00:06.500>) and ruby annotations are not words and are dropped.
import webvtt from "webvtt-parser";
import { cuesToTurns, type Cue, type CueSegment } from "./captions.js";
import type { TurnsLayout } from "./index.js";

// The character references WebVTT defines, with and without their semicolon. (The parser's full HTML table would
// be tried key by key for every unknown reference: a file of "&x;" would take minutes.)
const ENTITIES: Record<string, string> = {};
for (const [name, value] of Object.entries({ amp: "&", lt: "<", gt: ">", nbsp: "\u00a0", lrm: "\u200e", rlm: "\u200f", quot: '"', apos: "'" })) {
  ENTITIES[`&${name}`] = value;
  ENTITIES[`&${name};`] = value;
}

interface TreeNode {
  type?: "text" | "object" | "timestamp";
  name?: string;
  value?: string | number;
  children?: TreeNode[];
}

export function readVtt(body: string): TurnsLayout {
  const parser = new webvtt.WebVTTParser(ENTITIES);
  const { cues } = parser.parse(body, "metadata") as { cues: { startTime: number; endTime: number; tree: TreeNode }[] };
  const read: Cue[] = cues.map((cue) => ({ start: cue.startTime, end: cue.endTime, segments: segmentsOf(cue.tree) }));
  return cuesToTurns(read, 'no speakers in the captions (expected <v Name> voice tags, or "Name:" at the start of a cue)');
}

/** The cue's words, cut where a voice tag begins or ends. */
function segmentsOf(tree: TreeNode): CueSegment[] {
  const segments: CueSegment[] = [];
  const add = (voice: string | null, text: string) => {
    const last = segments.at(-1);
    if (last && last.voice === voice) last.text += text;
    else segments.push({ voice, text });
  };
  // Iterative walk: a cue's tags may nest deeply (a hostile file), the call stack must not.
  const stack: { node: TreeNode; voice: string | null }[] = [{ node: tree, voice: null }];
  while (stack.length) {
    const { node, voice } = stack.pop()!;
    if (node.type === "text") {
      add(voice, String(node.value ?? ""));
      continue;
    }
    if (node.type === "timestamp" || node.name === "rt") continue; // ruby text annotates the words, it is not said
    const own = node.name === "v" ? String(node.value ?? "").trim() || voice : voice;
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, voice: own });
  }
  return segments.filter((s) => s.text.trim());
}
