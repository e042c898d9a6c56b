// /ask: a question about the briefings, answered with the official words, verbatim, with who said them. A mention
// (src/discord/mention.ts) runs the same work.
import { ApplicationCommandOptionType } from "discord.js";
import type { BotContext } from "../context.js";
import { acceptFilter, acceptQuestion } from "../input.js";
import type { SlashCommand } from "../job.js";
import type { RememberedQuestion } from "../recent.js";
import type { WorkResult } from "../respond.js";
import { answerReply, SHOWN_HITS } from "../views/answers.js";
import { briefingOption, MAX_QUESTION_LENGTH, speakerOption } from "./options.js";

export const askCommand: SlashCommand = {
  definition: {
    name: "ask",
    description: "Ask about the briefings: the official answer, verbatim, with who said it",
    options: [
      { type: ApplicationCommandOptionType.String, name: "question", description: "Your question", required: true, max_length: MAX_QUESTION_LENGTH },
      speakerOption(false),
      briefingOption("Only this briefing"),
      { type: ApplicationCommandOptionType.Boolean, name: "private", description: "Show the answer to you only" },
    ],
  },
  job(interaction, ctx) {
    const options = interaction.options;
    const question = acceptQuestion(options.getString("question", true));
    const speaker = acceptFilter(options.getString("speaker"), "speaker");
    const briefing = acceptFilter(options.getString("briefing"), "briefing name");
    return { name: "ask", ephemeral: options.getBoolean("private") ?? false, search: true, question, work: askWork(ctx, { question, speaker, briefing }) };
  },
};

/** The answer to a question within its filters, remembered for "Other answers" when there are more hits than shown. */
export function askWork(ctx: BotContext, asked: RememberedQuestion): () => Promise<WorkResult> {
  const { question, speaker, briefing } = asked;
  return async () => {
    // One hit more than is shown tells whether "Other answers" has anything to show.
    const answer = await ctx.engine.ask(question, { speaker: speaker ?? undefined, transcript: briefing ?? undefined, top: SHOWN_HITS + 1 });
    const othersKey = answer.hits.length > SHOWN_HITS ? ctx.recent.remember(asked) : null;
    return {
      replies: [answerReply(answer, { question, filters: { speaker, briefing }, othersKey })],
      fields: { found: answer.found, hits: answer.hits.length, mode: answer.mode },
    };
  };
}
