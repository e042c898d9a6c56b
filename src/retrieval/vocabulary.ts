// A question against the briefings' own words (src/index/vocabulary.ts): what a misspelt word was meant to be
// ("resumpion" → "resumption"), and the acronyms a question uses or spells out.
import { LINKING, type Vocabulary, type WordUse } from "../index/vocabulary.js";
import { isUnspacedWord } from "../text/scripts.js";
import { termOf } from "../text/terms.js";

/** The acronym term a run of question words spells out, or the terms an acronym stands for. */
export interface AcronymMatch {
  /** Positions [start, end) of the question words involved. */
  start: number;
  end: number;
  acronym: string;
  /** Content terms of the expansion ("small", "medium", "enterpris"). */
  expansion: string[];
}

/** An acronym's expansion as questions are matched against it, worked out once per vocabulary. */
interface SpelledOut {
  acronym: string;
  /** The expansion's words as matched: linking words as written, the others as terms ("enterprises" meets "enterprise"). */
  pattern: (string | null)[];
  /** Content terms of the expansion. */
  terms: string[];
}

/** An expansion's content terms: its words as terms, linking words left out ("small and medium" → small, medium). */
function expansionTerms(expansion: readonly string[]): string[] {
  return expansion.flatMap((w) => (LINKING.has(w) ? [] : (termOf(w) ?? [])));
}

const spelledOutCache = new WeakMap<Vocabulary, Map<string, SpelledOut>>();

function spelledOut(vocabulary: Vocabulary): Map<string, SpelledOut> {
  let forms = spelledOutCache.get(vocabulary);
  if (!forms) {
    forms = new Map(
      [...vocabulary.acronyms].map(([acronym, expansion]) => [
        acronym,
        {
          acronym,
          pattern: expansion.map((w) => (LINKING.has(w) ? w : termOf(w))),
          terms: expansionTerms(expansion),
        },
      ]),
    );
    spelledOutCache.set(vocabulary, forms);
  }
  return forms;
}

/**
 * Acronyms and spelled-out forms in a question's lower-case words, both ways; `written`, the same words as typed, lets
 * a word in capitals ("USTR") stand for a name the briefings only spell out (Vocabulary.initialisms).
 */
export function acronymMatches(tokens: readonly string[], vocabulary: Vocabulary, written: readonly string[] = tokens): AcronymMatch[] {
  const found: AcronymMatch[] = [];
  const forms = spelledOut(vocabulary);
  tokens.forEach((token, i) => {
    const form = forms.get(token) ?? forms.get(token.replace(/s$/, ""));
    if (form) found.push({ start: i, end: i + 1, acronym: form.acronym, expansion: form.terms });
    else {
      const capitals = /^(\p{Lu}{2,6})s?$/u.exec(written[i] ?? "")?.[1]?.toLowerCase();
      const expansion = capitals ? vocabulary.initialisms.get(capitals) : undefined;
      if (expansion) found.push({ start: i, end: i + 1, acronym: capitals!, expansion: expansionTerms(expansion) });
    }
  });
  // Spelled out: the expansion's words in order, plural or singular alike (compared as terms).
  for (const { acronym, pattern, terms } of forms.values()) {
    for (let i = 0; i + pattern.length <= tokens.length; i++) {
      if (pattern.every((w, j) => (LINKING.has(w ?? "") ? tokens[i + j] === w : termOf(tokens[i + j]!) === w))) {
        found.push({ start: i, end: i + pattern.length, acronym, expansion: terms });
      }
    }
  }
  return found;
}

const byLengthCache = new WeakMap<Vocabulary, Map<number, [string, WordUse][]>>();

/** The vocabulary's words by length: a correction only ever looks at words within two letters of the typed one. */
function wordsByLength(vocabulary: Vocabulary): Map<number, [string, WordUse][]> {
  let byLength = byLengthCache.get(vocabulary);
  if (!byLength) {
    byLength = new Map();
    for (const entry of vocabulary.words) {
      const list = byLength.get(entry[0].length) ?? [];
      list.push(entry);
      byLength.set(entry[0].length, list);
    }
    byLengthCache.set(vocabulary, byLength);
  }
  return byLength;
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
  const byLength = wordsByLength(vocabulary);
  let best: { word: string; distance: number; count: number }[] = [];
  const candidates = [];
  for (let length = Math.max(4, lower.length - limit); length <= lower.length + limit; length++) candidates.push(...(byLength.get(length) ?? []));
  for (const [candidate, { count, capitalised: caps }] of candidates) {
    if (candidate[0] !== lower[0] && lower.length < 8) continue;
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
