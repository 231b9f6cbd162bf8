// A window's exact count composed from the chart's per-step buckets (docs/semantics.md section 8, "Split counts"):
// count(start, end] = the buckets of (start, s] as the chart reads them (at its step, then hourly over its tail) +
// exact counts of (s, end] and of the buckets joined around each unsafe edge, where s is the last bucket edge at least
// SETTLE_MS old. A bucket is an increase split at its two edges, so where every inner edge is a safe split point
// (isSafeSplit: samples of every series within 2 minutes on both sides, no reset within 2 minutes) the buckets add up
// to the split count. The edges are checked by one range query per grid (split.ts: edgeCheckQueries).
// The status takes its settled pieces from a chart's buckets the same way (src/query/chartPieces.ts); this composes a
// whole window, for tests and measurements (docs/performance.md).
import { composePieces, SETTLE_MS } from '../engine/splitPoints';
import type { SloSpec } from '../slo/types';
import { batchedCounts, firstSelector } from './batch';
import { chartGrid, hourlyTail } from './chart';
import { fetchBuckets, type ExactCounts, type FetchOptions } from './fetch';
import type { Grid } from './frames';
import { counterExprs } from './promql';
import { edgeVerdicts } from './split';
import { bucketEnds } from './chartPieces';

export interface ComposedCounts {
  counts: Map<string, ExactCounts>;
  /** The part taken from buckets, (start, settledEnd]; the rest was read as exact counts. */
  settledEnd: number;
  /** Bucket edges inside (start, settledEnd), and those found unsafe (read whole around them). */
  edges: number;
  unsafe: number[];
}

/**
 * The exact counts of `range` (its start on the chart's grid: a period start) from the chart's buckets of the same
 * range, read as loadBudgetChart reads them (so a page cache that holds the chart's chunks serves them).
 */
export async function composedCounts(
  client: Parameters<typeof fetchBuckets>[0],
  spec: SloSpec,
  range: { start: number; end: number },
  opts: FetchOptions = {}
): Promise<ComposedCounts> {
  const now = opts.now ?? Date.now();
  const counters = counterExprs(spec.indicator);
  const g = chartGrid(spec, { from: range.start, to: range.end, now });
  const tail = hourlyTail(spec, g, g.end);
  const grids: Grid[] = tail
    ? [{ firstEnd: g.firstEnd, step: g.step, count: Math.round((tail.from - g.firstEnd) / g.step) + 1 }, tail.grid]
    : [{ firstEnd: g.firstEnd, step: g.step, count: g.count }];
  const o = { ...opts, groupBy: spec.groupBy, now };
  const selectors = [...new Set([counters.total, counters.bad ?? counters.good!].map(firstSelector))];
  const read = await Promise.all(
    grids
      .filter((grid) => grid.count > 0)
      .map(async (grid) => {
        const [buckets, safe] = await Promise.all([
          fetchBuckets(client, counters, grid, o, true),
          edgeVerdicts(client, selectors, grid, o),
        ]);
        return { grid, buckets, safe };
      })
  );
  // Every bucket end in (start, s], in time order, with its buckets and verdict (the head grid ends where the tail starts).
  const settledEnd = Math.min(range.end, now - SETTLE_MS);
  const ends = bucketEnds(read, range.start, settledEnd);
  const s = ends.length ? ends[ends.length - 1].end : range.start;
  const verdict = new Map(ends.map((e) => [e.end, e.safe]));
  const pieces = composePieces([range.start, ...ends.map((e) => e.end)], (e) => verdict.get(e) === true);
  const exact = [...pieces.filter((p) => p.read), ...(s < range.end ? [{ start: s, end: range.end }] : [])];
  const counted = exact.length ? await batchedCounts(client, counters, exact, [], range.end, o) : [];

  const out = new Map<string, ExactCounts>();
  const add = (key: string, bad: number, total: number) => {
    const c = out.get(key) ?? { bad: 0, good: 0, total: 0 };
    c.bad += bad === bad ? bad : 0;
    c.total += total === total ? total : 0;
    c.good = c.total - c.bad;
    out.set(key, c);
  };
  const byEnd = new Map(ends.map((e) => [e.end, e.values]));
  for (const p of pieces.filter((x) => !x.read)) {
    for (const [key, v] of byEnd.get(p.end) ?? []) {
      add(key, v.bad, v.total);
    }
  }
  for (const m of counted) {
    for (const [key, c] of m) {
      add(key, c.bad, c.total);
    }
  }
  return {
    counts: out,
    settledEnd: s,
    edges: Math.max(0, ends.length - 1),
    unsafe: ends.filter((e, i) => i < ends.length - 1 && !e.safe).map((e) => e.end),
  };
}
