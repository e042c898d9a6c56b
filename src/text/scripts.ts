// Writing systems: which text needs a dictionary to find its words (Chinese, Japanese, Thai, … are written without
import { windowedSegments } from "./windowed-segments.js";
// spaces), the platform's word segmenter for it, and a script-based guess at a text's language.

/** Scripts written without spaces between words: their runs are cut into words by Intl.Segmenter. */
const UNSPACED = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}";
const HAS_UNSPACED = new RegExp(`[${UNSPACED}]`, "u");
const UNSPACED_RUN = new RegExp(`[${UNSPACED}]+|[^${UNSPACED}]+`, "gu");
const STARTS_UNSPACED = new RegExp(`^[${UNSPACED}]`, "u");

/** Whether `text` holds a letter of a script written without spaces (one scan, no allocation). */
export function hasUnspacedScript(text: string): boolean {
  return HAS_UNSPACED.test(text);
}

/** Whether the word starts with a letter of a script written without spaces ("供水", "東京"). */
export function isUnspacedWord(word: string): boolean {
  return STARTS_UNSPACED.test(word);
}

// ICU picks the dictionary by script, whatever the locale: one segmenter serves Chinese, Japanese and Thai alike.
const wordSegmenter = new Intl.Segmenter("zh", { granularity: "word" });

// V8's segmenter spends time proportional to the whole input for every segment it yields (quadratic: 80,000
// characters took 7.6 s). Runs are therefore cut a window at a time; real runs, between two punctuation marks,
// are far shorter than a window and are segmented in one piece.
const WINDOW = 256;

/**
 * The words of `token` (a run of letters as the tokenizer found it, e.g. "Foxconn的复工率"): parts in other scripts
 * stay whole ("Foxconn"), parts in unspaced scripts are cut into the segmenter's words ("的", "复", "工", "率").
 */
export function splitUnspaced(token: string): string[] {
  const out: string[] = [];
  for (const part of token.match(UNSPACED_RUN) ?? []) {
    if (!STARTS_UNSPACED.test(part)) {
      if (/[\p{L}\p{N}]/u.test(part)) out.push(part);
      continue;
    }
    for (const word of segmentRun(part)) out.push(word);
  }
  return out;
}

/** The word-like segments of one run (segmented a window at a time: see windowed-segments.ts). */
function* segmentRun(run: string): Generator<string> {
  for (const s of windowedSegments(wordSegmenter, run, WINDOW)) if (s.isWordLike) yield s.segment;
}

/** How much of a text the language guess reads: enough letters to tell, never the whole of a long transcript. */
const SAMPLE_CHARS = 20_000;

// Function words that tell the common Latin-script languages apart (each list: words frequent in that language only).
const LATIN_MARKERS: [string, Set<string>][] = [
  ["en", new Set("the and of to is that this for with are was have we will our".split(" "))],
  ["fr", new Set("le la les et des est une pour dans que qui nous sur pas avec sont".split(" "))],
  ["es", new Set("el la los las y que del por una para con es se las nosotros está".split(" "))],
  ["de", new Set("der die das und ist nicht mit den ein eine wir auf für dass sich".split(" "))],
  ["pt", new Set("o os as e que do da dos das uma para com não em nós está".split(" "))],
  ["it", new Set("il lo gli della che e di per una con non sono nel alla questo".split(" "))],
  ["nl", new Set("de het een en van dat niet zijn met voor wij ook maar deze".split(" "))],
];

/**
 * The language of a text, guessed from its letters: "zh" (Han), "ja" (kana), "ko" (Hangul), "ru"/"uk" (Cyrillic),
 * "ar", "he", "el", "th", "hi", and for Latin script the language whose common words it uses most ("en", "fr", "es",
 * "de", "pt", "it", "nl"); null when there are too few letters to tell. A simple script count, not a classifier: a
 * transcript in one language with names in another comes out right, a bilingual one as its main script.
 */
export function detectLanguage(text: string): string | null {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const counts = scriptCounts(sample);
  const best = main(counts);
  if (!best || best[1] < 4) return null;
  switch (best[0]) {
    case "han":
      // Japanese mixes kana into Han text; Chinese has none.
      return (counts.get("kana") ?? 0) >= 0.1 * (counts.get("han") ?? 0) ? "ja" : "zh";
    case "kana":
      return "ja";
    case "hangul":
      return "ko";
    case "cyrillic":
      return /[іїєґ]/iu.test(sample) ? "uk" : "ru";
    case "latin":
      return latinLanguage(sample);
    default:
      return LANGUAGE_OF_SCRIPT[best[0]] ?? null;
  }
}

const SCRIPTS: [string, RegExp][] = [
  ["latin", /\p{Script=Latin}/gu],
  ["han", /\p{Script=Han}/gu],
  ["kana", /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ["hangul", /\p{Script=Hangul}/gu],
  ["cyrillic", /\p{Script=Cyrillic}/gu],
  ["arabic", /\p{Script=Arabic}/gu],
  ["hebrew", /\p{Script=Hebrew}/gu],
  ["greek", /\p{Script=Greek}/gu],
  ["thai", /\p{Script=Thai}/gu],
  ["devanagari", /\p{Script=Devanagari}/gu],
];
const LANGUAGE_OF_SCRIPT: Record<string, string> = { arabic: "ar", hebrew: "he", greek: "el", thai: "th", devanagari: "hi" };

/** Letters of each script in `text`. */
function scriptCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [script, pattern] of SCRIPTS) {
    let n = 0;
    for (const _ of text.matchAll(pattern)) n++;
    if (n > 0) counts.set(script, n);
  }
  return counts;
}

function main(counts: ReadonlyMap<string, number>): [string, number] | null {
  return [...counts].sort((a, b) => b[1] - a[1])[0] ?? null;
}

function latinLanguage(sample: string): string | null {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best: { language: string; hits: number } | null = null;
  for (const [language, markers] of LATIN_MARKERS) {
    let hits = 0;
    for (const w of words) if (markers.has(w)) hits++;
    if (!best || hits > best.hits) best = { language, hits };
  }
  return best && best.hits > 0 ? best.language : null;
}

/**
 * Which keyword index a language's words can meet: a question and a briefing match only when they are written in the
 * same family of scripts. Chinese and Japanese share Han characters; all Latin-script languages share names.
 */
export function scriptFamily(language: string | null): string | null {
  if (!language) return null;
  const base = language.toLowerCase().split(/[-_]/)[0]!;
  if (base === "zh" || base === "ja" || base === "yue" || base === "wuu" || base === "lzh") return "han";
  if (base === "ko") return "hangul";
  if (base === "ru" || base === "uk" || base === "bg" || base === "sr" || base === "be" || base === "mk" || base === "kk") return "cyrillic";
  if (base === "ar" || base === "fa" || base === "ur") return "arabic";
  if (base === "he" || base === "yi") return "hebrew";
  if (base === "el") return "greek";
  if (base === "th") return "thai";
  if (base === "hi" || base === "mr" || base === "ne") return "devanagari";
  return "latin";
}

/** The script family a short text (a question) is written in: its letters' main script, or null without letters. */
export function questionScript(text: string): string | null {
  const counts = scriptCounts(text);
  // Japanese kana go with Han; Han characters carry a word in one or two letters, so "Foxconn的复工率是多少" is Chinese.
  const han = (counts.get("han") ?? 0) + (counts.get("kana") ?? 0);
  counts.delete("kana");
  if (han > 0) counts.set("han", han * 3);
  return main(counts)?.[0] ?? null;
}
