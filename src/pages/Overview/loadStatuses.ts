// The overview's figures: each valid SLO's status at t from the one status service (src/query/status.ts: one batched
// query of exact counts per SLO, docs/semantics.md section 8, plus the burn-down's range query for calendar and fixed
// windows) against its Prometheus data source through Grafana (GrafanaPromClient), a few SLOs at a time. Each SLO is
// evaluated once per load (a composite reuses its components' statuses); each row arrives as soon as it is known; a
// failing SLO shows its error and the others go on. Trends come after every figure, so they never delay a status:
// calendar and fixed windows sum the burn-down's hourly bad and total (read with the status, no request of their own);
// the others send one coarse range query (bad and total tagged in one request, 6 h steps, settled points cached).
// No Grafana import here (the defaults over Grafana's data proxy are in grafanaStatusDeps.ts), so the benchmark runs
// this very loader in Node.
import { budgetSeries, windowAt } from '../../engine';
import {
  chooseStep,
  counterExprs,
  fetchBuckets,
  groupKey,
  hourlyHistoryOf,
  loadBudgetChart,
  type ChunkCache,
  type GroupBuckets,
  type EvaluateOptions,
  type PromClient,
  type SloStatus,
} from '../../query';
import type { SloSpec } from '../../slo';
import { errorRow, rowFromStatuses, type OverviewRow, type TrendPoints } from './domain/overviewRow';
import { bucketsFromRecent, sumBuckets, worstTrend } from './domain/trend';

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
 * The trend's buckets on `grid` summed from the hourly bad and total the statuses' burn-downs read (src/query/forecast.ts:
 * hourlyHistoryOf), one per group with counts; undefined unless every such group has hours covering the grid.
 */
function recentFromHistory(
  statuses: readonly SloStatus[],
  spec: SloSpec,
  grid: { firstEnd: number; step: number; count: number }
): GroupBuckets[] | undefined {
  const out: GroupBuckets[] = [];
  for (const s of statuses) {
    if (s.bad === null || s.total === null) {
      continue;
    }
    const hourly = hourlyHistoryOf(s.burndown);
    const buckets = hourly && sumBuckets(hourly, grid);
    if (!buckets) {
      return undefined;
    }
    out.push({ key: groupKey(s.group, spec.groupBy), buckets });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Budget trend of the worst group over the last TREND_SPAN_MS: raw per-step counts (no reconciliation, a sketch). With
 * the SLO's statuses at t (calendar and fixed windows without exclusions, the window older than the trend), only the
 * trend's own span is counted: the rest of the window comes from the statuses' exact counts (domain/trend.ts:
 * bucketsFromRecent), and that span's counts are the burn-down's hours summed (no request), or else one request of
 * both counters. Otherwise the buckets are read from the window's start.
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
  const from = t - TREND_SPAN_MS;
  const window = windowAt(t, spec.window);
  if (statuses && spec.window.kind !== 'rolling' && spec.exclusions.length === 0 && window.start < from) {
    const step = chooseStep({ spanMs: TREND_SPAN_MS, targetBuckets: TREND_POINTS, edges: [window.start] });
    const firstEnd = window.start + (Math.floor((from - window.start) / step) + 1) * step;
    const count = Math.floor((t - firstEnd) / step) + 1;
    const grid = { firstEnd, step, count };
    const recent =
      count > 0 && (firstEnd - window.start) % step === 0
        ? recentFromHistory(statuses, spec, grid) ??
          (await fetchBuckets(
            client,
            counterExprs(spec.indicator),
            grid,
            { cache: chunkCache, now: t, groupBy: spec.groupBy },
            true
          ))
        : [];
    const series = recent.flatMap(({ key, buckets }) => {
      const s = statuses.find((x) => groupKey(x.group, spec.groupBy) === key);
      const all =
        s && s.bad !== null && s.total !== null
          ? bucketsFromRecent(buckets, window.start, { bad: s.bad, total: s.total })
          : null;
      return all ? [budgetSeries(all, spec.window, spec.objective, spec.exclusions)] : [];
    });
    if (series.length > 0) {
      return worstTrend(series, from, step);
    }
  }
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
