// The one API every front end (CLI, console chat, Discord) calls: the Engine interface and the error it throws for
// what the user asked. Implemented by src/engine.ts; the front ends import this module and src/types.ts, nothing
// else of the engine.
//
// Not found, everywhere: a briefing name, a speaker, a question or a passage that the index does not hold throws an
// InputError whose message is one line for the user ("no briefing matches …"); no method returns null for it. A
// question that the briefings do not answer is not an error: ask() returns found:false.
import type {
  Answer,
  AskOptions,
  BriefingOverview,
  BriefingSpeakers,
  BriefingSummary,
  PassageContext,
  PersonSummary,
  QuestionSummary,
  RetrievalMode,
  SpeakerSummary,
  Transcript,
} from "./types.js";

/**
 * What the user asked for cannot be used: a name that matches nothing, a passage no longer in the index, a text too
 * long. Front ends show the message as "Cannot answer that: …"; it is not a failure (nothing to log as an error).
 */
export class InputError extends Error {
  override name = "InputError";
}

/** Hits an answer has unless asked for another number: what `npm run ask` prints and the bot shows. */
export const DEFAULT_TOP = 3;

export interface Engine {
  /** "lexical" when the embedding model could not be loaded (the warning was already printed once). */
  readonly mode: RetrievalMode;
  /** Answer a question with verbatim, cited excerpts. Never throws for an empty question: returns found:false. */
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** The best 1–4 sentences from one speaker about a topic (top hit of ask() restricted to that speaker). */
  quote(speaker: string, about: string, options?: { transcript?: string }): Promise<Answer>;
  /**
   * All briefings in the index, newest first; with a name, those it matches: the briefing whose file name or title
   * it is (case-insensitive), else those whose file name or title contain it.
   */
  briefings(nameOrTitle?: string): BriefingSummary[];
  /** The first briefing briefings(nameOrTitle) matches, whole. */
  briefing(nameOrTitle: string): Transcript;
  /** The first briefing briefings(nameOrTitle) matches, as its overview shows it: the panel, who else spoke, the questions. */
  overview(nameOrTitle: string): BriefingOverview;
  /** Speakers with roles and answer counts; of the matching briefings when a name is given. */
  speakers(nameOrTitle?: string): SpeakerSummary[];
  /** speakers(nameOrTitle), grouped by briefing (newest first), each group with its briefing's questions. */
  speakersByBriefing(nameOrTitle?: string): BriefingSpeakers[];
  /**
   * The people who spoke across the briefings (of one briefing when given): a name that occurs in several briefings is
   * one person, with the role from each; generic labels ("Q", "MODERATOR", "SPEAKER_00") stay one entry per briefing.
   * Officials who answered most first, generic labels last.
   */
  people(nameOrTitle?: string): PersonSummary[];
  /** Every question asked in the matching briefings, in order, with who answered. */
  questions(nameOrTitle: string): QuestionSummary[];
  /** The official answer(s) to one question turn, as an Answer whose hits are the answering passages in order. */
  answerTo(transcript: string, questionTurn: number): Answer;
  /** A passage with `radius` neighbours of the same transcript on each side. */
  passageContext(passageId: string, radius?: number): PassageContext;
  /** Release native resources. */
  close(): void;
}
