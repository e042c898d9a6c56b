// A read-only or unwritable index folder: one line that says so and what to do, nothing half-written. The file
// system refuses through a mock (tests may run as root, for whom permissions do not apply, and cannot mount a
// read-only file system).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openEngine } from "../src/engine.js";
import { buildIndex } from "../src/index/build.js";
import { IndexError } from "../src/index/store.js";

const refuse = vi.hoisted(() => ({ under: null as string | null, code: "EROFS" }));
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const guard =
    <F extends (...args: any[]) => any>(fn: F): F =>
    ((...args: Parameters<F>) => {
      if (refuse.under && String(args[0]).startsWith(refuse.under)) {
        throw Object.assign(new Error(`${refuse.code}: refused, open '${String(args[0])}'`), { code: refuse.code });
      }
      return fn(...args);
    }) as F;
  const writes = { mkdirSync: guard(actual.mkdirSync), writeFileSync: guard(actual.writeFileSync), openSync: guard(actual.openSync), renameSync: guard(actual.renameSync) };
  return { ...actual, ...writes, default: { ...actual, ...writes } };
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEED = "2020-03-30-miit-resumption.txt";

let tmp: string;
let corpusDir: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "briefbot-readonly-"));
  corpusDir = path.join(tmp, "corpus");
  mkdirSync(corpusDir);
  writeFileSync(path.join(corpusDir, SEED), readFileSync(path.join(root, "corpus", SEED)));
});
afterEach(() => {
  refuse.under = null;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("an index folder that cannot be written", () => {
  it.each([
    ["EROFS", "the folder is on a read-only file system (EROFS); choose another folder with --index DIR or INDEX_DIR"],
    ["EACCES", "permission denied (EACCES); make the folder writable or choose another folder with --index DIR or INDEX_DIR"],
    ["EPERM", "permission denied (EPERM); make the folder writable or choose another folder with --index DIR or INDEX_DIR"],
  ])("%s: npm run index stops with one line saying so", async (code, why) => {
    const indexDir = path.join(tmp, `ro-${code}`);
    refuse.under = indexDir;
    refuse.code = code;
    const error = await buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect((error as Error).message).toBe(`cannot write the index in ${indexDir}: ${why}`);
  });

  it("an existing folder that refuses the lock file gets the same line", async () => {
    const indexDir = path.join(tmp, "ro-existing");
    mkdirSync(indexDir);
    refuse.under = path.join(indexDir, ".build.lock");
    refuse.code = "EROFS";
    await expect(buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {} })).rejects.toThrow(
      `cannot write the index in ${indexDir}: the folder is on a read-only file system (EROFS)`,
    );
  });

  it("ask with a missing index on a read-only disk: one clear line, not ENOENT … mkdir", async () => {
    const indexDir = path.join(tmp, "ro-ask");
    refuse.under = indexDir;
    refuse.code = "EROFS";
    const notices: string[] = [];
    const error = await openEngine({ corpusDir, indexDir, embedding: null, warn: () => {}, info: (line) => notices.push(line) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect((error as Error).message).toBe(
      `cannot write the index in ${indexDir}: the folder is on a read-only file system (EROFS); choose another folder with --index DIR or INDEX_DIR`,
    );
    expect((error as Error).message).not.toContain("\n");
    expect(notices).toEqual([`No index in ${indexDir} yet: building it from ${corpusDir} first.`]);
  });

  it("an up-to-date index on a read-only disk is still reported up to date (nothing needs writing)", async () => {
    const indexDir = path.join(tmp, "ro-current");
    await buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {} });
    refuse.under = indexDir;
    await expect(buildIndex({ corpusDir, indexDir, embedder: null, warn: () => {} })).resolves.toMatchObject({ upToDate: true });
  });
});
