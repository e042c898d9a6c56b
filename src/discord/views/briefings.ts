// Onboarding views → Discord messages: a briefing's overview (who spoke, every question asked, a menu to
// open any official answer), the list of briefings, the speakers, and autocomplete choices. Pure.
import { ComponentType, type APIEmbed, type APIStringSelectComponent } from "discord.js";
import type { BriefingMeta, BriefingOverview, BriefingSpeakers, BriefingSummary, PersonSummary, QuestionSummary, SpeakerSummary } from "../../types.js";
import { customId, transcriptRef } from "../custom-ids.js";
import { activity, count } from "../../present/people.js";
import { briefingLine } from "../../present/wording.js";
import { embedLength, LIMITS, type DiscordReply } from "./limits.js";
import { escapeText, fitAtSentence, hardCut, oneLine } from "./text.js";
import { button, EMBED_COLOR, row } from "./answers.js";

export const QUESTIONS_PER_PAGE = LIMITS.selectOptions;

export interface BriefingView extends BriefingOverview {
  /** 0-based page of questions; clamped to the pages there are. */
  page: number;
}

export interface Choice {
  name: string;
  value: string;
}

const plain = (raw: string) => raw; // select labels, choices and footers show no markdown

/** /briefing for one briefing: what it was, who spoke, every question asked, and a menu of the questions. */
export function briefingReply(view: BriefingView): DiscordReply {
  const { meta, announcement } = view.summary;
  const pages = Math.max(1, Math.ceil(view.questions.length / QUESTIONS_PER_PAGE));
  const page = Math.min(Math.max(0, view.page), pages - 1);
  const first = page * QUESTIONS_PER_PAGE;
  const onPage = view.questions.slice(first, first + QUESTIONS_PER_PAGE);

  const facts = [
    meta.date ? `**Date:** ${escapeText(meta.date)}` : "",
    meta.source ? `**Source:** ${oneLine(meta.source, 300)}` : "",
  ].filter(Boolean);
  const about = announcement.trim() ? fitAtSentence(announcement, 1200).text : "";
  const overview: APIEmbed = {
    title: oneLine(meta.title, LIMITS.embedTitle),
    ...(isLink(meta.url) ? { url: meta.url! } : {}),
    description: [facts.join("\n"), about].filter(Boolean).join("\n\n") || "No announcement was recorded.",
    fields: peopleFields(view),
    color: EMBED_COLOR,
  };

  const questionsEmbed: APIEmbed = { title: questionsTitle(first, onPage.length, view.questions.length), color: EMBED_COLOR };
  if (onPage.length) {
    questionsEmbed.footer = { text: "Pick a question below to read the official answer." };
    const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - embedLength(overview) - embedLength(questionsEmbed) - 50);
    const perLine = Math.max(40, Math.floor(room / onPage.length) - 1);
    questionsEmbed.description = hardCut(onPage.map((q, i) => questionLine(q, first + i + 1, perLine)).join("\n"), room);
  } else {
    questionsEmbed.description = "No questions were asked in this briefing.";
  }

  const components = [];
  if (onPage.length) components.push(row([questionSelect(meta.id, onPage, first)]));
  if (pages > 1) {
    components.push(
      row([
        button(customId({ kind: "questionsPage", transcript: meta.id, page: page - 1 }), "◀ Previous", { disabled: page === 0 }),
        button(customId({ kind: "questionsPage", transcript: meta.id, page: page + 1 }), "Next ▶", { disabled: page === pages - 1 }),
      ]),
    );
  }
  return { embeds: [overview, questionsEmbed], components };
}

/** /briefing without a name when there are several: the list, and a menu to open one. */
export function briefingListReply(briefings: BriefingSummary[]): DiscordReply {
  if (!briefings.length) return { content: "The index holds no briefings yet." };
  const shown = briefings.slice(0, LIMITS.selectOptions);
  const lines = briefings.map(
    (b) => `**${oneLine(b.meta.title, 200)}** — ${escapeText(b.meta.date ?? "undated")} · ${count(b.questions, "question")} · ${count(b.speakers, "speaker")}`,
  );
  const more = briefings.length > shown.length ? `Showing ${shown.length} of ${briefings.length} in the menu: use \`/briefing briefing:<name>\` for the others.` : "";
  return {
    ...(more ? { content: more } : {}),
    embeds: [{ title: "Briefings", description: packLines(lines, LIMITS.embedDescription), color: EMBED_COLOR }],
    components: [
      row([
        {
          type: ComponentType.StringSelect,
          custom_id: customId({ kind: "pickBriefing" }),
          placeholder: "Open a briefing…",
          options: shown.map((b) => ({
            label: oneLine(b.meta.title, LIMITS.optionLabel, plain),
            description: oneLine(`${b.meta.date ?? "undated"} · ${count(b.questions, "question")} · ${count(b.speakers, "speaker")}`, LIMITS.optionDescription, plain),
            value: transcriptRef(b.meta.id),
          })),
        } satisfies APIStringSelectComponent,
      ]),
    ],
  };
}

/** /speakers: who spoke in each briefing, their roles and how many answers each gave. */
export function speakersReply(groups: BriefingSpeakers[]): DiscordReply {
  if (!groups.length) return { content: "The index holds no briefings yet." };
  const shown = groups.slice(0, LIMITS.embedsPerMessage);
  const share = Math.floor((LIMITS.embedTotal - 100) / shown.length);
  const embeds = shown.map((g): APIEmbed => {
    const title = oneLine(briefingLine(g.summary.meta), LIMITS.embedTitle);
    const lines = g.speakers.map((s) => speakerLine(s, g.questions));
    return {
      title,
      ...(isLink(g.summary.meta.url) ? { url: g.summary.meta.url! } : {}),
      description: packLines(lines.length ? lines : ["Nobody spoke."], Math.min(LIMITS.embedDescription, share - title.length)),
      color: EMBED_COLOR,
    };
  });
  const more = groups.length > shown.length ? `Showing ${shown.length} of ${groups.length} briefings: use \`/speakers briefing:<name>\` for one.` : "";
  return { ...(more ? { content: more } : {}), embeds };
}

/**
 * /speakers across several briefings: each person once, with the role and part in every briefing they spoke at
 * (newest first); labels that name no one ("Q", "MODERATOR") in a second embed, one line per briefing.
 */
export function peopleReply(people: PersonSummary[], briefings: BriefingSummary[], questionsOf: (transcript: string) => QuestionSummary[]): DiscordReply {
  if (!people.length) return { content: "The index holds no briefings yet." };
  const meta = new Map<string, BriefingMeta>(briefings.map((b) => [b.meta.id, b.meta]));
  const where = (s: SpeakerSummary) =>
    `*${oneLine(meta.has(s.transcript) ? briefingLine(meta.get(s.transcript)!) : s.transcript, 150)}* · ${activity(s, questionsOf(s.transcript))}`;
  const role = (s: SpeakerSummary) => (s.role ? `${oneLine(s.role, 200)} — ` : "");
  const blocks = people
    .filter((p) => p.person)
    .map((p) => {
      const name = `**${oneLine(p.name, 150)}**`;
      if (p.appearances.length === 1) return `${name} — ${role(p.appearances[0]!)}${where(p.appearances[0]!)}`;
      const total = p.answers > 0 ? count(p.answers, "answer") : count(p.turns, "turn");
      return [`${name} · ${count(p.appearances.length, "briefing")}, ${total}`, ...p.appearances.map((s) => `  ${role(s)}${where(s)}`)].join("\n");
    });
  const generic = people.filter((p) => !p.person).flatMap((p) => p.appearances.map((s) => `**${oneLine(s.speaker, 100)}** — ${where(s)}`));
  const embeds: APIEmbed[] = [
    {
      title: `Speakers across ${count(briefings.length, "briefing")}`,
      description: packLines(blocks.length ? blocks : ["No named speakers."], Math.min(LIMITS.embedDescription, 4000)),
      footer: { text: "A name in several briefings is one person, with the role from each." },
      color: EMBED_COLOR,
    },
  ];
  if (generic.length) {
    embeds.push({ title: "Labels that name no one in particular", description: packLines(generic, Math.min(LIMITS.embedDescription, LIMITS.embedTotal - embedLength(embeds[0]!) - 100)), color: EMBED_COLOR });
  }
  return { embeds };
}

/** Autocomplete for a speaker option: officials first, then names starting with what was typed. */
export function speakerChoices(speakers: SpeakerSummary[], typed: string): Choice[] {
  const needle = typed.trim().toLowerCase();
  const byName = new Map<string, SpeakerSummary & { total: number }>();
  for (const s of speakers) {
    const seen = byName.get(s.name);
    if (seen) seen.total += s.answers;
    else byName.set(s.name, { ...s, total: s.answers });
  }
  return [...byName.values()]
    .filter((s) => !needle || s.name.toLowerCase().includes(needle) || s.speaker.toLowerCase().includes(needle) || s.role?.toLowerCase().includes(needle))
    .sort((a, b) => Number(b.total > 0) - Number(a.total > 0) || Number(b.name.toLowerCase().startsWith(needle)) - Number(a.name.toLowerCase().startsWith(needle)) || a.name.localeCompare(b.name))
    .slice(0, LIMITS.autocompleteChoices)
    // A value cut to 100 characters is still a substring of the name, which the engine matches.
    .map((s) => ({ name: oneLine(s.role ? `${s.name} — ${s.role}` : s.name, LIMITS.choiceName, plain), value: s.name.slice(0, LIMITS.choiceValue) }));
}

/** Autocomplete for a briefing option: title, date or file name containing what was typed, newest first. */
export function briefingChoices(briefings: BriefingSummary[], typed: string): Choice[] {
  const needle = typed.trim().toLowerCase();
  return briefings
    .filter((b) => !needle || [b.meta.title, b.meta.id, b.meta.date ?? ""].some((v) => v.toLowerCase().includes(needle)))
    .slice(0, LIMITS.autocompleteChoices)
    .map((b) => ({
      name: oneLine(b.meta.date ? `${b.meta.title} (${b.meta.date})` : b.meta.title, LIMITS.choiceName, plain),
      value: b.meta.id.slice(0, LIMITS.choiceValue),
    }));
}

// ---- pieces ----

function peopleFields(view: BriefingView): NonNullable<APIEmbed["fields"]> {
  const panel = view.panel.map(
    (p) => `**${oneLine(p.name, 100)}** — ${oneLine(p.role, 200)} · ${p.spoke ? activity(p.spoke, view.questions) : "did not speak"}`,
  );
  const others = view.others.map((s) => speakerLine(s, view.questions));
  const fields = [];
  if (panel.length) fields.push({ name: "On the panel", value: packLines(panel, 700) });
  if (others.length) fields.push({ name: panel.length ? "Also spoke" : "Who spoke", value: packLines(others, 700) });
  return fields;
}

function speakerLine(s: SpeakerSummary, questions: QuestionSummary[]): string {
  const role = s.role ? ` — ${oneLine(s.role, 200)}` : "";
  return `**${oneLine(s.speaker, 150)}**${role} · ${activity(s, questions)}`;
}

function questionLine(q: QuestionSummary, n: number, budget: number): string {
  const by = q.answeredBy.length ? ` → ${q.answeredBy.join(", ")}` : "";
  const number = `**${n}.** `;
  return number + oneLine(`${q.speaker}: ${q.text}${by}`, budget - number.length);
}

function questionsTitle(first: number, shown: number, total: number): string {
  if (total <= shown) return `Questions asked (${total})`;
  return `Questions asked (${first + 1}–${first + shown} of ${total})`;
}

function questionSelect(transcript: string, questions: QuestionSummary[], first: number): APIStringSelectComponent {
  return {
    type: ComponentType.StringSelect,
    custom_id: customId({ kind: "pickQuestion", transcript }),
    placeholder: "Read the official answer to a question…",
    options: questions.map((q, i) => ({
      label: oneLine(`${first + i + 1}. ${q.speaker}`, LIMITS.optionLabel, plain),
      description: oneLine(q.text, LIMITS.optionDescription, plain),
      value: String(q.turn),
    })),
  };
}

/** Lines joined up to `max` characters; the rest summarised as "…and N more". */
export function packLines(lines: string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    // Room for the note, sized for the largest count it could show.
    const note = i < lines.length - 1 ? `\n…and ${lines.length} more`.length : 0;
    const cost = (kept.length ? 1 : 0) + line.length;
    if (length + cost + note > max) {
      const rest = lines.length - kept.length;
      const more = `…and ${rest} more`;
      return kept.length ? `${kept.join("\n")}\n${more}` : hardCut(more, max);
    }
    kept.push(line);
    length += cost;
  }
  return kept.join("\n");
}

function isLink(url: string | null): boolean {
  return !!url && /^https?:\/\//.test(url) && url.length <= LIMITS.urlLength;
}
