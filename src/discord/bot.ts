// The Discord client: connects with the least it needs (no privileged intents), routes events to the
// handlers without awaiting them (so the gateway is never held up), and shuts down cleanly.
import { once } from "node:events";
import { Client, Events, GatewayIntentBits, Partials } from "discord.js";
import type { Engine } from "../engine-api.js";
import { errorFields, type Logger } from "../log.js";
import type { DiscordSettings } from "./config.js";
import { botContext, type BotContext } from "./context.js";
import { handleInteraction } from "./interactions.js";
import { handleMention } from "./mention.js";
import { NO_MENTIONS } from "./respond.js";

export interface RunningBot {
  client: Client<true>;
  context: BotContext;
  /** Stop taking new work, let running answers finish (up to `graceMs`), then disconnect. */
  stop(graceMs?: number): Promise<void>;
}

export function createClient(settings: DiscordSettings): Client {
  return new Client({
    // Slash commands need no intent; GuildMessages delivers mentions (with their content, unprivileged).
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, ...(settings.allowDms ? [GatewayIntentBits.DirectMessages] : [])],
    // DM channels are not cached, so DMs only arrive with the Channel partial.
    partials: settings.allowDms ? [Partials.Channel] : [],
    rest: { api: settings.apiUrl },
    allowedMentions: NO_MENTIONS,
  });
}

export async function startBot(options: { engine: Engine; settings: DiscordSettings; log: Logger }): Promise<RunningBot> {
  const { settings, log } = options;
  if (!settings.token) throw new Error("DISCORD_TOKEN is not set");
  const context = botContext(options.engine, settings, log);
  const client = createClient(settings);
  const running = new Set<Promise<void>>();
  const track = (work: Promise<void>, what: string) => {
    const guarded = work.catch((error) => log.error({ event: what, err: errorFields(error, [settings.token]) }, "unhandled handler error"));
    running.add(guarded);
    void guarded.finally(() => running.delete(guarded));
  };
  const onInteraction = (interaction: Parameters<typeof handleInteraction>[0]) => track(handleInteraction(interaction, context), "interaction");
  const onMessage = (message: Parameters<typeof handleMention>[0]) => track(handleMention(message, context), "mention");
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.MessageCreate, onMessage);
  client.on(Events.Error, (error) => log.error({ event: "client", err: errorFields(error, [settings.token]) }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ event: "client" }, message));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ event: "resume", shard, replayed }, "gateway session resumed"));
  client.on(Events.ShardReconnecting, (shard) => log.info({ event: "reconnecting", shard }, "gateway reconnecting"));

  const ready = once(client, Events.ClientReady);
  await client.login(settings.token);
  await ready;
  const me = client as Client<true>;
  log.info({ event: "ready", user: me.user.tag, guilds: me.guilds.cache.size, mode: options.engine.mode, api: settings.apiUrl }, "connected to Discord");

  return {
    client: me,
    context,
    async stop(graceMs = 5000) {
      client.off(Events.InteractionCreate, onInteraction);
      client.off(Events.MessageCreate, onMessage);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      await client.destroy();
      log.info({ event: "stopped" }, "disconnected from Discord");
    },
  };
}
