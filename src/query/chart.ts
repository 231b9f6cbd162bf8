// Budget charts (docs/semantics.md sections 3 and 8): per-step buckets from the window's data start, reconciled per
// segment with exact instant counts so a scrape gap's events are not lost, then the engine's budget series. Per-step
// increases lose events only where a gap straddles a bucket edge (inside a bucket, sample-to-sample differences keep
// them), so the samples of total are counted only within EDGE_PROBE_MS of each bucket's two ends: the buckets beside an
// edge that misses samples get the segment's shortfall (reconcile.ts). That reads a few samples per series per
// bucket instead of every sample again; steps too short for it count each bucket's samples.
import {
  budgetSeries,
  periodBoundaries,
  periodStart,
  reconcileBuckets,
  type BudgetSeries,
  type Buckets,
  type ExactSegment,
} from '../engine';
import type { SloSpec } from '../slo/types';
import type { PromClient } from './client';
import { batchedCounts } from './batch';
import { fetchBuckets, fetchGrid, type FetchOptions } from './fetch';
import { groupLabels } from './frames';
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
 * is shared between them rather than all put after the edge. Either side may be absent (no sample there): `or` keeps
 * the other.
 */
function gapSignalQuery(
  total: string,
  step: number,
  groupBy: readonly string[]
): { query: string; perBucket: boolean } {
  if (step <= EDGE_COUNT_MAX_STEP_MS) {
    return { query: sampleCountQuery(total, step, groupBy), perBucket: true };
  }
  const head = sampleCountQuery(total, EDGE_PROBE_MS, groupBy, step - EDGE_PROBE_MS);
  const tail = sampleCountQuery(total, EDGE_PROBE_MS, groupBy);
  return { query: `(${head} + ${tail}) or ${head} or ${tail}`, perBucket: false };
}

export interface ChartData {
  step: number;
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
  // Recorded mode (src/query/recordedChart.ts): the same buckets from the SLO's tiles when they answer.
  const recorded = await loadRecordedChart(client, spec, req, opts);
  if (recorded) {
    return recorded;
  }
  const { now, dataFrom, edges, step, firstEnd, lastEnd, count } = chartGrid(spec, req);
  const grid = { firstEnd, step, count };
  const counters = counterExprs(spec.indicator);
  const o = { ...opts, groupBy: spec.groupBy, now };
  const fetched = count > 0 ? await fetchBuckets(client, counters, grid, o, req.together) : [];

  let segments: Array<{ start: number; end: number }> = [];
  if (!req.raw && count > 0) {
    const cuts = [firstEnd - step, ...edges.filter((e) => e > firstEnd - step && e < lastEnd), lastEnd];
    segments = cuts.slice(1).map((e, i) => ({ start: cuts[i], end: e }));
  }
  // One request for every segment's exact count; with a cache, the settled part of each is the very piece the status
  // read (split counts, docs/semantics.md section 8), so the window is not read twice.
  const signal = gapSignalQuery(counters.total, step, spec.groupBy);
  const [exact, samples] = await Promise.all([
    segments.length ? batchedCounts(client, counters, segments, [], segments[segments.length - 1].end, o) : [],
    segments.length ? fetchGrid(client, signal.query, grid, o) : Promise.resolve(undefined),
  ]);

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
      ...(signal.perBucket ? { samples: samples?.get(key) } : { edgeSamples: samples?.get(key) }),
      series: budgetSeries(reconciled, spec.window, spec.objective, spec.exclusions),
    };
  });
  return { step, dataFrom, groups };
}
