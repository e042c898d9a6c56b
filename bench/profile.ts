// Summarise a V8 .cpuprofile (from `node --cpu-prof`): the functions that take the most time, self and
// inclusive, with file:line, so a missed target points at code. `tsx bench/profile.ts FILE [--top N]`.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
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
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? relative(process.cwd(), url.replace(/^file:\/\//, "")) : "(native)";
  return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
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
      .map(([name, count]) => ({ name, self: (self.get(name) ?? 0) / n, total: (total.get(name) ?? 0) / n }));
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
