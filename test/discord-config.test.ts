// Discord settings, where the bot may answer, the per-user cooldown and the remembered questions.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusAndIndexFromEnv } from "../src/config.js";
import { accessRefusal } from "../src/discord/access.js";
import { commandDefinitions } from "../src/discord/commands.js";
import { DISCORD_API_DEFAULT, discordSettingsFromEnv, SettingsError } from "../src/discord/config.js";
import { cooldown } from "../src/discord/cooldown.js";
import { RecentQuestions } from "../src/discord/recent.js";
import { errorFields, scrubSecrets } from "../src/log.js";

const ID = "123456789012345678";
const OTHER = "223456789012345678";

describe("discordSettingsFromEnv", () => {
  it("has safe defaults: no token (console chat), Discord's API, DMs off, threads for mentions", () => {
    expect(discordSettingsFromEnv({})).toEqual({
      token: null,
      appId: null,
      guildId: null,
      apiUrl: DISCORD_API_DEFAULT,
      engineConcurrency: 2,
      engineQueueLimit: 100,
      userCooldownSeconds: 3,
      allowedChannelIds: null,
      allowedGuildIds: null,
      allowDms: false,
      mentionReply: "thread",
      logLevel: "info",
      logQuestions: false,
    });
  });

  it("reads every setting", () => {
    const s = discordSettingsFromEnv({
      DISCORD_TOKEN: "abc.def.ghi",
      DISCORD_APP_ID: ID,
      DISCORD_GUILD_ID: OTHER,
      DISCORD_API_URL: "http://localhost:3001/api/v10/",
      ENGINE_CONCURRENCY: "4",
      ENGINE_QUEUE_LIMIT: "1",
      USER_COOLDOWN_SECONDS: "1.5",
      ALLOWED_CHANNEL_IDS: `${ID}, ${OTHER}`,
      ALLOWED_GUILD_IDS: OTHER,
      ALLOW_DMS: "yes",
      MENTION_REPLY: "inline",
      LOG_LEVEL: "DEBUG",
    });
    expect(s).toMatchObject({ token: "abc.def.ghi", appId: ID, guildId: OTHER, apiUrl: "http://localhost:3001/api", engineConcurrency: 4, engineQueueLimit: 1, userCooldownSeconds: 1.5, allowDms: true, mentionReply: "inline", logLevel: "debug" });
    expect([...s.allowedChannelIds!]).toEqual([ID, OTHER]);
    expect([...s.allowedGuildIds!]).toEqual([OTHER]);
  });

  it("treats empty values as unset", () => {
    expect(discordSettingsFromEnv({ DISCORD_TOKEN: " ", ALLOWED_CHANNEL_IDS: "" }).token).toBeNull();
  });

  it.each([
    ["DISCORD_APP_ID", "bot", 'DISCORD_APP_ID must be a Discord id (17–20 digits), got "bot"'],
    ["DISCORD_GUILD_ID", "12", 'DISCORD_GUILD_ID must be a Discord id (17–20 digits), got "12"'],
    ["DISCORD_API_URL", "ftp://x", 'DISCORD_API_URL must be an http(s) URL such as https://discord.com/api, got "ftp://x"'],
    ["ENGINE_CONCURRENCY", "0", 'ENGINE_CONCURRENCY must be a whole number ≥ 1, got "0"'],
    ["ENGINE_QUEUE_LIMIT", "0", 'ENGINE_QUEUE_LIMIT must be a whole number ≥ 1, got "0"'],
    ["USER_COOLDOWN_SECONDS", "soon", 'USER_COOLDOWN_SECONDS must be a number of seconds ≥ 0, got "soon"'],
    ["ALLOWED_CHANNEL_IDS", `${ID},general`, 'ALLOWED_CHANNEL_IDS must be Discord ids separated by commas, got "general"'],
    ["ALLOWED_GUILD_IDS", "x", 'ALLOWED_GUILD_IDS must be Discord ids separated by commas, got "x"'],
    ["ALLOW_DMS", "maybe", 'ALLOW_DMS must be true or false (1/0, yes/no), got "maybe"'],
    ["MENTION_REPLY", "dm", 'MENTION_REPLY must be one of thread, inline, got "dm"'],
    ["LOG_LEVEL", "loud", 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
  ])("%s=%s is a one-line error naming the variable", (name, value, message) => {
    expect(() => discordSettingsFromEnv({ [name]: value })).toThrow(new SettingsError(message));
  });

  it("never repeats the token in an error", () => {
    expect(() => discordSettingsFromEnv({ DISCORD_TOKEN: "Bot s3cret" })).toThrow(/^DISCORD_TOKEN must be the bot token alone \(it contains spaces\)$/);
  });
});

describe("corpusAndIndexFromEnv", () => {
  it("defaults to corpus/ and index/ and resolves against the working directory", () => {
    expect(corpusAndIndexFromEnv({})).toEqual({
      corpusDir: path.resolve("corpus"),
      indexDir: path.resolve("index"),
      corpusReading: { maxFileBytes: 50 * 1024 * 1024, allowExternalLinks: false, readerTimeoutMs: 60_000 },
    });
    expect(corpusAndIndexFromEnv({ CORPUS_DIR: "/data/c", INDEX_DIR: "" })).toMatchObject({ corpusDir: "/data/c", indexDir: path.resolve("index") });
  });

  it("reads the corpus limits, naming a malformed one", () => {
    expect(corpusAndIndexFromEnv({ MAX_TRANSCRIPT_MB: "0.5", CORPUS_FOLLOW_EXTERNAL_LINKS: "yes", READER_TIMEOUT_S: "2.5" }).corpusReading).toEqual({
      maxFileBytes: 524288,
      allowExternalLinks: true,
      readerTimeoutMs: 2500,
    });
    expect(() => corpusAndIndexFromEnv({ READER_TIMEOUT_S: "never" })).toThrow('READER_TIMEOUT_S must be a number of seconds above 0, got "never"');
    expect(() => corpusAndIndexFromEnv({ MAX_TRANSCRIPT_MB: "lots" })).toThrow('MAX_TRANSCRIPT_MB must be a number of megabytes above 0, got "lots"');
    expect(() => corpusAndIndexFromEnv({ CORPUS_FOLLOW_EXTERNAL_LINKS: "maybe" })).toThrow(/^CORPUS_FOLLOW_EXTERNAL_LINKS must be true or false/);
  });
});

describe("accessRefusal", () => {
  const open = { allowDms: false, allowedGuildIds: null, allowedChannelIds: null };
  it("answers anywhere in a guild by default, but not in DMs", () => {
    expect(accessRefusal({ guildId: ID, channelId: ID, parentId: null }, open)).toBeNull();
    expect(accessRefusal({ guildId: null, channelId: ID, parentId: null }, open)).toMatch(/direct messages/);
    expect(accessRefusal({ guildId: null, channelId: ID, parentId: null }, { ...open, allowDms: true })).toBeNull();
  });

  it("keeps to the allowed guilds and channels; a thread counts as its channel", () => {
    const only = { ...open, allowedGuildIds: new Set([ID]), allowedChannelIds: new Set([ID]) };
    expect(accessRefusal({ guildId: OTHER, channelId: ID, parentId: null }, only)).toMatch(/not enabled in this server/);
    expect(accessRefusal({ guildId: ID, channelId: OTHER, parentId: null }, only)).toMatch(/this channel/);
    expect(accessRefusal({ guildId: ID, channelId: OTHER, parentId: ID }, only)).toBeNull();
  });
});

describe("cooldown", () => {
  it("lets a user search again only after the cooldown, and counts per user", () => {
    let now = 0;
    const c = cooldown(3, () => now);
    expect(c.take("a")).toBe(0);
    expect(c.take("b")).toBe(0);
    now = 1000;
    expect(c.take("a")).toBe(2);
    now = 3000;
    expect(c.take("a")).toBe(0);
    expect(cooldown(0).take("a")).toBe(0);
  });
});

describe("RecentQuestions", () => {
  it("recalls by a short key and forgets the oldest beyond capacity", () => {
    const recent = new RecentQuestions(2);
    const first = recent.remember({ question: "one", speaker: null, briefing: null });
    const second = recent.remember({ question: "two", speaker: "Xu", briefing: null });
    expect(first.length).toBeLessThanOrEqual(16);
    expect(recent.recall(second)?.speaker).toBe("Xu");
    recent.remember({ question: "three", speaker: null, briefing: null });
    expect(recent.recall(first)).toBeNull();
    expect(recent.recall("nope")).toBeNull();
  });
});

describe("commands", () => {
  it("defines /ask, /briefing, /speakers and /quote within Discord's rules", () => {
    const commands = commandDefinitions({ allowDms: false });
    expect(commands.map((c) => c.name)).toEqual(["ask", "briefing", "speakers", "quote"]);
    expect(commands.find((c) => c.name === "ask")!.options!.map((o) => o.name)).toEqual(["question", "speaker", "briefing", "private"]);
    for (const c of commands) {
      expect(c.name).toMatch(/^[a-z]{1,32}$/);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.contexts).toEqual([0]);
      for (const o of c.options ?? []) expect(o.description.length).toBeLessThanOrEqual(100);
    }
    expect(commandDefinitions({ allowDms: true })[0]!.contexts).toEqual([0, 1]);
  });
});

describe("log scrubbing", () => {
  it("removes the bot token and interaction tokens from error text", () => {
    const text = "PATCH /webhooks/123/itok_abc.def/messages/@original failed for Bot tok.en.secret";
    expect(scrubSecrets(text, ["tok.en.secret"])).toBe("PATCH /webhooks/123/[token]/messages/@original failed for Bot [redacted]");
    const fields = errorFields(new Error("bad tok.en.secret"), ["tok.en.secret"]);
    expect(JSON.stringify(fields)).not.toContain("tok.en.secret");
  });
});
