// Latency summaries. Percentiles by the nearest-rank method: p99 of 1,000 samples is the 990th smallest,
// a value that was actually observed (no interpolation between two queries).

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Milliseconds in, milliseconds out. */
export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** How long a latency run may take: it stops after `seconds` once it has at least `minimum` samples. */
export interface Budget {
  seconds: number;
  minimum: number;
}

/**
 * Times `ask` over the stream (after `warmup` unmeasured calls), one call at a time, in milliseconds.
 * A budget keeps the full run's slowest cells from eating the run: the count measured is reported with them.
 */
export async function timeStream(stream: readonly number[], warmup: number, budget: Budget | null, ask: (i: number) => Promise<unknown>): Promise<number[]> {
  for (const i of stream.slice(0, warmup)) await ask(i);
  const samples: number[] = [];
  const start = performance.now();
  for (const i of stream) {
    if (budget && samples.length >= budget.minimum && performance.now() - start > budget.seconds * 1000) break;
    const t = performance.now();
    await ask(i);
    samples.push(performance.now() - t);
  }
  return samples;
}
