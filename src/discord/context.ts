// Everything a handler needs, built once at start-up and passed down (no globals).
import type { Engine } from "../engine-api.js";
import type { Logger } from "../log.js";
import { boundedQueue, type BoundedQueue } from "../queue.js";
import type { BriefingSummary, SpeakerSummary } from "../types.js";
import type { DiscordSettings } from "./config.js";
import { cooldown, type Cooldown } from "./cooldown.js";
import { RecentQuestions } from "./recent.js";

export interface BotContext {
  engine: Engine;
  queue: BoundedQueue;
  settings: DiscordSettings;
  log: Logger;
  recent: RecentQuestions;
  cooldown: Cooldown;
  /** The index does not change while the bot runs: autocomplete reads these instead of calling the engine. */
  catalog: { briefings: BriefingSummary[]; speakers: SpeakerSummary[]; transcriptIds: string[] };
}

export function botContext(engine: Engine, settings: DiscordSettings, log: Logger): BotContext {
  const briefings = engine.briefings();
  return {
    engine,
    queue: boundedQueue({ concurrency: settings.engineConcurrency, limit: settings.engineQueueLimit }),
    settings,
    log,
    recent: new RecentQuestions(),
    cooldown: cooldown(settings.userCooldownSeconds),
    catalog: { briefings, speakers: engine.speakers(), transcriptIds: briefings.map((b) => b.meta.id) },
  };
}
