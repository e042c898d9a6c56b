// The settings layer (src/settings.ts) and the failure layer of the entry points (src/run-main.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { EXIT_FAILURE, EXIT_USAGE, exitCodeOf, failureLines, UsageError } from "../src/run-main.js";
import { envReader, httpUrlSetting, numberSetting, oneOfSetting, SettingsError, switchSetting } from "../src/settings.js";

const root = path.resolve(import.meta.dirname, "..");

describe("settings validators", () => {
  it("read an empty value as unset, and trim", () => {
    const value = envReader({ A: "  x ", B: "", C: "   " });
    expect([value("A"), value("B"), value("C"), value("D")]).toEqual(["x", undefined, undefined, undefined]);
  });

  it("say the rule and the value in one line, as a SettingsError", () => {
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as Error;
      }
      throw new Error("did not throw");
    };
    const cases: [() => unknown, string][] = [
      [() => numberSetting("N", "0", 1, { min: 1, whole: true }), 'N must be a whole number ≥ 1, got "0"'],
      [() => numberSetting("T", "0", 60, { min: 0, above: true, unit: "seconds" }), 'T must be a number of seconds above 0, got "0"'],
      [() => numberSetting("MS", "1.5", 1, { min: 0, above: true, whole: true, unit: "milliseconds" }), 'MS must be a whole number of milliseconds above 0, got "1.5"'],
      [() => numberSetting("S", "Infinity", 1, { min: 0, unit: "seconds" }), 'S must be a number of seconds ≥ 0, got "Infinity"'],
      [() => switchSetting("B", "maybe", false), 'B must be true or false (1/0, yes/no), got "maybe"'],
      [() => oneOfSetting("O", "c", ["a", "b"], "a"), 'O must be one of a, b, got "c"'],
      [() => httpUrlSetting("U", "ftp://x", "https://example.org"), 'U must be an http(s) URL such as https://example.org, got "ftp://x"'],
      [() => httpUrlSetting("U", "not a url"), 'U must be an http(s) URL, got "not a url"'],
    ];
    for (const [f, message] of cases) {
      const e = error(f);
      expect(e).toBeInstanceOf(SettingsError);
      expect(e.name).toBe("SettingsError");
      expect(e.message).toBe(message);
    }
  });

  it("give the fallback when unset, and the value when it fits", () => {
    expect(numberSetting("N", undefined, 7, { min: 1 })).toBe(7);
    expect(numberSetting("N", "0", 7, { min: 0 })).toBe(0);
    expect(switchSetting("B", "ON", false)).toBe(true);
    expect(switchSetting("B", undefined, true)).toBe(true);
    expect(httpUrlSetting("U", "http://localhost:3000/x").href).toBe("http://localhost:3000/x");
  });
});

describe("runMain's failure line", () => {
  it("is one line with the prefix; a usage error exits 2 and may show the usage", () => {
    expect(failureLines(new Error("the index is corrupt\nsecond line"), { prefix: "error" })).toBe("error: the index is corrupt\n");
    expect(failureLines(new UsageError("no question given"), { prefix: "eval", usage: "usage: npm run eval" })).toBe("eval: no question given\nusage: npm run eval\n");
    expect(failureLines(new Error("other"), { prefix: "eval", usage: "usage: npm run eval" })).toBe("eval: other\n");
    expect(exitCodeOf(new UsageError("x"))).toBe(EXIT_USAGE);
    expect(exitCodeOf(new SettingsError("x"))).toBe(EXIT_FAILURE);
    expect(exitCodeOf("a string")).toBe(EXIT_FAILURE);
    let parseError: unknown;
    try {
      parseArgs({ args: ["--nope"], options: {} });
    } catch (error) {
      parseError = error;
    }
    expect(exitCodeOf(parseError)).toBe(EXIT_USAGE);
    // parseArgs throws a TypeError: a usage error, not a bug, so no stack trace.
    expect(failureLines(parseError, { prefix: "eval" })).toBe("eval: Unknown option '--nope'\n");
  });

  it("removes secrets and terminal controls; a bug gets its stack after the line", () => {
    const scrub = (text: string) => text.split("s3cret").join("[redacted]");
    expect(failureLines(new Error("login with s3cret failed \u001b[31mred"), { prefix: "briefbot", scrub })).toBe("briefbot: login with [redacted] failed red\n");
    const bug = failureLines(new TypeError("x is not a function"), { prefix: "briefbot" }).split("\n");
    expect(bug[0]).toBe("briefbot: x is not a function");
    expect(bug[1]).toBe("TypeError: x is not a function");
    expect(bug[2]).toMatch(/^\s+at /);
  });
});

describe("error classes", () => {
  it("every one sets its name, so logs and stack traces say which it is", () => {
    const files = ["src", "scripts", "bench"].flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
        .filter((file) => /\.(ts|mjs)$/.test(file))
        .map((file) => path.join(root, dir, file)),
    );
    const classes: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/class (\w+) extends \w*Error \{([\s\S]*?)\n\}/g)) {
        classes.push(match[1]!);
        expect(match[2], `${path.relative(root, file)}: ${match[1]}`).toMatch(new RegExp(`\\bname = "${match[1]}";`));
      }
    }
    expect(classes.length).toBeGreaterThanOrEqual(10); // the scan sees them (there are about 15)
    expect(classes).toContain("SettingsError");
  });
});
