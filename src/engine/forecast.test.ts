import fc from 'fast-check';

import {
  createForecaster,
  FORECAST_WEEKS,
  forecastEvents,
  forecastHistoryGrid,
  hourOfWeek,
  hoursOfWeek,
  WEEK_HOURS,
  type TrafficHistory,
} from './forecast';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** Hourly history whose hour i (ending firstEnd + i h) holds f(start of the hour). */
function history(firstEnd: number, hours: number, f: (hourStart: number) => number): TrafficHistory {
  const total = new Float64Array(hours);
  for (let i = 0; i < hours; i++) {
    total[i] = f(firstEnd + (i - 1) * H);
  }
  return { firstEnd, step: H, total };
}

describe('hourOfWeek', () => {
  it('counts from Monday 00:00 in the zone', () => {
    expect(hourOfWeek(at('2026-06-01T00:00:00Z'), 'UTC')).toBe(0); // a Monday
    expect(hourOfWeek(at('2026-06-07T23:59:00Z'), 'UTC')).toBe(167);
    expect(hourOfWeek(at('2026-06-01T00:00:00Z'), 'Europe/Berlin')).toBe(2);
  });

  it('keeps Berlin Monday 09:00 at slot 9 on both sides of the DST switch', () => {
    expect(hourOfWeek(at('2026-03-23T08:00:00Z'), 'Europe/Berlin')).toBe(9); // CET
    expect(hourOfWeek(at('2026-03-30T07:00:00Z'), 'Europe/Berlin')).toBe(9); // CEST
    expect(hourOfWeek(at('2026-10-26T08:00:00Z'), 'Europe/Berlin')).toBe(9); // CET again
  });
});

describe('hoursOfWeek', () => {
  it('equals hourOfWeek hour by hour over a year, in zones with DST at midnight, 30-minute DST and :45 offsets', () => {
    for (const zone of [
      'UTC',
      'Europe/Berlin',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
    ]) {
      const first = at('2026-01-01T00:00:00Z');
      for (let day = 0; day < 365; day++) {
        const start = first + day * 24 * H;
        const fast = hoursOfWeek(start, 24, zone);
        for (let k = 0; k < 24; k++) {
          if (fast[k] !== hourOfWeek(start + k * H, zone)) {
            throw new Error(
              `${zone} ${new Date(start + k * H).toISOString()}: ${fast[k]} vs ${hourOfWeek(start + k * H, zone)}`
            );
          }
        }
      }
    }
  });
});

describe('forecastHistoryGrid', () => {
  it('ends at the last whole local hour at or before t, 4 weeks of hours', () => {
    const t = at('2026-08-12T10:20:00Z');
    const g = forecastHistoryGrid(t);
    expect(g.count).toBe(FORECAST_WEEKS * WEEK_HOURS);
    expect(g.firstEnd + (g.count - 1) * g.step).toBe(at('2026-08-12T10:00:00Z'));
  });

  it('puts the edges of a +05:30 zone on :30 UTC', () => {
    const g = forecastHistoryGrid(at('2026-08-12T10:20:00Z'), 'Asia/Kolkata');
    expect(g.firstEnd + (g.count - 1) * g.step).toBe(at('2026-08-12T09:30:00Z'));
  });
});

describe('forecastEvents', () => {
  const firstEnd = at('2026-06-01T01:00:00Z');
  const weeks4 = 4 * WEEK_HOURS;
  const t = firstEnd + (weeks4 - 1) * H; // 2026-06-29T00:00Z, a Monday

  it('repeats a flat history, prorating partial hours', () => {
    const h = history(firstEnd, weeks4, () => 100);
    expect(forecastEvents(h, t, t + 10 * H)).toEqual({ total: 1000, method: 'weekly-profile', historyHours: weeks4 });
    expect(forecastEvents(h, t + H / 2, t + 10 * H).total).toBeCloseTo(950, 9);
    expect(forecastEvents(h, t, t).total).toBe(0);
    expect(forecastEvents(h, t + H, t).total).toBe(0);
  });

  it('forecasts a Monday morning from Monday mornings, not from Sunday night', () => {
    const h = history(firstEnd, weeks4, (s) => (hourOfWeek(s, 'UTC') === 9 ? 1000 : 100));
    expect(forecastEvents(h, t + 9 * H, t + 10 * H).total).toBe(1000);
    expect(forecastEvents(h, t - 3 * H, t - 2 * H).total).toBe(100);
  });

  it('keeps the Berlin Monday 09:00 peak on local time across the DST switch', () => {
    // Four weeks of CET history before 2026-03-29, forecast into CEST.
    const first = at('2026-03-01T00:00:00Z');
    const h = history(first, weeks4, (s) => (hourOfWeek(s, 'Europe/Berlin') === 9 ? 1000 : 100));
    const now = first + (weeks4 - 1) * H;
    const opts = { timeZone: 'Europe/Berlin' };
    expect(forecastEvents(h, now, at('2026-03-30T07:00:00Z'), opts).total).toBeGreaterThan(0);
    const peak = forecastEvents(h, at('2026-03-30T07:00:00Z'), at('2026-03-30T08:00:00Z'), opts);
    expect(peak.total).toBe(1000); // 09:00 CEST
    expect(forecastEvents(h, at('2026-03-30T08:00:00Z'), at('2026-03-30T09:00:00Z'), opts).total).toBe(100);
    // In UTC the same history puts the peak an hour later in summer.
    expect(forecastEvents(h, at('2026-03-30T07:00:00Z'), at('2026-03-30T08:00:00Z')).total).toBe(100);
  });

  it('repeats the profile for periods that end months beyond the history', () => {
    const h = history(firstEnd, weeks4, (s) => 10 + hourOfWeek(s, 'UTC'));
    const weekly = Array.from({ length: WEEK_HOURS }, (_, s) => 10 + s).reduce((a, b) => a + b, 0);
    expect(forecastEvents(h, t, t + 13 * WEEK_HOURS * H).total).toBe(13 * weekly);
  });

  it('skips no-data hours, and fills a slot without any from the same hour of other days', () => {
    const h = history(firstEnd, weeks4, (s) => (hourOfWeek(s, 'UTC') === 9 ? 1000 : 100));
    const total = h.total as Float64Array;
    // Two of four Monday 09:00 hours missing: the other two still say 1000.
    let seen = 0;
    for (let i = 0; i < weeks4; i++) {
      if (total[i] === 1000 && seen++ < 2) {
        total[i] = NaN;
      }
    }
    expect(forecastEvents(h, t + 9 * H, t + 10 * H).total).toBe(1000);
    // Every Tuesday 09:00 missing: the mean of the other 09:00 hours (6 days x 4 weeks, 2 of them 1000).
    for (let i = 0; i < weeks4; i++) {
      if (hourOfWeek(firstEnd + (i - 1) * H, 'UTC') === 24 + 9) {
        total[i] = NaN;
      }
    }
    const f = forecastEvents(h, t + 33 * H, t + 34 * H);
    expect(f.method).toBe('partial-profile');
    expect(f.total).toBeCloseTo((2 * 1000 + 20 * 100) / 22, 9);
  });

  it('with partial history uses the hour of the day, then a flat rate', () => {
    // Three days (Mon-Wed) of history, 200/h at 12:00, 50/h otherwise.
    const h = history(firstEnd, 72, (s) => (new Date(s).getUTCHours() === 12 ? 200 : 50));
    const now = firstEnd + 71 * H;
    const sat = at('2026-06-06T12:00:00Z');
    const f = forecastEvents(h, sat, sat + H);
    expect(f).toEqual({ total: 200, method: 'partial-profile', historyHours: 72 });
    expect(forecastEvents(h, now, now + 24 * H).total).toBe(23 * 50 + 200);
  });

  it('without history forecasts the elapsed rate, and nothing without either', () => {
    const empty = history(firstEnd, weeks4, () => NaN);
    expect(forecastEvents(empty, t, t + 10 * H, {}, { start: t - 5 * H, total: 500 })).toEqual({
      total: 1000,
      method: 'elapsed-rate',
      historyHours: 0,
    });
    expect(forecastEvents(empty, t, t + 10 * H)).toEqual({ total: 0, method: 'none', historyHours: 0 });
    expect(forecastEvents(empty, t, t + 10 * H, {}, { start: t, total: 0 }).method).toBe('none');
  });

  it('forecasts zero for zero traffic', () => {
    const zero = history(firstEnd, weeks4, () => 0);
    expect(forecastEvents(zero, t, t + 100 * H)).toEqual({ total: 0, method: 'weekly-profile', historyHours: weeks4 });
  });

  it('leaves excluded intervals out of the forecast', () => {
    const h = history(firstEnd, weeks4, () => 100);
    const exclusions = [{ from: t + 2 * H, to: t + 3.5 * H, reason: 'maintenance' }];
    expect(forecastEvents(h, t, t + 10 * H, { exclusions }).total).toBeCloseTo(850, 9);
  });

  it('uses only the hours wholly known at t', () => {
    // An hour ending after t must not leak into the profile, even when the history holds it.
    const h = history(firstEnd, weeks4 + 5, (s) => (s >= t ? 1e6 : 100));
    expect(forecastEvents(h, t, t + H).total).toBe(100);
  });

  it('rejects a history that is not hourly', () => {
    expect(() => forecastEvents({ firstEnd, step: 60_000, total: [1] }, t, t + H)).toThrow(/hourly/);
  });

  it('a forecaster swept over t gives what a fresh forecast gives at each t (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 1e4, noNaN: true })), {
          minLength: 1,
          maxLength: 3 * WEEK_HOURS,
        }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu'),
        fc.array(fc.integer({ min: 0, max: 60 * 24 * 40 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 60 * 24 * 60 }),
        (values, timeZone, offsets, span) => {
          const h: TrafficHistory = { firstEnd: at('2026-03-02T05:00:00Z'), step: H, total: values };
          const end = h.firstEnd + span * 60_000 + 7 * 24 * H;
          const exclusions = [{ from: end - 30 * H, to: end - 29.25 * H, reason: 'x' }];
          const sweep = createForecaster(h, { timeZone, exclusions });
          for (const m of [...offsets].sort((a, b) => a - b)) {
            const t = h.firstEnd + m * 60_000;
            const elapsed = { start: h.firstEnd, total: 1000 };
            const a = sweep.at(t, end, elapsed);
            const b = forecastEvents(h, t, end, { timeZone, exclusions }, elapsed);
            expect(a.method).toBe(b.method);
            expect(Math.abs(a.total - b.total)).toBeLessThanOrEqual(1e-9 * Math.max(1, b.total));
          }
        }
      ),
      { numRuns: 60 }
    );
  });
});
