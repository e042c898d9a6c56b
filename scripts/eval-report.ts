// Human output of `npm run eval`: a compact table per set, the macro table across sets, and the misses (--fails).
import { DEFAULT_TOP } from "../src/engine-api.js";
import type { EvalResult } from "./eval-qmsum.js";
import type { KindFigures, PressQuestionResult, PressResult } from "./eval-press.js";
import type { FirstHit } from "./eval-common.js";

export type SetResult = (EvalResult | PressResult) & { name: string; data: string };

/** Mean of the per-set figures, each set counting once (null when no set has the figure). */
export interface Macro {
  sets: number;
  /** press sets: lexical kind; qmsum sets: all questions. */
  hitAt1: Pair;
  press: {
    sets: number;
    lexical: { hitAt1: Pair; hitAt3: Pair; quoteAt1: number | null; speakerAt1: number | null };
    semantic: { hitAt1: Pair; hitAt3: Pair };
    /** Shares (answered / n) averaged over the sets. */
    onboardingAnswered: number | null;
    negativesRefused: number | null;
  } | null;
  qmsum: { sets: number; hitAt5: Pair; mrrAt10: Pair } | null;
  /** press: lexical questions found; qmsum: annotated questions found (whole corpus, top 3). */
  inScopeAnswered: number | null;
}

export interface Pair {
  briefbot: number | null;
  bm25: number | null;
}

const DASH = "—";
const fixed = (x: number | null | undefined) => (x === null || x === undefined ? DASH : x.toFixed(3));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? DASH : `${(x * 100).toFixed(1)}%`);

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

function kindRow(k: KindFigures): string[] {
  const outcome =
    k.kind === "onboarding"
      ? `answered ${k.answered}/${k.n} (BM25 ${k.bm25.answered}/${k.n})`
      : k.kind === "negative"
        ? `refused ${k.refused}/${k.n} (BM25 ${DASH})`
        : `answered ${k.found}/${k.n}`;
  return [k.kind, String(k.n), fixed(k.hitAt1), fixed(k.bm25.hitAt1), fixed(k.hitAt3), fixed(k.bm25.hitAt3), fixed(k.quoteAt1), fixed(k.speakerAt1), outcome];
}

function offTopicLine(result: SetResult): string {
  const nf = result.notFound;
  return (
    `off-topic questions (--out-of-scope) declined ${nf.outOfScopeAsked - nf.outOfScopeAnswered.length}/${nf.outOfScopeAsked}` +
    (nf.outOfScopeAnswered.length ? ` (answered: ${nf.outOfScopeAnswered.join(" | ")})` : "")
  );
}

export function formatSet(result: SetResult): string {
  if (result.shape === "press") {
    return [
      `== ${result.name} (${result.data}): press set, ${result.queries} questions, ${result.transcripts} transcript(s), ${result.mode} mode; whole corpus, top ${DEFAULT_TOP}`,
      table(
        ["kind", "n", "briefbot hit@1", "BM25 hit@1", "briefbot hit@3", "BM25 hit@3", "quote@1", "speaker@1", "answered/refused"],
        result.kinds.map(kindRow),
      ),
      `in-scope answered (lexical questions found) ${pct(result.notFound.inScope)}; ${offTopicLine(result)}`,
    ].join("\n");
  }
  return [
    `== ${result.name} (${result.data}): qmsum set, ${result.queries} questions, ${result.mode} mode; each question's own transcript, top 10`,
    table(
      ["kind", "n", "briefbot hit@1", "BM25 hit@1", "briefbot hit@5", "BM25 hit@5", "MRR@10", "BM25 MRR@10", "speaker exactness", "answered"],
      [["all", String(result.queries), fixed(result.hitAt1), fixed(result.bm25.hitAt1), fixed(result.hitAt5), fixed(result.bm25.hitAt5), fixed(result.mrrAt10), fixed(result.bm25.mrrAt10), pct(result.speakerExactness), pct(result.answered)]],
    ),
    `not found, whole corpus, top ${DEFAULT_TOP}: in-scope answered ${pct(result.notFound.inScope)}; ${offTopicLine(result)}`,
  ].join("\n");
}

const meanOf = (values: (number | null | undefined)[]): number | null => {
  const present = values.filter((v): v is number => typeof v === "number");
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
};

export function macro(results: SetResult[]): Macro {
  const press = results.filter((r): r is PressResult & SetResult => r.shape === "press");
  const qmsum = results.filter((r): r is EvalResult & SetResult => r.shape === "qmsum");
  const kind = (r: PressResult, k: string) => r.kinds.find((f) => f.kind === k);
  const pressPair = (k: string, field: "hitAt1" | "hitAt3"): Pair => ({
    briefbot: meanOf(press.map((r) => kind(r, k)?.[field])),
    bm25: meanOf(press.map((r) => kind(r, k)?.bm25[field])),
  });
  const shareOf = (r: PressResult, k: string, field: "answered" | "refused") => {
    const f = kind(r, k);
    return f && f[field] !== null ? f[field]! / f.n : null;
  };
  return {
    sets: results.length,
    hitAt1: {
      briefbot: meanOf([...press.map((r) => kind(r, "lexical")?.hitAt1), ...qmsum.map((r) => r.hitAt1)]),
      bm25: meanOf([...press.map((r) => kind(r, "lexical")?.bm25.hitAt1), ...qmsum.map((r) => r.bm25.hitAt1)]),
    },
    press: press.length
      ? {
          sets: press.length,
          lexical: {
            hitAt1: pressPair("lexical", "hitAt1"),
            hitAt3: pressPair("lexical", "hitAt3"),
            quoteAt1: meanOf(press.map((r) => kind(r, "lexical")?.quoteAt1)),
            speakerAt1: meanOf(press.map((r) => kind(r, "lexical")?.speakerAt1)),
          },
          semantic: { hitAt1: pressPair("semantic", "hitAt1"), hitAt3: pressPair("semantic", "hitAt3") },
          onboardingAnswered: meanOf(press.map((r) => shareOf(r, "onboarding", "answered"))),
          negativesRefused: meanOf(press.map((r) => shareOf(r, "negative", "refused"))),
        }
      : null,
    qmsum: qmsum.length
      ? {
          sets: qmsum.length,
          hitAt5: { briefbot: meanOf(qmsum.map((r) => r.hitAt5)), bm25: meanOf(qmsum.map((r) => r.bm25.hitAt5)) },
          mrrAt10: { briefbot: meanOf(qmsum.map((r) => r.mrrAt10)), bm25: meanOf(qmsum.map((r) => r.bm25.mrrAt10)) },
        }
      : null,
    inScopeAnswered: meanOf(results.map((r) => r.notFound.inScope)),
  };
}

export function formatMacro(m: Macro): string {
  const rows: string[][] = [["hit@1 (press: lexical kind; qmsum: all)", String(m.sets), fixed(m.hitAt1.briefbot), fixed(m.hitAt1.bm25)]];
  if (m.press) {
    const p = m.press;
    const n = String(p.sets);
    rows.push(
      ["press lexical hit@3", n, fixed(p.lexical.hitAt3.briefbot), fixed(p.lexical.hitAt3.bm25)],
      ["press lexical quote@1", n, fixed(p.lexical.quoteAt1), DASH],
      ["press lexical speaker@1", n, fixed(p.lexical.speakerAt1), DASH],
      ["press semantic hit@1", n, fixed(p.semantic.hitAt1.briefbot), fixed(p.semantic.hitAt1.bm25)],
      ["press semantic hit@3", n, fixed(p.semantic.hitAt3.briefbot), fixed(p.semantic.hitAt3.bm25)],
      ["press onboarding answered", n, pct(p.onboardingAnswered), DASH],
      ["press negatives refused", n, pct(p.negativesRefused), DASH],
    );
  }
  if (m.qmsum) {
    const n = String(m.qmsum.sets);
    rows.push(["qmsum hit@5", n, fixed(m.qmsum.hitAt5.briefbot), fixed(m.qmsum.hitAt5.bm25)], ["qmsum MRR@10", n, fixed(m.qmsum.mrrAt10.briefbot), fixed(m.qmsum.mrrAt10.bm25)]);
  }
  rows.push(["in-scope answered", String(m.sets), pct(m.inScopeAnswered), DASH]);
  return [`== macro over ${m.sets} sets (mean of the per-set figures, each set counting once)`, table(["measure", "sets", "briefbot", "BM25"], rows)].join("\n");
}

const clip = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const place = (rank: number | null, found = true) => (!found ? "refused" : rank === null ? "not in top" : `at ${rank}`);
const firstLine = (first: FirstHit | null) =>
  first ? `first hit: ${first.label}, ${first.transcript} turn ${first.turn}: “${clip(first.quote)}”` : "no hit";

function pressMiss(r: PressQuestionResult): string[] | null {
  const expected = r.expect.map((e) => `"${e}"`).join(" | ");
  if (r.kind === "lexical" || r.kind === "semantic") {
    if (r.rank === 1 && r.quoteAt1) return null;
    return [
      `  ${r.q}`,
      `      expected ${expected} by ${r.speaker}`,
      `      briefbot ${place(r.rank, r.found)} (quote@1 ${r.quoteAt1 ? "yes" : "no"}, speaker@1 ${r.speakerAt1 ? "yes" : "no"}); BM25 ${place(r.bm25Rank)}`,
      `      ${firstLine(r.first)}`,
    ];
  }
  if (r.kind === "onboarding") {
    if (r.answered) return null;
    return [
      `  ${r.q}`,
      `      expected ${expected}; BM25 ${r.bm25Answered ? "answers it" : "misses it too"}`,
      ...(r.answer ? [`      answer: “${clip(r.answer)}”`] : []),
      `      ${r.found ? firstLine(r.first) : "refused"}`,
    ];
  }
  if (!r.found) return null;
  return [`  ${r.q}`, `      answered: ${firstLine(r.first)}`];
}

export function formatFails(result: SetResult): string {
  const lines: string[] = [`-- misses in ${result.name}`];
  if (result.shape === "press") {
    const heading: Record<string, string> = {
      lexical: "lexical (missed hit@1 or quote@1)",
      semantic: "semantic (missed hit@1 or quote@1)",
      onboarding: "onboarding (not answered)",
      negative: "negative (answered, should be refused)",
    };
    for (const k of result.kinds) {
      const misses = result.questions.filter((q) => q.kind === k.kind).map(pressMiss).filter((m): m is string[] => m !== null);
      lines.push(`${heading[k.kind]}: ${misses.length}/${k.n}`, ...misses.flat());
    }
  } else {
    const misses = result.questions.filter((q) => q.rank !== 1);
    lines.push(`missed hit@1: ${misses.length}/${result.queries}`);
    for (const q of misses) {
      lines.push(
        `  ${q.query}`,
        `      relevant turns ${q.relevantTurns.join(", ")} of ${q.transcript}`,
        `      briefbot ${place(q.rank, q.found)}; BM25 ${place(q.bm25Rank)}`,
        `      ${firstLine(q.first)}`,
      );
    }
  }
  return lines.join("\n");
}
