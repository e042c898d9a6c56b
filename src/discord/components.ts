// Buttons and select menus: what their custom_id (src/discord/custom-ids.ts) names, as a job for the router.
import { MessageFlags, type ButtonInteraction, type StringSelectMenuInteraction } from "discord.js";
import { InputError } from "../engine-api.js";
import { briefingView, overview } from "./commands/briefing.js";
import type { BotContext } from "./context.js";
import { parseCustomId, passageId, resolveTranscriptRef } from "./custom-ids.js";
import type { Job } from "./job.js";
import { STALE_TEXT } from "./respond.js";
import { contextReplies, MORE_HITS, noticeReply, officialAnswerReplies, othersReply, SHOWN_HITS } from "./views/answers.js";

export function componentJob(interaction: ButtonInteraction | StringSelectMenuInteraction, ctx: BotContext): Job {
  const action = parseCustomId(interaction.customId, ctx.catalog.transcriptIds);
  const value = interaction.isStringSelectMenu() ? interaction.values[0] ?? "" : "";
  const sourceIsEphemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  const { engine } = ctx;
  switch (action?.kind) {
    case "context":
      return {
        name: "button:context",
        ephemeral: true,
        work: () => {
          const context = engine.passageContext(passageId(action.transcript, action.turn, action.part), 1);
          return { replies: contextReplies(context, context.question) };
        },
      };
    case "others":
      return {
        name: "button:others",
        ephemeral: true,
        work: async () => {
          const remembered = ctx.recent.recall(action.key);
          if (!remembered) throw new InputError("this button has expired (the bot restarted since): ask again with /ask");
          const { question, speaker, briefing } = remembered;
          const answer = await engine.ask(question, { speaker: speaker ?? undefined, transcript: briefing ?? undefined, top: SHOWN_HITS + MORE_HITS });
          return { replies: [othersReply(answer, question)], fields: { found: answer.found, hits: answer.hits.length } };
        },
      };
    case "overview":
      return { name: "button:overview", ephemeral: true, work: () => ({ replies: [overview(ctx, null)] }) };
    case "pickBriefing":
      return {
        name: "select:briefing",
        ephemeral: true,
        work: () => {
          const id = resolveTranscriptRef(value, ctx.catalog.transcriptIds);
          if (!id) throw new InputError("that briefing is no longer in the index");
          return { replies: [briefingView(ctx, id, 0)] };
        },
      };
    case "questionsPage":
      return { name: "button:page", ephemeral: true, update: sourceIsEphemeral, work: () => ({ replies: [briefingView(ctx, action.transcript, action.page)] }) };
    case "pickQuestion":
      return {
        name: "select:question",
        ephemeral: true,
        work: () => {
          const answer = engine.answerTo(action.transcript, Number(value));
          const meta = ctx.catalog.briefings.find((b) => b.meta.id === action.transcript)?.meta ?? null;
          return { replies: officialAnswerReplies(answer, meta), fields: { turn: Number(value), hits: answer.hits.length } };
        },
      };
    default:
      return { name: "component:unknown", ephemeral: true, work: () => ({ replies: [noticeReply(STALE_TEXT)] }) };
  }
}
