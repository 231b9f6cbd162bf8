// The overview's budget trend: the remaining budget series (docs/semantics.md section 4, "budget over time") of an
// SLO's worst group, cut to the trend's span, and drawn as a sparkline path.
import {
  exclusionMask,
  prefixSums,
  rangeCounts,
  type BudgetSeries,
  type Buckets,
  type EventCounts,
  type TimeRange,
} from '../../../engine';
import type { Exclusion } from '../../../slo';
import type { TrendPoints } from './overviewRow';

/** The series of the group whose last figure is lowest, from `from` on; undefined without any figure. */
export function worstTrend(series: readonly BudgetSeries[], from: number, stepMs: number): TrendPoints | undefined {
  let worst: TrendPoints | undefined;
  let worstLast = Infinity;
  for (const s of series) {
    const time: number[] = [];
    const value: number[] = [];
    s.time.forEach((t, i) => {
      if (t > from) {
        time.push(t);
        value.push(s.remaining[i]);
      }
    });
    const last = [...value].reverse().find((v) => !Number.isNaN(v));
    if (last !== undefined && last < worstLast) {
      worstLast = last;
      worst = { time, value, stepMs };
    }
  }
  return worst;
}

/**
 * The window's buckets on the trend's `step` (the window's start a bucket edge) up to t, from what the status read: the
 * burn-down's hours (`hours`, hourly bad and total up to the window's end) and the status' exact counts of the elapsed
 * window (`counts`, exclusions removed exactly). A window that starts before `from` (the trend's first point) takes
 * the hours from the bucket holding `from` on; everything before goes to the window's first bucket outside every
 * exclusion, as the exact counts less what they hold of the hours read (the engine's prefix sums over the hours, the
 * exclusions removed hour by hour), so remaining over the trend's points is cumulative from the window's start. A
 * younger window is summed from the hours alone. Buckets after the window's end (a fixed window that ended) are 0.
 * Null when the hours do not line up with or cover the buckets, or no bucket before `from` is outside the exclusions.
 */
export function trendBuckets(
  hours: Buckets,
  window: TimeRange,
  grid: { step: number; from: number; t: number },
  counts: EventCounts,
  exclusions: readonly Exclusion[]
): Buckets | null {
  const { step, from, t } = grid;
  const n = Math.floor((t - window.start) / step);
  const m = Math.min(n, Math.floor((window.end - window.start) / step));
  const k = window.start < from ? Math.min(m, Math.floor((from - window.start) / step)) : 0;
  const read = n >= 1 && sumBuckets(hours, { firstEnd: window.start + (k + 1) * step, step, count: m - k });
  if (!read) {
    return null;
  }
  const bad = new Float64Array(n);
  const total = new Float64Array(n);
  bad.set(read.bad, k);
  total.set(read.total, k);
  if (k > 0) {
    const slot = exclusionMask({ firstEnd: window.start + step, step }, k, exclusions).indexOf(0);
    if (slot < 0) {
      return null;
    }
    // Hours ending in (start + k step, the window's end]: indices [lo, hi). The hours after the last bucket are in the
    // exact counts too, not in any bucket before `from`.
    const lo = (window.start + k * step - hours.firstEnd) / hours.step + 1;
    const hi = Math.min(hours.total.length, Math.floor((window.end - hours.firstEnd) / hours.step) + 1);
    const held = rangeCounts(prefixSums(hours, exclusions), lo, hi);
    total[slot] = Math.max(0, counts.total - held.total);
    bad[slot] = Math.min(total[slot], Math.max(0, counts.bad - held.bad));
  }
  return { firstEnd: window.start + step, step, bad, total };
}

/** The trend's points at `time`: the values the trend has there, NaN before its first point (before the window). */
export function trendOn(trend: TrendPoints, time: readonly number[]): TrendPoints {
  const at = new Map(trend.time.map((x, i) => [x, trend.value[i]]));
  return { time: [...time], value: time.map((x) => at.get(x) ?? NaN), stepMs: trend.stepMs };
}

/**
 * The buckets of `grid` summed from finer ones (`fine`, e.g. the burn-down's hours): grid's step a whole number of fine
 * steps and its edges on fine's edges. A bucket is NaN only where every fine bucket in it is (no data), else the sum of
 * the known ones. Null when fine does not line up with grid or does not cover it.
 */
export function sumBuckets(fine: Buckets, grid: { firstEnd: number; step: number; count: number }): Buckets | null {
  const ratio = grid.step / fine.step;
  const lastOfFirst = (grid.firstEnd - fine.firstEnd) / fine.step;
  if (!Number.isInteger(ratio) || ratio < 1 || !Number.isInteger(lastOfFirst)) {
    return null;
  }
  const from = lastOfFirst - ratio + 1;
  if (from < 0 || lastOfFirst + (grid.count - 1) * ratio >= fine.total.length) {
    return null;
  }
  const bad = new Float64Array(grid.count);
  const total = new Float64Array(grid.count);
  for (let i = 0; i < grid.count; i++) {
    let b = 0;
    let t = 0;
    let known = false;
    for (let j = from + i * ratio; j < from + (i + 1) * ratio; j++) {
      if (fine.total[j] === fine.total[j]) {
        known = true;
        t += fine.total[j];
        b += fine.bad[j] === fine.bad[j] ? fine.bad[j] : 0;
      }
    }
    bad[i] = known ? b : NaN;
    total[i] = known ? t : NaN;
  }
  return { firstEnd: grid.firstEnd, step: grid.step, bad, total };
}

/**
 * SVG path of the values in a width x height box: y from min(0, lowest) to max(1, highest), so 100% and 0% sit at the
 * same place on every row unless a figure goes beyond them. A NaN breaks the line. '' when nothing is drawable.
 */
export function sparklinePath(values: readonly number[], width: number, height: number): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) {
    return '';
  }
  const lo = Math.min(0, ...finite);
  const hi = Math.max(1, ...finite);
  const x = (i: number) => (values.length === 1 ? width / 2 : (i / (values.length - 1)) * width);
  const y = (v: number) => height - ((v - lo) / (hi - lo)) * height;
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return path;
}
