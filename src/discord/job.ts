// What a handler gives the router (src/discord/interactions.ts): the work to run in the queue and how to acknowledge
// it; and what a slash command is: its registration beside its handler.
import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody as CommandJson } from "discord.js";
import type { BotContext } from "./context.js";
import type { WorkResult } from "./respond.js";

export interface Job {
  /** For the log: "ask", "button:context", … */
  name: string;
  ephemeral: boolean;
  /** Counts towards the per-user cooldown (the searches: /ask and /quote). */
  search?: boolean;
  /** Page turn on the user's own ephemeral message: acknowledge with deferUpdate and edit that message. */
  update?: boolean;
  question?: string;
  work: () => Promise<WorkResult> | WorkResult;
}

/** One slash command (src/discord/commands/): registered by scripts/deploy-commands.ts, run by the router. */
export interface SlashCommand {
  /** Its own part of the registration; what every command shares (contexts, install type) is added in commands.ts. */
  definition: Pick<CommandJson, "name" | "description" | "options">;
  /** The job for one use of the command; throws InputError when its options cannot be used. */
  job(interaction: ChatInputCommandInteraction, ctx: BotContext): Job;
}
