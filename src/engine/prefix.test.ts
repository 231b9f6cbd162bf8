import { prefixSums, rangeCounts } from './prefix';
import { bucketCount, bucketEnd, emptyBuckets, firstBucketAfter, lastBucketAtOrBefore, type Buckets } from './types';

const HOUR = 3600_000;

describe('bucket grid helpers', () => {
  const b = emptyBuckets(10 * HOUR, HOUR, 5); // ends 10..14 h

  it('emptyBuckets is all no data', () => {
    expect(bucketCount(b)).toBe(5);
    expect(Array.from(b.total).every(Number.isNaN)).toBe(true);
    expect(Array.from(b.bad).every(Number.isNaN)).toBe(true);
    expect(bucketEnd(b, 3)).toBe(13 * HOUR);
  });

  it('firstBucketAfter: first bucket whose end is > t, clamped to [0, n]', () => {
    expect(firstBucketAfter(b, 12 * HOUR)).toBe(3);
    expect(firstBucketAfter(b, 12 * HOUR - 1)).toBe(2);
    expect(firstBucketAfter(b, 0)).toBe(0);
    expect(firstBucketAfter(b, 99 * HOUR)).toBe(5);
  });

  it('lastBucketAtOrBefore: last bucket whose end is <= t, clamped to [-1, n - 1]', () => {
    expect(lastBucketAtOrBefore(b, 12 * HOUR)).toBe(2);
    expect(lastBucketAtOrBefore(b, 12 * HOUR - 1)).toBe(1);
    expect(lastBucketAtOrBefore(b, 10 * HOUR - 1)).toBe(-1);
    expect(lastBucketAtOrBefore(b, 99 * HOUR)).toBe(4);
  });
});

describe('prefixSums and rangeCounts', () => {
  const b: Buckets = {
    firstEnd: HOUR,
    step: HOUR,
    total: Float64Array.from([10, NaN, 0, 20, 30, NaN]),
    bad: Float64Array.from([1, NaN, 0, NaN, 3, 7]),
  };

  it('sums bad and total; no-data buckets add nothing and are not known; bad without a sample counts 0', () => {
    const p = prefixSums(b);
    expect(Array.from(p.total)).toEqual([0, 10, 10, 10, 30, 60, 60]);
    expect(Array.from(p.bad)).toEqual([0, 1, 1, 1, 1, 4, 4]);
    expect(Array.from(p.known)).toEqual([0, 1, 1, 2, 3, 4, 4]);
    expect(rangeCounts(p, 1, 2)).toEqual({ bad: 0, total: 0, hasData: false });
    expect(rangeCounts(p, 1, 3)).toEqual({ bad: 0, total: 0, hasData: true });
    expect(rangeCounts(p, 3, 5)).toEqual({ bad: 3, total: 50, hasData: true });
    expect(rangeCounts(p, 5, 6)).toEqual({ bad: 0, total: 0, hasData: false });
  });

  it('excluded buckets add no events; they count as known only when they have a sample', () => {
    const p = prefixSums(b, [{ from: 3.5 * HOUR, to: 4.5 * HOUR, reason: 'x' }]);
    expect(Array.from(p.excluded)).toEqual([0, 0, 0, 1, 1, 0]);
    expect(rangeCounts(p, 3, 5)).toEqual({ bad: 0, total: 0, hasData: true });
    // an excluded stretch without any sample is still no data, never 100%
    const gap = prefixSums({ ...b, total: b.total.map((v, i) => (i === 3 || i === 4 ? NaN : v)) }, [
      { from: 3.5 * HOUR, to: 4.5 * HOUR, reason: 'x' },
    ]);
    expect(rangeCounts(gap, 3, 5)).toEqual({ bad: 0, total: 0, hasData: false });
    expect(rangeCounts(p, 0, 6)).toEqual({ bad: 1, total: 10, hasData: true });
  });

  it('clamps index ranges', () => {
    const p = prefixSums(b);
    expect(rangeCounts(p, -4, 1)).toEqual({ bad: 1, total: 10, hasData: true });
    expect(rangeCounts(p, 4, 2)).toEqual({ bad: 0, total: 0, hasData: false });
  });
});
