// The module graph of src/ keeps the architecture: layers only import downwards, Discord is self-contained, the front
// ends see the engine only through src/engine-api.ts, only the entry points open the engine, and nothing is circular.
// Read with a scan of import statements (TypeScript 7 has no compiler API in JavaScript).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Lowest first: a module may import from a lower layer or from its own. Layers of one rank (the two front ends) do
 * not import each other. Matching is by path prefix; a file of src/ in no layer fails the test, so that a new folder
 * is placed on purpose.
 */
const LAYERS: { name: string; rank: number; paths: string[] }[] = [
  { name: "contracts and utilities", rank: 0, paths: ["src/types.ts", "src/engine-api.ts", "src/text/", "src/log.ts", "src/queue.ts", "src/settings.ts", "src/run-main.ts"] },
  { name: "transcripts", rank: 1, paths: ["src/transcript/"] },
  { name: "corpus settings", rank: 2, paths: ["src/config.ts"] },
  { name: "passages", rank: 3, paths: ["src/passages/"] },
  { name: "embedding", rank: 4, paths: ["src/embedding/"] },
  { name: "index", rank: 5, paths: ["src/index/"] },
  { name: "retrieval", rank: 6, paths: ["src/retrieval/"] },
  { name: "answers", rank: 7, paths: ["src/answer/"] },
  { name: "engine", rank: 8, paths: ["src/engine.ts", "src/engine-alongside.ts"] },
  { name: "presenters", rank: 9, paths: ["src/present/"] },
  { name: "CLI", rank: 10, paths: ["src/cli/"] },
  { name: "Discord", rank: 10, paths: ["src/discord/"] },
  { name: "npm start", rank: 11, paths: ["src/main.ts"] },
];

/** The Discord code, the presenters and the console chat: they talk to the engine through src/engine-api.ts only. */
const FRONT_END = ["src/discord/", "src/present/", "src/cli/chat.ts"];
/** What implements the engine; a front end imports none of it. */
const ENGINE_INSIDE = ["src/engine.ts", "src/engine-alongside.ts", "src/index/", "src/retrieval/", "src/answer/"];
/** The composition roots: the only modules that open an engine (and src/engine-alongside.ts, which wraps one). */
const OPENS_ENGINE = ["src/main.ts", "src/cli/ask.ts", "src/engine-alongside.ts"];

const within = (file: string, prefixes: readonly string[]) => prefixes.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p));

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [file] : [];
  });
}

// `import … from "x"`, `export … from "x"` (the clause holds only names, braces and commas), `import "x"`, `import("x")`.
const STATIC = /^[ \t]*(import|export)\b([^;=()'"]*?)\bfrom\s*["']([^"']+)["']/gm;
const BARE = /^[ \t]*import\s*["']([^"']+)["']/gm;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

interface Import {
  target: string;
  /** `import type …` or `export type …`: erased when compiled, so no module is loaded. */
  typeOnly: boolean;
}

/** The files of src/ that `file` imports (relative imports; .js is written for .ts). */
function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const found = [
    ...[...text.matchAll(STATIC)].map((m) => ({ specifier: m[3]!, typeOnly: /^\s*type\b/.test(m[2]!) })),
    ...[BARE, DYNAMIC].flatMap((pattern) => [...text.matchAll(pattern)].map((m) => ({ specifier: m[1]!, typeOnly: false }))),
  ];
  return found
    .filter(({ specifier }) => specifier.startsWith("."))
    .map(({ specifier, typeOnly }) => {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      return { target: existsSync(path.join(root, target)) ? target : target.replace(/\.js$/, ".ts"), typeOnly };
    });
}

const files = sourceFiles("src");
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const layerOf = (file: string) => LAYERS.find((layer) => within(file, layer.paths));
const edges = [...graph].flatMap(([from, imports]) => imports.map(({ target, typeOnly }) => ({ from, to: target, typeOnly })));
const show = (list: { from: string; to: string }[]) => list.map(({ from, to }) => `${from} → ${to}`);

describe("the module graph of src/", () => {
  it("is read whole: every import resolves to a file, every file is in a layer", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(edges.length).toBeGreaterThan(200);
    expect(show(edges.filter(({ to }) => !existsSync(path.join(root, to))))).toEqual([]);
    expect(files.filter((file) => !layerOf(file))).toEqual([]);
  });

  it("has no upward arrow: a module imports from lower layers or its own", () => {
    const upward = edges.filter(({ from, to }) => {
      const a = layerOf(from)!;
      const b = layerOf(to)!;
      return a !== b && b.rank >= a.rank;
    });
    expect(show(upward)).toEqual([]);
  });

  it("keeps Discord to itself: only src/main.ts, which starts the bot, imports src/discord/", () => {
    const intoDiscord = edges.filter(({ from, to }) => within(to, ["src/discord/"]) && !within(from, ["src/discord/", "src/main.ts"]));
    expect(show(intoDiscord)).toEqual([]);
  });

  it("shows the front ends only the engine's interface (src/engine-api.ts), not the engine", () => {
    const reaching = edges.filter(({ from, to }) => within(from, FRONT_END) && within(to, ENGINE_INSIDE));
    expect(show(reaching)).toEqual([]);
  });

  it("lets only the composition roots open the engine", () => {
    const opening = edges.filter(({ from, to }) => within(to, ["src/engine.ts", "src/engine-alongside.ts"]) && !within(from, OPENS_ENGINE));
    expect(show(opening)).toEqual([]);
  });

  it("has no cycles among the modules that load each other", () => {
    // Type-only imports are left out: they are erased when compiled, so they cannot make modules wait on each other
    // (a reader's module names the layout type its registry, readers/index.ts, declares).
    const loads = new Map(files.map((file) => [file, graph.get(file)!.filter((i) => !i.typeOnly).map((i) => i.target)]));
    // Depth-first search; a module met again while still on the path closes a cycle.
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const path_: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      path_.push(file);
      for (const next of loads.get(file) ?? []) {
        if (state.get(next) === "open") cycles.push([...path_.slice(path_.indexOf(next)), next].join(" → "));
        else if (!state.has(next)) visit(next);
      }
      path_.pop();
      state.set(file, "done");
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
