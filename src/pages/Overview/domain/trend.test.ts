import type { BudgetSeries } from '../../../engine';
import { bucketsFromRecent, sparklinePath, sumBuckets, worstTrend } from './trend';

const series = (time: number[], remaining: number[]) =>
  ({ time: Float64Array.from(time), remaining: Float64Array.from(remaining) } as unknown as BudgetSeries);

describe('worstTrend', () => {
  it('keeps the group whose last figure is lowest, from the trend start on', () => {
    const a = series([1, 2, 3, 4], [1, 0.9, 0.8, 0.7]);
    const b = series([1, 2, 3, 4], [1, 0.5, 0.4, NaN]);
    expect(worstTrend([a, b], 2, 1)).toEqual({ time: [3, 4], value: [0.4, NaN], stepMs: 1 });
    expect(worstTrend([a], 0, 1)?.value).toEqual([1, 0.9, 0.8, 0.7]);
  });

  it('has no trend without any figure', () => {
    expect(worstTrend([series([1, 2], [NaN, NaN])], 0, 1)).toBeUndefined();
    expect(worstTrend([], 0, 1)).toBeUndefined();
  });
});

describe('sparklinePath', () => {
  it('puts 100% at the top and 0% at the bottom, and breaks at a gap', () => {
    expect(sparklinePath([1, 0.5, NaN, 0], 30, 10)).toBe('M0.0,0.0L10.0,5.0M30.0,10.0');
  });

  it('stretches to show an overspent budget', () => {
    expect(sparklinePath([1, -1], 10, 10)).toBe('M0.0,0.0L10.0,10.0');
  });

  it('draws nothing without figures', () => {
    expect(sparklinePath([NaN], 10, 10)).toBe('');
  });
});

describe('bucketsFromRecent', () => {
  const H = 3_600_000;
  const start = Date.UTC(2026, 6, 1);
  const recent = {
    firstEnd: start + 4 * 6 * H,
    step: 6 * H,
    bad: Float64Array.from([1, NaN, 2]),
    total: Float64Array.from([100, NaN, 200]),
  };

  it("puts the window's counts before the recent buckets into its first bucket, so cumulative sums end on them", () => {
    const b = bucketsFromRecent(recent, start, { bad: 10, total: 1000 })!;
    expect(b.firstEnd).toBe(start + 6 * H);
    expect([...b.total]).toEqual([700, 0, 0, 100, NaN, 200]);
    expect([...b.bad]).toEqual([7, 0, 0, 1, NaN, 2]);
  });

  it('refuses recent buckets off the window grid or starting in its first bucket', () => {
    expect(bucketsFromRecent({ ...recent, firstEnd: start + 6 * H }, start, { bad: 0, total: 0 })).toBeNull();
    expect(bucketsFromRecent({ ...recent, firstEnd: start + 6 * H + 1 }, start, { bad: 0, total: 0 })).toBeNull();
  });
});

describe('sumBuckets', () => {
  const H = 3_600_000;
  const hourly = {
    firstEnd: 10 * H,
    step: H,
    bad: Float64Array.from([1, 0, 2, NaN, NaN, NaN, 3, NaN]),
    total: Float64Array.from([10, 20, 30, NaN, NaN, NaN, 40, 50]),
  };

  it('sums whole hours into each coarse bucket; NaN only where no hour is known', () => {
    const b = sumBuckets(hourly, { firstEnd: 12 * H, step: 3 * H, count: 2 })!;
    expect(b).toMatchObject({ firstEnd: 12 * H, step: 3 * H });
    expect([...b.total]).toEqual([60, NaN]);
    expect([...b.bad]).toEqual([3, NaN]);
    const c = sumBuckets(hourly, { firstEnd: 14 * H, step: 2 * H, count: 2 })!;
    expect([...c.total]).toEqual([NaN, 40]);
    expect([...c.bad]).toEqual([NaN, 3]);
  });

  it('refuses a grid off the hours, with a step that is no whole number of hours, or not covered', () => {
    expect(sumBuckets(hourly, { firstEnd: 12 * H + 1, step: 3 * H, count: 1 })).toBeNull();
    expect(sumBuckets(hourly, { firstEnd: 12 * H, step: 1.5 * H, count: 1 })).toBeNull();
    expect(sumBuckets(hourly, { firstEnd: 11 * H, step: 3 * H, count: 1 })).toBeNull();
    expect(sumBuckets(hourly, { firstEnd: 12 * H, step: 3 * H, count: 3 })).toBeNull();
  });
});
