// The slash commands, as the JSON Discord registers (scripts/deploy-commands.ts) and the bot answers.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody as CommandJson,
} from "discord.js";

/** Longest question or topic accepted; long enough for any real question, short enough to echo. */
export const MAX_QUESTION_LENGTH = 300;

export function commandDefinitions(options: { allowDms: boolean }): CommandJson[] {
  const contexts = [InteractionContextType.Guild, ...(options.allowDms ? [InteractionContextType.BotDM] : [])];
  const base = {
    type: ApplicationCommandType.ChatInput as const,
    contexts,
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
  const briefing = (description: string) => ({
    type: ApplicationCommandOptionType.String,
    name: "briefing",
    description,
    autocomplete: true,
    max_length: 100,
  } as const);
  const speaker = (required: boolean) => ({
    type: ApplicationCommandOptionType.String,
    name: "speaker",
    description: required ? "Who said it" : "Only answers given by this speaker",
    autocomplete: true,
    required,
    max_length: 100,
  } as const);
  return [
    {
      ...base,
      name: "ask",
      description: "Ask about the briefings: the official answer, verbatim, with who said it",
      options: [
        { type: ApplicationCommandOptionType.String, name: "question", description: "Your question", required: true, max_length: MAX_QUESTION_LENGTH },
        speaker(false),
        briefing("Only this briefing"),
        { type: ApplicationCommandOptionType.Boolean, name: "private", description: "Show the answer to you only" },
      ],
    },
    {
      ...base,
      name: "briefing",
      description: "What a briefing was, who spoke, and every question asked",
      options: [briefing("The briefing (default: all of them)")],
    },
    {
      ...base,
      name: "speakers",
      description: "Who spoke, their roles and how many answers each gave",
      options: [briefing("Only this briefing")],
    },
    {
      ...base,
      name: "quote",
      description: "The best verbatim sentences from one speaker on a topic, ready to paste",
      options: [
        speaker(true),
        { type: ApplicationCommandOptionType.String, name: "about", description: "The topic", required: true, max_length: MAX_QUESTION_LENGTH },
      ],
    },
  ];
}
