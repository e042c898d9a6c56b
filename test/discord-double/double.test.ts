/**
 * Runs the real discord.js Client against the Discord double and checks the behaviours the bot's
 * end-to-end tests will rely on.
 */
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AttachmentBuilder,
  Client,
  GatewayIntentBits,
  MessageFlags,
  type TextChannel,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type StringSelectMenuInteraction,
} from "discord.js";
import { startDiscordDouble, type DiscordDouble } from "./server.js";

/** Count of live TCP handles, to check that closing leaves nothing behind. */
const tcpHandles = () =>
  process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "TCPServerWrap").length;

let double: DiscordDouble;
let client: Client;
let baselineTcp: number;
let shutDown = false;

/** Resolves with the next interaction the client emits. */
function nextInteraction<T extends Interaction>(): Promise<T> {
  return once(client, "interactionCreate").then(([i]) => i as T);
}

beforeAll(async () => {
  baselineTcp = tcpHandles();
  double = await startDiscordDouble({ heartbeatIntervalMs: 1000 });
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: double.apiUrl },
  });
});

afterAll(async () => {
  if (shutDown) return;
  await client?.destroy();
  await double?.close();
});

describe("discord double + real discord.js Client", () => {
  it("logs in and becomes ready with the guild and channel cached", async () => {
    const ready = once(client, "clientReady");
    await client.login("MTMwMDAwMDAwMDAwMDAwMDAwMQ.fake.token");
    await ready;
    await double.waitForReady();

    expect(client.user?.id).toBe(double.ids.botUserId);
    expect(client.application?.id).toBe(double.ids.applicationId);
    expect(client.guilds.cache.get(double.ids.guildId)?.available).toBe(true);
    expect(client.channels.cache.get(double.ids.channelId)?.isTextBased()).toBe(true);

    expect(double.requests.map((r) => r.route)).toContain("GET /gateway/bot");
    expect(double.gatewayConnections[0]).toBe("/gateway?v=10&encoding=json"); // no compress=zlib-stream
    const identify = double.gatewayEvents.find((e) => e.op === 2);
    expect(identify?.d.compress).toBe(false);
    expect(identify?.d.token).toBe("MTMwMDAwMDAwMDAwMDAwMDAwMQ.fake.token");
  });

  it("delivers a slash command and records deferReply then editReply in order", async () => {
    const got = nextInteraction<ChatInputCommandInteraction>();
    const sent = double.sendCommand("ask", { question: "what about tariffs?", verbose: true });
    const interaction = await got;

    expect(interaction.isChatInputCommand()).toBe(true);
    expect(interaction.id).toBe(sent.id);
    expect(interaction.commandName).toBe("ask");
    expect(interaction.options.getString("question")).toBe("what about tariffs?");
    expect(interaction.options.getBoolean("verbose")).toBe(true);
    expect(interaction.user.id).toBe(double.ids.userId);
    expect(interaction.channelId).toBe(double.ids.channelId);

    await interaction.deferReply();
    const edited = await interaction.editReply({ content: "Here is what was said.", embeds: [{ title: "Briefing" }] });
    expect(edited.content).toBe("Here is what was said.");
    expect(edited.embeds[0]?.title).toBe("Briefing");

    const callback = double.requests.find((r) => r.path === `/interactions/${sent.id}/${sent.token}/callback`);
    const patch = double.requests.find(
      (r) => r.method === "PATCH" && r.path === `/webhooks/${double.ids.applicationId}/${sent.token}/messages/@original`,
    );
    expect(callback?.body.type).toBe(5);
    expect(callback?.status).toBe(204);
    expect(patch?.status).toBe(200);
    expect(patch!.at).toBeGreaterThan(callback!.at);
    expect(double.messages.get(edited.id)?.content).toBe("Here is what was said.");
  });

  it("waits out a 429 with retry_after on the edit and still lands it", async () => {
    double.failNextRest(/\/messages\/@original$/, 429, 0.3, "PATCH");
    const got = nextInteraction<ChatInputCommandInteraction>();
    const sent = double.sendCommand("ask", { question: "rate limited?" });
    const interaction = await got;
    await interaction.deferReply();
    const started = performance.now();
    await interaction.editReply("after the limit");
    const elapsed = performance.now() - started;

    const patches = double.requests.filter((r) => r.method === "PATCH" && r.path.includes(sent.token));
    expect(patches.map((r) => r.status)).toEqual([429, 200]);
    expect(patches[1].at - patches[0].at).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(patches[1].body.content).toBe("after the limit");
  });

  it("resumes after a server-initiated RECONNECT and keeps delivering interactions", async () => {
    await double.requestReconnect();
    expect(double.gatewayEvents.filter((e) => e.op === 2)).toHaveLength(1); // no second IDENTIFY
    const resume = double.gatewayEvents.find((e) => e.op === 6);
    expect(resume?.d.session_id).toBeTruthy();
    expect(double.gatewayConnections.at(-1)).toBe("/resume?v=10&encoding=json"); // resume_gateway_url was used

    const got = nextInteraction<ChatInputCommandInteraction>();
    double.sendCommand("ask", { question: "still there?" });
    const interaction = await got;
    expect(interaction.options.getString("question")).toBe("still there?");
    await interaction.reply({ content: "yes" });
  });

  it("replays events dispatched while the client was reconnecting", async () => {
    const reconnected = double.requestReconnect();
    const got = nextInteraction<ChatInputCommandInteraction>();
    // @discordjs/ws closes the old socket at once but waits 500ms before dialling resume_gateway_url,
    // so this dispatch happens with no live connection and must be replayed after RESUME.
    await new Promise((r) => setTimeout(r, 200));
    double.sendCommand("ask", { question: "sent mid-reconnect" });
    await reconnected;
    const interaction = await got;
    expect(interaction.options.getString("question")).toBe("sent mid-reconnect");
    expect(double.gatewayEvents.filter((e) => e.op === 6)).toHaveLength(2);
    await interaction.deferReply(); // the token still works after the replay
  });

  it("delivers a message that mentions the bot, with content, despite no MESSAGE_CONTENT intent", async () => {
    const got = once(client, "messageCreate").then(([m]) => m as Message);
    const sent = double.sendMessage("what did the minister say?", { mentionsBot: true });
    const message = await got;
    expect(message.id).toBe(sent.id);
    expect(message.mentions.has(client.user!)).toBe(true);
    expect(message.content).toBe(`<@${double.ids.botUserId}> what did the minister say?`);

    // Without the mention, Discord blanks the content for a bot lacking MESSAGE_CONTENT.
    const plain = once(client, "messageCreate").then(([m]) => m as Message);
    double.sendMessage("just chatting");
    const other = await plain;
    expect(other.mentions.has(client.user!)).toBe(false);
    expect(other.content).toBe("");
  });

  it("handles buttons, selects, autocomplete, follow-ups, files, threads and command registration", async () => {
    const channel = client.channels.cache.get(double.ids.channelId);
    if (!channel?.isSendable()) throw new Error("channel not sendable");

    // Channel message with a file -> multipart with payload_json.
    const posted = await channel.send({
      content: "transcript attached",
      files: [new AttachmentBuilder(Buffer.from("hello"), { name: "t.txt" })],
    });
    const post = await double.waitFor((r) => r.route === "POST /channels/:channelId/messages");
    expect(post.body.content).toBe("transcript attached");
    expect(post.files).toEqual([expect.objectContaining({ name: "t.txt", size: 5 })]);
    expect(posted.attachments.first()?.name).toBe("t.txt");

    const thread = await posted.startThread({ name: "follow-up" });
    expect(thread.id).toBe(posted.id);
    expect(thread.isThread()).toBe(true);
    const inThread = await thread.send("in the thread");
    expect(inThread.channelId).toBe(thread.id);
    const bare = await (channel as TextChannel).threads.create({ name: "standalone" });
    expect(bare.name).toBe("standalone");

    // Button on the posted message: update the message in place (type 7).
    const gotButton = nextInteraction<ButtonInteraction>();
    double.sendButton("more:1", { messageId: posted.id });
    const button = await gotButton;
    expect(button.customId).toBe("more:1");
    expect(button.message.id).toBe(posted.id);
    await button.update({ content: "expanded" });
    expect(double.messages.get(posted.id)?.content).toBe("expanded");

    // Select: reply (type 4) and a follow-up.
    const gotSelect = nextInteraction<StringSelectMenuInteraction>();
    double.sendSelect("pick", ["a", "b"]);
    const select = await gotSelect;
    expect(select.values).toEqual(["a", "b"]);
    await select.reply("picked");
    const follow = await select.followUp({ content: "and more", flags: MessageFlags.Ephemeral });
    expect(follow.content).toBe("and more");
    expect(double.messages.get(follow.id)?.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);

    // Registration: bulk overwrite echoes ids; later commands use the registered option types.
    const registered = await client.application!.commands.set(
      [{ name: "ask", description: "Ask", options: [{ name: "question", description: "q", type: 3, autocomplete: true }] }],
      double.ids.guildId,
    );
    expect(registered.first()?.id).toMatch(/^\d{17,19}$/);
    expect(double.requests.some((r) => r.route === "PUT /applications/:appId/guilds/:guildId/commands")).toBe(true);

    const gotAuto = nextInteraction<AutocompleteInteraction>();
    double.sendAutocomplete("ask", { question: "tar" }, "question");
    const auto = await gotAuto;
    expect(auto.options.getFocused()).toBe("tar");
    expect(auto.commandId).toBe(registered.first()?.id);
    await auto.respond([{ name: "tariffs", value: "tariffs" }]);
    const cb = await double.waitFor((r) => r.body?.type === 8);
    expect(cb.body.data.choices).toEqual([{ name: "tariffs", value: "tariffs" }]);

    // Responding twice is rejected like Discord does.
    const gotTwice = nextInteraction<ChatInputCommandInteraction>();
    double.sendCommand("ask", { question: "twice" });
    const twice = await gotTwice;
    await twice.deferReply();
    await expect(
      client.rest.post(`/interactions/${twice.id}/${twice.token}/callback`, { body: { type: 5 }, auth: false }),
    ).rejects.toMatchObject({ code: 40060 });
  });

  it("saw no unknown routes, kept heartbeating, and shuts down cleanly", async () => {
    expect(double.requests.filter((r) => r.route === null)).toEqual([]);
    await double.waitForGateway((e) => e.op === 1, 3000); // HELLO said 1000ms; every beat gets an ACK
    expect(double.gatewayEvents.filter((e) => e.op === 6)).toHaveLength(2); // no zombie-connection resumes

    expect(tcpHandles()).toBeGreaterThan(baselineTcp); // so the check below means something
    await client.destroy();
    expect(client.isReady()).toBe(false);
    await double.close();
    shutDown = true;

    const deadline = Date.now() + 2000;
    while (tcpHandles() > baselineTcp && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(tcpHandles()).toBe(baselineTcp);
  });
});
