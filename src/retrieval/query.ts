// A question, analysed once: whom it asks about, what it is about (weighted terms, with the other ways the briefings
// may say them), and which of its words the briefings never use. Ranking, "not found" and quote selection all read this.
import type { LexicalIndex } from "../index/lexical.js";
import type { QueryTerms } from "./lexical.js";
import type { Vocabulary } from "../index/vocabulary.js";
import { QUESTION_WORDS, surfaceWords, termOf } from "../text/terms.js";
import type { BriefingMeta } from "../types.js";
import { briefingsNamed, type NamedBriefings } from "./briefing-names.js";
import { briefingIntent, type BriefingIntent, type PeopleSource } from "./intent.js";
import { namings, type SpeakerIndex } from "./speakers.js";
import { acronymMatches, correction } from "./vocabulary.js";

export interface TopicTerm {
  /** The index term searched: the stem of the word as typed, or of its correction. */
  term: string;
  /** The word as typed. */
  word: string;
  /**
   * 1, or less: for a scene-setting clause ("…when talking about X"), a person the question is about, or a word of a
   * spelled-out acronym (its share of the one concept).
   */
  weight: number;
  /** The part of one concept this term is: 1, or 1/n for each of the n words of a spelled-out acronym. */
  share: number;
  /** Other ways the briefings say it, each a set of terms that must all occur: "sme" for "small", and back. */
  alternatives: string[][];
  /** The briefings' word searched instead of a word they never use ("resumpion" → "resumption"), or null. */
  correctedTo: string | null;
  /** The term, or one of its alternatives, occurs in the briefings (a corrected word counts as its correction). */
  known: boolean;
  /** Capitalised inside the question: a name ("Suez", "TikTok"). */
  proper: boolean;
}

export interface Query {
  question: string;
  /** Speakers (places in SpeakerIndex.keys) the question names anywhere. */
  named: Set<number>;
  /**
   * Speakers whose words the question asks for: named as the ones speaking ("What did Bains say…", "according to
   * Zients", "Kirsty Williams' opinion"), and anyone joined to them by "and". A name used otherwise ("the Biden–Xi
   * meeting", "Will Biden send troops?") is what the question is about, not who answers it.
   */
  asked: Set<number>;
  topic: TopicTerm[];
  /** The question as searched, when words were corrected ("Showing answers for: …"); null otherwise. */
  correctedQuestion: string | null;
  /** Transcripts the question names by date or title ("in November 2021", "at Psaki's briefing"); null when none. */
  briefings: Set<string> | null;
  /** The naming phrases and the question without them, as found. */
  namedBriefings: NamedBriefings | null;
  /** A question about the briefing itself ("Who spoke?", "When was it?"), answered from its structure; null: content. */
  intent: BriefingIntent | null;
}

export interface QueryContext {
  speakers: SpeakerIndex;
  lexical: LexicalIndex;
  vocabulary: Vocabulary;
  /** Weight of a scene-setting clause against the rest of the question. */
  sceneWeight: number;
  /** Weight of the words naming a person the question is about but does not ask to quote ("Biden" in "Did Biden…"). */
  personWeight: number;
  /** The briefings in the index, for questions that name one by date or title. */
  briefings?: readonly { meta: BriefingMeta }[];
  /** Everyone the briefings name, to tell "What did X say?" (a briefing question) from a content one; no intent without. */
  people?: PeopleSource;
}

// Words that, right after a name, make that person the one speaking: "What did Bains say", "Kirsty Williams' opinion".
// Not words that also name doings ("share a meal", "make available", "take office"): those leave the name a topic.
const SPEECH = new Set(
  (
    "say said says saying tell told think thinks thought believe believes believed feel feels felt argue argued argues " +
    "claim claimed claims announce announced announces propose proposed proposes describe described describes explain " +
    "explained explains respond responded responds react reacted reacts answer answered answers reply replied replies " +
    "mean meant call called warn warned admit admitted deny denied suggest suggested insist insisted expect expected " +
    "promise promised pledge pledged stress stressed emphasize emphasized emphasise emphasised note noted acknowledge " +
    "acknowledged add added agree agreed agrees disagree disagreed view views comment commented comments mention " +
    "mentioned discuss discussed talk talked report reported state stated confirm confirmed indicate indicated consider " +
    "considered recommend recommended advise advised urge urged predict predicted hope hoped cite cited elaborate " +
    "elaborated summarize summarise opinion opinions position positions concern concerns remarks response reaction " +
    "statement message assessment argument stance words proposal question questions explanation characterize characterise"
  ).split(" "),
);
// Words before a name that make that person the one speaking: "according to Zients", "what we heard from Psaki".
const SPEECH_BEFORE = [["according", "to"], ["from"], ["by"], ["ask"], ["asked"]];

// "What did X think about A when talking about B?": B says where in the briefing, A what is asked.
/**
 * A name typed without its space ("JustinTrudeau"): a word the briefings never use, made of two capitalised words
 * they only ever write capitalised, is read as the two.
 */
function spacedNames(question: string, vocabulary: Vocabulary): string {
  const isName = (word: string) => {
    const use = vocabulary.words.get(word.toLowerCase());
    return !!use && use.capitalised > 0 && use.lowercase === 0;
  };
  return question.replace(/(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)(\p{Lu}\p{Ll}+)(?![\p{L}\p{N}])/gu, (whole, first: string, second: string) =>
    !vocabulary.words.has(whole.toLowerCase()) && isName(first) && isName(second) ? `${first} ${second}` : whole,
  );
}

const SCENE_SETTING = /\b(?:when|while)\s+(?:talking|discussing|answering|asked|speaking|responding|debating)\b/i;

export function analyseQuestion(typed: string, context: QueryContext): Query {
  const question = spacedNames(typed, context.vocabulary);
  const briefings = context.briefings ? briefingsNamed(question, context.briefings) : null;
  const rest = briefings?.question ?? question;
  // "at the 22 March briefing" says where to look more than what about: its words count like a scene-setting clause,
  // and not at all when the briefings never use them.
  const scope = new Set((briefings?.phrases ?? []).flatMap((phrase) => surfaceWords(phrase).map((w) => w.toLowerCase())));
  const written = surfaceWords(question).map((w) => w.replace(/['’]s$/, "").replace(/['’]$/, ""));
  const tokens = written.map((w) => w.toLowerCase());
  const found = namings(tokens, context.speakers).sort((a, b) => a.start - b.start || b.end - a.end);
  const named = new Set(found.map((n) => n.speaker));
  const asked = askedSpeakers(tokens, found);
  // Whose words to quote is not what they are about: the words naming an asked speaker are left out of the topic. A
  // person named otherwise ("Did Biden discuss AUKUS with Xi?") is part of it, though the answer may say "he".
  const naming = new Array<boolean>(tokens.length).fill(false);
  const aboutPerson = new Array<boolean>(tokens.length).fill(false);
  for (const { start, end, speaker } of found) (asked.has(speaker) ? naming : aboutPerson).fill(true, start, end);

  const sceneStart = sceneIndex(question, written);
  const acronyms = acronymMatches(tokens, context.vocabulary, written);
  const topic: TopicTerm[] = [];
  const seen = new Set<string>();
  let corrected = question !== typed;
  const shown: string[] = [];
  tokens.forEach((token, i) => {
    shown.push(written[i]!);
    if (naming[i] || QUESTION_WORDS.has(token)) return;
    const typed = termOf(token);
    if (typed === null) return;
    const proper = i > 0 && /^\p{Lu}/u.test(written[i]!);
    // A name is the word itself, not its stem: "Supreme" is not known from "supremely".
    const known = context.lexical.documentFrequency.has(typed) && (!proper || writtenInBriefings(token, context.vocabulary));
    if (scope.has(token) && !known) return;
    const correctedTo = known ? null : correction(written[i]!, proper, context.vocabulary);
    const term = correctedTo ? (termOf(correctedTo) ?? typed) : typed;
    if (correctedTo) {
      corrected = true;
      shown[i] = correctedTo;
    }
    if (seen.has(term)) return;
    seen.add(term);
    const covering = acronyms.filter((a) => a.start <= i && i < a.end);
    const alternatives = covering
      .map((a) => (a.end - a.start === 1 ? a.expansion : [a.acronym]))
      .filter((terms) => terms.length > 0 && !(terms.length === 1 && terms[0] === term));
    const knownAlternative = alternatives.some((terms) => terms.every((t) => context.lexical.documentFrequency.has(t)));
    // A spelled-out acronym is one concept, as the acronym is: "Strategic Petroleum Reserve" must not outweigh
    // "emergency" three to one. Its words share the weight the acronym would have.
    const share = 1 / Math.max(1, ...covering.filter((a) => a.end - a.start > 1).map((a) => a.expansion.length));
    topic.push({
      term,
      word: written[i]!,
      weight: ((sceneStart !== null && i >= sceneStart) || scope.has(token) ? context.sceneWeight : 1) * (aboutPerson[i] ? context.personWeight : 1) * share,
      share,
      alternatives,
      correctedTo,
      known: known || !!correctedTo || knownAlternative,
      proper,
    });
  });
  return {
    question,
    named,
    asked,
    topic,
    correctedQuestion: corrected ? shown.join(" ") : null,
    briefings: briefings && briefings.ids.length > 0 ? new Set(briefings.ids) : null,
    namedBriefings: briefings,
    intent: context.people ? briefingIntent(rest, context.people) : null,
  };
}

/** Whether the briefings write this word (lower case), give or take a plural or possessive ending. */
function writtenInBriefings(word: string, vocabulary: Vocabulary): boolean {
  const bare = word.replace(/(?:['’]s|e?s)$/, "");
  return [word, bare, `${word}s`, `${bare}s`, `${bare}es`, `${bare}'s`, `${bare}’s`].some((form) => vocabulary.words.has(form));
}

/**
 * Whom the question asks about: the first person named as speaking, and anyone joined to them by "and" ("What did
 * Bains and the Minister of Seniors say?"). "What did Tracey Breheny reply to Bains?" asks about Breheny only.
 */
function askedSpeakers(tokens: readonly string[], found: readonly { speaker: number; start: number; end: number }[]): Set<number> {
  const asked = new Set<number>();
  const first = found.findIndex((n) => speaking(tokens, n.start, n.end) || joinedToSpeaking(tokens, found, n));
  if (first < 0) return asked;
  let end = -1;
  for (const naming of found.slice(first)) {
    // Keys of one person overlap ("Bill Morneau", "Morneau"); "and" or "and the" joins another person.
    const joined = end < 0 || naming.start < end || tokens.slice(end, naming.start).every((w) => w === "and" || w === "the");
    if (!joined) break;
    asked.add(naming.speaker);
    end = Math.max(end, naming.end);
  }
  return asked;
}

/**
 * Named as the one speaking: a speech word right after the name, or "according to" / "from" right before. Not when the
 * word tells of talks with someone ("Did Biden discuss AUKUS with Xi?"): others may report what happened there.
 */
function speaking(tokens: readonly string[], start: number, end: number): boolean {
  const verbAt = SPEECH.has(tokens[end] ?? "") ? end : SPEECH.has(tokens[end + 1] ?? "") && !SPEECH_BLOCKERS.has(tokens[end] ?? "") ? end + 1 : -1;
  if (verbAt >= 0) return !(INTERACTION.has(tokens[verbAt]!) && tokens.slice(verbAt + 1, verbAt + 1 + INTERACTION_REACH).includes("with"));
  return SPEECH_BEFORE.some((before) => before.every((w, j) => tokens[start - before.length + j] === w));
}
// Verbs of talks between people: "discuss … with", "talk … with", "speak … with".
const INTERACTION = new Set(["discuss", "discussed", "talk", "talked", "speak", "spoke"]);
const INTERACTION_REACH = 8;
// "Will Biden's trip to Rome…" is not speech even though a speech word may follow two words later.
const SPEECH_BLOCKERS = new Set(["trip", "visit", "meeting", "administration", "government", "plan", "and", "or"]);

/** "What did Bains and the Minister say": the first of people joined by "and" speaks when the last does. */
function joinedToSpeaking(
  tokens: readonly string[],
  found: readonly { speaker: number; start: number; end: number }[],
  naming: { start: number; end: number },
): boolean {
  let end = naming.end;
  for (const next of found) {
    if (next.start < end) continue;
    if (!tokens.slice(end, next.start).every((w) => w === "and" || w === "the")) break;
    if (speaking(tokens, next.start, next.end)) return true;
    end = next.end;
  }
  return false;
}

/** Index of the first word of a trailing scene-setting clause, or null when there is none (or it opens the question). */
function sceneIndex(question: string, written: readonly string[]): number | null {
  const scene = SCENE_SETTING.exec(question);
  if (!scene || scene.index === 0) return null;
  const before = surfaceWords(question.slice(0, scene.index)).length;
  return before > 0 && before < written.length ? before : null;
}

/**
 * The question's terms as the BM25 search weighs them: each topic term at its weight, and the other ways of saying it
 * once, at the highest weight of the terms they stand for ("sme" once for "small and medium enterprises").
 */
export function searchTerms(query: Query): QueryTerms[] {
  const alternatives = new Map<string, { weight: number; share: number }>();
  // An expansion's words share the weight of the one word they stand for: "HEFCW" must not become five topics.
  for (const t of query.topic) {
    for (const terms of t.alternatives) {
      for (const term of terms) {
        const before = alternatives.get(term);
        alternatives.set(term, {
          weight: Math.max(before?.weight ?? 0, t.weight / terms.length),
          share: Math.max(before?.share ?? 0, t.share / terms.length),
        });
      }
    }
  }
  const own = new Set(query.topic.map((t) => t.term));
  return [
    ...query.topic.map((t) => ({ terms: [t.term], weight: t.weight, share: t.share })),
    ...[...alternatives].filter(([term]) => !own.has(term)).map(([term, { weight, share }]) => ({ terms: [term], weight, share })),
  ];
}

/** Whether a passage's terms cover a topic term: the term itself or every term of one of its alternatives. */
export function covers(present: ReadonlySet<string>, topic: TopicTerm): boolean {
  return present.has(topic.term) || topic.alternatives.some((terms) => terms.every((t) => present.has(t)));
}
