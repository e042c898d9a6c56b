// Plain values that travel along the data's path:
// transcript → passages → vectors → index → retrieval → answer → reply.

/** What names a briefing in a citation. From front matter, else derived from the file. */
export interface BriefingMeta {
  /** File name inside corpus/, e.g. "2020-03-30-miit-resumption.txt". Stable id of the transcript. */
  id: string;
  title: string;
  /** ISO date (YYYY-MM-DD) when known. */
  date: string | null;
  /** Where the transcript comes from: free text or a URL. */
  source: string | null;
  /** A link to the source when one is known (source itself when it is a URL). */
  url: string | null;
  language: string | null;
  /**
   * A recording of the briefing (front matter or sidecar `video:`), when one is given: citations with a time link
   * to that moment. Absent otherwise.
   */
  video?: string;
}

/**
 * Where a stretch of a turn's text sits in the recording or the document: from offset `at` of the text to the next
 * mark. Times in seconds from the start of the recording (caption files, diarized JSON); pages from 1 (PDF).
 */
export interface TextMark {
  at: number;
  start?: number;
  end?: number;
  page?: number;
}

/** An official named in the announcement, with the role to cite. */
export interface RosterEntry {
  name: string;
  role: string;
}

export interface Turn {
  /** 0-based position among the labelled turns (the announcement is not a turn). */
  index: number;
  /** The label exactly as written in the transcript, e.g. "Xu Kemin", "MS. PSAKI", "A" or "The Chair (Hon. Anthony Rota (...))". */
  label: string;
  /**
   * Who to cite: the label, except where the briefing resolves a stand-in label to a person (the answer mark "A"
   * → the spokesperson the title or announcement names).
   */
  speaker: string;
  /**
   * The person's name for matching: the full name where the briefing states it ("MS. PSAKI" → "Jen Psaki" from the
   * title), else the label without honorifics, titles or the parenthesised constituency/role ("Deb Schulte").
   * Labels of one person share it ("SURGEON GENERAL MURTHY" and "DR. MURTHY").
   */
  name: string;
  /** Role from the roster, the title, an introduction or the label itself; null when unknown. */
  role: string | null;
  /** What was said, without the transcriber's notes ("(Laughter.)", "[sic]", "(As interpreted.)"). */
  text: string;
  /** True for an asker's turn (a reporter's "Q", a member's question), whether or not it ends on a question mark. */
  isQuestion: boolean;
  /** Index of the question turn this turn answers, or null. */
  inResponseTo: number | null;
  /** Times or pages of the text, in order of `at` (formats that have them: VTT, SRT, diarized JSON, PDF). */
  marks?: TextMark[];
}

export interface Transcript {
  meta: BriefingMeta;
  /** Text before the first speaker label (the moderator's announcement). */
  announcement: string;
  roster: RosterEntry[];
  turns: Turn[];
  /** Times or pages of the announcement's text (as Turn.marks). */
  announcementMarks?: TextMark[];
  /** sha256 of the raw file bytes (and of its speakers sidecar, when it has one): what decides whether a rebuild may reuse it. */
  hash: string;
}

export interface Passage {
  /** `${transcript}#${turn}.${part}` */
  id: string;
  transcript: string;
  turn: number;
  /** 0-based position of this passage inside its turn. */
  part: number;
  /** The turn's label exactly as written. */
  label: string;
  speaker: string;
  name: string;
  role: string | null;
  /** A contiguous substring of the turn's text. */
  text: string;
  /** Character offsets of `text` inside the turn's text: turn.text.slice(start, end) === text. */
  start: number;
  end: number;
  /** Turn index of the question this passage's turn answers (the question text lives in the transcript's turns). */
  inResponseTo: number | null;
  isQuestion: boolean;
  /** Seconds from the start of the recording where the passage begins and ends (formats with times only). */
  startTime?: number;
  endTime?: number;
  /** The page the passage begins on (PDF only). */
  page?: number;
}

export interface HitSource {
  transcript: string;
  title: string;
  date: string | null;
  turn: number;
  url: string | null;
  /** Seconds from the start of the recording where the quote begins and ends (formats with times only). */
  start?: number;
  end?: number;
  /** The page the quote begins on, and the last page when it runs onto another (PDF only). */
  page?: number;
  pageEnd?: number;
  /** The recording at the quote's moment (when the briefing names a `video:` and the quote has a time). */
  video?: string;
}

export interface Hit {
  rank: number;
  score: number;
  passageId: string;
  /** Who said it: the label as written, or the person a stand-in label ("A") stands for. */
  speaker: string;
  /** The label exactly as written in the transcript. */
  label: string;
  role: string | null;
  /** The 1–4 sentences of the passage that answer best, verbatim. */
  quote: string;
  /** The passage's full text. */
  passage: string;
  inResponseTo: { speaker: string; text: string } | null;
  source: HitSource;
}

export type RetrievalMode = "hybrid" | "lexical";

/** "quote": the hits are the answer. "briefing": the engine answers from the briefing's structure (who spoke, when, …) in `answer`, and the hits cite where that comes from. */
export type AnswerKind = "quote" | "briefing";

export interface Answer {
  question: string;
  found: boolean;
  kind: AnswerKind;
  /** The bot's own words (kind "briefing" only): never an official's, shown apart from quotes. */
  answer?: string;
  /** Question words searched as another word ("resumpion" → "resumption"), shown as "Showing answers for: …". */
  correctedQuestion?: string;
  hits: Hit[];
  mode: RetrievalMode;
  /** Keyword search stands in because the embedding model is still loading (npm start loads it alongside). */
  modelLoading?: boolean;
  /**
   * Why nothing was found, when it is more than "the briefings do not say": "language" — the question is in a
   * language none of the briefings searched is in, and neither keyword search nor the embedding model can match
   * across languages. Absent otherwise.
   */
  reason?: "language";
  /** With reason "language": the question's language and the briefings' (language codes; null where unknown). */
  languages?: { question: string | null; briefings: string[] };
}

export interface AskOptions {
  /** How many hits to return (default 3). */
  top?: number;
  /** File name or title (case-insensitive, substring) of the one briefing to search. */
  transcript?: string;
  /** Speaker label or name (case-insensitive, substring) to restrict to. */
  speaker?: string;
  /** The question's embedding when the caller already has it (benchmarks time embedding apart from search). */
  queryVector?: Float32Array;
}

export interface BriefingSummary {
  meta: BriefingMeta;
  announcement: string;
  turns: number;
  questions: number;
  speakers: number;
}

export interface SpeakerSummary {
  transcript: string;
  speaker: string;
  name: string;
  role: string | null;
  /** Turns of this speaker that answer a question. */
  answers: number;
  turns: number;
  /**
   * The label names no one in particular ("Q", "MODERATOR", "A" unresolved, "SPEAKER_00", "THE PRESIDENT" where the
   * briefing does not say who holds the office): it is never taken for the same person in another briefing.
   */
  generic: boolean;
}

/** One person across the briefings: everyone who speaks under the same name, with their role in each briefing. */
export interface PersonSummary {
  /** The name as cited (from their most recent briefing). */
  name: string;
  /** False for a generic label: then it is one briefing's label, listed apart from the same label in others. */
  person: boolean;
  /** Where they spoke, newest briefing first: the label, role and counts in each. */
  appearances: SpeakerSummary[];
  answers: number;
  turns: number;
}

export interface QuestionSummary {
  transcript: string;
  turn: number;
  speaker: string;
  text: string;
  /** Labels of the speakers whose turns answer it. */
  answeredBy: string[];
}

/** One briefing opened: what it was, who sat on its panel (and what each did), who else spoke, every question asked. */
export interface BriefingOverview {
  summary: BriefingSummary;
  /** The officials the announcement lists, in its order, each with their part in the briefing (null: did not speak). */
  panel: { name: string; role: string; spoke: SpeakerSummary | null }[];
  /** Everyone else who spoke, in order of first turn. */
  others: SpeakerSummary[];
  questions: QuestionSummary[];
}

/** The speakers of one briefing, with its questions (what a speaker's part is told from). */
export interface BriefingSpeakers {
  summary: BriefingSummary;
  speakers: SpeakerSummary[];
  questions: QuestionSummary[];
}

export interface PassageContext {
  passage: Passage;
  /** The question the passage's turn answers, when it answers one. */
  question: { speaker: string; text: string } | null;
  before: Passage[];
  after: Passage[];
  meta: BriefingMeta;
}
