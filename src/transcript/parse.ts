// Transcript text (or JSON) → Transcript: meta, announcement, roster, speaker-attributed turns, Q→A links.
//
// Every format has a reader (src/transcript/readers): plain text and Markdown, WebVTT and SRT captions, JSON
// (speaker turns, or diarized segments), HTML, PDF and DOCX. A reader returns either text in the plain-text layout
// (labels at paragraph starts or alone on a line; read here by readTextTurns) or speaker turns as they are. What
// follows is shared: labels, names and roles, question → answer links, notes, and the times or pages each turn's
// text keeps (marks).
import { createHash } from "node:crypto";
import { parse as parseYaml } from "yaml";
import type { BriefingMeta, RosterEntry, TextMark, Transcript, Turn } from "../types.js";
import { detectLanguage } from "../text/scripts.js";
import { sentences } from "../text/sentences.js";
import { hanDate, hanLabelPerson, hanTitleLine, hanWordCount, hasHan, namesHanOffice, parseHanRoster } from "./chinese.js";
import { TranscriptError } from "./errors.js";
import {
  askerNameFromLabel,
  isAnswerMark,
  isAskerLabel,
  isModeratorLabel,
  isUpperCaseLabel,
  labelAlone,
  labelInline,
  labelWithFullStop,
  looksLikeRole,
  nameFromLabel,
  roleFromLabel,
} from "./labels.js";
import { isTimeStamp, withoutLeadingNotes, withoutNotes } from "./notes.js";
import { pressLabel, resolvePeople, type LabelPerson } from "./people.js";
import { joinMarked, joinPieces, type Marked, type Piece } from "./readers/marks.js";
import { readerFor, UNIDENTIFIED_SPEAKER, type ReaderOutput, type Sidecar, type SpeakerName, type TextLayout, type TurnsLayout } from "./readers/index.js";
import { parseRoster, roleFromRoster } from "./roster.js";

export { TranscriptError } from "./errors.js";

export interface RawTurn {
  /** The label exactly as written. */
  label: string;
  text: string;
  /** Times or pages of the text (formats that have them). */
  marks?: TextMark[];
}

/** The hash the manifest keeps of a transcript file's bytes. */
export function contentHash(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export interface ParseOptions {
  /** The transcript's `NAME.speakers.json`, read: names for anonymous labels, and meta (video, title …). */
  sidecar?: Sidecar | null;
}

/**
 * Parse one transcript file of a text format (everything but PDF and DOCX, which readTranscript in load.ts
 * extracts first). `fileName` is its name inside the corpus (the transcript id); its extension picks the reader.
 */
export function parseTranscript(fileName: string, bytes: Buffer | string, options: ParseOptions = {}): Transcript {
  const raw = typeof bytes === "string" ? bytes : bytes.toString("utf8");
  const hash = contentHash(bytes);
  const text = normaliseNewlines(raw);
  if (!text.trim()) throw new TranscriptError(`${fileName}: the file is empty`);
  const reader = readerFor(fileName);
  if (!reader || reader.kind !== "text") throw new TranscriptError(`${fileName}: not a text format (${reader ? "read by readTranscript" : "unknown extension"})`);
  const { front, body } = reader.frontMatter ? splitFrontMatter(fileName, text) : { front: {}, body: text };
  let output: ReaderOutput;
  try {
    output = reader.read(body, fileName);
  } catch (error) {
    // A library that gives up on a file (a parser's own limits) fails that file, in one line, like any other reason.
    if (error instanceof TranscriptError) throw error;
    throw new TranscriptError(`${fileName}: cannot read it (${firstLine(error)})`);
  }
  return assembleTranscript(fileName, output, { front, hash, sidecar: options.sidecar ?? null });
}

/**
 * What a reader returned → Transcript: the shared part of parsing. Meta comes from front matter first, then the
 * sidecar, then the file itself (a JSON field, an HTML title, a PDF's title), then the file name.
 */
export function assembleTranscript(
  fileName: string,
  output: ReaderOutput,
  context: { front: Record<string, unknown>; hash: string; sidecar: Sidecar | null },
): Transcript {
  const fields: Record<string, unknown> = { ...output.meta, ...context.sidecar?.meta, ...context.front };
  const frontTitle = typeof fields.title === "string" ? fields.title : "";
  const names = new Map<string, SpeakerName>([...Object.entries(output.speakers ?? {}), ...Object.entries(context.sidecar?.speakers ?? {})]);
  const read = output.layout === "text" ? readTextTurns(output.body, frontTitle, output) : readTurns(output, names);
  const { announcement: intro, turns: rawTurns } = read;
  if (rawTurns.length === 0) {
    throw new TranscriptError(`${fileName}: ${output.noLabels ?? 'no speaker labels found (expected "Name:" on its own line or at a paragraph start)'}`);
  }
  // A Chinese transcript opens with its title on a line of its own ("…新闻发布会"): the title, not the announcement.
  const titleLine = output.layout !== "text" || frontTitle || read.announcementMarks.length ? null : hanTitleLine(intro);
  const announcement = titleLine?.rest ?? intro;
  if (titleLine && typeof fields.title !== "string") fields.title = titleLine.title;
  const roster = [...parseRoster(announcement), ...parseHanRoster(`${typeof fields.title === "string" ? fields.title : ""}\n${announcement}`)];
  const meta = briefingMeta(fileName, fields, announcement, rawTurns);
  const transcript: Transcript = { meta, announcement, roster, turns: attributeTurns(rawTurns, roster, meta.title, announcement, names), hash: context.hash };
  if (read.announcementMarks.length) transcript.announcementMarks = read.announcementMarks;
  return transcript;
}

interface ReadTurns {
  announcement: string;
  announcementMarks: TextMark[];
  turns: RawTurn[];
}

/** Speaker turns as a reader found them: each piece cleaned of notes on its own, then joined (with its marks). */
function readTurns(output: TurnsLayout, names: ReadonlyMap<string, SpeakerName>): ReadTurns {
  const clean = (pieces: readonly Piece[]) =>
    joinPieces(
      pieces.map((p) => ({ ...p, text: normaliseTurnText(p.text) })),
      output.separator,
    );
  const announcement = clean(output.announcement);
  let turns: RawTurn[] = output.turns.map(({ label, pieces }) => withMarks(label, clean(pieces)));
  if (output.mergeConsecutive) turns = mergeConsecutive(turns, names, output.separator);
  return { announcement: announcement.text, announcementMarks: announcement.marks, turns };
}

function withMarks(label: string, marked: Marked): RawTurn {
  return marked.marks.length ? { label, text: marked.text, marks: marked.marks } : { label, text: marked.text };
}

const mappedName = (names: ReadonlyMap<string, SpeakerName>, label: string): string => {
  const entry = names.get(label);
  return (typeof entry === "string" ? entry : entry?.name)?.trim() || label;
};

/**
 * Caption cues and diarized segments: consecutive turns of one speaker (after naming: two labels the sidecar
 * names alike are one person) are one turn. A speaker change the captions mark without a name is never merged.
 */
function mergeConsecutive(turns: readonly RawTurn[], names: ReadonlyMap<string, SpeakerName>, separator: string): RawTurn[] {
  // Runs of one speaker, joined once each (joining turn by turn would copy the marks again for every cue).
  const runs: RawTurn[][] = [];
  for (const turn of turns) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && turn.label !== UNIDENTIFIED_SPEAKER && mappedName(names, last.label) === mappedName(names, turn.label)) run.push(turn);
    else runs.push([turn]);
  }
  return runs.map((run) =>
    run.length === 1 ? run[0]! : withMarks(run[0]!.label, joinMarked(run.map((t) => ({ text: t.text, marks: t.marks ?? [] })), separator)),
  );
}

function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/\t/g, " ");
}

function splitFrontMatter(fileName: string, text: string): { front: Record<string, unknown>; body: string } {
  const match = /^---[ ]*\n([\s\S]*?)\n---[ ]*(?:\n|$)/.exec(text);
  if (!match) return { front: {}, body: text };
  let front: unknown;
  try {
    front = parseYaml(match[1]!, { logLevel: "error" }); // warnings: one line each from load.ts, naming the file
  } catch (error) {
    throw new TranscriptError(`${fileName}: the front matter is not valid YAML (${firstLine(error)})`);
  }
  if (front !== null && typeof front !== "object") throw new TranscriptError(`${fileName}: the front matter must be "key: value" lines`);
  return { front: (front ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0]!;
}

/** Paragraphs separated by blank lines; hard-wrapped lines inside a paragraph are joined. */
function paragraphs(body: string): string[][] {
  return numberedParagraphs(body).map((p) => p.lines);
}

/** paragraphs(), with the number of each line in `body` (0-based): where a PDF's line came from. */
function numberedParagraphs(body: string): { lines: string[]; numbers: number[] }[] {
  const out: { lines: string[]; numbers: number[] }[] = [];
  let current: { lines: string[]; numbers: number[] } = { lines: [], numbers: [] };
  body.split("\n").forEach((raw, number) => {
    // Only a line of spaces separates paragraphs (as before); other blank-looking lines are just dropped.
    if (/^ *$/.test(raw)) {
      if (current.lines.length) out.push(current);
      current = { lines: [], numbers: [] };
      return;
    }
    const line = raw.replace(/ {2,}/g, " ").trim();
    if (line) {
      current.lines.push(line);
      current.numbers.push(number);
    }
  });
  if (current.lines.length) out.push(current);
  return out;
}

/** A paragraph and the label it may open with. */
interface Block {
  lines: string[];
  /** The page of each line (PDF), when the reader knows it. */
  pages: (number | undefined)[] | null;
  /** The paragraph as one line, without the transcriber's notes that open it ("(As interpreted.) …"). */
  paragraph: string;
  alone: string | null;
  inline: { label: string; text: string } | null;
}

function readTextTurns(body: string, title: string, layout: Pick<TextLayout, "linePages" | "knownLabels"> = {}): ReadTurns {
  const known = layout.knownLabels?.length ? new Set(layout.knownLabels) : undefined;
  const blocks: Block[] = numberedParagraphs(body).map(({ lines, numbers }) => {
    const paragraph = withoutLeadingNotes(lines.join(" "));
    const alone = labelAlone(lines[0]!, known);
    const pages = layout.linePages ? numbers.map((n) => layout.linePages![n]) : null;
    return { lines, pages, paragraph, alone, inline: alone ? null : (labelInline(paragraph, known) ?? labelWithFullStop(paragraph)) };
  });
  // Labels standing alone on their line mark the layout; in a document written that way, an inline
  // "Word: text" is taken as a label only when that label also stands alone somewhere (fewer false labels).
  const aloneLabels = new Set(blocks.flatMap((b) => (b.alone ? [b.alone] : [])));
  const inlineLayout = blocks.filter((b) => b.inline).length > aloneLabels.size;
  const keepsLabel = inlineLayout ? inlineLabelJudge(blocks, title) : null;
  const intro: Marked[] = [];
  const turns: { label: string; parts: Marked[] }[] = [];
  // Words go to the turn being read, or to the announcement before the first label; notes go nowhere.
  const addText = (text: string, block: Block, firstLine: number) => {
    const clean = cleanParagraph(text, block, firstLine);
    if (!clean.text) return;
    if (turns.length === 0) intro.push(clean);
    else if (!isTimeStamp(clean.text)) turns[turns.length - 1]!.parts.push(clean);
  };
  blocks.forEach((block, i) => {
    const alone = labelAlone(block.lines[0]!, aloneLabels);
    if (alone) {
      turns.push({ label: alone, parts: [] });
      if (block.lines.length > 1) addText(block.lines.slice(1).join(" "), block, 1);
      return;
    }
    const inline = keepsLabel ? (keepsLabel(i) ? block.inline : null) : labelInline(block.paragraph, aloneLabels);
    if (inline && (keepsLabel || aloneLabels.has(inline.label))) {
      turns.push({ label: inline.label, parts: [] });
      addText(inline.text, block, 0);
    } else {
      addText(block.lines.join(" "), block, 0);
    }
  });
  const announcement = joinMarked(intro, "\n\n");
  return {
    announcement: announcement.text,
    announcementMarks: announcement.marks,
    // A label with no words after it stays a turn: turn numbers must match the transcript's.
    turns: turns.map((t) => withMarks(t.label, joinMarked(t.parts, "\n\n"))),
  };
}

/**
 * One paragraph's words without the transcriber's notes, and, where the reader knows the page of each line, a mark
 * where each page begins. `text` is the paragraph's lines from `firstLine` on, joined, or the end of them (after a
 * label). Where the paragraph runs onto a new page, its parts are cleaned one by one; if that reads differently from
 * cleaning it whole (a note across the page break), the whole paragraph is marked with its first page.
 */
function cleanParagraph(text: string, block: Block, firstLine: number): Marked {
  const whole = withoutNotes(text);
  const pages = block.pages?.slice(firstLine);
  const first = pages?.find((p) => p !== undefined);
  if (!pages || first === undefined) return { text: whole, marks: [] };
  const single = { text: whole, marks: [{ at: 0, page: first }] };
  if (pages.every((p) => p === first)) return single;
  const lines = block.lines.slice(firstLine);
  const joined = lines.join(" ");
  if (!joined.endsWith(text)) return single;
  // Cut `text` where a line on a new page begins.
  const skipped = joined.length - text.length;
  const pieces: Piece[] = [];
  let lineStart = 0;
  let pieceStart = 0;
  let page = first;
  lines.forEach((line, i) => {
    const linePage = pages[i] ?? page;
    if (i > 0 && linePage !== page) {
      const cut = Math.max(0, lineStart - skipped);
      if (cut > pieceStart) pieces.push({ text: text.slice(pieceStart, cut).trim(), page });
      pieceStart = Math.max(pieceStart, cut);
    }
    page = linePage;
    lineStart += line.length + 1;
  });
  pieces.push({ text: text.slice(pieceStart).trim(), page });
  const cleaned = pieces.map((p) => ({ ...p, text: withoutNotes(p.text) }));
  const marked = joinPieces(cleaned, " ");
  return marked.text === whole ? marked : single;
}

/**
 * In a transcript that writes "Label: text" at the start of paragraphs, which of those openings are speakers.
 * Decided from the whole transcript, not line by line: a label that recurs, names the press or the chair, or is
 * named in the title or announcement is a speaker; otherwise it must be written the way the transcript writes its
 * labels. Where labels are in capitals ("MS. PSAKI:"), a mixed-case one-off ("Morgan Stanley: “…”", "So,
 * Citigroup:") is prose. Elsewhere a one-off that quotes ("Morgan Stanley: “…”"), follows a paragraph announcing a
 * list ("Let me give you a few examples:") or is a single word ("Vaccinations:") is prose.
 */
function inlineLabelJudge(blocks: readonly Block[], title: string): (index: number) => boolean {
  const counts = new Map<string, number>();
  for (const b of blocks) if (b.inline) counts.set(b.inline.label, (counts.get(b.inline.label) ?? 0) + 1);
  const firstLabelled = blocks.findIndex((b) => b.inline);
  const introduction = [title, ...blocks.slice(0, Math.max(0, firstLabelled)).map((b) => b.paragraph)].join("\n").toLowerCase();
  const upperCase = writesLabelsInCapitals(counts);
  const hasQuestionMark = counts.has("Q") || counts.has("问");
  return (index) => {
    const { label, text } = blocks[index]!.inline ?? { label: "", text: "" };
    if (!label) return false;
    if (isAnswerMark(label)) return hasQuestionMark;
    if ((counts.get(label) ?? 0) >= 2 || isAskerLabel(label) || isModeratorLabel(label) || isNamedIn(label, introduction)) return true;
    if (upperCase) return isUpperCaseLabel(label);
    const previous = blocks[index - 1]?.paragraph ?? "";
    if (/^["“‘']/.test(text) || /[:：]$/.test(previous)) return false;
    // A Chinese one-off ("一是：", "我们的做法：") is prose unless it names an office ("外交部发言人汪文斌").
    if (hasHan(label)) return namesHanOffice(label);
    return !/^\p{Script=Latin}+$/u.test(label) || ROLE_NOUNS.has(label.toLowerCase()) || looksLikeRole(label);
  };
}

// One-word labels that name a part in the proceedings rather than a topic ("Interpreter:", not "Vaccinations:").
const ROLE_NOUNS = new Set(["interpreter", "translator", "spokesperson", "spokesman", "spokeswoman", "operator", "announcer", "narrator", "participant", "audience"]);

/** Whether the labels that recur are (nearly) all in capitals; one-letter marks ("Q") say nothing either way. */
function writesLabelsInCapitals(counts: ReadonlyMap<string, number>): boolean {
  let upper = 0;
  let all = 0;
  for (const [label, count] of counts) {
    if (count < 2 || label.replace(/[^\p{L}]/gu, "").length < 2) continue;
    all += count;
    if (isUpperCaseLabel(label)) upper += count;
  }
  return all > 0 && upper >= 0.8 * all;
}

/** The label's name occurs in `text` (lower case) as whole words. */
function isNamedIn(label: string, text: string): boolean {
  const name = nameFromLabel(label).toLowerCase();
  // Chinese runs names into the words around them ("局长李明华出席"): a name is named wherever it is written.
  if (hasHan(name)) return [...name].length >= 2 && text.includes(name);
  let from = text.indexOf(name);
  while (from >= 0) {
    const before = text[from - 1];
    const after = text[from + name.length];
    if ((before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) return true;
    from = text.indexOf(name, from + 1);
  }
  return false;
}

/** A turn's text as a file gives it (JSON, a caption cue): paragraphs kept, lines joined, notes removed. */
function normaliseTurnText(text: string): string {
  return paragraphs(normaliseNewlines(text))
    .map((lines) => withoutNotes(lines.join(" ")))
    .filter(Boolean)
    .join("\n\n");
}

/**
 * Speakers, names, roles and question→answer links for the raw turns. A label the sidecar (or the file) names
 * ("SPEAKER_00" → "Xu Kemin") is read as that name throughout; `label` keeps what the file wrote.
 */
function attributeTurns(
  written: RawTurn[],
  roster: readonly RosterEntry[],
  title: string,
  announcement: string,
  names: ReadonlyMap<string, SpeakerName> = new Map(),
): Turn[] {
  const rawTurns = names.size ? written.map((t) => ({ ...t, label: mappedName(names, t.label) })) : written;
  const identity = identities(rawTurns, roster, title, announcement);
  const turns: Turn[] = rawTurns.map(({ label, text, marks }, index) => {
    const person = identity.get(label)!;
    const given = names.get(written[index]!.label);
    const role = person.role ?? (typeof given === "object" && given.role ? given.role : null);
    return {
      index,
      label,
      ...person,
      role,
      text,
      isQuestion: false,
      inResponseTo: null,
      ...(marks?.length ? { marks } : {}),
    };
  });
  if (isPressLayout(rawTurns)) linkPressExchanges(turns);
  else linkCommitteeExchanges(turns, rawTurns, roster);
  // Links are made on the names; the label is given back as written.
  if (names.size) turns.forEach((turn, i) => (turn.label = written[i]!.label));
  return turns;
}

/** Whether the label's turns are a reporter's: "Q", "QUESTION", "Shenzhen Satellite TV reporter" (never a named official). */
function asks(label: string): boolean {
  return isAskerLabel(label) && !pressLabel(label)?.surname.length;
}

// Officials introduce each other in the first turns, before the questions ("Today, we have a special guest, …").
const OPENING_TURNS = 12;

/** Who each label is: the person the briefing names behind it, or the label read on its own. */
function identities(rawTurns: readonly RawTurn[], roster: readonly RosterEntry[], title: string, announcement: string): Map<string, LabelPerson> {
  const labels = [...new Set(rawTurns.map((t) => t.label))];
  const firstQuestion = rawTurns.findIndex((t) => asks(t.label));
  const opening = rawTurns.slice(0, Math.min(firstQuestion < 0 ? rawTurns.length : firstQuestion, OPENING_TURNS)).map((t) => t.text);
  const people = resolvePeople(labels, { title, announcement, roster, opening, everything: rawTurns.map((t) => t.text) });
  // A role written in one label ("Right Hon. Justin Trudeau (Prime Minister)") also holds for the
  // same person's shorter labels later on ("Right Hon. Justin Trudeau").
  const roleByName = new Map<string, string>();
  for (const label of labels) {
    const role = roleFromRoster(label, roster) ?? roleFromLabel(label);
    if (role && !roleByName.has(nameFromLabel(label))) roleByName.set(nameFromLabel(label), role);
  }
  const identity = new Map<string, LabelPerson>();
  for (const label of labels) {
    const person = people.get(label) ?? hanPerson(label, roster);
    if (person) identity.set(label, person);
    else if (asks(label)) identity.set(label, { speaker: label, name: askerNameFromLabel(label) ?? nameFromLabel(label), role: null });
    else identity.set(label, { speaker: label, name: nameFromLabel(label), role: roleByName.get(nameFromLabel(label)) ?? null });
  }
  return identity;
}

/**
 * A Chinese label that names its person: role and name in one ("外交部发言人汪文斌"), or the answer mark "答" for the
 * spokesperson the title or announcement introduces. Null for every other label.
 */
function hanPerson(label: string, roster: readonly RosterEntry[]): LabelPerson | null {
  if (label.trim() === "答") {
    const hanRoster = roster.filter((r) => hasHan(r.name));
    const spokesperson = hanRoster.filter((r) => r.role.includes("发言人"));
    const holder = spokesperson.length === 1 ? spokesperson[0] : hanRoster.length === 1 ? hanRoster[0] : undefined;
    return holder ? { speaker: holder.name, name: holder.name, role: holder.role } : null;
  }
  const named = hanLabelPerson(label);
  return named ? { speaker: label, name: named.name, role: roleFromRoster(named.name, roster) ?? named.role } : null;
}

/** A press briefing: reporters' labels ("Q", "… reporter") carry a real share of the turns, so they alone ask. */
function isPressLayout(rawTurns: readonly RawTurn[]): boolean {
  const asking = rawTurns.filter((t) => asks(t.label)).length;
  return asking > 0 && asking >= 0.1 * rawTurns.length;
}

/**
 * Press layout: every reporter's turn is a question turn; each official turn answers the latest question that
 * asked something. A reporter's "Yes." or "Thank you." asks nothing: the answer goes on to the same question.
 * Moderators, and officials who only hand the floor over, neither ask nor answer.
 */
function linkPressExchanges(turns: Turn[]): void {
  const floorKeepers = floorKeeperLabels(turns);
  let openQuestion: Turn | null = null;
  turns.forEach((turn, i) => {
    if (asks(turn.label)) {
      turn.isQuestion = true;
      if (!acknowledges(turn.text)) openQuestion = turn;
    } else if (openQuestion && !floorKeepers.has(turn.label) && !callsOnSomeone(turn.text, turns[i - 1], turns[i + 1])) {
      turn.inResponseTo = openQuestion.index;
    }
  });
}

// Short replies that answer ("Yes.", "Sure.", "Correct.") rather than call on the next reporter.
const REPLY_WORDS = new Set(["yes", "yeah", "no", "sure", "okay", "ok", "right", "correct", "absolutely", "exactly", "thanks", "great", "true"]);

/**
 * "Go ahead, Kaitlan.", "Andrea.": an official giving the floor to the reporter who speaks next. A lone name counts
 * only when it does not follow a reporter's turn: "Monday." right after "When does it reopen?" is an answer.
 */
function callsOnSomeone(text: string, previous: Turn | undefined, next: Turn | undefined): boolean {
  if (!next || !asks(next.label) || !text.trim() || wordCountAbove(text, 4) || /[?？]/.test(text)) return false;
  const words = text.trim().split(/\s+/);
  if (/\bgo ahead\b/i.test(text)) return true;
  const word = words.length === 1 ? words[0]!.replace(/[^\p{L}'’-]/gu, "") : "";
  return !!word && /^\p{Lu}\p{Ll}/u.test(word) && !REPLY_WORDS.has(word.toLowerCase()) && !(previous && asks(previous.label));
}

const FLOOR_TURN_WORDS = 40;

/**
 * Labels that run the briefing: a moderator label ("MODERATOR"), or a person who never speaks right after a
 * reporter and never says more than a line or two ("MS. CHANG: Thank you, Madam Vice President.", "AIDE: Last
 * question."). A person is judged across all their labels: a one-off "MR. PSAKI" is still the Press Secretary.
 */
function floorKeeperLabels(turns: readonly Turn[]): Set<string> {
  const answersReporter = new Set<string>();
  const speaksAtLength = new Set<string>();
  turns.forEach((turn, i) => {
    if (i > 0 && asks(turns[i - 1]!.label)) answersReporter.add(turn.name);
    if (wordCountAbove(turn.text, FLOOR_TURN_WORDS)) speaksAtLength.add(turn.name);
  });
  const keepers = new Set<string>();
  for (const turn of turns) {
    if (asks(turn.label) || isAnswerMark(turn.label)) continue;
    const named = pressLabel(turn.label)?.surname.length;
    if ((isModeratorLabel(turn.label) && !named) || (!answersReporter.has(turn.name) && !speaksAtLength.has(turn.name))) keepers.add(turn.label);
  }
  return keepers;
}

/**
 * Committee layout (members question officials, a chair keeps the floor): a member's turn that ends on a question
 * asks; the official turns after it answer it, until the member speaks again without a question.
 */
function linkCommitteeExchanges(turns: Turn[], rawTurns: readonly RawTurn[], roster: readonly RosterEntry[]): void {
  let openQuestion: Turn | null = null;
  turns.forEach((turn, index) => {
    const { label, name, text } = turn;
    if (isModeratorLabel(label) || handsOverTheFloor(text, rawTurns[index + 1]?.label)) {
      // The chair hands the floor over ("Michelle.", "Thank you. Dawn."); they neither ask nor answer.
    } else if (isAskerLabel(label) || (!roleFromRoster(label, roster) && asksSomething(text))) {
      // A follow-up from the same asker is a question of its own: the answer that comes next answers it.
      turn.isQuestion = true;
      openQuestion = turn;
    } else if (openQuestion && openQuestion.name !== name) {
      turn.inResponseTo = openQuestion.index;
    } else if (openQuestion?.name === name && !acknowledges(text)) {
      // The asker speaks again without a question: the exchange is over. A bare "Okay." is not a new point: an
      // official who then adds to the answer ("And, just to add, ...") still answers the same question.
      openQuestion = null;
    }
  });
}

/** A few words naming the next speaker ("Michelle.", "Go ahead, Mr. Kelly."): a chair calling on someone, whatever the chair's label says. */
function handsOverTheFloor(text: string, nextSpeaker: string | undefined): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (!nextSpeaker || words.length > 4 || /[?？]/.test(text)) return false;
  const nextNames = new Set(nameFromLabel(nextSpeaker).toLowerCase().split(/\s+/));
  return words.some((w) => nextNames.has(w.toLowerCase().replace(/[^\p{L}'’-]/gu, "")));
}

/** A few words without a question: "Okay.", "Right, thank you." */
function acknowledges(text: string): boolean {
  return !wordCountAbove(text, 4) && !/[?？]/.test(text);
}

/** Whether `text` has more than `limit` words, reading no further than needed (turns can be thousands of words). */
function wordCountAbove(text: string, limit: number): boolean {
  if (text.trim().split(/\s+/, limit + 1).length > limit) return true;
  // Chinese has no spaces between words: its words are counted as the segmenter cuts them, in a bounded head.
  const head = text.slice(0, 8 * (limit + 1));
  return hasHan(head) && hanWordCount(head) > limit;
}

/** A turn asks when it ends on a question; an answer may pose a rhetorical one on its way. */
function asksSomething(text: string): boolean {
  return sentences(text)
    .slice(-2)
    .some((s) => /[?？]["”’)]?$/.test(s));
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function briefingMeta(fileName: string, fields: Record<string, unknown>, announcement: string, turns: readonly RawTurn[]): BriefingMeta {
  const str = (key: string) => {
    const value = fields[key];
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return typeof value === "string" || typeof value === "number" ? String(value).trim() || null : null;
  };
  const source = str("source");
  const url = str("url") ?? (source && /^https?:\/\//.test(source) ? source : null);
  const video = str("video");
  const meta: BriefingMeta = {
    id: fileName,
    title: str("title") ?? titleFromFileName(fileName),
    date: isoDate(str("date")) ?? dateFromFileName(fileName) ?? dateFromText(announcement) ?? hanDate(announcement),
    source,
    url,
    // As the front matter says; otherwise guessed from the letters of what was said.
    language: str("language") ?? detectLanguage(languageSample(announcement, turns)),
  };
  // Only a web link can be opened at a moment; anything else is left out rather than shown as a broken link.
  if (video && /^https?:\/\/\S+$/i.test(video)) meta.video = video;
  return meta;
}

/** The announcement and the first turns, up to a few thousand characters: enough to tell the language. */
function languageSample(announcement: string, turns: readonly RawTurn[]): string {
  const parts = [announcement];
  let length = announcement.length;
  for (const turn of turns) {
    if (length > 20_000) break;
    parts.push(turn.text);
    length += turn.text.length;
  }
  return parts.join("\n");
}

function isoDate(text: string | null): string | null {
  if (!text) return null;
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : dateFromText(text);
}

function titleFromFileName(fileName: string): string {
  // In a subfolder ("2021/03-22-budget.txt") the file's own name is the title.
  const stem = fileName.slice(fileName.lastIndexOf("/") + 1).replace(/\.[^.]+$/, "").replace(/^\d{4}-\d{2}-\d{2}[-_ ]*/, "");
  const words = stem.replace(/[-_]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : fileName;
}

function dateFromFileName(fileName: string): string | null {
  return /(\d{4}-\d{2}-\d{2})/.exec(fileName)?.[1] ?? null;
}

/** "March 30, 2020" or "30 March 2020" → "2020-03-30". */
function dateFromText(text: string): string | null {
  const monthFirst = /\b([A-Z][a-z]+)\s+(\d{1,2}),?\s+(\d{4})\b/.exec(text);
  const dayFirst = /\b(\d{1,2})\s+([A-Z][a-z]+),?\s+(\d{4})\b/.exec(text);
  const parts = monthFirst
    ? { month: monthFirst[1]!, day: monthFirst[2]!, year: monthFirst[3]! }
    : dayFirst
      ? { month: dayFirst[2]!, day: dayFirst[1]!, year: dayFirst[3]! }
      : null;
  const month = parts ? MONTHS.indexOf(parts.month.toLowerCase()) + 1 : 0;
  if (!parts || month === 0) return null;
  return `${parts.year}-${String(month).padStart(2, "0")}-${parts.day.padStart(2, "0")}`;
}
