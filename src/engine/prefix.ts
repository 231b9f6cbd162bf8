// Prefix sums over buckets, so any window's bad/total is two subtractions (docs/semantics.md section 4: sums over B(t) minus excluded buckets).
import type { Exclusion } from '../slo/types';
import { exclusionMask } from './exclusions';
import { bucketCount, type Buckets } from './types';

/**
 * P[k] = sum of buckets 0..k-1. Excluded buckets contribute 0 events; NaN buckets contribute
 * nothing. `known` counts buckets with a sample, excluded or not, so a window that is excluded
 * but has data shows 100% while one without any sample stays "no data".
 */
export interface PrefixSums {
  bad: Float64Array;
  total: Float64Array;
  /** Number of buckets with a sample before k. */
  known: Float64Array;
  excluded: Uint8Array;
}

export function prefixSums(b: Buckets, exclusions: readonly Exclusion[] = []): PrefixSums {
  const n = bucketCount(b);
  const excluded = exclusionMask(b, n, exclusions);
  const bad = new Float64Array(n + 1);
  const total = new Float64Array(n + 1);
  const known = new Float64Array(n + 1);
  const bt = b.total;
  const bb = b.bad;
  let sb = 0;
  let st = 0;
  let sk = 0;
  for (let i = 0; i < n; i++) {
    const t = bt[i];
    // NaN !== NaN: t === t means the bucket has a sample
    if (t === t) {
      sk++;
      if (!excluded[i]) {
        const x = bb[i];
        st += t;
        sb += x === x ? x : 0;
      }
    }
    bad[i + 1] = sb;
    total[i + 1] = st;
    known[i + 1] = sk;
  }
  return { bad, total, known, excluded };
}

/** Events in buckets [from, to) (indices), with whether any of them holds data. */
export function rangeCounts(p: PrefixSums, from: number, to: number): { bad: number; total: number; hasData: boolean } {
  const lo = Math.max(0, from);
  const hi = Math.max(lo, to);
  return {
    bad: p.bad[hi] - p.bad[lo],
    total: p.total[hi] - p.total[lo],
    hasData: p.known[hi] - p.known[lo] > 0,
  };
}
