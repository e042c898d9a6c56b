// What the front ends list and open, from the transcripts alone: the briefings, one briefing's overview, who spoke
// (per briefing or as people across them), the questions asked, and the one rule that finds a briefing by name.
import { InputError } from "../engine-api.js";
import { isGenericSpeaker, personKey } from "../transcript/identity.js";
import type { BriefingOverview, BriefingSpeakers, BriefingSummary, PersonSummary, QuestionSummary, SpeakerSummary, Transcript } from "../types.js";

export type Browse = ReturnType<typeof browse>;

export function browse(transcripts: readonly Transcript[]) {
  const newestFirst = (a: Transcript, b: Transcript) => (b.meta.date ?? "").localeCompare(a.meta.date ?? "") || a.meta.id.localeCompare(b.meta.id);
  const newest = [...transcripts].sort(newestFirst);
  const summaries = new Map(
    newest.map((t): [string, BriefingSummary] => [
      t.meta.id,
      {
        meta: t.meta,
        announcement: t.announcement,
        turns: t.turns.length,
        questions: t.turns.filter((turn) => turn.isQuestion).length,
        speakers: new Set(t.turns.map((turn) => turn.name)).size,
      },
    ]),
  );

  /** The briefing whose file name or title this is, else those that contain it (case-insensitive); never none. */
  const match = (nameOrTitle: string): Transcript[] => {
    const q = nameOrTitle.trim().toLowerCase();
    const exact = transcripts.filter((t) => t.meta.id.toLowerCase() === q || t.meta.title.toLowerCase() === q);
    if (exact.length) return exact;
    const found = transcripts.filter((t) => t.meta.id.toLowerCase().includes(q) || t.meta.title.toLowerCase().includes(q));
    if (!found.length) throw new InputError(`no briefing matches "${nameOrTitle}" (${transcripts.map((t) => t.meta.id).join(", ") || "the corpus is empty"})`);
    return found;
  };

  const speakersOf = (t: Transcript): SpeakerSummary[] => {
    const byName = new Map<string, SpeakerSummary>();
    for (const turn of t.turns) {
      const summary = byName.get(turn.name) ?? {
        transcript: t.meta.id,
        speaker: turn.speaker,
        name: turn.name,
        role: turn.role,
        answers: 0,
        turns: 0,
        generic: isGenericSpeaker(turn.label, turn.speaker, turn.name),
      };
      summary.turns++;
      if (turn.inResponseTo !== null) summary.answers++;
      byName.set(turn.name, summary);
    }
    return [...byName.values()];
  };

  const questionsOf = (t: Transcript): QuestionSummary[] =>
    t.turns
      .filter((turn) => turn.isQuestion)
      .map((turn) => ({
        transcript: t.meta.id,
        turn: turn.index,
        speaker: turn.speaker,
        text: turn.text,
        answeredBy: [...new Set(t.turns.filter((a) => a.inResponseTo === turn.index).map((a) => a.speaker))],
      }));

  const speakers = (nameOrTitle?: string): SpeakerSummary[] => (nameOrTitle ? match(nameOrTitle) : transcripts).flatMap(speakersOf);

  const people = (nameOrTitle?: string): PersonSummary[] => {
    const order = new Map(newest.map((t, i) => [t.meta.id, i]));
    const byKey = new Map<string, PersonSummary>();
    for (const s of speakers(nameOrTitle)) {
      // A generic label is its briefing's own; a name is the same person wherever it is written.
      const key = s.generic ? `\0${s.transcript}\0${s.speaker}` : personKey(s.name);
      const person = byKey.get(key) ?? { name: s.generic ? s.speaker : s.name, person: !s.generic, appearances: [], answers: 0, turns: 0 };
      person.appearances.push(s);
      person.answers += s.answers;
      person.turns += s.turns;
      byKey.set(key, person);
    }
    const all = [...byKey.values()];
    for (const p of all) {
      p.appearances.sort((a, b) => order.get(a.transcript)! - order.get(b.transcript)!);
      if (p.person) p.name = p.appearances[0]!.name;
    }
    const newestOf = (p: PersonSummary) => order.get(p.appearances[0]!.transcript)!;
    return all.sort(
      (a, b) => Number(b.person) - Number(a.person) || (a.person ? b.answers - a.answers || b.turns - a.turns || a.name.localeCompare(b.name) : newestOf(a) - newestOf(b)),
    );
  };

  const overview = (nameOrTitle: string): BriefingOverview => {
    const t = match(nameOrTitle)[0]!;
    const spoke = speakersOf(t);
    const byName = new Map(spoke.map((s) => [s.name.toLowerCase(), s]));
    const onPanel = new Set(t.roster.map((r) => r.name.toLowerCase()));
    return {
      summary: summaries.get(t.meta.id)!,
      panel: t.roster.map((r) => ({ name: r.name, role: r.role, spoke: byName.get(r.name.toLowerCase()) ?? null })),
      others: spoke.filter((s) => !onPanel.has(s.name.toLowerCase())),
      questions: questionsOf(t),
    };
  };

  const speakersByBriefing = (nameOrTitle?: string): BriefingSpeakers[] => {
    const scope = new Set(nameOrTitle ? match(nameOrTitle) : transcripts);
    return newest
      .filter((t) => scope.has(t) && t.turns.length > 0)
      .map((t) => ({ summary: summaries.get(t.meta.id)!, speakers: speakersOf(t), questions: questionsOf(t) }));
  };

  return {
    match,
    briefings: (nameOrTitle?: string): BriefingSummary[] => {
      const scope = nameOrTitle ? new Set(match(nameOrTitle)) : null;
      return newest.filter((t) => !scope || scope.has(t)).map((t) => summaries.get(t.meta.id)!);
    },
    briefing: (nameOrTitle: string): Transcript => match(nameOrTitle)[0]!,
    overview,
    speakers,
    speakersByBriefing,
    people,
    questions: (nameOrTitle: string): QuestionSummary[] => match(nameOrTitle).flatMap(questionsOf),
  };
}
