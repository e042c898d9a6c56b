// Questions about the briefing itself, answered from its structure: which briefing(s) the question means (named
// by date or title, picked by "latest", pointed to by its words), then one section per briefing in the bot's own
// words, with the passages it comes from as hits. Pure but for the injected sources.
import type { Answer, AskOptions, Hit, Passage, Transcript } from "../types.js";
import { briefingsNamed, type NamedBriefings } from "../retrieval/briefing-names.js";
import { briefingIntent, type BriefingIntent } from "../retrieval/intent.js";
import { namesPerson } from "../retrieval/person-match.js";
import { briefingFacts, type BriefingFacts, type BriefingPerson } from "./briefing-facts.js";
import type { RankedBriefing } from "./briefing-rank.js";
import {
  asksAbout,
  briefingName,
  listed,
  openingSection,
  personSection,
  questionsSection,
  saidSection,
  speakersSection,
  topicSection,
  whenWhereSection,
  type Section,
  type SectionInput,
} from "./briefing-sections.js";

/** What answering needs from the engine, injected so that this module stays pure. */
export interface BriefingSources {
  transcripts: readonly Transcript[];
  /** The transcript's passages in order; announcement passages (turn -1, speaker "Announcement") first when indexed. */
  passagesOf(transcriptId: string): readonly Passage[];
  /** A cited hit; its quote shows the sentences that hold the `focus` words (a name, topic words). */
  toHit(passage: Passage, rank: number, focus: readonly string[]): Hit;
  /** Of the ids `among`, those the words point to, best first, each scoring above 0. */
  rankBriefings(words: string, among: readonly string[]): RankedBriefing[];
  /** Content search, without the briefing questions (e.g. the answers about a topic no question names). */
  search(question: string, options: AskOptions): Promise<Answer>;
}

export interface BriefingAskOptions {
  /** Most hits (the front end's top). */
  top: number;
  /** Ids the caller restricts the question to (`--transcript`); all when absent. */
  within?: readonly string[];
  /** The question as src/retrieval/query.ts analysed it (the briefings it names, its intent): not analysed again. */
  analysed?: { named: NamedBriefings | null; intent: BriefingIntent | null };
}

export type BriefingAnswer = Omit<Answer, "mode">;

/** Briefings the words point to are those within this share of the best score. */
const POINTED_SHARE = 0.6;
/** Most briefings one answer covers. */
const MOST_BRIEFINGS = 3;

const factsCache = new WeakMap<Transcript, BriefingFacts>();

export function factsOf(transcript: Transcript): BriefingFacts {
  let facts = factsCache.get(transcript);
  if (!facts) factsCache.set(transcript, (facts = briefingFacts(transcript)));
  return facts;
}

/** Everyone the briefings name (speakers and the announcement's roster), for briefingIntent. */
export function peopleOf(transcripts: readonly Transcript[]): BriefingPerson[] {
  return transcripts.flatMap((t) => factsOf(t).people);
}

/**
 * The answer to a question about the briefing itself, or null for a content question. `found` is false when
 * the briefing does not answer it (no question on that topic, no such person there); `answer` then says so.
 */
export async function answerAboutBriefing(question: string, sources: BriefingSources, options: BriefingAskOptions): Promise<BriefingAnswer | null> {
  const scope = options.within ? sources.transcripts.filter((t) => options.within!.includes(t.meta.id)) : [...sources.transcripts];
  if (!scope.length) return null;
  const named = options.analysed ? options.analysed.named : briefingsNamed(question, scope);
  const rest = named?.question ?? question;
  const intent = options.analysed ? options.analysed.intent : briefingIntent(rest, () => peopleOf(scope));
  if (!intent) return null;
  if (intent.kind === "list") return listAnswer(question, scope);

  const candidates = named ? scope.filter((t) => named.ids.includes(t.meta.id)) : scope;
  const asked = askedAbout(intent);
  const present = asked.length ? candidates.filter((t) => factsOf(t).people.some((p) => asked.some((n) => namesPerson(n, p)))) : candidates;
  if (!present.length) {
    const where = candidates.length === 1 ? briefingName(factsOf(candidates[0]!)) : "the briefings asked about";
    return { question, found: false, kind: "briefing", answer: `${listed(asked)} ${asked.length > 1 ? "are" : "is"} not among the people of ${where}.`, hits: [] };
  }
  // "Who asked about night buses?" points to the briefings where a question is about night buses.
  const topic = intent.kind === "questions" ? intent.about : null;
  const asking = topic ? present.filter((t) => factsOf(t).questions.some((q) => asksAbout(q.text, topic))) : [];
  const { chosen, note } = chooseBriefings(intent, rest, named, asking.length ? asking : present, sources);
  const sections: Section[] = [];
  for (const transcript of chosen) {
    const input: SectionInput = {
      facts: factsOf(transcript),
      passages: sources.passagesOf(transcript.meta.id),
      top: options.top,
      rest,
      questionsNear: (about) => questionsNear(about, transcript, sources),
    };
    sections.push(await section(intent, input));
  }
  return {
    question,
    found: sections.some((s) => s.found),
    kind: "briefing",
    answer: [note, ...sections.map((s) => s.text)].filter(Boolean).join("\n"),
    hits: interleave(sections, options.top).map((c, i) => sources.toHit(c.passage, i + 1, c.focus)),
  };
}

function askedAbout(intent: BriefingIntent): string[] {
  if (intent.kind === "person" || intent.kind === "said") return intent.people;
  if (intent.kind === "questions") return intent.by;
  return [];
}

function peopleIn(names: readonly string[], facts: BriefingFacts): BriefingPerson[] {
  return facts.people.filter((p) => names.some((n) => namesPerson(n, p)));
}

async function section(intent: BriefingIntent, input: SectionInput): Promise<Section> {
  switch (intent.kind) {
    case "speakers":
      return speakersSection(intent, input);
    case "person":
      return personSection(peopleIn(intent.people, input.facts), input);
    case "said":
      return saidSection(peopleIn(intent.people, input.facts), input);
    case "questions":
      return questionsSection(intent, input);
    case "when-where":
      return whenWhereSection(intent, input);
    case "topic":
      return topicSection(input);
    case "opening":
      return openingSection(input);
    case "list":
      throw new Error("unreachable: the list of briefings has no per-briefing section");
  }
}

const byDate = (a: Transcript, b: Transcript) => (b.meta.date ?? "").localeCompare(a.meta.date ?? "") || a.meta.id.localeCompare(b.meta.id);

/**
 * The briefings to answer for: the one picked by date ("the latest"), else those the question's words point to
 * among the candidates, else every briefing a date names, else the most recent; with a note saying which when
 * that is not plain from the question.
 */
function chooseBriefings(
  intent: BriefingIntent,
  rest: string,
  named: NamedBriefings | null,
  candidates: readonly Transcript[],
  sources: BriefingSources,
): { chosen: Transcript[]; note: string | null } {
  const sorted = [...candidates].sort(byDate);
  if (sorted.length === 1) return { chosen: sorted, note: null };
  if (intent.pick) {
    const dated = sorted.filter((t) => t.meta.date);
    const edge = intent.pick === "latest" ? dated[0]?.meta.date : dated.at(-1)?.meta.date;
    const chosen = edge ? dated.filter((t) => t.meta.date === edge) : sorted.slice(0, 1);
    return { chosen, note: `The ${intent.pick === "latest" ? "most recent" : "earliest"} briefing is dated ${edge ?? "(no date)"}.` };
  }
  const ranked = sources.rankBriefings(rest, sorted.map((t) => t.meta.id));
  const best = ranked[0]?.score ?? 0;
  const pointed = ranked.filter((r) => r.score >= best * POINTED_SHARE).slice(0, MOST_BRIEFINGS);
  const byId = (id: string) => sorted.find((t) => t.meta.id === id)!;
  const phrase = named ? named.phrases.map((p) => `“${p}”`).join(" and ") : "";
  if (named) {
    if (pointed.length && pointed.length < sorted.length) {
      return { chosen: pointed.map((r) => byId(r.id)), note: `${sorted.length} briefings match ${phrase}; the question's other words point to ${listed(pointed.map((r) => briefingName(factsOf(byId(r.id)))))}.` };
    }
    return { chosen: sorted, note: `${sorted.length} briefings match ${phrase}; answering for each.` };
  }
  if (pointed.length) return { chosen: pointed.map((r) => byId(r.id)), note: null };
  return { chosen: sorted.slice(0, 1), note: `Answering for the most recent of ${sorted.length} briefings; name another by its date or title.` };
}

/** The question turns whose answers content search finds about a topic. */
async function questionsNear(about: string, transcript: Transcript, sources: BriefingSources): Promise<number[]> {
  const answer = await sources.search(about, { transcript: transcript.meta.id, top: 5 });
  if (!answer.found) return [];
  const passages = sources.passagesOf(transcript.meta.id);
  return answer.hits.flatMap((hit) => {
    const p = passages.find((x) => x.id === hit.passageId);
    return p ? (p.isQuestion ? [p.turn] : p.inResponseTo !== null ? [p.inResponseTo] : []) : [];
  });
}

/** Citations of every briefing in turn (the first of each, then the second…), so each answered briefing is cited. */
function interleave(sections: readonly Section[], top: number): Section["citations"] {
  const out: Section["citations"] = [];
  for (let i = 0; out.length < top && sections.some((s) => i < s.citations.length); i++) {
    for (const s of sections) if (i < s.citations.length && out.length < top) out.push(s.citations[i]!);
  }
  return out;
}

const MOST_LISTED = 15;

function listAnswer(question: string, scope: readonly Transcript[]): BriefingAnswer {
  const sorted = [...scope].sort(byDate);
  const names = sorted.slice(0, MOST_LISTED).map((t) => briefingName(factsOf(t)));
  const more = sorted.length > MOST_LISTED ? ` and ${sorted.length - MOST_LISTED} more` : "";
  return {
    question,
    found: true,
    kind: "briefing",
    answer: `The index holds ${sorted.length === 1 ? "one briefing" : `${sorted.length} briefings, newest first`}: ${names.join("; ")}${more}.`,
    hits: [],
  };
}
