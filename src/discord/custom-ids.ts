// What a button or select menu does, packed into its custom_id (at most 100 characters) and read back.
// Ids name transcripts and passages rather than holding state, so buttons keep working after a restart;
// only "Other answers" refers to a remembered question (see recent.ts).
import { createHash } from "node:crypto";

export type Action =
  /** More context for one passage. */
  | { kind: "context"; transcript: string; turn: number; part: number }
  /** The next hits for a remembered question. */
  | { kind: "others"; key: string }
  /** What the briefings cover (the /briefing overview). */
  | { kind: "overview" }
  /** A briefing picked from the list; the select's value is the transcript ref. */
  | { kind: "pickBriefing" }
  /** A question picked from a briefing; the select's value is its turn. */
  | { kind: "pickQuestion"; transcript: string }
  /** Another page of a briefing's questions. */
  | { kind: "questionsPage"; transcript: string; page: number };

const MAX_PLAIN_REF = 64;

/** A transcript id short enough for a custom_id: the id itself, or "~" and a hash of it when it is long. */
export function transcriptRef(id: string): string {
  if (id.length <= MAX_PLAIN_REF && !id.startsWith("~")) return id;
  return `~${createHash("sha256").update(id).digest("base64url").slice(0, 16)}`;
}

/** The transcript id a ref names, among the ids of the index; null when none does. */
export function resolveTranscriptRef(ref: string, ids: readonly string[]): string | null {
  if (!ref.startsWith("~")) return ids.includes(ref) ? ref : null;
  return ids.find((id) => transcriptRef(id) === ref) ?? null;
}

export function customId(action: Action): string {
  switch (action.kind) {
    case "context":
      return `ctx:${transcriptRef(action.transcript)}#${action.turn}.${action.part}`;
    case "others":
      return `oth:${action.key}`;
    case "overview":
      return "brief";
    case "pickBriefing":
      return "bsel";
    case "pickQuestion":
      return `qsel:${transcriptRef(action.transcript)}`;
    case "questionsPage":
      return `qpage:${transcriptRef(action.transcript)}:${action.page}`;
  }
}

/**
 * The action a custom_id names, with transcript refs resolved against the index's transcript ids;
 * null for ids this bot did not make or that name a transcript no longer in the index.
 */
export function parseCustomId(id: string, transcriptIds: readonly string[]): Action | null {
  const [prefix] = id.split(":", 1);
  const rest = id.slice(prefix!.length + 1);
  const resolve = (ref: string) => resolveTranscriptRef(ref, transcriptIds);
  switch (prefix) {
    case "ctx": {
      const m = /^(.*)#(\d+)\.(\d+)$/.exec(rest);
      const transcript = m && resolve(m[1]!);
      return transcript ? { kind: "context", transcript, turn: Number(m[2]), part: Number(m[3]) } : null;
    }
    case "oth":
      return rest ? { kind: "others", key: rest } : null;
    case "brief":
      return { kind: "overview" };
    case "bsel":
      return { kind: "pickBriefing" };
    case "qsel": {
      const transcript = resolve(rest);
      return transcript ? { kind: "pickQuestion", transcript } : null;
    }
    case "qpage": {
      const m = /^(.*):(-?\d+)$/.exec(rest);
      const transcript = m && resolve(m[1]!);
      return transcript ? { kind: "questionsPage", transcript, page: Math.max(0, Number(m[2])) } : null;
    }
    default:
      return null;
  }
}

/** Passage ids are `${transcript}#${turn}.${part}` (see types.ts). */
export function passageId(transcript: string, turn: number, part: number): string {
  return `${transcript}#${turn}.${part}`;
}

/** The parts of a passage id, for building a "context" action from a hit. */
export function passageParts(id: string): { transcript: string; turn: number; part: number } | null {
  const m = /^(.*)#(\d+)\.(\d+)$/.exec(id);
  return m ? { transcript: m[1]!, turn: Number(m[2]), part: Number(m[3]) } : null;
}
