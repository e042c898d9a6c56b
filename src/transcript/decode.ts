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
    text: new TextDecoder("windows-1252").decode(bytes),
    encoding: "windows-1252",
    guess: `not UTF-8; decoded as Windows-1252${chinese ? " (the front matter says Chinese, but the bytes are not GB18030)" : ""}`,
  };
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
