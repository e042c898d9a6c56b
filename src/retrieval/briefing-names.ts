// Which briefing a question names, by date ("at the 22 March briefing", "on July 15, 2021", "in October 2022",
// "2021-07-15") or by title words ("in the budget call", "at Psaki's briefing"), and the question without that
// phrase. A filter on transcripts for any question, briefing or content.
import type { BriefingMeta } from "../types.js";
import { terms } from "../text/terms.js";

export interface NamedBriefings {
  /** Ids of the transcripts the question names: all of them when a date fits several. */
  ids: string[];
  /** The question with the naming phrase(s) removed. */
  question: string;
  /** The phrases as the question wrote them ("22 March", "the budget call"). */
  phrases: string[];
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`(?<day>\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?<year>(?:19|20)\d{2})`;
const EVENT = String.raw`(?:press briefing|briefing|press conference|news conference|conference|press call|call|gaggle|hearing|session|meeting|presser)`;
// The words that lead into a date or a named briefing: "at the", "on", "in", "of", "from the".
const LEAD_WORD = String.raw`(?:at|on|in|of|from|during|for|dated|held on)`;
const LEAD = String.raw`(?:${LEAD_WORD}\s+)?(?:the\s+)?`;

interface DateSpec {
  year: number | null;
  month: number | null;
  day: number | null;
}

// Each form, with what a question writes around it; the last form needs a briefing noun after a bare month
// ("the March briefing"), since "may" and "march" are also everyday words.
const DATE_FORMS: RegExp[] = [
  new RegExp(String.raw`${LEAD}\b(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})\b(?:\s+${EVENT}\b)?`, "giu"),
  new RegExp(String.raw`${LEAD}\b(?<month>${MONTH})\s+${DAY}\b(?:,?\s+${YEAR}\b)?(?:\s+${EVENT}\b)?`, "giu"),
  new RegExp(String.raw`${LEAD}\b${DAY}\s+(?:of\s+)?(?<month>${MONTH})(?:,?\s+${YEAR})?\b(?:\s+${EVENT}\b)?`, "giu"),
  new RegExp(String.raw`${LEAD}\b(?<month>${MONTH}),?\s+${YEAR}\b(?:\s+${EVENT}\b)?`, "giu"),
  new RegExp(String.raw`${LEAD}\b(?<month>${MONTH})\s+${EVENT}\b`, "giu"),
];

function monthNumber(text: string): number | null {
  const index = MONTHS.indexOf(text.toLowerCase().slice(0, 3));
  return index < 0 ? null : index + 1;
}

function fits(date: string | null, spec: DateSpec): boolean {
  if (!date) return false;
  const [y, m, d] = date.split("-").map(Number);
  return (spec.year === null || spec.year === y) && (spec.month === null || spec.month === m) && (spec.day === null || spec.day === d);
}

interface Found {
  ids: Set<string>;
  start: number;
  end: number;
  phrase: string;
  /** What stands in the question's place of the phrase (nothing, or "it" for a briefing named as a subject). */
  replacement?: string;
}

function datesNamed(question: string, briefings: readonly BriefingMeta[]): Found[] {
  const found: Found[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && f.start < end);
  for (const form of DATE_FORMS) {
    for (const match of question.matchAll(form)) {
      const g = match.groups!;
      const month = /^\d+$/.test(g.month!) ? Number(g.month) : monthNumber(g.month!);
      const day = g.day ? Number(g.day) : null;
      if (!month || month > 12 || (day !== null && (day < 1 || day > 31))) continue;
      const start = match.index!;
      const end = start + match[0].length;
      if (taken(start, end)) continue;
      const spec = { year: g.year ? Number(g.year) : null, month, day };
      const ids = new Set(briefings.filter((b) => fits(b.date, spec)).map((b) => b.id));
      // A date no briefing has stays in the question: it may be what the question is about ("by March 2023").
      const phrase = match[0].replace(new RegExp(`^${LEAD}`, "iu"), "").replace(new RegExp(String.raw`\s+${EVENT}$`, "iu"), "").trim();
      if (!ids.size) continue;
      // "What was the 22 March briefing about?" is still about a briefing: "What was it about?".
      const subject = !new RegExp(String.raw`^${LEAD_WORD}\s`, "iu").test(match[0]) && new RegExp(String.raw`\s${EVENT}$`, "iu").test(match[0]);
      found.push({ ids, start, end, phrase, ...(subject ? { replacement: "it" } : {}) });
    }
  }
  return found;
}

// Words in front of a briefing noun that say which one without naming it.
const NOT_A_NAME = new Set(["latest", "last", "recent", "first", "earliest", "newest", "previous", "next", "same", "other", "whole", "entire"]);
const TITLED = new RegExp(
  String.raw`\b(?:at|in|on|during|from|of)\s+(?:the\s+)?(?<words>(?:(?!(?:at|in|on|during|from|of|the)\s)[\p{L}\p{N}'’-]+\s+){1,4}?)${EVENT}s?\b`,
  "giu",
);

// The title words of every briefing are looked up for every question that says "at the … briefing".
const titleTermsCache = new WeakMap<BriefingMeta, Set<string>>();

function titleTerms(b: BriefingMeta): Set<string> {
  let found = titleTermsCache.get(b);
  if (!found) titleTermsCache.set(b, (found = new Set(terms(`${b.title} ${b.id.replace(/[-_.]/g, " ")}`))));
  return found;
}

function titlesNamed(question: string, briefings: readonly BriefingMeta[]): Found[] {
  const found: Found[] = [];
  for (const match of question.matchAll(TITLED)) {
    const words = match.groups!.words!.trim();
    const wanted = terms(words).filter((t) => !NOT_A_NAME.has(t));
    if (!wanted.length || /^(?:this|that|these|those|today'?s?|their|his|her|its|our|your)\b/i.test(words)) continue;
    const ids = new Set(
      briefings
        .filter((b) => {
          const titled = titleTerms(b);
          return wanted.every((t) => titled.has(t));
        })
        .map((b) => b.id),
    );
    if (ids.size) found.push({ ids, start: match.index!, end: match.index! + match[0].length, phrase: match[0].replace(/^\S+\s+(?:the\s+)?/i, "") });
  }
  return found;
}

/**
 * The briefings a question names, by date or title words, and the question without those phrases; null when
 * it names none. A date and title words together name the briefings that fit both (the date's, when none does).
 */
export function briefingsNamed(question: string, transcripts: readonly { meta: BriefingMeta }[]): NamedBriefings | null {
  const briefings = transcripts.map((t) => t.meta);
  const dates = datesNamed(question, briefings);
  const titles = titlesNamed(question, briefings).filter((t) => !dates.some((d) => t.start < d.end && d.start < t.end));
  if (!dates.length && !titles.length) return null;
  const intersect = (sets: Set<string>[]) => sets.reduce((a, b) => new Set([...a].filter((id) => b.has(id))));
  const byDate = dates.length ? intersect(dates.map((d) => d.ids)) : null;
  const byTitle = titles.length ? intersect(titles.map((t) => t.ids)) : null;
  const both = byDate && byTitle ? intersect([byDate, byTitle]) : null;
  const chosen = both?.size ? both : (byDate?.size ? byDate : byTitle) ?? new Set<string>();
  if (!chosen.size) return null;
  const used = [...dates, ...titles].sort((a, b) => b.start - a.start);
  let rest = question;
  for (const f of used) rest = `${rest.slice(0, f.start)} ${f.replacement ?? ""} ${rest.slice(f.end)}`;
  return {
    ids: briefings.map((b) => b.id).filter((id) => chosen.has(id)),
    question: tidy(rest),
    phrases: [...dates, ...titles].sort((a, b) => a.start - b.start).map((f) => f.phrase),
  };
}

/** Spaces closed up where a phrase was cut out: "Who spoke  ?" → "Who spoke?". */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\s+([?.!,;:])/g, "$1")
    .replace(/,([?.!])/g, "$1")
    .trim();
}
