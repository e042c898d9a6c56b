// Where the bot may answer: guild and channel allowlists, and direct messages (off unless ALLOW_DMS).
import type { Interaction } from "discord.js";
import type { DiscordSettings } from "./config.js";

export interface Place {
  /** null in a direct message. */
  guildId: string | null;
  channelId: string | null;
  /** The parent channel of a thread: a thread is allowed when its channel is. */
  parentId: string | null;
}

/** Why the bot does not answer here, for the user; null when it does. */
export function accessRefusal(place: Place, settings: Pick<DiscordSettings, "allowDms" | "allowedGuildIds" | "allowedChannelIds">): string | null {
  if (place.guildId === null) {
    return settings.allowDms ? null : "briefbot does not answer in direct messages here: ask in a server channel.";
  }
  if (settings.allowedGuildIds && !settings.allowedGuildIds.has(place.guildId)) return "briefbot is not enabled in this server.";
  const channels = settings.allowedChannelIds;
  if (channels && !(place.channelId && channels.has(place.channelId)) && !(place.parentId && channels.has(place.parentId))) {
    return "briefbot does not answer in this channel.";
  }
  return null;
}

/** Where an interaction comes from. */
export function placeOf(interaction: Interaction): Place {
  const channel = interaction.channel;
  return {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    parentId: channel && "isThread" in channel && channel.isThread() ? channel.parentId : null,
  };
}
