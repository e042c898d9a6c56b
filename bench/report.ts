// What a run prints: tables (plain text for the terminal, Markdown for docs/benchmarks.md), the targets met or
// missed, and an SVG chart of query p95 against corpus size.
import { DEFAULTS } from "../src/discord/config.js";
import type { BenchResult, ModeRun, SizeRun } from "./run.js";

const BOT_QUEUE = `${DEFAULTS.engineConcurrency} running, ${DEFAULTS.engineQueueLimit} waiting`;

export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  notes?: string[];
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const sec = (s: number) => (s >= 100 ? `${s.toFixed(0)} s` : s >= 10 ? `${s.toFixed(1)} s` : `${s.toFixed(2)} s`);
const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const mb = (x: number) => `${x.toFixed(0)} MB`;
const bytes = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GB` : `${(b / 2 ** 20).toFixed(1)} MB`);
const ratio = (ours: number, theirs: number) => (theirs > 0 && Number.isFinite(ours) ? `×${(ours / theirs).toFixed(2)}` : "–");
const pct = (x: number) => x.toFixed(3);
const modes = (size: SizeRun): ModeRun[] => [size.lexical, size.hybrid];
const peerMode = (mode: string) => (mode === "hybrid" ? "hybrid" : "full-text");

export function tables(result: BenchResult): Table[] {
  const out: Table[] = [];
  out.push({
    title: "Index build: briefbot",
    headers: ["passages", "mode", "cold", "cold rate", "embedded", "warm: no-op check", "warm: forced rebuild", "reused", "on disk", "peak RSS (cold)"],
    rows: result.sizes.flatMap((size) =>
      modes(size).map((m) => {
        const { cold, noop, force } = m.build;
        return [
          int(cold.result.passages), m.mode, sec(cold.result.seconds), `${int(cold.result.passages / cold.result.seconds)}/s`, int(cold.result.embedded),
          sec(noop.result.seconds) + (noop.result.upToDate ? "" : " (rebuilt!)"), force ? sec(force.result.seconds) : "–",
          force ? `${int(force.result.reused)}/${int(force.result.passages)}` : "–", bytes(cold.result.bytes), mb(cold.maxRssMb),
        ];
      }),
    ),
    notes: [
      "cold: empty index folder, every passage chunked, embedded (hybrid; identical texts once) and indexed. warm no-op: nothing changed, buildIndex finds the index up to date. " +
        "warm forced: `force: true`, every embedding reused from the cache (hybrid only: in lexical mode there is nothing to reuse, and a forced rebuild is the cold build again).",
      "Hybrid uses the tiny test model (32 dimensions); its tokenizer splits more finely than MiniLM's, so the same text makes more passages.",
    ],
  });
  out.push({
    title: "Index build: Orama (the same passages)",
    headers: ["passages", "mode", "insert", "save to disk", "build", "rate", "on disk", "peak RSS", "time briefbot/Orama", "RSS briefbot/Orama"],
    rows: result.sizes.flatMap((size) =>
      modes(size).map((m) => {
        const p = m.peer.build;
        const ours = (m.mode === "hybrid" && m.build.force) || m.build.cold;
        return [
          int(p.result.documents), peerMode(m.mode), sec(p.result.insertSeconds), sec(p.result.saveSeconds), sec(p.result.seconds),
          `${int(p.result.documents / p.result.seconds)}/s`, bytes(p.result.bytes), mb(p.maxRssMb),
          ratio(ours.result.seconds, p.result.seconds), ratio(ours.maxRssMb, p.maxRssMb),
        ];
      }),
    ),
    notes: [
      "Orama indexes briefbot's passages (read from briefbot's index, not timed) and, in hybrid mode, briefbot's vectors. Its build = insertMultiple + save() written as JSON (Orama has no on-disk format of its own).",
      "Ratios compare with briefbot's cold build (lexical) and forced rebuild with every embedding reused (hybrid): neither side embeds. briefbot's time also includes parsing and chunking the transcripts, which Orama is spared.",
    ],
  });
  out.push({
    title: "Queries: briefbot (search + answer, question vectors precomputed)",
    headers: ["passages", "mode", "start-up", "questions", "p50", "p95", "p99", "answered", "peak RSS"],
    rows: result.sizes.flatMap((size) =>
      modes(size).map((m) => {
        const q = m.query;
        return [int(m.build.cold.result.passages), m.mode, sec(q.result.startupSeconds), int(q.result.latency.count), ms(q.result.latency.p50), ms(q.result.latency.p95), ms(q.result.latency.p99), `${(q.result.answered * 100).toFixed(0)}%`, mb(q.maxRssMb)];
      }),
    ),
    notes: [
      `Up to ${int(result.options.queries)} questions per cell (${int(result.questions.distinct)} distinct, ${result.questions.source}), asked of the whole corpus one at a time after ${result.options.warmup} unmeasured warm-up questions; top ${result.options.top} hits, as the bot asks.` +
        (result.options.budget ? ` A cell stops after ${result.options.budget.seconds} s once it has ${result.options.budget.minimum} questions ("questions" says how many it timed).` : ""),
      "start-up: openEngine on the built index (read and parse the files). No model is loaded in the query process: its peak RSS excludes the model.",
      `Embedding the question (tiny model, one at a time): p50 ${ms(result.embed.result.latency.p50)}, p95 ${ms(result.embed.result.latency.p95)}, p99 ${ms(result.embed.result.latency.p99)}; loading it ${sec(result.embed.result.modelSeconds)}, peak RSS with the model ${mb(result.embed.maxRssMb)}. It does not depend on corpus size; MiniLM takes longer per question.`,
    ],
  });
  out.push({
    title: "Queries: Orama (the same questions and vectors)",
    headers: ["passages", "mode", "start-up", "questions", "p50", "p95", "p99", "peak RSS", "p50 briefbot/Orama", "p95 briefbot/Orama", "RSS briefbot/Orama"],
    rows: result.sizes.flatMap((size) =>
      modes(size).map((m) => {
        const p = m.peer.query;
        const q = m.query;
        return [
          int(m.peer.build.result.documents), peerMode(m.mode), sec(p.result.startupSeconds), int(p.result.latency.count), ms(p.result.latency.p50), ms(p.result.latency.p95), ms(p.result.latency.p99), mb(p.maxRssMb),
          ratio(q.result.latency.p50, p.result.latency.p50), ratio(q.result.latency.p95, p.result.latency.p95), ratio(q.maxRssMb, p.maxRssMb),
        ];
      }),
    ),
    notes: ["start-up: read the saved JSON and load() it. Below ×1.00 briefbot is faster or smaller."],
  });
  out.push({
    title: `Concurrency: ${result.options.burst} questions at once through src/queue.ts (hybrid, model loaded, embed + search + answer)`,
    headers: ["passages", "queue (running / waiting)", "answered", "told busy", "lost", "p50", "p95", "all settled"],
    rows: result.sizes.flatMap((size) =>
      (size.concurrency?.result ?? []).map((c) => [
        int(size.hybrid.build.cold.result.passages), `${c.queue.concurrency} / ${c.queue.limit}`, int(c.answered), int(c.refused), int(c.lost + c.failed),
        ms(c.latency.p50), ms(c.latency.p95), sec(c.wallSeconds),
      ]),
    ),
    notes: [
      `With the bot's defaults (src/discord/config.ts DEFAULTS: ${BOT_QUEUE}) a question beyond the limit is refused at once ("busy"), which is not lost; that row is run at the first size only (what is refused does not depend on size). The other rows raise the limit to take the whole burst. Times run from submission to answer.`,
    ],
  });
  if (result.quality.length) {
    out.push({
      title: "Quality: annotated questions, each searched within its own transcript, top 10",
      headers: ["mode", "questions", "passages", "briefbot hit@1", "hit@5", "MRR@10", "Orama hit@1", "hit@5", "MRR@10"],
      rows: result.quality.map((q) => [
        q.mode, int(q.report.result.questions), int(q.report.result.passages),
        pct(q.report.result.briefbot.hitAt1), pct(q.report.result.briefbot.hitAt5), pct(q.report.result.briefbot.mrrAt10),
        pct(q.report.result.peer.hitAt1), pct(q.report.result.peer.hitAt5), pct(q.report.result.peer.mrrAt10),
      ]),
      notes: ["A hit is a returned passage inside one of the question's relevant turns (scripts/eval.ts). Measured on the data folder itself, not grown."],
    });
  }
  const t = targets(result);
  out.push({
    title: `Targets (at ${int(t.passages)} passages${t.passages < 100_000 ? "; the targets are set for 100k" : ""})`,
    headers: ["target", "measured", ""],
    rows: t.rows.map((r) => [r.target, r.measured, r.met ? "met" : "MISSED"]),
  });
  return out;
}

export interface TargetRow {
  target: string;
  measured: string;
  met: boolean;
}

/** The issue's targets, judged at the largest size run. */
export function targets(result: BenchResult): { passages: number; rows: TargetRow[] } {
  const size = result.sizes[result.sizes.length - 1]!;
  const h = size.hybrid;
  const l = size.lexical;
  const rows: TargetRow[] = [
    { target: "hybrid search+answer p95 ≤ 5 ms (vectors precomputed)", measured: ms(h.query.result.latency.p95), met: h.query.result.latency.p95 <= 5 },
    { target: "index load (start-up, hybrid) ≤ 1.5 s", measured: sec(h.query.result.startupSeconds), met: h.query.result.startupSeconds <= 1.5 },
    { target: "query-time peak RSS ≤ 400 MB, excluding the model (hybrid)", measured: mb(h.query.maxRssMb), met: h.query.maxRssMb <= 400 },
    { target: "warm rebuild ≤ 3 s: no-op check (hybrid)", measured: sec(h.build.noop.result.seconds), met: h.build.noop.result.seconds <= 3 },
  ];
  if (h.build.force) {
    const force = h.build.force.result.seconds;
    rows.push({ target: "warm rebuild ≤ 3 s: forced, every embedding reused (hybrid)", measured: sec(force), met: force <= 3 });
  }
  for (const m of [l, h]) {
    const ours = m.query.result.latency.p95;
    const theirs = m.peer.query.result.latency.p95;
    rows.push({ target: `p95 ≤ Orama's (${m.mode})`, measured: `${ms(ours)} vs ${ms(theirs)}`, met: ours <= theirs });
  }
  for (const q of result.quality) {
    const ours = q.report.result.briefbot.hitAt5;
    const theirs = q.report.result.peer.hitAt5;
    rows.push({ target: `hit@5 ≥ Orama's (${q.mode})`, measured: `${pct(ours)} vs ${pct(theirs)}`, met: ours >= theirs });
  }
  return { passages: h.build.cold.result.passages, rows };
}

/** One line per mode at the largest size: the ratios a reader looks for first. */
export function headline(result: BenchResult): string[] {
  const size = result.sizes[result.sizes.length - 1]!;
  return modes(size).map((m) => {
    const q = m.query;
    const p = m.peer.query;
    const build = (m.mode === "hybrid" && m.build.force) || m.build.cold;
    return (
      `${m.mode} at ${int(m.build.cold.result.passages)} passages, briefbot/Orama: query p95 ${ratio(q.result.latency.p95, p.result.latency.p95)} ` +
      `(${ms(q.result.latency.p95)} vs ${ms(p.result.latency.p95)}), p50 ${ratio(q.result.latency.p50, p.result.latency.p50)}, ` +
      `start-up ${ratio(q.result.startupSeconds, p.result.startupSeconds)}, query RSS ${ratio(q.maxRssMb, p.maxRssMb)}, ` +
      `build time ${ratio(build.result.seconds, m.peer.build.result.seconds)}, build RSS ${ratio(build.maxRssMb, m.peer.build.maxRssMb)}`
    );
  });
}

export function textTable(table: Table): string {
  const widths = table.headers.map((h, i) => Math.max(h.length, ...table.rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [table.title, line(table.headers), widths.map((w) => "-".repeat(w)).join("  "), ...table.rows.map(line), ...(table.notes ?? []).map((n) => `  ${n}`)].join("\n");
}

export function markdownTable(table: Table): string {
  const escape = (c: string) => c.replace(/\|/g, "\\|");
  return [
    `### ${table.title}`,
    "",
    `| ${table.headers.map(escape).join(" | ")} |`,
    `| ${table.headers.map((_, i) => (i < 2 ? "---" : "---:")).join(" | ")} |`,
    ...table.rows.map((r) => `| ${r.map(escape).join(" | ")} |`),
    ...(table.notes?.length ? ["", ...table.notes.map((n) => `- ${n}`)] : []),
  ].join("\n");
}

export function textReport(result: BenchResult): string {
  return [
    `briefbot vs Orama ${result.peerVersion}: ${result.data.description}`,
    `${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.memoryGb} GB, Node ${result.machine.node}; ${result.date}; run took ${sec(result.seconds)}`,
    "",
    ...tables(result).flatMap((t) => [textTable(t), ""]),
    "Headline",
    ...headline(result).map((l) => `  ${l}`),
    `  An empty worker process: ${mb(result.baselineRssMb)} peak RSS, included in every RSS above.`,
  ].join("\n");
}

export function markdownReport(result: BenchResult, chartFile: string): string {
  return [
    "# Benchmarks: briefbot and Orama",
    "",
    "<!-- Generated by `npm run bench -- --write`; edit bench/report.ts, not this file. -->",
    "",
    `Generated ${result.date} by \`${result.command}\` (the run took ${sec(result.seconds)}).`,
    "",
    `- **Machine:** ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.memoryGb} GB RAM, ${result.machine.platform}, Node ${result.machine.node}.`,
    `- **Data:** ${result.data.description}`,
    `- **Questions:** ${result.questions.description}`,
    `- **Peer:** Orama ${result.peerVersion} (\`@orama/orama\`), in the same run, on the same passages, vectors and questions: passage text, speaker and question answered (boosts 1 / 0.5 / 0.35), its English stemmer, NLTK English stop words, hybrid vector floor 0.5 (bench/orama.ts).`,
    "- **Model:** the tiny test model (scripts/make-tiny-model.ts; 32 dimensions): no model hub is reachable where this runs. It exercises the real transformers.js path, but embedding times are far below MiniLM's, and its tokenizer makes more, shorter passages of the same text.",
    "- **Method:** every phase runs in its own child process, so each peak RSS (getrusage maxRSS) is that phase's alone. Corpora are grown from the data to each size: copy 0 of each transcript is the file itself, further copies shuffle its sentences across its turns, drop one word of each sentence and renumber its speakers, and are written as text files that buildIndex reads like any corpus. Questions are asked one at a time of the whole grown corpus.",
    "",
    "## Headline",
    "",
    ...headline(result).map((l) => `- ${l}`),
    "",
    `![Query p95 against corpus size, briefbot and Orama](${chartFile})`,
    "",
    ...tables(result).flatMap((t) => [markdownTable(t), ""]),
    `An empty worker process peaks at ${mb(result.baselineRssMb)} RSS; every RSS figure above includes it.`,
    "",
    "## Reproduce",
    "",
    "```sh",
    result.command,
    "npm run bench -- --quick          # 1k and 10k passages only, everyday use",
    "npm run bench -- --json           # machine-readable",
    "npm run bench -- --profile        # CPU profiles of the largest size's workers, summarised",
    "npm run bench -- --from docs/benchmarks.json --write   # re-render this page from the saved figures",
    "```",
    "",
  ].join("\n");
}

interface Series {
  name: string;
  color: string;
  dashed: boolean;
  points: [number, number][];
}

/** Query p95 (ms) against passages, log–log, one line per engine and mode. */
export function p95Chart(result: BenchResult): string {
  const series: Series[] = [
    { name: "briefbot hybrid", color: "#1f6feb", dashed: false, points: result.sizes.map((s) => [s.hybrid.build.cold.result.passages, s.hybrid.query.result.latency.p95]) },
    { name: "briefbot lexical", color: "#1f6feb", dashed: true, points: result.sizes.map((s) => [s.lexical.build.cold.result.passages, s.lexical.query.result.latency.p95]) },
    { name: "Orama hybrid", color: "#d9480f", dashed: false, points: result.sizes.map((s) => [s.hybrid.peer.build.result.documents, s.hybrid.peer.query.result.latency.p95]) },
    { name: "Orama full-text", color: "#d9480f", dashed: true, points: result.sizes.map((s) => [s.lexical.peer.build.result.documents, s.lexical.peer.query.result.latency.p95]) },
  ];
  return lineChart(series, { title: "Query p95 against corpus size (lower is better)", x: "passages", y: "p95 latency, ms" }, { value: 5, label: "target at 100k: 5 ms" });
}

function lineChart(series: Series[], labels: { title: string; x: string; y: string }, mark?: { value: number; label: string }): string {
  const W = 640, H = 400, left = 70, right = 170, top = 40, bottom = 50;
  const all = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  if (mark) all.push([all[0]?.[0] ?? 1, mark.value]);
  // Whole decades, with slack so that 100,565 passages do not open a decade of their own.
  const decades = (values: number[]) => [Math.floor(Math.log10(Math.min(...values)) + 0.05), Math.ceil(Math.log10(Math.max(...values)) - 0.05)] as const;
  let [x0, x1] = decades(all.map(([x]) => x));
  let [y0, y1] = decades(all.map(([, y]) => y));
  if (x1 === x0) x1++;
  if (y1 === y0) y1++;
  const px = (x: number) => left + ((Math.log10(x) - x0) / (x1 - x0)) * (W - left - right);
  const py = (y: number) => H - bottom - ((Math.log10(y) - y0) / (y1 - y0)) * (H - top - bottom);
  const label = (v: number) => (v >= 1000 ? `${v / 1000}k` : String(v));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2 - right / 2 + left / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${labels.title}</text>`,
  ];
  for (let d = y0; d <= y1; d++) {
    for (const m of d < y1 ? [1, 2, 5] : [1]) {
      const v = m * 10 ** d;
      const y = py(v).toFixed(1);
      out.push(`<line x1="${left}" x2="${W - right}" y1="${y}" y2="${y}" stroke="${m === 1 ? "#ccc" : "#eee"}"/>`);
      out.push(`<text x="${left - 6}" y="${y}" dy="4" text-anchor="end">${Number(v.toPrecision(3))}</text>`);
    }
  }
  for (let d = x0; d <= x1; d++) {
    const x = px(10 ** d).toFixed(1);
    out.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${H - bottom}" stroke="#ccc"/>`);
    out.push(`<text x="${x}" y="${H - bottom + 18}" text-anchor="middle">${label(10 ** d)}</text>`);
  }
  out.push(`<text x="${(left + W - right) / 2}" y="${H - 10}" text-anchor="middle">${labels.x} (log scale)</text>`);
  out.push(`<text transform="translate(18 ${(top + H - bottom) / 2}) rotate(-90)" text-anchor="middle">${labels.y} (log scale)</text>`);
  if (mark) {
    const y = py(mark.value).toFixed(1);
    out.push(`<line x1="${left}" x2="${W - right}" y1="${y}" y2="${y}" stroke="#2da44e" stroke-width="1.5" stroke-dasharray="2 3"/>`);
    out.push(`<text x="${W - right - 4}" y="${y}" dy="-5" text-anchor="end" fill="#2da44e">${mark.label}</text>`);
  }
  series.forEach((s, i) => {
    const points = s.points.filter(([x, y]) => x > 0 && y > 0);
    const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2.5"${dash} points="${points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ")}"/>`);
    for (const [x, y] of points) out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${s.color}"/>`);
    const ly = top + 10 + i * 22;
    out.push(`<line x1="${W - right + 15}" x2="${W - right + 45}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2.5"${dash}/>`);
    out.push(`<text x="${W - right + 52}" y="${ly}" dy="4">${s.name}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}
