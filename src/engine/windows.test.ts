import fc from 'fast-check';

import type { CalendarUnit, CalendarWindow, Weekday, WindowSpec } from '../slo/types';
import { wallTime, zoneOffset } from './timezone';
import { fullWindowAt, nextPeriodStart, periodBoundaries, periodStart, windowAt, windowResets } from './windows';

const Z = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function cal(unit: CalendarUnit, timeZone = 'UTC', startMonth = 1, weekStart: Weekday = 'monday'): CalendarWindow {
  return { kind: 'calendar', unit, timeZone, startMonth, weekStart };
}

/** Expect the period containing `t` to be [start, end). */
function expectPeriod(t: string, c: CalendarWindow, start: string, end: string) {
  const s = periodStart(Z(t), c);
  expect(new Date(s).toISOString()).toBe(new Date(Z(start)).toISOString());
  expect(new Date(nextPeriodStart(s, c)).toISOString()).toBe(new Date(Z(end)).toISOString());
  expect(fullWindowAt(Z(t), c)).toEqual({ start: Z(start), end: Z(end) });
  expect(windowAt(Z(t), c)).toEqual({ start: Z(start), end: Z(t) });
}

describe('calendar periods, by hand', () => {
  describe('UTC', () => {
    it('day', () => {
      expectPeriod('2026-05-17T13:45:00Z', cal('day'), '2026-05-17T00:00:00Z', '2026-05-18T00:00:00Z');
      expectPeriod('2026-05-17T00:00:00Z', cal('day'), '2026-05-17T00:00:00Z', '2026-05-18T00:00:00Z');
      expectPeriod('2026-05-17T23:59:59.999Z', cal('day'), '2026-05-17T00:00:00Z', '2026-05-18T00:00:00Z');
    });
    it('week starting monday and sunday', () => {
      // 2026-05-17 is a Sunday.
      expectPeriod('2026-05-17T12:00:00Z', cal('week'), '2026-05-11T00:00:00Z', '2026-05-18T00:00:00Z');
      expectPeriod(
        '2026-05-17T12:00:00Z',
        cal('week', 'UTC', 1, 'sunday'),
        '2026-05-17T00:00:00Z',
        '2026-05-24T00:00:00Z'
      );
      expectPeriod(
        '2026-05-16T23:59:00Z',
        cal('week', 'UTC', 1, 'sunday'),
        '2026-05-10T00:00:00Z',
        '2026-05-17T00:00:00Z'
      );
      // Across a year end: 2026-01-01 is a Thursday.
      expectPeriod('2026-01-01T08:00:00Z', cal('week'), '2025-12-29T00:00:00Z', '2026-01-05T00:00:00Z');
      expectPeriod(
        '2026-01-01T08:00:00Z',
        cal('week', 'UTC', 1, 'saturday'),
        '2025-12-27T00:00:00Z',
        '2026-01-03T00:00:00Z'
      );
    });
    it('month, including February of a leap year', () => {
      expectPeriod('2028-02-29T12:00:00Z', cal('month'), '2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z');
      expectPeriod('2026-12-31T23:00:00Z', cal('month'), '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z');
    });
    it('quarter from January and from September', () => {
      expectPeriod('2026-11-15T00:00:00Z', cal('quarter'), '2026-10-01T00:00:00Z', '2027-01-01T00:00:00Z');
      expectPeriod('2026-03-31T23:59:00Z', cal('quarter'), '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z');
      // startMonth 9: quarters start in Sep, Dec, Mar, Jun.
      expectPeriod('2026-11-15T00:00:00Z', cal('quarter', 'UTC', 9), '2026-09-01T00:00:00Z', '2026-12-01T00:00:00Z');
      expectPeriod('2027-01-20T00:00:00Z', cal('quarter', 'UTC', 9), '2026-12-01T00:00:00Z', '2027-03-01T00:00:00Z');
      expectPeriod('2026-04-01T00:00:00Z', cal('quarter', 'UTC', 9), '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z');
      expectPeriod('2026-08-31T23:59:00Z', cal('quarter', 'UTC', 9), '2026-06-01T00:00:00Z', '2026-09-01T00:00:00Z');
    });
    it('year from January and a fiscal year from July', () => {
      expectPeriod('2026-03-01T00:00:00Z', cal('year'), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
      expectPeriod('2026-03-01T00:00:00Z', cal('year', 'UTC', 7), '2025-07-01T00:00:00Z', '2026-07-01T00:00:00Z');
      expectPeriod('2026-07-01T00:00:00Z', cal('year', 'UTC', 7), '2026-07-01T00:00:00Z', '2027-07-01T00:00:00Z');
      expectPeriod('2026-12-31T00:00:00Z', cal('year', 'UTC', 7), '2026-07-01T00:00:00Z', '2027-07-01T00:00:00Z');
    });
  });

  describe('Europe/Berlin (CET +1, CEST +2)', () => {
    const tz = 'Europe/Berlin';
    it('quarter Q4 2026 starts 2026-09-30T22:00Z and ends in winter time', () => {
      expectPeriod('2026-11-15T12:00:00Z', cal('quarter', tz), '2026-09-30T22:00:00Z', '2026-12-31T23:00:00Z');
      // 2026-09-30T22:30Z is already 00:30 on 1 October in Berlin.
      expectPeriod('2026-09-30T22:30:00Z', cal('quarter', tz), '2026-09-30T22:00:00Z', '2026-12-31T23:00:00Z');
      expectPeriod('2026-09-30T21:59:59Z', cal('quarter', tz), '2026-06-30T22:00:00Z', '2026-09-30T22:00:00Z');
    });
    it('quarters from September', () => {
      expectPeriod('2026-11-15T12:00:00Z', cal('quarter', tz, 9), '2026-08-31T22:00:00Z', '2026-11-30T23:00:00Z');
      expectPeriod('2027-01-20T12:00:00Z', cal('quarter', tz, 9), '2026-11-30T23:00:00Z', '2027-02-28T23:00:00Z');
      expectPeriod('2027-04-20T12:00:00Z', cal('quarter', tz, 9), '2027-02-28T23:00:00Z', '2027-05-31T22:00:00Z');
    });
    it('the DST days have 23 and 25 hours', () => {
      expectPeriod('2026-03-29T12:00:00Z', cal('day', tz), '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z');
      expectPeriod('2026-10-25T12:00:00Z', cal('day', tz), '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z');
      // Inside the repeated hour (second 02:30, CET).
      expectPeriod('2026-10-25T01:30:00Z', cal('day', tz), '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z');
    });
    it('month and week across the spring change', () => {
      expectPeriod('2026-03-15T12:00:00Z', cal('month', tz), '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z');
      // Week of Monday 2026-03-23 contains the change on Sunday 29 March.
      expectPeriod('2026-03-25T12:00:00Z', cal('week', tz), '2026-03-22T23:00:00Z', '2026-03-29T22:00:00Z');
    });
    it('fiscal year from July', () => {
      expectPeriod('2026-01-10T00:00:00Z', cal('year', tz, 7), '2025-06-30T22:00:00Z', '2026-06-30T22:00:00Z');
    });
  });

  describe('America/New_York (EST -5, EDT -4)', () => {
    const tz = 'America/New_York';
    it('DST days', () => {
      expectPeriod('2026-03-08T12:00:00Z', cal('day', tz), '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z');
      expectPeriod('2026-11-01T12:00:00Z', cal('day', tz), '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z');
    });
    it('weeks starting sunday and monday around the spring change (Sunday 2026-03-08)', () => {
      expectPeriod(
        '2026-03-11T12:00:00Z',
        cal('week', tz, 1, 'sunday'),
        '2026-03-08T05:00:00Z',
        '2026-03-15T04:00:00Z'
      );
      expectPeriod('2026-03-08T12:00:00Z', cal('week', tz), '2026-03-02T05:00:00Z', '2026-03-09T04:00:00Z');
    });
    it('fiscal year from July', () => {
      expectPeriod('2026-03-01T00:00:00Z', cal('year', tz, 7), '2025-07-01T04:00:00Z', '2026-07-01T04:00:00Z');
      // 23:59:59.999 on 30 June local is still the old fiscal year.
      expectPeriod('2026-07-01T03:59:59.999Z', cal('year', tz, 7), '2025-07-01T04:00:00Z', '2026-07-01T04:00:00Z');
      expectPeriod('2026-07-01T04:00:00Z', cal('year', tz, 7), '2026-07-01T04:00:00Z', '2027-07-01T04:00:00Z');
    });
    it('quarters from September', () => {
      expectPeriod('2026-12-01T04:59:00Z', cal('quarter', tz, 9), '2026-09-01T04:00:00Z', '2026-12-01T05:00:00Z');
      expectPeriod('2026-12-01T05:00:00Z', cal('quarter', tz, 9), '2026-12-01T05:00:00Z', '2027-03-01T05:00:00Z');
    });
  });

  describe('half and three-quarter hour zones', () => {
    it('Asia/Kolkata (+05:30)', () => {
      expectPeriod(
        '2026-05-10T00:00:00Z',
        cal('month', 'Asia/Kolkata'),
        '2026-04-30T18:30:00Z',
        '2026-05-31T18:30:00Z'
      );
      expectPeriod('2026-05-16T18:29:00Z', cal('day', 'Asia/Kolkata'), '2026-05-15T18:30:00Z', '2026-05-16T18:30:00Z');
      expectPeriod('2026-05-16T18:30:00Z', cal('day', 'Asia/Kolkata'), '2026-05-16T18:30:00Z', '2026-05-17T18:30:00Z');
      expectPeriod(
        '2026-11-01T00:00:00Z',
        cal('quarter', 'Asia/Kolkata', 9),
        '2026-08-31T18:30:00Z',
        '2026-11-30T18:30:00Z'
      );
    });
    it('Asia/Kathmandu (+05:45)', () => {
      expectPeriod(
        '2026-08-01T00:00:00Z',
        cal('quarter', 'Asia/Kathmandu'),
        '2026-06-30T18:15:00Z',
        '2026-09-30T18:15:00Z'
      );
      expectPeriod(
        '2026-05-17T03:00:00Z',
        cal('week', 'Asia/Kathmandu'),
        '2026-05-10T18:15:00Z',
        '2026-05-17T18:15:00Z'
      );
      expectPeriod(
        '2026-01-01T00:00:00Z',
        cal('year', 'Asia/Kathmandu', 7),
        '2025-06-30T18:15:00Z',
        '2026-06-30T18:15:00Z'
      );
    });
    it('Australia/Lord_Howe (+10:30, DST +11: a 30-minute shift)', () => {
      // DST starts Sunday 2026-10-04 02:00 -> 02:30: 23.5 h day.
      expectPeriod(
        '2026-10-04T05:00:00Z',
        cal('day', 'Australia/Lord_Howe'),
        '2026-10-03T13:30:00Z',
        '2026-10-04T13:00:00Z'
      );
      // DST ends Sunday 2026-04-05 02:00 -> 01:30: 24.5 h day.
      expectPeriod(
        '2026-04-05T05:00:00Z',
        cal('day', 'Australia/Lord_Howe'),
        '2026-04-04T13:00:00Z',
        '2026-04-05T13:30:00Z'
      );
      expectPeriod(
        '2026-10-10T00:00:00Z',
        cal('month', 'Australia/Lord_Howe'),
        '2026-09-30T13:30:00Z',
        '2026-10-31T13:00:00Z'
      );
      expectPeriod(
        '2026-10-10T00:00:00Z',
        cal('quarter', 'Australia/Lord_Howe'),
        '2026-09-30T13:30:00Z',
        '2026-12-31T13:00:00Z'
      );
    });
  });

  describe('zones whose DST switch happens at midnight', () => {
    it('America/Santiago skips midnight on Sunday 2026-09-06: the day starts at the jump (01:00 -03)', () => {
      const tz = 'America/Santiago';
      expectPeriod('2026-09-06T12:00:00Z', cal('day', tz), '2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z');
      // 23:30 on Saturday local (-04): still Saturday, a 24 h day that ends at the jump.
      expectPeriod('2026-09-06T03:30:00Z', cal('day', tz), '2026-09-05T04:00:00Z', '2026-09-06T04:00:00Z');
      expectPeriod(
        '2026-09-09T12:00:00Z',
        cal('week', tz, 1, 'sunday'),
        '2026-09-06T04:00:00Z',
        '2026-09-13T03:00:00Z'
      );
      // Santiago falls back at 24:00 on Saturday 2026-04-04 (-03 -> -04): 25 h day.
      expectPeriod('2026-04-04T12:00:00Z', cal('day', tz), '2026-04-04T03:00:00Z', '2026-04-05T04:00:00Z');
    });
    it('America/Asuncion skipped midnight on Sunday 2023-10-01: month and quarter start at the jump', () => {
      const tz = 'America/Asuncion';
      expectPeriod('2023-10-15T12:00:00Z', cal('month', tz), '2023-10-01T04:00:00Z', '2023-11-01T03:00:00Z');
      expectPeriod('2023-10-15T12:00:00Z', cal('quarter', tz), '2023-10-01T04:00:00Z', '2024-01-01T03:00:00Z');
      expectPeriod('2023-09-30T12:00:00Z', cal('month', tz), '2023-09-01T04:00:00Z', '2023-10-01T04:00:00Z');
      expectPeriod(
        '2023-10-01T04:00:00Z',
        cal('week', tz, 1, 'sunday'),
        '2023-10-01T04:00:00Z',
        '2023-10-08T03:00:00Z'
      );
    });
    it('America/Havana: midnight skipped in March, repeated in November (first occurrence starts the day)', () => {
      const tz = 'America/Havana';
      expectPeriod('2026-03-08T12:00:00Z', cal('day', tz), '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z');
      expectPeriod('2026-11-01T12:00:00Z', cal('day', tz), '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z');
      // 00:30 the second time (CST): the day still started at the first midnight.
      expectPeriod('2026-11-01T05:30:00Z', cal('day', tz), '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z');
      expectPeriod('2026-10-31T12:00:00Z', cal('day', tz), '2026-10-31T04:00:00Z', '2026-11-01T04:00:00Z');
    });
  });
});

describe('windowAt and fullWindowAt for rolling and fixed windows', () => {
  it('rolling covers (t - W, t]', () => {
    const w: WindowSpec = { kind: 'rolling', durationMs: 28 * DAY };
    const t = Z('2026-05-17T13:45:00Z');
    expect(windowAt(t, w)).toEqual({ start: t - 28 * DAY, end: t });
    expect(fullWindowAt(t, w)).toEqual({ start: t - 28 * DAY, end: t });
    expect(windowResets(t - 100 * DAY, t, w)).toEqual([]);
  });
  it('fixed covers (from, min(t, to)] and is empty before from', () => {
    const w: WindowSpec = { kind: 'fixed', from: Z('2026-07-10T00:00:00Z'), to: Z('2026-07-24T00:00:00Z') };
    expect(windowAt(Z('2026-07-01T00:00:00Z'), w)).toEqual({ start: w.from, end: w.from });
    expect(windowAt(Z('2026-07-12T00:00:00Z'), w)).toEqual({ start: w.from, end: Z('2026-07-12T00:00:00Z') });
    expect(windowAt(Z('2026-08-01T00:00:00Z'), w)).toEqual({ start: w.from, end: w.to });
    expect(fullWindowAt(Z('2026-07-12T00:00:00Z'), w)).toEqual({ start: w.from, end: w.to });
    expect(windowResets(Z('2026-07-01T00:00:00Z'), Z('2026-08-01T00:00:00Z'), w)).toEqual([w.from]);
    expect(windowResets(Z('2026-07-11T00:00:00Z'), Z('2026-08-01T00:00:00Z'), w)).toEqual([]);
  });
});

describe('periodBoundaries', () => {
  it('lists every boundary in [from, to], both ends included', () => {
    const c = cal('month', 'Europe/Berlin');
    expect(periodBoundaries(Z('2026-02-28T23:00:00Z'), Z('2026-05-31T22:00:00Z'), c)).toEqual([
      Z('2026-02-28T23:00:00Z'),
      Z('2026-03-31T22:00:00Z'),
      Z('2026-04-30T22:00:00Z'),
      Z('2026-05-31T22:00:00Z'),
    ]);
    expect(periodBoundaries(Z('2026-02-28T23:00:01Z'), Z('2026-05-31T21:59:59Z'), c)).toEqual([
      Z('2026-03-31T22:00:00Z'),
      Z('2026-04-30T22:00:00Z'),
    ]);
    expect(periodBoundaries(Z('2026-03-02T00:00:00Z'), Z('2026-03-03T00:00:00Z'), c)).toEqual([]);
  });
  it('counts the days of a year (365) and their hours (8760) in a DST zone', () => {
    const c = cal('day', 'America/New_York');
    const b = periodBoundaries(Z('2026-01-01T05:00:00Z'), Z('2027-01-01T05:00:00Z'), c);
    expect(b.length).toBe(366);
    expect(b[b.length - 1] - b[0]).toBe(365 * DAY);
    expect(windowResets(b[0], b[3], c)).toEqual(b.slice(0, 4));
  });
});

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'America/Asuncion',
  'Pacific/Auckland',
  'Pacific/Chatham',
];
const WEEKDAYS: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const calendarArb = fc.record({
  kind: fc.constant('calendar' as const),
  unit: fc.constantFrom<CalendarUnit>('day', 'week', 'month', 'quarter', 'year'),
  timeZone: fc.constantFrom(...ZONES),
  startMonth: fc.integer({ min: 1, max: 12 }),
  weekStart: fc.constantFrom(...WEEKDAYS),
});
const instantArb = fc.integer({ min: Z('2001-01-01T00:00:00Z'), max: Z('2037-01-01T00:00:00Z') });

/** The local date at which the period containing local date (y, m, d) starts, by counting back day by day. */
function expectedStartDate(c: CalendarWindow, y: number, m: number, d: number): string {
  let date = new Date(Date.UTC(y, m - 1, d));
  const isStart = (x: Date) => {
    switch (c.unit) {
      case 'day':
        return true;
      case 'week':
        return x.getUTCDay() === (WEEKDAYS.indexOf(c.weekStart) + 1) % 7;
      case 'month':
        return x.getUTCDate() === 1;
      case 'quarter':
        return x.getUTCDate() === 1 && (x.getUTCMonth() + 1 - c.startMonth + 12) % 3 === 0;
      case 'year':
        return x.getUTCDate() === 1 && x.getUTCMonth() + 1 === c.startMonth;
    }
  };
  while (!isStart(date)) {
    date = new Date(date.getTime() - DAY);
  }
  return date.toISOString().slice(0, 10);
}

const localDate = (t: number, tz: string) => {
  const w = wallTime(t, tz);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

describe('calendar period properties over random instants and zones', () => {
  it('periodStart(t) <= t < nextPeriodStart(periodStart(t)), and periodStart is idempotent', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (c, t) => {
        const s = periodStart(t, c);
        const next = nextPeriodStart(s, c);
        expect(s).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(next);
        expect(periodStart(s, c)).toBe(s);
        expect(periodStart(next, c)).toBe(next);
        // No gap or overlap between consecutive periods.
        expect(periodStart(next - 1, c)).toBe(s);
        expect(periodStart(s - 1, c)).toBeLessThan(s);
        expect(nextPeriodStart(periodStart(s - 1, c), c)).toBe(s);
      }),
      { numRuns: 3000 }
    );
  });

  it('a period starts at the first instant of the right local date (local midnight, or the DST jump where midnight is skipped)', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (c, t) => {
        const s = periodStart(t, c);
        const w = wallTime(t, c.timeZone);
        expect(localDate(s, c.timeZone)).toBe(expectedStartDate(c, w.year, w.month, w.day));
        // The instant before reads an earlier date.
        expect(localDate(s - 1, c.timeZone) < localDate(s, c.timeZone)).toBe(true);
        const ws = wallTime(s, c.timeZone);
        if (ws.hour !== 0 || ws.minute !== 0) {
          // Only where the clocks jumped at s.
          expect(zoneOffset(s, c.timeZone)).not.toBe(zoneOffset(s - 1000, c.timeZone));
        }
      }),
      { numRuns: 3000 }
    );
  });

  it('a day lasts 24 h, or 23/25 h (23.5/24.5 h on Lord Howe) on transition days', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instantArb, (tz, t) => {
        const c = cal('day', tz);
        const { start, end } = fullWindowAt(t, c);
        const hours = (end - start) / HOUR;
        const allowed = tz === 'Australia/Lord_Howe' ? [23.5, 24, 24.5] : [23, 24, 25];
        expect(allowed).toContain(hours);
        // Exactly 24 h minus the offset change between the instants just before the two boundaries (a jump at the start
        // boundary, as where midnight is skipped, belongs to the day that starts there).
        expect(end - start).toBe(DAY - (zoneOffset(end - 1000, tz) - zoneOffset(start - 1000, tz)));
      }),
      { numRuns: 3000 }
    );
  });

  it('days are exactly 23 and 25 h on known transition days', () => {
    const dayHours = (t: string, tz: string) => {
      const w = fullWindowAt(Z(t), cal('day', tz));
      return (w.end - w.start) / HOUR;
    };
    expect(dayHours('2026-03-29T12:00:00Z', 'Europe/Berlin')).toBe(23);
    expect(dayHours('2026-10-25T12:00:00Z', 'Europe/Berlin')).toBe(25);
    expect(dayHours('2026-03-08T17:00:00Z', 'America/New_York')).toBe(23);
    expect(dayHours('2026-11-01T17:00:00Z', 'America/New_York')).toBe(25);
    expect(dayHours('2026-09-06T17:00:00Z', 'America/Santiago')).toBe(23);
    expect(dayHours('2026-09-05T17:00:00Z', 'America/Santiago')).toBe(24);
    expect(dayHours('2026-04-04T17:00:00Z', 'America/Santiago')).toBe(25);
    expect(dayHours('2026-10-04T05:00:00Z', 'Australia/Lord_Howe')).toBe(23.5);
    expect(dayHours('2026-04-05T05:00:00Z', 'Australia/Lord_Howe')).toBe(24.5);
    expect(dayHours('2026-09-27T05:00:00Z', 'Pacific/Auckland')).toBe(23);
    expect(dayHours('2026-06-15T05:00:00Z', 'Asia/Kathmandu')).toBe(24);
  });

  it('month and quarter lengths add up: twelve months (four quarters) make the year', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 1, max: 12 }), instantArb, (tz, startMonth, t) => {
        const year = fullWindowAt(t, cal('year', tz, startMonth));
        const months = periodBoundaries(year.start, year.end, cal('month', tz));
        const quarters = periodBoundaries(year.start, year.end, cal('quarter', tz, startMonth));
        expect(months.length).toBe(13);
        expect(quarters.length).toBe(5);
        expect(months[0]).toBe(year.start);
        expect(months[12]).toBe(year.end);
        expect(quarters).toEqual([months[0], months[3], months[6], months[9], months[12]]);
      }),
      { numRuns: 200 }
    );
  });
});
