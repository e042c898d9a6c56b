// /briefing: what a briefing was, who spoke, and every question asked, with a menu to read any official answer.
// The "What the briefings cover" button and the briefing menu and pages (src/discord/components.ts) show the same views.
import { acceptFilter } from "../input.js";
import type { BotContext } from "../context.js";
import type { SlashCommand } from "../job.js";
import { briefingListReply, briefingReply } from "../views/briefings.js";
import type { DiscordReply } from "../views/limits.js";
import { briefingOption } from "./options.js";

export const briefingCommand: SlashCommand = {
  definition: {
    name: "briefing",
    description: "What a briefing was, who spoke, and every question asked",
    options: [briefingOption("The briefing (default: all of them)")],
  },
  job(interaction, ctx) {
    const name = acceptFilter(interaction.options.getString("briefing"), "briefing name");
    return { name: "briefing", ephemeral: false, work: () => ({ replies: [overview(ctx, name)] }) };
  },
};

/** One briefing's onboarding; without a name, the only briefing or the list of all of them. */
export function overview(ctx: BotContext, name: string | null): DiscordReply {
  const { briefings } = ctx.catalog;
  if (!name && briefings.length !== 1) return briefingListReply(briefings);
  return briefingView(ctx, name ?? briefings[0]!.meta.id, 0);
}

/** A page of one briefing's onboarding (its questions, 25 a page). */
export function briefingView(ctx: BotContext, nameOrId: string, page: number): DiscordReply {
  return briefingReply({ ...ctx.engine.overview(nameOrId), page });
}
