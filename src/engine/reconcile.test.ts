import fc from 'fast-check';

import { reconcileBuckets, type ExactSegment } from './reconcile';
import type { Buckets } from './types';

const HOUR = 3600_000;
const T0 = Date.parse('2026-08-01T00:00:00Z');

function buckets(total: number[], bad: number[]): Buckets {
  return { firstEnd: T0 + HOUR, step: HOUR, total: Float64Array.from(total), bad: Float64Array.from(bad) };
}
const seg = (fromIdx: number, toIdx: number, total: number, bad: number): ExactSegment => ({
  // Covers the buckets fromIdx .. toIdx - 1.
  start: T0 + fromIdx * HOUR,
  end: T0 + toIdx * HOUR,
  total,
  bad,
});
const sum = (a: Float64Array, lo = 0, hi = a.length) =>
  Array.from(a.slice(lo, hi)).reduce((s, x) => (Number.isNaN(x) ? s : s + x), 0);

describe('reconcileBuckets', () => {
  it('gives a gap run the shortfall, on the first bucket after the gap', () => {
    const b = buckets([10, 10, NaN, NaN, 10, 10], [1, 0, NaN, NaN, 2, 0]);
    const r = reconcileBuckets(b, [seg(0, 6, 100, 10)]);
    expect(Array.from(r.total)).toEqual([10, 10, NaN, NaN, 70, 10]);
    expect(Array.from(r.bad)).toEqual([1, 0, NaN, NaN, 9, 0]);
    // The input is not modified.
    expect(Array.from(b.total)).toEqual([10, 10, NaN, NaN, 10, 10]);
  });

  it('splits the shortfall between gap runs by their length', () => {
    const b = buckets([10, NaN, 10, NaN, NaN, NaN, 10], [0, NaN, 0, NaN, NaN, NaN, 0]);
    const r = reconcileBuckets(b, [seg(0, 7, 70, 8)]);
    expect(Array.from(r.total)).toEqual([10, NaN, 20, NaN, NaN, NaN, 40]);
    expect(Array.from(r.bad)).toEqual([0, NaN, 2, NaN, NaN, NaN, 6]);
  });

  it('without a gap, scales the buckets in proportion', () => {
    const b = buckets([10, 20, 30], [1, 0, 3]);
    const r = reconcileBuckets(b, [seg(0, 3, 66, 6)]);
    expect(Array.from(r.total).map((x) => +x.toFixed(9))).toEqual([11, 22, 33]);
    expect(Array.from(r.bad).map((x) => +x.toFixed(9))).toEqual([1.5, 0, 4.5]);
  });

  it('with too many events (extrapolation overshoot), scales down even across a gap', () => {
    const b = buckets([10, NaN, 30], [2, NaN, 2]);
    const r = reconcileBuckets(b, [seg(0, 3, 20, 2)]);
    expect(Array.from(r.total)).toEqual([5, NaN, 15]);
    expect(Array.from(r.bad)).toEqual([1, NaN, 1]);
  });

  it('puts the events of an all-zero segment in its last bucket with data', () => {
    const r = reconcileBuckets(buckets([0, 0, NaN], [0, 0, NaN]), [seg(0, 3, 5, 1)]);
    expect(Array.from(r.total)).toEqual([0, 5, NaN]);
    expect(Array.from(r.bad)).toEqual([0, 1, NaN]);
  });

  it('leaves segments without data as no data, and ignores unknown exact counts', () => {
    const b = buckets([NaN, NaN, 10, 10], [NaN, NaN, 0, 0]);
    const r = reconcileBuckets(b, [seg(0, 2, 100, 5), seg(2, 4, NaN, NaN)]);
    expect(Array.from(r.total)).toEqual([NaN, NaN, 10, 10]);
    expect(Array.from(r.bad)).toEqual([NaN, NaN, 0, 0]);
  });

  it('makes each segment sum to its exact counts', () => {
    const b = buckets([10, 10, 10, NaN, 10, 10, 10, 10], [0, 1, 0, NaN, 0, 1, 0, 0]);
    const r = reconcileBuckets(b, [seg(0, 4, 45, 3), seg(4, 8, 40, 2)]);
    expect(sum(r.total, 0, 4)).toBeCloseTo(45, 9);
    expect(sum(r.bad, 0, 4)).toBeCloseTo(3, 9);
    expect(sum(r.total, 4, 8)).toBeCloseTo(40, 9);
    expect(sum(r.bad, 4, 8)).toBeCloseTo(2, 9);
  });

  it('lands bad events where the bad series had no sample yet (it first appears in the gap)', () => {
    // Traffic everywhere, but no 5xx series before the gap: bad has no samples, which counts as 0 bad events.
    const b = buckets([10, 10, NaN, 10], [NaN, NaN, NaN, 0]);
    const r = reconcileBuckets(b, [seg(0, 4, 40, 4)]);
    expect(sum(r.total)).toBeCloseTo(40, 9);
    expect(sum(r.bad)).toBeCloseTo(4, 9);
    expect(r.bad[3]).toBeCloseTo(4, 9);
    // With no bad sample at all in the segment.
    const c = reconcileBuckets(buckets([10, NaN, 10], [NaN, NaN, NaN]), [seg(0, 3, 30, 3)]);
    expect(sum(c.bad)).toBeCloseTo(3, 9);
  });

  it('property: sums equal the exact counts per segment, no-data buckets stay no data', () => {
    const valueArb = fc.oneof(
      { weight: 1, arbitrary: fc.constant(NaN) },
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 1000 }) }
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(valueArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.array(fc.integer({ min: 1, max: 199 }), { maxLength: 6 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 7,
          maxLength: 7,
        }),
        (cells, rawCuts, exactShares) => {
          const n = cells.length;
          const total = cells.map(([t]) => t);
          // bad: a share of total, or no sample (as when the bad series does not exist yet).
          const bad = cells.map(([t, share, missing]) => (Number.isNaN(t) || missing ? NaN : Math.floor(t * share)));
          const b = buckets(total, bad);
          const cuts = [0, ...Array.from(new Set(rawCuts.filter((c) => c < n))).sort((x, y) => x - y), n];
          const segments = cuts.slice(1).map((hi, k) => {
            const lo = cuts[k];
            const observed = total.slice(lo, hi).reduce((s, x) => (Number.isNaN(x) ? s : s + x), 0);
            const exactTotal = Math.round(observed * exactShares[k][0]) + (exactShares[k][0] > 1 ? 7 : 0);
            return seg(lo, hi, exactTotal, Math.floor(exactTotal * exactShares[k][1] * 0.1));
          });
          const r = reconcileBuckets(b, segments);
          segments.forEach((s, k) => {
            const lo = cuts[k];
            const hi = cuts[k + 1];
            const hasData = total.slice(lo, hi).some((x) => !Number.isNaN(x));
            if (hasData) {
              expect(Math.abs(sum(r.total, lo, hi) - s.total)).toBeLessThanOrEqual(1e-9 * Math.max(1, s.total));
              expect(Math.abs(sum(r.bad, lo, hi) - s.bad)).toBeLessThanOrEqual(1e-9 * Math.max(1, s.total));
            }
          });
          for (let i = 0; i < n; i++) {
            expect(Number.isNaN(r.total[i])).toBe(Number.isNaN(total[i]));
            expect(r.total[i] >= 0 || Number.isNaN(r.total[i])).toBe(true);
            expect(r.bad[i] >= 0 || Number.isNaN(r.bad[i])).toBe(true);
          }
        }
      ),
      { numRuns: 500 }
    );
  });
});

describe('reconcileBuckets with sample counts', () => {
  it('gives the shortfall to the buckets that miss samples, even when none is empty', () => {
    // 30-minute buckets with 61 samples each; a 20-minute gap takes 20 samples from bucket 2 and 20 from bucket 3
    const b = buckets([100, 100, 67, 67, 100, 100], [1, 1, 10, 10, 1, 1]);
    const samples = Float64Array.from([61, 61, 41, 41, 61, 61]);
    const r = reconcileBuckets(b, [seg(0, 6, 600, 30)], samples);
    expect(Array.from(r.total)).toEqual([100, 100, 100, 100, 100, 100]);
    expect(Array.from(r.bad)).toEqual([1, 1, 13, 13, 1, 1]);
  });

  it('fills an interior empty bucket but not a series that starts late', () => {
    const b = buckets([NaN, 10, NaN, 10], [NaN, 0, NaN, 0]);
    const samples = Float64Array.from([NaN, 4, NaN, 4]);
    const r = reconcileBuckets(b, [seg(0, 4, 30, 3)], samples);
    expect(Number.isNaN(r.total[0])).toBe(true);
    expect(Array.from(r.total.slice(1))).toEqual([10, 10, 10]);
    expect(Array.from(r.bad.slice(1))).toEqual([0, 3, 0]);
  });

  it('with samples counted only near each bucket\'s two ends, shares a gap across an edge between its neighbours', () => {
    // A 20-minute gap straddles the edge between buckets 2 and 3: bucket 2 misses its last samples, bucket 3 its
    // first, so the gap's 40 events (and 4 bad) are shared between them, as a full count of their samples would.
    const b = buckets([100, 100, 90, 70, 100], [1, 1, 1, 1, 1]);
    const ends = Float64Array.from([10, 10, 5, 5, 10]);
    const r = reconcileBuckets(b, [seg(0, 5, 500, 9)], ends);
    expect(Array.from(r.total)).toEqual([100, 100, 110, 90, 100]);
    expect(Array.from(r.bad)).toEqual([1, 1, 3, 3, 1]);
  });

  it('falls back to proportional scaling when no samples are missing', () => {
    const b = buckets([10, 30], [1, 3]);
    const r = reconcileBuckets(b, [seg(0, 2, 44, 4.4)], Float64Array.from([5, 5]));
    expect(r.total[0]).toBeCloseTo(11, 12);
    expect(r.total[1]).toBeCloseTo(33, 12);
  });
});
