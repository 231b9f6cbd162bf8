import { hourlyHistory, timesliceAllowedBad } from './burndown';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 6, 1);

describe('hourlyHistory (query mode: the forecast history from chart buckets)', () => {
  it('sums 15-minute buckets into whole hours; partly covered hours are unknown, not small', () => {
    // Buckets end at 00:30, 00:45, ..., 03:00: hour (00:00, 01:00] has only three of its four buckets.
    const total = Array.from({ length: 11 }, (_, i) => i + 1);
    const h = hourlyHistory({
      firstEnd: T0 + 30 * MIN,
      step: 15 * MIN,
      bad: new Float64Array(11),
      total: Float64Array.from(total),
    });
    expect(h.step).toBe(HOUR);
    expect(h.firstEnd).toBe(T0 + HOUR);
    expect(Array.from(h.total)).toEqual([NaN, 4 + 5 + 6 + 7, 8 + 9 + 10 + 11]);
  });

  it('aligns hours to a half-hour zone and spreads whole-hour steps; other steps give no history', () => {
    const b = {
      firstEnd: T0 + 45 * MIN,
      step: 15 * MIN,
      bad: new Float64Array(4),
      total: Float64Array.from([1, 2, 3, 4]),
    };
    // With hours ending at :30, the buckets ending 00:45 .. 01:30 fill the hour (00:30, 01:30].
    expect(hourlyHistory(b, 30 * MIN)).toEqual({ firstEnd: T0 + 90 * MIN, step: HOUR, total: [10] });
    expect(Array.from(hourlyHistory(b).total)).toEqual([NaN, NaN]);
    const six = hourlyHistory({
      firstEnd: T0 + 2 * HOUR,
      step: 2 * HOUR,
      bad: new Float64Array(1),
      total: Float64Array.from([10]),
    });
    expect(six).toEqual({ firstEnd: T0 + HOUR, step: HOUR, total: [5, 5] });
    expect(
      hourlyHistory({ firstEnd: T0, step: 7 * MIN, bad: new Float64Array(1), total: Float64Array.from([1]) }).total
    ).toEqual([]);
  });
});

describe('timesliceAllowedBad', () => {
  it('is (1 - target) x the slices of the whole period, known in advance', () => {
    const month = { kind: 'calendar', unit: 'month', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' } as const;
    // July has 31 days of 5-minute slices: 8,928.
    expect(timesliceAllowedBad(month, T0 + 3 * 24 * HOUR, 0.99, 5 * MIN)).toBeCloseTo(89.28, 9);
    const excl = [{ from: T0 + HOUR, to: T0 + 2 * HOUR, reason: 'maintenance' }];
    expect(timesliceAllowedBad(month, T0 + 3 * 24 * HOUR, 0.99, 5 * MIN, excl)).toBeCloseTo(0.01 * (8928 - 12), 9);
  });
});
