// Many briefings: a corpus of subfolders, citations that always name the briefing, each person once across briefings
// (generic labels never merged), the list of briefings newest first, and what a re-index added, changed and removed.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { respond } from "../src/cli/chat.js";
import { openEngine, type OpenedEngine } from "../src/engine.js";
import { buildIndex, describeChanges } from "../src/index/build.js";
import { answerReply } from "../src/discord/views/answers.js";
import { briefingListReply, peopleReply } from "../src/discord/views/briefings.js";
import { answerAsText } from "../src/present/text.js";
import { placeInBriefing } from "../src/present/wording.js";
import { isGenericSpeaker } from "../src/transcript/identity.js";
import { DEFAULT_CORPUS_READ, loadCorpus, MAX_DEPTH, readCorpus } from "../src/transcript/load.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MANY = path.join(root, "test", "fixtures", "many");
const CHINESE = path.join(root, "test", "fixtures", "chinese", "2023-06-08-binhai-water.txt");
const WATER = "2022/2022-03-01-harbour-water.txt";
const FLOODS = "2023/2023-05-10-harbour-floods.txt";
const BUDGET = "2021-11-30-budget-call.txt";
const ZH = "2023/zh/2023-06-08-binhai-water.txt";

let tmp: string;
let corpus: string;
let engine: OpenedEngine;

/** The fixture corpus of subfolders, with the Chinese briefing two folders down. */
function manyCorpus(dir: string): string {
  cpSync(MANY, dir, { recursive: true });
  mkdirSync(path.join(dir, "2023", "zh"));
  cpSync(CHINESE, path.join(dir, ZH));
  return dir;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-many-"));
  corpus = manyCorpus(path.join(tmp, "corpus"));
  engine = await openEngine({ corpusDir: corpus, indexDir: path.join(tmp, "index"), embedding: null, warn: () => {} });
});

afterAll(() => {
  engine?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("a corpus of subfolders", () => {
  it("reads every folder down, the id being the path inside the corpus", async () => {
    const warnings: string[] = [];
    const transcripts = await loadCorpus(corpus, (line) => warnings.push(line));
    expect(warnings).toEqual([]);
    expect(transcripts.map((t) => t.meta.id)).toEqual([BUDGET, WATER, FLOODS, ZH]);
    // The title of a file without front matter comes from its own name, not its folders.
    expect(transcripts.find((t) => t.meta.id === ZH)!.meta.title).toBe("滨海市水务局汛期防汛与供水保障新闻发布会");
  });

  it("passes over hidden folders, links to folders inside (read where they are) and cycles, and reports links to folders outside", async () => {
    const dir = path.join(tmp, "links");
    manyCorpus(path.join(dir, "corpus"));
    const inside = path.join(dir, "corpus");
    mkdirSync(path.join(inside, ".git"));
    writeFileSync(path.join(inside, ".git", "config.txt"), "Q: not a transcript?\n\nA: no.\n");
    symlinkSync(path.join(inside, "2022"), path.join(inside, "again")); // the same folder twice
    symlinkSync(inside, path.join(inside, "2023", "up")); // a cycle
    const outside = path.join(dir, "elsewhere");
    mkdirSync(outside);
    writeFileSync(path.join(outside, "2020-01-01-outside.txt"), "Minister Li: The outside briefing.\n");
    symlinkSync(outside, path.join(inside, "external"));
    symlinkSync(outside, path.join(outside, "loop")); // a cycle outside, for when outside links are followed

    const warnings: string[] = [];
    const ids = (await loadCorpus(inside, (line) => warnings.push(line))).map((t) => t.meta.id);
    expect(ids).toEqual([BUDGET, WATER, FLOODS, ZH]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe(
      `warning: skipped ${path.join(inside, "external")}: it is a symbolic link to the folder ${outside}, outside the corpus folder (set CORPUS_FOLLOW_EXTERNAL_LINKS=true to read such links)`,
    );

    const followed = (await loadCorpus(inside, () => {}, { ...DEFAULT_CORPUS_READ, allowExternalLinks: true })).map((t) => t.meta.id);
    expect(followed).toEqual([BUDGET, WATER, FLOODS, ZH, "external/2020-01-01-outside.txt"]);
  });

  it("stops a folder chain deeper than MAX_DEPTH with one warning", () => {
    const dir = path.join(tmp, "deep");
    let folder = dir;
    for (let i = 0; i <= MAX_DEPTH + 1; i++) folder = path.join(folder, `d${i}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "briefing.txt"), "Minister Li: Deep down.\n");
    const files = readCorpus(dir);
    expect(files.filter((f) => f.bytes)).toEqual([]);
    expect(files).toHaveLength(1);
    expect(files[0]!.readError).toContain(`more than ${MAX_DEPTH} levels down`);
  });

  it("names briefings that would be cited alike after their file", async () => {
    const dir = path.join(tmp, "same-names");
    for (const year of ["2021", "2022"]) {
      mkdirSync(path.join(dir, year), { recursive: true });
      writeFileSync(path.join(dir, year, "briefing.txt"), `Minister Li: The ${year} briefing.\n`);
    }
    const titles = (await loadCorpus(dir, () => {})).map((t) => t.meta.title);
    expect(titles).toEqual(["Briefing (2021/briefing.txt)", "Briefing (2022/briefing.txt)"]);
  });
});

describe("citations name the briefing", () => {
  it("in the terminal, for every hit", async () => {
    const answer = await engine.ask("Is the water safe and when are the restrictions lifted?");
    expect(answer.found).toBe(true);
    expect(new Set(answer.hits.map((h) => h.source.transcript)).size).toBeGreaterThan(1);
    const text = answerAsText(answer);
    for (const hit of answer.hits) {
      expect(hit.source.title).toBeTruthy();
      expect(text).toContain(`${hit.source.title}, ${hit.source.date} (${placeInBriefing(hit.source.turn)})`);
    }
  });

  it("in Discord, for the further hits too, even from the same briefing as the best one", async () => {
    const answer = await engine.ask("the flood barriers on the east bank and the tap water after the floods", { transcript: FLOODS });
    expect(answer.hits.length).toBeGreaterThan(1);
    expect(answer.hits.every((h) => h.source.transcript === FLOODS)).toBe(true);
    const content = answerReply(answer, { question: "q", othersKey: null }).content!;
    const title = "Remarks by President Alvarez on the harbour floods, 2023-05-10";
    expect(content.split(title).length - 1).toBe(Math.min(answer.hits.length, 3));
  });
});

describe("the list of briefings", () => {
  it("/briefing without a name lists them all, newest first, in the chat and in Discord", async () => {
    const list = await respond(engine, "/briefing");
    const order = [ZH, FLOODS, WATER, BUDGET].map((id) => list.indexOf(`[${id}]`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const discord = briefingListReply(engine.briefings()).embeds![0]!.description!;
    const titles = ["滨海市水务局汛期防汛与供水保障新闻发布会", "Remarks by President Alvarez", "Harbour City water briefing", "Background call on the harbour budget"];
    const places = titles.map((t) => discord.indexOf(t));
    expect(places.every((at) => at >= 0)).toBe(true);
    expect([...places].sort((a, b) => a - b)).toEqual(places);
  });
});

describe("speakers across briefings", () => {
  it("a name in several briefings is one person, with the role from each briefing, newest first", () => {
    const rourke = engine.people().filter((p) => p.name === "Amelia Rourke");
    expect(rourke).toHaveLength(1);
    expect(rourke[0]).toMatchObject({ person: true, answers: 2 });
    expect(rourke[0]!.appearances.map((s) => [s.transcript, s.role])).toEqual([
      [FLOODS, "Deputy Premier and Minister of Water Resources"],
      [WATER, "Minister of Water Resources"],
    ]);
  });

  it("never merges generic labels across briefings", () => {
    const generic = engine.people().filter((p) => !p.person);
    const count = (name: string) => generic.filter((p) => p.name === name).length;
    expect(count("Q")).toBe(3);
    expect(count("MODERATOR")).toBe(2);
    expect(count("SENIOR ADMINISTRATION OFFICIAL")).toBe(3);
    expect(count("SPEAKER_00")).toBe(1);
    expect(count("记者")).toBe(1);
    for (const p of generic) expect(p.appearances).toHaveLength(1);
  });

  it("joins a label naming an office to a name only where the briefing says who holds it", () => {
    const people = engine.people();
    // "Remarks by President Alvarez": THE PRESIDENT is Alvarez there; the budget call never says who, so it stays its own.
    expect(people.find((p) => p.name === "Alvarez")).toMatchObject({ person: true, appearances: [{ transcript: FLOODS, speaker: "THE PRESIDENT", role: "President" }] });
    expect(people.filter((p) => p.name === "THE PRESIDENT")).toEqual([expect.objectContaining({ person: false, appearances: [expect.objectContaining({ transcript: BUDGET })] })]);
  });

  it("the chat and Discord show each person once, generic labels per briefing", async () => {
    const chat = await respond(engine, "/speakers");
    expect(chat.match(/^ {2}Amelia Rourke — 2 briefings, 2 answers$/gm)).toHaveLength(1);
    expect(chat).toContain("    · Deputy Premier and Minister of Water Resources — Remarks by President Alvarez on the harbour floods, 2023-05-10: 1 answer");
    expect(chat).toContain("    · Minister of Water Resources — Harbour City water briefing, 2022-03-01: 1 answer");
    expect(chat.match(/^ {2}Q — /gm)).toHaveLength(3);
    // One briefing asked for: its own speakers, as before.
    expect(await respond(engine, "/speakers budget-call")).toContain("SPEAKER_00");

    const reply = peopleReply(engine.people(), engine.briefings(), (id) => engine.questions(id));
    const [people, labels] = reply.embeds!;
    expect(people!.description!.match(/\*\*Amelia Rourke\*\*/g)).toHaveLength(1);
    expect(labels!.description!.match(/\*\*Q\*\*/g)).toHaveLength(3);
  });

  it("tells generic labels from people", () => {
    const generic: [string, string, string][] = [
      ["Q", "Q", "Q"],
      ["QUESTION", "QUESTION", "QUESTION"],
      ["MODERATOR", "MODERATOR", "MODERATOR"],
      ["AIDE", "AIDE", "AIDE"],
      ["SENIOR ADMINISTRATION OFFICIAL", "SENIOR ADMINISTRATION OFFICIAL", "SENIOR ADMINISTRATION OFFICIAL"],
      ["A", "A", "A"],
      ["SPEAKER_00", "SPEAKER_00", "SPEAKER_00"],
      ["Speaker 2", "Speaker 2", "Speaker 2"],
      ["THE PRESIDENT", "THE PRESIDENT", "THE PRESIDENT"],
      ["The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.))", "The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.))", "The Chair"],
      ["Shenzhen Satellite TV reporter", "Shenzhen Satellite TV reporter", "Shenzhen Satellite TV reporter"],
      ["记者", "记者", "记者"],
      ["主持人", "主持人", "主持人"],
      ["外交部发言人", "外交部发言人", "外交部发言人"],
    ];
    for (const [label, speaker, name] of generic) expect(isGenericSpeaker(label, speaker, name), label).toBe(true);
    const people: [string, string, string][] = [
      ["Amelia Rourke", "Amelia Rourke", "Amelia Rourke"],
      ["MS. PSAKI", "MS. PSAKI", "Jen Psaki"],
      ["A", "Lin Mei", "Lin Mei"], // the answer mark the briefing resolves
      ["SPEAKER_00", "SPEAKER_00", "Xu Kemin"], // a diarized label mapped to a name
      ["THE PRESIDENT", "THE PRESIDENT", "Alvarez"],
      ["Q (Jane Roe, Daily Planet)", "Q (Jane Roe, Daily Planet)", "Jane Roe"],
      ["李明华", "李明华", "李明华"],
      ["王部长", "王部长", "王部长"],
    ];
    for (const [label, speaker, name] of people) expect(isGenericSpeaker(label, speaker, name), `${label} (${name})`).toBe(false);
  });
});

describe("re-indexing says what changed", () => {
  it("reports transcripts added, changed and removed since the index it replaces", async () => {
    const dir = path.join(tmp, "reindex");
    const dirs = { corpusDir: manyCorpus(path.join(dir, "corpus")), indexDir: path.join(dir, "index"), embedder: null, warn: () => {} };
    const first = await buildIndex(dirs);
    expect(first.changes).toBeNull(); // nothing to compare with
    expect((await buildIndex(dirs)).upToDate).toBe(true);

    rmSync(path.join(dirs.corpusDir, BUDGET));
    writeFileSync(path.join(dirs.corpusDir, WATER), `${readFileSync(path.join(dirs.corpusDir, WATER), "utf8")}\nMODERATOR: One more thing.\n`);
    mkdirSync(path.join(dirs.corpusDir, "2024"));
    writeFileSync(path.join(dirs.corpusDir, "2024", "2024-01-09-new.txt"), "Minister Li: A new briefing.\n");
    const second = await buildIndex(dirs);
    expect(second.changes).toEqual({ added: ["2024/2024-01-09-new.txt"], changed: [WATER], removed: [BUDGET] });
    expect(describeChanges(second.changes!)).toBe(
      `added 1 transcript (2024/2024-01-09-new.txt), changed 1 transcript (${WATER}), removed 1 transcript (${BUDGET})`,
    );

    const forced = await buildIndex({ ...dirs, force: true });
    expect(forced.changes).toEqual({ added: [], changed: [], removed: [] });
    expect(describeChanges(forced.changes!)).toBe("no transcript added, changed or removed");
  });

  it("names at most three transcripts of a kind", () => {
    const ids = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"];
    expect(describeChanges({ added: [], changed: [], removed: ids })).toBe("removed 5 transcripts (a.txt, b.txt, c.txt and 2 more)");
  });
});
