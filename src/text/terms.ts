// Words → search terms, shared by the BM25 index, the "not found" test and quote selection.
import { stemmer } from "stemmer";
import { hasUnspacedScript, isUnspacedWord, splitUnspaced } from "./scripts.js";

// Function words, plus the words every question about a briefing uses ("what did X say about").
const STOPWORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him " +
    "himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other " +
    "our ours ourselves out over own same she should so some such than that the their theirs them themselves then there " +
    "these they this those through to too under until up very was we were what when where which while who whom why will " +
    "with would you your yours yourself yourselves also us let get got mr mrs ms dr hon rt mp prof " +
    // Contractions typed without their apostrophe ("whats the rate…") are function words too.
    "whats thats hows whos wheres whens whys dont doesnt didnt isnt arent wasnt werent cant wont wouldnt couldnt shouldnt"
  ).split(" "),
);
export const QUESTION_WORDS = new Set(
  (
    "say said says tell told talk talked talking mention mentioned think thought discuss discussed discussing discussion " +
    "ask asked answer answered regarding respond responded response summarize summarise summary opinion opinions comment " +
    "comments view views elaborate elaborated explain explained describe described debate debated meeting group speak spoke many much " +
    // The same framing in Chinese: "请问…说了什么", "介绍一下…情况", "…有多少".
    "说 讲 表示 谈 谈到 谈及 提到 提及 介绍 回答 答 回应 认为 看法 观点 评论 关于 方面 问题 情况 多少 相关 具体"
  ).split(" "),
);

// Chinese function words (particles, pronouns, conjunctions, question words): as common as "the" and "of".
const CJK_STOPWORDS = new Set(
  (
    "的 地 得 了 着 过 是 在 和 与 及 或 也 都 就 而 但 对 把 被 从 向 为 以 之 于 等 这 那 这个 那个 这些 那些 这样 那样 " +
    "我 你 您 他 她 它 我们 你们 他们 她们 咱们 大家 其 其中 有 没有 没 不 很 还 又 再 更 最 已 已经 将 会 能 可以 可能 要 让 给 " +
    "吗 呢 吧 啊 呀 嘛 么 一 个 一个 些 一些 一下 如 如果 因为 所以 但是 并 并且 而且 以及 什么 怎么 怎样 如何 哪 哪些 哪个 " +
    "是否 为什么 请 请问 问 谢谢 好 们 此 该 各 每 所 由 则 即 呢"
  ).split(" "),
);

/** Lower-cased word tokens (letters and digits, with inner apostrophes, dots or commas in numbers), accents folded. */
export function words(text: string): string[] {
  return surfaceWords(text).map((w) => w.toLowerCase());
}

/**
 * Word tokens as written (case kept), accents folded: "Erdoğan" and "Erdogan", "Siân" and "Sian" are one word;
 * "U.K." and "UK" too. Text in a script written without spaces (Chinese, Japanese, Thai) is cut into words by the
 * platform's segmenter ("今年城市供水" → "今年", "城市", "供水"); only texts holding such letters take that path, so
 * every other text gives exactly the tokens it always did.
 */
export function surfaceWords(text: string): string[] {
  const undotted = text.replace(/\b(?:\p{L}\.){2,}/gu, (acronym) => acronym.replaceAll(".", ""));
  const tokens = undotted.match(/\p{L}[\p{L}\p{M}'’]*|\p{N}+(?:[.,]\p{N}+)*%?/gu) ?? [];
  if (!hasUnspacedScript(undotted)) return tokens.map(foldAccents);
  return tokens.flatMap((token) => (hasUnspacedScript(token) ? splitUnspaced(token) : [token])).map(foldAccents);
}

/** Latin letters without their diacritics; other scripts unchanged (only combining marks after a Latin letter go). */
export function foldAccents(word: string): string {
  // Most words are plain ASCII: skip the normalisation for them.
  if (/^[\x00-\x7f]*$/.test(word)) return word;
  return word
    .normalize("NFD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .replace(/ı/g, "i")
    .normalize("NFC");
}

// Stemming is most of the cost of turning text into terms, and questions and passages repeat their words.
const termCache = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 200_000; // a long-running bot sees unbounded input: start over rather than grow forever

/** The index term of one word: stemmed, or null for a stopword. */
export function termOf(word: string): string | null {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  const w = word.toLowerCase().replace(/['’]s$/, "").replace(/['’]/g, "");
  const term = !w || STOPWORDS.has(w) ? null : /^\p{N}/u.test(w) ? w : isUnspacedWord(w) ? cjkTerm(w) : stemmer(americanSpelling(IRREGULAR.get(w) ?? w));
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(word, term);
  return term;
}

/** A word of an unspaced script is its own term (no stemming), unless it is a function word. */
function cjkTerm(word: string): string | null {
  return CJK_STOPWORDS.has(word) ? null : word;
}

export function terms(text: string): string[] {
  return words(text).flatMap((w) => termOf(w) ?? []);
}

/** The index term of a question word: like termOf, but framing words ("say", "summarize") carry no topic. */
export function queryTermOf(word: string): string | null {
  return QUESTION_WORDS.has(word.toLowerCase()) ? null : termOf(word);
}

/** Terms of a question that say what it is about: no stopwords, no "say"/"tell"-style framing. */
export function contentTerms(question: string): string[] {
  return [...new Set(words(question).filter((w) => !QUESTION_WORDS.has(w)).flatMap((w) => termOf(w) ?? []))];
}

// Irregular verb forms the stemmer cannot join to their verb: "sent" must meet "send", "spoke" "speak".
const IRREGULAR = new Map(
  (
    "sent:send spent:spend built:build paid:pay made:make bought:buy brought:bring taught:teach thought:think held:hold " +
    "kept:keep left:leave lost:lose met:meet sold:sell won:win began:begin begun:begin chose:choose chosen:choose " +
    "drove:drive driven:drive fell:fall fallen:fall gave:give given:give grew:grow grown:grow knew:know known:know " +
    "rose:rise risen:rise saw:see seen:see spoke:speak spoken:speak took:take taken:take wrote:write written:write " +
    "found:find felt:feel led:lead meant:mean struck:strike stood:stand understood:understand told:tell sought:seek " +
    "fought:fight caught:catch ran:run went:go gone:go came:come became:become broke:break broken:break froze:freeze " +
    "frozen:freeze hid:hide hidden:hide shook:shake shaken:shake stole:steal stolen:steal swore:swear sworn:swear " +
    "wore:wear worn:wear withdrew:withdraw withdrawn:withdraw undertook:undertake undertaken:undertake forgave:forgive " +
    "forgiven:forgive overcame:overcome overseen:oversee oversaw:oversee dealt:deal lent:lend bent:bend slid:slide " +
    "sank:sink sunk:sink bled:bleed fled:flee laid:lay"
  )
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

/** British spellings as American ones, so "organisations" meets "organizations" (applied alike to passages and questions). */
function americanSpelling(word: string): string {
  return word
    .replace(/^(\p{L}{2,})is(e|es|ed|ing|ation|ations|er|ers)$/u, "$1iz$2")
    .replace(/^(\p{L}{2,})ys(e|es|ed|ing)$/u, "$1yz$2")
    .replace(/^(\p{L}{3,})our(s|ed|ing|ite|ites|able)?$/u, "$1or$2")
    .replace(/^(\p{L}{3,})tre(s)?$/u, "$1ter$2")
    .replace(/^programme(s)?$/u, "program$1")
    .replace(/^(def|off|lic|pret)ence(s)?$/u, "$1ense$2");
}
