// Press-briefing labels as the answers show them: `label` as written, `speaker` resolved for a stand-in ("A"),
// one person under two labels, and the transcriber's notes never quoted. Fixtures of our own (test/fixtures/press).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type OpenedEngine } from "../src/engine.js";
import { answerAsJson, answerAsText } from "../src/present/text.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpusDir = path.join(root, "test", "fixtures", "press");
const MINISTRY = "2021-05-14-foreign-ministry-regular-press-conference.txt";
const BRIEFING = "2023-03-02-press-briefing-nguyen-okafor.txt";

let tmp: string;
let engine: OpenedEngine;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-press-"));
  engine = await openEngine({ corpusDir, indexDir: path.join(tmp, "index"), embedding: null, warn: () => {} });
});

afterAll(() => {
  engine?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("labels in answers", () => {
  it("cites the spokesperson for an \"A\" turn, and keeps the label as written beside it", async () => {
    const answer = await engine.ask("When does the ferry route open?", { transcript: MINISTRY });
    expect(answer.found).toBe(true);
    expect(answer.hits[0]).toMatchObject({ speaker: "Lin Mei", label: "A", role: "Foreign Ministry Spokesperson" });
    expect(answer.hits[0]!.inResponseTo?.speaker).toBe("Q");
    expect(JSON.parse(answerAsJson(answer)).hits[0]).toMatchObject({ speaker: "Lin Mei", label: "A" });
    expect(answerAsText(answer)).toContain("— Lin Mei, Foreign Ministry Spokesperson (labelled “A”), answering Q");
  });

  it("gives speaker and label alike for every label that stands for itself", async () => {
    const answer = await engine.ask("filters in older buildings grants", { transcript: BRIEFING });
    expect(answer.hits.length).toBeGreaterThan(0);
    for (const hit of answer.hits) expect(hit.label).toBe(hit.speaker);
    expect(answerAsText(answer)).not.toContain("labelled");
  });

  it("never quotes a transcriber's note as words", async () => {
    for (const question of ["special guest today", "Thanks, everyone", "require schools to replace their pipes", "development bank third"]) {
      const answer = await engine.ask(question);
      for (const hit of answer.hits) expect(hit.passage, question).not.toMatch(/\((?:laughter|Laughter|Laughs|Inaudible|As interpreted|Points to)[^)]*\)|\[sic\]/);
    }
  });
});

describe("one person under two labels", () => {
  it("is one speaker in speakers(): SURGEON GENERAL OKAFOR and DR. OKAFOR", () => {
    const okafor = engine.speakers(BRIEFING).filter((s) => s.name.includes("Okafor"));
    expect(okafor).toHaveLength(1);
    expect(okafor[0]).toMatchObject({ name: "Samuel K. Okafor", role: "Surgeon General", speaker: "SURGEON GENERAL OKAFOR", turns: 5, answers: 2 });
  });

  it("is found by full name, surname or label with --speaker", async () => {
    for (const speaker of ["Samuel K. Okafor", "Okafor", "DR. OKAFOR"]) {
      const answer = await engine.ask("filters", { speaker, transcript: BRIEFING });
      expect(answer.hits.length, speaker).toBeGreaterThan(0);
      for (const hit of answer.hits) expect(hit.speaker, speaker).toMatch(/OKAFOR/);
    }
  });
});
