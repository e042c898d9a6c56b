// Autocomplete for the speaker and briefing options. Choices come from the catalog read at start-up and the engine's
// in-memory lookups: autocomplete must answer within 3 s, so it never queues.
import type { AutocompleteInteraction } from "discord.js";
import { InputError } from "../engine-api.js";
import { errorFields } from "../log.js";
import { cleanLine } from "../text/clean.js";
import { accessRefusal, placeOf } from "./access.js";
import type { BotContext } from "./context.js";
import { briefingChoices, speakerChoices } from "./views/briefings.js";

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const refused = accessRefusal(placeOf(interaction), ctx.settings) !== null;
  const { briefings, speakers } = ctx.catalog;
  let choices: { name: string; value: string }[] = [];
  if (!refused && focused.name === "speaker") {
    // The speakers of the briefing chosen so far, if any.
    const briefing = interaction.options.getString("briefing")?.trim();
    const inBriefing = briefing ? new Set(briefingIds(ctx, briefing)) : null;
    choices = speakerChoices(inBriefing ? speakers.filter((s) => inBriefing.has(s.transcript)) : speakers, String(focused.value));
  } else if (!refused && focused.name === "briefing") {
    choices = briefingChoices(briefings, String(focused.value));
  }
  try {
    // Choice names are shown as they are: no control characters (the values are ids and labels matched back).
    await interaction.respond(choices.map((choice) => ({ ...choice, name: cleanLine(choice.name) || choice.value })));
  } catch (error) {
    ctx.log.warn({ event: "autocomplete", err: errorFields(error, [ctx.settings.token]) }, "could not answer autocomplete");
  }
}

/** The briefings a name typed so far matches; none while it matches nothing. */
function briefingIds(ctx: BotContext, name: string): string[] {
  try {
    return ctx.engine.briefings(name).map((b) => b.meta.id);
  } catch (error) {
    if (error instanceof InputError) return [];
    throw error;
  }
}
