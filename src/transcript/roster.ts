// The officials an announcement names, with their roles:
// "Xin Guobin, Vice Minister of Industry and Information Technology, Xu Kemin, Director of ..., and Liang Zhifeng, ..."
import type { RosterEntry } from "../types.js";
import { sentences } from "../text/sentences.js";
import { looksLikeRole, nameFromLabel } from "./labels.js";
import { trailingCapitalisedWords } from "./name-scan.js";

// A personal name: 2–4 capitalised words (Unicode letters, hyphens, apostrophes).
const NAME = /^(?:\p{Lu}[\p{L}'’-]*\.?\s+){1,3}\p{Lu}[\p{L}'’-]*$/u;

function asName(part: string): string | null {
  const text = part.replace(/^(?:and|&)\s+/i, "").trim();
  if (NAME.test(text) && !looksLikeRole(text)) return text;
  return null;
}

/** Roster entries found in the announcement, in order of mention. */
export function parseRoster(announcement: string): RosterEntry[] {
  const roster: RosterEntry[] = [];
  for (const sentence of sentences(announcement)) {
    // Split on plain commas and trim: /\s*,\s*/ backtracked over every run of spaces (quadratic).
    const parts = sentence.split(",").map((part) => part.trim());
    let current: { name: string; role: string[] } | null = null;
    const flush = () => {
      if (current && current.role.length) roster.push({ name: current.name, role: current.role.join(", ") });
      current = null;
    };
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!.replace(/[.;:]$/, "").trim();
      const next = parts[i + 1] ?? "";
      const name = asName(part) ?? (looksLikeRole(next) ? trailingName(part) : null);
      if (name && looksLikeRole(next) && !looksLikeRole(name)) {
        flush();
        current = { name, role: [] };
      } else if (current && looksLikeRole(part) && /^\p{Lu}/u.test(part)) {
        current.role.push(part.replace(/^(?:and|&)\s+/i, ""));
      } else if (current && current.role.length && /^\p{Lu}/u.test(part) && !/^(?:and|will|who|to)\b/i.test(part)) {
        // A role written with a comma of its own ("Director of X, Ministry of Y").
        current.role.push(part);
      } else {
        flush();
      }
    }
    flush();
  }
  return roster;
}

function trailingName(part: string): string | null {
  const name = trailingCapitalisedWords(part.trim());
  return name && !looksLikeRole(name) ? name.trim() : null;
}

/** The roster role of a speaker label, matching names without honorifics, case-insensitively. */
export function roleFromRoster(label: string, roster: readonly RosterEntry[]): string | null {
  const name = nameFromLabel(label).toLowerCase();
  for (const entry of roster) {
    const rosterName = entry.name.toLowerCase();
    if (name === rosterName || (name.includes(rosterName) && rosterName.includes(" "))) return entry.role;
  }
  return null;
}
