// Presenters for Discord: escaping, cutting at sentence boundaries, wording, and Discord's limits under fuzzing.
import { describe, expect, it } from "vitest";
import { customId, parseCustomId, transcriptRef } from "../src/discord/custom-ids.js";
import { answerReply, contextReplies, notFoundReply, officialAnswerReplies, othersReply, quoteReply } from "../src/discord/views/answers.js";
import { briefingChoices, briefingListReply, briefingReply, packLines, speakerChoices, speakersReply } from "../src/discord/views/briefings.js";
import { limitViolations, LIMITS, type DiscordReply } from "../src/discord/views/limits.js";
import { escapeText, fitAtSentence, oneLine, quoteRender, splitAtSentences } from "../src/discord/views/text.js";
import { attributionLine, NOT_FOUND_TEXT } from "../src/present/wording.js";
import { answer, briefing, context, hit, oddHit, oddText, questionsOf, speaker } from "./helpers/fake-answers.js";
import { seededRandom } from "../scripts/seeded-random.js";

const ZWSP = "\u200b";
/** Text as Discord shows it: backslash escapes consumed, zero-width spaces invisible. */
const shown = (text: string) => text.replace(/\\(.)/g, "$1").replaceAll(ZWSP, "");
const customIds = (reply: DiscordReply) => (reply.components ?? []).flatMap((r) => r.components.map((c) => ("custom_id" in c ? c.custom_id : undefined)));

describe("escapeText", () => {
  it("shows markdown literally and reads the same once rendered", () => {
    const raw = "the *so-called* _emergency_ tariff ~~was~~ `dropped` || maybe || [here](x) \\ done";
    const escaped = escapeText(raw);
    expect(escaped).toContain("\\*so-called\\*");
    expect(escaped).toContain("\\_emergency\\_");
    expect(escaped).toContain("\\~\\~was\\~\\~");
    expect(escaped).toContain("\\`dropped\\`");
    expect(escaped).toContain("\\[here\\]");
    expect(shown(escaped)).toBe(raw);
  });

  it("breaks every kind of mention so nothing pings or renders as a mention", () => {
    const raw = "@everyone @here <@123456789012345678> <@!123456789012345678> <@&223456789012345678> <#323456789012345678> </ask:1>";
    const escaped = escapeText(raw);
    expect(escaped).not.toMatch(/@everyone|@here|<@|<#|<\//);
    expect(shown(escaped)).toBe(raw);
  });

  it("escapes line starts Discord reads as headings, lists, quotes and subtext", () => {
    const escaped = escapeText("# one\n- two\n> three\n1. four\n-# five");
    expect(escaped.split("\n")).toEqual(["\\# one", "\\- two", "\\> three", "1\\. four", "\\-# five"]);
  });

  it("keeps URLs verbatim and can wrap them so no preview unfurls", () => {
    expect(escapeText("see https://example.org/a_b*c.")).toBe("see https://example.org/a_b*c.");
    expect(escapeText("see https://example.org/a_b.", { wrapUrls: true })).toBe("see <https://example.org/a_b>.");
  });
});

describe("cutting text", () => {
  const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} says something about the water supply.`);
  const long = sentences.join(" ");

  it("cuts at a sentence boundary and ends with an ellipsis", () => {
    const fitted = fitAtSentence(long, 500);
    expect(fitted.cut).toBe(true);
    expect(fitted.text.length).toBeLessThanOrEqual(500);
    expect(fitted.text).toMatch(/water supply\. …$/);
    const kept = fitted.text.slice(0, -2);
    expect(long.startsWith(kept)).toBe(true);
    expect(sentences.some((s) => kept.endsWith(s))).toBe(true);
  });

  it("leaves text that fits alone", () => {
    expect(fitAtSentence("Short. Text.", 100)).toEqual({ text: "Short. Text.", cut: false });
  });

  it("falls back to words when the first sentence alone is too long", () => {
    const fitted = fitAtSentence("word ".repeat(500).trim() + ".", 100);
    expect(fitted.text.length).toBeLessThanOrEqual(100);
    expect(fitted.text).toMatch(/^word( word)* …$/);
  });

  it("measures after escaping and quoting", () => {
    const fitted = fitAtSentence("*a* _b_. ".repeat(200), 300, quoteRender);
    expect(fitted.text.length).toBeLessThanOrEqual(300);
    expect(fitted.text.startsWith("> ")).toBe(true);
  });

  it("splits long text into pieces within the limit, losing nothing", () => {
    const pieces = splitAtSentences(long, 400);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(400);
    expect(pieces.join(" ")).toBe(long);
  });

  it("cuts a one-line label at a word with an ellipsis", () => {
    expect(oneLine("alpha beta gamma delta", 12)).toBe("alpha beta…");
  });
});

describe("answer reply", () => {
  it("quotes verbatim, then the attribution, the question answered and the briefing", () => {
    const h = hit({ source: { ...hit().source, url: "https://example.org/briefing" } });
    const reply = answerReply(answer([h]), { question: "How is the electronics industry doing?", othersKey: null });
    const content = reply.content!;
    expect(content).toContain(`> ${h.quote}`);
    expect(content).toContain(attributionLine(h));
    expect(content).toContain("— Xu Kemin, Director of the Department of Industrial Policy and Regulations, answering Shenzhen Satellite TV reporter");
    expect(content).toContain(h.inResponseTo!.text);
    expect(content).toContain("MIIT press conference on the resumption of manufacturing, 2020-03-30");
    expect(content).toContain("<https://example.org/briefing>");
    expect(content.indexOf(h.quote)).toBeLessThan(content.indexOf(attributionLine(h)));
    expect(customIds(reply)).toEqual([customId({ kind: "context", transcript: "2020-03-30-miit-resumption.txt", turn: 1, part: 0 })]);
  });

  it("shows up to two further hits and an Other answers button when there are more", () => {
    const hits = [1, 2, 3, 4].map((rank) => hit({ quote: `Quote number ${rank}.` }, rank));
    const reply = answerReply(answer(hits), { question: "q", othersKey: "k1" });
    expect(reply.content).toContain("Quote number 2.");
    expect(reply.content).toContain("Quote number 3.");
    expect(reply.content).not.toContain("Quote number 4.");
    expect(customIds(reply)).toContain("oth:k1");
    expect(limitViolations(reply)).toEqual([]);
  });

  it("cuts a long quote at a sentence with an ellipsis, and More context still has all of it", () => {
    const quote = Array.from({ length: 80 }, (_, i) => `Measure ${i} keeps the supply chain running.`).join(" ");
    const reply = answerReply(answer([hit({ quote, passage: quote })]), { question: "q", othersKey: null });
    expect(reply.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(reply.content).toMatch(/running\. …\n— Xu Kemin/);
    const all = contextReplies(context(quote).context, null).flatMap((r) => r.embeds!.map((e) => e.description)).join(" ");
    expect(all).toBe(quote);
  });

  it("escapes the echoed question so nobody is pinged", () => {
    const reply = answerReply(answer([hit()]), { question: "@everyone <@&223456789012345678> what about <@123456789012345678>?", othersKey: null });
    expect(reply.content).not.toMatch(/@everyone|<@/);
    expect(shown(reply.content!)).toContain("@everyone <@&223456789012345678> what about <@123456789012345678>?");
  });

  it("says the briefings do not cover it, and offers /briefing", () => {
    const reply = answerReply(answer([]), { question: "apple pie?", othersKey: null });
    expect(reply.content).toContain(NOT_FOUND_TEXT);
    expect(reply.content).toContain("/briefing");
    expect(customIds(reply)).toEqual(["brief"]);
    expect(notFoundReply({ question: "x" }).content).toContain(NOT_FOUND_TEXT);
  });

  it("/quote is ready to paste: block quote, attribution, briefing and date", () => {
    const h = hit();
    const reply = quoteReply(answer([h]), "Xu", "industry");
    expect(reply.content).toBe(`> ${h.quote}\n${attributionLine(h)}\n-# MIIT press conference on the resumption of manufacturing, 2020-03-30`);
    expect(quoteReply(answer([]), "Xu", "pie").content).toContain(NOT_FOUND_TEXT);
  });
});

describe("Discord limits hold for any text (fuzz)", () => {
  const check = (what: string, reply: DiscordReply) => expect(limitViolations(reply), what).toEqual([]);

  it("answers, quotes, other answers, context and official answers", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const rand = seededRandom(seed);
      const maxLength = [50, 500, 3000, 12000][seed % 4]!;
      const hits = Array.from({ length: 1 + Math.floor(rand() * 8) }, (_, i) => oddHit(rand, i + 1, maxLength));
      const a = { ...answer(hits, oddText(rand, 1 + Math.floor(rand() * 600))), mode: rand() < 0.5 ? "lexical" as const : "hybrid" as const };
      const filters = { speaker: rand() < 0.5 ? oddText(rand, 150) : null, briefing: rand() < 0.5 ? oddText(rand, 150) : null };
      check(`answer seed ${seed}`, answerReply(a, { question: a.question, filters, othersKey: "abcdefgh" }));
      check(`not found seed ${seed}`, notFoundReply({ question: a.question, filters }));
      check(`quote seed ${seed}`, quoteReply(a, oddText(rand, 200), oddText(rand, 400)));
      check(`others seed ${seed}`, othersReply(a, a.question));
      const { context: ctx, question } = context(oddText(rand, 1 + Math.floor(rand() * 30000)), oddText(rand, 1 + Math.floor(rand() * 5000)));
      ctx.before = [{ ...ctx.passage, text: oddText(rand, 1 + Math.floor(rand() * 8000)) }];
      const replies = contextReplies(ctx, question);
      expect(replies.length).toBeGreaterThan(0);
      replies.forEach((r, i) => check(`context seed ${seed} #${i}`, r));
      officialAnswerReplies(a, ctx.meta).forEach((r, i) => check(`official seed ${seed} #${i}`, r));
    }
  });

  it("briefings, speakers and autocomplete", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rand = seededRandom(seed);
      const id = `${"b".repeat(Math.floor(rand() * 300))}.txt`;
      const n = Math.floor(rand() * 80);
      const summary = briefing(id, n, { title: oddText(rand, 1 + Math.floor(rand() * 600)), source: oddText(rand, 700), url: rand() < 0.5 ? "https://example.org/x" : null });
      summary.announcement = oddText(rand, Math.floor(rand() * 6000));
      const questions = questionsOf(id, n, () => oddText(rand, 1 + Math.floor(rand() * 2000)));
      const speakers = Array.from({ length: Math.floor(rand() * 60) }, (_, i) => speaker(id, `${oddText(rand, 1 + Math.floor(rand() * 200))} ${i}`, rand() < 0.5 ? oddText(rand, 400) : null, Math.floor(rand() * 5)));
      const onPanel = Math.floor(rand() * speakers.length);
      const panel = speakers.slice(0, onPanel).map((s) => ({ name: s.name, role: s.role ?? oddText(rand, 300), spoke: s }));
      const others = speakers.slice(onPanel);
      for (const page of [0, 1, 2, 9]) check(`briefing seed ${seed} page ${page}`, briefingReply({ summary, panel, others, questions, page }));
      const many = Array.from({ length: Math.floor(rand() * 40) }, (_, i) => briefing(`${i}-${id}`, i, { title: oddText(rand, 300) }));
      if (many.length) check(`list seed ${seed}`, briefingListReply(many));
      const groups = many.slice(0, 14).map((b) => ({ summary: b, speakers, questions }));
      if (groups.length) check(`speakers seed ${seed}`, speakersReply(groups));
      for (const choices of [speakerChoices(speakers, ""), speakerChoices(speakers, "a"), briefingChoices(many, "")]) {
        expect(choices.length).toBeLessThanOrEqual(LIMITS.autocompleteChoices);
        for (const c of choices) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
          expect(c.value.length).toBeLessThanOrEqual(LIMITS.choiceValue);
        }
      }
    }
  });
});

describe("briefing onboarding", () => {
  const id = "2021-06-14-harbour-water.txt";
  const view = (n: number, page = 0) => ({
    summary: briefing(id, n),
    panel: [
      { name: "Amelia Rourke", role: "Minister of Water Resources", spoke: speaker(id, "Amelia Rourke", "Minister of Water Resources", n) },
      { name: "Liang Zhifeng", role: "Director", spoke: null },
    ],
    others: [speaker(id, "Harbour Daily reporter", null, 0)],
    questions: questionsOf(id, n),
    page,
  });

  it("lists who spoke and every question, with a select menu of at most 25 and pages beyond", () => {
    const reply = briefingReply(view(30));
    const [overview, questions] = reply.embeds!;
    expect(overview!.fields![0]!.value).toContain("**Amelia Rourke** — Minister of Water Resources · 30 answers");
    expect(overview!.fields![0]!.value).toContain("**Liang Zhifeng** — Director · did not speak");
    expect(overview!.fields![1]!.value).toContain("**Harbour Daily reporter** · asked 30 questions");
    expect(questions!.title).toBe("Questions asked (1–25 of 30)");
    expect(questions!.description!.split("\n")).toHaveLength(25);
    const select = reply.components![0]!.components[0]!;
    expect(select.type).toBe(3);
    expect("options" in select && select.options.length).toBe(25);
    expect(customIds(reply)).toEqual([`qsel:${id}`, `qpage:${id}:-1`, `qpage:${id}:1`]);
    expect(limitViolations(reply)).toEqual([]);

    const last = briefingReply(view(30, 5));
    expect(last.embeds![1]!.title).toBe("Questions asked (26–30 of 30)");
    expect(last.embeds![1]!.description).toContain("**26.** Harbour Daily reporter: Question number 25? → Amelia Rourke");
  });

  it("needs no pages for a short briefing", () => {
    const reply = briefingReply(view(3));
    expect(reply.embeds![1]!.title).toBe("Questions asked (3)");
    expect(reply.components).toHaveLength(1);
  });

  it("packs lines with a note for the rest", () => {
    expect(packLines(["aaaa", "bbbb", "cccc", "dddd"], 22)).toBe("aaaa\nbbbb\n…and 2 more");
    expect(packLines(["aaaa", "bbbb"], 22)).toBe("aaaa\nbbbb");
  });
});

describe("custom ids", () => {
  it("round-trip, and long transcript names are hashed to fit 100 characters", () => {
    const long = `${"a-very-long-transcript-name-".repeat(6)}.txt`;
    const ids = ["short.txt", long];
    for (const transcript of ids) {
      for (const action of [
        { kind: "context", transcript, turn: 12345, part: 67 },
        { kind: "pickQuestion", transcript },
        { kind: "questionsPage", transcript, page: 3 },
      ] as const) {
        const id = customId(action);
        expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
        expect(parseCustomId(id, ids)).toEqual(action);
      }
    }
    expect(transcriptRef(long)).toMatch(/^~/);
    expect(parseCustomId("ctx:gone.txt#1.0", ids)).toBeNull();
    expect(parseCustomId("whatever", ids)).toBeNull();
  });
});
