// Transcript bytes → text. Most transcripts are UTF-8; Windows tools also save UTF-16 (with a byte-order mark),
// and older Chinese and Western files come as GB18030 or Windows-1252 without any mark. The platform's
// TextDecoder knows all of them; this module only decides which one applies.

export type TranscriptEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "windows-1252";

export interface DecodedTranscript {
  text: string;
  encoding: TranscriptEncoding;
  /** Set when the encoding was guessed (no BOM, not UTF-8): what to tell the user, without the file name. */
  guess: string | null;
}

/** Decode a transcript file's bytes; never throws. The BOM, if any, is not part of the text. */
export function decodeTranscript(bytes: Uint8Array): DecodedTranscript {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decoded(bytes.subarray(3), "utf-8");
  if (startsWith(bytes, [0xff, 0xfe])) return decoded(bytes.subarray(2), "utf-16le");
  if (startsWith(bytes, [0xfe, 0xff])) return decoded(bytes.subarray(2), "utf-16be");
  const utf8 = tryDecode(bytes, "utf-8");
  if (utf8 !== null) return { text: utf8, encoding: "utf-8", guess: null };
  // Not UTF-8. GB18030 decodes only byte sequences of its own shape, so Western text (a lone accented letter
  // before a space or a letter) fails it, while Chinese text passes and reads as Han characters.
  const chinese = saysChinese(bytes);
  const gb = tryDecode(bytes, "gb18030");
  if (gb !== null && (chinese || mostlyHan(gb))) {
    return { text: gb, encoding: "gb18030", guess: `not UTF-8; decoded as GB18030${chinese ? " (the front matter says Chinese)" : " (the bytes read as Chinese)"}` };
  }
  return {
    text: decodeWindows1252(bytes),
    encoding: "windows-1252",
    guess: `not UTF-8; decoded as Windows-1252${chinese ? " (the front matter says Chinese, but the bytes are not GB18030)" : ""}`,
  };
}

// Bytes 0x80–0x9F of Windows-1252 (WHATWG index): curly quotes, dashes, the euro sign… The five bytes it leaves
// undefined keep their C1 code points (and are then cleaned away as controls).
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * Windows-1252 through TextDecoder, with 0x80–0x9F mapped as the Encoding Standard says. Node 20.18.3+ and
 * 22.13+ decode "windows-1252" as Latin-1 there (nodejs/node#60888: 0x93 comes out as the control U+0093, not
 * “); once that is fixed the mapping finds nothing left to do.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252").decode(bytes).replace(/[\x80-\x9f]/g, (ch) => WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80]!);
}

function decoded(bytes: Uint8Array, encoding: TranscriptEncoding): DecodedTranscript {
  // ignoreBOM: the mark was already cut off; a second one would be text (and is rare enough to keep).
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), encoding, guess: null };
}

function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Front matter (ASCII, whatever the body's encoding) that says `language: zh…`. */
function saysChinese(bytes: Uint8Array): boolean {
  // Only the start of the file can hold front matter; latin1 maps every byte to one character.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString("latin1");
  const front = /^---[ ]*\r?\n([\s\S]*?)\r?\n---/.exec(head)?.[1];
  return front !== undefined && /^language:[ \t]*["']?zh\b/im.test(front);
}

/** Most of the non-ASCII characters are Han (or CJK punctuation): what Chinese text decoded right looks like. */
function mostlyHan(text: string): boolean {
  let other = 0;
  let han = 0;
  for (const m of text.matchAll(/[^\x00-\x7f]/g)) {
    if (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(m[0])) han++;
    else other++;
  }
  return han > 0 && han >= 4 * other;
}
