// Burn-down at time t (docs/semantics.md section 4): exact counts of the elapsed part (start, t] (fetch.ts: exactCounts) and
// the forecast F(t, end] from one range query of hourly totals over the last 4 weeks, on a grid whose hours are whole
// hours in the SLO's zone: 672 points, one request, cached by fetchGrid once settled. For the overview that request
// reads bad with total (tagged, fetchBuckets `together`; in recorded mode the bad and total tiles' hourly sums), so its
// trend sums these hours instead of sending its own request (hourlyHistoryOf; docs/semantics.md section 8).
import {
  burndownFigures,
  createForecaster,
  forecastHistoryGrid,
  FORECAST_WEEKS,
  fullWindowAt,
  NO_BURNDOWN,
  windowAt,
  type BurndownFigures,
  type Buckets,
  type ForecastMethod,
  type TimeRange,
  type TrafficHistory,
} from '../engine';
import type { SloSpec, WindowSpec } from '../slo/types';
import { tagRole, type PromClient } from './client';
import { exactCounts, fetchBuckets, fetchGrid, type ExactCounts, type FetchOptions, type GroupBuckets } from './fetch';
import { groupLabels, type Grid } from './frames';
import { counterExprs, increaseQuery, type CounterExprs } from './promql';
import { recordedHourly, recordedHourlyBuckets, type RecordedTiles } from './recordedChart';

const HOUR = 3_600_000;
/** How long after a fixed window's end `hourlyBad` still reads bad hours: the overview trend's week. */
const HOURLY_BAD_AFTER_END_MS = 7 * 24 * HOUR;

export interface BurndownOptions extends FetchOptions {
  weeks?: number;
  /** Exact counts of the window at t already read (by the SLO status): reused, so the burn-down adds one request. */
  counts?: Map<string, ExactCounts> | Promise<Map<string, ExactCounts>>;
  /**
   * While the period runs, the history reads bad too, in the same request, and keeps its hours for the overview's trend
   * (hourlyHistoryOf). Only the overview asks: elsewhere they would be 4 weeks of bad read for nothing.
   */
  hourlyBad?: boolean;
  /** Recorded mode: the hourly history from this SLO's tiles (fetchTrafficHistory). */
  tilesOf?: RecordedTiles;
  /**
   * Hourly totals already read on the same grid's hours (the chart's hourly tail, or a burn-down curve's history):
   * the forecast takes its hours from them when they cover its grid, else reads its own (fetchTrafficHistory).
   */
  history?: Promise<Map<string, TrafficHistory> | undefined>;
}

/** The hours of `grid` cut out of hourly histories that cover them; undefined where they do not. */
export function historiesOn(
  histories: Map<string, TrafficHistory> | undefined,
  grid: Grid
): Map<string, TrafficHistory> | undefined {
  const first = histories?.values().next().value as TrafficHistory | undefined;
  if (!histories || !first || first.step !== HOUR) {
    return undefined;
  }
  const lo = (grid.firstEnd - first.firstEnd) / HOUR;
  if (!Number.isInteger(lo) || lo < 0 || lo + grid.count > first.total.length) {
    return undefined;
  }
  const out = new Map<string, TrafficHistory>();
  for (const [key, h] of histories) {
    const total = Float64Array.from(h.total).subarray(lo, lo + grid.count);
    out.set(key, { firstEnd: grid.firstEnd, step: HOUR, total });
  }
  return out;
}

/** The zone of the hour-of-week profile: the calendar window's; fixed windows have none and use UTC. */
export function forecastTimeZone(window: WindowSpec): string {
  return window.kind === 'calendar' ? window.timeZone : 'UTC';
}

/** The hourly grid of the `weeks` weeks before `from` up to `to`, its hours whole in timeZone at `to`. */
function historyGrid(range: { from: number; to: number }, timeZone: string, weeks = FORECAST_WEEKS): Grid {
  const last = forecastHistoryGrid(range.to, timeZone, weeks);
  const lastEnd = last.firstEnd + (last.count - 1) * HOUR;
  const extra = Math.max(0, Math.floor((lastEnd - range.from) / HOUR));
  return { firstEnd: last.firstEnd - extra * HOUR, step: HOUR, count: last.count + extra };
}

/**
 * Hourly totals per group for the `weeks` weeks before `from` up to `to` (from = to = t for one burn-down; from = the
 * chart's first point for a curve), on hours that are whole in timeZone at `to`: one range query of
 * `sum(increase(total[1h]))`, chunked and cached by fetchGrid. An hour without samples is NaN (the forecast skips it).
 */
export async function fetchTrafficHistory(
  client: PromClient,
  counters: CounterExprs,
  range: { from: number; to: number },
  timeZone: string,
  opts: FetchOptions & { weeks?: number; tilesOf?: RecordedTiles } = {}
): Promise<Map<string, TrafficHistory>> {
  const weeks = opts.weeks ?? FORECAST_WEEKS;
  // Recorded mode (src/query/recordedChart.ts): hourly sums of the SLO's tiles when they answer, on a shifted grid.
  const tiles = opts.tilesOf && (await recordedHourly(client, opts.tilesOf, range.to, weeks * 7 * 24 * HOUR));
  const grid = historyGrid(range, timeZone, weeks);
  const values = await tagRole(
    tiles
      ? fetchGrid(client, tiles.expr, { ...grid, firstEnd: grid.firstEnd + tiles.shiftMs }, opts)
      : fetchGrid(client, increaseQuery(counters.total, HOUR, opts.groupBy ?? []), grid, opts),
    'total'
  );
  const out = new Map<string, TrafficHistory>();
  for (const [key, total] of values) {
    out.set(key, { firstEnd: grid.firstEnd, step: HOUR, total });
  }
  return out;
}

/**
 * fetchTrafficHistory's hours with bad events too: both counters tagged in one request per chunk (fetchBuckets
 * `together`), same grid, cached the same way. Its totals are the forecast's history; its bad and total, the hours the
 * overview's trend sums.
 */
export async function fetchHourlyBuckets(
  client: PromClient,
  counters: CounterExprs,
  range: { from: number; to: number },
  timeZone: string,
  opts: FetchOptions & { weeks?: number; tilesOf?: RecordedTiles } = {}
): Promise<GroupBuckets[]> {
  const grid = historyGrid(range, timeZone, opts.weeks);
  // Recorded mode (src/query/recordedChart.ts): the hourly sums of the bad and total tiles when they answer.
  const tiles =
    opts.tilesOf && (await tagRole(recordedHourlyBuckets(client, opts.tilesOf, grid, range.to, opts), 'total'));
  return tiles ?? fetchBuckets(client, counters, grid, opts, true);
}

/** The hourly bad and total a burn-down read, by the figures it produced (a status' `burndown` keeps that object). */
const hourlyByFigures = new WeakMap<BurndownFigures, Buckets>();

/**
 * The hourly buckets (bad and total, the last 4 weeks up to the window's end) behind a status' burn-down figures, or
 * undefined (no burn-down, no data, or figures not made by loadBurndown). Kept beside the figures, not in them, so
 * statuses serialize as before.
 */
export function hourlyHistoryOf(burndown: BurndownFigures | undefined): Buckets | undefined {
  return burndown ? hourlyByFigures.get(burndown) : undefined;
}

export interface BurndownStatus {
  id: string;
  /** Label values of this group ({} for an ungrouped SLO). */
  group: Record<string, string>;
  /** The elapsed part (start, t] that was counted. */
  window: TimeRange;
  /** The whole period (start, end] whose allowance is estimated. */
  period: TimeRange;
  /** { remaining, allowedBad, usedBad, forecastTotal }, all null without data. */
  burndown: BurndownFigures;
  forecast: { method: ForecastMethod; historyHours: number };
  noData: boolean;
}

/** Whether the burn-down applies: calendar and fixed windows, occurrences of a ratio or latency indicator. */
export function hasBurndown(spec: SloSpec): boolean {
  return (
    spec.window.kind !== 'rolling' &&
    spec.budgetingMethod === 'occurrences' &&
    (spec.indicator.kind === 'ratio' || spec.indicator.kind === 'latency')
  );
}

/**
 * The burn-down of one SLO at t, per group; [] where it does not apply (rolling windows keep their budget; timeslices
 * already burn down; composites and threshold indicators have no event counts). Requests: one range query of 672
 * points (of total, with bad for `opts.hourlyBad` while the period runs), plus two instant queries (and two per exclusion) unless
 * `opts.counts` brings the window's exact counts.
 */
export async function loadBurndown(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: BurndownOptions = {}
): Promise<BurndownStatus[]> {
  if (!hasBurndown(spec)) {
    return [];
  }
  const counters = counterExprs(spec.indicator);
  const window = windowAt(t, spec.window);
  const period = fullWindowAt(t, spec.window);
  const timeZone = forecastTimeZone(spec.window);
  const o = { ...opts, groupBy: spec.groupBy };
  const at = { from: window.end, to: window.end };
  // Bad hours serve only a running period's trend on the overview; an ended period (a previous one on the detail page,
  // a fixed window past its end) reads its totals alone, as the forecast needs. Recorded mode reads both from the tiles
  // (tilesOf), never raw.
  // A fixed window that ended within the last week reads them too: the overview's trend still draws its last days.
  const hourlyBad = opts.hourlyBad && (window.end < period.end || t - window.end < HOURLY_BAD_AFTER_END_MS);
  if (!hourlyBad) {
    // Only the hourly buckets' read reports its newest tile (recordedHourlyBuckets): none to wait for.
    opts.tilesOf?.onTile?.(undefined);
  }
  const [counts, read] = await Promise.all([
    opts.counts ?? exactCounts(client, counters, window, spec.exclusions, o),
    hourlyBad
      ? fetchHourlyBuckets(client, counters, at, timeZone, o)
      : opts.history
      ? opts.history.then(
          (h) =>
            historiesOn(h, historyGrid(at, timeZone, opts.weeks)) ??
            fetchTrafficHistory(client, counters, at, timeZone, o)
        )
      : fetchTrafficHistory(client, counters, at, timeZone, o),
  ]);
  const hours = Array.isArray(read) ? new Map(read.map((g) => [g.key, g.buckets])) : undefined;
  const histories: Map<string, TrafficHistory> = hours ?? (read as Map<string, TrafficHistory>);
  const keys = [...counts.keys()].sort();
  if (keys.length === 0) {
    keys.push('');
  }
  return keys.map((key) => {
    const c = counts.get(key);
    const base = { id: spec.id, group: groupLabels(key, spec.groupBy), window, period };
    if (!c) {
      return { ...base, burndown: NO_BURNDOWN, forecast: { method: 'none', historyHours: 0 }, noData: true };
    }
    const history = histories.get(key) ?? { firstEnd: window.end, step: HOUR, total: [] };
    const forecaster = createForecaster(history, { timeZone, weeks: opts.weeks, exclusions: spec.exclusions });
    const f = forecaster.at(window.end, period.end, { start: window.start, total: c.total });
    const figures = burndownFigures(c, f.total, spec.objective);
    const hourly = hours?.get(key);
    if (hourly && figures !== NO_BURNDOWN) {
      hourlyByFigures.set(figures, hourly);
    }
    return {
      ...base,
      burndown: figures,
      forecast: { method: f.method, historyHours: f.historyHours },
      noData: false,
    };
  });
}
