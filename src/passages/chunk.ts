// Turns → passages: one speaker each, whole sentences, each small enough for the embedding model.
import type { Passage, Transcript, Turn } from "../types.js";
import { sentenceSpans, type Span } from "../text/sentences.js";
import { placeOf } from "../transcript/readers/marks.js";

export type TokenCounter = (text: string) => number;

/** A sentence (or piece of one) with its token count, special tokens included. */
interface Counted {
  span: Span;
  tokens: number;
}

/**
 * Word-piece-ish estimate used when the model's tokenizer is unavailable (lexical mode): errs high. Chinese and
 * Japanese characters count one each, as BERT-style tokenizers split them (a Chinese sentence is no single "word").
 */
export const estimateTokens: TokenCounter = (text) =>
  Math.ceil(((text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)?.length ?? 0) + ideographExtra(text)) * 1.25) + 2;

const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const IDEOGRAPHIC_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Tokens beyond one per run that ideographs add: a run of n characters is n tokens, not one (0 for other text). */
function ideographExtra(text: string): number {
  if (!IDEOGRAPHIC.test(text)) return 0;
  let extra = 0;
  for (const run of text.matchAll(IDEOGRAPHIC_RUNS)) extra += [...run[0]].length - 1;
  return extra;
}

export interface ChunkOptions {
  countTokens: TokenCounter;
  /** Hard limit of the model (special tokens included): no passage may exceed it. */
  maxTokens: number;
  /** Preferred size; sentences are packed up to it. */
  targetTokens: number;
}

/** What the speaker of announcement passages is called: the announcement is searchable and quotable, but nobody's words. */
export const ANNOUNCEMENT = "Announcement";

export function passagesOfTranscript(transcript: Transcript, options: ChunkOptions): Passage[] {
  // The announcement as a turn of its own, numbered -1 so that the transcript's turn numbers stay as written.
  const announcement: Turn = {
    index: -1,
    speaker: ANNOUNCEMENT,
    label: ANNOUNCEMENT,
    name: ANNOUNCEMENT,
    role: null,
    text: transcript.announcement,
    isQuestion: false,
    inResponseTo: null,
    ...(transcript.announcementMarks?.length ? { marks: transcript.announcementMarks } : {}),
  };
  const turns = transcript.announcement.trim() ? [announcement, ...transcript.turns] : transcript.turns;
  return turns.flatMap((turn) => passagesOfTurn(transcript.meta.id, turn, options));
}

export function passagesOfTurn(transcriptId: string, turn: Turn, options: ChunkOptions): Passage[] {
  const limit = Math.min(options.targetTokens, options.maxTokens);
  const count = (span: Span) => options.countTokens(turn.text.slice(span.start, span.end));
  const pieces = sentenceSpans(turn.text).flatMap((span): Counted[] => {
    const tokens = count(span);
    return tokens <= limit ? [{ span, tokens }] : splitOversized(turn.text, span, limit, options.countTokens).map((piece) => ({ span: piece, tokens: count(piece) }));
  });
  const groups = packSentences(turn.text, pieces, limit, options.countTokens);
  return groups.map((span, part) => {
    const passage: Passage = {
      id: `${transcriptId}#${turn.index}.${part}`,
      transcript: transcriptId,
      turn: turn.index,
      part,
      label: turn.label,
      speaker: turn.speaker,
      name: turn.name,
      role: turn.role,
      text: turn.text.slice(span.start, span.end),
      start: span.start,
      end: span.end,
      inResponseTo: turn.inResponseTo,
      isQuestion: turn.isQuestion,
    };
    // Where the passage sits in the recording (seconds) or the document (page), when the format says.
    const place = placeOf(turn.marks, span.start, span.end);
    if (place.start !== undefined) {
      passage.startTime = place.start;
      passage.endTime = place.end ?? place.start;
    }
    if (place.page !== undefined) passage.page = place.page;
    return passage;
  });
}

/**
 * Greedy packing: each sentence joins the current passage while the passage stays within the limit. Tokenizing
 * the growing passage at every step costs O(sentences × passage length) in the model's tokenizer, which dominated
 * rebuilds; so a passage's count is first taken as the sum of its sentences' counts (exact for word-piece
 * tokenizers, which split at whitespace), confirmed with one real count when the sum says no, and every passage is
 * checked at the end. Where the sum misled (another tokenizer), the turn is packed again the slow, exact way.
 */
function packSentences(text: string, pieces: readonly Counted[], limit: number, countTokens: TokenCounter): Span[] {
  const count = (span: Span) => countTokens(text.slice(span.start, span.end));
  const special = countTokens(""); // [CLS] and [SEP]: counted once per passage, not once per sentence
  const groups: Span[] = [];
  let current: Span | null = null;
  let currentTokens = 0;
  for (const { span, tokens: withSpecial } of pieces) {
    const tokens = withSpecial - special;
    if (current && (currentTokens + tokens + special <= limit || count({ start: current.start, end: span.end }) <= limit)) {
      current.end = span.end;
      currentTokens += tokens;
    } else {
      current = { ...span };
      currentTokens = tokens;
      groups.push(current);
    }
  }
  if (groups.every((group) => count(group) <= limit)) return groups;
  return packExactly(text, pieces.map((p) => p.span), limit, countTokens);
}

function packExactly(text: string, spans: readonly Span[], limit: number, countTokens: TokenCounter): Span[] {
  const groups: Span[] = [];
  let current: Span | null = null;
  for (const span of spans) {
    if (current && countTokens(text.slice(current.start, span.end)) <= limit) {
      current.end = span.end;
    } else {
      current = { ...span };
      groups.push(current);
    }
  }
  return groups;
}

/** A sentence longer than the limit is cut between words (the pieces stay contiguous substrings). */
function splitOversized(text: string, span: Span, limit: number, countTokens: TokenCounter): Span[] {
  const count = (s: Span) => countTokens(text.slice(s.start, s.end));
  const pieces: Span[] = [];
  let run: Counted[] = []; // words between words too long to keep whole, packed like sentences
  const flush = () => {
    if (run.length > 0) pieces.push(...packSentences(text, run, limit, countTokens));
    run = [];
  };
  for (const m of text.slice(span.start, span.end).matchAll(/\S+/g)) {
    const word = { start: span.start + m.index!, end: span.start + m.index! + m[0].length };
    const tokens = count(word);
    if (tokens <= limit) {
      run.push({ span: word, tokens });
      continue;
    }
    // A single word beyond the limit cannot be cut between words; cut it by characters.
    flush();
    pieces.push(...splitWord(text, word, limit, countTokens));
  }
  flush();
  return pieces;
}

/**
 * Cut a word longer than the limit into pieces that fit. Each piece is found by doubling its length while it
 * fits, then halving the gap: the cost stays proportional to the piece (times a logarithm), never to the rest of
 * the word. (Halving down from the whole rest of the word, as before, cost O(word length) per piece: a 400 KB
 * "U.K.U.K.…" took over a minute.)
 */
function splitWord(text: string, word: Span, limit: number, countTokens: TokenCounter): Span[] {
  const fits = (start: number, end: number) => countTokens(text.slice(start, end)) <= limit;
  const pieces: Span[] = [];
  let start = word.start;
  while (start < word.end) {
    const rest = word.end - start;
    let good = 1; // a single character is kept even if it does not fit: there is nothing smaller to cut
    let bad = rest + 1;
    while (good < rest) {
      const next = Math.min(rest, good * 2);
      if (fits(start, start + next)) good = next;
      else {
        bad = next;
        break;
      }
    }
    while (bad - good > 1) {
      const middle = good + Math.floor((bad - good) / 2);
      if (fits(start, start + middle)) good = middle;
      else bad = middle;
    }
    // Never end a piece between the two halves of a surrogate pair.
    let end = start + good;
    if (end < word.end && end - start > 1 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
    pieces.push({ start, end });
    start = end;
  }
  return pieces;
}
