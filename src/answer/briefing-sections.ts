// One briefing's answer to one briefing intent: the bot's own sentence(s) about it, and the passages that show
// where they come from. The sentences name people, roles, places and dates as the transcript writes them; words
// are quoted only with who wrote them (the announcement, the header, a labelled speaker), never put in an official's mouth.
import type { Passage, Turn } from "../types.js";
import type { BriefingIntent } from "../retrieval/intent.js";
import { namesPerson } from "../retrieval/person-match.js";
import { contentTerms, terms } from "../text/terms.js";
import { sentences as sentencesOf } from "../text/sentences.js";
import { introductionOf, officials, substantialTurns, type BriefingFacts, type BriefingPerson } from "./briefing-facts.js";

/** A passage to cite, and the words (any text) whose sentences its quote should show. */
export interface Citation {
  passage: Passage;
  focus: string[];
}

export interface Section {
  text: string;
  citations: Citation[];
  /** False when the briefing does not answer (no question about the topic, no such person). */
  found: boolean;
}

export interface SectionInput {
  facts: BriefingFacts;
  passages: readonly Passage[];
  /** Most passages worth citing. */
  top: number;
  /** The question without the phrase that named the briefing: its other words focus topic quotes. */
  rest: string;
  /** Question turns whose answers content search finds about a topic (when no question uses its words). */
  questionsNear?: (about: string) => Promise<number[]>;
}

// ---- wording ----

export function briefingName(facts: BriefingFacts): string {
  const { title, date } = facts.transcript.meta;
  return date ? `“${title}” (${date})` : `“${title}”`;
}

/** A sentence ends once: no "." after a quotation that already ends one ("…(Monday).”"). */
function ended(text: string): string {
  return /[.!?]["”’)]*$/.test(text) ? text : `${text}.`;
}

export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const count = (n: number, noun: string) => `${n === 1 ? "one" : n} ${noun}${n === 1 ? "" : "s"}`;
const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

/** "Xu Kemin (Director of …)", "Vivek Murthy (Surgeon General; labelled SURGEON GENERAL MURTHY)", "MS. PSAKI". */
export function describe(person: BriefingPerson): string {
  const labels = person.labels.filter((l) => l !== person.name);
  const notes = [person.role, labels.length ? `labelled ${labels.join(", ")}` : null].filter(Boolean);
  return notes.length ? `${person.name} (${notes.join("; ")})` : person.name;
}

/** A label that is only a mark ("Q", "QUESTION"): it names nobody. */
function isMark(label: string): boolean {
  return label.replace(/[^\p{L}]/gu, "").length <= 2 || /^question$/i.test(label);
}

/** How askers are named: by label, or as reporters when the label is only a mark ("Q"). */
function askerName(label: string, one: boolean): string {
  return isMark(label) ? `${one ? "a reporter" : "reporters"} (labelled “${label}”)` : label;
}

function askersOf(turns: readonly Turn[], most = 6): string {
  const labels = [...new Set(turns.map((t) => askerName(t.speaker, turns.length === 1)))];
  return labels.length > most ? `${labels.slice(0, most).join(", ")} and ${labels.length - most} others` : listed(labels);
}

function answerersOf(question: Turn, facts: BriefingFacts): string[] {
  const turns = facts.transcript.turns.filter((t) => t.inResponseTo === question.index);
  return [...new Set(turns.map((t) => facts.speakerOf.get(t.index)?.name ?? t.speaker))];
}

const quoted = (lines: readonly string[]) => lines.map((l) => `“${l}”`).join(", ");
const nameFocus = (person: BriefingPerson) => [person.name, ...(person.aliases ?? [])];

// ---- citations ----

function firstPassageOf(turn: Turn, passages: readonly Passage[]): Passage | undefined {
  return passages.find((p) => p.turn === turn.index);
}

/**
 * The words around a question that can name a reporter labelled only "Q": the last sentence of the official turn that
 * gives the floor ("I'm going to start with Alex of Yahoo News.") and the first sentence of the answer ("Thanks,
 * Demetri."). Cited as written; nothing is guessed from them.
 */
function aroundQuestion(question: Turn, facts: BriefingFacts, passages: readonly Passage[]): { before: Citation | null; after: Citation | null } {
  const previous = facts.transcript.turns[question.index - 1];
  const giving = previous && !previous.isQuestion ? passages.filter((p) => p.turn === previous.index).at(-1) : undefined;
  const answer = passages.find((p) => p.inResponseTo === question.index && !p.isQuestion);
  const last = giving && sentencesOf(giving.text).at(-1);
  const first = answer && sentencesOf(answer.text)[0];
  return {
    before: giving && last ? { passage: giving, focus: [last] } : null,
    after: answer && first ? { passage: answer, focus: [first] } : null,
  };
}

/** Announcement passages that say something: header lines alone ("Press Briefing Room", "1:05 P.M. EDT") cite nothing. */
function announcementPassages(passages: readonly Passage[]): Passage[] {
  return passages.filter((p) => p.turn < 0 && sentencesOf(p.text).some((s) => s.split(/\s+/).length >= 6));
}

/** Passages in order, each once. */
function unique(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => !seen.has(c.passage.id) && seen.add(c.passage.id));
}

/** An official's own words to cite: the first turn with substance, quoted where it answers its question. */
function ownCitation(person: BriefingPerson, input: SectionInput): Citation | null {
  const turn = substantialTurns(person)[0] ?? person.turns[0];
  const passage = turn && firstPassageOf(turn, input.passages);
  return passage ? { passage, focus: questionFocus(turn!, input.facts) } : null;
}

// Courtesies ("Thank you for your question.", "Hi, everyone.") open many turns but say nothing.
const COURTESY = /\b(?:thanks?|thank you|questions?|hi|hello|good (?:morning|afternoon|evening)|everyone|everybody|all right|okay|my|our)\b/gi;

/**
 * The words a turn's quote should show: those of the question it answers; for remarks that answer none, their
 * own words without the courtesies, so that the quote is the sentences with substance.
 */
function questionFocus(turn: Turn, facts: BriefingFacts): string[] {
  const asked = turn.inResponseTo === null ? null : facts.transcript.turns[turn.inResponseTo];
  return [(asked ?? turn).text.replace(COURTESY, " ")];
}

/** A question turn's quote shows what it asks: its sentences that end in a question mark. */
function askingFocus(turn: Turn): string[] {
  const asking = sentencesOf(turn.text).filter((s) => /[?？]["”’)]*$/.test(s));
  return asking.length ? asking : [turn.text.replace(COURTESY, " ")];
}

// ---- sections, one per intent ----

export function speakersSection(intent: Extract<BriefingIntent, { kind: "speakers" }>, input: SectionInput): Section {
  const { facts } = input;
  const all = officials(facts);
  const known = all.filter((p) => intent.besides.some((name) => namesPerson(name, p)));
  const others = all.filter((p) => !known.includes(p));
  const shown = others.length ? others : all;
  const sentences: string[] = [];
  const source = facts.transcript.meta.source;
  if (intent.host) {
    sentences.push(source ? `The transcript of ${briefingName(facts)} gives its source as “${source}”.` : `The transcript of ${briefingName(facts)} does not name the body that held it; its title and speakers follow.`);
  }
  if (!shown.length) sentences.push(`No official speaks in the transcript of ${briefingName(facts)}.`);
  else {
    const besides = known.length && others.length ? `besides ${listed(known.map((p) => p.name))}, ` : "";
    const many = shown.length > 1;
    sentences.push(`At ${briefingName(facts)}, ${besides}the official${many ? "s" : ""} who spoke ${many ? "were" : "was"} ${listed(shown.map(describe))}.`);
  }
  const chairs = facts.people.filter((p) => p.part === "chair");
  if (chairs.length) sentences.push(`${listed(chairs.map(describe))} moderated.`);
  const silent = facts.people.filter((p) => p.part === "official" && !p.turns.length);
  if (silent.length) {
    sentences.push(`${listed(silent.map(describe))} ${silent.length > 1 ? "were" : "was"} on the panel, according to the announcement, but did not speak.`);
  }
  if (facts.questions.length) sentences.push(`Questions came from ${askersOf(facts.questions)}.`);
  // The introductions first: they say who each official is; an official nobody introduces is cited in their own words.
  const introductions = shown.flatMap((p) => {
    const passage = introductionOf(p, facts, input.passages);
    return passage ? [{ passage, focus: shown.flatMap(nameFocus) }] : [];
  });
  // Then each official's own words: who spoke is shown by what they said.
  const own = shown.flatMap((p) => ownCitation(p, input) ?? []);
  return { text: sentences.join(" "), citations: unique([...introductions, ...own]), found: true };
}

export function personSection(people: BriefingPerson[], input: SectionInput): Section {
  const { facts } = input;
  const sentences: string[] = [`At ${briefingName(facts)}:`];
  const citations: Citation[] = [];
  for (const person of people) {
    const introduction = person.part === "official" ? introductionOf(person, facts, input.passages) : null;
    const labels = person.labels.filter((l) => l !== person.name);
    const named = labels.length ? `${person.name} (${labels.join(", ")})` : person.name;
    if (person.role) sentences.push(ended(`${named} is ${person.role}, according to ${person.roleFrom ?? "the transcript"}`));
    if (introduction) {
      const by = introduction.turn < 0 ? "The announcement" : introduction.speaker;
      sentences.push(`${by} introduces ${person.name}; the introduction is quoted below.`);
      citations.push({ passage: introduction, focus: nameFocus(person) });
    }
    if (!person.role && !introduction) sentences.push(`The transcript gives no role for ${named}.`);
    sentences.push(activity(person));
    const own = ownCitation(person, input);
    if (own) citations.push(own);
  }
  return { text: sentences.join(" "), citations: unique(citations), found: true };
}

function activity(person: BriefingPerson): string {
  if (!person.turns.length) return `${person.name} did not speak.`;
  if (person.part === "asker") return `${person.name} asked ${count(person.turns.filter((t) => t.isQuestion).length, "question")}.`;
  const answers = person.turns.filter((t) => t.inResponseTo !== null).length;
  return `${person.name} spoke ${times(person.turns.length)}${answers ? `, answering ${count(answers, "question")}` : ""}.`;
}

export function saidSection(people: BriefingPerson[], input: SectionInput): Section {
  const { facts } = input;
  const sentences: string[] = [];
  const citations: Citation[] = [];
  for (const person of people) {
    if (!person.turns.length) {
      sentences.push(`${describe(person)} was on the panel at ${briefingName(facts)}, according to the announcement, but did not speak.`);
      const introduction = introductionOf(person, facts, input.passages);
      if (introduction) citations.push({ passage: introduction, focus: nameFocus(person) });
      continue;
    }
    if (person.part === "asker") {
      const asked = person.turns.filter((t) => t.isQuestion);
      sentences.push(`${person.name} asked ${count(asked.length, "question")} at ${briefingName(facts)}; ${asked.length === 1 ? "it is" : "they are"} quoted below.`);
      citations.push(...asked.flatMap((t) => (firstPassageOf(t, input.passages) ? [{ passage: firstPassageOf(t, input.passages)!, focus: askingFocus(t) }] : [])));
      continue;
    }
    const answers = person.turns.filter((t) => t.inResponseTo !== null).length;
    // Their longest turns carry what they came to say; shown in the order they said it.
    const main = [...substantialTurns(person)].sort((a, b) => b.text.length - a.text.length || a.index - b.index).slice(0, input.top).sort((a, b) => a.index - b.index);
    sentences.push(
      `${describe(person)} spoke ${times(person.turns.length)} at ${briefingName(facts)}${answers ? `, answering ${count(answers, "question")}` : ""}.` +
        (main.length ? ` The main ${answers ? "answers are" : "remarks are"} quoted below, in the order given.` : ""),
    );
    // The start of each main turn first, then how each goes on, while there is room.
    const byTurn = main.map((t) => input.passages.filter((p) => p.turn === t.index).map((passage) => ({ passage, focus: questionFocus(t, facts) })));
    for (let part = 0; byTurn.some((list) => part < list.length); part++) citations.push(...byTurn.flatMap((list) => list[part] ?? []));
  }
  return { text: sentences.join(" "), citations: unique(citations), found: true };
}

const MIN_QUESTION_WORDS = 4;

/** The share of a topic's terms a question must hold to be about it: all of one or two terms, most of more. */
function about(text: string, topic: readonly string[]): boolean {
  const present = new Set(terms(text));
  const held = topic.filter((t) => present.has(t)).length;
  return topic.length > 0 && (topic.length <= 2 ? held === topic.length : held / topic.length >= 0.6);
}

export async function questionsSection(intent: Extract<BriefingIntent, { kind: "questions" }>, input: SectionInput): Promise<Section> {
  const { facts } = input;
  const name = briefingName(facts);
  let asked = facts.questions;
  const by = intent.by.length ? facts.people.filter((p) => intent.by.some((n) => namesPerson(n, p))) : [];
  if (by.length) asked = asked.filter((q) => by.some((p) => p.turns.includes(q)));
  let near = false;
  if (intent.about) {
    const topic = contentTerms(intent.about);
    const direct = asked.filter((q) => about(q.text, topic));
    if (!direct.length && input.questionsNear) {
      const turns = new Set(await input.questionsNear(intent.about));
      asked = asked.filter((q) => turns.has(q.index));
      near = asked.length > 0;
    } else asked = direct;
  }
  if (intent.first || intent.last) {
    // The first (or last) real question: "Q: Good, thank you." or "Q: Yes?" open or close nothing.
    const real = asked.filter((q) => q.text.split(/\s+/).length >= MIN_QUESTION_WORDS);
    const one = (intent.first ? real[0] : real.at(-1)) ?? (intent.first ? asked[0] : asked.at(-1));
    asked = one ? [one] : [];
  }
  const citations: Citation[] = asked.slice(0, input.top).flatMap((q) => {
    const passage = firstPassageOf(q, input.passages);
    return passage ? [{ passage, focus: intent.about ? [intent.about] : askingFocus(q) }] : [];
  });
  const topic = intent.about ? `“${intent.about}”` : "";
  const who = by.length ? listed(by.map((p) => p.name)) : "reporters";

  if (!asked.length) {
    const text = intent.about ? `No question at ${name} is about ${topic}.` : by.length ? `${who} asked no question at ${name}.` : `No questions were asked at ${name}.`;
    return { text, citations: [], found: !intent.about };
  }
  const answered = (q: Turn) => {
    const answerers = answerersOf(q, facts);
    return answerers.length ? `, answered by ${listed(answerers)}` : "";
  };
  const shownNote =
    asked.length > input.top
      ? input.top === 1 ? "the first is quoted below" : `the first ${input.top} are quoted below`
      : asked.length === 1 ? "it is quoted below" : "they are quoted below";
  // Asked who asked one question, and the asker is only a mark ("Q"): the words that give them the floor and the
  // answer's first words, which often name them, are cited around it.
  const single = asked.length === 1 ? asked[0]! : null;
  const around = single && intent.askers && isMark(single.speaker) ? aroundQuestion(single, facts, input.passages) : null;
  if (around) citations.splice(0, citations.length, ...[around.before, citations[0], around.after].filter((c): c is Citation => !!c));
  const aroundNote = around?.before || around?.after ? ", with the words around it that may name the reporter" : "";
  if (intent.first || intent.last) {
    const q = asked[0]!;
    return { text: `The ${intent.first ? "first" : "last"} question at ${name}${topic ? ` about ${topic}` : ""} came from ${askersOf([q])}${answered(q)}; it is quoted below${aroundNote}.`, citations, found: true };
  }
  if (intent.about) {
    const how = near ? `No question at ${name} uses the words ${topic}, but ${count(asked.length, "question")} got answers about it` : `At ${name}, ${topic} came up in ${count(asked.length, "question")}`;
    const answeredBy = asked.length === 1 ? answered(asked[0]!) : "";
    return { text: `${how}, from ${askersOf(asked)}${answeredBy}; ${shownNote}${aroundNote}.`, citations, found: true };
  }
  const each = asked.length > 1 ? ", each with who asked it" : "";
  // "Which outlet asked a question?": the askers by name, as labelled.
  const named = asked.some((q) => !isMark(q.speaker));
  const askedBy = intent.askers && !by.length && named ? `, from ${askersOf(asked)}` : "";
  return { text: `At ${name}, ${who} asked ${count(asked.length, "question")}${askedBy}${asked.length === 1 ? answered(asked[0]!) : ""}; ${shownNote}${each}${aroundNote}.`, citations, found: true };
}

export function whenWhereSection(intent: Extract<BriefingIntent, { kind: "when-where" }>, input: SectionInput): Section {
  const { facts } = input;
  const { header } = facts;
  const { date } = facts.transcript.meta;
  const title = `“${facts.transcript.meta.title}”`;
  const sentences: string[] = [date ? `${title} is dated ${date}.` : `${title} has no date in the transcript's front matter.`];
  const lines = [...(intent.when ? [...header.dates, ...header.times] : []), ...(intent.where ? header.places : [])];
  if (lines.length) sentences.push(ended(`Its header reads ${quoted(lines)}`));
  const says = header.sentences.filter((s) => (intent.when && /\d/.test(s)) || (intent.where && /\b(?:held|hosted|take place|took place|venue|located)\s+(?:in|at)\b/i.test(s)));
  if (says.length) sentences.push(ended(`The announcement says: ${quoted(says.slice(0, 2))}`));
  const placeSaid = header.places.length > 0 || says.some(namesPlace);
  if (intent.where && !placeSaid) sentences.push("The transcript does not say where it was held.");
  if (intent.when && !date && !header.dates.length && !header.times.length && !says.length) sentences.push("The transcript does not say when it was held.");
  const shown = [...lines, ...says];
  const citations = announcementPassages(input.passages)
    .filter((p) => shown.some((line) => p.text.includes(line)))
    .map((passage) => ({ passage, focus: shown }));
  return { text: sentences.join(" "), citations, found: true };
}

const MONTH_NAMES = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/;

/** "… held at 9 am on March 22, 2023 in the Lakeside City Hall." names a place; "… at 10 am on March 30, 2020." does not. */
function namesPlace(sentence: string): boolean {
  const withoutTimes = sentence.replace(/\bat\s+\d{1,2}(?::\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)?/gi, " ");
  return [...withoutTimes.matchAll(/\b(?:in|at)\s+(?:the\s+)?(\p{Lu}\p{L}*)/gu)].some((m) => !MONTH_NAMES.test(m[1]!));
}

/** Whether a question turn is about a topic: all of its one or two terms, most of more. */
export function asksAbout(text: string, topic: string): boolean {
  return about(text, contentTerms(topic));
}

// Words with which an opening statement says what the briefing is for.
const TOPIC_CUES = /\b(?:announc\w*|topic|purpose|focus\w*|discuss\w*|today|update|here to|talk (?:to you )?about|briefed on|brief you on|main|new|launch\w*)\b/gi;

export function topicSection(input: SectionInput): Section {
  const { facts } = input;
  const sentences: string[] = [`${briefingName(facts)}.`];
  const prose = facts.header.prose.filter((s) => /\b(?:brief|briefed|about|announce|discuss|questions|topic|purpose|focus|on the)\b/i.test(s));
  if (prose.length) sentences.push(ended(`The announcement says: ${quoted(prose.slice(0, 2))}`));
  const opening = facts.opening.filter((t) => t.text.split(/\s+/).length > 6);
  const openers = [...new Set(opening.map((t) => facts.speakerOf.get(t.index)?.name ?? t.speaker))];
  if (openers.length) sentences.push(`${listed(openers)} opened the briefing; the opening remarks that say what it is about are quoted below.`);
  if (facts.questions.length) sentences.push(`Reporters asked ${count(facts.questions.length, "question")}.`);
  const wanted = new Set(contentTerms(input.rest));
  const score = (p: Passage) => (p.text.match(TOPIC_CUES)?.length ?? 0) + terms(p.text).filter((t) => wanted.has(t)).length;
  const openingPassages = input.passages.filter((p) => opening.some((t) => t.index === p.turn));
  const stated = [...openingPassages].sort((a, b) => score(b) - score(a) || a.turn - b.turn || a.part - b.part).slice(0, 2);
  // Without opening remarks, the first answers show what the briefing dealt with.
  const firstAnswers = stated.length ? [] : officials(facts).flatMap((p) => ownCitation(p, input) ?? []).slice(0, 2);
  const citations = [
    ...announcementPassages(input.passages).map((passage) => ({ passage, focus: [input.rest, "brief", "announce", "discuss"] })),
    ...stated.map((passage) => ({ passage, focus: [input.rest, "announce", "topic", "purpose", "focus", "discuss", "today"] })),
    ...firstAnswers,
  ];
  return { text: sentences.join(" "), citations: unique(citations), found: true };
}

export function openingSection(input: SectionInput): Section {
  const { facts } = input;
  const opening = facts.opening.filter((t) => t.text.split(/\s+/).length > 6);
  if (!opening.length) {
    const first = facts.questions[0];
    const passage = first && firstPassageOf(first, input.passages);
    return {
      text: first ? `${briefingName(facts)} opens directly with a question from ${askersOf([first])}; it is quoted below.` : `${briefingName(facts)} has no opening remarks.`,
      citations: passage ? [{ passage, focus: askingFocus(first!) }] : [],
      found: true,
    };
  }
  const names = [...new Set(opening.map((t) => {
    const person = facts.speakerOf.get(t.index);
    return person ? describe(person) : t.speaker;
  }))];
  const passages = input.passages.filter((p) => opening.some((t) => t.index === p.turn));
  return {
    text: `${listed(names)} opened ${briefingName(facts)}; the opening remarks are quoted below, in order.`,
    citations: passages.map((passage) => ({ passage, focus: questionFocus(facts.transcript.turns[passage.turn]!, facts) })),
    found: true,
  };
}
