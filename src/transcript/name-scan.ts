// Name-shaped text found by scanning words instead of by regular expressions that backtrack. The expressions
// they replace, anchored only at the end of the text, were retried from every position: quadratic, so a
// 200,000-letter announcement word or a label of 100,000 "AM"s took tens of seconds to a minute and more.

const NAME_WORD = /^\p{Lu}[\p{L}'’-]*$/u;
const NAME_CHAR = /[\p{L}'’-]/u;
const UPPER = /\p{Lu}/u;

/**
 * The 2–4 capitalised words that end `text` ("… said Director Xu Kemin" → "Director Xu Kemin"), or null: what
 * /((?:\p{Lu}[\p{L}'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]*)$/u matched (leftmost match, so the first word may be the
 * capitalised tail of a longer one: "iPhone Maker John Smith" → "Phone Maker John Smith"), in linear time.
 */
export function trailingCapitalisedWords(text: string): string | null {
  // Words with their offsets, from the end: at most four are ever needed.
  const words: { start: number; end: number }[] = [];
  let end = text.length;
  while (words.length < 4) {
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    if (end === 0) break;
    let start = end;
    while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
    words.unshift({ start, end });
    if (start === 0) break;
    end = start;
  }
  if (words.length === 0 || words.at(-1)!.end !== text.length) return null; // trailing whitespace: $ fails
  // The run of whole capitalised words at the end (up to 4).
  let first = words.length;
  while (first > 0 && NAME_WORD.test(text.slice(words[first - 1]!.start, words[first - 1]!.end))) first--;
  let count = words.length - first;
  let start = count > 0 ? words[first]!.start : text.length;
  if (count < 4 && first > 0) {
    // The word before the run may contribute its capitalised tail ("iPhone" → "Phone").
    const before = words[first - 1]!;
    const tail = capitalisedTail(text, before.start, before.end);
    if (tail !== null && count >= 1) {
      start = tail;
      count++;
    }
  }
  if (count < 2) return null;
  return text.slice(start, text.length);
}

/** The earliest offset in text[start, end) from which the rest is a capitalised word; null when there is none. */
function capitalisedTail(text: string, start: number, end: number): number | null {
  let from = end;
  while (from > start && NAME_CHAR.test(text[from - 1]!)) from--;
  for (let i = from; i < end; i++) if (UPPER.test(text[i]!)) return i;
  return null;
}

// Letters after a name ("Kirsty Williams AM", "Jane Doe MP, QC").
const POST_NOMINAL_WORDS = new Set(["AM", "AS", "MS", "MP", "MSP", "MLA", "MEP", "MHK", "TD", "QC", "KC", "JP", "OBE", "MBE", "CBE", "KBE", "DBE", "PhD"]);

/**
 * `name` without the letters after it, as /(?:,?\s+(?:AM|…|PhD))+\s*$/ removed them, in linear time: trailing
 * post-nominals, each after whitespace and optionally a comma before that whitespace.
 */
export function withoutPostNominals(name: string): string {
  let end = name.length;
  while (end > 0 && /\s/.test(name[end - 1]!)) end--;
  let cut = name.length; // nothing removed yet
  for (;;) {
    let start = end;
    while (start > 0 && /[A-Za-z]/.test(name[start - 1]!)) start--;
    if (start === end || !POST_NOMINAL_WORDS.has(name.slice(start, end))) break;
    let space = start;
    while (space > 0 && /\s/.test(name[space - 1]!)) space--;
    if (space === start) break; // glued to the word before ("WilliamsAM"): not a post-nominal
    const comma = space > 0 && name[space - 1] === "," ? space - 1 : space;
    cut = comma;
    end = comma;
  }
  return name.slice(0, cut);
}
