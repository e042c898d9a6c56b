// Speakers named in a question ("What did Bains say…", "…the Prime Minister…") steer the ranking to their words.
import type { Passage } from "../types.js";
import { words } from "./terms.js";

export interface SpeakerKey {
  /** Speaker label as written. */
  speaker: string;
  transcript: string;
  /** Lower-case word sequences that, found in a question, name this speaker. */
  keys: string[][];
}

// Surnames that are also everyday question words would steer every question.
const TOO_COMMON = new Set(["the", "chair", "minister", "member", "speaker", "reporter", "president", "will", "may", "can", "say"]);

export function speakerKeys(passages: readonly Passage[]): SpeakerKey[] {
  const seen = new Map<string, SpeakerKey>();
  for (const p of passages) {
    const id = `${p.transcript}\0${p.speaker}`;
    if (seen.has(id)) continue;
    const name = words(p.name);
    const keys: string[][] = [];
    if (name.length >= 2) keys.push(name);
    const surname = name[name.length - 1];
    if (surname && surname.length >= 3 && !TOO_COMMON.has(surname)) keys.push([surname]);
    if (p.role) {
      const role = words(p.role).filter((w, i) => !(i === 0 && w === "the"));
      if (role.length >= 2) keys.push(role);
    }
    if (name.length === 1 && !TOO_COMMON.has(name[0]!)) keys.push(name);
    seen.set(id, { speaker: p.speaker, transcript: p.transcript, keys });
  }
  return [...seen.values()];
}

/** Speakers (transcript + label) whose name or role the question mentions, as "transcript\0label" ids. */
export function mentionedSpeakers(question: string, keys: readonly SpeakerKey[]): Set<string> {
  const tokens = words(question);
  const found = new Set<string>();
  for (const key of keys) {
    if (key.keys.some((k) => containsSequence(tokens, k))) found.add(`${key.transcript}\0${key.speaker}`);
  }
  return found;
}

function containsSequence(tokens: readonly string[], sequence: readonly string[]): boolean {
  outer: for (let i = 0; i + sequence.length <= tokens.length; i++) {
    for (let j = 0; j < sequence.length; j++) if (tokens[i + j] !== sequence[j]) continue outer;
    return true;
  }
  return false;
}
