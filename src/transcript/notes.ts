// Notes the transcriber left in the text — "(Laughter.)", "(As interpreted.)", "[sic]", "(Speaks French.)",
// "(Inaudible.)" — are nobody's words. They are taken out of a turn's text when it is parsed, so no quote can
// present them as said: a note of what happened is removed, a note that words were lost becomes "…".
// Editorial insertions that stand for words ("[that]", "[senior administration official]") stay.

// A note is short and has no brackets inside; the bounded lengths keep the scan linear.
const NOTE = /\(([^()\n]{1,80})\)|\[([^[\]\n]{1,60})\]/g;

// What a transcriber notes instead of words: laughter, interpretation, gestures, noise, procedure.
const DIRECTION =
  /^(?:laughter|laughs|laughing|chuckles|applause|cheers|booing|as interpreted|interpreted|as translated|speaks\b|speaking in\b|off[ -]mic|no translation|clears (?:his |her )?throat|coughs|sighs|pause[sd]?\b|interruption|interrupted|interjection|objection|points (?:to|at)\b|gestures\b|nods\b|holds up\b|shakes (?:his|her) head|sic$)/iu;

// Notes that mark words the recording lost: the gap is shown, not closed up.
const LOST_WORDS = /^(?:inaudible|unintelligible|indiscernible|audio (?:drops|cuts|lost)|audio gap|technical difficulties|crosstalk|cross-talk)\b/i;

// "(Points to President Zelenskyy.)": a stage direction written as a sentence of its own — a capitalised
// first word, a lower-case second word, a full stop inside the parenthesis — as White House transcripts write them.
const DIRECTION_SENTENCE = /^\p{Lu}\p{Ll}+ \p{Ll}[^,;:]*\.$/u;

type NoteKind = "direction" | "lost";

function noteKind(inner: string, bracketed: boolean): NoteKind | null {
  const text = inner.trim();
  if (LOST_WORDS.test(text)) return "lost";
  if (DIRECTION.test(text)) return "direction";
  // In square brackets only the listed notes count: "[that]" stands for a word the speaker meant.
  if (!bracketed && text.split(/\s+/).length <= 8 && DIRECTION_SENTENCE.test(text)) return "direction";
  return null;
}

/**
 * A paragraph that is only a clock time ("5:20 P.M. EST"): White House transcripts close with the time the briefing
 * ended. Inside a turn it is a note, not the last official's words (the announcement keeps its opening time).
 */
export function isTimeStamp(paragraph: string): boolean {
  return /^\d{1,2}:\d{2}[ ]?[AaPp]\.?[ ]?[Mm]\.?(?:[ ]\p{Lu}{2,5})?$/u.test(paragraph.trim());
}

/** Whether `text` (a parenthesis or bracket with its delimiters) is a transcriber's note. */
export function isNote(text: string): boolean {
  const match = /^\(([^()]*)\)$|^\[([^[\]]*)\]$/.exec(text.trim());
  return !!match && noteKind(match[1] ?? match[2]!, match[2] !== undefined) !== null;
}

/** The paragraph without the notes that open it: "(As interpreted.) As to …" → "As to …". */
export function withoutLeadingNotes(paragraph: string): string {
  let rest = paragraph;
  for (;;) {
    const match = /^\s*(\([^()\n]{1,80}\)|\[[^[\]\n]{1,60}\])\s*/.exec(rest);
    if (!match || !isNote(match[1]!)) return rest;
    rest = rest.slice(match[0].length);
  }
}

const DASHES = ["—", "–"];
const CLOSING = /^[,.;:?!)\]”’"]/;

/**
 * One paragraph (no line breaks) without its notes. Spaces close up around a removed note, and an aside set off by
 * dashes ("from yesterday — (laughter) — but") keeps one dash. Lost words become "…".
 */
export function withoutNotes(paragraph: string): string {
  if (!paragraph.includes("(") && !paragraph.includes("[")) return paragraph;
  // The text between removed notes, in order; lost words are replaced in place.
  const kept: string[] = [];
  let from = 0;
  let rest = "";
  for (const match of paragraph.matchAll(NOTE)) {
    const kind = noteKind(match[1] ?? match[2]!, match[2] !== undefined);
    if (kind === null) continue;
    if (kind === "lost") {
      rest += paragraph.slice(from, match.index) + "…";
    } else {
      kept.push(rest + paragraph.slice(from, match.index));
      rest = "";
    }
    from = match.index + match[0].length;
  }
  kept.push(rest + paragraph.slice(from));
  return joinAtNotes(kept);
}

const endsWithDash = (text: string) => DASHES.some((d) => text.endsWith(d));
const startsWithDash = (text: string) => DASHES.some((d) => text.startsWith(d));

/**
 * Joins the text between removed notes: one space at each seam, none before closing punctuation, one dash of a
 * pair that set the note off, none left dangling at the end. Each piece is handled once (linear in the paragraph).
 */
function joinAtNotes(kept: readonly string[]): string {
  const endsOnNote = !kept[kept.length - 1]!.trim();
  const pieces = kept.map((piece) => piece.trim()).filter(Boolean);
  const out: string[] = [];
  pieces.forEach((piece, i) => {
    let text = piece;
    if (i > 0) {
      const dashPair = endsWithDash(pieces[i - 1]!) && startsWithDash(text);
      if (dashPair) text = text.slice(1).trimStart();
      if (dashPair || !CLOSING.test(text)) out.push(" ");
    }
    if (i === pieces.length - 1 && endsOnNote && endsWithDash(text)) text = text.slice(0, -1).trimEnd();
    out.push(text);
  });
  return out.join("");
}
