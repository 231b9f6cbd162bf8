// Budget charts (docs/semantics.md sections 3 and 8): per-step buckets from the window's data start, reconciled per
// segment with exact instant counts so a scrape gap's events are not lost, then the engine's budget series. Per-step
// increases lose events only where a gap straddles a bucket edge (inside a bucket, sample-to-sample differences keep
// them), so the samples of total are counted only within EDGE_PROBE_MS of each bucket's two ends: the buckets beside an
// edge that misses samples get the segment's shortfall (reconcile.ts). That reads a few samples per series per
// bucket instead of every sample again; steps too short for it count each bucket's samples.
import {
  budgetSeries,
  forecastHistoryGrid,
  periodBoundaries,
  periodStart,
  reconcileBuckets,
  statusLookbacks,
  windowAt,
  type BudgetSeries,
  type Buckets,
  type ExactSegment,
  type TrafficHistory,
} from '../engine';
import type { SloSpec } from '../slo/types';
import type { PromClient } from './client';
import { batchedCounts, planBatch, splitFor, type BatchPlan } from './batch';
import { bucketEnds, offerPieces, runPartOf, type PieceOffer } from './chartPieces';
import { edgeVerdicts } from './split';
import { fetchBuckets, fetchGridParts, type FetchOptions, type GroupBuckets } from './fetch';
import { forecastTimeZone, hasBurndown } from './forecast';
import { groupLabels, type Grid } from './frames';
import { SPLIT_PROBE_MS } from '../engine/splitPoints';
import { chooseStep } from './plan';
import { counterExprs, sampleCountQuery } from './promql';
import { loadRecordedChart } from './recordedChart';

export interface ChartRequest {
  /** Displayed range (epoch ms). */
  from: number;
  to: number;
  /** Defaults to Date.now(); nothing after it is queried. */
  now?: number;
  /** About this many buckets across the displayed range (default 600). */
  targetBuckets?: number;
  /** Skip the exact reconciliation (one instant query per period): for tests that compare raw per-step sums. */
  raw?: boolean;
  /** Both counters' buckets in one request per chunk (fetch.ts: fetchBuckets `together`). */
  together?: boolean;
  /** false: read the whole range at the chart's step, without the burn-down's hourly tail (hourlyTail; tests compare). */
  hourlyTail?: boolean;
}

export interface ChartGroup {
  key: string;
  labels: Record<string, string>;
  buckets: Buckets;
  series: BudgetSeries;
  /**
   * Raw samples of total per bucket (0 inside a scrape gap), when the buckets were reconciled with a step of at most
   * EDGE_COUNT_MAX_STEP_MS (finer steps: reports' no-data time); coarser steps count only around edges (`edgeSamples`).
   */
  samples?: Float64Array;
  /** Raw samples of total within EDGE_PROBE_MS of each bucket's two ends, when reconciled with a coarser step. */
  edgeSamples?: Float64Array;
}

/** How near a bucket edge samples are counted to find a scrape gap across it (two 60 s scrape intervals). */
export const EDGE_PROBE_MS = SPLIT_PROBE_MS;
/** Up to this step every bucket's samples are counted: the edge windows would read about as much. */
export const EDGE_COUNT_MAX_STEP_MS = 4 * EDGE_PROBE_MS;

/**
 * Where scrapes went missing, on the chart's grid: per bucket, the samples of total's first selector in the bucket
 * (`perBucket`, short steps) or only those within EDGE_PROBE_MS of its two ends, (start, start + probe] and
 * (end - probe, end]. A gap across an edge then shows in both buckets beside it, as in the full count, so the shortfall
 * is shared between them rather than all put after the edge. Head and tail are tagged parts of one request, each
 * window read once, and added here (either side may be absent: no sample there).
 */
function gapSignalParts(total: string, step: number, groupBy: readonly string[]): Record<string, string> {
  if (step <= EDGE_COUNT_MAX_STEP_MS) {
    return { all: sampleCountQuery(total, step, groupBy) };
  }
  return {
    head: sampleCountQuery(total, EDGE_PROBE_MS, groupBy, step - EDGE_PROBE_MS),
    tail: sampleCountQuery(total, EDGE_PROBE_MS, groupBy),
  };
}

/** The gap signal per group on `grid`: the bucket counts, or head + tail per bucket (NaN where both are absent). */
async function fetchGapSignal(
  client: PromClient,
  total: string,
  grid: Grid,
  o: FetchOptions
): Promise<{ perBucket: boolean; byKey: Map<string, Float64Array>; edges?: Map<string, EdgeCounts> }> {
  const parts = await fetchGridParts(client, gapSignalParts(total, grid.step, o.groupBy ?? []), grid, o);
  const all = parts.get('all');
  if (all) {
    return { perBucket: true, byKey: all };
  }
  const edges = new Map<string, EdgeCounts>();
  for (const [name, byKey] of parts) {
    for (const [key, v] of byKey) {
      const e = edges.get(key) ?? { head: nanArray(grid.count), tail: nanArray(grid.count) };
      e[name as 'head' | 'tail'] = v;
      edges.set(key, e);
    }
  }
  const byKey = new Map([...edges].map(([key, e]) => [key, e.head.map((h, i) => addPresent(h, e.tail[i]))]));
  return { perBucket: false, byKey, edges };
}

interface EdgeCounts {
  head: Float64Array;
  tail: Float64Array;
}

const nanArray = (n: number) => new Float64Array(n).fill(NaN);
/** a + b where both are present, else the present one (PromQL's `(a + b) or a or b`). */
const addPresent = (a: number, b: number) => (a !== a ? b : b !== b ? a : a + b);

export interface ChartData {
  step: number;
  /**
   * The raw hourly totals of the chart's last FORECAST_WEEKS weeks (hourlyTail), up to the last whole hour: the
   * burn-down's forecast history, already read (forecast.ts: BurndownOptions.history).
   */
  hourly?: Map<string, TrafficHistory>;
  /** Where data starts being needed: the period start, `from - W`, or the fixed window's start. */
  dataFrom: number;
  groups: ChartGroup[];
}

/** The earliest instant whose events the window at `from` needs. */
export function dataStartFor(spec: SloSpec, from: number): number {
  switch (spec.window.kind) {
    case 'calendar':
      return periodStart(from, spec.window);
    case 'rolling':
      return from - spec.window.durationMs;
    case 'fixed':
      return Math.min(from, spec.window.from);
  }
}

/**
 * The chart's grid for a request: buckets of `step` ending at firstEnd .. lastEnd from the window's data start up to
 * min(to, now), a step that tiles the window's period edges (and divides a rolling window), at least `minStep`.
 */
export function chartGrid(spec: SloSpec, req: ChartRequest, minStep?: number) {
  const now = req.now ?? Date.now();
  const end = Math.min(req.to, now);
  const dataFrom = dataStartFor(spec, req.from);
  const w = spec.window;
  const edges = w.kind === 'calendar' ? periodBoundaries(dataFrom, end, w) : w.kind === 'fixed' ? [w.from, w.to] : [];
  const step = chooseStep({
    spanMs: end - req.from,
    targetBuckets: req.targetBuckets ?? 600,
    edges,
    divides: w.kind === 'rolling' ? [w.durationMs] : [],
    minStep,
  });
  const firstEnd = Math.floor(dataFrom / step) * step + step;
  const lastEnd = Math.floor(end / step) * step;
  const count = Math.max(0, Math.floor((lastEnd - firstEnd) / step) + 1);
  return { now, end, dataFrom, edges, step, firstEnd, lastEnd, count };
}

const HOUR = 3_600_000;

/**
 * Where the chart reads hours instead of steps (docs/semantics.md section 8): the forecast of a burn-down needs the
 * hourly totals of the FORECAST_WEEKS weeks before t (forecastHistoryGrid), which a chart of the same range already
 * reads at its coarser step. Per-step increases at step = range read each sample once whatever the step, so the chart
 * reads that tail at 1 h steps and sums its buckets from the hours: the same samples, and the history is free. Only
 * where a burn-down applies, the step is whole hours, the zone's hours are UTC hours and the chart covers the history.
 */
export function hourlyTail(
  spec: SloSpec,
  grid: { firstEnd: number; step: number; count: number },
  end: number
): { from: number; grid: Grid } | undefined {
  if (!hasBurndown(spec) || grid.step % HOUR !== 0) {
    return undefined;
  }
  const h = forecastHistoryGrid(end, forecastTimeZone(spec.window));
  const histStart = h.firstEnd - HOUR;
  const histEnd = h.firstEnd + (h.count - 1) * HOUR;
  const from = Math.floor(histStart / grid.step) * grid.step;
  const lastEnd = grid.firstEnd + (grid.count - 1) * grid.step;
  if (histStart % HOUR !== 0 || from < grid.firstEnd - grid.step || from >= lastEnd || histEnd < lastEnd) {
    return undefined;
  }
  return { from, grid: { firstEnd: from + HOUR, step: HOUR, count: Math.round((histEnd - from) / HOUR) } };
}

/** Sum of the present values of v[lo, hi) (NaN when none is). */
function sumPresent(v: Float64Array, lo: number, hi: number): number {
  let out = NaN;
  for (let i = lo; i < hi; i++) {
    out = addPresent(out, v[i]);
  }
  return out;
}

/** The chart's buckets on `grid`: the head's as read, then each later bucket the sum of its hours. */
function joinTail(grid: Grid, head: GroupBuckets[], tail: GroupBuckets[]): GroupBuckets[] {
  const keys = [...new Set([...head, ...tail].map((g) => g.key))].sort();
  const headOf = new Map(head.map((g) => [g.key, g.buckets]));
  const tailOf = new Map(tail.map((g) => [g.key, g.buckets]));
  return keys.map((key) => {
    const bad = nanArray(grid.count);
    const total = nanArray(grid.count);
    const h = headOf.get(key);
    if (h) {
      bad.set(h.bad.subarray(0, grid.count));
      total.set(h.total.subarray(0, grid.count));
    }
    const t = tailOf.get(key);
    if (t) {
      forTailBuckets(grid, t, (i, lo, hi) => {
        bad[i] = sumPresent(t.bad as Float64Array, lo, hi);
        total[i] = sumPresent(t.total as Float64Array, lo, hi);
      });
    }
    return { key, buckets: { firstEnd: grid.firstEnd, step: grid.step, bad, total } };
  });
}

/** For each bucket i of `grid` that the hourly `tail` covers: its hours [lo, hi) in the tail. */
function forTailBuckets(grid: Grid, tail: { firstEnd: number }, fn: (i: number, lo: number, hi: number) => void) {
  const k = grid.step / HOUR;
  for (let i = 0; i < grid.count; i++) {
    const lo = Math.round((grid.firstEnd + i * grid.step - tail.firstEnd) / HOUR) - k + 1;
    if (lo >= 0) {
      fn(i, lo, lo + k);
    }
  }
}

/**
 * The gap signal of buckets summed from hours: their own two ends' samples, less what the hour edges inside them miss
 * against the tail's typical edge (hourly buckets lose a gap's events at every hour edge, not only at the chart's).
 */
function joinTailSignal(
  grid: Grid,
  head: Map<string, Float64Array> | undefined,
  tail: { grid: Grid; edges?: Map<string, EdgeCounts> }
): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const [key, v] of head ?? []) {
    const a = nanArray(grid.count);
    a.set(v.subarray(0, grid.count));
    out.set(key, a);
  }
  for (const [key, e] of tail.edges ?? []) {
    const a = out.get(key) ?? nanArray(grid.count);
    out.set(key, a);
    // Samples around each hour edge j (between hours j - 1 and j), and their typical count.
    const around = e.head.map((h, j) => (j === 0 ? NaN : addPresent(e.tail[j - 1], h)));
    const seen = [...around].filter((x) => x > 0).sort((x, y) => x - y);
    const typical = seen.length ? seen[seen.length >> 1] : 0;
    forTailBuckets(grid, tail.grid, (i, lo, hi) => {
      let missing = 0;
      for (let j = lo + 1; j < hi; j++) {
        missing += Math.max(0, typical - (around[j] === around[j] ? around[j] : 0));
      }
      const ends = addPresent(e.head[lo], e.tail[hi - 1]);
      a[i] = missing === 0 ? ends : Math.max(0, (ends === ends ? ends : 0) - missing);
    });
  }
  return out;
}

/**
 * The chart's offer (chartPieces.ts): the settled pieces of the status at its end (window and lookbacks, as
 * evaluateSlo plans them) and of its own segments, with the counters' selectors whose edges decide.
 */
function offerChartPieces(
  client: PromClient,
  spec: SloSpec,
  segments: ReadonlyArray<{ start: number; end: number }>,
  end: number,
  o: FetchOptions & { now: number }
): PieceOffer & { selectors: string[] } {
  const counters = counterExprs(spec.indicator);
  const split = o.cache ? splitFor(counters, o) : undefined;
  const groupBy = o.groupBy ?? [];
  const plans: BatchPlan[] = [];
  if (split && counters.bad !== undefined) {
    try {
      const status = [
        windowAt(end, spec.window),
        ...statusLookbacks(spec, end).map((ms) => ({ start: end - ms, end })),
      ];
      plans.push(planBatch(counters, status, spec.exclusions, end, groupBy, undefined, split));
      if (segments.length) {
        plans.push(planBatch(counters, segments, [], segments[segments.length - 1].end, groupBy, undefined, split));
      }
    } catch {
      // A counter that does not parse: nothing offered; the chart's own queries name the field.
    }
  }
  const partOf = split && runPartOf(counters, groupBy, split);
  const offer = offerPieces(client, o.cache, counters.bad !== undefined, groupBy, plans, partOf);
  return { ...offer, selectors: plans.length ? [...new Set(split!.selectors)] : [] };
}

export async function loadBudgetChart(
  client: PromClient,
  spec: SloSpec,
  req: ChartRequest,
  opts: FetchOptions = {}
): Promise<ChartData> {
  if (
    spec.indicator.kind === 'composite' ||
    spec.indicator.kind === 'threshold' ||
    spec.budgetingMethod === 'timeslices'
  ) {
    throw new Error(`${spec.id}: budget charts support occurrence-based ratio and latency SLOs`);
  }
  const { now, end, dataFrom, edges, step, firstEnd, lastEnd, count } = chartGrid(spec, req);
  const grid = { firstEnd, step, count };
  const counters = counterExprs(spec.indicator);
  const o = { ...opts, groupBy: spec.groupBy, now };
  let segments: Array<{ start: number; end: number }> = [];
  if (!req.raw && count > 0) {
    const cuts = [firstEnd - step, ...edges.filter((e) => e > firstEnd - step && e < lastEnd), lastEnd];
    segments = cuts.slice(1).map((e, i) => ({ start: cuts[i], end: e }));
  }
  const tail = req.raw || req.hourlyTail === false || count === 0 ? undefined : hourlyTail(spec, grid, end);
  // With an hourly tail, the buckets up to its start at the chart's step, the rest summed from its hours.
  const head = tail ? { firstEnd, step, count: Math.round((tail.from - firstEnd) / step) + 1 } : grid;
  const grids = [head, ...(tail ? [tail.grid] : [])].filter((g) => g.count > 0);
  // Before the first await: offer the settled pieces the status and the segments' batch read (chartPieces.ts).
  const offer = offerChartPieces(client, spec, segments, end, o);
  let read: Array<{ grid: Grid; buckets: GroupBuckets[]; safe: boolean[] }>;
  let runs: Array<{ start: number; end: number }> = [];
  try {
    // Recorded mode (src/query/recordedChart.ts): the same buckets from the SLO's tiles when they answer.
    const recorded = await loadRecordedChart(client, spec, req, opts);
    if (recorded) {
      return recorded;
    }
    read = await Promise.all(
      grids.map(async (g) => {
        const [buckets, safe] = await Promise.all([
          fetchBuckets(client, counters, g, o, req.together || tail !== undefined || g !== head),
          // The offered pieces' inner edges: an edge check that fails only withdraws them.
          offer.size > 0 ? edgeVerdicts(client, offer.selectors, g, o).catch(() => []) : [],
        ]);
        return { grid: g, buckets, safe };
      })
    );
    runs = offer.settle(firstEnd - step, bucketEnds(read, firstEnd - step, Infinity));
  } finally {
    offer.withdraw(); // what was not settled (a recorded or failed chart): the status reads it
  }
  // One request for every segment's exact count; with a cache, its settled pieces are the ones offered above, from the
  // buckets, so the window is not read twice. The same request counts the runs of buckets around unsafe edges, which
  // complete the offered pieces holding them (a few buckets read, not the piece).
  const counted = segments.length
    ? batchedCounts(client, counters, [...segments, ...runs], [], segments[segments.length - 1].end, o)
    : Promise.resolve([]);
  offer.complete();
  const headBuckets = head.count > 0 ? read[0].buckets : [];
  const tailBuckets = tail ? read[read.length - 1].buckets : [];
  const fetched = tail ? joinTail(grid, headBuckets, tailBuckets) : headBuckets;

  const [exact, signal, tailSignal] = await Promise.all([
    counted,
    segments.length && head.count > 0 ? fetchGapSignal(client, counters.total, head, o) : undefined,
    segments.length && tail ? fetchGapSignal(client, counters.total, tail.grid, o) : undefined,
  ]);
  const samples =
    tail && tailSignal ? joinTailSignal(grid, signal?.byKey, { ...tailSignal, grid: tail.grid }) : signal?.byKey;
  const perBucket = signal?.perBucket ?? false;

  const groups = fetched.map(({ key, buckets }) => {
    const segs: ExactSegment[] = [];
    segments.forEach((s, i) => {
      const c = exact[i].get(key);
      if (c) {
        segs.push({ ...s, bad: c.bad, total: c.total });
      }
    });
    const reconciled = segs.length ? reconcileBuckets(buckets, segs, samples?.get(key)) : buckets;
    return {
      key,
      labels: groupLabels(key, spec.groupBy),
      buckets: reconciled,
      ...(perBucket ? { samples: samples?.get(key) } : { edgeSamples: samples?.get(key) }),
      series: budgetSeries(reconciled, spec.window, spec.objective, spec.exclusions),
    };
  });
  if (tail) {
    const hourly = new Map<string, TrafficHistory>();
    for (const g of tailBuckets) {
      hourly.set(g.key, { firstEnd: tail.grid.firstEnd, step: HOUR, total: g.buckets.total });
    }
    return { step, dataFrom, groups, hourly };
  }
  return { step, dataFrom, groups };
}
