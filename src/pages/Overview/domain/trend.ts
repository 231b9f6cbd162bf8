// The overview's budget trend: the remaining budget series (docs/semantics.md section 4, "budget over time") of an
// SLO's worst group, cut to the trend's span, and drawn as a sparkline path.
import type { BudgetSeries, Buckets, EventCounts } from '../../../engine';
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
 * The window's buckets from its start for a trend that read only its last buckets (`recent`, on the same step, the
 * window's start a bucket edge): the exact window counts at t (the status') less what the recent buckets hold go to
 * the window's first bucket, zeros in between. Remaining over the recent buckets is then cumulative from the window's
 * start, as over buckets read from there, without reading the settled weeks again. Null when recent does not start
 * after the window's first bucket.
 */
export function bucketsFromRecent(recent: Buckets, windowStart: number, counts: EventCounts): Buckets | null {
  const step = recent.step;
  const k = Math.round((recent.firstEnd - windowStart) / step) - 1;
  if (k < 1 || (recent.firstEnd - windowStart) % step !== 0) {
    return null;
  }
  const n = k + recent.total.length;
  const bad = new Float64Array(n);
  const total = new Float64Array(n);
  let recentBad = 0;
  let recentTotal = 0;
  recent.total.forEach((v, i) => {
    total[k + i] = v;
    bad[k + i] = recent.bad[i];
    recentTotal += v === v ? v : 0;
    recentBad += recent.bad[i] === recent.bad[i] ? recent.bad[i] : 0;
  });
  total[0] = Math.max(0, counts.total - recentTotal);
  bad[0] = Math.min(total[0], Math.max(0, counts.bad - recentBad));
  return { firstEnd: windowStart + step, step, bad, total };
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
