import type { WindowSpec } from '../slo/types';
import { budgetAt, burnRate, burnRateAt, countsBetween } from './figures';
import { prefixSums } from './prefix';
import type { Buckets } from './types';

const Z = (iso: string) => Date.parse(iso);
const HOUR = 3600_000;

// Hourly buckets ending 2026-06-01T01:00Z .. 08:00Z.
const b: Buckets = {
  firstEnd: Z('2026-06-01T01:00:00Z'),
  step: HOUR,
  total: Float64Array.from([1000, 1000, NaN, 1000, 2000, 0, 1000, 1000]),
  bad: Float64Array.from([0, 10, NaN, 5, 40, 0, NaN, 1]),
};

describe('countsBetween', () => {
  it('sums the buckets whose end lies in (start, end]', () => {
    const p = prefixSums(b);
    expect(countsBetween(b, Z('2026-06-01T01:00:00Z'), Z('2026-06-01T05:00:00Z'), p)).toEqual({
      bad: 55,
      total: 4000,
      hasData: true,
    });
    // Off the grid: the buckets whose end lies in (start, end], here those ending 01:00 and 02:00.
    expect(countsBetween(b, Z('2026-06-01T00:30:00Z'), Z('2026-06-01T02:30:00Z'), p)).toEqual({
      bad: 10,
      total: 2000,
      hasData: true,
    });
    expect(countsBetween(b, Z('2026-06-01T02:00:00Z'), Z('2026-06-01T03:00:00Z'), p)).toEqual({
      bad: 0,
      total: 0,
      hasData: false,
    });
  });
});

describe('budgetAt', () => {
  it('rolling 4 h at 05:00: buckets ending 02..05', () => {
    const w: WindowSpec = { kind: 'rolling', durationMs: 4 * HOUR };
    const f = budgetAt(b, w, Z('2026-06-01T05:00:00Z'), 0.99);
    expect(f).toMatchObject({ start: Z('2026-06-01T01:00:00Z'), end: Z('2026-06-01T05:00:00Z'), bad: 55, total: 4000 });
    // 55/4000 = 1.375% of events bad, budget 1% -> consumed 1.375.
    expect(f.sli).toBeCloseTo(1 - 55 / 4000, 12);
    expect(f.consumed).toBeCloseTo(1.375, 12);
    expect(f.remaining).toBeCloseTo(-0.375, 12);
  });

  it('a window with only the no-data bucket is null, never 100%', () => {
    const w: WindowSpec = { kind: 'rolling', durationMs: HOUR };
    expect(budgetAt(b, w, Z('2026-06-01T03:00:00Z'), 0.99)).toMatchObject({
      sli: null,
      consumed: null,
      remaining: null,
    });
    // Zero traffic with data: nothing spent.
    expect(budgetAt(b, w, Z('2026-06-01T06:00:00Z'), 0.99)).toMatchObject({ sli: null, consumed: 0, remaining: 1 });
  });

  it('before any data, even an empty window at a period start has no figures', () => {
    const day: WindowSpec = { kind: 'calendar', unit: 'day', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };
    expect(budgetAt(b, day, Z('2026-06-01T00:00:00Z'), 0.99).remaining).toBeNull();
    expect(budgetAt(b, day, Z('2026-06-02T00:00:00Z'), 0.99)).toMatchObject({
      remaining: 1,
      consumed: 0,
      bad: 0,
      total: 0,
    });
  });

  it('a fixed window counts (from, min(t, to)]', () => {
    const w: WindowSpec = { kind: 'fixed', from: Z('2026-06-01T03:00:00Z'), to: Z('2026-06-01T05:00:00Z') };
    expect(budgetAt(b, w, Z('2026-06-01T08:00:00Z'), 0.99)).toMatchObject({
      bad: 45,
      total: 3000,
      end: Z('2026-06-01T05:00:00Z'),
    });
    expect(budgetAt(b, w, Z('2026-06-01T04:00:00Z'), 0.99)).toMatchObject({ bad: 5, total: 1000 });
  });
});

describe('burnRate', () => {
  it('is (bad/total)/(1 - target), null without events', () => {
    expect(burnRate({ bad: 10, total: 1000 }, 0.99)).toBeCloseTo(1, 12);
    expect(burnRate({ bad: 144, total: 1000 }, 0.99)).toBeCloseTo(14.4, 12);
    expect(burnRate({ bad: 0, total: 1000 }, 0.99)).toBe(0);
    expect(burnRate({ bad: 0, total: 0 }, 0.99)).toBeNull();
    expect(burnRate({ bad: NaN, total: NaN }, 0.99)).toBeNull();
  });

  it('burnRateAt looks back over (t - L, t]', () => {
    expect(burnRateAt(b, Z('2026-06-01T05:00:00Z'), 2 * HOUR, 0.99)).toBeCloseTo(45 / 3000 / 0.01, 12);
    expect(burnRateAt(b, Z('2026-06-01T03:00:00Z'), HOUR, 0.99)).toBeNull();
    expect(burnRateAt(b, Z('2026-06-01T07:00:00Z'), HOUR, 0.99)).toBe(0);
    // An exclusion removes its buckets from the lookback.
    const ex = [{ from: Z('2026-06-01T04:00:00Z'), to: Z('2026-06-01T05:00:00Z'), reason: 'x' }];
    expect(burnRateAt(b, Z('2026-06-01T05:00:00Z'), 2 * HOUR, 0.99, ex)).toBeCloseTo(5 / 1000 / 0.01, 12);
  });
});
