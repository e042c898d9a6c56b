// Terminal safety: whole escape sequences removed, other controls and bidi overrides stripped, JSON escaped.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../scripts/seeded-random.js";
import { cleanLine, cleanText, escapeJsonControls, safeJson } from "../src/text/clean.js";

const ESC = "\x1b";
/** Anything a terminal or a bidi-aware viewer would act on. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe("cleanText", () => {
  it.each([
    ["a colour", `${ESC}[31mflamingo${ESC}[0m`, "flamingo"],
    ["a CSI with parameters and intermediates", `a${ESC}[1;31;4 qb`, "ab"],
    ["a window title ended by BEL", `Foxconn ${ESC}]0;pwned\x07`, "Foxconn "],
    ["a hyperlink ended by ST", `${ESC}]8;;http://evil${ESC}\\click${ESC}]8;;${ESC}\\`, "click"],
    ["a DCS string", `x${ESC}Pq#0;2;0;0;0${ESC}\\y`, "xy"],
    ["the one-character C1 CSI", "a\x9b2Jb", "ab"],
    ["a C1 OSC ended by C1 ST", "a\x9d0;t\x9cb", "ab"],
    ["a charset switch and a reset", `a${ESC}(B${ESC}cb`, "ab"],
    ["an OSC without terminator on its line: only the introducer", `a${ESC}]0;not a title\nnext`, "a0;not a title\nnext"],
    ["a lone ESC at the end", `end${ESC}`, "end"],
    ["carriage returns", "one\r\ntwo\rthree", "one\ntwo\nthree"],
    ["other C0, DEL and C1", "a\x00b\x07c\x08d\x7fe\x85f", "abcdef"],
    ["bidi overrides and isolates", "safe\u202etxt.exe\u2066x\u2069\u202a", "safetxt.exex"],
  ])("removes %s", (_what, raw, clean) => {
    expect(cleanText(raw)).toBe(clean);
  });

  it("keeps newlines, tabs, bidi marks and every printable script", () => {
    const text = "Xu Kemin:\tWe resumed 93.7%.\n中华人民共和国 — «Ça va» \u200fעברית\u200e 😀 e\u0301";
    expect(cleanText(text)).toBe(text);
  });

  it("is idempotent and leaves nothing unsafe in seeded random text", () => {
    const rand = seededRandom(10);
    const atoms = [ESC, "[", "]", "\x07", "\\", "P", "\x9b", "\x9c", "\x9d", "\x90", "0;", "31m", "\r", "\n", "\t", "a", "é", "\u202e", "\x00", "\x7f", ";", "中"];
    for (let i = 0; i < 2000; i++) {
      let raw = "";
      for (let j = Math.floor(rand() * 30); j > 0; j--) raw += atoms[Math.floor(rand() * atoms.length)];
      const once = cleanText(raw);
      expect(once, JSON.stringify(raw)).not.toMatch(UNSAFE);
      expect(cleanText(once)).toBe(once);
    }
  });

  it("takes linear time on runs of introducers without terminators (a regression would hang, not slow down)", { timeout: 10_000 }, () => {
    for (const unit of [`${ESC}]`, "\x90", "\x9d", `${ESC}[`, `${ESC}P1`, `${ESC}]${"x".repeat(50)}`]) {
      const raw = unit.repeat(Math.ceil(400_000 / unit.length));
      expect(cleanText(raw)).not.toMatch(UNSAFE);
    }
  });

  it("cleanLine also flattens newlines and tabs, for one-line echoes and warnings", () => {
    expect(cleanLine(`file${ESC}]0;x\x07\nname\t.txt`)).toBe("file name .txt");
  });
});

describe("JSON output", () => {
  it("escapes C1, DEL, line separators and bidi controls as \\u escapes, and parses back to the same value", () => {
    const value = { question: "a\u202eb\x85c\x7fd\u2028e\u2066f", nested: ["\x9b31m", "plain"], n: 1 };
    const json = safeJson(value);
    expect(json).not.toMatch(UNSAFE);
    expect(json).not.toMatch(/[\u2028\u2029]/);
    expect(json).toContain("\\u202e");
    expect(json).toContain("\\u0085");
    expect(json).toContain("\\u009b");
    expect(JSON.parse(json)).toEqual(value);
    expect(escapeJsonControls(JSON.stringify("\x1b"))).toBe('"\\u001b"'); // C0 already escaped by JSON.stringify
  });
});
