import { budgetSeries } from '../../../engine';
import type { PolicyLevel, WindowSpec } from '../../../slo/types';
import { periodPolicyChanges, policyChanges } from './policyChanges';

const LEVELS: PolicyLevel[] = [
  { name: 'notify', below: 0.5, actions: ['notify #payments'] },
  { name: 'freeze', below: 0.25, actions: ['freeze releases'] },
];

describe('policyChanges', () => {
  test('the level at the first point with data, then every change; no-data points change nothing', () => {
    const time = [1, 2, 3, 4, 5, 6, 7];
    const remaining = [NaN, 0.9, 0.6, 0.4, NaN, 0.2, 1];
    expect(policyChanges(time, remaining, LEVELS)).toEqual([
      { at: 2, level: null, actions: [] },
      { at: 4, level: 'notify', actions: ['notify #payments'] },
      { at: 6, level: 'freeze', actions: ['freeze releases'] },
      { at: 7, level: null, actions: [] },
    ]);
  });

  test('no levels: no policy, no changes', () => {
    expect(policyChanges([1], [0.1], [])).toEqual([]);
  });

  test('a burn-rate condition uses the burn rate at that point', () => {
    const levels: PolicyLevel[] = [{ name: 'page', actions: [], burnRate: { above: 10, windowMs: 3_600_000 } }];
    const rates = [1, 20, 2];
    const got = policyChanges([1, 2, 3], [0.9, 0.9, 0.9], levels, (i, ms) => (ms === 3_600_000 ? rates[i] : null));
    expect(got.map((c) => [c.at, c.level])).toEqual([
      [1, null],
      [2, 'page'],
      [3, null],
    ]);
  });
});

describe('periodPolicyChanges', () => {
  const H = 3_600_000;
  // November 2026 in Europe/Berlin starts at 2026-10-31T23:00Z (CET, UTC+1); 2 h buckets end at 01:00Z, 03:00Z, ...
  const monthStart = Date.parse('2026-10-31T23:00:00Z');
  const month: WindowSpec = {
    kind: 'calendar',
    unit: 'month',
    timeZone: 'Europe/Berlin',
    startMonth: 1,
    weekStart: 'monday',
  };
  // 12 buckets of 2 h: 6 before the month (the burn-rate lookback), 6 in it; October ends burning, November starts well.
  const step = 2 * H;
  const firstEnd = monthStart - 5 * step;
  const total = new Float64Array(12).fill(1000);
  const bad = Float64Array.from([0, 0, 0, 0, 300, 300, 0, 0, 400, 0, 0, 0]);
  const series = budgetSeries({ firstEnd, step, bad, total }, month, 0.9);

  test('a month on 2 h buckets starts at 00:00 of the month (zone time) with the level in force there', () => {
    // The bucket ending on the boundary closes October below 'notify'; the first November point is 02:00 local.
    expect(series.time[5]).toBe(monthStart);
    expect(series.remaining[5]).toBeLessThan(0.5);
    expect(series.time[6]).toBe(monthStart + step);
    const got = periodPolicyChanges(series, { from: monthStart, to: monthStart + 6 * step }, LEVELS);
    expect(got.map((c) => [new Date(c.at).toISOString(), c.level])).toEqual([
      ['2026-10-31T23:00:00.000Z', null],
      // 400 bad of 3000 total against 300 allowed: the budget is gone.
      ['2026-11-01T05:00:00.000Z', 'freeze'],
      // 400 of 6000 against 600: a third left.
      ['2026-11-01T11:00:00.000Z', 'notify'],
    ]);
  });

  test('the start reads the burn rate of the bucket ending at the start (burn rates do not reset with the period)', () => {
    const levels: PolicyLevel[] = [{ name: 'page', actions: [], burnRate: { above: 2, windowMs: 2 * H } }];
    const rate = (i: number) => bad[i] / total[i] / 0.1;
    const got = periodPolicyChanges(series, { from: monthStart, to: monthStart + 6 * step }, levels, (i) => rate(i));
    expect(got.map((c) => [c.at - monthStart, c.level])).toEqual([
      [0, 'page'],
      [step, null],
      [3 * step, 'page'],
      [4 * step, null],
    ]);
  });

  test('without a point or reset at the start (a range off the grid) the table starts at the first point after it', () => {
    const got = periodPolicyChanges(series, { from: monthStart + H, to: monthStart + 6 * step }, LEVELS);
    expect(got[0].at).toBe(monthStart + step);
  });
});
