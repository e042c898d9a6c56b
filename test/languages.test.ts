// Chinese and other languages: Chinese transcripts parse (full-width colons, no spaces, roles written before names),
// the keyword index cuts Chinese into words while English keeps exactly its terms, quotes split at 。！？, the
// language is declared or detected, a question the index cannot match gets a message saying why and what to set,
// and a multilingual EMBEDDING_MODEL (the tiny test model under a multilingual id, with its prefixes) bridges them.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTinyModel, TINY_MODEL } from "../scripts/make-tiny-model.js";
import { respond } from "../src/cli/chat.js";
import { loadEmbedder, type EmbeddingSettings } from "../src/embedding/embedder.js";
import { isMultilingualModel } from "../src/embedding/multilingual.js";
import { prefixesFor } from "../src/embedding/prefixes.js";
import { openEngine, type OpenedEngine } from "../src/engine.js";
import { estimateTokens } from "../src/passages/chunk.js";
import { chatAnswer, chatQuote } from "../src/present/chat.js";
import { answerReply, quoteReply } from "../src/discord/views/answers.js";
import { answerAsJson, answerAsText } from "../src/present/text.js";
import { languageName, NOT_FOUND_TEXT, notFoundText } from "../src/present/wording.js";
import { foldAccents, surfaceWords, terms } from "../src/text/terms.js";
import { detectLanguage, questionScript, splitUnspaced } from "../src/text/scripts.js";
import { sentences } from "../src/text/sentences.js";
import { parseHanRoster } from "../src/transcript/chinese.js";
import { parseTranscript } from "../src/transcript/parse.js";
import type { Answer } from "../src/types.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.join(root, "test", "fixtures");
const ZH = "2023-06-08-binhai-water.txt";
const zhText = readFileSync(path.join(fixtures, "chinese", ZH), "utf8");
const SEED = "2020-03-30-miit-resumption.txt";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-languages-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("keyword terms", () => {
  /** surfaceWords as it was before Chinese was segmented: English must give exactly these tokens still. */
  const before = (text: string) =>
    (text.replace(/\b(?:\p{L}\.){2,}/gu, (a) => a.replaceAll(".", "")).match(/\p{L}[\p{L}\p{M}'’]*|\p{N}+(?:[.,]\p{N}+)*%?/gu) ?? []).map(foldAccents);

  it("leaves every text without Chinese, Japanese or Thai letters exactly as it was tokenized", () => {
    const files = [
      path.join(root, "corpus", SEED),
      ...["transcripts", "press", "discord-corpus", "briefings", "many/2022", "many/2023"].flatMap((dir) =>
        readdirSync(path.join(fixtures, dir))
          .filter((name) => name.endsWith(".txt"))
          .map((name) => path.join(fixtures, dir, name)),
      ),
    ];
    const english = files.map((file) => [file, readFileSync(file, "utf8")] as const).filter(([, text]) => !/\p{Script=Han}/u.test(text));
    expect(english.length).toBeGreaterThan(10);
    for (const [file, text] of english) expect(surfaceWords(text), file).toEqual(before(text));
    const odd = "U.K. Erdoğan’s 93.7% naïve Ελλάδα Москва 서울 العربية — résumé, l'état";
    expect(surfaceWords(odd)).toEqual(before(odd));
  });

  it("cuts Chinese into words, drops its function words, and keeps Latin words inside it whole", () => {
    expect(surfaceWords("今年城市供水有没有保障？")).toEqual(["今年", "城市", "供水", "有", "没有", "保障"]);
    expect(terms("请问今年城市供水有没有保障？")).toEqual(["今年", "城市", "供水", "保障"]);
    expect(surfaceWords("Foxconn的复工率是93.7%。")).toEqual(["Foxconn", "的", "复", "工", "率", "是", "93.7%"]);
    expect(surfaceWords("東京都は今日、新しい政策を発表しました。")).toContain("政策");
  });

  it("segments a run of any length, a window at a time, without losing or doubling a character", () => {
    const run = "我们的工作很重要".repeat(20_000); // 160,000 characters without punctuation
    const words = splitUnspaced(run);
    expect(words.join("")).toBe(run);
    expect(words.slice(0, 5)).toEqual(splitUnspaced("我们的工作很重要"));
  });

  it("counts a Chinese sentence as many tokens, not one word", () => {
    expect(estimateTokens("今年我市日供水能力达到一百二十万吨。")).toBeGreaterThan(15);
    expect(estimateTokens("The minister answered.")).toBe(Math.ceil(4 * 1.25) + 2);
  });
});

describe("sentences", () => {
  it("split Chinese at 。！？", () => {
    expect(sentences("今年入汛以来，我市降雨量比常年同期偏多三成。请问今年城市供水有没有保障？夏季会不会停水！好的")).toEqual([
      "今年入汛以来，我市降雨量比常年同期偏多三成。",
      "请问今年城市供水有没有保障？",
      "夏季会不会停水！",
      "好的",
    ]);
  });
});

describe("a Chinese transcript", () => {
  const t = parseTranscript(ZH, zhText);

  it("takes the title from its first line, the date and language from its text", () => {
    expect(t.meta).toMatchObject({ title: "滨海市水务局汛期防汛与供水保障新闻发布会", date: "2023-06-08", language: "zh" });
    expect(t.announcement).toMatch(/^2023年6月8日上午/);
  });

  it("reads the roles the announcement writes before the names", () => {
    expect(t.roster).toEqual([
      { name: "李明华", role: "滨海市水务局局长" },
      { name: "陈静", role: "滨海市水务局副局长、新闻发言人" },
      { name: "王海波", role: "滨海市气象台台长" },
    ]);
    expect(parseHanRoster("2023年7月12日，滨海市交通运输局局长赵国强、副局长孙丽出席发布会。")).toEqual([
      { name: "赵国强", role: "滨海市交通运输局局长" },
      { name: "孙丽", role: "滨海市交通运输局副局长" },
    ]);
  });

  it("gives every turn its speaker and role; reporters ask, officials answer, the moderator does neither", () => {
    expect(t.turns.map((turn) => [turn.label, turn.role, turn.isQuestion, turn.inResponseTo])).toEqual([
      ["主持人", null, false, null],
      ["李明华", "滨海市水务局局长", false, null],
      ["主持人", null, false, null],
      ["滨海日报记者", null, true, null],
      ["陈静", "滨海市水务局副局长、新闻发言人", false, 3],
      ["记者", null, true, null],
      ["王海波", "滨海市气象台台长", false, 5],
      ["滨海电视台记者", null, true, null],
      ["李明华", "滨海市水务局局长", false, 7],
      ["主持人", null, false, null],
    ]);
  });

  it("with labels at the start of paragraphs, takes list items and sentences ending in a colon for text", () => {
    const text = [
      "---\ntitle: 滨海市交通运输局新闻发布会\n---",
      "2023年7月12日，滨海市交通运输局局长赵国强、副局长孙丽出席发布会。",
      "主持人：请赵国强局长介绍情况。",
      "赵国强：今年暑期，我们重点做好三件事：",
      "一是：增开公交线路十二条。",
      "二是：延长地铁运营时间一小时。",
      "新华社记者：请问地铁延长运营从什么时候开始？",
      "孙丽：从七月十五日开始。",
      "记者：出租车价格会调整吗？",
      "发言人：今年暑期出租车价格不作调整。",
    ].join("\n\n");
    const inline = parseTranscript("2023-07-12-transport.txt", text);
    expect(inline.turns.map((turn) => [turn.label, turn.isQuestion, turn.inResponseTo])).toEqual([
      ["主持人", false, null],
      ["赵国强", false, null],
      ["新华社记者", true, null],
      ["孙丽", false, 2],
      ["记者", true, null],
      ["发言人", false, 4],
    ]);
    expect(inline.turns[1]!.text).toBe("今年暑期，我们重点做好三件事：\n\n一是：增开公交线路十二条。\n\n二是：延长地铁运营时间一小时。");
    expect(inline.turns[3]!.role).toBe("滨海市交通运输局副局长");
  });

  it("cites the spokesperson the title names for the answer mark 答", () => {
    const qa = parseTranscript("qa.txt", "---\ntitle: 外交部发言人林梅主持例行记者会\n---\n问：今天有什么消息？\n\n答：今天没有需要发布的消息。\n");
    expect(qa.turns[1]).toMatchObject({ label: "答", speaker: "林梅", role: "外交部发言人", inResponseTo: 0 });
  });
});

describe("the language of a briefing", () => {
  it("is the front matter's when it says, and otherwise guessed from the letters", () => {
    const body = "Minister Li: The plan is ready and the work will start in May.\n";
    expect(parseTranscript("a.txt", `---\nlanguage: fr\n---\n${body}`).meta.language).toBe("fr");
    expect(parseTranscript("a.txt", body).meta.language).toBe("en");
    expect(parseTranscript("b.txt", "Marie Dupont: Les travaux de la digue sont terminés et nous sommes prêts pour la saison.\n").meta.language).toBe("fr");
    expect(detectLanguage("東京都は今日、新しい政策を発表しました。")).toBe("ja");
    expect(detectLanguage("今年我市日供水能力达到一百二十万吨。")).toBe("zh");
    expect(detectLanguage("Министр ответил на вопросы журналистов.")).toBe("ru");
    expect(detectLanguage("…")).toBeNull();
    expect(questionScript("Foxconn的复工率是多少？")).toBe("han");
    expect(questionScript("How many people are back at work?")).toBe("latin");
  });
});

describe("keyword search in Chinese", () => {
  let engine: OpenedEngine;
  beforeAll(async () => {
    const corpus = path.join(tmp, "mixed-corpus");
    mkdirSync(corpus);
    writeFileSync(path.join(corpus, ZH), zhText);
    writeFileSync(path.join(corpus, SEED), readFileSync(path.join(root, "corpus", SEED)));
    engine = await openEngine({ corpusDir: corpus, indexDir: path.join(tmp, "mixed-index"), embedding: null, warn: () => {} });
  });
  afterAll(() => engine?.close());

  it("a Chinese question finds the Chinese answer, quoted in whole sentences, with speaker, role and question", async () => {
    const answer = await engine.ask("今年城市供水有没有保障？");
    expect(answer.found).toBe(true);
    expect(answer.hits[0]).toMatchObject({
      speaker: "陈静",
      role: "滨海市水务局副局长、新闻发言人",
      inResponseTo: { speaker: "滨海日报记者" },
      source: { transcript: ZH, title: "滨海市水务局汛期防汛与供水保障新闻发布会", date: "2023-06-08" },
    });
    expect(answer.hits[0]!.quote).toMatch(/^今年我市日供水能力达到一百二十万吨.*。$/);
    expect((await engine.ask("台风什么时候登陆？")).hits[0]).toMatchObject({ speaker: "王海波" });
    expect((await engine.ask("老旧小区积水怎么解决")).hits[0]).toMatchObject({ speaker: "李明华" });
  });

  it("English questions still find the English briefing beside it", async () => {
    const answer = await engine.ask("How many people are back at work at Foxconn?");
    expect(answer.hits[0]).toMatchObject({ speaker: "Xu Kemin", source: { transcript: SEED } });
  });

  it("a Chinese question the briefings do not cover is simply not covered: the index has Chinese", async () => {
    const answer = await engine.ask("苹果派怎么做？");
    expect(answer).toMatchObject({ found: false, hits: [] });
    expect(answer.reason).toBeUndefined();
  });
});

describe("a question in a language the index cannot match", () => {
  let english: OpenedEngine;
  let chinese: OpenedEngine;
  beforeAll(async () => {
    english = await openEngine({ corpusDir: path.join(root, "corpus"), indexDir: path.join(tmp, "en-index"), embedding: null, warn: () => {} });
    const zhCorpus = path.join(tmp, "zh-corpus");
    mkdirSync(zhCorpus);
    writeFileSync(path.join(zhCorpus, ZH), zhText);
    chinese = await openEngine({ corpusDir: zhCorpus, indexDir: path.join(tmp, "zh-index"), embedding: null, warn: () => {} });
  });
  afterAll(() => {
    english?.close();
    chinese?.close();
  });

  it("says why, both ways round, and names the multilingual model setting", async () => {
    const zhQuestion = await english.ask("富士康有多少人复工了？");
    expect(zhQuestion).toMatchObject({ found: false, hits: [], reason: "language", languages: { question: "zh", briefings: ["en"] } });
    const text = notFoundText(zhQuestion);
    expect(text).toContain("The question is in Chinese, but the briefings are in English");
    expect(text).toContain("EMBEDDING_MODEL");
    expect(text).toContain("Xenova/multilingual-e5-small");

    const enQuestion = await chinese.ask("Is the water supply secure this summer?");
    expect(enQuestion).toMatchObject({ found: false, reason: "language", languages: { question: "en", briefings: ["zh"] } });
    expect(notFoundText(enQuestion)).toContain("The question is in English, but the briefings are in Chinese");
    // An English question the English briefings do not cover gets the usual words.
    const off = await english.ask("What is the recipe for apple pie?");
    expect(off.reason).toBeUndefined();
    expect(notFoundText(off)).toBe(NOT_FOUND_TEXT);
  });

  it("every front end shows the message instead of the generic one", async () => {
    const answer = await english.ask("富士康有多少人复工了？");
    const message = notFoundText(answer);
    expect(message).not.toBe(NOT_FOUND_TEXT);
    expect(answerAsText(answer)).toContain(message);
    expect(JSON.parse(answerAsJson(answer))).toMatchObject({ reason: "language", languages: { question: "zh", briefings: ["en"] } });
    expect(chatAnswer(answer)).toContain(message);
    expect(await respond(english, "富士康有多少人复工了？")).toContain(message);
    expect(answerReply(answer, { question: "富士康有多少人复工了？", othersKey: null }).content).toContain("The question is in Chinese");
    const quoted = await english.quote("Xu Kemin", "口罩");
    expect(quoted.reason).toBe("language");
    expect(chatQuote(quoted, "Xu Kemin")).toContain(message);
    expect(quoteReply(quoted, "Xu Kemin", "口罩").content).toContain("The question is in Chinese");
  });

  it("names languages plainly, whatever the front matter wrote", () => {
    expect(languageName("zh")).toBe("Chinese");
    expect(languageName("en-GB")).toBe("British English");
    expect(languageName(null)).toBe("another language");
    expect(languageName("not a tag!")).toBe("not a tag!");
    const hybrid: Pick<Answer, "reason" | "languages" | "mode"> = { reason: "language", languages: { question: "zh", briefings: ["en", "fr"] }, mode: "hybrid" };
    expect(notFoundText(hybrid)).toContain("the briefings are in English and French: keyword search only finds words in the question's own language, and the embedding model is not multilingual");
  });
});

describe("a multilingual embedding model (the tiny test model under multilingual ids)", () => {
  const E5 = "Xenova/multilingual-e5-small";
  const PARAPHRASE = "Xenova/paraphrase-multilingual-MiniLM-L12-v2";
  const WIDE = "briefbot/tiny-embedder-wide";
  // In the tiny model a token means what its alias means: a stand-in for a multilingual model's shared space.
  const aliases = { 明: "tomorrow", 天: "weather", 气: "weather", 预: "forecast", 报: "forecast", 雨: "rain", 雪: "snow", 有: "is", 和: "and" };
  let modelDir: string;
  const settings = (modelId: string): EmbeddingSettings => ({ modelId, modelDir, allowRemote: false, downloadTimeoutMs: 2000 });

  beforeAll(async () => {
    modelDir = path.join(tmp, "models");
    await makeTinyModel(modelDir);
    await makeTinyModel(modelDir, { id: E5, aliases, hiddenSize: 1024 });
    await makeTinyModel(modelDir, { id: WIDE, aliases, hiddenSize: 1024 });
    await makeTinyModel(modelDir, { id: PARAPHRASE });
  });

  it("knows which models are multilingual and which prefixes each needs", () => {
    expect(isMultilingualModel(E5)).toBe(true);
    expect(isMultilingualModel(PARAPHRASE)).toBe(true);
    expect(isMultilingualModel("Xenova/all-MiniLM-L6-v2")).toBe(false);
    expect(isMultilingualModel(TINY_MODEL.id)).toBe(false);
    expect(prefixesFor(E5)).toEqual({ query: "query: ", passage: "passage: " });
    expect(prefixesFor(PARAPHRASE)).toEqual({ query: "", passage: "" });
  });

  it("multilingual-e5 embeds queries after 'query: ' and passages after 'passage: '; paraphrase-multilingual with neither", async () => {
    const close = (a: Float32Array, b: Float32Array) => expect(Array.from(a)).toEqual(Array.from(b).map((x) => expect.closeTo(x, 5)));
    const text = "weather forecast for tomorrow";
    // The same tiny model under an id without prefixes shows what the e5 id adds.
    const e5 = (await loadEmbedder(settings(E5), () => {}))!;
    const bare = (await loadEmbedder(settings(WIDE), () => {}))!;
    close(await e5.embedQuery(text), (await bare.embedPassages([`query: ${text}`]))[0]!);
    close((await e5.embedPassages([text]))[0]!, (await bare.embedPassages([`passage: ${text}`]))[0]!);
    expect(e5.countTokens(text)).toBe(bare.countTokens(`passage: ${text}`));
    expect(Array.from(await e5.embedQuery(text))).not.toEqual(Array.from((await e5.embedPassages([text]))[0]!));

    const paraphrase = (await loadEmbedder(settings(PARAPHRASE), () => {}))!;
    const plain = (await loadEmbedder(settings(TINY_MODEL.id), () => {}))!;
    close(await paraphrase.embedQuery(text), (await plain.embedPassages([text]))[0]!);
    close((await paraphrase.embedPassages([text]))[0]!, (await plain.embedPassages([text]))[0]!);
    expect(paraphrase.countTokens(text)).toBe(plain.countTokens(text));
  });

  it("a Chinese question finds the English answer through a multilingual model; an English-only one gets the language message", async () => {
    const corpus = path.join(fixtures, "multilingual");
    const question = "明天天气预报有雨和雪吗？";
    const bridged = await openEngine({ corpusDir: corpus, indexDir: path.join(tmp, "e5-index"), embedding: settings(E5), warn: () => {} });
    expect(bridged.mode).toBe("hybrid");
    const answer = await bridged.ask(question);
    expect(answer).toMatchObject({ found: true, mode: "hybrid" });
    expect(answer.reason).toBeUndefined();
    expect(answer.hits[0]).toMatchObject({ speaker: "Tom Berg", quote: expect.stringContaining("weather forecast for tomorrow") });
    // Not covered in any language: the usual message, since the model could have matched it.
    const off = await bridged.ask("苹果派怎么做？");
    expect(off).toMatchObject({ found: false });
    expect(off.reason).toBeUndefined();
    bridged.close();

    const englishOnly = await openEngine({ corpusDir: corpus, indexDir: path.join(tmp, "tiny-index"), embedding: settings(TINY_MODEL.id), warn: () => {} });
    expect(englishOnly.mode).toBe("hybrid");
    const refused = await englishOnly.ask(question);
    expect(refused).toMatchObject({ found: false, mode: "hybrid", reason: "language", languages: { question: "zh", briefings: ["en"] } });
    expect(notFoundText(refused)).toContain("the embedding model is not multilingual");
    englishOnly.close();
  });
});
