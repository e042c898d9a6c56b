// The one API every front end (CLI, console chat, Discord) calls. Implemented by src/engine.ts.
import type {
  Answer,
  AskOptions,
  BriefingSummary,
  PassageContext,
  PersonSummary,
  QuestionSummary,
  RetrievalMode,
  SpeakerSummary,
  Transcript,
} from "./types.js";

/** Hits an answer has unless asked for another number: what `npm run ask` prints and the bot shows. */
export const DEFAULT_TOP = 3;

export interface Engine {
  /** "lexical" when the embedding model could not be loaded (the warning was already printed once). */
  readonly mode: RetrievalMode;
  /** Answer a question with verbatim, cited excerpts. Never throws for an empty question: returns found:false. */
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** The best 1–3 sentences from one speaker about a topic (top hit of ask() restricted to that speaker). */
  quote(speaker: string, about: string, options?: { transcript?: string }): Promise<Answer>;
  /** All briefings in the index, newest first. */
  briefings(): BriefingSummary[];
  /** One briefing by file name or title (case-insensitive, substring); null when none matches. */
  briefing(nameOrTitle: string): Transcript | null;
  /** Speakers with roles and answer counts; of one briefing when given. */
  speakers(nameOrTitle?: string): SpeakerSummary[];
  /**
   * The people who spoke across the briefings (of one briefing when given): a name that occurs in several briefings is
   * one person, with the role from each; generic labels ("Q", "MODERATOR", "SPEAKER_00") stay one entry per briefing.
   * Officials who answered most first, generic labels last.
   */
  people(nameOrTitle?: string): PersonSummary[];
  /** Every question asked in a briefing, in order, with who answered. */
  questions(nameOrTitle: string): QuestionSummary[];
  /** The official answer(s) to one question turn, as an Answer whose hits are the answering passages in order. */
  answerTo(transcript: string, questionTurn: number): Answer | null;
  /** A passage with `radius` neighbours of the same transcript on each side. */
  passageContext(passageId: string, radius?: number): PassageContext | null;
  /** Release native resources. */
  close(): void;
}
