// The overview's figures: each valid SLO's status at t from the one status service (src/query/status.ts: one batched
// query of exact counts per SLO, docs/semantics.md section 8, plus the burn-down's range query for calendar and fixed
// windows) against its Prometheus data source through Grafana (GrafanaPromClient), a few SLOs at a time. Each SLO is
// evaluated once per load (a composite reuses its components' statuses); each row arrives as soon as it is known; a
// failing SLO shows its error and the others go on. A row's trend comes as early as it can: calendar and fixed
// windows sum the burn-down's hourly bad and total (read with the status, no request of their own, exclusions and
// young or ended windows included), so their trend comes with the row; rolling windows send one coarse range query
// (bad and total tagged in one request, 6 h steps, settled points cached), a task of the same pool, after the figures
// of the rows on screen and before the other rows' figures when its row is on screen: 2 requests per SLO of either
// kind (docs/app.md).
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
import type { LoadOrder } from './domain/overviewQuery';
import {
  errorRow,
  hasTrend,
  NO_TREND,
  rowFromStatuses,
  type OverviewRow,
  type TrendPoints,
} from './domain/overviewRow';
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
  if (!hasTrend(spec)) {
    return undefined;
  }
  if (!trendNeedsRequest(spec, statuses)) {
    return trendFromStatuses(spec, t, statuses!);
  }
  return chartTrend(client, spec, t, chunkCache);
}

/** Whether loadTrend sends a request: rolling windows, and callers without the SLO's statuses (of an SLO with a trend). */
export function trendNeedsRequest(spec: SloSpec, statuses?: readonly SloStatus[]): boolean {
  return hasTrend(spec) && !(statuses && spec.window.kind !== 'rolling');
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

type Task = { kind: 'figures'; spec: SloSpec } | { kind: 'trend'; spec: SloSpec; statuses: SloStatus[] };

/**
 * The load's work, picked in `order()`'s order asked again at each pick (so a scroll or a sort reorders what is left):
 * figures of the rows on screen, then their trends, then the other rows' figures, then their trends. A trend is a
 * task once its SLO's figures are in (addTrend); tasks `order` does not name follow, figures first.
 */
function scheduler(slos: readonly SloSpec[], order?: () => LoadOrder) {
  const figures = new Map(slos.map((spec) => [spec.id, spec]));
  const trends = new Map<string, { spec: SloSpec; statuses: SloStatus[] }>();
  const take = <T>(left: Map<string, T>, ids: Iterable<string>): T | undefined => {
    for (const id of ids) {
      const x = left.get(id);
      if (x !== undefined) {
        left.delete(id);
        return x;
      }
    }
    return undefined;
  };
  return {
    addTrend: (spec: SloSpec, statuses: SloStatus[]) => trends.set(spec.id, { spec, statuses }),
    next: (): Task | undefined => {
      const o = order?.() ?? { onScreen: [], rest: [] };
      const f = (ids: Iterable<string>) => {
        const spec = take(figures, ids);
        return spec && ({ kind: 'figures', spec } as const);
      };
      const tr = (ids: Iterable<string>) => {
        const x = take(trends, ids);
        return x && ({ kind: 'trend', ...x } as const);
      };
      return f(o.onScreen) ?? tr(o.onScreen) ?? f(o.rest) ?? tr(o.rest) ?? f(figures.keys()) ?? tr(trends.keys());
    },
  };
}

/**
 * Evaluates every SLO and delivers its row (onRow) as soon as it is known, `concurrency` SLO tasks at a time, each SLO
 * once. A trend that needs no request (hasTrend false; calendar and fixed windows: trendFromStatuses) comes with its
 * row; a rolling window's (one request) is a task of its own, delivered by onTrend, after the figures of rows on
 * screen and before the other rows' figures when its row is on screen (scheduler). A failed trend is decoration: no
 * trend, the row keeps its status. Nothing is delivered once cancelled.
 */
export async function loadStatuses(
  slos: readonly SloSpec[],
  t: number,
  onRow: (row: OverviewRow) => void,
  deps: StatusDeps,
  isCancelled: () => boolean = () => false,
  onTrend?: (id: string, trend: TrendPoints | undefined) => void,
  /** SLO ids in the order to load them, asked before each task (the overview's rows as shown, on screen first). */
  order?: () => LoadOrder
): Promise<void> {
  // Statuses of this load by SLO id, so a composite and its components are each evaluated once.
  const evaluated = new Map<string, Promise<SloStatus[]>>();
  const tasks = scheduler(slos, order);
  const trend = async (spec: SloSpec, statuses: SloStatus[]): Promise<TrendPoints | undefined> => {
    try {
      return await deps.trend?.(deps.clientFor(spec), spec, t, statuses);
    } catch {
      // A trend is decoration: its row already shows the status.
      return undefined;
    }
  };
  const figures = async (spec: SloSpec) => {
    let row: OverviewRow;
    try {
      // hourlyBad: the burn-down's history brings the trend's hours (loadTrend), so a trend sends no request.
      const statuses: SloStatus[] = await deps.evaluate(deps.clientFor(spec), spec, t, {
        all: slos,
        evaluated,
        hourlyBad: true,
      });
      row = rowFromStatuses(spec, statuses);
      if (!deps.trend || !trendNeedsRequest(spec, statuses)) {
        row.trend = (await trend(spec, statuses)) ?? NO_TREND;
      } else if (onTrend) {
        tasks.addTrend(spec, statuses);
      }
    } catch (e) {
      row = errorRow(spec, e instanceof Error ? e.message : String(e));
    }
    if (!isCancelled()) {
      onRow(row);
    }
  };
  const worker = async () => {
    for (let task = tasks.next(); task !== undefined && !isCancelled(); task = tasks.next()) {
      if (task.kind === 'figures') {
        await figures(task.spec);
      } else {
        const points = await trend(task.spec, task.statuses);
        if (!isCancelled()) {
          onTrend?.(task.spec.id, points);
        }
      }
    }
  };
  // A worker that finds nothing to do stops; a trend added later is added by a worker still running, which picks it.
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? OVERVIEW_CONCURRENCY, slos.length) }, worker));
}
