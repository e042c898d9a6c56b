// Many briefings: who is one person across them. A speaker who appears under the same name in several briefings
// is one person; a label that names no one in particular ("Q", "MODERATOR", "SPEAKER_00", "THE PRESIDENT" where the
// briefing does not say who holds the office) belongs to its briefing alone and is never merged with another's.
import { foldAccents } from "../text/terms.js";
import { hanOfficeOnly, hasHan, isHanAskerLabel, isHanModeratorLabel } from "./chinese.js";
import { askerNameFromLabel, isAnswerMark, isAskerLabel } from "./labels.js";
import { HONORIFICS, TITLE_WORDS } from "./people.js";

// Words of labels that stand for a part in the proceedings, not a person (besides titles and honorifics).
const PART_WORDS = new Set(
  (
    "moderator aide operator host co-host cohost interpreter translator narrator announcer chair chairman chairwoman " +
    "chairperson clerk reporter reporters journalist question questions answer participant participants audience member " +
    "members panel panelist panelists unidentified unknown staff staffer voice voices speaker speakers guest caller male " +
    "female man woman interviewer interviewee presenter anchor correspondent crosstalk multiple all several group " +
    "of for to on and in at with a an"
  ).split(" "),
);

// Labels speech-to-text gives anonymous speakers: "SPEAKER_00", "Speaker 2", "spk_1", "S3", "Unknown".
const DIARIZED = /^(?:speaker|spk|spkr|unknown|person|participant|voice|guest|caller|s)[\s_-]*\d*$/i;

/**
 * Whether a speaker (label as written, and the name the briefing gives it) names no one in particular: reporters'
 * marks, the unresolved answer mark, moderators and offices without a name, anonymous diarized speakers.
 */
export function isGenericSpeaker(label: string, speaker: string, name: string): boolean {
  if (isAskerLabel(label) && !askerNameFromLabel(label)) return true;
  if (isAnswerMark(label) && speaker === label) return true;
  const bare = name.trim();
  if (!bare || DIARIZED.test(bare) || /^\p{L}$/u.test(bare)) return true;
  if (hasHan(bare)) {
    if (isHanAskerLabel(bare) || isHanModeratorLabel(bare)) return true;
    // "发言人", "外交部发言人": an office, unless a name goes with it ("外交部发言人汪文斌", "王部长").
    return hanOfficeOnly(bare);
  }
  const words = foldAccents(bare).toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
  return words.every((w) => PART_WORDS.has(w) || TITLE_WORDS.has(w) || HONORIFICS.has(w) || /^\d+$/.test(w));
}

/** What one person is known by across briefings: the name, lower case, accents folded, spaces collapsed. */
export function personKey(name: string): string {
  return foldAccents(name.normalize("NFC")).toLowerCase().replace(/[.’']/g, "").replace(/\s+/g, " ").trim();
}
