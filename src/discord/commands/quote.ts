// /quote: the best verbatim sentences from one speaker on a topic, ready to paste.
import { ApplicationCommandOptionType } from "discord.js";
import { acceptFilter, acceptQuestion } from "../input.js";
import type { SlashCommand } from "../job.js";
import { quoteReply } from "../views/answers.js";
import { MAX_QUESTION_LENGTH, speakerOption } from "./options.js";

export const quoteCommand: SlashCommand = {
  definition: {
    name: "quote",
    description: "The best verbatim sentences from one speaker on a topic, ready to paste",
    options: [
      speakerOption(true),
      { type: ApplicationCommandOptionType.String, name: "about", description: "The topic", required: true, max_length: MAX_QUESTION_LENGTH },
    ],
  },
  job(interaction, ctx) {
    const speaker = acceptFilter(interaction.options.getString("speaker", true), "speaker") ?? "";
    const about = acceptQuestion(interaction.options.getString("about", true), "topic");
    return {
      name: "quote",
      ephemeral: false,
      search: true,
      question: about,
      work: async () => {
        const answer = await ctx.engine.quote(speaker, about);
        return { replies: [quoteReply(answer, speaker, about)], fields: { speaker, found: answer.found, hits: answer.hits.length } };
      },
    };
  },
};
