// Burn-down (docs/semantics.md section 4): Â(t) = (1 - target) x (total(start, t] + F(t, end]) and
// burndown(t) = 1 - bad(start, t] / Â(t), for calendar and fixed windows (occurrences). Exactly 1 at the period start, it
// falls with every bad event, otherwise moves only by the forecast's error, and at the period's end (F empty) equals the
// exact period result. The ideal line falls straight from 1 at the start to 0 (the whole allowance spent) at the end.
import type { CalendarWindow, Exclusion, FixedWindow, WindowSpec } from '../slo/types';
import { createForecaster, type ForecastMethod, type TrafficHistory } from './forecast';
import { prefixSums, type PrefixSums } from './prefix';
import { windowStartIndices } from './series';
import { timeslicesBudgetAt } from './timeslices';
import { bucketCount, type Buckets, type EventCounts } from './types';
import { nextPeriodStart, periodStart } from './windows';

/** The burn-down figures at t; the names are those of `budget --output json`'s `burndown` object. */
export interface BurndownFigures {
  /** 1 - usedBad / allowedBad; may go below 0 (overspent). null without data. */
  remaining: number | null;
  /** Â(t) = (1 - target) x (total(start, t] + forecastTotal): the period's estimated allowance of bad events. */
  allowedBad: number | null;
  /** bad(start, t]. */
  usedBad: number | null;
  /** F(t, end]: events expected in the rest of the period. */
  forecastTotal: number | null;
}

export const NO_BURNDOWN: BurndownFigures = { remaining: null, allowedBad: null, usedBad: null, forecastTotal: null };

/**
 * Burn-down from the counts of the elapsed part (start, t] and the forecast of the rest. `hasData` false (no series for
 * total) gives "no data", never 100%. Nothing counted and nothing forecast (no traffic known at all) spends nothing: 1.
 */
export function burndownFigures(
  elapsed: EventCounts,
  forecastTotal: number,
  target: number,
  hasData = true
): BurndownFigures {
  if (!hasData || !Number.isFinite(elapsed.total) || !Number.isFinite(elapsed.bad) || !Number.isFinite(forecastTotal)) {
    return NO_BURNDOWN;
  }
  const allowedBad = (1 - target) * (elapsed.total + forecastTotal);
  const remaining = allowedBad > 0 ? 1 - elapsed.bad / allowedBad : 1;
  return { remaining, allowedBad, usedBad: elapsed.bad, forecastTotal };
}

/** The ideal burn-down at t in the period (start, end]: 1 at the start, 0 at the end, straight in time. */
export function idealBurndown(t: number, start: number, end: number): number {
  if (!(end > start)) {
    return 0;
  }
  return 1 - Math.min(1, Math.max(0, (t - start) / (end - start)));
}

export interface BurndownSeries {
  /** Bucket ends, ascending. */
  time: Float64Array;
  /** Burn-down at each bucket end; NaN = no data (or before a fixed window opens). */
  remaining: Float64Array;
  usedBad: Float64Array;
  allowedBad: Float64Array;
  forecastTotal: Float64Array;
  /** The ideal straight line of the bucket's period. */
  ideal: Float64Array;
  /** How each point's forecast was made. */
  method: ForecastMethod[];
  /** 1 where the bucket is excluded. */
  excluded: Uint8Array;
  /** Period starts inside the range, where both curves restart at exactly 1 (see withResetPoints). */
  resets: number[];
}

export interface BurndownSeriesOptions {
  exclusions?: readonly Exclusion[];
  /** Zone of the hour-of-week profile for fixed windows (calendar windows use their own zone). Default UTC. */
  timeZone?: string;
  weeks?: number;
  prefix?: PrefixSums;
}

/**
 * The burn-down at each bucket end (the bucket ending on a boundary closes the old period, as in budgetSeries), with
 * counts from the buckets (excluded buckets removed, as budgetSeries does) and F from the hourly history known at each
 * point. `history` should cover the weeks before the first bucket up to the last one.
 */
export function burndownSeries(
  b: Buckets,
  window: CalendarWindow | FixedWindow,
  target: number,
  history: TrafficHistory,
  opts: BurndownSeriesOptions = {}
): BurndownSeries {
  const n = bucketCount(b);
  const exclusions = opts.exclusions ?? [];
  const prefix = opts.prefix ?? prefixSums(b, exclusions);
  const { start: startIdx, end: endIdx, resets } = windowStartIndices(b, window);
  const forecaster = createForecaster(history, {
    timeZone: window.kind === 'calendar' ? window.timeZone : opts.timeZone ?? 'UTC',
    weeks: opts.weeks,
    exclusions,
  });
  const out: BurndownSeries = {
    time: new Float64Array(n),
    remaining: new Float64Array(n).fill(NaN),
    usedBad: new Float64Array(n).fill(NaN),
    allowedBad: new Float64Array(n).fill(NaN),
    forecastTotal: new Float64Array(n).fill(NaN),
    ideal: new Float64Array(n).fill(NaN),
    method: new Array<ForecastMethod>(n).fill('none'),
    excluded: prefix.excluded,
    resets,
  };
  const { bad: pb, total: pt, known: pk } = prefix;
  let periodFor = NaN;
  let period = { start: 0, end: 0 };
  for (let i = 0; i < n; i++) {
    const t = b.firstEnd + i * b.step;
    out.time[i] = t;
    const lo = startIdx[i];
    if (lo < 0) {
      continue;
    }
    if (window.kind === 'fixed') {
      period = { start: window.from, end: window.to };
    } else if (lo !== periodFor) {
      const start = periodStart(t - 1, window);
      period = { start, end: nextPeriodStart(start, window) };
      periodFor = lo;
    }
    const hi = endIdx[i] + 1;
    const total = pt[hi] - pt[lo];
    if (!(total > 0) && pk[hi] - pk[lo] <= 0) {
      continue;
    }
    const bad = pb[hi] - pb[lo];
    const at = Math.min(t, period.end);
    const f = forecaster.at(at, period.end, { start: period.start, total });
    const fig = burndownFigures({ bad, total }, f.total, target);
    out.remaining[i] = fig.remaining!;
    out.usedBad[i] = bad;
    out.allowedBad[i] = fig.allowedBad!;
    out.forecastTotal[i] = f.total;
    out.ideal[i] = idealBurndown(at, period.start, period.end);
    out.method[i] = f.method;
  }
  return out;
}

const HOUR_MS = 3_600_000;

/**
 * Hourly totals (the forecast's TrafficHistory) from chart buckets, for callers that have no hourly range query (the
 * panel's query mode). Steps that divide an hour are summed into hours aligned like `hourEndOffset` (the end of an hour in
 * the profile's zone, mod 1 h: 0 for whole-hour zones, 30 min for +05:30); an hour missing a bucket's data is NaN (the
 * forecast skips it). Steps of whole hours are spread evenly over their hours. Other steps give no history (the forecast
 * then uses the elapsed part's rate, docs/semantics.md section 4).
 */
export function hourlyHistory(b: Buckets, hourEndOffset = 0): TrafficHistory {
  const n = bucketCount(b);
  if (n === 0 || !(b.step > 0)) {
    return { firstEnd: b.firstEnd, step: HOUR_MS, total: [] };
  }
  if (b.step % HOUR_MS === 0) {
    const per = b.step / HOUR_MS;
    const total: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < per; k++) {
        total.push(b.total[i] / per);
      }
    }
    return { firstEnd: b.firstEnd - b.step + HOUR_MS, step: HOUR_MS, total };
  }
  if (HOUR_MS % b.step !== 0) {
    return { firstEnd: b.firstEnd, step: HOUR_MS, total: [] };
  }
  const mod = (x: number) => ((x % HOUR_MS) + HOUR_MS) % HOUR_MS;
  const hourEnd = (t: number) => t + mod(hourEndOffset - t);
  const firstEnd = hourEnd(b.firstEnd);
  const total: number[] = [];
  const seen: number[] = [];
  for (let i = 0; i < n; i++) {
    const end = b.firstEnd + i * b.step;
    const h = Math.round((hourEnd(end) - firstEnd) / HOUR_MS);
    while (total.length <= h) {
      total.push(0);
      seen.push(0);
    }
    const v = b.total[i];
    total[h] += v === v ? v : NaN;
    seen[h]++;
  }
  const perHour = HOUR_MS / b.step;
  // Hours only partly covered by the buckets (the first and last) are unknown, not small.
  return { firstEnd, step: HOUR_MS, total: total.map((v, h) => (seen[h] === perHour ? v : NaN)) };
}

/**
 * Timeslices already burn down (docs/semantics.md section 4): the allowance is (1 - target) x the slices of the whole
 * window at t (excluded slices removed), known in advance, so it has no forecast.
 */
export function timesliceAllowedBad(
  window: WindowSpec,
  t: number,
  target: number,
  sliceMs: number,
  exclusions: readonly Exclusion[] = []
): number {
  // An empty slice grid: timeslicesBudgetAt then only counts the window's slices, the one place that rule lives.
  const empty = { firstEnd: t, step: sliceMs, verdict: new Int8Array(0) };
  return (1 - target) * timeslicesBudgetAt(empty, window, t, target, 'ignore', exclusions).slicesInWindow;
}
