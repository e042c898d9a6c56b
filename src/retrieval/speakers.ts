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

export interface SpeakerIndex {
  keys: SpeakerKey[];
  /** Position of a passage → its speaker's place in `keys`. */
  ofPassage: Int32Array;
  /** A key's first word → the keys that start with it: a question is checked against its own words only. */
  byFirstWord: Map<string, { speaker: number; key: string[] }[]>;
}

export function speakerIndex(passages: readonly Passage[]): SpeakerIndex {
  const seen = new Map<string, number>();
  const keys: SpeakerKey[] = [];
  const ofPassage = new Int32Array(passages.length);
  passages.forEach((p, position) => {
    const id = `${p.transcript}\0${p.speaker}`;
    let speaker = seen.get(id);
    if (speaker === undefined) {
      speaker = keys.length;
      seen.set(id, speaker);
      keys.push({ speaker: p.speaker, transcript: p.transcript, keys: namingSequences(p) });
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
  const surname = name[name.length - 1];
  if (surname && surname.length >= 3 && !TOO_COMMON.has(surname)) keys.push([surname]);
  if (p.role) {
    const role = words(p.role).filter((w, i) => !(i === 0 && w === "the"));
    if (role.length >= 2) keys.push(role);
  }
  if (name.length === 1 && !TOO_COMMON.has(name[0]!)) keys.push(name);
  return keys;
}

/** The question's words with possessives dropped: "Sian Gwenllian's concern" names Sian Gwenllian. */
function nameWords(question: string): string[] {
  return words(question).map((w) => w.replace(/['’]s$/, ""));
}

/** Every place in `tokens` where a speaker's name or role occurs: [start, end) and whose it is. */
function namings(tokens: readonly string[], index: SpeakerIndex): { speaker: number; start: number; end: number }[] {
  const found: { speaker: number; start: number; end: number }[] = [];
  tokens.forEach((token, i) => {
    for (const { speaker, key } of index.byFirstWord.get(token) ?? []) {
      if (key.every((word, j) => tokens[i + j] === word)) found.push({ speaker, start: i, end: i + key.length });
    }
  });
  return found;
}

/** Speakers a question names, as places in `index.keys`. */
export interface NamedSpeakers {
  /** Everyone named. */
  all: Set<number>;
  /**
   * Whom the question asks about: the first named, and any joined to them by "and". In "What did Tracey Breheny
   * reply to Sian Gwenllian?" that is Tracey Breheny; Sian Gwenllian only says which exchange.
   */
  asked: Set<number>;
}

export function namedSpeakers(question: string, index: SpeakerIndex): NamedSpeakers {
  const tokens = nameWords(question);
  const found = namings(tokens, index).sort((a, b) => a.start - b.start);
  const asked = new Set<number>();
  let end = -1;
  for (const naming of found) {
    // Keys of one person overlap ("Bill Morneau", "Morneau"); "and" or "and the" joins another person.
    const joined = end < 0 || naming.start < end || tokens.slice(end, naming.start).every((w) => w === "and" || w === "the");
    if (!joined) break;
    asked.add(naming.speaker);
    end = Math.max(end, naming.end);
  }
  return { all: new Set(found.map((n) => n.speaker)), asked };
}

/**
 * The question without the words that name a speaker it mentions ("What did Bains say about loans?" → "what did say
 * about loans"): a name says whose words to quote, not what they are about. Other words stay, even when a name or role
 * shares them ("the Minister of Seniors" on "assistance for seniors" keeps the second "seniors").
 */
export function withoutNames(question: string, index: SpeakerIndex, mentioned: ReadonlySet<number>): string {
  const tokens = nameWords(question);
  const naming = new Array<boolean>(tokens.length).fill(false);
  for (const { speaker, start, end } of namings(tokens, index)) if (mentioned.has(speaker)) naming.fill(true, start, end);
  return tokens.filter((_, i) => !naming[i]).join(" ");
}
