// Options several commands share, as Discord registers them, and the lengths the commands declare (what users type
// is held to them again in src/discord/input.ts: an old registration or another client may not enforce them).
import { ApplicationCommandOptionType } from "discord.js";

/** Longest question or topic accepted; long enough for any real question, short enough to echo. */
export const MAX_QUESTION_LENGTH = 300;
/** Longest speaker or briefing filter accepted. */
export const MAX_FILTER_LENGTH = 100;

export const briefingOption = (description: string) =>
  ({
    type: ApplicationCommandOptionType.String,
    name: "briefing",
    description,
    autocomplete: true,
    max_length: MAX_FILTER_LENGTH,
  }) as const;

export const speakerOption = (required: boolean) =>
  ({
    type: ApplicationCommandOptionType.String,
    name: "speaker",
    description: required ? "Who said it" : "Only answers given by this speaker",
    autocomplete: true,
    required,
    max_length: MAX_FILTER_LENGTH,
  }) as const;
