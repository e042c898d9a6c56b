// The briefings' own words, as written, and the acronyms they spell out ("SMEs" ↔ "Small and Medium Enterprise"):
// built with the index and stored in it (this is its file format), read at start-up. What a question does with them
// (spelling corrections, acronyms both ways) is src/retrieval/vocabulary.ts.
import { surfaceWords } from "../text/terms.js";

export interface WordUse {
  count: number;
  capitalised: number;
  lowercase: number;
}

export interface Vocabulary {
  /**
   * Lower-case word → how often the briefings use it, how often capitalised mid-sentence (a name's mark), and how
   * often in lower case (an acronym that is also a word, "era" beside "ERA", cannot stand in for its expansion).
   */
  words: Map<string, WordUse>;
  /** Acronym, lower case and singular ("sme") → the words it stands for, lower case (["small", "medium", "enterprise"]). */
  acronyms: Map<string, string[]>;
  /**
   * Initials of names the briefings spell out, at least twice, but never abbreviate ("ustr" → ["united", "states",
   * "trade", "representative"]): a question may still use the abbreviation. Only for a question's word in capitals.
   */
  initialisms: Map<string, string[]>;
}

// Acronyms common enough that a question may use them before any briefing spells them out. Only ones that are not
// also everyday words (so no "WHO", "US", "IT").
const COMMON_ACRONYMS: Record<string, string> = {
  sme: "small and medium enterprises",
  gdp: "gross domestic product",
  cdc: "centers for disease control",
  fda: "food and drug administration",
  nato: "north atlantic treaty organization",
  eu: "european union",
  un: "united nations",
  imf: "international monetary fund",
  wto: "world trade organization",
  nhs: "national health service",
  ppe: "personal protective equipment",
  ai: "artificial intelligence",
  ev: "electric vehicle",
  cpi: "consumer price index",
  spr: "strategic petroleum reserve",
  dod: "department of defense",
  doj: "department of justice",
  dhs: "department of homeland security",
};

// Words an acronym's letters skip ("Small and Medium Enterprise" → SME).
export const LINKING = new Set(["and", "of", "the", "for", "&", "on", "in", "to"]);
const MAX_EXPANSION = 6;
/** Initialisms as short as two letters ("PM", "AP") stand for too many names to guess one. */
const MIN_INITIALISM = 3;
/** How often a name must be spelled out, and what share of the names with its initials it must be, to stand for them. */
const INITIALISM_USES = 2;
const INITIALISM_SHARE = 2 / 3;

/** An acronym as written: 2–6 capitals, maybe a plural s ("SMEs", "NATO"). */
function acronymOf(word: string): string | null {
  const match = /^(\p{Lu}{2,6})s?$/u.exec(word);
  return match ? match[1]!.toLowerCase() : null;
}

export function buildVocabulary(texts: Iterable<string>): Vocabulary {
  const words = new Map<string, WordUse>();
  const written: string[][] = [];
  const acronymsUsed = new Set<string>();
  for (const text of texts) {
    const tokens = surfaceWords(text);
    written.push(tokens);
    tokens.forEach((token, i) => {
      const lower = token.toLowerCase();
      const entry = words.get(lower) ?? { count: 0, capitalised: 0, lowercase: 0 };
      entry.count++;
      if (i > 0 && /^\p{Lu}/u.test(token)) entry.capitalised++;
      if (token === lower) entry.lowercase++;
      words.set(lower, entry);
      const acronym = acronymOf(token);
      if (acronym) acronymsUsed.add(acronym);
    });
  }
  const acronyms = new Map<string, string[]>();
  const spelled = new Map<string, Map<string, number>>(); // initials → expansion (space-joined) → times written
  // Spelled out in the briefings: a run of capitalised words whose initials (linking words skipped) are the acronym.
  for (const tokens of written) {
    for (let start = 0; start < tokens.length; start++) {
      if (!/^\p{Lu}\p{Ll}/u.test(tokens[start]!)) continue;
      const before = tokens[start - 1];
      const runStart = before === undefined || !/^\p{Lu}/u.test(before) || LINKING.has(before.toLowerCase());
      let initials = "";
      let withLinking = ""; // "Department of Energy" is DOE
      const expansion: string[] = [];
      for (let i = start; i < tokens.length && expansion.length < MAX_EXPANSION + 3; i++) {
        const token = tokens[i]!;
        const lower = token.toLowerCase();
        if (LINKING.has(lower) && expansion.length > 0) {
          expansion.push(lower);
          withLinking += lower[0];
          continue;
        }
        if (!/^\p{Lu}/u.test(token)) break;
        initials += lower[0];
        withLinking += lower[0];
        expansion.push(lower);
        if (initials.length >= 2 && acronymsUsed.has(initials) && !acronyms.has(initials)) acronyms.set(initials, [...expansion]);
        // Names are counted from where a run of capitals starts ("the United States Trade Representative"), not from
        // each word inside it: a text in capitals throughout adds one name, not one per word.
        if (runStart) for (const form of new Set([initials, withLinking])) if (form.length >= MIN_INITIALISM && form.length <= MAX_EXPANSION) countSpelling(spelled, form, expansion);
        if (initials.length >= MAX_EXPANSION) break;
      }
    }
  }
  for (const [acronym, expansion] of Object.entries(COMMON_ACRONYMS)) {
    if (!acronyms.has(acronym)) acronyms.set(acronym, expansion.split(" "));
  }
  // "ERA" for "Emergency Rental Assistance" cannot stand in for it where the briefings also say "an era".
  for (const acronym of acronyms.keys()) if ((words.get(acronym)?.lowercase ?? 0) > 0) acronyms.delete(acronym);
  return { words, acronyms, initialisms: initialismsOf(spelled, words, acronyms) };
}

/** At most this many initials are tracked while building: memory stays bounded whatever the transcripts hold. */
const MAX_INITIALS_TRACKED = 200_000;

function countSpelling(spelled: Map<string, Map<string, number>>, initials: string, expansion: readonly string[]): void {
  let forms = spelled.get(initials);
  if (!forms) {
    if (spelled.size >= MAX_INITIALS_TRACKED) return;
    forms = new Map<string, number>();
    spelled.set(initials, forms);
  }
  const key = expansion.join(" ");
  // One name per initials is all that is kept in the end; a handful of rivals is enough to tell whether it dominates.
  if (forms.has(key) || forms.size < MAX_RIVALS) forms.set(key, (forms.get(key) ?? 0) + 1);
  else forms.set(OTHERS, (forms.get(OTHERS) ?? 0) + 1);
}
const MAX_RIVALS = 16;
/** Stands for every expansion beyond the first MAX_RIVALS of some initials: counted, never chosen. */
const OTHERS = "\0";

/** Names spelled out often enough, and most of the time, under their initials; not ones the briefings write as a word. */
function initialismsOf(spelled: ReadonlyMap<string, ReadonlyMap<string, number>>, words: ReadonlyMap<string, WordUse>, acronyms: ReadonlyMap<string, string[]>): Map<string, string[]> {
  const initialisms = new Map<string, string[]>();
  for (const [initials, forms] of spelled) {
    if (acronyms.has(initials) || words.has(initials)) continue;
    let total = 0;
    let best: [string, number] = ["", 0];
    for (const [expansion, times] of forms) {
      total += times;
      if (times > best[1] && expansion !== OTHERS) best = [expansion, times];
    }
    if (best[1] >= INITIALISM_USES && best[1] >= INITIALISM_SHARE * total) initialisms.set(initials, best[0].split(" "));
  }
  return initialisms;
}

export function serialiseVocabulary(vocabulary: Vocabulary): string {
  return JSON.stringify({
    words: [...vocabulary.words].map(([word, { count, capitalised, lowercase }]) => [word, count, capitalised, lowercase]),
    acronyms: [...vocabulary.acronyms],
    initialisms: [...vocabulary.initialisms],
  });
}

/** Throws on malformed input; the caller turns that into an IndexError. */
export function parseVocabulary(json: string): Vocabulary {
  const data = JSON.parse(json) as { words: [string, number, number, number][]; acronyms: [string, string[]][]; initialisms: [string, string[]][] };
  if (!Array.isArray(data.words) || !Array.isArray(data.acronyms) || !Array.isArray(data.initialisms)) throw new Error("not a vocabulary");
  return {
    words: new Map(data.words.map(([word, count, capitalised, lowercase]) => [word, { count, capitalised, lowercase }])),
    acronyms: new Map(data.acronyms),
    initialisms: new Map(data.initialisms),
  };
}
