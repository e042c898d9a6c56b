// Who a phrase of a question names: "Liang Zhifeng", "Xu Kemin's", "the Vice Minister", "the Surgeon General",
// "Psaki". A phrase names a person only when it is all name (or all role): "the special guest at Psaki's briefing"
// names no one, so that a question about the guest is not taken for a question about Psaki.
import { LINKING } from "../index/vocabulary.js";

/** A person a question may name: their name, their role, and other ways the briefing writes them (labels, full names). */
export interface PersonRef {
  name: string;
  role: string | null;
  /** Labels as written ("SURGEON GENERAL MURTHY") and full names found in the title or introductions ("Vivek Murthy"). */
  aliases?: readonly string[];
}

const HONORIFIC = /^(?:the|mr|mrs|ms|mx|dr|drs|prof|hon|sir|dame|madam|mme|rt|right|honourable|honorable)$/;
// Surnames that are also everyday words would name someone in every question.
const TOO_COMMON = new Set(["the", "chair", "minister", "member", "speaker", "reporter", "president", "will", "may", "can", "say", "q", "moderator", "aide", "official"]);

/** Lower case, accents folded ("Siân" → "sian"), curly apostrophes straight. */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[’‘]/g, "'").toLowerCase();
}

// Names are matched against every question that names someone: their words are worked out once.
const wordsCache = new Map<string, string[]>();
const WORDS_CACHE_LIMIT = 100_000; // a long-running bot sees unbounded input: start over rather than grow forever

/** Words of a name or phrase: folded, possessives and honorifics dropped. */
export function nameWords(text: string): string[] {
  const cached = wordsCache.get(text);
  if (cached) return cached;
  const words = (fold(text).match(/\p{L}[\p{L}\p{N}'-]*|\p{N}+/gu) ?? [])
    .map((w) => w.replace(/'s$|'$/, ""))
    .filter((w) => !HONORIFIC.test(w.replace(/\.$/, "")));
  if (wordsCache.size >= WORDS_CACHE_LIMIT) wordsCache.clear();
  wordsCache.set(text, words);
  return words;
}

/** "Director of the Small and Medium Enterprise Bureau" → "director"; "Vice Minister of …" → "vice minister". */
function roleHead(role: string): string[] {
  return nameWords(role.split(/\s+(?:of|for|to|at|in)\s+|,/i)[0]!);
}

const same = (a: readonly string[], b: readonly string[]) => a.length > 0 && a.length === b.length && a.every((w, i) => w === b[i]);


/**
 * Whether a role as a question writes it matches the role as written, word for word or with an acronym standing for
 * a run of the role's words: "director of sme bureau" for "director of small and medium enterprise bureau".
 */
function sameRole(phrase: readonly string[], role: readonly string[]): boolean {
  if (same(phrase, role)) return true;
  let r = 0;
  for (const word of phrase) {
    if (role[r] === word) {
      r++;
      continue;
    }
    const acronym = word.replace(/s$/, "");
    if (acronym.length < 2 || acronym.length > 6) return false;
    let initials = "";
    let end = r;
    while (end < role.length && initials.length < acronym.length) {
      if (!(LINKING.has(role[end]!) && initials.length > 0)) initials += role[end]![0];
      end++;
    }
    if (initials !== acronym) return false;
    r = end;
  }
  return r === role.length;
}

/** Whether `phrase` (the whole of it) names `person`. */
export function namesPerson(phrase: string, person: PersonRef): boolean {
  const words = nameWords(phrase);
  if (!words.length) return false;
  const spellings = [person.name, ...(person.aliases ?? [])].map(nameWords).filter((w) => w.length > 0);
  for (const name of spellings) {
    if (same(words, name)) return true;
    const surname = name[name.length - 1]!;
    // "Murthy", "Vivek Murthy" for "Vivek H. Murthy": the surname last, every other word part of the name.
    if (words[words.length - 1] === surname && surname.length >= 3 && !TOO_COMMON.has(surname) && words.every((w) => name.includes(w))) return true;
    // A label's title without the surname: "surgeon general" for SURGEON GENERAL MURTHY.
    if (name.length >= 3 && same(words, name.slice(0, -1))) return true;
  }
  if (person.role) {
    const role = nameWords(person.role);
    if (sameRole(words, role) || same(words, roleHead(person.role))) return true;
  }
  return false;
}

/**
 * The people a phrase names, when the whole phrase is names joined by "and" or commas ("Xu Kemin and Liang
 * Zhifeng"); null when any part names no one. A role shared by several people ("the Director") names them all.
 */
export function resolvePeople<P extends PersonRef>(phrase: string, people: readonly P[]): P[] | null {
  // A role may hold an "and" itself ("Director of … Industrial Policy and Regulations"): the whole phrase first.
  const whole = people.filter((p) => namesPerson(phrase, p));
  if (whole.length) return whole;
  const parts = phrase
    .split(/\s*,\s*|\s+and\s+|\s*&\s*/i)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return null;
  const found: P[] = [];
  for (const part of parts) {
    const named = people.filter((p) => namesPerson(part, p));
    if (!named.length) return null;
    for (const p of named) if (!found.includes(p)) found.push(p);
  }
  return found;
}

/** People named anywhere in a question, by full name or by a surname of three letters or more. */
export function peopleMentioned<P extends PersonRef>(question: string, people: readonly P[]): P[] {
  const words = nameWords(question);
  return people.filter((person) =>
    [person.name, ...(person.aliases ?? [])].some((spelling) => {
      const name = nameWords(spelling);
      const surname = name[name.length - 1];
      if (!surname) return false;
      if (name.length >= 2 && words.join(" ").includes(name.join(" "))) return true;
      return surname.length >= 3 && !TOO_COMMON.has(surname) && words.includes(surname);
    }),
  );
}
