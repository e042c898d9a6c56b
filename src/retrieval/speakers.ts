// Speakers named in a question ("What did Bains say…", "…the Prime Minister…") steer the ranking to their words.
import type { Passage } from "../types.js";
import { termOf, words } from "../text/terms.js";

export interface SpeakerKey {
  /** Speaker label as written. */
  speaker: string;
  transcript: string;
  /** Lower-case word sequences that, found in a question, name this speaker. */
  keys: string[][];
}

// Surnames that are also everyday question words would steer every question.
const TOO_COMMON = new Set(["the", "chair", "minister", "member", "speaker", "reporter", "president", "will", "may", "can", "say"]);

export interface SpeakerIndex {
  keys: SpeakerKey[];
  /** Position of a passage → its speaker's place in `keys`. */
  ofPassage: Int32Array;
  /** A key's first word → the keys that start with it: a question is checked against its own words only. */
  byFirstWord: Map<string, { speaker: number; key: string[] }[]>;
}

/** `acronyms` (acronym → the words it stands for) add shortened roles: "director of the sme bureau". */
export function speakerIndex(passages: readonly Passage[], acronyms: ReadonlyMap<string, readonly string[]> = new Map()): SpeakerIndex {
  const seen = new Map<string, number>();
  const keys: SpeakerKey[] = [];
  const ofPassage = new Int32Array(passages.length);
  // Compared as terms, so that "enterprise" in a role meets "enterprises" in the expansion; worked out once.
  const expansions = [...acronyms].map(([acronym, expansion]) => [acronym, expansion.map((w) => termOf(w) ?? w)] as const);
  passages.forEach((p, position) => {
    const id = `${p.transcript}\0${p.speaker}`;
    let speaker = seen.get(id);
    if (speaker === undefined) {
      // The announcement is nobody's words: no question names it.
      speaker = keys.length;
      seen.set(id, speaker);
      keys.push({ speaker: p.speaker, transcript: p.transcript, keys: p.turn < 0 ? [] : withAcronyms(namingSequences(p), expansions) });
    }
    ofPassage[position] = speaker;
  });
  const byFirstWord = new Map<string, { speaker: number; key: string[] }[]>();
  keys.forEach((k, speaker) => {
    for (const key of k.keys) {
      if (!byFirstWord.has(key[0]!)) byFirstWord.set(key[0]!, []);
      byFirstWord.get(key[0]!)!.push({ speaker, key });
    }
  });
  return { keys, ofPassage, byFirstWord };
}

function namingSequences(p: Passage): string[][] {
  const name = words(p.name);
  const keys: string[][] = [];
  if (name.length >= 2) keys.push(name);
  // The surname as written: "Paul-Hus" and "Jean-Pierre" whole, never their last part alone.
  const surname = words(p.name.trim().split(/\s+/).pop() ?? "");
  const single = surname.length === 1 ? surname[0]! : null;
  if (surname.length > 1 && surname.length < name.length) keys.push(surname);
  if (single && single.length >= 3 && !TOO_COMMON.has(single)) keys.push([single]);
  if (p.role) {
    const role = words(p.role).filter((w, i) => !(i === 0 && w === "the"));
    if (role.length >= 2) keys.push(role);
    // The role's head names the person too: "the Vice Minister" for "Vice Minister of Industry and Information Technology".
    const head = role.slice(0, role.findIndex((w) => w === "of" || w === "for" || w === "at" || w === "to"));
    if (head.length >= 2 && head.length < role.length) keys.push(head);
  }
  if (name.length === 1 && !TOO_COMMON.has(name[0]!)) keys.push(name);
  return keys;
}

/** Each key, and each key with a run of its words that an acronym stands for replaced by the acronym. */
function withAcronyms(keys: string[][], expansions: readonly (readonly [string, string[]])[]): string[][] {
  const shortened: string[][] = [];
  for (const key of keys) {
    for (const [acronym, wanted] of expansions) {
      for (let i = 0; i + wanted.length <= key.length; i++) {
        if (wanted.every((w, j) => (termOf(key[i + j]!) ?? key[i + j]) === w)) {
          shortened.push([...key.slice(0, i), acronym, ...key.slice(i + wanted.length)]);
          shortened.push([...key.slice(0, i), `${acronym}s`, ...key.slice(i + wanted.length)]);
        }
      }
    }
  }
  return [...keys, ...shortened];
}

/** Every place in `tokens` (a question's lower-case words) where a speaker's name or role occurs: [start, end) and whose it is. */
export function namings(tokens: readonly string[], index: SpeakerIndex): { speaker: number; start: number; end: number }[] {
  const found: { speaker: number; start: number; end: number }[] = [];
  tokens.forEach((token, i) => {
    for (const { speaker, key } of index.byFirstWord.get(token) ?? []) {
      if (key.every((word, j) => tokens[i + j] === word)) found.push({ speaker, start: i, end: i + key.length });
    }
  });
  return found;
}
