// Notes the transcriber left in the text — "(Laughter.)", "(As interpreted.)", "[sic]", "(Speaks French.)",
// "(Inaudible.)" — are nobody's words. They are taken out of a turn's text when it is parsed, so no quote can
// present them as said: a note of what happened is removed, a note that words were lost becomes "…".
// Editorial insertions that stand for words ("[that]", "[senior administration official]") stay.

// A note is short and has no brackets inside; the bounded lengths keep the scan linear.
const NOTE = /\(([^()\n]{1,80})\)|\[([^[\]\n]{1,60})\]/g;

// What a transcriber notes instead of words: laughter, interpretation, gestures, noise, procedure.
const DIRECTION =
  /^(?:laughter|laughs|laughing|chuckles|applause|cheers|booing|as interpreted|interpreted|as translated|speaks\b|speaking in\b|off[ -]mic|no translation|clears (?:his |her )?throat|coughs|sighs|pause[sd]?\b|interruption|interrupted|interjection|crosstalk|cross-talk|objection|points (?:to|at)\b|gestures\b|nods\b|holds up\b|shakes (?:his|her) head|sic$)/iu;

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

// Marks the place a note was taken out, so the spaces and dashes around it are tidied in one pass.
const SEAM = "\uE000";
const SEAMS = /(?:[ ]*([—–]))?[ ]*\uE000(?:[ ]*\uE000)*[ ]*(?:([—–])[ ]*)?/g;
const CLOSING = /^[,.;:?!)\]”’"]/;

/**
 * One paragraph (no line breaks) without its notes. Spaces close up around a removed note, and an aside set off by
 * dashes ("from yesterday — (laughter) — but") keeps one dash. Lost words become "…".
 */
export function withoutNotes(paragraph: string): string {
  if (!paragraph.includes("(") && !paragraph.includes("[")) return paragraph;
  // A paragraph that holds the marker character itself keeps its notes of what happened rather than lose text.
  const canMark = !paragraph.includes(SEAM);
  let removed = false;
  const marked = paragraph.replace(NOTE, (whole, round: string | undefined, square: string | undefined) => {
    const kind = noteKind(round ?? square!, square !== undefined);
    if (kind === "lost") return "…";
    if (kind === null || !canMark) return whole;
    removed = true;
    return SEAM;
  });
  if (!removed) return marked;
  return marked
    .replace(SEAMS, (seam: string, dashBefore: string | undefined, dashAfter: string | undefined, offset: number, text: string) => {
      const atStart = offset === 0;
      const atEnd = offset + seam.length === text.length;
      // The dash before the note stays unless the paragraph ends there; a pair of dashes around it becomes one.
      if (dashBefore) return atEnd ? "" : ` ${dashBefore} `;
      if (dashAfter) return atStart ? "" : ` ${dashAfter} `;
      if (atStart || atEnd || CLOSING.test(text.slice(offset + seam.length, offset + seam.length + 1))) return "";
      return " ";
    })
    .trim();
}
