// `NAME.speakers.json`: names for the anonymous labels of a transcript NAME.* (diarization's "SPEAKER_00", "A"),
// and optionally what front matter would say (a video link, a title) for formats that have no front matter.
//
//   {"SPEAKER_00": "Xu Kemin", "SPEAKER_01": "Shenzhen Satellite TV reporter"}
//   {"speakers": {"SPEAKER_00": {"name": "Xu Kemin", "role": "Director …"}}, "video": "https://youtu.be/…", "title": "…"}

/** A name for a label, with a role when the sidecar gives one. */
export type SpeakerName = string | { name: string; role?: string | null };

export interface Sidecar {
  speakers: Record<string, SpeakerName>;
  meta: Record<string, unknown>;
}

/** The meta fields a sidecar may give (as front matter would). */
const META_KEYS = ["title", "date", "source", "url", "video", "language"];

export class SidecarError extends Error {
  override name = "SidecarError";
}

/** The sidecar's file name for a transcript: "2024-01-02-briefing.vtt" → "2024-01-02-briefing.speakers.json". */
export function sidecarNameFor(transcriptName: string): string {
  return `${transcriptName.replace(/\.[^./\\]+$/, "")}.speakers.json`;
}

/** A sidecar's text, read; throws SidecarError with a phrase for the warning line. */
export function parseSidecar(text: string): Sidecar {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new SidecarError(`not valid JSON (${String(error instanceof Error ? error.message : error).split("\n")[0]})`);
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new SidecarError('expected an object such as {"SPEAKER_00": "Xu Kemin"}');
  const object = data as Record<string, unknown>;
  const nested = object.speakers && typeof object.speakers === "object" && !Array.isArray(object.speakers);
  const names = (nested ? object.speakers : object) as Record<string, unknown>;
  const speakers: Record<string, SpeakerName> = {};
  for (const [label, value] of Object.entries(names)) {
    if (!nested && META_KEYS.includes(label)) continue;
    const name = speakerName(value);
    if (name) speakers[label] = name;
  }
  const meta: Record<string, unknown> = {};
  for (const key of META_KEYS) if (typeof object[key] === "string" || typeof object[key] === "number") meta[key] = object[key];
  return { speakers, meta };
}

/** A speakers map's value: "Xu Kemin", or {"name": "Xu Kemin", "role": "…"}; null for anything else. */
export function speakerName(value: unknown): SpeakerName | null {
  if (typeof value === "string") return value.trim() ? value.trim() : null;
  if (value && typeof value === "object" && typeof (value as { name?: unknown }).name === "string") {
    const { name, role } = value as { name: string; role?: unknown };
    if (!name.trim()) return null;
    return typeof role === "string" && role.trim() ? { name: name.trim(), role: role.trim() } : { name: name.trim() };
  }
  return null;
}
