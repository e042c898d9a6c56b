// Summarise a V8 .cpuprofile (from `node --cpu-prof`): the functions that take the most time, self and
// inclusive, with file:line, so a missed target points at code. `node dist/bench/profile.js FILE [--top N]`.
// Positions in the compiled code (dist/) are shown at their TypeScript source, through the source maps beside it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  /** Share of all samples spent in the function itself / in it and what it calls. */
  self: number;
  total: number;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const path = url.replace(/^file:\/\//, "");
  const compiled = path.endsWith(".js") ? compiledSource(path, lineNumber, columnNumber) : null;
  if (compiled) return `${functionName || "(anonymous)"} ${relative(process.cwd(), compiled.file)}:${compiled.line}`;
  const file = url ? relative(process.cwd(), path) : "(native)";
  const line = /\.[cm]?tsx?$/.test(path) ? (originalLine(path, lineNumber, columnNumber) ?? `${lineNumber + 1} (col ${columnNumber + 1})`) : lineNumber + 1;
  return `${functionName || "(anonymous)"} ${file}:${line}`;
}

// tsx runs TypeScript minified onto a line or two, so a profile's positions are columns of that output. tsx keeps
// each transform with its source map in its cache folder; the newest one for a file maps a column back to a line.
let sourceMaps: Map<string, { mappings: string; mtime: number }> | null = null;

function originalLine(path: string, line: number, column: number): number | null {
  if (!sourceMaps) {
    sourceMaps = new Map();
    const dir = join(tmpdir(), `tsx-${userInfo().uid}`);
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      // no tsx cache: positions stay as columns
    }
    for (const name of names) {
      try {
        const entry = JSON.parse(readFileSync(join(dir, name), "utf8")) as { map?: { sources?: string[]; mappings?: string } };
        const source = entry.map?.sources?.[0];
        const mtime = statSync(join(dir, name)).mtimeMs;
        if (source && entry.map?.mappings && (sourceMaps.get(source)?.mtime ?? -1) < mtime) sourceMaps.set(source, { mappings: entry.map.mappings, mtime });
      } catch {
        // not a transform entry
      }
    }
  }
  const map = sourceMaps.get(path);
  return map ? lookup(map.mappings, line, column) : null;
}

const compiledMaps = new Map<string, { source: string; mappings: string } | null>();

/** The TypeScript file and line of a position in compiled JavaScript that has a source map beside it (dist/). */
function compiledSource(path: string, line: number, column: number): { file: string; line: number } | null {
  if (!compiledMaps.has(path)) {
    let map: { source: string; mappings: string } | null = null;
    try {
      if (existsSync(`${path}.map`)) {
        const json = JSON.parse(readFileSync(`${path}.map`, "utf8")) as { sources?: string[]; mappings?: string };
        if (json.sources?.[0] && json.mappings) map = { source: resolve(dirname(path), json.sources[0]), mappings: json.mappings };
      }
    } catch {
      // an unreadable map: the compiled position is shown
    }
    compiledMaps.set(path, map);
  }
  const map = compiledMaps.get(path);
  const original = map ? lookup(map.mappings, line, column) : null;
  return map && original !== null ? { file: map.source, line: original } : null;
}

/** The original line (1-based) of generated position (line, column), from source-map "mappings". */
function lookup(mappings: string, line: number, column: number): number | null {
  let sourceLine = 0;
  let best: number | null = null;
  const lines = mappings.split(";");
  for (let l = 0; l < lines.length && l <= line; l++) {
    let generatedColumn = 0;
    for (const segment of lines[l]!.split(",")) {
      if (!segment) continue;
      const fields = vlq(segment);
      generatedColumn += fields[0]!;
      if (fields.length >= 4) sourceLine += fields[2]!;
      if (l === line && generatedColumn <= column && fields.length >= 4) best = sourceLine + 1;
    }
  }
  return best;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function vlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Top functions by self time and by inclusive time (a function counted once per sample even when recursive). */
export function summariseProfile(profile: CpuProfile, top = 15): { self: ProfileLine[]; total: ProfileLine[]; seconds: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = profile.samples ?? [];
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const id of samples) {
    const node = byId.get(id)!;
    const name = label(node);
    self.set(name, (self.get(name) ?? 0) + 1);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      const l = label(n);
      if (!seen.has(l)) {
        seen.add(l);
        total.set(l, (total.get(l) ?? 0) + 1);
      }
    }
  }
  const n = Math.max(1, samples.length);
  const ignore = (name: string) => /^\((?:root|program|idle|garbage collector)\)/.test(name) === false;
  const rank = (m: Map<string, number>) =>
    [...m]
      .filter(([name]) => ignore(name) || name.startsWith("(garbage collector)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name]) => ({ name, self: (self.get(name) ?? 0) / n, total: (total.get(name) ?? 0) / n }));
  return { self: rank(self), total: rank(total), seconds: (profile.endTime - profile.startTime) / 1e6 };
}

export function formatProfile(summary: ReturnType<typeof summariseProfile>): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  const lines = [`${summary.seconds.toFixed(1)} s profiled`, "by self time:"];
  for (const l of summary.self) lines.push(`  ${pct(l.self)} self ${pct(l.total)} total  ${l.name}`);
  lines.push("by total (inclusive) time:");
  for (const l of summary.total) lines.push(`  ${pct(l.total)} total ${pct(l.self)} self  ${l.name}`);
  return lines.join("\n");
}

const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "15" } } });
  for (const file of positionals) {
    console.log(`== ${file}`);
    console.log(formatProfile(summariseProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(values.top))));
  }
}
