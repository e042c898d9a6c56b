/**
 * A small in-process stand-in for Discord's HTTP API (v10) and Gateway (v10), good enough to run the
 * REAL discord.js Client against it on 127.0.0.1:
 *
 *   const double = await startDiscordDouble();
 *   const client = new Client({ intents: [...], rest: { api: double.apiUrl } });
 *   await client.login("any.fake.token");
 *
 * How discord.js finds it: @discordjs/rest builds `${api}/v10${route}`, so every REST call lands on
 * /api/v10/...; the gateway URL comes from `GET /gateway/bot` (`url`), to which @discordjs/ws appends
 * `?v=10&encoding=json` (plus `&compress=zlib-stream` only when the optional `zlib-sync` package is
 * installed - it is not, and this double refuses that). After READY, reconnects use
 * READY.resume_gateway_url, which we point at a distinct path so tests can tell the two apart.
 *
 * Not a full Discord: one guild, one text channel (+ threads the bot creates), no permissions, no
 * persistence. Unknown routes answer 404 and are recorded with `route: null`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import { WebSocketServer, WebSocket } from "ws";

export interface RecordedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
}

export interface RecordedRequest {
  method: string;
  /** Path relative to the versioned API root, without query: "/interactions/1/tok/callback". */
  path: string;
  query: Record<string, string>;
  /** Matched route template ("PATCH /webhooks/:appId/:token/messages/:messageId"), null for unknown routes. */
  route: string | null;
  /** Status the double answered with (429s injected by failNextRest are recorded too). */
  status: number;
  /** Parsed JSON body, or the parsed `payload_json` part of a multipart body, or null. */
  body: any;
  files: RecordedFile[];
  headers: IncomingMessage["headers"];
  /** performance.now() when the request arrived. */
  at: number;
}

/** A payload the client sent over the gateway (IDENTIFY = 2, RESUME = 6, HEARTBEAT = 1, ...). */
export interface GatewayEvent {
  op: number;
  d: any;
  at: number;
  /** 1-based number of the WebSocket connection it arrived on. */
  connection: number;
}

export interface TargetOpts {
  userId?: string;
  channelId?: string;
  /** Guild the interaction/message happens in; pass null for a DM. */
  guildId?: string | null;
}

export interface DiscordDouble {
  /** "http://127.0.0.1:PORT/api" - pass as `rest.api`. */
  apiUrl: string;
  port: number;
  ids: { botUserId: string; applicationId: string; guildId: string; channelId: string; userId: string };
  requests: RecordedRequest[];
  gatewayEvents: GatewayEvent[];
  /** Request URLs of every gateway WebSocket connection, in order. */
  gatewayConnections: string[];
  /** Everything the bot has posted or that was sent to it, by id (current state after edits). */
  messages: Map<string, any>;
  /** Resolves once a client has IDENTIFYed and been sent READY + GUILD_CREATE. */
  waitForReady(timeoutMs?: number): Promise<void>;
  sendCommand(name: string, options?: Record<string, string | number | boolean>, opts?: TargetOpts): { id: string; token: string };
  sendButton(customId: string, opts?: TargetOpts & { messageId?: string }): { id: string; token: string };
  sendSelect(customId: string, values: string[], opts?: TargetOpts & { messageId?: string }): { id: string; token: string };
  sendAutocomplete(name: string, options: Record<string, string | number | boolean>, focused: string, opts?: TargetOpts): { id: string; token: string };
  sendMessage(content: string, opts?: TargetOpts & { mentionsBot?: boolean; authorId?: string }): { id: string };
  /** Sends op 7 RECONNECT; resolves once the client has RESUMEd and been sent RESUMED. */
  requestReconnect(timeoutMs?: number): Promise<void>;
  /** The next request whose path matches (and method, if given) is answered with `status` instead. */
  failNextRest(pathPattern: RegExp, status?: number, retryAfterSeconds?: number, method?: string): void;
  /** Resolves with the first recorded request (already recorded ones included) matching the predicate. */
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  waitForGateway(predicate: (e: GatewayEvent) => boolean, timeoutMs?: number): Promise<GatewayEvent>;
  close(): Promise<void>;
}

export interface DiscordDoubleOptions {
  botUserId?: string;
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  userId?: string;
  /** HELLO heartbeat_interval; Discord uses ~41250ms, we default lower so heartbeats happen in tests. */
  heartbeatIntervalMs?: number;
  /** Discord rejects an initial interaction response arriving later than 3s after the interaction. */
  ackDeadlineMs?: number;
}

const EPOCH = 1420070400000n;
let increment = 0n;
function snowflake(): string {
  increment = (increment + 1n) & 4095n;
  return (((BigInt(Date.now()) - EPOCH) << 22n) | increment).toString();
}

// Gateway intents bits that change what the double dispatches.
const GUILD_MESSAGES = 1 << 9;
const DIRECT_MESSAGES = 1 << 12;
const MESSAGE_CONTENT = 1 << 15;
const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const ALL_PERMISSIONS = "2251799813685247";

class HttpError {
  constructor(readonly status: number, readonly code: number, readonly message: string) {}
}
type Reply = { status: number; body?: unknown };
type Ctx = { params: Record<string, string>; query: Record<string, string>; body: any; files: RecordedFile[] };

interface InteractionState {
  id: string;
  token: string;
  type: number;
  user: any;
  channelId: string;
  guildId: string | null;
  dispatchedAt: number;
  acked: boolean;
  originalId?: string;
  sourceMessageId?: string;
}

interface Session {
  id: string;
  seq: number;
  log: { op: 0; t: string; s: number; d: unknown }[];
  socket: WebSocket | null;
  intents: number;
}

export async function startDiscordDouble(options: DiscordDoubleOptions = {}): Promise<DiscordDouble> {
  const ids = {
    botUserId: options.botUserId ?? "1300000000000000001",
    applicationId: options.applicationId ?? options.botUserId ?? "1300000000000000001",
    guildId: options.guildId ?? "1300000000000000002",
    channelId: options.channelId ?? "1300000000000000003",
    userId: options.userId ?? "1300000000000000004",
  };
  const heartbeatInterval = options.heartbeatIntervalMs ?? 5000;
  const ackDeadlineMs = options.ackDeadlineMs ?? 3000;

  const requests: RecordedRequest[] = [];
  const gatewayEvents: GatewayEvent[] = [];
  const gatewayConnections: string[] = [];
  const messages = new Map<string, any>();
  const interactions = new Map<string, InteractionState>(); // by token
  const commands = new Map<string, any[]>(); // "global" or guild id -> registered commands
  const failures: { pattern: RegExp; method?: string; status: number; retryAfter: number }[] = [];
  let session: Session | null = null;
  let readyCount = 0;
  let resumeCount = 0;

  const botUser = { id: ids.botUserId, username: "briefbot", global_name: null, discriminator: "0", avatar: null, bot: true, flags: 0 };
  const makeUser = (id: string) => ({ id, username: `user${id.slice(-4)}`, global_name: null, discriminator: "0", avatar: null, flags: 0 });
  /** Guild member; without `user` it is the partial member Discord attaches to MESSAGE_CREATE. */
  const makeMember = (user?: any) => ({
    ...(user ? { user } : {}), nick: null, avatar: null, roles: [], joined_at: new Date(0).toISOString(), premium_since: null,
    deaf: false, mute: false, flags: 0, pending: false, permissions: ALL_PERMISSIONS,
  });
  const channels = new Map<string, any>([
    [ids.channelId, {
      id: ids.channelId, type: 0, guild_id: ids.guildId, name: "general", position: 0, permission_overwrites: [],
      topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0, parent_id: null,
    }],
  ]);

  // ---- waiting helpers: every recorded event re-checks all pending waiters ----
  const waiters = new Set<{ check: () => void; fail: (e: Error) => void }>();
  const notify = () => { for (const w of [...waiters]) w.check(); };
  function waitUntil<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const w = {
        check: () => { const v = find(); if (v !== undefined) { done(); resolve(v); } },
        fail: (e: Error) => { done(); reject(e); },
      };
      const timer = setTimeout(() => w.fail(new Error(`discord double: timed out after ${timeoutMs}ms waiting for ${what}`)), timeoutMs);
      const done = () => { clearTimeout(timer); waiters.delete(w); };
      waiters.add(w);
      w.check();
    });
  }

  // ---- gateway ----
  const authed = new WeakSet<WebSocket>();
  const compressed = new WeakSet<WebSocket>(); // IDENTIFY.compress: every payload is one zlib-deflated binary frame
  function sendRaw(ws: WebSocket, payload: unknown): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    const json = JSON.stringify(payload);
    ws.send(compressed.has(ws) ? deflateSync(json) : json);
  }
  /** Dispatch (op 0). Logged under the session so a RESUME can replay it, even if no socket is live now. */
  function dispatch(t: string, d: unknown): void {
    if (!session) throw new Error("discord double: no gateway session yet (has the client logged in?)");
    const payload = { op: 0 as const, t, s: ++session.seq, d };
    session.log.push(payload);
    if (session.socket && authed.has(session.socket)) sendRaw(session.socket, payload);
  }

  function guildCreatePayload() {
    return {
      id: ids.guildId, name: "Briefing Room", icon: null, splash: null, discovery_splash: null, banner: null,
      description: null, owner_id: ids.userId, afk_channel_id: null, afk_timeout: 300, verification_level: 0,
      default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0, nsfw_level: 0, premium_tier: 0,
      premium_subscription_count: 0, premium_progress_bar_enabled: false, system_channel_id: null, system_channel_flags: 0,
      rules_channel_id: null, public_updates_channel_id: null, safety_alerts_channel_id: null, vanity_url_code: null,
      preferred_locale: "en-US", features: [], application_id: null, max_members: 500000, max_video_channel_users: 25,
      roles: [{ id: ids.guildId, name: "@everyone", color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0,
        permissions: "1071698660929", managed: false, mentionable: false, flags: 0 }], // @everyone role id == guild id
      emojis: [], stickers: [], joined_at: new Date().toISOString(), large: false, unavailable: false, member_count: 2,
      voice_states: [], members: [makeMember(botUser)], channels: [...channels.values()].filter((c) => c.type === 0),
      threads: [], presences: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
    };
  }

  const httpServer = createServer((req, res) => void handleHttp(req, res));
  // perMessageDeflate is off by default on the server side, so frames are plain JSON text.
  const wss = new WebSocketServer({ server: httpServer });
  let connections = 0;
  wss.on("connection", (ws, req) => {
    const connection = ++connections;
    gatewayConnections.push(req.url ?? "/");
    const query = new URL(req.url ?? "/", "http://x").searchParams;
    if (query.get("v") !== "10") return ws.close(4012, "Invalid API version");
    if ((query.get("encoding") ?? "json") !== "json") return ws.close(4002, "discord double only speaks JSON");
    if (query.has("compress")) return ws.close(4002, "discord double does not do transport compression");
    sendRaw(ws, { op: 10, d: { heartbeat_interval: heartbeatInterval } });

    ws.on("message", (raw) => {
      let msg: { op: number; d: any };
      try { msg = JSON.parse(raw.toString()); } catch { return ws.close(4002, "Decode error"); }
      gatewayEvents.push({ op: msg.op, d: msg.d, at: performance.now(), connection });
      notify();
      if (msg.op === 1) return sendRaw(ws, { op: 11 }); // HEARTBEAT -> HEARTBEAT_ACK
      if (msg.op === 2) return identify(ws, msg.d);
      if (msg.op === 6) return resume(ws, msg.d);
      if (!authed.has(ws)) return ws.close(4003, "Not authenticated");
      if (msg.op !== 3 && msg.op !== 4 && msg.op !== 8) ws.close(4001, "Unknown opcode"); // presence/voice/members: ignored
    });
    ws.on("close", () => { if (session?.socket === ws) session.socket = null; });
  });

  function identify(ws: WebSocket, d: any): void {
    if (authed.has(ws)) return ws.close(4005, "Already authenticated");
    if (!d?.token) return ws.close(4004, "Authentication failed");
    if (d.compress) compressed.add(ws);
    session?.socket?.terminate();
    session = { id: randomBytes(16).toString("hex"), seq: 0, log: [], socket: ws, intents: Number(d.intents ?? 0) };
    authed.add(ws);
    dispatch("READY", {
      v: 10, user: { ...botUser, verified: true, mfa_enabled: false }, session_id: session.id, session_type: "normal",
      // Real Discord gives a different host here; the client appends ?v=10&encoding=json itself.
      resume_gateway_url: `ws://127.0.0.1:${port()}/resume`,
      shard: d.shard ?? [0, 1], application: { id: ids.applicationId, flags: 0 },
      guilds: [{ id: ids.guildId, unavailable: true }], // guilds arrive "unavailable", then one GUILD_CREATE each
      private_channels: [], presences: [], relationships: [], user_settings: {},
    });
    dispatch("GUILD_CREATE", guildCreatePayload());
    readyCount++;
    notify();
  }

  function resume(ws: WebSocket, d: any): void {
    if (!session || d?.session_id !== session.id) return sendRaw(ws, { op: 9, d: false }); // INVALID_SESSION, not resumable
    if (session.socket && session.socket !== ws) session.socket.terminate();
    session.socket = ws;
    authed.add(ws);
    for (const p of session.log) if (p.s > Number(d.seq ?? 0)) sendRaw(ws, p); // replay what the client missed
    dispatch("RESUMED", null);
    resumeCount++;
    notify();
  }

  // ---- messages / interactions ----
  function createMessage(channelId: string, body: any, files: RecordedFile[], extra: Record<string, unknown> = {}) {
    const channel = channels.get(channelId);
    const { flags, ...rest } = body ?? {};
    const msg: any = {
      id: snowflake(), type: 0, channel_id: channelId, ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}),
      author: botUser, content: "", tts: Boolean(body?.tts), mention_everyone: false, mentions: [], mention_roles: [],
      attachments: [], embeds: [], components: [], pinned: false, flags: Number(flags ?? 0),
      timestamp: new Date().toISOString(), edited_timestamp: null, ...extra,
    };
    applyEdit(msg, rest, files, false);
    if (body?.message_reference) msg.message_reference = { channel_id: channelId, ...body.message_reference };
    if (body?.message_reference && msg.type === 0) msg.type = 19; // REPLY
    messages.set(msg.id, msg);
    if (channel) channel.last_message_id = msg.id;
    if (!(msg.flags & EPHEMERAL)) dispatchMessage("MESSAGE_CREATE", msg);
    return msg;
  }
  function applyEdit(msg: any, body: any, files: RecordedFile[], isEdit = true): void {
    if ("content" in body) msg.content = body.content ?? "";
    if ("embeds" in body) msg.embeds = (body.embeds ?? []).map((e: any) => ({ type: "rich", ...e }));
    if ("components" in body) msg.components = body.components ?? [];
    // Ephemerality is fixed at creation; an edit can only change the other flags (e.g. SUPPRESS_EMBEDS).
    if ("flags" in body) msg.flags = (msg.flags & (EPHEMERAL | LOADING)) | (Number(body.flags ?? 0) & ~(EPHEMERAL | LOADING));
    if ("attachments" in body || files.length) {
      // `attachments` lists what to keep (existing ids) plus descriptors for the newly uploaded files.
      const keep = new Set((body.attachments ?? []).map((a: any) => String(a.id)));
      msg.attachments = [
        ...msg.attachments.filter((a: any) => keep.has(a.id)),
        ...files.map((f) => ({
          id: snowflake(), filename: f.name, size: f.size, content_type: f.contentType,
          url: `https://cdn.discordapp.com/attachments/${msg.channel_id}/${msg.id}/${f.name}`,
          proxy_url: `https://media.discordapp.net/attachments/${msg.channel_id}/${msg.id}/${f.name}`,
        })),
      ];
    }
    if (!isEdit) return;
    msg.flags &= ~LOADING; // editing a deferred ("thinking...") response replaces the loading state
    msg.edited_timestamp = new Date().toISOString();
  }
  /** Gateway copy of a message, filtered the way Discord filters for the client's intents. */
  function dispatchMessage(t: "MESSAGE_CREATE" | "MESSAGE_UPDATE", msg: any, mentionsBot = false): void {
    if (!session) return;
    const inGuild = Boolean(msg.guild_id);
    if (!(session.intents & (inGuild ? GUILD_MESSAGES : DIRECT_MESSAGES))) return;
    let d = { ...msg, ...(inGuild ? { member: makeMember() } : {}) };
    // Without MESSAGE_CONTENT, Discord still delivers content of DMs, of the bot's own messages and of messages
    // that mention the bot; for everything else content/embeds/attachments/components arrive empty.
    if (!(session.intents & MESSAGE_CONTENT) && inGuild && !mentionsBot && msg.author.id !== ids.botUserId) {
      d = { ...d, content: "", embeds: [], attachments: [], components: [] };
    }
    dispatch(t, d);
  }

  function newInteraction(type: number, data: any, opts: TargetOpts, extra: { message?: any } = {}) {
    const guildId = opts.guildId === undefined ? ids.guildId : opts.guildId;
    const channelId = opts.channelId ?? ids.channelId;
    const user = makeUser(opts.userId ?? ids.userId);
    const state: InteractionState = {
      id: snowflake(), token: `itok_${randomBytes(24).toString("hex")}`, type, user, channelId, guildId,
      dispatchedAt: performance.now(), acked: false, sourceMessageId: extra.message?.id,
    };
    interactions.set(state.token, state);
    const channel = channels.get(channelId) ?? { id: channelId, type: guildId ? 0 : 1 };
    dispatch("INTERACTION_CREATE", {
      id: state.id, application_id: ids.applicationId, type, token: state.token, version: 1, data,
      channel_id: channelId, channel, locale: "en-US", app_permissions: ALL_PERMISSIONS, entitlements: [],
      attachment_size_limit: 10485760,
      ...(guildId
        ? { guild_id: guildId, guild: { id: guildId, locale: "en-US", features: [] }, guild_locale: "en-US",
            member: makeMember(user), authorizing_integration_owners: { 0: guildId }, context: 0 }
        : { user, authorizing_integration_owners: { 1: user.id }, context: 1 }),
      ...(extra.message ? { message: extra.message } : {}),
    });
    return { id: state.id, token: state.token };
  }
  /** Options for a chat-input command; types come from the registered command when there is one. */
  function commandData(name: string, options: Record<string, string | number | boolean>, guildId: string | null, focused?: string) {
    const registered = [...(guildId ? commands.get(guildId) ?? [] : []), ...(commands.get("global") ?? [])].find((c) => c.name === name);
    const opts = Object.entries(options).map(([optName, value]) => {
      const declared = registered?.options?.find((o: any) => o.name === optName)?.type;
      const inferred = typeof value === "boolean" ? 5 : typeof value === "number" ? (Number.isInteger(value) ? 4 : 10) : 3;
      return { name: optName, type: declared ?? inferred, value, ...(optName === focused ? { focused: true } : {}) };
    });
    return { id: registered?.id ?? snowflake(), name, type: 1, options: opts, ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}) };
  }
  function componentMessage(messageId: string | undefined, channelId: string): any {
    if (messageId && messages.has(messageId)) return messages.get(messageId);
    if (messageId) throw new Error(`discord double: unknown message ${messageId}`);
    const last = [...messages.values()].reverse().find((m) => m.author.id === ids.botUserId && m.channel_id === channelId);
    return last ?? createMessage(channelId, { content: "(component host)" }, []);
  }

  function interactionFor(p: Record<string, string>): InteractionState {
    const st = interactions.get(p.token);
    if (p.appId !== undefined && p.appId !== ids.applicationId) throw new HttpError(404, 10015, "Unknown Webhook");
    if (!st || (p.interactionId !== undefined && st.id !== p.interactionId)) throw new HttpError(404, 10062, "Unknown interaction");
    return st;
  }
  function webhookMessage(p: Record<string, string>): any {
    const st = interactionFor(p);
    const id = p.messageId === "@original" ? st.originalId : p.messageId;
    const msg = id ? messages.get(id) : undefined;
    if (!msg) throw new HttpError(404, 10008, "Unknown Message");
    return msg;
  }
  function channelOf(id: string): any {
    const ch = channels.get(id);
    if (!ch) throw new HttpError(404, 10003, "Unknown Channel");
    return ch;
  }
  function makeThread(parent: any, id: string, body: any) {
    const now = new Date().toISOString();
    const thread = {
      id, type: body.type ?? 11, guild_id: parent.guild_id, parent_id: parent.id, owner_id: ids.botUserId,
      name: body.name ?? "thread", last_message_id: null, rate_limit_per_user: body.rate_limit_per_user ?? 0,
      message_count: 0, member_count: 1, total_message_sent: 0, flags: 0,
      thread_metadata: { archived: false, auto_archive_duration: body.auto_archive_duration ?? 1440,
        archive_timestamp: now, locked: false, create_timestamp: now },
    };
    channels.set(id, thread);
    dispatch("THREAD_CREATE", { ...thread, newly_created: true });
    return thread;
  }
  function storeCommands(key: string, body: any[], guildId?: string) {
    const stored = (body ?? []).map((c: any) => ({
      id: snowflake(), application_id: ids.applicationId, version: snowflake(), type: 1, description: "",
      options: [], default_member_permissions: null, nsfw: false, ...(guildId ? { guild_id: guildId } : {}), ...c,
    }));
    commands.set(key, stored);
    return { status: 200, body: stored };
  }

  // ---- REST routes (paths relative to /api/v10) ----
  const routes: { method: string; template: string; re: RegExp; handle: (c: Ctx) => Reply }[] = [];
  const route = (method: string, template: string, handle: (c: Ctx) => Reply) =>
    routes.push({ method, template, handle,
      re: new RegExp(`^${template.replace(/:(\w+)/g, "(?<$1>[^/]+)")}$`) });
  const ok = (body: unknown): Reply => ({ status: 200, body });
  const noContent: Reply = { status: 204 };

  route("GET", "/gateway", () => ok({ url: `ws://127.0.0.1:${port()}/gateway` }));
  route("GET", "/gateway/bot", () => ok({
    url: `ws://127.0.0.1:${port()}/gateway`, shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 86400000, max_concurrency: 1 },
  }));
  route("GET", "/users/@me", () => ok({ ...botUser, verified: true, mfa_enabled: false }));
  route("GET", "/applications/@me", () => ok({
    id: ids.applicationId, name: botUser.username, icon: null, description: "", bot_public: false,
    bot_require_code_grant: false, verify_key: "0".repeat(64), flags: 0, owner: makeUser(ids.userId), bot: botUser,
  }));
  route("GET", "/applications/:appId/commands", () => ok(commands.get("global") ?? []));
  route("PUT", "/applications/:appId/commands", ({ body }) => storeCommands("global", body));
  route("GET", "/applications/:appId/guilds/:guildId/commands", ({ params }) => ok(commands.get(params.guildId) ?? []));
  route("PUT", "/applications/:appId/guilds/:guildId/commands", ({ params, body }) => storeCommands(params.guildId, body, params.guildId));

  route("POST", "/interactions/:interactionId/:token/callback", ({ params, query, body, files }) => {
    const st = interactionFor(params);
    if (performance.now() - st.dispatchedAt > ackDeadlineMs) throw new HttpError(404, 10062, "Unknown interaction");
    if (st.acked) throw new HttpError(400, 40060, "Interaction has already been acknowledged.");
    const data = body?.data ?? {};
    const replyExtra = {
      type: st.type === 2 ? 20 : 0, webhook_id: ids.applicationId, application_id: ids.applicationId,
      interaction_metadata: { id: st.id, type: st.type, user: st.user, authorizing_integration_owners: st.guildId ? { 0: st.guildId } : { 1: st.user.id } },
    };
    switch (body?.type) {
      case 4: // CHANNEL_MESSAGE_WITH_SOURCE
        st.originalId = createMessage(st.channelId, data, files, replyExtra).id;
        break;
      case 5: // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: a "bot is thinking..." placeholder becomes @original
        st.originalId = createMessage(st.channelId, {}, [], { ...replyExtra, flags: (Number(data.flags ?? 0) & EPHEMERAL) | LOADING }).id;
        break;
      case 6: // DEFERRED_UPDATE_MESSAGE and 7 UPDATE_MESSAGE: only for components; @original is the clicked message
      case 7:
        if (!st.sourceMessageId) throw new HttpError(400, 50035, "Invalid Form Body (type needs a component interaction)");
        st.originalId = st.sourceMessageId;
        if (body.type === 7) {
          applyEdit(messages.get(st.originalId), data, files);
          dispatchMessage("MESSAGE_UPDATE", messages.get(st.originalId));
        }
        break;
      case 8: // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        if (st.type !== 4) throw new HttpError(400, 50035, "Invalid Form Body (autocomplete result for non-autocomplete)");
        break;
      case 9: // MODAL
        break;
      default:
        throw new HttpError(400, 50035, `Invalid Form Body (interaction response type ${body?.type})`);
    }
    st.acked = true;
    if (query.with_response !== "true") return noContent; // discord.js sends with_response=false by default
    const msg = st.originalId ? messages.get(st.originalId) : undefined;
    return ok({
      interaction: { id: st.id, type: st.type, response_message_id: msg?.id, response_message_loading: body.type === 5,
        response_message_ephemeral: Boolean(msg && msg.flags & EPHEMERAL) },
      resource: { type: body.type, ...(msg ? { message: msg } : {}) },
    });
  });
  route("POST", "/webhooks/:appId/:token", ({ params, body, files }) => { // follow-up message
    const st = interactionFor(params);
    if (!st.acked) throw new HttpError(404, 10015, "Unknown Webhook"); // follow-ups need an initial response first
    return ok(createMessage(st.channelId, body, files, { webhook_id: ids.applicationId, application_id: ids.applicationId }));
  });
  route("GET", "/webhooks/:appId/:token/messages/:messageId", ({ params }) => ok(webhookMessage(params)));
  route("PATCH", "/webhooks/:appId/:token/messages/:messageId", ({ params, body, files }) => {
    const msg = webhookMessage(params);
    applyEdit(msg, body ?? {}, files);
    if (!(msg.flags & EPHEMERAL)) dispatchMessage("MESSAGE_UPDATE", msg);
    return ok(msg);
  });
  route("DELETE", "/webhooks/:appId/:token/messages/:messageId", ({ params }) => {
    const msg = webhookMessage(params);
    messages.delete(msg.id);
    if (!(msg.flags & EPHEMERAL)) dispatch("MESSAGE_DELETE", { id: msg.id, channel_id: msg.channel_id, guild_id: msg.guild_id });
    return noContent;
  });

  route("GET", "/channels/:channelId", ({ params }) => ok(channelOf(params.channelId)));
  route("POST", "/channels/:channelId/typing", ({ params }) => {
    channelOf(params.channelId);
    return noContent;
  });
  route("POST", "/channels/:channelId/messages", ({ params, body, files }) => {
    channelOf(params.channelId);
    if (!body?.content && !body?.embeds?.length && !body?.components?.length && !files.length) {
      throw new HttpError(400, 50006, "Cannot send an empty message");
    }
    return ok(createMessage(params.channelId, body, files));
  });
  route("GET", "/channels/:channelId/messages/:messageId", ({ params }) => {
    const msg = messages.get(params.messageId);
    if (!msg || msg.channel_id !== params.channelId) throw new HttpError(404, 10008, "Unknown Message");
    return ok(msg);
  });
  route("PATCH", "/channels/:channelId/messages/:messageId", ({ params, body, files }) => {
    const msg = messages.get(params.messageId);
    if (!msg || msg.channel_id !== params.channelId) throw new HttpError(404, 10008, "Unknown Message");
    if (msg.author.id !== ids.botUserId) throw new HttpError(403, 50005, "Cannot edit a message authored by another user");
    applyEdit(msg, body ?? {}, files);
    dispatchMessage("MESSAGE_UPDATE", msg);
    return ok(msg);
  });
  route("POST", "/channels/:channelId/messages/:messageId/threads", ({ params, body }) => {
    const parent = channelOf(params.channelId);
    const msg = messages.get(params.messageId);
    if (!msg || msg.channel_id !== params.channelId) throw new HttpError(404, 10008, "Unknown Message");
    if (msg.thread) throw new HttpError(400, 160004, "A thread has already been created for this message");
    // A thread started from a message has the same id as that message.
    msg.thread = makeThread(parent, msg.id, { ...body, type: 11 });
    return ok(msg.thread);
  });
  route("POST", "/channels/:channelId/threads", ({ params, body }) =>
    ok(makeThread(channelOf(params.channelId), snowflake(), body ?? {})));

  function port(): number { return (httpServer.address() as AddressInfo).port; }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const method = req.method ?? "GET";
    // Decoded, so tests can match "@original" (discord.js sends it as %40original).
    const pathname = safeDecode(url.pathname);
    const path = pathname.startsWith("/api/v10/") ? pathname.slice("/api/v10".length) : pathname;
    const record: RecordedRequest = {
      method, path, query: Object.fromEntries(url.searchParams), route: null, status: 404, body: null, files: [],
      headers: req.headers, at,
    };
    let reply: Reply;
    let headers: Record<string, string> = {};
    try {
      await parseBody(req.headers["content-type"] ?? "", raw, record);
      const match = pathname.startsWith("/api/v10/") ? findRoute(method, path) : undefined;
      if (!match) throw new HttpError(404, 0, "404: Not Found");
      record.route = `${method} ${match.template}`;
      const failure = failures.findIndex((f) => f.pattern.test(path) && (!f.method || f.method === method));
      const needsAuth = !path.startsWith("/interactions/") && !path.startsWith("/webhooks/");
      if (failure >= 0) {
        const f = failures.splice(failure, 1)[0];
        if (f.status === 429) {
          // Shape of a per-route (not global) limit. @discordjs/rest sees Remaining 0 + Reset-After, waits until
          // the bucket resets (+ its 50ms offset) and retries the same request transparently.
          headers = { "Retry-After": String(f.retryAfter), "X-RateLimit-Limit": "1", "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset-After": String(f.retryAfter), "X-RateLimit-Reset": String(Date.now() / 1000 + f.retryAfter),
            "X-RateLimit-Bucket": "double-bucket", "X-RateLimit-Scope": "user" };
          reply = { status: 429, body: { message: "You are being rate limited.", retry_after: f.retryAfter, global: false } };
        } else {
          reply = { status: f.status, body: { message: `${f.status}: injected failure`, code: 0 } };
        }
      } else if (needsAuth && !/^Bot \S+/.test(String(req.headers.authorization ?? ""))) {
        reply = { status: 401, body: { message: "401: Unauthorized", code: 0 } };
      } else {
        reply = match.handle({ params: match.params, query: record.query, body: record.body, files: record.files });
      }
    } catch (e) {
      if (!(e instanceof HttpError)) console.error("discord double: handler crashed", e); // a bug in the double
      reply = e instanceof HttpError
        ? { status: e.status, body: { message: e.message, code: e.code } }
        : { status: 500, body: { message: `500: ${String(e)}`, code: 0 } };
    }
    record.status = reply.status;
    requests.push(record);
    notify();
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
    } else {
      res.writeHead(reply.status, { ...headers, "Content-Type": "application/json" }).end(JSON.stringify(reply.body));
    }
  }
  function findRoute(method: string, path: string) {
    for (const r of routes) {
      const m = r.method === method ? r.re.exec(path) : null;
      if (m) return { ...r, params: { ...m.groups } };
    }
    return undefined;
  }
  function safeDecode(p: string): string {
    try { return decodeURIComponent(p); } catch { return p; }
  }
  async function parseBody(contentType: string, raw: Buffer, record: RecordedRequest): Promise<void> {
    if (!raw.length) return;
    if (contentType.startsWith("application/json")) {
      try { record.body = JSON.parse(raw.toString("utf8")); } catch { throw new HttpError(400, 50109, "The request body contains invalid JSON."); }
    } else if (contentType.startsWith("multipart/form-data")) {
      // discord.js switches to multipart when files are attached: files[n] parts + one payload_json part.
      const form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData();
      for (const [field, value] of form.entries()) {
        if (typeof value === "string") {
          if (field === "payload_json") {
            try { record.body = JSON.parse(value); } catch { throw new HttpError(400, 50109, "The request body contains invalid JSON."); }
          }
        } else {
          record.files.push({ field, name: value.name, size: value.size, contentType: value.type });
        }
      }
    } else {
      record.body = raw.toString("utf8");
    }
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(0, "127.0.0.1", () => resolve());
  });

  let closing: Promise<void> | undefined;
  const double: DiscordDouble = {
    apiUrl: `http://127.0.0.1:${port()}/api`,
    port: port(),
    ids,
    requests,
    gatewayEvents,
    gatewayConnections,
    messages,
    waitForReady: (timeoutMs = 10000) => waitUntil(() => (readyCount > 0 ? true : undefined), timeoutMs, "READY").then(() => {}),
    sendCommand: (name, options = {}, opts = {}) =>
      newInteraction(2, commandData(name, options, opts.guildId === undefined ? ids.guildId : opts.guildId), opts),
    sendAutocomplete: (name, options, focused, opts = {}) =>
      newInteraction(4, commandData(name, options, opts.guildId === undefined ? ids.guildId : opts.guildId, focused), opts),
    sendButton: (customId, opts = {}) => newInteraction(3, { custom_id: customId, component_type: 2 }, opts,
      { message: componentMessage(opts.messageId, opts.channelId ?? ids.channelId) }),
    sendSelect: (customId, values, opts = {}) => newInteraction(3, { custom_id: customId, component_type: 3, values }, opts,
      { message: componentMessage(opts.messageId, opts.channelId ?? ids.channelId) }),
    sendMessage(content, opts = {}) {
      const guildId = opts.guildId === undefined ? ids.guildId : opts.guildId;
      const author = makeUser(opts.authorId ?? opts.userId ?? ids.userId);
      const mention = `<@${ids.botUserId}>`;
      // A message "mentions" the bot because its content contains <@botId>; add it if the caller did not.
      const text = opts.mentionsBot && !content.includes(mention) ? `${mention} ${content}` : content;
      const msg = {
        id: snowflake(), type: 0, channel_id: opts.channelId ?? ids.channelId, ...(guildId ? { guild_id: guildId } : { channel_type: 1 }),
        author, content: text, tts: false, mention_everyone: false, mention_roles: [], attachments: [], embeds: [],
        components: [], pinned: false, flags: 0, timestamp: new Date().toISOString(), edited_timestamp: null,
        mentions: opts.mentionsBot ? [{ ...botUser, ...(guildId ? { member: makeMember() } : {}) }] : [],
      };
      messages.set(msg.id, msg);
      dispatchMessage("MESSAGE_CREATE", msg, Boolean(opts.mentionsBot));
      return { id: msg.id };
    },
    async requestReconnect(timeoutMs = 10000) {
      const socket = session?.socket;
      if (!socket) throw new Error("discord double: no live gateway connection to reconnect");
      const before = resumeCount;
      sendRaw(socket, { op: 7, d: null }); // the client closes (code 4200 in @discordjs/ws) and RESUMEs on resume_gateway_url
      await waitUntil(() => (resumeCount > before ? true : undefined), timeoutMs, "RESUME after RECONNECT");
    },
    failNextRest(pathPattern, status = 429, retryAfterSeconds = 1, method) {
      failures.push({ pattern: pathPattern, status, retryAfter: retryAfterSeconds, method: method?.toUpperCase() });
    },
    waitFor: (predicate, timeoutMs = 5000) => waitUntil(() => requests.find(predicate), timeoutMs, "a matching REST request"),
    waitForGateway: (predicate, timeoutMs = 5000) => waitUntil(() => gatewayEvents.find(predicate), timeoutMs, "a matching gateway payload"),
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
  async function shutdown(): Promise<void> {
    for (const w of [...waiters]) w.fail(new Error("discord double closed"));
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    httpServer.closeAllConnections(); // undici keeps REST sockets alive; drop them so close() returns promptly
    await new Promise<void>((resolve, reject) => httpServer.close((e) => (e ? reject(e) : resolve())));
  }
  return double;
}
