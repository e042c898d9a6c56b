// Passages as the front ends show them: a hit (the quote, who said it, what it answered, where it is), the official
// answer to one question, and a passage with its neighbours.
import { InputError } from "../engine-api.js";
import type { LexicalIndex } from "../index/lexical.js";
import { idf } from "../retrieval/lexical.js";
import { contentTerms } from "../text/terms.js";
import { placeOf, videoAt } from "../transcript/readers/marks.js";
import type { Answer, Hit, HitSource, Passage, PassageContext, RetrievalMode, Transcript } from "../types.js";
import { selectQuote } from "./quote.js";

export function citations(transcripts: readonly Transcript[], passages: readonly Passage[], lexical: LexicalIndex, mode: RetrievalMode) {
  const byId = new Map(transcripts.map((t) => [t.meta.id, t]));
  const positionOf = new Map(passages.map((p, i) => [p.id, i]));

  /** `widen`: the hit's passage runs on to the end of its quote (a search hit); off for a whole answer, passage by passage. */
  const toHit = (p: Passage, rank: number, score: number, weightOf: (term: string) => number, widen = true): Hit => {
    const transcript = byId.get(p.transcript)!;
    const question = p.inResponseTo === null ? null : transcript.turns[p.inResponseTo];
    // Turn -1 is the announcement.
    const source = p.turn === -1 ? transcript.announcement : transcript.turns[p.turn]!.text;
    const quote = selectQuote(source, p, weightOf);
    return {
      rank,
      score: Math.round(score * 1000) / 1000,
      passageId: p.id,
      speaker: p.speaker,
      label: p.label,
      role: p.role,
      quote: quote.text,
      // The passage, widened to the end of its quote when the quote runs on past the passage's cut.
      passage: widen ? source.slice(p.start, Math.max(p.end, quote.end)) : p.text,
      inResponseTo: question ? { speaker: question.speaker, text: question.text } : null,
      source: {
        transcript: p.transcript,
        title: transcript.meta.title,
        date: transcript.meta.date,
        turn: p.turn,
        url: transcript.meta.url,
        ...placeOfQuote(transcript, p, quote.start, quote.end),
      },
    };
  };

  const answerTo = (transcriptId: string, questionTurn: number): Answer => {
    const transcript = byId.get(transcriptId);
    const asked = transcript?.turns[questionTurn];
    if (!transcript || !asked?.isQuestion) throw new InputError("that question is no longer in the index");
    const questionTerms = new Set(contentTerms(asked.text));
    const weightOf = (term: string) => (questionTerms.has(term) ? idf(lexical, term) : 0);
    const answering = passages.filter((p) => p.transcript === transcriptId && p.inResponseTo === questionTurn);
    return {
      question: asked.text,
      found: answering.length > 0,
      kind: "quote",
      hits: answering.map((p, i) => toHit(p, i + 1, 1, weightOf, false)),
      mode,
    };
  };

  const passageContext = (passageId: string, radius = 1): PassageContext => {
    const position = positionOf.get(passageId);
    if (position === undefined) throw new InputError("that passage is no longer in the index");
    const passage = passages[position]!;
    const sameTranscript = (p: Passage | undefined): p is Passage => !!p && p.transcript === passage.transcript;
    const asked = passage.inResponseTo === null ? undefined : byId.get(passage.transcript)!.turns[passage.inResponseTo];
    return {
      passage,
      question: asked ? { speaker: asked.speaker, text: asked.text } : null,
      before: passages.slice(Math.max(0, position - radius), position).filter(sameTranscript),
      after: passages.slice(position + 1, position + 1 + radius).filter(sameTranscript),
      meta: byId.get(passage.transcript)!.meta,
    };
  };

  return { toHit, answerTo, passageContext };
}

/**
 * Where the quote sits: its time in the recording (and the recording at that moment, when the briefing names a
 * video) or its pages. From the turn's marks, so the time is the quote's own, not its passage's start.
 */
function placeOfQuote(transcript: Transcript, p: Passage, start: number, end: number): Partial<HitSource> {
  const marks = p.turn === -1 ? transcript.announcementMarks : transcript.turns[p.turn]?.marks;
  const place = placeOf(marks, start, end);
  if (place.start === undefined && p.startTime !== undefined) Object.assign(place, { start: p.startTime, end: p.endTime ?? p.startTime });
  if (place.page === undefined && p.page !== undefined) place.page = p.page;
  const source: Partial<HitSource> = {};
  if (place.start !== undefined) {
    source.start = place.start;
    source.end = place.end ?? place.start;
    const video = transcript.meta.video ? videoAt(transcript.meta.video, place.start) : null;
    if (video) source.video = video;
  }
  if (place.page !== undefined) source.page = place.page;
  if (place.pageEnd !== undefined) source.pageEnd = place.pageEnd;
  return source;
}
