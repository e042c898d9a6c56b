// `npm run deploy-commands`: register the slash commands with Discord. A bulk overwrite (PUT), so running it
// again changes nothing but the definitions. To DISCORD_GUILD_ID when set (usable at once), else globally.
import "dotenv/config";
import { pathToFileURL } from "node:url";
import { PermissionFlagsBits, REST, Routes } from "discord.js";
import { commandDefinitions } from "../src/discord/commands.js";
import { DISCORD_API_DEFAULT, discordSettingsFromEnv, type DiscordSettings } from "../src/discord/config.js";
import { scrubSecrets } from "../src/log.js";
import { runMain } from "../src/run-main.js";
import { SettingsError } from "../src/settings.js";

export interface Deployed {
  appId: string;
  scope: "guild" | "global";
  names: string[];
}

export async function deployCommands(settings: Pick<DiscordSettings, "token" | "appId" | "guildId" | "apiUrl" | "allowDms">): Promise<Deployed> {
  if (!settings.token) throw new SettingsError("DISCORD_TOKEN is not set: put the bot's token in .env to register its commands");
  const rest = new REST({ api: settings.apiUrl }).setToken(settings.token);
  try {
    // The application id is the bot's own; Discord tells it when DISCORD_APP_ID is left out.
    const appId = settings.appId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
    const route = settings.guildId ? Routes.applicationGuildCommands(appId, settings.guildId) : Routes.applicationCommands(appId);
    const registered = (await rest.put(route, { body: commandDefinitions({ allowDms: settings.allowDms }) })) as { name: string }[];
    return { appId, scope: settings.guildId ? "guild" : "global", names: registered.map((c) => c.name) };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/**
 * The OAuth2 link that adds the bot with what it uses: view channels, send messages and embeds, reply
 * (read message history), start and post in threads for mentions. Nothing privileged.
 */
export function inviteUrl(appId: string): string {
  const permissions =
    PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.EmbedLinks |
    PermissionFlagsBits.ReadMessageHistory |
    PermissionFlagsBits.CreatePublicThreads |
    PermissionFlagsBits.SendMessagesInThreads;
  return `https://discord.com/oauth2/authorize?client_id=${appId}&scope=bot%20applications.commands&permissions=${permissions}`;
}

async function main(): Promise<void> {
  const settings = discordSettingsFromEnv();
  const done = await deployCommands(settings);
  const where = done.scope === "guild" ? `to guild ${settings.guildId} (available now)` : "globally (every server the bot is in)";
  console.log(`Registered /${done.names.join(", /")} for application ${done.appId} ${where}.`);
  if (settings.apiUrl === DISCORD_API_DEFAULT) console.log(`Invite the bot to a server: ${inviteUrl(done.appId)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Exit when done: the HTTP client keeps idle connections open for a while.
  runMain(main, { prefix: "deploy-commands", exit: true, scrub: (text) => scrubSecrets(text, [process.env.DISCORD_TOKEN?.trim() ?? null]) });
}
