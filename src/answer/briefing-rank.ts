// Which briefings a question's words point to when it names none: "Where did Harris and Lee hold their joint
// press conference?" points to the one whose title, speakers, announcement or opening remarks hold "Harris" and
// "Lee". Only words that tell briefings apart count: a word most of them share points nowhere.
import type { Transcript } from "../types.js";
import { contentTerms, terms } from "../text/terms.js";

export interface RankedBriefing {
  id: string;
  score: number;
}

// The parts of a briefing that say what it is, and how much a word found in each counts.
const FIELDS = [
  { weight: 3, text: (t: Transcript) => `${t.meta.title} ${t.meta.id.replace(/[-_.]/g, " ")}` },
  { weight: 2, text: (t: Transcript) => [...t.roster.flatMap((r) => [r.name, r.role]), ...t.turns.map((turn) => turn.speaker)].join(" ") },
  { weight: 1, text: (t: Transcript) => [t.announcement, ...openingText(t)].join(" ") },
];

function openingText(t: Transcript): string[] {
  const first = t.turns.findIndex((turn) => turn.isQuestion);
  return t.turns.slice(0, first < 0 ? t.turns.length : first).map((turn) => turn.text);
}

/** A ranker over `transcripts`: the ids among `among` that the words point to, best first, each with a score above 0. */
export function briefingRanker(transcripts: readonly Transcript[]): (words: string, among: readonly string[]) => RankedBriefing[] {
  const fields = new Map(transcripts.map((t) => [t.meta.id, FIELDS.map((f) => ({ weight: f.weight, terms: new Set(terms(f.text(t))) }))]));
  const documentFrequency = new Map<string, number>();
  for (const parts of fields.values()) {
    for (const term of new Set(parts.flatMap((p) => [...p.terms]))) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = transcripts.length;
  return (words, among) => {
    const wanted = contentTerms(words).filter((term) => {
      const df = documentFrequency.get(term) ?? 0;
      return df > 0 && df < total && (total < 4 || df * 2 <= total);
    });
    return among
      .map((id) => {
        const parts = fields.get(id) ?? [];
        const score = wanted.reduce((sum, term) => {
          const weight = Math.max(0, ...parts.filter((p) => p.terms.has(term)).map((p) => p.weight));
          return sum + weight * Math.log(1 + total / (documentFrequency.get(term) ?? 1));
        }, 0);
        return { id, score };
      })
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  };
}
