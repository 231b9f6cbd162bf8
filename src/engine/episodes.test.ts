import fc from 'fast-check';

import { findEpisodes } from './episodes';
import type { Buckets } from './types';

const MIN = 60_000;
const T0 = Date.parse('2026-08-01T00:00:00Z');
const TARGET = 0.99; // e = 0.01: a bucket of 100 events burns at 1x with 1 bad event

/** Buckets of 100 events each, ending at T0 + (i + 1) x 5 min, with these bad counts (NaN = no data). */
function grid(bad: number[], total: number[] = bad.map((x) => (x === x ? 100 : NaN))): Buckets {
  return { firstEnd: T0 + 5 * MIN, step: 5 * MIN, bad: Float64Array.from(bad), total: Float64Array.from(total) };
}
const end = (i: number) => T0 + (i + 1) * 5 * MIN;

describe('findEpisodes', () => {
  test('no bucket above 1x: no episode; exactly 1x does not burn', () => {
    expect(findEpisodes(grid([0, 1, 0.5, 1, 0]), TARGET)).toEqual([]);
  });

  test('one run: start is the start of its first bucket, end the end of its last, with bad, share and peak', () => {
    const eps = findEpisodes(grid([0, 0, 5, 20, 3, 0, 0, 0]), TARGET);
    expect(eps).toHaveLength(1);
    const [ep] = eps;
    expect(ep.start).toBe(end(1));
    expect(ep.end).toBe(end(4));
    expect(ep.bad).toBe(28);
    expect(ep.total).toBe(300);
    // allowance by default: 1% of the 800 events of the buckets given
    expect(ep.budgetShare).toBeCloseTo(28 / 8, 12);
    expect(ep.peakBurnRate).toBeCloseTo(20, 12);
    expect(ep.peakAt).toBe(end(3));
  });

  test('runs at the first and the last bucket are found whole', () => {
    const eps = findEpisodes(grid([4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9]), TARGET);
    expect(eps.map((e) => [e.start, e.end])).toEqual([
      [T0, end(1)],
      [end(14), end(15)],
    ]);
  });

  test('a quiet gap up to mergeGapMs merges; a longer one splits', () => {
    const bad = [5, 0, 0, 5, 0, 0, 0, 5];
    // gaps: 2 buckets (10 min) then 3 buckets (15 min)
    expect(findEpisodes(grid(bad), TARGET, { mergeGapMs: 10 * MIN }).map((e) => [e.start, e.end, e.bad])).toEqual([
      [T0, end(3), 10],
      [end(6), end(7), 5],
    ]);
    expect(findEpisodes(grid(bad), TARGET, { mergeGapMs: 15 * MIN })).toHaveLength(1);
    expect(findEpisodes(grid(bad), TARGET, { mergeGapMs: 0 })).toHaveLength(3);
  });

  test('no-data buckets never burn; a short no-data gap merges like a quiet one and adds no events', () => {
    expect(findEpisodes(grid([NaN, NaN, NaN]), TARGET)).toEqual([]);
    const eps = findEpisodes(grid([5, NaN, 5, 0]), TARGET, { mergeGapMs: 5 * MIN });
    expect(eps).toHaveLength(1);
    expect(eps[0].bad).toBe(10);
    expect(eps[0].total).toBe(200);
    expect(findEpisodes(grid([5, NaN, 5, 0]), TARGET, { mergeGapMs: 0 })).toHaveLength(2);
  });

  test('a bucket with zero events has no burn rate (not Infinity) and bad without total is ignored', () => {
    expect(findEpisodes(grid([0, 0], [0, 0]), TARGET)).toEqual([]);
    expect(findEpisodes(grid([3], [0]), TARGET)).toEqual([]);
  });

  test('excluded buckets are never part of an episode and split it even across a short gap', () => {
    const exclusions = [{ from: end(1), to: end(2), reason: 'maintenance' }]; // exactly bucket 2
    const eps = findEpisodes(grid([5, 5, 50, 5, 0]), TARGET, { exclusions, mergeGapMs: 60 * MIN });
    expect(eps.map((e) => [e.start, e.end, e.bad])).toEqual([
      [T0, end(1), 10],
      [end(2), end(3), 5],
    ]);
    // the allowance leaves the excluded bucket out: 1% of 400 events
    expect(eps[0].budgetShare).toBeCloseTo(10 / 4, 12);
  });

  test('minBurnRate and an explicit allowance', () => {
    const eps = findEpisodes(grid([2, 5, 2]), TARGET, { minBurnRate: 3, allowedBad: 50 });
    expect(eps).toHaveLength(1);
    expect(eps[0].start).toBe(end(0));
    expect(eps[0].bad).toBe(5);
    expect(eps[0].budgetShare).toBe(0.1);
    expect(findEpisodes(grid([5]), TARGET, { allowedBad: 0 })[0].budgetShare).toBeNull();
  });

  test('property: episodes are ordered, disjoint, separated by more than the merge gap, and hold every burning bucket', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 4 })), { maxLength: 60 }),
        fc.integer({ min: 0, max: 4 }),
        (bad, gapBuckets) => {
          const b = grid(bad);
          const mergeGapMs = gapBuckets * 5 * MIN;
          const eps = findEpisodes(b, TARGET, { mergeGapMs });
          for (let k = 1; k < eps.length; k++) {
            expect(eps[k].start - eps[k - 1].end).toBeGreaterThan(mergeGapMs);
          }
          bad.forEach((x, i) => {
            const inside = eps.some((e) => end(i) > e.start && end(i) <= e.end);
            if (x > 1) {
              expect(inside).toBe(true);
            }
          });
          for (const e of eps) {
            // every episode starts and ends with a burning bucket
            expect(bad[(e.start - T0) / (5 * MIN)]).toBeGreaterThan(1);
            expect(bad[(e.end - T0) / (5 * MIN) - 1]).toBeGreaterThan(1);
          }
        }
      )
    );
  });
});
