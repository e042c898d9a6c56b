// Who a press-briefing label names. White House-style transcripts label turns with an honorific or title and a
// surname in capitals ("MS. PSAKI", "SURGEON GENERAL MURTHY"); the full name and the role are written elsewhere:
// in the title ("Press Briefing by Press Secretary Jen Psaki and Surgeon General Dr. Vivek H. Murthy"), the
// announcement or roster, or an official's opening words ("Today, we have a special guest, Surgeon General Vivek
// Murthy"). Labels with one surname are one person ("SURGEON GENERAL MURTHY" and "DR. MURTHY"). The Q/A answer
// mark "A" stands for the spokesperson the briefing names. Nothing here guesses: what is not written stays unknown.
import type { RosterEntry } from "../types.js";
import { isUpperCaseLabel, looksLikeRole, outsideParentheses } from "./labels.js";

/** The person behind a label, as far as the briefing says. */
export interface LabelPerson {
  /** The name to cite: the label itself, except for a stand-in ("A") that the briefing resolves. */
  speaker: string;
  name: string;
  role: string | null;
}

/** What the briefing writes about its people, besides the labels. */
export interface PeopleSources {
  title: string;
  announcement: string;
  roster: readonly RosterEntry[];
  /** The officials' words before the first question: where they introduce each other. */
  opening: readonly string[];
  /** Every turn's text: how the transcript spells a name the labels write in capitals. */
  everything: readonly string[];
}

/** An upper-case label split into its parts: "SURGEON GENERAL MURTHY" → title SURGEON GENERAL, surname MURTHY. */
export interface PressLabel {
  /** Title words between the honorifics and the surname, e.g. ["SURGEON", "GENERAL"], ["SECRETARY", "OF", "STATE"]. */
  title: string[];
  /** The surname words; empty when the label names an office only ("THE PRESIDENT", "SENIOR ADMINISTRATION OFFICIAL"). */
  surname: string[];
}

export const HONORIFICS = new Set(["mr", "mrs", "ms", "mx", "dr", "drs", "prof", "sir", "dame", "madam", "mme", "hon", "rev", "the"]);

// Words of offices and titles, lower case. A label made of these alone names an office, not a person.
export const TITLE_WORDS = new Set(
  (
    "president vice prime minister deputy secretary general surgeon attorney chancellor ambassador governor lieutenant " +
    "senator representative congressman congresswoman speaker leader majority minority whip mayor admiral colonel " +
    "captain commander commissioner director administrator chief chair chairman chairwoman chairperson first lady " +
    "second gentleman king queen prince princess crown majesty highness excellency press senior administration " +
    "official officials spokesperson spokesman spokeswoman coordinator advisor adviser envoy special assistant " +
    "counselor counsellor justice judge officer principal acting associate under foreign national security " +
    "economic council house white sergeant emir sheikh premier"
  ).split(" "),
);

// Lower-case words inside a title ("Secretary of State", "Port Envoy to the White House Supply Chain Task Force").
const CONNECTORS = new Set(["of", "for", "to", "the", "on", "and"]);

// Capitalised words that begin sentences or name times and places in prose, never a first name.
const NOT_GIVEN_NAMES = new Set(
  (
    "a an and as at but by for from if in into is it its my no now of on or our over so than that the their then these " +
    "they this those to today tonight tomorrow yesterday we well when where while with yes you your he she his her i " +
    "also thank thanks okay ok madam today's meanwhile remarks briefing press conference call gaggle meeting " +
    "statement regular aboard en route via background virtual joint " +
    "january february march april may june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday"
  ).split(" "),
);

// Words that end the text before a name and role ("Press Briefing by …", "… and Prime Minister Lee").
const ROLE_BOUNDARY = new Set(["by", "and", "with", "from", "between", "welcome", "welcomes", "joined", "introduce"]);

const SPOKESPERSON = /\b(?:spokesperson|spokesman|spokeswoman|press secretary)\b/i;

/** Split an upper-case press label; null for any other label, and for the one-letter marks "Q" and "A". */
export function pressLabel(label: string): PressLabel | null {
  const bare = outsideParentheses(label);
  if (!isUpperCaseLabel(bare) || bare.replace(/[^\p{L}]/gu, "").length < 2) return null;
  const words = bare.split(/\s+/).filter(Boolean);
  const plain = words.map(bareWord);
  // The surname is read from the end: the words after the last title word ("PRESIDENT LÓPEZ OBRADOR").
  let start = words.length;
  while (start > 0 && !TITLE_WORDS.has(plain[start - 1]!) && !HONORIFICS.has(plain[start - 1]!) && !CONNECTORS.has(plain[start - 1]!)) start--;
  const before = plain.slice(0, start);
  // A label with no title or honorific at all ("MODERATOR", "AIDE") names no one in particular.
  if (!before.some((w) => TITLE_WORDS.has(w) || HONORIFICS.has(w))) return { title: [], surname: [] };
  let surname = words.slice(start);
  // After "OF" come the department's words, not the surname: "SECRETARY OF HOMELAND SECURITY MAYORKAS".
  if (surname.length > 1 && before.includes("of")) {
    start = words.length - 1;
    surname = words.slice(start);
  }
  const title = words.slice(0, start).filter((_word, i) => !(HONORIFICS.has(plain[i]!) && i < firstTitleIndex(plain)));
  return { title, surname };
}

function firstTitleIndex(plain: readonly string[]): number {
  const index = plain.findIndex((w) => TITLE_WORDS.has(w));
  return index < 0 ? plain.length : index;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** "DR." → "dr", "JEAN-PIERRE" → "jean-pierre", "Biden’s" → "biden". (Called on every word: no regex over the word.) */
function bareWord(word: string): string {
  let w = word.toLowerCase();
  if (w.endsWith("'s") || w.endsWith("’s")) w = w.slice(0, -2);
  let start = 0;
  let end = w.length;
  while (start < end && !LETTER_OR_DIGIT.test(w[start]!)) start++;
  while (end > start && !LETTER_OR_DIGIT.test(w[end - 1]!)) end--;
  return start === 0 && end === w.length ? w : w.slice(start, end);
}

/** A word of running text, with whether punctuation (not just spaces) separates it from the word before. */
interface Token {
  text: string;
  plain: string;
  /** Punctuation or a sentence end lies between this word and the previous one. */
  broken: boolean;
  /** The word ends in a possessive ("Biden’s"): a name can end here, but nothing after it belongs to it. */
  possessive: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.\-]*/gu;
const ABBREVIATION = /^(?:\p{Lu}|Mr|Mrs|Ms|Mx|Dr|Drs|Prof|Hon|Rev|St|Jr|Sr|Gen|Lt|Col|Sen|Rep|Gov|U\.S|U\.K|[\p{Lu}]\.[\p{Lu}])\.$/u;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let previousEnd = 0;
  let previousEndsSentence = false;
  for (const match of text.matchAll(WORD)) {
    const gap = text.slice(previousEnd, match.index);
    let word = match[0];
    const endsSentence = word.endsWith(".") && !ABBREVIATION.test(word);
    if (endsSentence) word = word.replace(/\.+$/, "");
    out.push({
      text: word,
      plain: bareWord(word),
      broken: out.length === 0 || previousEndsSentence || /[^\s]/.test(gap),
      possessive: /['’]s$/.test(word),
    });
    previousEnd = match.index + match[0].length;
    previousEndsSentence = endsSentence;
  }
  return out;
}

const capitalised = (t: Token) => /^\p{Lu}/u.test(t.text);
const isInitial = (t: Token) => /^\p{Lu}\.$/u.test(t.text);
const isHonorific = (t: Token) => HONORIFICS.has(t.plain) && t.plain !== "the" && capitalised(t);

/** A mention of a person in running text: "Surgeon General Dr. Vivek H. Murthy" → role words, given name, surname. */
interface Mention {
  /** The full name as written ("Vivek H. Murthy"); null when only the surname is written. */
  fullName: string | null;
  /** The title or role written before the name ("Surgeon General", "Press Secretary"). */
  roleWords: string[];
  /** The "of …" written after the name, which belongs to the role ("Chancellor Merkel of the Federal Republic of Germany"). */
  tail: string[];
}

/** Every mention of `surname` (lower-case words) in a text's words. */
function mentionsOf(surname: readonly string[], list: readonly Token[]): Mention[] {
  const found: Mention[] = [];
  for (let i = 0; i + surname.length <= list.length; i++) {
    if (!surname.every((w, j) => list[i + j]!.plain === w && (j === 0 || !list[i + j]!.broken))) continue;
    const end = i + surname.length;
    const surnameText = list.slice(i, end).map((t) => t.text.replace(/['’]s$/, ""));
    // Given name: initials next to the surname, then one capitalised word ("Vivek H. Murthy", "Jen Psaki").
    let first = i;
    while (first > 0 && !list[first]!.broken && isInitial(list[first - 1]!)) first--;
    const given = first > 0 && !list[first]!.broken ? list[first - 1]! : null;
    if (given && capitalised(given) && /\p{Ll}/u.test(given.text) && isGivenName(given)) first--;
    // A name written surname first ("President Yoon Suk Yeol of the Republic of Korea") continues after the surname.
    const after = first < i ? 0 : givenNamesAfter(list, end);
    const fullName =
      first < i
        ? [...list.slice(first, i).map((t) => t.text), ...surnameText].join(" ")
        : after
          ? [...surnameText, ...list.slice(end, end + after).map((t) => t.text.replace(/['’]s$/, ""))].join(" ")
          : null;
    // Honorifics between role and name ("Surgeon General Dr. Vivek Murthy") belong to neither.
    let roleEnd = first;
    while (roleEnd > 0 && !list[roleEnd]!.broken && isHonorific(list[roleEnd - 1]!)) roleEnd--;
    const nameEnd = end + after;
    found.push({ fullName, roleWords: roleWordsBefore(list, roleEnd), tail: list[nameEnd - 1]!.possessive ? [] : ofTail(list, nameEnd) });
  }
  return found;
}

/**
 * How many name words follow a surname written first: one or two capitalised words that end the phrase (before
 * "of", punctuation or the end). "Yoon Suk Yeol of …" → 2; "Biden Delivers Remarks" → 0.
 */
function givenNamesAfter(list: readonly Token[], start: number): number {
  let count = 0;
  while (count < 2 && start + count < list.length) {
    const t = list[start + count]!;
    if (t.broken || !capitalised(t) || !/\p{Ll}/u.test(t.text) || !isGivenName(t)) break;
    count++;
    if (t.possessive) return count;
  }
  const next = list[start + count];
  return count > 0 && (!next || next.broken || next.plain === "of") ? count : 0;
}

function isGivenName(t: Token): boolean {
  return !NOT_GIVEN_NAMES.has(t.plain) && !TITLE_WORDS.has(t.plain) && !HONORIFICS.has(t.plain) && !looksLikeRole(t.text) && !t.possessive;
}

const MAX_ROLE_WORDS = 10;

/** The capitalised title words right before position `end` ("Press Secretary" in "by Press Secretary Jen Psaki"). */
function roleWordsBefore(list: readonly Token[], end: number): string[] {
  let start = end;
  // Walk back while no punctuation separates the words: "by Press Secretary" stops at "by", "guest, Surgeon" at the comma.
  while (start > 0 && !list[start]!.broken) {
    const t = list[start - 1]!;
    if (ROLE_BOUNDARY.has(t.plain) || !(capitalised(t) || CONNECTORS.has(t.plain)) || t.possessive) break;
    start--;
  }
  const words = list.slice(start, end).map((t) => t.text);
  while (words.length && CONNECTORS.has(words[0]!.toLowerCase())) words.shift();
  return words.length <= MAX_ROLE_WORDS ? words : [];
}

/** "of the Federal Republic of Germany" after a name, up to the next lower-case word ("in Press Conference"). */
function ofTail(list: readonly Token[], start: number): string[] {
  if (list[start]?.plain !== "of" || list[start]!.broken) return [];
  let end = start + 1;
  while (end < list.length && !list[end]!.broken && (capitalised(list[end]!) || (list[end]!.plain === "the" || list[end]!.plain === "of"))) {
    end++;
    if (list[end - 1]!.possessive && end < list.length && !capitalised(list[end]!)) break;
  }
  while (end > start + 1 && !capitalised(list[end - 1]!)) end--;
  return end > start + 1 && end - start <= 8 ? list.slice(start, end).map((t) => t.text) : [];
}

/** Labels that share a surname are one person: the key they share. */
function personKey(parts: PressLabel): string {
  return parts.surname.map(bareWord).join(" ");
}

/**
 * Speaker, name and role for every label the briefing can resolve: upper-case labels with a surname, labels that
 * name an office ("THE PRESIDENT") when the title names one holder of it, and the answer mark "A". Other labels
 * are not in the map.
 */
export function resolvePeople(labels: readonly string[], sources: PeopleSources): Map<string, LabelPerson> {
  const parts = labels.map(pressLabel).filter((p): p is PressLabel => p !== null);
  const wanted = new Set(parts.flatMap((p) => [...p.title, ...p.surname].map(bareWord)));
  const spell = spellings([sources.title, sources.announcement, ...sources.everything], wanted);
  // Each source is read into words once, whatever the number of people looked up in it.
  const read = new Map<string, Token[]>();
  const words = (text: string) => read.get(text) ?? read.set(text, tokens(text)).get(text)!;
  const groups = new Map<string, { label: string; parts: PressLabel }[]>();
  const offices: { label: string; parts: PressLabel }[] = [];
  for (const label of labels) {
    const parts = pressLabel(label);
    if (!parts) continue;
    if (parts.surname.length) {
      const key = personKey(parts);
      groups.set(key, [...(groups.get(key) ?? []), { label, parts }]);
    } else if (parts.title.length && outsideParentheses(label).split(/\s+/)[0] === "THE") {
      offices.push({ label, parts });
    }
  }
  const people = new Map<string, LabelPerson>();
  for (const group of groups.values()) {
    const person = personOfGroup(group, sources, spell, words);
    for (const { label } of group) people.set(label, { speaker: label, ...person });
  }
  for (const office of offices) {
    const holder = officeHolder(office.parts, sources, spell, words);
    if (holder) people.set(office.label, { speaker: office.label, ...holder });
  }
  if (labels.some((l) => l.trim() === "A")) {
    const spokesperson = namedSpokesperson(sources, words);
    if (spokesperson) people.set("A", { speaker: spokesperson.name, name: spokesperson.name, role: spokesperson.role });
  }
  return people;
}

/** One person's name and role from every label they carry. */
function personOfGroup(
  group: readonly { label: string; parts: PressLabel }[],
  sources: PeopleSources,
  spell: (word: string) => string,
  words: (text: string) => Token[],
): { name: string; role: string | null } {
  const surname = group[0]!.parts.surname.map(bareWord);
  const titles = group.map((g) => g.parts.title.map(bareWord).filter((w) => !HONORIFICS.has(w))).filter((t) => t.length);
  // A label with an honorific only ("DR. MURTHY", "MS. PSAKI") accepts any mention of the surname; a titled one
  // only a mention under its title, so that "First Lady Jill Biden" does not name PRESIDENT BIDEN.
  const anyMention = titles.length < group.length;
  const fits = (m: Mention) => anyMention || titles.some((t) => containsInOrder(m.roleWords.map(bareWord), t));
  let fullName: string | null = null;
  let role: string | null = null;
  const consider = (mentions: readonly Mention[]) => {
    for (const m of mentions) {
      if (!fits(m)) continue;
      if (!fullName && m.fullName) fullName = m.fullName;
      if (!role) role = roleOfMention(m, titles);
    }
  };
  consider(mentionsOf(surname, words(sources.title)));
  const rostered = sources.roster.find((r) => endsWithWords(r.name.split(/\s+/).map(bareWord), surname));
  if (rostered) {
    fullName ??= rostered.name;
    role ??= rostered.role;
  }
  consider(mentionsOf(surname, words(sources.announcement)));
  for (const text of sources.opening) consider(mentionsOf(surname, words(text)));
  const longestTitle = titles.sort((a, b) => b.length - a.length)[0];
  role ??= longestTitle ? titleCase(longestTitle, spell) : null;
  return { name: fullName ?? group[0]!.parts.surname.map((w) => spell(bareWord(w))).join(" "), role };
}

/** The role a mention writes: its title words (without a trailing title the label repeats) and its "of …" tail. */
function roleOfMention(m: Mention, labelTitles: readonly string[][]): string | null {
  const words = [...m.roleWords];
  // "United States Trade Representative Ambassador Katherine Tai": the office is the role, "Ambassador" the form of address.
  const last = words[words.length - 1];
  const repeatsLabel = !!last && labelTitles.some((t) => t.length === 1 && t[0] === bareWord(last));
  if (words.length > 1 && repeatsLabel && looksLikeRole(words.slice(0, -1).join(" "))) words.pop();
  const role = [...words, ...m.tail].join(" ").trim();
  return role && looksLikeRole(role) ? role : null;
}

/** "THE PRESIDENT" in "Remarks by President Biden in Press Conference": the one holder of the office the title names. */
function officeHolder(
  parts: PressLabel,
  sources: PeopleSources,
  spell: (word: string) => string,
  words: (text: string) => Token[],
): { name: string; role: string } | null {
  const office = parts.title.map(bareWord).filter((w) => !HONORIFICS.has(w));
  if (!office.length) return null;
  const holders = new Set<string>();
  for (const text of [sources.title, sources.announcement]) {
    const list = words(text);
    for (let i = 0; i + office.length < list.length; i++) {
      if (!office.every((w, j) => list[i + j]!.plain === w && (j === 0 || !list[i + j]!.broken))) continue;
      // "Vice President Harris" does not hold the office of "THE PRESIDENT".
      if (i > 0 && !list[i]!.broken && capitalised(list[i - 1]!) && !ROLE_BOUNDARY.has(list[i - 1]!.plain)) continue;
      const name = nameAfter(list, i + office.length);
      if (name) holders.add(name);
    }
  }
  if (holders.size !== 1) return null;
  return { name: [...holders][0]!, role: titleCase(office, spell) };
}

/** One to three capitalised name words from `start`, ending at a possessive or before any other word. */
function nameAfter(list: readonly Token[], start: number): string | null {
  const words: string[] = [];
  for (let i = start; i < list.length && words.length < 3; i++) {
    const t = list[i]!;
    if (t.broken || !capitalised(t) || !/\p{Ll}/u.test(t.text) || NOT_GIVEN_NAMES.has(t.plain) || TITLE_WORDS.has(t.plain)) break;
    words.push(t.text.replace(/['’]s$/, ""));
    if (t.possessive) break;
  }
  return words.length ? words.join(" ") : null;
}

/** The spokesperson the title, roster or announcement names, for the answer mark "A". */
function namedSpokesperson(sources: PeopleSources, words: (text: string) => Token[]): { name: string; role: string | null } | null {
  for (const text of [sources.title, sources.announcement]) {
    const list = words(text);
    for (let i = 0; i < list.length; i++) {
      const end = SPOKESPERSON.test(list[i]!.text) ? i + 1 : list[i]!.plain === "press" && list[i + 1]?.plain === "secretary" ? i + 2 : -1;
      if (end < 0) continue;
      let nameStart = end;
      while (nameStart < list.length && isHonorific(list[nameStart]!)) nameStart++;
      const name = nameAfter(list, nameStart);
      if (name) return { name, role: [...roleWordsBefore(list, i), ...list.slice(i, end).map((t) => t.text)].join(" ") };
    }
  }
  const spokespeople = sources.roster.filter((r) => SPOKESPERSON.test(r.role));
  if (spokespeople.length === 1) return spokespeople[0]!;
  return sources.roster.length === 1 ? sources.roster[0]! : null;
}

/**
 * Lower-case word → the first way the briefing writes it with a capital ("jean-pierre" → "Jean-Pierre", "nec" →
 * "NEC"), for the `wanted` words only; the reading stops once each is found.
 */
function spellings(texts: readonly string[], wanted: ReadonlySet<string>): (word: string) => string {
  const seen = new Map<string, string>();
  for (const text of texts) {
    if (seen.size === wanted.size) break;
    for (const match of text.matchAll(WORD)) {
      if (!/^\p{Lu}/u.test(match[0])) continue;
      const key = bareWord(match[0]);
      if (!wanted.has(key) || seen.has(key)) continue;
      const word = match[0].replace(/['’]s$/, "").replace(/\.+$/, "");
      // Mixed case is the best evidence; a short all-capitals word is an acronym ("NEC").
      if (/\p{Ll}/u.test(word) || word.length <= 4) seen.set(key, word);
    }
  }
  return (word) => seen.get(word) ?? titleCaseWord(word);
}

function titleCase(words: readonly string[], spell: (word: string) => string): string {
  return words.map((w, i) => (i > 0 && CONNECTORS.has(w) ? w : spell(w))).join(" ");
}

function titleCaseWord(word: string): string {
  return word.replace(/\p{L}+/gu, (part) => part[0]!.toUpperCase() + part.slice(1).toLowerCase());
}

function containsInOrder(words: readonly string[], wanted: readonly string[]): boolean {
  let j = 0;
  for (const w of words) if (w === wanted[j]) j++;
  return j === wanted.length;
}

function endsWithWords(words: readonly string[], tail: readonly string[]): boolean {
  return words.length >= tail.length && tail.every((w, i) => words[words.length - tail.length + i] === w);
}
