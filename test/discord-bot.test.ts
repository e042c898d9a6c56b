// End to end: the real bot (discord.js Client) against the Discord double, asserting what it really sends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployCommands } from "../scripts/deploy-commands.js";
import type { OpenedEngine } from "../src/engine.js";
import { BUSY_TEXT } from "../src/discord/respond.js";
import { NOT_FOUND_TEXT } from "../src/present/wording.js";
import { limitViolations } from "../src/discord/views/limits.js";
import {
  components,
  FAKE_TOKEN,
  faultyEngine,
  finalEdit,
  fixtureEngine,
  isCallback,
  isFinalEdit,
  replyMessage,
  shown,
  startHarness,
  textOf,
  type Harness,
} from "./helpers/bot-harness.js";

const WATER = "2021-06-14-harbour-water.txt";
const BUDGET = "2021-11-30-harbour-budget.txt";
const EPHEMERAL = 64;

let engine: OpenedEngine;
let cleanup: () => Promise<void>;
let h: Harness;

beforeAll(async () => {
  ({ engine, cleanup } = await fixtureEngine());
  h = await startHarness(faultyEngine(engine));
  // Register the commands first, so the double gives interactions the declared option types.
  await deployCommands({ token: FAKE_TOKEN, appId: null, guildId: h.double.ids.guildId, apiUrl: h.double.apiUrl, allowDms: false });
}, 30_000);

afterAll(async () => {
  await h?.close();
  await cleanup?.();
});

/** Send /ask and wait for the edited reply. */
async function ask(question: string, options: Record<string, string | boolean> = {}, target = {}) {
  const sent = h.double.sendCommand("ask", { question, ...options }, target);
  const edit = await finalEdit(h.double, sent);
  return { sent, edit, content: edit.body.content as string };
}

describe("/ask", { timeout: 20_000 }, () => {
  it("acknowledges at once (type 5), then edits in the verbatim quote, speaker, role, question and briefing", async () => {
    const question = "Is there lead in the drinking water at schools?";
    const expected = (await engine.ask(question, { top: 4 })).hits[0]!;
    const { sent, edit, content } = await ask(question);

    const callback = h.double.requests.find(isCallback(sent))!;
    expect(callback.body.type).toBe(5);
    expect(callback.status).toBe(204);
    expect(callback.at).toBeLessThan(edit.at);

    expect(expected.speaker).toBe("Priya Natarajan");
    expect(content).toContain(`> ${expected.quote}`);
    expect(content).toContain("— Priya Natarajan, Director of Public Health, answering Harbour Daily reporter");
    expect(content).toContain("“Is there lead in the drinking water at schools?”");
    expect(content).toContain("**Harbour City press briefing on the water supply, 2021-06-14** · <https://example.org/briefings/2021-06-14-water-supply>");
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(components(edit.body).map((c) => c.label)).toEqual(["More context", "Other answers"]);
    expect(limitViolations(edit.body)).toEqual([]);
  });

  it("a question about the briefing itself: the bot's own words under their heading, then the cited passages", async () => {
    const { content, edit } = await ask("Who spoke at the June 14, 2021 briefing?");
    const [head, cited] = content.split("**From the transcript**");
    expect(head).toContain("**About the briefing** · briefbot's summary, not a quote");
    expect(head).toContain("Amelia Rourke (Minister of Water Resources)");
    expect(head).not.toMatch(/^> /m);
    expect(cited).toMatch(/^> /m);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(edit.body)).toEqual([]);
  });

  it("filters by speaker and briefing, and answers privately when asked", async () => {
    const { sent, content } = await ask("What about the reservoirs?", { speaker: "Amelia Rourke", briefing: "water", private: true });
    expect(h.double.requests.find(isCallback(sent))!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(content).toContain("— Amelia Rourke, Minister of Water Resources");
    expect(content).toContain("-# Only speaker “Amelia Rourke”, briefing “water”");
  });

  it("says a filter matches nothing in one line", async () => {
    const { content } = await ask("anything", { speaker: "Nobody Atall" });
    expect(content).toBe('Cannot answer that: no speaker matches "Nobody Atall".');
  });

  it("@everyone and mentions in a question ping no one and are escaped in the echo", async () => {
    const question = `@everyone @here <@&${h.double.ids.guildId}> <@${h.double.ids.userId}> what about the garden hose ban?`;
    const { content, edit } = await ask(question);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(content).not.toMatch(/@everyone|@here|<@/);
    expect(shown(content)).toContain(question);
    expect(content).toContain("There is no garden hose ban this summer.");
  });

  it("says the briefings do not cover it and offers the overview, which opens the list and a briefing", async () => {
    const { sent, content, edit } = await ask("What is the best recipe for apple pie?");
    expect(content).toContain(NOT_FOUND_TEXT);
    expect(content).toContain("/briefing");
    expect(components(edit.body).map((c) => c.custom_id)).toEqual(["brief"]);

    const click = h.double.sendButton("brief", { messageId: replyMessage(h.double, sent).id });
    const list = await finalEdit(h.double, click);
    expect(h.double.requests.find(isCallback(click))!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(list.body.embeds[0].title).toBe("Briefings");
    const select = components(list.body)[0];
    expect(select.options.map((o: any) => o.value)).toEqual([BUDGET, "2021-09-02-harbour-floods.txt", WATER]);

    const pick = h.double.sendSelect("bsel", ["2021-09-02-harbour-floods.txt"]);
    const opened = await finalEdit(h.double, pick);
    expect(opened.body.embeds[0].title).toBe("Harbour City flood preparedness update");
  });

  it("More context shows the whole passage and the question it answered, privately", async () => {
    const question = "Tell me about the desalination plant and reverse osmosis";
    const { sent, edit } = await ask(question);
    const best = (await engine.ask(question, { top: 4 })).hits[0]!;
    const more = components(edit.body).find((c) => c.label === "More context");
    const click = h.double.sendButton(more.custom_id, { messageId: replyMessage(h.double, sent).id });
    const context = await finalEdit(h.double, click);
    expect(h.double.requests.find(isCallback(click))!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = shown(textOf(context.body));
    expect(text).toContain("The question — City Radio reporter");
    expect(text).toContain("Can you tell us about the desalination plant?");
    expect(text).toContain(best.passage);
    expect(context.body.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(context.body)).toEqual([]);
  });

  it("Other answers shows the next hits, each with its own More context", async () => {
    const question = "water";
    const { sent, edit } = await ask(question);
    const hits = (await engine.ask(question, { top: 8 })).hits;
    const others = components(edit.body).find((c) => c.label === "Other answers");
    const click = h.double.sendButton(others.custom_id, { messageId: replyMessage(h.double, sent).id });
    const reply = await finalEdit(h.double, click);
    const text = shown(textOf(reply.body));
    expect(text).toContain(hits[3]!.quote);
    expect(text).not.toContain(hits[0]!.quote);
    expect(reply.body.embeds[0].title).toBe("#4");
    expect(components(reply.body).map((c) => c.label)).toEqual(hits.slice(3, 8).map((hit) => `Context #${hit.rank}`));
  });

  it("a button from before a restart says to ask again", async () => {
    const click = h.double.sendButton("oth:forgotten");
    const reply = await finalEdit(h.double, click);
    expect(reply.body.content).toContain("this button has expired");
  });
});

describe("/briefing, /speakers, /quote and autocomplete", { timeout: 20_000 }, () => {
  it("/briefing: what it was, who spoke, every question, a select that opens any official answer, and pages", async () => {
    const sent = h.double.sendCommand("briefing", { briefing: "water supply" });
    const edit = await finalEdit(h.double, sent);
    const [overview, questions] = edit.body.embeds;
    expect(overview.title).toBe("Harbour City press briefing on the water supply");
    expect(overview.url).toBe("https://example.org/briefings/2021-06-14-water-supply");
    expect(overview.description).toContain("**Date:** 2021-06-14");
    expect(overview.description).toContain("Amelia Rourke, Minister of Water Resources, Tomas Lindqvist");
    expect(overview.fields[0].value).toContain("**Amelia Rourke** — Minister of Water Resources · 12 answers");
    expect(overview.fields[1].value).toContain("**Harbour Daily reporter** · asked 8 questions");
    expect(questions.title).toBe("Questions asked (1–25 of 28)");
    expect(questions.description).toContain("**1.** Harbour Daily reporter: How full are the reservoirs this summer, and should residents expect shortages? → Amelia Rourke");
    const [select, previous, next] = components(edit.body);
    expect(select.options).toHaveLength(25);
    expect(previous.disabled).toBe(true);
    expect(limitViolations(edit.body)).toEqual([]);

    const desalination = engine.questions(WATER).find((q) => q.text.includes("desalination"))!;
    const message = replyMessage(h.double, sent);
    const pick = h.double.sendSelect(select.custom_id, [String(desalination.turn)], { messageId: message.id });
    const answer = await finalEdit(h.double, pick);
    const official = engine.answerTo(WATER, desalination.turn)!;
    const followUps = h.double.requests.filter((r) => r.method === "POST" && r.path === `/webhooks/${h.double.ids.applicationId}/${pick.token}`);
    const text = shown([answer, ...followUps].map((r) => textOf(r.body)).join("\n"));
    expect(text).toContain("The question — City Radio reporter");
    expect(text).toContain("— Tomas Lindqvist, Chief Engineer of the Harbour City Water Authority, answering City Radio reporter");
    for (const hit of official.hits) expect(text.replace(/\s+/g, " ")).toContain(hit.passage.replace(/\s+/g, " "));

    // Turning the page of a public message answers privately, leaving the message as others see it.
    const page = h.double.sendButton(next.custom_id, { messageId: message.id });
    const second = await finalEdit(h.double, page);
    expect(h.double.requests.find(isCallback(page))!.body.type).toBe(5);
    expect(second.body.embeds[1].title).toBe("Questions asked (26–28 of 28)");
    expect(components(second.body)[0].options).toHaveLength(3);

    // On that private page, turning back updates the same message (deferUpdate: type 6).
    const back = h.double.sendButton(components(second.body)[1].custom_id, { messageId: replyMessage(h.double, page).id });
    const first = await finalEdit(h.double, back);
    expect(h.double.requests.find(isCallback(back))!.body.type).toBe(6);
    expect(first.body.embeds[1].title).toBe("Questions asked (1–25 of 28)");
  });

  it("an official answer longer than one message continues in private follow-ups, all of it", async () => {
    const sent = h.double.sendCommand("briefing", { briefing: "budget" });
    const edit = await finalEdit(h.double, sent);
    expect(edit.body.embeds[1].title).toBe("Questions asked (1)");
    const pick = h.double.sendSelect(components(edit.body)[0].custom_id, ["0"], { messageId: replyMessage(h.double, sent).id });
    const first = await finalEdit(h.double, pick);
    const followUp = await h.double.waitFor((r) => r.method === "POST" && r.path === `/webhooks/${h.double.ids.applicationId}/${pick.token}`);
    expect(followUp.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    for (const r of [first, followUp]) expect(limitViolations(r.body)).toEqual([]);
    const followUps = h.double.requests.filter((r) => r.method === "POST" && r.path === followUp.path);
    const text = shown([first, ...followUps].map((r) => textOf(r.body)).join(" ")).replace(/\s+/g, " ");
    const official = engine.answerTo(BUDGET, 0)!;
    for (const hit of official.hits) expect(text).toContain(hit.passage);
    expect(followUps.at(-1)!.body.embeds.at(-1).footer.text).toBe("Harbour City budget statement, 2021-11-30 · https://example.org/briefings/2021-11-30-budget");
  });

  it("/briefing with an unknown name says so, and names the briefings there are", async () => {
    const sent = h.double.sendCommand("briefing", { briefing: "moon landing" });
    expect((await finalEdit(h.double, sent)).body.content).toMatch(/^Cannot answer that: no briefing matches "moon landing" \(.*2021-11-30-harbour-budget\.txt.*\)\.$/);
  });

  it("/speakers: who spoke across the briefings, each person once, with roles and how many answers each gave", async () => {
    const edit = await finalEdit(h.double, h.double.sendCommand("speakers", {}));
    const [people, labels] = edit.body.embeds;
    expect(people.title).toBe("Speakers across 3 briefings");
    expect(people.description).toContain("**Nadia Ferreira** — Chief Financial Officer of Harbour City — *Harbour City budget statement, 2021-11-30* · 1 answer");
    expect(people.description).toContain("**Marcus Obi** — Commissioner of Emergency Management — *Harbour City flood preparedness update, 2021-09-02* · 2 answers");
    expect(people.description).toContain("**Tomas Lindqvist** — Chief Engineer of the Harbour City Water Authority — *Harbour City press briefing on the water supply, 2021-06-14* · 9 answers");
    // Reporters' and moderators' labels are each briefing's own: the same label in two briefings is listed twice.
    expect(labels.title).toBe("Labels that name no one in particular");
    expect(labels.description).toContain("**Moderator** — *Harbour City press briefing on the water supply, 2021-06-14* · 2 turns");
    expect(labels.description.match(/\*\*Harbour Daily reporter\*\*/g)).toHaveLength(3);
  });

  it("/speakers for one briefing: who spoke in it", async () => {
    const edit = await finalEdit(h.double, h.double.sendCommand("speakers", { briefing: "flood" }));
    const [floods] = edit.body.embeds;
    expect(floods.title).toBe("Harbour City flood preparedness update, 2021-09-02");
    expect(floods.description).toContain("**Marcus Obi** — Commissioner of Emergency Management · 2 answers");
  });

  it("/quote: the best sentences from one speaker, ready to paste", async () => {
    const edit = await finalEdit(h.double, h.double.sendCommand("quote", { speaker: "Tomas Lindqvist", about: "leaks" }));
    const best = (await engine.quote("Tomas Lindqvist", "leaks")).hits[0]!;
    expect(edit.body.content).toBe(
      `> ${best.quote}\n— Tomas Lindqvist, Chief Engineer of the Harbour City Water Authority, answering Harbour Daily reporter\n` +
        "-# Harbour City press briefing on the water supply, 2021-06-14 · <https://example.org/briefings/2021-06-14-water-supply>",
    );
    expect(components(edit.body).map((c) => c.label)).toEqual(["More context"]);
  });

  it("autocomplete offers speakers (officials first) and briefings", async () => {
    const speakers = h.double.sendAutocomplete("ask", { question: "x", speaker: "am" }, "speaker");
    const cb = await h.double.waitFor(isCallback(speakers));
    expect(cb.body.type).toBe(8);
    expect(cb.body.data.choices).toEqual([{ name: "Amelia Rourke — Minister of Water Resources", value: "Amelia Rourke" }]);

    const all = await h.double.waitFor(isCallback(h.double.sendAutocomplete("quote", { speaker: "", about: "x" }, "speaker")));
    expect(all.body.data.choices[0].name).toMatch(/^(Amelia|Lena|Marcus|Nadia|Priya|Tomas) /);
    expect(all.body.data.choices.length).toBeLessThanOrEqual(25);

    // Speakers of the briefing chosen so far, as the engine matches a briefing's name; none while it matches nothing.
    const ofBudget = await h.double.waitFor(isCallback(h.double.sendAutocomplete("ask", { question: "x", briefing: "Budget statement", speaker: "" }, "speaker")));
    expect(ofBudget.body.data.choices.map((c: { value: string }) => c.value)).toEqual(["Nadia Ferreira", "Harbour Daily reporter"]);
    const ofNone = await h.double.waitFor(isCallback(h.double.sendAutocomplete("ask", { question: "x", briefing: "moon landing", speaker: "" }, "speaker")));
    expect(ofNone.body.data.choices).toEqual([]);

    const briefings = await h.double.waitFor(isCallback(h.double.sendAutocomplete("briefing", { briefing: "flood" }, "briefing")));
    expect(briefings.body.data.choices).toEqual([{ name: "Harbour City flood preparedness update (2021-09-02)", value: "2021-09-02-harbour-floods.txt" }]);
  });

  it("refuses direct messages by default, privately", async () => {
    const sent = h.double.sendCommand("ask", { question: "reservoirs" }, { guildId: null });
    const edit = await finalEdit(h.double, sent);
    expect(h.double.requests.find(isCallback(sent))!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(edit.body.content).toContain("does not answer in direct messages");
  });
});

describe("mentions", { timeout: 20_000 }, () => {
  it("answers a mention in a thread under the message, pinging no one", async () => {
    const sent = h.double.sendMessage("@everyone what about the garden hose ban?", { mentionsBot: true });
    const thread = await h.double.waitFor((r) => r.route === "POST /channels/:channelId/messages/:messageId/threads" && r.path.includes(sent.id));
    expect(thread.body.name).toBe("@everyone what about the garden hose ban?");
    const answer = await h.double.waitFor((r) => r.route === "POST /channels/:channelId/messages" && r.path === `/channels/${sent.id}/messages`);
    expect(answer.body.content).toContain("There is no garden hose ban this summer.");
    expect(answer.body.content).toContain("— Amelia Rourke, Minister of Water Resources");
    expect(answer.body.content).not.toMatch(/@everyone|<@/);
    expect(answer.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("answers a question about the briefing itself in a mention too", async () => {
    const sent = h.double.sendMessage("who is Priya Natarajan?", { mentionsBot: true, authorId: "1600000000000000003" });
    const answer = await h.double.waitFor((r) => r.route === "POST /channels/:channelId/messages" && r.path === `/channels/${sent.id}/messages`);
    expect(answer.body.content).toContain("**About the briefing** · briefbot's summary, not a quote");
    expect(answer.body.content).toContain("Priya Natarajan is Director of Public Health, according to the announcement.");
  });

  it("answers inline when it may not start a thread", async () => {
    h.double.failNextRest(/\/threads$/, 403, 0, "POST");
    const sent = h.double.sendMessage("how full are the reservoirs?", { mentionsBot: true, authorId: "1600000000000000002" });
    const reply = await h.double.waitFor((r) => r.route === "POST /channels/:channelId/messages" && r.body?.message_reference?.message_id === sent.id);
    expect(reply.body.content).toContain("The reservoirs stand at 74 percent of capacity");
    expect(h.logs.some((l) => l.msg === "could not start a thread; answering inline")).toBe(true);
  });

  it("ignores messages that do not mention it", async () => {
    const before = h.double.requests.length;
    h.double.sendMessage("what about the garden hose ban?");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.double.requests.slice(before).filter((r) => r.method === "POST")).toEqual([]);
  });
});

describe("resilience", { timeout: 30_000 }, () => {
  it("waits out a 429 with retry_after on the edit and the reply still lands", async () => {
    h.double.failNextRest(/\/messages\/@original$/, 429, 0.4, "PATCH");
    const sent = h.double.sendCommand("ask", { question: "Will water meters become compulsory?" });
    const edit = await finalEdit(h.double, sent);
    const patches = h.double.requests.filter((r) => r.method === "PATCH" && r.path.includes(sent.token));
    expect(patches.map((r) => r.status)).toEqual([429, 200]);
    expect(patches[1]!.at - patches[0]!.at).toBeGreaterThanOrEqual(400);
    expect(edit.body.content).toContain("Water meters will not be compulsory.");
  });

  it("resumes after the gateway asks it to reconnect, and answers the next interaction", async () => {
    await h.double.requestReconnect();
    expect(h.double.gatewayEvents.filter((e) => e.op === 2)).toHaveLength(1); // resumed, not re-identified
    const { content } = await ask("How many tanker trucks does the city have?");
    expect(content).toContain("fourteen tanker trucks");
  });

  it("answers 50 interactions sent at once, each exactly once", async () => {
    const sent = Array.from({ length: 50 }, (_, i) =>
      h.double.sendCommand("ask", { question: i % 2 ? "Is fluoride added to the water?" : "apple pie" }, { userId: `14000000000000000${String(i).padStart(2, "0")}` }),
    );
    await Promise.all(sent.map((s) => finalEdit(h.double, s, 20_000)));
    for (const [i, s] of sent.entries()) {
      const callbacks = h.double.requests.filter(isCallback(s));
      const edits = h.double.requests.filter(isFinalEdit(h.double, s.token));
      expect(callbacks.map((r) => [r.body.type, r.status])).toEqual([[5, 204]]);
      expect(edits).toHaveLength(1);
      expect(edits[0]!.body.content).toContain(i % 2 ? "Fluoride is added at 0.7 milligrams per litre" : NOT_FOUND_TEXT);
    }
  });

  it("a failing handler answers with a reference id, logs it, and the bot keeps answering", async () => {
    const { content } = await ask("EXPLODE please");
    const ref = /reference `([0-9a-f]{8})`/.exec(content)?.[1];
    expect(ref).toBeDefined();
    const logged = h.logs.find((l) => l.ref === ref);
    // Without LOG_QUESTIONS the log keeps the question's length, not its words, beside the user id.
    expect(logged).toMatchObject({ level: 50, user: expect.any(String), questionChars: "EXPLODE please".length, err: { message: "simulated engine failure" } });
    expect(logged).not.toHaveProperty("question");
    const next = await ask("Is the Water Authority hiring?");
    expect(next.content).toContain("hiring sixty engineers");
  });

  it("sent allowed_mentions {parse: []} on every message, hit no unknown route, and never logged the token", () => {
    const messages = h.double.requests.filter((r) => r.body && ("content" in r.body || "embeds" in r.body || r.body.data?.content !== undefined));
    expect(messages.length).toBeGreaterThan(60);
    for (const r of messages) expect(r.body.allowed_mentions ?? r.body.data?.allowed_mentions, `${r.method} ${r.path}`).toEqual({ parse: [] });
    expect(h.double.requests.filter((r) => r.route === null)).toEqual([]);
    const injected = (r: { status: number; path: string }) => r.status === 429 || (r.status === 403 && r.path.endsWith("/threads"));
    expect(h.double.requests.filter((r) => r.status >= 400 && !injected(r))).toEqual([]);
    const all = h.rawLogs.join("");
    expect(all).not.toContain(FAKE_TOKEN);
    expect(all).not.toContain("fake-secret");
    const answered = h.logs.find((l) => l.kind === "ask" && l.outcome === "answered" && l.found);
    expect(answered).toMatchObject({ questionChars: expect.any(Number), latencyMs: expect.any(Number), found: true, hits: expect.any(Number) });
    expect(h.logs.filter((l) => "question" in l)).toEqual([]);
  });
});

describe("a busy bot, inline mentions, cooldown", { timeout: 30_000 }, () => {
  let busy: Harness;
  beforeAll(async () => {
    busy = await startHarness(faultyEngine(engine, { delayMs: 800 }), { engineConcurrency: 1, engineQueueLimit: 1, mentionReply: "inline", userCooldownSeconds: 60, allowDms: true });
  });
  afterAll(async () => busy?.close());

  it("tells users it is busy when the queue is full, instead of timing out", async () => {
    const sent = Array.from({ length: 5 }, (_, i) => busy.double.sendCommand("ask", { question: "Is fluoride added to the water?" }, { userId: `15000000000000000${i}` }));
    const edits = await Promise.all(sent.map((s) => finalEdit(busy.double, s)));
    for (const s of sent) expect(busy.double.requests.find(isCallback(s))!.body.type).toBe(5);
    const contents = edits.map((e) => e.body.content as string);
    expect(contents.filter((c) => c === BUSY_TEXT)).toHaveLength(3); // one running, one waiting, three turned away
    expect(contents.filter((c) => c.includes("Fluoride is added"))).toHaveLength(2);
    expect(busy.logs.filter((l) => l.outcome === "busy")).toHaveLength(3);
  });

  it("asks a user to wait during the cooldown", async () => {
    const again = busy.double.sendCommand("ask", { question: "reservoirs" }, { userId: "150000000000000000" });
    const edit = await finalEdit(busy.double, again);
    expect(edit.body.content).toMatch(/^Please wait \d+ s before asking again\.$/);
    expect(busy.double.requests.find(isCallback(again))!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("answers slash commands in direct messages when ALLOW_DMS is on", async () => {
    const dm = busy.double.sendCommand("ask", { question: "Is fluoride added to the water?" }, { guildId: null, userId: "1600000000000000009" });
    const edit = await finalEdit(busy.double, dm);
    expect(edit.body.content).toContain("Fluoride is added");
    expect(busy.double.gatewayEvents.find((e) => e.op === 2)!.d.intents & (1 << 12)).toBe(1 << 12); // DirectMessages
  });

  it("answers a mention inline as a reply when MENTION_REPLY=inline", async () => {
    const sent = busy.double.sendMessage("is the budget overspent?", { mentionsBot: true, authorId: "1600000000000000001" });
    const reply = await busy.double.waitFor((r) => r.route === "POST /channels/:channelId/messages" && r.body?.message_reference?.message_id === sent.id, 10_000);
    expect(reply.path).toBe(`/channels/${busy.double.ids.channelId}/messages`);
    expect(reply.body.content).toContain("The budget of the Water Authority is not overspent.");
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
    expect(busy.double.requests.some((r) => r.route?.includes("/threads"))).toBe(false);
  });
});

describe("deploy-commands", () => {
  it("bulk-overwrites the commands to the guild route when DISCORD_GUILD_ID is set, else globally", async () => {
    const guild = h.double.requests.filter((r) => r.route === "PUT /applications/:appId/guilds/:guildId/commands");
    expect(guild).toHaveLength(1);
    expect(guild[0]!.path).toBe(`/applications/${h.double.ids.applicationId}/guilds/${h.double.ids.guildId}/commands`);
    expect(guild[0]!.body.map((c: any) => c.name)).toEqual(["ask", "briefing", "speakers", "quote"]);
    expect(guild[0]!.headers.authorization).toBe(`Bot ${FAKE_TOKEN}`);

    const done = await deployCommands({ token: FAKE_TOKEN, appId: h.double.ids.applicationId, guildId: null, apiUrl: h.double.apiUrl, allowDms: true });
    expect(done).toEqual({ appId: h.double.ids.applicationId, scope: "global", names: ["ask", "briefing", "speakers", "quote"] });
    const global = h.double.requests.filter((r) => r.route === "PUT /applications/:appId/commands");
    expect(global).toHaveLength(1);
    expect(global[0]!.body[0].contexts).toEqual([0, 1]);
  });
});
