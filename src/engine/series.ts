// Budget over time (docs/semantics.md sections 3-4): at each bucket end t_i, occurrences figures over the window of bucket i.
import type { Exclusion, WindowSpec } from '../slo/types';
import { prefixSums, type PrefixSums } from './prefix';
import { bucketCount, firstBucketAfter, lastBucketAtOrBefore, type Buckets } from './types';
import { nextPeriodStart, periodStart } from './windows';

export interface BudgetSeries {
  /** Bucket ends, ascending. */
  time: Float64Array;
  /** Remaining budget fraction; NaN = no data. Not clamped. */
  remaining: Float64Array;
  /** 1 - bad/total; NaN while undefined. */
  sli: Float64Array;
  /** Cumulative bad events in the window so far (0 at a period start). */
  bad: Float64Array;
  /** Cumulative allowed bad events: (1 - target) x total events in the window so far. */
  allowedBad: Float64Array;
  /** 1 where the bucket is excluded (charts shade it). */
  excluded: Uint8Array;
  /** Times inside the series range at which the window restarts at 100% (period starts, a fixed window's from). */
  resets: number[];
}

/**
 * Buckets [from, to) whose windows follow one rule: they start at bucket `start` (-1: no window applies, before a fixed
 * window opens) or, when `width` > 0, at i - width + 1 clamped to 0 (rolling); they end at min(i, endCap).
 */
interface WindowRun {
  from: number;
  to: number;
  start: number;
  width: number;
  endCap: number;
}

/** The runs of a series (one per calendar period, one or two for fixed and rolling windows) and its reset times. */
function windowRuns(b: Buckets, window: WindowSpec): { runs: WindowRun[]; resets: number[] } {
  const n = bucketCount(b);
  const runs: WindowRun[] = [];
  const resets: number[] = [];
  if (n === 0) {
    return { runs, resets };
  }
  const { firstEnd, step } = b;
  switch (window.kind) {
    case 'rolling':
      // A window reaching before the first bucket sums what the range holds (as budgetAt does).
      runs.push({ from: 0, to: n, start: 0, width: Math.ceil(window.durationMs / step), endCap: n });
      break;
    case 'calendar': {
      // Bucket i belongs to the period containing its interior (end - 1 ms), so the bucket ending on a boundary closes the
      // old period. Time zone work happens once per period.
      let pStart = periodStart(firstEnd - 1, window);
      let pNext = nextPeriodStart(pStart, window);
      if (pStart >= firstEnd - step) {
        resets.push(pStart);
      }
      let i = 0;
      for (;;) {
        // First bucket at or after i whose interior reaches pNext.
        let j = Math.max(i, Math.min(n, Math.ceil((pNext + 1 - firstEnd) / step)));
        while (j > i && firstEnd + (j - 1) * step - 1 >= pNext) {
          j--;
        }
        while (j < n && firstEnd + j * step - 1 < pNext) {
          j++;
        }
        runs.push({ from: i, to: j, start: firstBucketAfter(b, pStart), width: 0, endCap: n });
        if (j >= n) {
          break;
        }
        pStart = periodStart(firstEnd + j * step - 1, window);
        pNext = nextPeriodStart(pStart, window);
        resets.push(pStart);
        i = j;
      }
      break;
    }
    case 'fixed': {
      // Buckets ending at or before `from` have no window; past `to` the figures stay those of the last bucket in it.
      const open = firstBucketAfter(b, window.from);
      const last = lastBucketAtOrBefore(b, window.to);
      if (window.from >= firstEnd - step && window.from <= firstEnd + (n - 1) * step) {
        resets.push(window.from);
      }
      runs.push({ from: 0, to: open, start: -1, width: 0, endCap: n });
      runs.push({ from: open, to: n, start: open, width: 0, endCap: last });
      break;
    }
  }
  return { runs, resets };
}

/**
 * For each bucket i, the index of the first bucket of its window, or -1 where no window applies (before a fixed window
 * opens), and the index of its last bucket (for fixed windows past `to`, the last bucket in the window).
 */
export function windowStartIndices(
  b: Buckets,
  window: WindowSpec
): { start: Int32Array; end: Int32Array; resets: number[] } {
  const n = bucketCount(b);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const { runs, resets } = windowRuns(b, window);
  for (const r of runs) {
    for (let i = r.from; i < r.to; i++) {
      start[i] = r.width > 0 ? Math.max(0, i - r.width + 1) : r.start;
      end[i] = Math.min(i, r.endCap);
    }
  }
  return { start, end, resets };
}

export function budgetSeries(
  b: Buckets,
  window: WindowSpec,
  target: number,
  exclusions: readonly Exclusion[] = [],
  prefix: PrefixSums = prefixSums(b, exclusions)
): BudgetSeries {
  const n = bucketCount(b);
  const { runs, resets } = windowRuns(b, window);
  const time = new Float64Array(n);
  const remaining = new Float64Array(n);
  const sli = new Float64Array(n);
  const badOut = new Float64Array(n);
  const allowedBad = new Float64Array(n);
  const budget = 1 - target;
  const { bad: pb, total: pt, known: pk } = prefix;
  const { firstEnd, step } = b;
  for (let i = 0; i < n; i++) {
    time[i] = firstEnd + i * step;
  }
  // Hot loops (one pass per run): local typed arrays, no allocation, no property lookups or time zone work per bucket.
  // The two loops differ only in where the window starts; keep their bodies identical.
  for (const run of runs) {
    if (run.width > 0) {
      const width = run.width;
      for (let i = run.from; i < run.to; i++) {
        const lo = i - width + 1 > 0 ? i - width + 1 : 0;
        const hi = i + 1;
        const total = pt[hi] - pt[lo];
        // Events imply data: the known count is only read when there are none.
        if (!(total > 0) && pk[hi] - pk[lo] <= 0) {
          remaining[i] = NaN;
          sli[i] = NaN;
          badOut[i] = NaN;
          allowedBad[i] = NaN;
          continue;
        }
        const bad = pb[hi] - pb[lo];
        badOut[i] = bad;
        allowedBad[i] = budget * total;
        if (total > 0) {
          const ratio = bad / total;
          sli[i] = 1 - ratio;
          remaining[i] = 1 - ratio / budget;
        } else {
          sli[i] = NaN;
          remaining[i] = 1;
        }
      }
    } else if (run.start < 0) {
      remaining.fill(NaN, run.from, run.to);
      sli.fill(NaN, run.from, run.to);
      badOut.fill(NaN, run.from, run.to);
      allowedBad.fill(NaN, run.from, run.to);
    } else {
      const lo = run.start;
      const endCap = run.endCap;
      const kLo = pk[lo];
      const bLo = pb[lo];
      const tLo = pt[lo];
      for (let i = run.from; i < run.to; i++) {
        const hi = (i < endCap ? i : endCap) + 1;
        const total = pt[hi] - tLo;
        if (!(total > 0) && pk[hi] - kLo <= 0) {
          remaining[i] = NaN;
          sli[i] = NaN;
          badOut[i] = NaN;
          allowedBad[i] = NaN;
          continue;
        }
        const bad = pb[hi] - bLo;
        badOut[i] = bad;
        allowedBad[i] = budget * total;
        if (total > 0) {
          const ratio = bad / total;
          sli[i] = 1 - ratio;
          remaining[i] = 1 - ratio / budget;
        } else {
          sli[i] = NaN;
          remaining[i] = 1;
        }
      }
    }
  }
  return { time, remaining, sli, bad: badOut, allowedBad, excluded: prefix.excluded, resets };
}

/** Burn rate at each bucket end over lookback L (docs/semantics.md section 5): (bad/total over (t - L, t]) / (1 - target). NaN without events. */
export function burnRateSeries(
  b: Buckets,
  lookbackMs: number,
  target: number,
  exclusions: readonly Exclusion[] = [],
  prefix: PrefixSums = prefixSums(b, exclusions)
): Float64Array {
  const n = bucketCount(b);
  const width = Math.ceil(lookbackMs / b.step);
  const out = new Float64Array(n);
  const perBudget = 1 / (1 - target);
  const { bad: pb, total: pt } = prefix;
  // two loops so the hot one has no clamp: windows that start before the first bucket, then full windows
  const head = Math.min(n, width - 1);
  for (let i = 0; i < head; i++) {
    const total = pt[i + 1];
    out[i] = total > 0 ? (pb[i + 1] / total) * perBudget : NaN;
  }
  for (let i = head; i < n; i++) {
    const lo = i - width + 1;
    const total = pt[i + 1] - pt[lo];
    out[i] = total > 0 ? ((pb[i + 1] - pb[lo]) / total) * perBudget : NaN;
  }
  return out;
}

/**
 * Points for a chart: the series plus a 100% point at each reset time, so a sawtooth drops back
 * at the boundary instead of on the next bucket. Returns parallel plain arrays.
 */
export function withResetPoints(time: ArrayLike<number>, values: ArrayLike<number>, resets: readonly number[]) {
  const t: number[] = [];
  const v: number[] = [];
  let r = 0;
  for (let i = 0; i < time.length; i++) {
    while (r < resets.length && resets[r] < time[i]) {
      t.push(resets[r]);
      v.push(1);
      r++;
    }
    t.push(time[i]);
    v.push(values[i]);
    if (r < resets.length && resets[r] === time[i]) {
      t.push(resets[r]);
      v.push(1);
      r++;
    }
  }
  return { time: t, values: v };
}
