// Discord settings from the environment (.env). Every malformed value is a one-line error naming the variable.
// The token is never echoed back, not even in an error.
import { envReader, httpUrlSetting, numberSetting, oneOfSetting, SettingsError, switchSetting } from "../settings.js";

export const DISCORD_API_DEFAULT = "https://discord.com/api";

export type MentionReply = "thread" | "inline";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DiscordSettings {
  /** DISCORD_TOKEN; null: no Discord, the console chat opens instead. */
  token: string | null;
  /** DISCORD_APP_ID; deploy-commands asks Discord for it when unset. */
  appId: string | null;
  /** DISCORD_GUILD_ID: register commands to this guild only (they appear at once). */
  guildId: string | null;
  /** DISCORD_API_URL without trailing slash, e.g. "https://discord.com/api" (discord.js appends /v10). */
  apiUrl: string;
  /** ENGINE_CONCURRENCY: engine calls running at once. */
  engineConcurrency: number;
  /** ENGINE_QUEUE_LIMIT: engine calls allowed to wait; beyond it users are told the bot is busy. */
  engineQueueLimit: number;
  /** USER_COOLDOWN_SECONDS between two searches by the same user (0: none). */
  userCooldownSeconds: number;
  /** ALLOWED_CHANNEL_IDS; null: every channel. A thread counts as its parent channel. */
  allowedChannelIds: ReadonlySet<string> | null;
  /** ALLOWED_GUILD_IDS; null: every guild. */
  allowedGuildIds: ReadonlySet<string> | null;
  /** ALLOW_DMS: answer in direct messages (off by default). */
  allowDms: boolean;
  /** MENTION_REPLY: answer a mention in a thread under the message, or inline as a reply. */
  mentionReply: MentionReply;
  /** LOG_LEVEL for the structured log. */
  logLevel: LogLevel;
  /** LOG_QUESTIONS: log the text of questions beside user ids (off: only their length is logged). */
  logQuestions: boolean;
}

export const DEFAULTS = {
  engineConcurrency: 2,
  engineQueueLimit: 100,
  userCooldownSeconds: 3,
  allowDms: false,
  mentionReply: "thread",
  logLevel: "info",
  logQuestions: false,
} as const;

/** A setting with a malformed value; the message is one line and names the variable. */
export { SettingsError };

export function discordSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DiscordSettings {
  const value = envReader(env);
  return {
    token: token(value("DISCORD_TOKEN")),
    appId: snowflake("DISCORD_APP_ID", value("DISCORD_APP_ID")),
    guildId: snowflake("DISCORD_GUILD_ID", value("DISCORD_GUILD_ID")),
    apiUrl: apiUrl(value("DISCORD_API_URL")),
    engineConcurrency: numberSetting("ENGINE_CONCURRENCY", value("ENGINE_CONCURRENCY"), DEFAULTS.engineConcurrency, { min: 1, whole: true }),
    engineQueueLimit: numberSetting("ENGINE_QUEUE_LIMIT", value("ENGINE_QUEUE_LIMIT"), DEFAULTS.engineQueueLimit, { min: 1, whole: true }),
    userCooldownSeconds: numberSetting("USER_COOLDOWN_SECONDS", value("USER_COOLDOWN_SECONDS"), DEFAULTS.userCooldownSeconds, { min: 0, unit: "seconds" }),
    allowedChannelIds: idList("ALLOWED_CHANNEL_IDS", value("ALLOWED_CHANNEL_IDS")),
    allowedGuildIds: idList("ALLOWED_GUILD_IDS", value("ALLOWED_GUILD_IDS")),
    allowDms: switchSetting("ALLOW_DMS", value("ALLOW_DMS"), DEFAULTS.allowDms),
    mentionReply: oneOfSetting("MENTION_REPLY", value("MENTION_REPLY"), ["thread", "inline"] as const, DEFAULTS.mentionReply),
    logLevel: oneOfSetting("LOG_LEVEL", value("LOG_LEVEL")?.toLowerCase(), LOG_LEVELS, DEFAULTS.logLevel),
    logQuestions: switchSetting("LOG_QUESTIONS", value("LOG_QUESTIONS"), DEFAULTS.logQuestions),
  };
}

function token(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  // Quoting the value would print the secret into a terminal or a log.
  if (/\s/.test(raw)) throw new SettingsError("DISCORD_TOKEN must be the bot token alone (it contains spaces)");
  return raw;
}

function snowflake(name: string, raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^\d{17,20}$/.test(raw)) throw new SettingsError(`${name} must be a Discord id (17–20 digits), got "${raw}"`);
  return raw;
}

function idList(name: string, raw: string | undefined): ReadonlySet<string> | null {
  if (raw === undefined) return null;
  const ids = raw.split(/[\s,]+/).filter(Boolean);
  const bad = ids.find((id) => !/^\d{17,20}$/.test(id));
  if (bad !== undefined) throw new SettingsError(`${name} must be Discord ids separated by commas, got "${bad}"`);
  return ids.length ? new Set(ids) : null;
}

function apiUrl(raw: string | undefined): string {
  if (raw === undefined) return DISCORD_API_DEFAULT;
  const url = httpUrlSetting("DISCORD_API_URL", raw, DISCORD_API_DEFAULT);
  // discord.js appends "/v10/..." itself; a trailing "/v10" or "/" would double up.
  return url.href.replace(/\/+$/, "").replace(/\/v\d+$/, "");
}
