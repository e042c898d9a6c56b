// Answers → Discord messages: verbatim quotes as block quotes with the attribution, the briefing and the
// question answered, within every Discord limit. Pure: the same Answer always gives the same payload.
import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbed } from "discord.js";
import { DEFAULT_TOP } from "../../engine-api.js";
import type { Answer, BriefingMeta, Hit, PassageContext } from "../../types.js";
import { customId, passageParts } from "../custom-ids.js";
import {
  attributionLine,
  BRIEFING_ANSWER_NOTE,
  BRIEFING_ANSWER_TITLE,
  BRIEFING_SOURCES_TITLE,
  briefingLine,
  correctionLine,
  modeNote,
  momentText,
  notFoundText,
} from "../../present/wording.js";
import { embedLength, LIMITS, type ActionRow, type DiscordReply } from "./limits.js";
import { escapeText, fitAtSentence, hardCut, oneLine, plainRender, quoteRender, splitAtSentences } from "./text.js";

export const EMBED_COLOR = 0x2b6cb0;
/** Hits an /ask answer shows: the best one and up to two further ones. */
export const SHOWN_HITS = DEFAULT_TOP;
/** Most "Other answers" shown at once (one row of More context buttons). */
export const MORE_HITS = 5;
/** Follow-up messages More context may take before it is cut with a note. */
const MAX_CONTEXT_MESSAGES = 4;

export interface AskView {
  /** The question as the user typed it: echoed, escaped. */
  question: string;
  filters?: { speaker?: string | null; briefing?: string | null };
  /** Key the question is remembered under for "Other answers"; null hides the button. */
  othersKey: string | null;
}

const plain = (raw: string) => raw; // for texts Discord shows without markdown (labels, footers, names)

/** The /ask (and mention) answer: best quote, attribution, briefing, up to two further hits, buttons. */
export function answerReply(answer: Answer, view: AskView): DiscordReply {
  if (answer.kind === "briefing" && answer.answer) return briefingAnswerReply(answer, answer.answer, view);
  const best = answer.hits[0];
  if (!answer.found || !best) return notFoundReply(view, answer);
  const content = fitPlans(ANSWER_PLANS, (plan) => {
    const corrected = correctionLine(answer);
    const header = [echoLine(view.question, plan.echo), filterLine(view.filters, plan.echo), corrected ? `-# ${escapeText(corrected)}` : ""];
    // Every citation names its briefing: with many briefings, "Also in the briefings" may come from any of them.
    const further = answer.hits.slice(1, 1 + plan.further).map((hit) => hitBlock(hit, plan, { quoteBudget: plan.furtherQuote }));
    const tail = [
      ...(further.length ? ["", "**Also in the briefings**", ...further.flatMap((block, i) => (i ? ["", ...block] : block))] : []),
      ...(modeNote(answer) ? [`-# ${escapeText(modeNote(answer)!)}`] : []),
    ];
    return (quote) => joinLines([...header, ...hitBlock(best, plan, { quote, main: true }), ...tail]);
  }, best.quote);
  const buttons: APIButtonComponent[] = [contextButton(best, "More context")];
  if (view.othersKey && answer.hits.length > SHOWN_HITS) {
    buttons.push(button(customId({ kind: "others", key: view.othersKey }), "Other answers"));
  }
  return { content, components: [row(buttons)] };
}

/** Room for the bot's own words about a briefing; the cited passages get the rest of the 2000 characters. */
const BRIEFING_WORDS_BUDGET = 800;
const CITED_PLAN = { attribution: 250, asked: 0, briefing: 200 };
const CITED_QUOTE_BUDGET = 300;

/**
 * An answer about the briefing itself: the bot's words as plain text under a bold heading that says whose they
 * are, then the passages they come from as block quotes with their speakers, as many as fit.
 */
function briefingAnswerReply(answer: Answer, words: string, view: AskView): DiscordReply {
  const lines = [
    echoLine(view.question, 300),
    filterLine(view.filters, 300),
    `**${escapeText(BRIEFING_ANSWER_TITLE)}** · ${escapeText(BRIEFING_ANSWER_NOTE)}`,
    fitAtSentence(words, BRIEFING_WORDS_BUDGET, plainRender).text,
  ];
  let content = joinLines(lines);
  let shown = 0;
  // In order, while they fit: a later passage never shows without the ones before it.
  for (const hit of answer.hits.slice(0, SHOWN_HITS)) {
    const block = hitBlock(hit, CITED_PLAN, { quoteBudget: CITED_QUOTE_BUDGET });
    const next = joinLines([content, "", ...(shown === 0 ? [`**${escapeText(BRIEFING_SOURCES_TITLE)}**`] : []), ...block]);
    if (next.length > LIMITS.content) break;
    content = next;
    shown++;
  }
  const buttons: APIButtonComponent[] = shown ? [contextButton(answer.hits[0]!, "More context")] : [button(customId({ kind: "overview" }), "What the briefings cover")];
  if (view.othersKey && answer.hits.length > SHOWN_HITS) buttons.push(button(customId({ kind: "others", key: view.othersKey }), "Other answers"));
  return { content: hardCut(content, LIMITS.content), components: [row(buttons)] };
}

/** Nothing in the briefings matches: say so, and offer the overview of what they do cover. */
export function notFoundReply(view: Pick<AskView, "question" | "filters">, answer?: Pick<Answer, "reason" | "languages" | "mode">): DiscordReply {
  const lines = [
    echoLine(view.question, 300),
    filterLine(view.filters, 300),
    escapeText(answer ? notFoundText(answer) : notFoundText({ mode: "lexical" })),
    "Use `/briefing` to see what the briefings cover and every question that was asked.",
  ];
  return {
    content: hardCut(joinLines(lines), LIMITS.content),
    components: [row([button(customId({ kind: "overview" }), "What the briefings cover")])],
  };
}

/** "Other answers": the hits after the ones the answer showed, one embed each with its own More context button. */
export function othersReply(answer: Answer, question: string): DiscordReply {
  const next = answer.hits.slice(SHOWN_HITS, SHOWN_HITS + MORE_HITS);
  const content = hardCut(`**Other answers** to: ${oneLine(question, 300)}`, LIMITS.content);
  if (!answer.found || !next.length) return { content: `${content}\nNo other answers in the briefings match that question.` };
  const plan = { attribution: 250, asked: 0, briefing: 250 };
  // Each embed gets an equal share of the 6000; attribution and source lines take at most ~520 of it.
  const quoteBudget = Math.min(LIMITS.embedDescription - 600, Math.floor(LIMITS.embedTotal / next.length) - 600);
  const embeds = next.map((hit) => ({
    title: `#${hit.rank}`,
    description: joinLines(hitBlock(hit, plan, { quoteBudget })),
    color: EMBED_COLOR,
  }));
  return { content, embeds, components: [row(next.map((hit) => contextButton(hit, `Context #${hit.rank}`)))] };
}

/** /quote: the best sentence(s) from one speaker, ready to paste: block quote, attribution, briefing and date. */
export function quoteReply(answer: Answer, speaker: string, about: string): DiscordReply {
  const best = answer.hits[0];
  if (!answer.found || !best) {
    const lines = [`${escapeText(notFoundText(answer))}`, `-# Speaker: ${oneLine(speaker, 200)} · about: ${oneLine(about, 300)}`];
    return {
      content: hardCut(joinLines(lines), LIMITS.content),
      components: [row([button(customId({ kind: "overview" }), "What the briefings cover")])],
    };
  }
  const plan = { attribution: 300, asked: 0, briefing: 400 };
  const content = fitPlans([{ ...plan, mainMin: 0 }], () => (quote) => joinLines(hitBlock(best, plan, { quote })), best.quote);
  return { content, components: [row([contextButton(best, "More context")])] };
}

/** A short message: busy, cooldown, refusals, errors. */
export function noticeReply(text: string): DiscordReply {
  return { content: hardCut(text, LIMITS.content) };
}

/**
 * More context: the question answered, then the whole passage with the neighbouring passages of the same
 * answer (other turns are left out: the next question is not context), split over embeds and messages.
 */
export function contextReplies(context: PassageContext, question: { speaker: string; text: string } | null): DiscordReply[] {
  const { passage, meta } = context;
  const sameTurn = (p: (typeof context.before)[number]) => p.turn === passage.turn;
  const embeds: APIEmbed[] = [];
  if (question) embeds.push(...textEmbeds(`The question — ${question.speaker}`, question.text));
  const before = context.before.filter(sameTurn);
  const after = context.after.filter(sameTurn);
  if (before.length) embeds.push(...textEmbeds("Earlier in the same answer", before.map((p) => p.text).join("\n\n")));
  embeds.push(...textEmbeds(attributionLine({ speaker: passage.speaker, role: passage.role, inResponseTo: question }), passage.text));
  if (after.length) embeds.push(...textEmbeds("The answer goes on", after.map((p) => p.text).join("\n\n")));
  const place = momentText({ start: passage.startTime, page: passage.page });
  return packEmbeds(embeds, meta, `the passage continues in ${meta.id}`, place);
}

/** The official answer to one question of a briefing (answerTo): the question, then every answering passage. */
export function officialAnswerReplies(answer: Answer, meta: BriefingMeta | null): DiscordReply[] {
  const first = answer.hits[0];
  const asker = first?.inResponseTo?.speaker;
  const embeds: APIEmbed[] = [...textEmbeds(asker ? `The question — ${asker}` : "The question", answer.question)];
  if (!answer.found || !first) {
    embeds.push(...textEmbeds("No answer", "No official answer to this question was recorded in the transcript."));
    return packEmbeds(embeds, meta, "");
  }
  // Consecutive passages of one speaker read as one answer.
  const groups: Hit[][] = [];
  for (const hit of answer.hits) {
    const group = groups.at(-1);
    if (group && group[0]!.speaker === hit.speaker) group.push(hit);
    else groups.push([hit]);
  }
  for (const group of groups) {
    embeds.push(...textEmbeds(attributionLine(group[0]!), group.map((h) => h.passage).join("\n\n")));
  }
  return packEmbeds(embeds, meta ?? null, `the answer continues in ${first.source.transcript}`);
}

// ---- pieces ----

interface Plan {
  echo: number;
  attribution: number;
  asked: number;
  briefing: number;
  further: number;
  furtherQuote: number;
  mainMin: number;
}

// From roomy to terse: the first plan under which the main quote still gets a fair share wins.
const ANSWER_PLANS: Plan[] = [
  { echo: 300, attribution: 300, asked: 220, briefing: 300, further: 2, furtherQuote: 350, mainMin: 600 },
  { echo: 200, attribution: 250, asked: 160, briefing: 200, further: 2, furtherQuote: 200, mainMin: 500 },
  { echo: 200, attribution: 250, asked: 160, briefing: 200, further: 1, furtherQuote: 200, mainMin: 400 },
  { echo: 120, attribution: 200, asked: 100, briefing: 160, further: 0, furtherQuote: 0, mainMin: 200 },
  { echo: 80, attribution: 150, asked: 0, briefing: 120, further: 0, furtherQuote: 0, mainMin: 0 },
];

/**
 * Lay out content under each plan in turn: `layout(plan)` returns a renderer of the whole content around a
 * given (rendered) main quote; the quote gets whatever the rest leaves of the 2000 characters.
 */
function fitPlans<P extends { mainMin: number }>(
  plans: P[],
  layout: (plan: P) => (quote: string) => string,
  rawQuote: string,
): string {
  const fullQuote = quoteRender(rawQuote.trim());
  for (const plan of plans) {
    const render = layout(plan);
    const room = LIMITS.content - render("").length;
    if (room < Math.min(plan.mainMin, fullQuote.length) && plan !== plans.at(-1)) continue;
    const quote = fitAtSentence(rawQuote, Math.max(0, room), quoteRender).text;
    return hardCut(render(quote), LIMITS.content);
  }
  throw new Error("unreachable: the last plan always fits");
}

interface BlockOptions {
  /** The quote already rendered and fitted; otherwise it is fitted to `quoteBudget`. */
  quote?: string;
  quoteBudget?: number;
  /** The best hit of an answer: shows the question answered and a bold briefing line. */
  main?: boolean;
  /** Show the briefing line (default true). */
  source?: boolean;
}

/** Quote, attribution, the question answered (main hit only) and the briefing with its link. */
function hitBlock(hit: Hit, plan: Pick<Plan, "attribution" | "asked" | "briefing">, options: BlockOptions): string[] {
  const quote = options.quote ?? fitAtSentence(hit.quote, options.quoteBudget ?? 0, quoteRender).text;
  const lines = [quote, oneLine(attributionLine(hit), plan.attribution)];
  if (options.main && hit.inResponseTo && plan.asked > 0) lines.push(`-# The question: “${oneLine(hit.inResponseTo.text, plan.asked)}”`);
  if (options.source !== false) lines.push(sourceLine(hit.source, plan.briefing, options.main ?? false));
  return lines;
}

function sourceLine(source: Hit["source"], budget: number, bold: boolean): string {
  const title = oneLine(briefingLine(source), budget);
  const link = source.url && source.url.length <= 300 ? ` · <${source.url}>` : "";
  return bold ? `**${title}**${moment(source)}${link}` : `-# ${title}${moment(source)}${link}`;
}

/** " · at 00:12:31" (a masked link to the recording at that moment, when there is one), " · p. 4", or "". */
function moment(source: Hit["source"]): string {
  const text = momentText(source);
  if (!text) return "";
  const video = source.video && source.start !== undefined && source.video.length <= 300 ? source.video : null;
  return video ? ` · [${text}](<${video}>)` : ` · ${text}`;
}

function echoLine(question: string, budget: number): string {
  return question.trim() ? `**Question:** ${oneLine(question, budget)}` : "";
}

function filterLine(filters: AskView["filters"], budget: number): string {
  const parts = [
    filters?.speaker ? `speaker “${oneLine(filters.speaker, Math.floor(budget / 2))}”` : "",
    filters?.briefing ? `briefing “${oneLine(filters.briefing, Math.floor(budget / 2))}”` : "",
  ].filter(Boolean);
  return parts.length ? `-# Only ${parts.join(", ")}` : "";
}

/** Lines joined; empty strings dropped except single blank separators. */
function joinLines(lines: string[]): string {
  return lines
    .filter((line, i) => line !== "" || (i > 0 && lines[i - 1] !== ""))
    .join("\n")
    .trim();
}

function contextButton(hit: Hit, label: string): APIButtonComponent {
  const parts = passageParts(hit.passageId);
  const id = parts ? customId({ kind: "context", ...parts }) : customId({ kind: "overview" });
  return button(id, label);
}

export function button(id: string, label: string, options: { disabled?: boolean; primary?: boolean } = {}): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: options.primary ? ButtonStyle.Primary : ButtonStyle.Secondary,
    custom_id: id,
    label: hardCut(label, LIMITS.buttonLabel),
    ...(options.disabled ? { disabled: true } : {}),
  };
}

export function row(components: ActionRow["components"]): ActionRow {
  return { type: ComponentType.ActionRow, components: components.slice(0, LIMITS.buttonsPerRow) };
}

/** A titled text as one embed, or several when it exceeds the description limit (split at sentences). */
export function textEmbeds(title: string, text: string): APIEmbed[] {
  const pieces = splitAtSentences(text, LIMITS.embedDescription, plainRender);
  return (pieces.length ? pieces : ["(empty)"]).map((description, i) => ({
    title: oneLine(i === 0 ? title : `${title} (continued)`, LIMITS.embedTitle),
    description,
    color: EMBED_COLOR,
  }));
}

/**
 * Embeds packed into as few messages as the limits allow (10 embeds, 6000 characters each); the briefing
 * goes in the last embed's footer. Past MAX_CONTEXT_MESSAGES the rest is cut and the last message says so.
 */
export function packEmbeds(embeds: APIEmbed[], meta: BriefingMeta | null, cutNote: string, place = ""): DiscordReply[] {
  const footerText = meta ? oneLine([briefingLine(meta), place, meta.url].filter(Boolean).join(" · "), 400, plain) : "";
  // Every message keeps room for the footer, since any of them may turn out to be the last one kept.
  const budget = LIMITS.embedTotal - footerText.length;
  const messages: APIEmbed[][] = [];
  let total = 0;
  let cut = false;
  for (const embed of embeds) {
    const current = messages.at(-1);
    if (current && current.length < LIMITS.embedsPerMessage && total + embedLength(embed) <= budget) {
      current.push(embed);
      total += embedLength(embed);
      continue;
    }
    if (messages.length === MAX_CONTEXT_MESSAGES) {
      cut = true;
      break;
    }
    messages.push([embed]);
    total = embedLength(embed);
  }
  const last = messages.at(-1);
  if (!last) return [{ content: "(nothing to show)" }];
  if (footerText) last[last.length - 1] = { ...last.at(-1)!, footer: { text: footerText } };
  const replies: DiscordReply[] = messages.map((list) => ({ embeds: list }));
  if (cut) replies.at(-1)!.content = hardCut(`Cut here to keep within Discord's limits: ${escapeText(cutNote)}.`, LIMITS.content);
  return replies;
}
