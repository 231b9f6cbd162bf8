import {
  budgetSeries,
  prefixSums,
  rangeCounts,
  windowAt,
  type BudgetSeries,
  type Buckets,
  type TimeRange,
} from '../../../engine';
import type { Exclusion, WindowSpec } from '../../../slo';
import { sparklinePath, sumBuckets, trendBuckets, trendOn, worstTrend } from './trend';

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

describe('trendBuckets', () => {
  const H = 3_600_000;
  const DAY = 24 * H;
  const STEP = 6 * H;
  const month: WindowSpec = { kind: 'calendar', unit: 'month', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };

  /** Hourly buckets ending at firstEnd, firstEnd + 1 h, ... : uneven traffic, bursts of bad events, a silent hour. */
  function hoursFrom(firstEnd: number, n: number): Buckets {
    const total = new Float64Array(n);
    const bad = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const silent = i % 97 === 50;
      total[i] = silent ? NaN : 1000 + ((i * 37) % 400);
      bad[i] = silent ? NaN : i % 53 < 3 ? 40 + (i % 7) : (i * 13) % 5;
    }
    return { firstEnd, step: H, bad, total };
  }

  /** The hours from `from` on (the burn-down keeps its last 4 weeks). */
  const tail = (h: Buckets, from: number): Buckets => {
    const k = (from - (h.firstEnd - H)) / H;
    return { firstEnd: from + H, step: H, bad: h.bad.slice(k), total: h.total.slice(k) };
  };

  /** The status' exact counts of (start, end]: every known hour outside the exclusions. */
  const exact = (h: Buckets, end: number, exclusions: Exclusion[]) => {
    const c = rangeCounts(prefixSums(h, exclusions), 0, (end - h.firstEnd) / H + 1);
    return { bad: c.bad, total: c.total };
  };

  /**
   * The trend read the old way: the window's buckets on the trend's step from its start (one 6 h increase each, here
   * the sum of its hours), then the series with the exclusions; against it the series from trendBuckets, point by point.
   */
  function compare(
    window: WindowSpec,
    range: TimeRange,
    t: number,
    exclusions: Exclusion[],
    hoursKept = 28 * DAY
  ): { points: number; worst: number } {
    const all = hoursFrom(range.start + H, Math.round((range.end - range.start) / H));
    const n = Math.floor((t - range.start) / STEP);
    const m = Math.min(n, Math.floor((range.end - range.start) / STEP));
    const old = sumBuckets(all, { firstEnd: range.start + STEP, step: STEP, count: m })!;
    const oldAll = { ...old, bad: new Float64Array(n), total: new Float64Array(n) };
    oldAll.bad.set(old.bad);
    oldAll.total.set(old.total);
    const expected = budgetSeries(oldAll, window, 0.99, exclusions);
    const hours = tail(all, Math.max(range.start, range.end - hoursKept));
    const b = trendBuckets(
      hours,
      range,
      { step: STEP, from: t - 7 * DAY, t },
      exact(all, range.end, exclusions),
      exclusions
    );
    expect(b).not.toBeNull();
    const got = budgetSeries(b!, window, 0.99, exclusions);
    expect(Array.from(got.time)).toEqual(Array.from(expected.time));
    let points = 0;
    let worst = 0;
    got.time.forEach((x, i) => {
      if (x > t - 7 * DAY) {
        expect(Number.isNaN(got.remaining[i])).toBe(Number.isNaN(expected.remaining[i]));
        worst = Math.max(worst, Math.abs(got.remaining[i] - expected.remaining[i]) || 0);
        points++;
      }
    });
    return { points, worst };
  }

  it('a window older than the hours: its exact counts before the trend in its first bucket, equal to the old read', () => {
    const start = Date.UTC(2026, 6, 1);
    const t = start + 50 * DAY;
    const quarter: WindowSpec = { ...month, unit: 'quarter' };
    expect(compare(quarter, { start, end: t }, t, [])).toEqual({ points: 28, worst: expect.any(Number) });
    expect(compare(quarter, { start, end: t }, t, []).worst).toBeLessThan(1e-12);
  });

  it('an exclusion inside the trend week is removed as the old read removes it (its buckets), to 1e-12', () => {
    const start = Date.UTC(2026, 6, 1);
    const t = start + 35 * DAY + 12 * H;
    const ex: Exclusion[] = [{ from: start + 33 * DAY + 2 * H, to: start + 33 * DAY + 3 * H, reason: 'maintenance' }];
    const quarter: WindowSpec = { ...month, unit: 'quarter' };
    const r = compare(quarter, { start, end: t }, t, ex);
    expect(r.points).toBe(28);
    expect(r.worst).toBeLessThan(1e-12);
  });

  it("an exclusion in the window's first bucket moves the earlier counts to the next bucket outside it", () => {
    const start = Date.UTC(2026, 6, 1);
    const t = start + 40 * DAY;
    const ex: Exclusion[] = [{ from: start, to: start + 7 * H, reason: 'migration' }];
    const hours = hoursFrom(t - 28 * DAY + H, 28 * 24);
    const b = trendBuckets(
      hours,
      { start, end: t },
      { step: STEP, from: t - 7 * DAY, t },
      { bad: 500, total: 9e6 },
      ex
    )!;
    expect([b.total[0], b.total[1]]).toEqual([0, 0]);
    expect(b.total[2]).toBeGreaterThan(0);
    const all = trendBuckets(hours, { start, end: t }, { step: STEP, from: t - 7 * DAY, t }, { bad: 500, total: 9e6 }, [
      { from: start, to: t - 7 * DAY, reason: 'all of it' },
    ]);
    expect(all).toBeNull();
  });

  it('a window of 2 days: summed from the hours alone, equal to the old read', () => {
    const start = Date.UTC(2026, 8, 1);
    const t = start + 2 * DAY;
    const ex: Exclusion[] = [{ from: start + 20 * H, to: start + 21 * H, reason: 'maintenance' }];
    const r = compare(month, { start, end: t }, t, ex);
    expect(r.points).toBe(8);
    expect(r.worst).toBe(0);
  });

  it('a fixed window that ended inside the week: zeros after its end, the final figure kept, equal to the old read', () => {
    const start = Date.UTC(2026, 7, 10);
    const end = Date.UTC(2026, 7, 17);
    const t = end + 3 * DAY + 12 * H;
    const fixed: WindowSpec = { kind: 'fixed', from: start, to: end };
    const r = compare(fixed, { start, end }, t, []);
    expect(r.points).toBe(28);
    expect(r.worst).toBeLessThan(1e-12);
  });

  it('a calendar month in Europe/Berlin across the October change (25 Oct 2026): equal to the old read', () => {
    const berlin: WindowSpec = { ...month, timeZone: 'Europe/Berlin' };
    const start = Date.parse('2026-09-30T22:00:00Z');
    const t = Date.parse('2026-10-29T12:00:00Z');
    expect(windowAt(t, berlin).start).toBe(start);
    const r = compare(berlin, { start, end: t }, t, [], 20 * DAY);
    expect(r.points).toBe(28);
    expect(r.worst).toBeLessThan(1e-12);
  });

  it('refuses hours that do not cover the trend or lie off its grid', () => {
    const start = Date.UTC(2026, 8, 1);
    const t = start + 2 * DAY;
    const late = hoursFrom(start + 3 * H, 40);
    expect(
      trendBuckets(late, { start, end: t }, { step: STEP, from: t - 7 * DAY, t }, { bad: 0, total: 0 }, [])
    ).toBeNull();
    const off = hoursFrom(start + H + 60_000, 48);
    expect(
      trendBuckets(off, { start, end: t }, { step: STEP, from: t - 7 * DAY, t }, { bad: 0, total: 0 }, [])
    ).toBeNull();
  });
});

describe('trendOn', () => {
  it("puts the trend on the week's points, NaN before the window's first", () => {
    expect(trendOn({ time: [3, 4], value: [0.9, 0.8], stepMs: 1 }, [1, 2, 3, 4])).toEqual({
      time: [1, 2, 3, 4],
      value: [NaN, NaN, 0.9, 0.8],
      stepMs: 1,
    });
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
