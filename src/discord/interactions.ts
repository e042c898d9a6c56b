// Slash commands, buttons, select menus and autocomplete. Every interaction is acknowledged at once
// (deferReply, or deferUpdate for page turns on the user's own ephemeral message); the engine work then
// runs in the bounded queue and the answer replaces the placeholder (editReply), plus follow-ups if long.
import { performance } from "node:perf_hooks";
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type StringSelectMenuInteraction,
} from "discord.js";
import { InputError } from "../engine-api.js";
import { errorFields } from "../log.js";
import { cleanLine } from "../text/clean.js";
import { answerReply, contextReplies, MORE_HITS, noticeReply, officialAnswerReplies, othersReply, quoteReply, SHOWN_HITS } from "./views/answers.js";
import { briefingChoices, briefingListReply, briefingReply, peopleReply, speakerChoices, speakersReply } from "./views/briefings.js";
import { accessRefusal, type Place } from "./access.js";
import type { BotContext } from "./context.js";
import { parseCustomId, passageId, resolveTranscriptRef, type Action } from "./custom-ids.js";
import { acceptFilter, acceptQuestion, questionFields } from "./input.js";
import { errorText, outgoing, referenceId, runWork, type WorkResult } from "./respond.js";

type Repliable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction;

interface Job {
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

export async function handleInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  if (interaction.isAutocomplete()) return autocomplete(interaction, ctx);
  if (interaction.isChatInputCommand()) return run(interaction, ctx, safeCommandJob(interaction, ctx));
  if (interaction.isButton() || interaction.isStringSelectMenu()) return run(interaction, ctx, componentJob(interaction, ctx));
}

async function run(interaction: Repliable, ctx: BotContext, job: Job): Promise<void> {
  const started = performance.now();
  const fields = {
    event: "interaction",
    kind: job.name,
    interaction: interaction.id,
    user: interaction.user.id,
    guild: interaction.guildId,
    channel: interaction.channelId,
    ...questionFields(job.question, ctx.settings.logQuestions),
  };
  const refusal = accessRefusal(placeOf(interaction), ctx.settings) ?? cooldownRefusal(job, interaction.user.id, ctx);
  const ephemeral = job.ephemeral || refusal !== null;
  try {
    if (job.update && !refusal && !interaction.isChatInputCommand()) await interaction.deferUpdate();
    else await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  } catch (error) {
    // Too late or already answered: nothing can reach the user any more.
    ctx.log.warn({ ...fields, err: errorFields(error, [ctx.settings.token]) }, "could not acknowledge the interaction");
    return;
  }

  const result = refusal
    ? { replies: [noticeReply(refusal)], outcome: "refused" as const, fields: {} }
    : await runWork(ctx, job.work, fields);
  try {
    const [first, ...rest] = result.replies;
    await interaction.editReply(outgoing(first ?? noticeReply("(nothing to show)")));
    for (const reply of rest) await interaction.followUp({ ...outgoing(reply), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  } catch (error) {
    const ref = referenceId();
    ctx.log.error({ ...fields, ref, err: errorFields(error, [ctx.settings.token]) }, "could not send the answer");
    await interaction.editReply(outgoing(noticeReply(errorText(ref)))).catch(() => undefined);
    return;
  }
  ctx.log.info({ ...fields, outcome: result.outcome, latencyMs: Math.round(performance.now() - started), ...result.fields }, job.name);
}

/**
 * The command's job, or, when its options cannot be used (an option of another type than declared, a text longer
 * than the command takes), a job that says so politely: no search, no silence, no stack trace in the log.
 */
function safeCommandJob(interaction: ChatInputCommandInteraction, ctx: BotContext): Job {
  try {
    return commandJob(interaction, ctx);
  } catch (error) {
    const message =
      error instanceof InputError
        ? error.message
        : "this command's options are not what briefbot expects (the command may be out of date: ask an admin to run `npm run deploy-commands`)";
    return {
      name: `${interaction.commandName}:refused`,
      ephemeral: true,
      work: () => {
        throw new InputError(message);
      },
    };
  }
}

function commandJob(interaction: ChatInputCommandInteraction, ctx: BotContext): Job {
  const { engine } = ctx;
  const options = interaction.options;
  switch (interaction.commandName) {
    case "ask": {
      const question = acceptQuestion(options.getString("question", true));
      const speaker = acceptFilter(options.getString("speaker"), "speaker");
      const briefing = acceptFilter(options.getString("briefing"), "briefing name");
      return {
        name: "ask",
        ephemeral: options.getBoolean("private") ?? false,
        search: true,
        question,
        work: async () => {
          // One hit more than is shown tells whether "Other answers" has anything to show.
          const answer = await engine.ask(question, { speaker: speaker ?? undefined, transcript: briefing ?? undefined, top: SHOWN_HITS + 1 });
          const othersKey = answer.hits.length > SHOWN_HITS ? ctx.recent.remember({ question, speaker, briefing }) : null;
          return {
            replies: [answerReply(answer, { question, filters: { speaker, briefing }, othersKey })],
            fields: { found: answer.found, hits: answer.hits.length, mode: answer.mode },
          };
        },
      };
    }
    case "quote": {
      const speaker = acceptFilter(options.getString("speaker", true), "speaker") ?? "";
      const about = acceptQuestion(options.getString("about", true), "topic");
      return {
        name: "quote",
        ephemeral: false,
        search: true,
        question: about,
        work: async () => {
          const answer = await engine.quote(speaker, about);
          return { replies: [quoteReply(answer, speaker, about)], fields: { speaker, found: answer.found, hits: answer.hits.length } };
        },
      };
    }
    case "briefing": {
      const name = acceptFilter(options.getString("briefing"), "briefing name");
      return { name: "briefing", ephemeral: false, work: () => ({ replies: [overview(ctx, name)] }) };
    }
    case "speakers": {
      const name = acceptFilter(options.getString("briefing"), "briefing name");
      return { name: "speakers", ephemeral: false, work: () => ({ replies: [speakers(ctx, name)] }) };
    }
    default:
      return { name: `unknown:${interaction.commandName}`, ephemeral: true, work: () => ({ replies: [noticeReply(STALE_TEXT)] }) };
  }
}

const STALE_TEXT = "This command or button is from an older version of briefbot: run the command again.";

function componentJob(interaction: ButtonInteraction | StringSelectMenuInteraction, ctx: BotContext): Job {
  const action: Action | null = parseCustomId(interaction.customId, ctx.catalog.transcriptIds);
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

/** /briefing: one briefing's onboarding; without a name, the only briefing or the list of all of them. */
function overview(ctx: BotContext, name: string | null) {
  const { briefings } = ctx.catalog;
  if (!name && briefings.length !== 1) return briefingListReply(briefings);
  return briefingView(ctx, name ?? briefings[0]!.meta.id, 0);
}

function briefingView(ctx: BotContext, nameOrId: string, page: number) {
  return briefingReply({ ...ctx.engine.overview(nameOrId), page });
}

function speakers(ctx: BotContext, name: string | null) {
  // Across several briefings, each person once with the role from each briefing.
  if (!name && ctx.catalog.briefings.length > 1) return peopleReply(ctx.engine.people(), ctx.catalog.briefings, (id) => ctx.engine.questions(id));
  return speakersReply(ctx.engine.speakersByBriefing(name ?? undefined));
}

/** Choices from the catalog read at start-up: autocomplete must answer within 3 s, so it never queues. */
async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const refused = accessRefusal(placeOf(interaction), ctx.settings) !== null;
  const { briefings, speakers } = ctx.catalog;
  let choices: { name: string; value: string }[] = [];
  if (!refused && focused.name === "speaker") {
    const briefing = interaction.options.getString("briefing")?.trim().toLowerCase();
    const inBriefing = briefing
      ? new Set(briefings.filter((b) => b.meta.id.toLowerCase().includes(briefing) || b.meta.title.toLowerCase().includes(briefing)).map((b) => b.meta.id))
      : null;
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

function placeOf(interaction: Interaction): Place {
  const channel = interaction.channel;
  return {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    parentId: channel && "isThread" in channel && channel.isThread() ? channel.parentId : null,
  };
}

function cooldownRefusal(job: Job, userId: string, ctx: BotContext): string | null {
  if (!job.search) return null;
  const wait = ctx.cooldown.take(userId);
  return wait > 0 ? `Please wait ${wait} s before asking again.` : null;
}
