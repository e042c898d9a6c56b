// The engine's side of briefing answers: its transcripts, passages, hit maker and content search, shaped as the
// BriefingSources that src/answer/briefing.ts asks for.
import type { Answer, AskOptions, Hit, Passage, Transcript } from "../types.js";
import type { BriefingSources } from "./briefing.js";
import { briefingRanker } from "./briefing-rank.js";

export function briefingSources(
  transcripts: readonly Transcript[],
  passages: readonly Passage[],
  toHit: (passage: Passage, rank: number, focus: readonly string[]) => Hit,
  search: (question: string, options: AskOptions) => Promise<Answer>,
): BriefingSources {
  const byTranscript = new Map<string, Passage[]>();
  for (const p of passages) {
    if (!byTranscript.has(p.transcript)) byTranscript.set(p.transcript, []);
    byTranscript.get(p.transcript)!.push(p);
  }
  // Announcement passages (turn -1) come first, as in the transcript.
  for (const list of byTranscript.values()) list.sort((a, b) => a.turn - b.turn || a.part - b.part);
  // Built on the first question that needs it: opening the engine stays as fast as before.
  let ranker: ReturnType<typeof briefingRanker> | null = null;
  const rankBriefings: BriefingSources["rankBriefings"] = (words, among) => (ranker ??= briefingRanker(transcripts))(words, among);
  return { transcripts, passagesOf: (id) => byTranscript.get(id) ?? [], toHit, rankBriefings, search };
}
