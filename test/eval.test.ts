import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { evaluate, OUT_OF_SCOPE_FILE, readQuestionLines } from "../scripts/eval.js";
import { parseTranscript } from "../src/transcript/parse.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WATER = "2021-06-14-harbour-water.txt";
const tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-eval-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A data folder shaped like the QMSum split: the transcript, its labelled turns and annotated questions. */
function dataFolder(name: string, relabel: (turns: { speaker: string; text: string }[]) => void = () => {}): string {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, "turns"), { recursive: true });
  const source = path.join(root, "test", "fixtures", "discord-corpus", WATER);
  copyFileSync(source, path.join(dir, WATER));
  const turns = parseTranscript(WATER, readFileSync(source)).turns.map((t) => ({ speaker: t.speaker, text: t.text }));
  relabel(turns);
  writeFileSync(path.join(dir, "turns", WATER.replace(/\.txt$/, ".json")), JSON.stringify(turns));
  // Turn 2 answers the reservoirs, 4 the pipes, 6 the tariffs; the last question is annotated with the
  // moderator's greeting, which shares no word with it: a miss by construction.
  const queries = [
    { query: "How full are the reservoirs this summer?", relevant_turns: [2] },
    { query: "When will the cast-iron pipes be replaced?", relevant_turns: [4] },
    { query: "Will water tariffs rise next year?", relevant_turns: [6] },
    { query: "Is there lead in the drinking water at schools?", relevant_turns: [0] },
  ];
  writeFileSync(path.join(dir, "queries.jsonl"), queries.map((q) => JSON.stringify({ transcript: WATER, ...q })).join("\n") + "\n");
  return dir;
}

describe("npm run eval", () => {
  it("scores hits against the annotated turns and speakers against their labels", async () => {
    const result = await evaluate(dataFolder("plain"), { lexical: true, outOfScope: ["What is the recipe for apple pie?", "How tall is Mount Everest?"] });
    expect(result).toMatchObject({ queries: 4, hitAt1: 0.75, hitAt5: 0.75, mrrAt10: 0.75, speakerExactness: 1, answered: 1, mode: "lexical" });
    expect(result.notFound).toEqual({ inScope: 1, outOfScope: 1, outOfScopeAsked: 2, outOfScopeAnswered: [] });
  });

  it("counts a cited speaker that differs from the turn's label as inexact, and an answered off-topic question", async () => {
    const relabelled = dataFolder("relabelled", (turns) => (turns[4]!.speaker = "Someone Else"));
    const result = await evaluate(relabelled, { lexical: true, outOfScope: ["When will the pipes be replaced?"] });
    expect(result.speakerExactness).toBeLessThan(1);
    expect(result.notFound).toMatchObject({ outOfScope: 0, outOfScopeAnswered: ["When will the pipes be replaced?"] });
  });

  it("ships its off-topic questions, one per line", () => {
    const questions = readQuestionLines(OUT_OF_SCOPE_FILE);
    expect(questions).toContain("What is the recipe for apple pie?");
    expect(questions.length).toBeGreaterThanOrEqual(20);
    expect(questions.every((q) => q.endsWith("?"))).toBe(true);
  });
});
