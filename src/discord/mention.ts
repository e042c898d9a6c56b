// "@briefbot what did the minister say about tariffs?" in an allowed channel: answered in a thread under the
// message (MENTION_REPLY=thread) or as a reply (inline). Discord gives a bot the content of messages that
// mention it, so no privileged MESSAGE_CONTENT intent is needed.
import { performance } from "node:perf_hooks";
import { ChannelType, ThreadAutoArchiveDuration, type Message, type SendableChannels } from "discord.js";
import { InputError } from "../engine-api.js";
import { errorFields } from "../log.js";
import { accessRefusal } from "./access.js";
import { askWork } from "./commands/ask.js";
import type { BotContext } from "./context.js";
import { acceptQuestion, questionFields } from "./input.js";
import { errorText, NO_MENTIONS, outgoing, referenceId, runWork } from "./respond.js";
import { noticeReply } from "./views/answers.js";
import { LIMITS } from "./views/limits.js";
import { oneLine } from "./views/text.js";

const HELP_TEXT = "Ask me about the briefings: mention me with a question, or use `/ask`, `/briefing`, `/speakers` and `/quote`.";

export async function handleMention(message: Message, ctx: BotContext): Promise<void> {
  const me = message.client.user;
  if (message.author.bot || message.webhookId || message.system || !me) return;
  // In a server the bot only answers when mentioned; a direct message (when allowed) is always meant for it.
  if (message.guildId !== null && !message.mentions.users.has(me.id)) return;
  const started = performance.now();
  const channel = message.channel;
  const place = { guildId: message.guildId, channelId: message.channelId, parentId: channel.isThread() ? channel.parentId : null };
  // Outside the allowed places a mention is ignored rather than answered with a refusal nobody asked for.
  if (accessRefusal(place, ctx.settings)) return;

  const typed = message.content.replace(new RegExp(`<@!?${me.id}>`, "g"), " ").replace(/\s+/g, " ");
  let question: string;
  let tooLong: string | null = null;
  try {
    question = acceptQuestion(typed);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    question = typed.trim();
    tooLong = `Cannot answer that: ${error.message}.`;
  }
  const fields = {
    event: "mention", kind: "mention", message: message.id, user: message.author.id, guild: message.guildId, channel: message.channelId,
    ...questionFields(question, ctx.settings.logQuestions),
  };
  try {
    if (!question) return void (await message.reply({ ...outgoing(noticeReply(HELP_TEXT)) }));
    if (tooLong) {
      // A mention may be up to 4,000 characters; the answer to a question longer than /ask takes is a polite no.
      await message.reply(outgoing(noticeReply(tooLong)));
      return void ctx.log.info({ ...fields, outcome: "input" }, "mention");
    }
    const wait = ctx.cooldown.take(message.author.id);
    if (wait > 0) return void (await message.reply(outgoing(noticeReply(`Please wait ${wait} s before asking again.`))));

    const target = await replyTarget(message, question, ctx);
    if (target) await target.sendTyping().catch(() => undefined);
    const result = await runWork(ctx, askWork(ctx, { question, speaker: null, briefing: null }), fields);
    for (const reply of result.replies) {
      if (target) await target.send(outgoing(reply));
      else await message.reply(outgoing(reply));
    }
    ctx.log.info({ ...fields, outcome: result.outcome, thread: target?.id ?? null, latencyMs: Math.round(performance.now() - started), ...result.fields }, "mention");
  } catch (error) {
    const ref = referenceId();
    ctx.log.error({ ...fields, ref, err: errorFields(error, [ctx.settings.token]) }, "mention failed");
    await message.reply({ content: errorText(ref), allowedMentions: NO_MENTIONS }).catch(() => undefined);
  }
}

/** The thread to answer in, created under the message; null to answer inline (setting, DM, or already a thread). */
async function replyTarget(message: Message, question: string, ctx: BotContext): Promise<SendableChannels | null> {
  if (ctx.settings.mentionReply !== "thread" || message.hasThread) return null;
  const type = message.channel.type;
  if (type !== ChannelType.GuildText && type !== ChannelType.GuildAnnouncement) return null;
  try {
    return await message.startThread({
      name: oneLine(question, LIMITS.threadName, (raw) => raw) || "Answer",
      autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
    });
  } catch (error) {
    // Usually a missing Create Public Threads permission: answering inline still helps.
    ctx.log.warn({ event: "mention", err: errorFields(error, [ctx.settings.token]) }, "could not start a thread; answering inline");
    return null;
  }
}
