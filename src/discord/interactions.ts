// The router: slash commands (src/discord/commands/), buttons and select menus (components.ts) and autocomplete.
// Every interaction is acknowledged at once (deferReply, or deferUpdate for page turns on the user's own ephemeral
// message); the engine work then runs in the bounded queue and the answer replaces the placeholder (editReply), plus
// follow-ups if long.
import { performance } from "node:perf_hooks";
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction, type StringSelectMenuInteraction } from "discord.js";
import { InputError } from "../engine-api.js";
import { errorFields } from "../log.js";
import { accessRefusal, placeOf } from "./access.js";
import { autocomplete } from "./autocomplete.js";
import { COMMANDS } from "./commands.js";
import { componentJob } from "./components.js";
import type { BotContext } from "./context.js";
import { questionFields } from "./input.js";
import type { Job } from "./job.js";
import { errorText, outgoing, referenceId, runWork, STALE_TEXT } from "./respond.js";
import { noticeReply } from "./views/answers.js";

type Repliable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction;

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

/** The command's job (src/discord/commands/); a command this version does not know says so. */
function commandJob(interaction: ChatInputCommandInteraction, ctx: BotContext): Job {
  const command = COMMANDS.find((c) => c.definition.name === interaction.commandName);
  if (command) return command.job(interaction, ctx);
  return { name: `unknown:${interaction.commandName}`, ephemeral: true, work: () => ({ replies: [noticeReply(STALE_TEXT)] }) };
}

function cooldownRefusal(job: Job, userId: string, ctx: BotContext): string | null {
  if (!job.search) return null;
  const wait = ctx.cooldown.take(userId);
  return wait > 0 ? `Please wait ${wait} s before asking again.` : null;
}
