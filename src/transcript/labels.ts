// Telling a speaker label ("Xu Kemin:", "The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.)):")
// from a sentence that merely ends in a colon ("...our ministry has adopted three measures:").

import { hasHan, isHanAskerLabel, isHanModeratorLabel, looksLikeHanLabel } from "./chinese.js";
import { withoutPostNominals } from "./name-scan.js";

const MAX_LABEL_CHARS = 160;
const MAX_LABEL_WORDS = 9; // outside parentheses

// Lower-case words that do occur in labels ("Shenzhen Satellite TV reporter", "Minister of Health").
const LABEL_LOWERCASE_WORDS = new Set([
  "of", "the", "and", "for", "from", "de", "del", "da", "van", "von", "der", "la", "le", "bin", "al",
  "reporter", "journalist", "correspondent", "moderator", "host", "spokesperson", "interpreter", "speaker",
]);

// Paragraph openers that look like labels but introduce text ("Note: ...", "First: ...").
const NOT_LABELS = new Set([
  "note", "notes", "example", "first", "second", "third", "finally", "update", "source", "time", "date",
  "location", "subject", "summary", "background", "ps", "nb", "tip", "warning", "important",
]);

const COLONS = [":", "："];

/** Text of `label` with every parenthesised part removed ("Hon. Deb Schulte (Minister of Seniors)" → "Hon. Deb Schulte"). */
export function outsideParentheses(label: string): string {
  let depth = 0;
  let out = "";
  for (const ch of label) {
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** Whether `candidate` (without its colon) reads like a speaker label rather than prose. */
export function looksLikeLabel(candidate: string, knownLabels?: ReadonlySet<string>): boolean {
  const label = candidate.trim();
  if (!label || label.length > MAX_LABEL_CHARS || /[\n\r]/.test(label)) return false;
  if (knownLabels?.has(label)) return true;
  // Chinese labels have no capitals and no spaces to judge by: their own rules (src/transcript/chinese.ts).
  if (hasHan(label)) return looksLikeHanLabel(label);
  if (!balancedParentheses(label)) return false;
  const bare = outsideParentheses(label);
  if (!bare || /[?!;"“”]/.test(bare) || /\.\s*$/.test(bare) && !/\b(?:Jr|Sr|Lib|Cons|Inc)\.$/.test(bare)) return false;
  const words = bare.split(/\s+/);
  if (words.length > MAX_LABEL_WORDS) return false;
  if (words.length === 1 && NOT_LABELS.has(words[0]!.toLowerCase())) return false;
  if (/^\d/.test(bare)) return false; // "10:30" or list numbers
  const lowercase = words.filter(
    (w) => /^\p{Ll}/u.test(w) && !LABEL_LOWERCASE_WORDS.has(w.toLowerCase()) && !/^\p{Ll}{1,3}['’]\p{Lu}/u.test(w), // d'Entremont
  );
  // Prose has verbs and articles in lower case; names and titles are capitalised.
  return lowercase.length === 0 || (words.length >= 4 && lowercase.length / words.length <= 0.25);
}

function balancedParentheses(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

/** A paragraph that is only a label ("Xu Kemin:") → the label; otherwise null. */
export function labelAlone(paragraph: string, knownLabels?: ReadonlySet<string>): string | null {
  const line = paragraph.trim();
  const colon = COLONS.find((c) => line.endsWith(c));
  if (!colon) return null;
  const label = line.slice(0, -colon.length).trim();
  return looksLikeLabel(label, knownLabels) ? label : null;
}

/** A paragraph opening with "Label: text" → both parts; otherwise null. The colon must sit outside parentheses. */
export function labelInline(paragraph: string, knownLabels?: ReadonlySet<string>): { label: string; text: string } | null {
  let depth = 0;
  const limit = Math.min(paragraph.length, MAX_LABEL_CHARS + 2);
  for (let i = 0; i < limit; i++) {
    const ch = paragraph[i]!;
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0 && COLONS.includes(ch)) {
      const next = paragraph[i + 1];
      // "10:30", "http://"; the full-width colon is followed directly by text ("记者：请问…").
      if (ch === ":" && next !== undefined && !/\s/.test(next)) return null;
      const label = paragraph.slice(0, i).trim();
      const text = paragraph.slice(i + 1).trim();
      return text && looksLikeLabel(label, knownLabels) ? { label, text } : null;
    } else if (ch === "\n") return null;
  }
  return null;
}

const HONORIFICS = /^(?:(?:the\s+)?(?:right\s+hon\.?|rt\.?\s+hon\.?|hon\.?|mr\.?|mrs\.?|ms\.?|mx\.?|dr\.?|prof\.?|sir|dame|madam|mme\.?|m\.)\s+)+/i;

/**
 * The person (or office) a label names, without honorifics, letters after the name or parentheses:
 * "Hon. Deb Schulte (Minister of Seniors)" → "Deb Schulte", "Kirsty Williams AM" → "Kirsty Williams".
 */
export function nameFromLabel(label: string): string {
  // Letters after a name ("Kirsty Williams AM", "Jane Doe MP, QC") are members' titles, not how people name them.
  return withoutPostNominals(outsideParentheses(label).replace(HONORIFICS, "")).trim() || label.trim();
}

const ROLE_WORDS =
  /\b(?:Minister|Director|Secretary|Spokesperson|Spokesman|Spokeswoman|Chair|Chairman|Chairwoman|Chairperson|President|Commissioner|Chief|Head|Deputy|Officer|Ambassador|Governor|Mayor|Administrator|Counsel|Inspector|Leader|Premier|Professor|Manager|Representative|Adviser|Advisor|Clerk|Speaker|Auditor|Registrar|Superintendent|Coordinator|Chancellor|Envoy|Surgeon General|Attorney General)\b/;

export function looksLikeRole(text: string): boolean {
  return ROLE_WORDS.test(text);
}

/** A role written inside the label's own parentheses ("Hon. Deb Schulte (Minister of Seniors)"); null otherwise. */
export function roleFromLabel(label: string): string | null {
  const inner = /\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$/.exec(label.trim());
  if (!inner) return null;
  const text = inner[1]!.trim();
  return looksLikeRole(text) && !/^(?:Hon\.|Mr\.|Mrs\.|Ms\.|Dr\.)/.test(text) ? text : null;
}

const MODERATOR = /\b(?:chair|chairman|chairwoman|chairperson|moderator|host|presiding|clerk|speaker of the house|the speaker|master of ceremonies|mc)\b/i;
const NAMES_AN_ASKER = /\b(?:reporter|journalist|correspondent|question)\b/i;
const ASKER = /\b(?:reporter|journalist|correspondent|press|media|news|newspaper|tv|television|radio|daily|times|agency|post|herald|journal|gazette|broadcast(?:ing|er)?|question)\b/i;

/** Chairs and moderators run the meeting: they neither ask nor answer. */
export function isModeratorLabel(label: string): boolean {
  return MODERATOR.test(outsideParentheses(label)) || isHanModeratorLabel(label);
}

/** Labels that name the press ("Shenzhen Satellite TV reporter", "China Daily", "Q", "QUESTION"): their turns are questions. */
export function isAskerLabel(label: string): boolean {
  const bare = outsideParentheses(label);
  if (bare === "Q" || NAMES_AN_ASKER.test(bare) || isHanAskerLabel(bare)) return true;
  // "Press Secretary Jen Psaki", "PRESS SECRETARY PSAKI": an office whose name mentions the press.
  return ASKER.test(bare) && !looksLikeRole(titleCased(bare));
}

/** "PRESS SECRETARY PSAKI" → "Press Secretary Psaki": role words are matched capitalised. */
function titleCased(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
}

/** "A", the answer mark of a Q/A transcript: it stands for the spokesperson, whom the briefing names elsewhere. */
export function isAnswerMark(label: string): boolean {
  return label.trim() === "A" || label.trim() === "答";
}

/** The reporter a "Q (Jane Roe, Daily Planet)" label names; null for a bare "Q". */
export function askerNameFromLabel(label: string): string | null {
  const inner = /^Q\s*\(([^(),]+)/.exec(label.trim());
  const name = inner?.[1]!.trim();
  return name && /^\p{Lu}/u.test(name) ? name : null;
}

/** Letters, all upper case ("MS. PSAKI", "PRESIDENT LÓPEZ OBRADOR"): the way White House transcripts write labels. */
export function isUpperCaseLabel(label: string): boolean {
  const bare = outsideParentheses(label);
  return /\p{Lu}/u.test(bare) && !/\p{Ll}/u.test(bare);
}

/** "Q. text" / "A. text": the question and answer marks written with a full stop instead of a colon. */
export function labelWithFullStop(paragraph: string): { label: string; text: string } | null {
  const match = /^([QA])\.[ ]+(\S[^]*)$/.exec(paragraph);
  return match ? { label: match[1]!, text: match[2]!.trim() } : null;
}
