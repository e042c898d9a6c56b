// The briefings' own words, as written: what a question's misspelt word was meant to be ("resumpion" → "resumption"),
// and which acronyms they spell out ("SMEs" ↔ "Small and Medium Enterprise"). Built with the index, read at start-up.
import { isUnspacedWord } from "../text/scripts.js";
import { surfaceWords, termOf } from "../text/terms.js";

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
const LINKING = new Set(["and", "of", "the", "for", "&", "on", "in", "to"]);
const MAX_EXPANSION = 6;

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
  // Spelled out in the briefings: a run of capitalised words whose initials (linking words skipped) are the acronym.
  for (const tokens of written) {
    for (let start = 0; start < tokens.length; start++) {
      if (!/^\p{Lu}\p{Ll}/u.test(tokens[start]!)) continue;
      let initials = "";
      const expansion: string[] = [];
      for (let i = start; i < tokens.length && expansion.length < MAX_EXPANSION + 3; i++) {
        const token = tokens[i]!;
        const lower = token.toLowerCase();
        if (LINKING.has(lower) && expansion.length > 0) {
          expansion.push(lower);
          continue;
        }
        if (!/^\p{Lu}/u.test(token)) break;
        initials += lower[0];
        expansion.push(lower);
        if (initials.length >= 2 && acronymsUsed.has(initials) && !acronyms.has(initials)) acronyms.set(initials, [...expansion]);
        if (initials.length >= MAX_EXPANSION) break;
      }
    }
  }
  for (const [acronym, expansion] of Object.entries(COMMON_ACRONYMS)) {
    if (!acronyms.has(acronym)) acronyms.set(acronym, expansion.split(" "));
  }
  // "ERA" for "Emergency Rental Assistance" cannot stand in for it where the briefings also say "an era".
  for (const acronym of acronyms.keys()) if ((words.get(acronym)?.lowercase ?? 0) > 0) acronyms.delete(acronym);
  return { words, acronyms };
}

export function serialiseVocabulary(vocabulary: Vocabulary): string {
  return JSON.stringify({
    words: [...vocabulary.words].map(([word, { count, capitalised, lowercase }]) => [word, count, capitalised, lowercase]),
    acronyms: [...vocabulary.acronyms],
  });
}

/** Throws on malformed input; the caller turns that into an IndexError. */
export function parseVocabulary(json: string): Vocabulary {
  const data = JSON.parse(json) as { words: [string, number, number, number][]; acronyms: [string, string[]][] };
  if (!Array.isArray(data.words) || !Array.isArray(data.acronyms)) throw new Error("not a vocabulary");
  return {
    words: new Map(data.words.map(([word, count, capitalised, lowercase]) => [word, { count, capitalised, lowercase }])),
    acronyms: new Map(data.acronyms),
  };
}

/** The acronym term a run of question words spells out, or the terms an acronym stands for. */
export interface AcronymMatch {
  /** Positions [start, end) of the question words involved. */
  start: number;
  end: number;
  acronym: string;
  /** Content terms of the expansion ("small", "medium", "enterpris"). */
  expansion: string[];
}

/** Acronyms and spelled-out forms in a question's lower-case words, both ways. */
export function acronymMatches(tokens: readonly string[], vocabulary: Vocabulary): AcronymMatch[] {
  const found: AcronymMatch[] = [];
  const expansionTerms = (words: readonly string[]) => words.flatMap((w) => (LINKING.has(w) ? [] : (termOf(w) ?? [])));
  tokens.forEach((token, i) => {
    const singular = token.replace(/s$/, "");
    const expansion = vocabulary.acronyms.get(token) ?? vocabulary.acronyms.get(singular);
    if (expansion) found.push({ start: i, end: i + 1, acronym: vocabulary.acronyms.has(token) ? token : singular, expansion: expansionTerms(expansion) });
  });
  // Spelled out: the expansion's words in order, plural or singular alike (compared as terms).
  for (const [acronym, expansion] of vocabulary.acronyms) {
    const wanted = expansion.map((w) => (LINKING.has(w) ? w : termOf(w)));
    for (let i = 0; i + wanted.length <= tokens.length; i++) {
      if (wanted.every((w, j) => (LINKING.has(w ?? "") ? tokens[i + j] === w : termOf(tokens[i + j]!) === w))) {
        found.push({ start: i, end: i + wanted.length, acronym, expansion: expansionTerms(expansion) });
      }
    }
  }
  return found;
}

/** Edit distance (a swap of neighbouring letters counts one) between a and b, or `limit + 1` once it must exceed `limit`. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current[j] = value;
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The briefings' word a question word was probably meant to be, or null. Only where the correction is plausible: the
 * word never occurs in the briefings, it is long enough that one or two slips still leave it recognisable (one edit from
 * 5 letters, two from 8), the first letter stands (unless the word is long), and the correction is unique at its
 * distance (ties go to the word used more). A capitalised word is a name: it is only corrected to a name (a word the
 * briefings capitalise), so "Mars" never becomes "mark".
 */
export function correction(word: string, capitalised: boolean, vocabulary: Vocabulary): string | null {
  const lower = word.toLowerCase();
  // A Chinese word one character off is another word ("供水" is not "用水"): no spelling correction there.
  if (lower.length < 5 || vocabulary.words.has(lower) || /\p{N}/u.test(lower) || isUnspacedWord(lower)) return null;
  const limit = lower.length >= 8 ? 2 : 1;
  let best: { word: string; distance: number; count: number }[] = [];
  for (const [candidate, { count, capitalised: caps }] of vocabulary.words) {
    if ((candidate[0] !== lower[0] && lower.length < 8) || Math.abs(candidate.length - lower.length) > limit || candidate.length < 4) continue;
    if (capitalised ? caps * 2 < count : termOf(candidate) === null) continue;
    const distance = boundedEditDistance(lower, candidate, limit);
    if (distance > limit || (best.length > 0 && distance > best[0]!.distance)) continue;
    if (best.length > 0 && distance < best[0]!.distance) best = [];
    best.push({ word: candidate, distance, count });
  }
  best.sort((x, y) => y.count - x.count);
  const [first, second] = best;
  // Two different words as likely as each other: no way to tell which was meant.
  if (!first || (second && second.count === first.count && termOf(second.word) !== termOf(first.word))) return null;
  return first.word;
}
