// Many briefings: every citation names its briefing by title and date, so no two briefings may be cited alike.
import type { Transcript } from "../types.js";

/**
 * Briefings that would be cited alike (same title and date, e.g. "Briefing" from 2021/briefing.txt and
 * 2022/briefing.txt) get their file's path after the title: "Briefing (2021/briefing.txt)". Others are unchanged.
 */
export function distinctTitles(transcripts: readonly Transcript[]): Transcript[] {
  const key = (t: Transcript) => `${t.meta.title.trim().toLowerCase()}\0${t.meta.date ?? ""}`;
  const counts = new Map<string, number>();
  for (const t of transcripts) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  return transcripts.map((t) => (counts.get(key(t))! > 1 ? { ...t, meta: { ...t.meta, title: `${t.meta.title} (${t.meta.id})` } } : t));
}
