// Questions remembered for the "Other answers" button, whose custom_id has room for a key but not a question.
// Bounded (oldest forgotten first) and in memory: after a restart the button says to ask again.
import { randomBytes } from "node:crypto";

export interface RememberedQuestion {
  question: string;
  speaker: string | null;
  briefing: string | null;
}

export class RecentQuestions {
  private readonly entries = new Map<string, RememberedQuestion>();

  constructor(private readonly capacity = 2000) {}

  /** A short key (a few characters) under which `entry` can be recalled. */
  remember(entry: RememberedQuestion): string {
    const key = randomBytes(6).toString("base64url");
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return key;
  }

  recall(key: string): RememberedQuestion | null {
    return this.entries.get(key) ?? null;
  }
}
