// The engine's only input (docs/semantics.md section 2): a regular grid of buckets.

/**
 * Bucket i ends at `firstEnd + i * step` and covers (end - step, end]. `bad[i]` and `total[i]`
 * are events that happened inside it; NaN means no data (no sample), which is distinct from 0.
 */
export interface Buckets {
  firstEnd: number;
  step: number;
  bad: Float64Array;
  total: Float64Array;
}

export interface EventCounts {
  bad: number;
  total: number;
}

export function bucketCount(b: Buckets): number {
  return b.total.length;
}

export function bucketEnd(b: Buckets, i: number): number {
  return b.firstEnd + i * b.step;
}

export function emptyBuckets(firstEnd: number, step: number, count: number): Buckets {
  return { firstEnd, step, bad: new Float64Array(count).fill(NaN), total: new Float64Array(count).fill(NaN) };
}

/** Index of the first bucket whose end is > t (i.e. the first bucket lying after t). */
export function firstBucketAfter(b: Buckets, t: number): number {
  const i = Math.floor((t - b.firstEnd) / b.step) + 1;
  return Math.min(Math.max(i, 0), bucketCount(b));
}

/** Index of the last bucket whose end is <= t, or -1. */
export function lastBucketAtOrBefore(b: Buckets, t: number): number {
  const i = Math.floor((t - b.firstEnd) / b.step);
  return Math.min(Math.max(i, -1), bucketCount(b) - 1);
}
