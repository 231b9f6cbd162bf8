import { burndownSeries, budgetSeries, type Buckets } from '../../../engine';
import type { CalendarWindow } from '../../../slo/types';
import { burndownModel, sliModel } from './charts';

const H = 3_600_000;
const Z = (s: string) => Date.parse(s);
const MONTH: CalendarWindow = { kind: 'calendar', unit: 'month', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };

// Two days either side of the Aug 1 boundary, hourly, 1,000 events an hour, 10 bad in one hour of Aug 1 at 10:00.
const firstEnd = Z('2026-07-30T01:00:00Z');
const n = 96;
const total = new Float64Array(n).fill(1000);
const bad = new Float64Array(n).fill(0);
bad[(Z('2026-08-01T10:00:00Z') - firstEnd) / H] = 10;
// No sample in the first six hours.
bad.fill(NaN, 0, 6);
total.fill(NaN, 0, 6);
const b: Buckets = { firstEnd, step: H, bad, total };
const history = { firstEnd, step: H, total };
const range = { from: Z('2026-08-01T00:00:00Z'), to: Z('2026-09-01T00:00:00Z') };

describe('detail chart models', () => {
  test('the burn-down starts at exactly 100% on the period start, with the ideal line on the same axis', () => {
    const s = burndownSeries(b, MONTH, 0.995, history);
    const m = burndownModel(s, range, [], []);
    expect(m.time[0]).toBe(range.from);
    expect(m.fields[0].values[0]).toBe(1);
    expect(m.fields.map((f) => f.name)).toEqual(['Burn-down', 'Ideal']);
    expect(m.fields.map((f) => [f.unit, f.softMin, f.softMax])).toEqual([
      ['percentunit', 0, 1],
      ['percentunit', 0, 1],
    ]);
    // nothing from July is drawn
    expect(m.time.every((t) => t >= range.from && t <= range.to)).toBe(true);
    // it falls at the bad hour and never rises above the ideal start
    expect(Math.min(...(m.fields[0].values as number[]))).toBeLessThan(1);
    expect(m.table[0]).toEqual(['2026-08-01T00:00:00Z', '1']);
  });

  test("a range that starts on the period boundary does not draw the old period's closing point there", () => {
    // 50 bad events in July's last hours: July's burn-down closes well below 100% at the Aug 1 boundary.
    const julyBad = bad.slice();
    julyBad[(Z('2026-07-31T20:00:00Z') - firstEnd) / H] = 50;
    const s = burndownSeries({ ...b, bad: julyBad }, MONTH, 0.995, history);
    const m = burndownModel(s, range, [], []);
    expect(m.time.filter((t) => t === range.from)).toHaveLength(1);
    expect(m.fields[0].values[0]).toBe(1);
    expect(m.fields[1].values[0]).toBe(1);
  });

  test('the SLI is a gap (null) while its window has no data, never 100%', () => {
    const s = budgetSeries(b, MONTH, 0.995);
    const m = sliModel(s, { from: firstEnd, to: range.to }, 0.995, []);
    expect(m.fields[0].values.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(m.fields[0].values[6]).toBe(1);
    expect(m.fields[0].thresholds?.[1]).toEqual({ value: 0.995, color: 'red' });
  });
});
