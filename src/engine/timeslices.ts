// Timeslices (docs/semantics.md section 4): a slice is good when its condition holds; remaining = 1 - badSlices / ((1 - target) x slices in the whole window).
// Timeslice burn rate over (t - L, t] (docs/semantics.md section 5): (bad / (good + bad)) / (1 - target) over the counted
// slices of the lookback (excluded slices skipped, no-data slices per policy); null when no slice in it had data.
import type { ComparisonOp, Exclusion, NoDataPolicy, WindowSpec } from '../slo/types';
import { timeslicesBudget, type BudgetFigures } from './budget';
import { excludedIntervals, exclusionMask } from './exclusions';
import { bucketCount, type Buckets } from './types';
import { fullWindowAt, windowAt } from './windows';

export const SLICE_GOOD = 1;
export const SLICE_BAD = 0;
export const SLICE_NO_DATA = -1;

/** Slice verdicts on the same grid as their buckets: 1 good, 0 bad, -1 no data. */
export interface Slices {
  firstEnd: number;
  step: number;
  verdict: Int8Array;
}

/** A ratio slice is good when good/total >= sliceTarget; a slice without events or samples has no data. */
export function ratioSlices(b: Buckets, sliceTarget: number): Slices {
  const n = bucketCount(b);
  const verdict = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const total = b.total[i];
    const bad = b.bad[i];
    if (!(total > 0)) {
      verdict[i] = SLICE_NO_DATA;
    } else {
      const good = total - (bad === bad ? bad : 0);
      verdict[i] = good / total >= sliceTarget ? SLICE_GOOD : SLICE_BAD;
    }
  }
  return { firstEnd: b.firstEnd, step: b.step, verdict };
}

export function compare(value: number, op: ComparisonOp, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

/** A threshold slice is good when `value op threshold` holds for the slice's value (NaN = no data). */
export function thresholdSlices(
  firstEnd: number,
  step: number,
  values: Float64Array,
  op: ComparisonOp,
  threshold: number
): Slices {
  const verdict = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    verdict[i] = v !== v ? SLICE_NO_DATA : compare(v, op, threshold) ? SLICE_GOOD : SLICE_BAD;
  }
  return { firstEnd, step, verdict };
}

/** Slices of the grid in (range.start, range.end] that intersect an exclusion. */
function excludedSliceCount(
  step: number,
  range: { start: number; end: number },
  exclusions: readonly Exclusion[]
): number {
  let count = 0;
  let lastCounted = -Infinity;
  for (const iv of excludedIntervals(range, exclusions)) {
    // slice ends e with e - step < iv.end and e > iv.start, on the grid of range.start
    const first = range.start + (Math.floor((iv.start - range.start) / step) + 1) * step;
    const last = range.start + Math.ceil((iv.end - range.start) / step) * step;
    for (let e = Math.max(first, lastCounted + step); e <= last; e += step) {
      count++;
      lastCounted = e;
    }
  }
  return count;
}

export interface SliceTally {
  good: number;
  bad: number;
  /** Slices without data that the policy ignores. */
  noData: number;
  /** Slices that had data (whatever the policy): none means "no data", never 100%. */
  observed: number;
}

/** Count verdicts in slice indices [lo, hi), skipping excluded slices, applying the no-data policy. */
export function tallySlices(
  s: Slices,
  lo: number,
  hi: number,
  noData: NoDataPolicy,
  excluded?: Uint8Array
): SliceTally {
  const t: SliceTally = { good: 0, bad: 0, noData: 0, observed: 0 };
  for (let i = Math.max(0, lo); i < Math.min(hi, s.verdict.length); i++) {
    if (excluded && excluded[i]) {
      continue;
    }
    const v = s.verdict[i];
    if (v !== SLICE_NO_DATA) {
      t.observed++;
    }
    if (v === SLICE_GOOD) {
      t.good++;
    } else if (v === SLICE_BAD) {
      t.bad++;
    } else if (noData === 'good') {
      t.good++;
    } else if (noData === 'bad') {
      t.bad++;
    } else {
      t.noData++;
    }
  }
  return t;
}

/** Figures at time t from slices on a grid that tiles the window (docs/semantics.md section 4, timeslices). */
export function timeslicesBudgetAt(
  s: Slices,
  window: WindowSpec,
  t: number,
  target: number,
  noData: NoDataPolicy,
  exclusions: readonly Exclusion[] = []
): BudgetFigures & SliceTally & { slicesInWindow: number } {
  const range = windowAt(t, window);
  const full = fullWindowAt(t, window);
  const lo = Math.floor((range.start - s.firstEnd) / s.step) + 1;
  const hi = Math.floor((range.end - s.firstEnd) / s.step) + 1;
  const excluded = exclusionMask(s, s.verdict.length, exclusions);
  const tally = tallySlices(s, lo, hi, noData, excluded);
  const slicesInWindow = Math.round((full.end - full.start) / s.step) - excludedSliceCount(s.step, full, exclusions);
  const hasData = tally.observed > 0 || range.end === range.start;
  return { ...timeslicesBudget(tally.good, tally.bad, slicesInWindow, target, hasData), ...tally, slicesInWindow };
}

/** Burn rate over the slices ending in (t - lookbackMs, t]; `excluded` is the slices' exclusion mask. */
export function timesliceBurnRate(
  s: Slices,
  t: number,
  lookbackMs: number,
  target: number,
  noData: NoDataPolicy,
  excluded?: Uint8Array
): number | null {
  const lo = Math.floor((t - lookbackMs - s.firstEnd) / s.step) + 1;
  const hi = Math.floor((t - s.firstEnd) / s.step) + 1;
  const tally = tallySlices(s, lo, hi, noData, excluded);
  const counted = tally.good + tally.bad;
  return tally.observed > 0 && counted > 0 ? tally.bad / counted / (1 - target) : null;
}
