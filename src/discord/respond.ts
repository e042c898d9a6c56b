// What every handler does the same way: acknowledge, run the engine work in the bounded queue, turn a
// failure into a short message (with a reference id for real errors), and send within Discord's rules.
import { randomBytes } from "node:crypto";
import type { MessageMentionOptions } from "discord.js";
import { EngineInputError } from "../engine.js";
import { errorFields } from "../log.js";
import { QueueFullError } from "../queue.js";
import type { DiscordReply } from "../present/discord-limits.js";
import { noticeReply } from "../present/discord.js";
import { escapeText } from "../present/discord-text.js";
import { cleanText } from "../text/clean.js";
import type { BotContext } from "./context.js";

/**
 * Nobody is ever pinged by what the bot sends: not @everyone, roles nor users. Discord's replied_user
 * defaults to false whenever allowed_mentions is given, so replies do not ping their author either.
 */
export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

export const BUSY_TEXT = "briefbot is busy right now: too many questions are waiting. Please try again in a moment.";

/**
 * A reply ready for discord.js, with mentions switched off and every text in it (content, embeds, labels) cleaned
 * of control characters and bidi overrides: the last stop before Discord, whatever the presenters put in.
 */
export function outgoing(reply: DiscordReply) {
  const clean = cleanStrings(reply);
  return { content: clean.content ?? "", embeds: clean.embeds ?? [], components: clean.components ?? [], allowedMentions: NO_MENTIONS };
}

function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)])) as T;
  return value;
}

export interface WorkResult {
  replies: DiscordReply[];
  /** Logged with the request: found, hits, etc. */
  fields?: Record<string, unknown>;
}

export type Outcome = "answered" | "busy" | "input" | "error";

/** Run engine work in the queue; every failure becomes a reply for the user and a log line. */
export async function runWork(
  ctx: BotContext,
  work: () => Promise<WorkResult> | WorkResult,
  logFields: Record<string, unknown>,
): Promise<WorkResult & { outcome: Outcome }> {
  try {
    return { ...(await ctx.queue.run(async () => work())), outcome: "answered" };
  } catch (error) {
    return { ...failureReply(ctx, error, logFields), fields: {} };
  }
}

/** The reply for a failure: busy, a bad filter (the engine's one line), or an error with a reference id. */
export function failureReply(ctx: BotContext, error: unknown, logFields: Record<string, unknown>): { replies: DiscordReply[]; outcome: Outcome } {
  if (error instanceof QueueFullError) return { replies: [noticeReply(BUSY_TEXT)], outcome: "busy" };
  if (error instanceof EngineInputError || error instanceof UserInputError) {
    return { replies: [noticeReply(`Cannot answer that: ${escapeText(error.message)}.`)], outcome: "input" };
  }
  const ref = referenceId();
  ctx.log.error({ ...logFields, ref, err: errorFields(error, [ctx.settings.token]) }, "handler failed");
  return { replies: [noticeReply(errorText(ref))], outcome: "error" };
}

/** Something the user asked for does not exist (a briefing name, an expired button): told as is, not logged as an error. */
export class UserInputError extends Error {
  override name = "UserInputError";
}

export function errorText(ref: string): string {
  return `Sorry, something went wrong while answering (reference \`${ref}\`). It has been logged; please try again.`;
}

/** Short, unique enough to find one failure in the log. */
export function referenceId(): string {
  return randomBytes(4).toString("hex");
}
