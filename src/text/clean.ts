// Text that reaches a terminal, a chat or Discord must not be able to drive it: no escape sequences (colours,
// window titles, cursor moves, hyperlinks), no other control characters, no bidi overrides that reorder what
// the reader sees ("Trojan Source"). One module, so transcripts, questions, warnings and logs are cleaned alike.
//
// Every pattern here is linear: each match starts at an introducer (ESC or a C1 character) and its body cannot
// contain another introducer, so the attempts never overlap (fuzzed in test/clean.test.ts).

// ESC [ … final byte, or the one-character C1 form (U+009B). Parameters and intermediates, then a final byte;
// an unfinished sequence (no final byte) is removed as far as it goes.
const CSI = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g;
// OSC (ESC ] or U+009D), DCS (ESC P, U+0090), SOS (ESC X, U+0098), PM (ESC ^, U+009E), APC (ESC _, U+009F): a
// string ended by BEL or ST (ESC \ or U+009C). A terminal swallows everything up to the terminator, so the
// whole sequence goes ("\e]0;pwned\a" leaves nothing). Without a terminator on the same line only the
// introducer goes: the rest is then plain text, and a stray ESC must not eat the remainder of a transcript.
const STRING_SEQUENCE = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])(?:[^\x07\x1b\x90\x98\x9c-\x9f\n]*(?:\x07|\x1b\\|\x9c))?/g;
// Any other escape: ESC, intermediates (0x20–0x2F), a final byte ("\e(B", "\ec", "\e7").
const OTHER_ESCAPE = /\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
// What is left of C0 (but tab and newline), DEL and C1.
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). The marks LRM/RLM/ALM stay:
// Arabic and Hebrew text uses them legitimately and they cannot reorder other text.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` safe to show: escape sequences removed whole, carriage returns turned into newlines ("\r\n" → "\n",
 * a lone "\r" → "\n", which a terminal would otherwise use to overwrite a line), other control characters and
 * bidi overrides removed. Tab and newline stay. Idempotent.
 */
export function cleanText(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text; // the common case: nothing to do, no copy
  return text
    .replace(CSI, "")
    .replace(STRING_SEQUENCE, "")
    .replace(OTHER_ESCAPE, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROLS, "")
    .replace(BIDI_CONTROLS, "");
}
const NEEDS_CLEANING = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** One line for a terminal or a log: cleaned, and newlines and tabs turned into spaces. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/[\n\t]+/g, " ");
}

// In JSON.stringify's output the C0 controls are already escaped; DEL, C1, the line and paragraph separators
// and the bidi controls are left raw, and a terminal or a viewer may act on them.
const RAW_IN_JSON = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with every remaining control or bidi character written as a \u escape (the value is unchanged). */
export function escapeJsonControls(json: string): string {
  return json.replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** JSON.stringify, then escapeJsonControls: safe to print, and parses back to the same value. */
export function safeJson(value: unknown): string {
  return escapeJsonControls(JSON.stringify(value));
}
