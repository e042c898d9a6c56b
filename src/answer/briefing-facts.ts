// What a briefing's own structure says about it: who took part and in what part (official, asker, chair),
// names and roles from the announcement, the labels and the title, the header lines (place, time, date), the
// opening statements, and the passages that introduce each official. Pure; computed once per transcript.
import type { Passage, Transcript, Turn } from "../types.js";
import { fold, nameWords, type PersonRef } from "../retrieval/person-match.js";
import { isAskerLabel, isModeratorLabel, looksLikeRole, nameFromLabel, outsideParentheses, roleFromLabel } from "../transcript/labels.js";
import { sentences } from "../text/sentences.js";
import { isCourtesy } from "../text/courtesy.js";

export type Part = "official" | "asker" | "chair";

export interface BriefingPerson extends PersonRef {
  /** How answers name them: the announcement's name, else a full name the title or an introduction gives, else the label's. */
  name: string;
  /** Labels as written, in order of first use; empty for someone the announcement names who never speaks. */
  labels: string[];
  role: string | null;
  /** Where the role was read, said with it. */
  roleFrom: "the announcement" | "the label" | "the title" | "the introduction" | "the transcript" | null;
  turns: Turn[];
  part: Part;
}

export interface HeaderFacts {
  /** Short header lines, as written: "James S. Brady Press Briefing Room", "Via Teleconference". */
  places: string[];
  /** "1:05 P.M. EDT" */
  times: string[];
  /** "(November 15, 2021)" */
  dates: string[];
  /** Announcement sentences that say when or where ("A press conference will be held at 10 am on March 30, 2020 (Monday)."). */
  sentences: string[];
  /** Announcement sentences that are not header lines: what the briefing is about, who will brief. */
  prose: string[];
}

export interface BriefingFacts {
  transcript: Transcript;
  /** Speakers in order of first turn, then people the announcement names who never speak. */
  people: BriefingPerson[];
  /** Turn index → who spoke it. */
  speakerOf: ReadonlyMap<number, BriefingPerson>;
  questions: Turn[];
  /** Non-question turns before the first question, askers' courtesies left out. */
  opening: Turn[];
  header: HeaderFacts;
}

const TIME = /\b\d{1,2}(?::\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)(?=$|[\s,;)])|\bnoon\b|\bmidnight\b/i;
const DATE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\b\d{4}-\d{2}-\d{2}\b/i;
const HELD = /\b(?:held|hold|holds|take place|takes place|took place|convened|hosted|venue|located)\b/i;
const HEADER_LINE_WORDS = 14;

/** The announcement's header lines and the sentences that say when and where. */
export function headerFacts(announcement: string): HeaderFacts {
  const header: HeaderFacts = { places: [], times: [], dates: [], sentences: [], prose: [] };
  for (const paragraph of announcement.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean)) {
    // A header line is short and is not a sentence: "1:05 P.M. EDT", "(November 15, 2021)", "Via Teleconference".
    const short = paragraph.split(" ").length <= HEADER_LINE_WORDS && !/[.!?]["”’)]?$/.test(paragraph.replace(/\b(?:a|p)\.m\.$/i, ""));
    if (short) {
      if (TIME.test(paragraph)) header.times.push(paragraph);
      else if (DATE.test(paragraph)) header.dates.push(paragraph);
      else if (/^[\p{Lu}("“]/u.test(paragraph)) header.places.push(paragraph);
      continue;
    }
    for (const sentence of sentences(paragraph)) {
      header.prose.push(sentence);
      if (HELD.test(sentence) || TIME.test(sentence) || DATE.test(sentence)) header.sentences.push(sentence);
    }
  }
  return header;
}

function partOf(label: string, turns: readonly Turn[]): Part {
  if (isModeratorLabel(label)) return "chair";
  const bare = outsideParentheses(label);
  if (isAskerLabel(label) || /^(?:q|question|questioner|audience(?: member)?|participant)$/i.test(bare)) return "asker";
  // An unnamed label that mostly asks: a member of the press however the transcript labels them.
  const asked = turns.filter((t) => t.isQuestion).length;
  return asked > 0 && asked * 2 >= turns.length ? "asker" : "official";
}

// Capitalised words that come before a surname without being a first name.
const NOT_FIRST_NAMES = new Set(
  "the and but so with by for from to at in on of today thanks thank welcome hi hello dear madam mister general vice prime press principal deputy special senior national security surgeon first lady administration official officials white house state department team response chancellor senator congressman congresswoman admiral colonel captain judge justice doctor professor nec nsc usaid cdc fda".split(" "),
);

/**
 * "Vivek Murthy" for the label SURGEON GENERAL MURTHY: a capitalised first name (and an initial) written just
 * before the surname in the title or an introduction. Null when the briefing never writes one.
 */
export function fullNameIn(surname: string, texts: readonly string[]): string | null {
  const wanted = fold(surname);
  if (looksLikeRole(surname) || NOT_FIRST_NAMES.has(wanted)) return null;
  for (const text of texts) {
    // Words with their offsets: a first name counts only when nothing but spaces parts it from the surname
    // ("Drs. Murthy, Walensky" gives Walensky no first name).
    const tokens = [...text.matchAll(/\p{L}[\p{L}'’-]*\.?/gu)].map((m) => ({ word: m[0], start: m.index!, end: m.index! + m[0].length }));
    const adjacent = (a: { end: number }, b: { start: number }) => /^\s+$/.test(text.slice(a.end, b.start));
    for (let i = 1; i < tokens.length; i++) {
      const token = tokens[i]!.word.replace(/\.$/, "").replace(/['’]s$/, "");
      if (fold(token) !== wanted || token === token.toUpperCase()) continue;
      let j = i - 1;
      const initial = /^\p{Lu}\.$/u.test(tokens[j]!.word) && adjacent(tokens[j]!, tokens[i]!) ? tokens[j--] : null;
      const first = tokens[j];
      if (!first || !adjacent(first, initial ?? tokens[i]!)) continue;
      if (!/^\p{Lu}\p{Ll}+$/u.test(first.word) || NOT_FIRST_NAMES.has(first.word.toLowerCase()) || looksLikeRole(first.word)) continue;
      return [first.word, initial?.word, token].filter(Boolean).join(" ");
    }
  }
  return null;
}

const TRAILING_HONORIFICS = /(?:\s+(?:Dr|Mr|Mrs|Ms|Ambassador|Hon)\.?)+$/;
// Lower-case words a role may hold between its capitalised ones ("Port Envoy to the White House …"); not "and",
// which joins two people in a title.
const ROLE_CONNECTORS = /^(?:of|for|to|the|on)$/;
const MOST_ROLE_WORDS = 10;

/**
 * The capitalised words written just before a person's full name, back to a comma, colon or lower-case word:
 * "Press Secretary" in "Press Briefing by Press Secretary Jen Psaki", "Fire Chief" in "a special guest, Fire Chief
 * Omar Haddad". Null when the name stands alone.
 */
export function roleBefore(fullName: string, text: string): string | null {
  const at = text.indexOf(fullName);
  if (at <= 0) return null;
  const before = text.slice(0, at).split(/[,:;|()—–]/).pop()!.replace(TRAILING_HONORIFICS, "").trim();
  const words = before.split(/\s+/).filter(Boolean);
  let start = words.length;
  while (start > 0 && (/^[\p{Lu}\p{N}]/u.test(words[start - 1]!) || ROLE_CONNECTORS.test(words[start - 1]!))) start--;
  while (start < words.length && ROLE_CONNECTORS.test(words[start]!)) start++;
  const role = words.slice(start);
  // A sentence's first word ("Today", "And") is capitalised without being part of a role.
  while (role.length && /^(?:And|But|So|Today|Now|Also|Then|We|I|Our|Please|Here|Joining|Welcome)$/.test(role[0]!)) role.shift();
  return role.length > 0 && role.length <= MOST_ROLE_WORDS ? role.join(" ") : null;
}

const COURTESY_WORDS = 6;
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function briefingFacts(transcript: Transcript): BriefingFacts {
  const { turns, roster, meta, announcement } = transcript;
  // A reporter's "Good afternoon." before the opening remarks does not end them.
  const firstQuestion = turns.findIndex((t) => t.isQuestion && !isCourtesy(t.text));
  const byName = new Map<string, Turn[]>();
  for (const turn of turns) {
    const key = fold(turn.name);
    if (!byName.has(key)) byName.set(key, []);
    byName.get(key)!.push(turn);
  }
  const opening = turns.slice(0, firstQuestion < 0 ? turns.length : firstQuestion);
  const openingText = opening.map((t) => t.text);
  const rosterOf = (name: string) => {
    const folded = fold(name);
    return roster.find((r) => fold(r.name) === folded || (folded.includes(fold(r.name)) && r.name.includes(" ")));
  };

  const speakers: BriefingPerson[] = [...byName.values()].map((own) => {
    const label = own[0]!.speaker;
    const part = partOf(label, own);
    const entry = rosterOf(own[0]!.name);
    const labelName = own[0]!.name;
    const surname = labelName.split(/\s+/).pop()!;
    // A label is a name as written ("Xu Kemin") unless it shouts or is a bare surname (MS. PSAKI): then look for the full name.
    const shouted = labelName === labelName.toUpperCase() || !labelName.includes(" ");
    const full = entry?.name ?? (shouted && part === "official" ? fullNameIn(surname, [meta.title, announcement, ...openingText]) : null);
    // A full name: found here, or already on the turn (the parser reads titles and introductions too).
    const known = full ?? (shouted ? null : labelName);
    const titleRole = known ? roleBefore(known, meta.title) : null;
    const introduced = known && !titleRole ? sentences(openingText.join(" ")).find((line) => line.includes(known)) : undefined;
    const introRole = introduced ? roleBefore(known!, introduced) : null;
    const labelRole = own.find((t) => roleFromLabel(t.speaker))?.speaker;
    const role = entry?.role ?? own[0]!.role ?? titleRole ?? introRole;
    return {
      name: full ?? (shouted ? label : labelName),
      labels: [...new Set(own.map((t) => t.speaker))],
      aliases: [...new Set([...own.map((t) => t.speaker), labelName, ...(full ? [full] : [])])],
      role,
      // The parser may have read the role from the title or an introduction itself: say where it stands, when that is known.
      roleFrom: entry
        ? "the announcement"
        : labelRole && own[0]!.role
          ? "the label"
          : titleRole && role === titleRole
            ? "the title"
            : introRole && role === introRole
              ? "the introduction"
              : own[0]!.role
                ? "the transcript"
                : null,
      turns: own,
      part,
    };
  });
  const people = mergeSamePerson(speakers);
  const speaking = new Set(people.map((p) => fold(p.name)));
  for (const entry of roster) {
    if (speaking.has(fold(entry.name)) || [...byName.keys()].some((n) => n.includes(fold(entry.name)))) continue;
    people.push({ name: entry.name, labels: [], aliases: [], role: entry.role, roleFrom: "the announcement", turns: [], part: "official" });
  }
  const speakerOf = new Map(people.flatMap((p) => p.turns.map((t) => [t.index, p] as const)));
  // Questions are the askers' (an official's rhetorical question is not one), unless no one is recognised as an asker.
  const askers = turns.filter((t) => t.isQuestion && speakerOf.get(t.index)?.part === "asker");
  return {
    transcript,
    people,
    speakerOf,
    questions: askers.length ? askers : turns.filter((t) => t.isQuestion),
    opening: opening.filter((t) => speakerOf.get(t.index)?.part !== "asker" && wordCount(t.text) > 0),
    header: headerFacts(announcement),
  };
}

/**
 * Two labels of one official are one person: SURGEON GENERAL MURTHY and DR. MURTHY (labels that shout one surname),
 * or two labels the briefing gives the same full name.
 */
function mergeSamePerson(people: BriefingPerson[]): BriefingPerson[] {
  const shoutedSurname = (p: BriefingPerson) => {
    const label = p.labels[0] ?? "";
    return label && label === label.toUpperCase() ? fold(nameFromLabel(label).split(/\s+/).pop()!) : null;
  };
  const merged: BriefingPerson[] = [];
  for (const person of people) {
    const surname = shoutedSurname(person);
    const same = merged.find(
      (m) => m.part === "official" && person.part === "official" && (fold(m.name) === fold(person.name) || (surname !== null && shoutedSurname(m) === surname)),
    );
    if (!same) {
      merged.push(person);
      continue;
    }
    same.labels = [...same.labels, ...person.labels];
    same.aliases = [...new Set([...(same.aliases ?? []), ...(person.aliases ?? [])])];
    same.turns = [...same.turns, ...person.turns].sort((a, b) => a.index - b.index);
    if (!same.role && person.role) {
      same.role = person.role;
      same.roleFrom = person.roleFrom;
    }
    // The full name one label found names the person under every label.
    if (same.name === same.labels[0] && person.name !== person.labels[0]) same.name = person.name;
  }
  return merged;
}

/** Whether a text mentions a person: their full name, or their surname as a word. */
export function mentions(text: string, person: BriefingPerson): boolean {
  const words = new Set(nameWords(text));
  const spellings = [person.name, ...(person.aliases ?? [])].map(nameWords).filter((w) => w.length > 0);
  return spellings.some((name) => {
    const surname = name[name.length - 1]!;
    return surname.length >= 3 && words.has(surname) && !/^(?:official|moderator|president|q)$/.test(surname);
  });
}

// Words with which a briefing introduces its speakers.
const INTRODUCES = /\b(?:joined by|join(?:s|ing)? us|joining me|guest|welcome|introduce|turn (?:it )?over|over to|pass (?:it )?(?:off|over)|here to|with us|we have|i have|hand (?:it )?over|our speaker|briefers?|speakers? today)\b/i;

/**
 * The passage that introduces an official: the announcement's, or another speaker's before the official first
 * speaks (or before the first question), that names them; one with words of introduction first.
 */
export function introductionOf(person: BriefingPerson, facts: BriefingFacts, passages: readonly Passage[]): Passage | null {
  const firstTurn = person.turns[0]?.index ?? Infinity;
  const firstQuestion = facts.questions[0]?.index ?? Infinity;
  const own = new Set(person.turns.map((t) => t.index));
  const candidates = passages.filter(
    (p) => !own.has(p.turn) && !p.isQuestion && p.turn < Math.max(firstTurn, firstQuestion) && mentions(p.text, person),
  );
  return candidates.find((p) => INTRODUCES.test(p.text)) ?? candidates[0] ?? null;
}

/** The turns that carry an official's substance: not one-line courtesies ("Thank you."). */
export function substantialTurns(person: BriefingPerson): Turn[] {
  return person.turns.filter((t) => wordCount(t.text) > COURTESY_WORDS);
}

export function officials(facts: BriefingFacts): BriefingPerson[] {
  return facts.people.filter((p) => p.part === "official" && p.turns.length > 0);
}
