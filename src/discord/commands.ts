// Every slash command, registered once: the router (src/discord/interactions.ts) finds a command's handler here, and
// scripts/deploy-commands.ts registers their definitions. One module per command in src/discord/commands/, its
// definition beside its handler (the discord.js guide's layout).
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody as CommandJson,
} from "discord.js";
import { askCommand } from "./commands/ask.js";
import { briefingCommand } from "./commands/briefing.js";
import { quoteCommand } from "./commands/quote.js";
import { speakersCommand } from "./commands/speakers.js";
import type { SlashCommand } from "./job.js";

export const COMMANDS: readonly SlashCommand[] = [askCommand, briefingCommand, speakersCommand, quoteCommand];

/** The JSON Discord registers: every command, usable in servers, and in direct messages when they are allowed. */
export function commandDefinitions(options: { allowDms: boolean }): CommandJson[] {
  const contexts = [InteractionContextType.Guild, ...(options.allowDms ? [InteractionContextType.BotDM] : [])];
  return COMMANDS.map((command) => ({
    type: ApplicationCommandType.ChatInput,
    contexts,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    ...command.definition,
  }));
}
