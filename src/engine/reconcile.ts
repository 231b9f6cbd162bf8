// Chart buckets reconciled with exact counts (docs/semantics.md section 8): per-step increases lose a scrape gap's events at bucket
// edges; for each segment (start, end] whose exact bad/total is known, the shortfall goes to the buckets that miss samples
// (weighted by how many they miss against the segment's typical count), else to the first bucket after each run of empty
// buckets (where the counters' jump shows), else it is spread in proportion to the buckets' own counts.
import { bucketCount, firstBucketAfter, lastBucketAtOrBefore, type Buckets, type EventCounts } from './types';

export interface ExactSegment extends EventCounts {
  start: number;
  end: number;
}

/** Runs of no-data buckets inside [lo, hi) followed by a bucket with data: returns [index after run, run length]. */
function gapRuns(values: Float64Array, lo: number, hi: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let runStart = -1;
  let seenData = false;
  for (let i = lo; i < hi; i++) {
    const v = values[i];
    if (v !== v) {
      if (runStart < 0 && seenData) {
        runStart = i;
      }
    } else {
      if (runStart >= 0) {
        runs.push([i, i - runStart]);
        runStart = -1;
      }
      seenData = true;
    }
  }
  return runs;
}

/**
 * Per bucket in [lo, hi), how many samples it misses against the segment's median count; 0 outside the span between the
 * first and last bucket with data (a series that starts or stops is not a gap). Null when nothing is missing.
 */
function missingSamples(samples: Float64Array, total: Float64Array, lo: number, hi: number): Float64Array | null {
  const counts: number[] = [];
  let first = -1;
  let last = -1;
  for (let i = lo; i < hi; i++) {
    if (samples[i] > 0) {
      counts.push(samples[i]);
    }
    if (total[i] === total[i]) {
      first = first < 0 ? i : first;
      last = i;
    }
  }
  if (counts.length === 0 || first < 0) {
    return null;
  }
  counts.sort((a, b) => a - b);
  const typical = counts[counts.length >> 1];
  const missing = new Float64Array(hi - lo);
  let any = false;
  for (let i = first; i <= last; i++) {
    const have = samples[i] === samples[i] ? samples[i] : 0;
    if (have < typical) {
      missing[i - lo] = typical - have;
      any = true;
    }
  }
  return any ? missing : null;
}

function redistribute(
  values: Float64Array,
  lo: number,
  hi: number,
  exact: number,
  runs: Array<[number, number]>,
  missing: Float64Array | null
) {
  let sum = 0;
  let last = -1;
  for (let i = lo; i < hi; i++) {
    const v = values[i];
    if (v === v) {
      sum += v;
      last = i;
    }
  }
  if (last < 0 || !Number.isFinite(exact)) {
    return;
  }
  const shortfall = exact - sum;
  if (shortfall === 0) {
    return;
  }
  if (shortfall > 0 && missing) {
    const weight = missing.reduce((a, m) => a + m, 0);
    for (let k = 0; k < missing.length; k++) {
      if (missing[k] > 0) {
        const i = lo + k;
        values[i] = (values[i] === values[i] ? values[i] : 0) + (shortfall * missing[k]) / weight;
      }
    }
  } else if (shortfall > 0 && runs.length > 0) {
    const weight = runs.reduce((s, [, len]) => s + len, 0);
    for (const [after, len] of runs) {
      values[after] += (shortfall * len) / weight;
    }
  } else if (sum > 0) {
    const scale = exact / sum;
    for (let i = lo; i < hi; i++) {
      if (values[i] === values[i]) {
        values[i] *= scale;
      }
    }
  } else {
    values[last] += shortfall;
  }
}

/**
 * A copy of `b` whose sums over each segment equal the segment's exact counts. `samples` (optional, same grid) is the
 * number of raw samples behind each bucket, e.g. from `count_over_time`, or only those near each bucket's two ends
 * (where per-step increases lose a gap's events): it locates gaps that leave no bucket empty.
 */
export function reconcileBuckets(b: Buckets, segments: readonly ExactSegment[], samples?: Float64Array): Buckets {
  const out: Buckets = { ...b, bad: b.bad.slice(), total: b.total.slice() };
  const n = bucketCount(b);
  for (const seg of segments) {
    const lo = firstBucketAfter(b, seg.start);
    const hi = Math.min(n, lastBucketAtOrBefore(b, seg.end) + 1);
    if (hi <= lo) {
      continue;
    }
    const runs = gapRuns(out.total, lo, hi);
    const missing = samples ? missingSamples(samples, out.total, lo, hi) : null;
    redistribute(out.total, lo, hi, seg.total, runs, missing);
    if (Number.isFinite(seg.bad)) {
      // Traffic without a bad sample means no bad events (prefix sums read it so); make that 0 explicit so a shortfall
      // can land there (the bad series may first appear inside a gap).
      for (let i = lo; i < hi; i++) {
        if (out.bad[i] !== out.bad[i] && out.total[i] === out.total[i]) {
          out.bad[i] = 0;
        }
      }
    }
    redistribute(out.bad, lo, hi, seg.bad, runs, missing);
  }
  return out;
}
