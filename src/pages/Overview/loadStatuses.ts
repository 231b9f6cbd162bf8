// The overview's figures: each valid SLO's status at t from the one status service (src/query/status.ts: one batched
// query of exact counts per SLO, docs/semantics.md section 8, plus the burn-down's range query for calendar and fixed
// windows) against its Prometheus data source through Grafana (GrafanaPromClient), a few SLOs at a time. Each SLO is
// evaluated once per load (a composite reuses its components' statuses); each row arrives as soon as it is known; a
// failing SLO shows its error and the others go on. Trends come after every figure, so they never delay a status:
// calendar and fixed windows sum the burn-down's hourly bad and total (read with the status, no request of their own,
// exclusions and young or ended windows included); rolling windows send one coarse range query (bad and total tagged
// in one request, 6 h steps, settled points cached): 2 requests per SLO of either kind (docs/app.md).
// No Grafana import here (the defaults over Grafana's data proxy are in grafanaStatusDeps.ts), so the benchmark runs
// this very loader in Node.
import { budgetSeries, windowAt, type BudgetSeries } from '../../engine';
import {
  chooseStep,
  hourlyHistoryOf,
  loadBudgetChart,
  type ChunkCache,
  type EvaluateOptions,
  type PromClient,
  type SloStatus,
} from '../../query';
import type { SloSpec } from '../../slo';
import { errorRow, rowFromStatuses, type OverviewRow, type TrendPoints } from './domain/overviewRow';
import { trendBuckets, trendOn, worstTrend } from './domain/trend';

/**
 * The performance mark the overview sets when its scene mounts (npm run bench:overview times from it: inside Grafana
 * the app mounts in a Grafana that is already running, so the page's own boot is not the app's cost).
 */
export const OVERVIEW_MOUNT_MARK = 'burndown:overview-mounted';

/**
 * `npm run bench:overview`'s knob (BENCH_CONCURRENCY): SLOs evaluated at once, from the page's localStorage, so the
 * bench compares 4, 8 and 16 on one build (grafanaStatusDeps.ts reads it; unset outside the bench).
 */
export const BENCH_CONCURRENCY_KEY = 'burndown.bench.overviewConcurrency';

/**
 * SLOs evaluated at once: each costs two or three requests, and Grafana's data proxy is shared with dashboards. 8: at
 * 200 recorded SLOs all rows took 38 s from the mount against 75 and 79 s at 4, once the page was cheap
 * (docs/performance.md, "Rendering only what is in view"); still in display order.
 */
export const OVERVIEW_CONCURRENCY = 8;

/** The trend's span and resolution: a week in 28 points. */
export const TREND_SPAN_MS = 7 * 24 * 3600_000;
export const TREND_POINTS = 28;

export interface StatusDeps {
  /** SLOs evaluated at once; OVERVIEW_CONCURRENCY when absent. */
  concurrency?: number;
  clientFor: (spec: SloSpec) => PromClient;
  evaluate: (client: PromClient, spec: SloSpec, t: number, opts: EvaluateOptions) => Promise<SloStatus[]>;
  /** The budget trend of an SLO, or undefined where there is none (composites, thresholds, timeslices). */
  trend?: (
    client: PromClient,
    spec: SloSpec,
    t: number,
    statuses?: readonly SloStatus[]
  ) => Promise<TrendPoints | undefined>;
}

/**
 * Budget trend of the worst group over the last TREND_SPAN_MS (raw per-step counts, no reconciliation: a sketch).
 * Calendar and fixed windows with the SLO's statuses at t send no request (trendFromStatuses); rolling windows, and
 * callers without statuses, read it (chartTrend: one request).
 */
export async function loadTrend(
  client: PromClient,
  spec: SloSpec,
  t: number,
  chunkCache?: ChunkCache,
  statuses?: readonly SloStatus[]
): Promise<TrendPoints | undefined> {
  if (
    spec.indicator.kind === 'composite' ||
    spec.indicator.kind === 'threshold' ||
    spec.budgetingMethod === 'timeslices'
  ) {
    return undefined;
  }
  if (statuses && spec.window.kind !== 'rolling') {
    return trendFromStatuses(spec, t, statuses);
  }
  return chartTrend(client, spec, t, chunkCache);
}

/**
 * The trend of a calendar or fixed window from what its statuses read, no request: the remaining budget series
 * (engine budgetSeries, exclusions included) over the window's buckets on the trend's step, summed from the
 * burn-down's hours and the statuses' exact counts (domain/trend.ts: trendBuckets). Points before the window's start
 * (its first days) are NaN: the previous period is not read again. A window that ended before the trend's span is
 * the flat line of its final figure (the status'); one not started has no trend. Undefined where a group's hours are
 * missing or do not line up with the trend's step (e.g. a fixed window starting off the hour): no trend, no extra read.
 */
export function trendFromStatuses(spec: SloSpec, t: number, statuses: readonly SloStatus[]): TrendPoints | undefined {
  const from = t - TREND_SPAN_MS;
  const window = windowAt(t, spec.window);
  if (!(window.end > window.start)) {
    return undefined;
  }
  const step = chooseStep({ spanMs: TREND_SPAN_MS, targetBuckets: TREND_POINTS, edges: [window.start] });
  const time: number[] = [];
  for (let x = window.start + (Math.floor((from - window.start) / step) + 1) * step; x <= t; x += step) {
    time.push(x);
  }
  const counted = statuses.filter((s) => s.bad !== null && s.total !== null);
  if (window.end <= from) {
    const worst = Math.min(...counted.map((s) => s.remaining ?? Infinity));
    return Number.isFinite(worst) ? { time, value: time.map(() => worst), stepMs: step } : undefined;
  }
  const series: BudgetSeries[] = [];
  for (const s of counted) {
    const hours = hourlyHistoryOf(s.burndown);
    const b =
      hours && trendBuckets(hours, window, { step, from, t }, { bad: s.bad!, total: s.total! }, spec.exclusions);
    if (!b) {
      return undefined;
    }
    series.push(budgetSeries(b, spec.window, spec.objective, spec.exclusions));
  }
  const trend = worstTrend(series, from, step);
  return trend && trendOn(trend, time);
}

/** The trend read on its own (one range query of bad and total tagged, 6 h steps, settled points cached). */
export async function chartTrend(
  client: PromClient,
  spec: SloSpec,
  t: number,
  chunkCache?: ChunkCache
): Promise<TrendPoints | undefined> {
  const from = t - TREND_SPAN_MS;
  const chart = await loadBudgetChart(
    client,
    spec,
    { from, to: t, now: t, targetBuckets: TREND_POINTS, raw: true, together: true },
    { cache: chunkCache }
  );
  return worstTrend(
    chart.groups.map((g) => g.series),
    from,
    chart.step
  );
}

interface Picker<T> {
  size: number;
  next: () => T | undefined;
}

/**
 * The items in `first()`'s order of ids, asked again at each pick (the page's display order, rows on screen first, so
 * what a user sees loads first even after a sort or a scroll); items it does not name follow in their own order.
 */
function picker<T extends { id: string }>(items: readonly T[], first?: () => readonly string[]): Picker<T> {
  const left = new Map(items.map((x) => [x.id, x]));
  return {
    size: items.length,
    next: () => {
      const id = first?.().find((i) => left.has(i)) ?? left.keys().next().value;
      const item = id === undefined ? undefined : left.get(id);
      left.delete(id ?? '');
      return item;
    },
  };
}

async function pool<T>(items: Picker<T>, size: number, isCancelled: () => boolean, work: (item: T) => Promise<void>) {
  const worker = async () => {
    for (let item = items.next(); item !== undefined && !isCancelled(); item = items.next()) {
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.size) }, worker));
}

export async function loadStatuses(
  slos: readonly SloSpec[],
  t: number,
  onRow: (row: OverviewRow) => void,
  deps: StatusDeps,
  isCancelled: () => boolean = () => false,
  onTrend?: (id: string, trend: TrendPoints | undefined) => void,
  /** SLO ids in the order to evaluate them, asked before each one (the overview's rows as shown, on screen first). */
  first?: () => readonly string[]
): Promise<void> {
  // Statuses of this load by SLO id, so a composite and its components are each evaluated once.
  const evaluated = new Map<string, Promise<SloStatus[]>>();
  const ok: SloSpec[] = [];
  const statusesOf = new Map<string, SloStatus[]>();
  const size = deps.concurrency ?? OVERVIEW_CONCURRENCY;
  await pool(picker(slos, first), size, isCancelled, async (spec) => {
    let row: OverviewRow;
    try {
      // hourlyBad: the burn-down's history brings the trend's hours (loadTrend), so a trend sends no request.
      const statuses: SloStatus[] = await deps.evaluate(deps.clientFor(spec), spec, t, {
        all: slos,
        evaluated,
        hourlyBad: true,
      });
      row = rowFromStatuses(spec, statuses);
      ok.push(spec);
      statusesOf.set(spec.id, statuses);
    } catch (e) {
      row = errorRow(spec, e instanceof Error ? e.message : String(e));
    }
    if (!isCancelled()) {
      onRow(row);
    }
  });
  const trend = deps.trend;
  if (!onTrend || !trend) {
    return;
  }
  await pool(picker(ok, first), size, isCancelled, async (spec) => {
    let points: TrendPoints | undefined;
    try {
      points = await trend(deps.clientFor(spec), spec, t, statusesOf.get(spec.id));
    } catch {
      // A trend is decoration: its row already shows the status, or the status' own error.
      points = undefined;
    }
    if (!isCancelled()) {
      onTrend(spec.id, points);
    }
  });
}
