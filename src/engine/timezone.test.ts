import fc from 'fast-check';

import { isValidTimeZone, wallTime, zonedTimeToUtc, zoneOffset } from './timezone';

const Z = (iso: string) => Date.parse(iso);
const HOUR = 3600_000;

describe('wallTime and zoneOffset', () => {
  it('reads the wall clock in UTC, fixed and DST zones', () => {
    expect(wallTime(Z('2026-07-01T12:34:56Z'), 'UTC')).toEqual({
      year: 2026,
      month: 7,
      day: 1,
      hour: 12,
      minute: 34,
      second: 56,
    });
    expect(wallTime(Z('2026-07-01T12:34:56Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 7,
      day: 1,
      hour: 14,
      minute: 34,
      second: 56,
    });
    expect(wallTime(Z('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      hour: 0,
      minute: 30,
      second: 0,
    });
    expect(wallTime(Z('2026-01-01T04:59:00Z'), 'America/New_York')).toEqual({
      year: 2025,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      second: 0,
    });
    expect(wallTime(Z('2026-05-16T18:15:00Z'), 'Asia/Kathmandu')).toEqual({
      year: 2026,
      month: 5,
      day: 17,
      hour: 0,
      minute: 0,
      second: 0,
    });
  });

  it('never reports hour 24 at midnight', () => {
    expect(wallTime(Z('2026-05-16T22:00:00Z'), 'Europe/Berlin').hour).toBe(0);
  });

  it('gives offsets in ms, including half and three-quarter hours', () => {
    expect(zoneOffset(Z('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zoneOffset(Z('2026-01-01T00:00:00Z'), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(zoneOffset(Z('2026-01-01T00:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffset(Z('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(zoneOffset(Z('2026-01-01T00:00:00Z'), 'Asia/Kathmandu')).toBe(5.75 * HOUR);
    expect(zoneOffset(Z('2026-01-01T00:00:00Z'), 'Australia/Lord_Howe')).toBe(11 * HOUR);
    expect(zoneOffset(Z('2026-07-01T00:00:00Z'), 'Australia/Lord_Howe')).toBe(10.5 * HOUR);
  });

  it('knows valid zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('zonedTimeToUtc', () => {
  it('converts ordinary local times', () => {
    expect(zonedTimeToUtc(2026, 10, 1, 0, 0, 'Europe/Berlin')).toBe(Z('2026-09-30T22:00:00Z'));
    expect(zonedTimeToUtc(2026, 1, 1, 0, 0, 'America/New_York')).toBe(Z('2026-01-01T05:00:00Z'));
    expect(zonedTimeToUtc(2026, 5, 1, 0, 0, 'Asia/Kolkata')).toBe(Z('2026-04-30T18:30:00Z'));
    expect(zonedTimeToUtc(2026, 7, 1, 0, 0, 'Asia/Kathmandu')).toBe(Z('2026-06-30T18:15:00Z'));
    expect(zonedTimeToUtc(2026, 7, 1, 0, 0, 'UTC')).toBe(Z('2026-07-01T00:00:00Z'));
  });

  it('resolves an ambiguous time (clocks going back) to its first occurrence', () => {
    // Berlin 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 happens at 00:30Z and 01:30Z.
    expect(zonedTimeToUtc(2026, 10, 25, 2, 30, 'Europe/Berlin')).toBe(Z('2026-10-25T00:30:00Z'));
    // New York 2026-11-01 02:00 EDT -> 01:00 EST: 01:30 happens at 05:30Z and 06:30Z.
    expect(zonedTimeToUtc(2026, 11, 1, 1, 30, 'America/New_York')).toBe(Z('2026-11-01T05:30:00Z'));
    // Havana 2026-11-01 01:00 CDT -> 00:00 CST: midnight itself happens twice (04:00Z and 05:00Z).
    expect(zonedTimeToUtc(2026, 11, 1, 0, 0, 'America/Havana')).toBe(Z('2026-11-01T04:00:00Z'));
    // Auckland 2026-04-05 03:00 NZDT -> 02:00 NZST (+13 -> +12): 02:30 at 13:30Z and 14:30Z.
    expect(zonedTimeToUtc(2026, 4, 5, 2, 30, 'Pacific/Auckland')).toBe(Z('2026-04-04T13:30:00Z'));
    // Lord Howe 2026-04-05 02:00 +11 -> 01:30 +10:30: 01:45 at 14:45Z and 15:15Z.
    expect(zonedTimeToUtc(2026, 4, 5, 1, 45, 'Australia/Lord_Howe')).toBe(Z('2026-04-04T14:45:00Z'));
  });

  it('resolves a skipped time (clocks going forward) to the instant of the jump', () => {
    // Berlin 2026-03-29 02:00 CET -> 03:00 CEST at 01:00Z.
    expect(zonedTimeToUtc(2026, 3, 29, 2, 30, 'Europe/Berlin')).toBe(Z('2026-03-29T01:00:00Z'));
    expect(zonedTimeToUtc(2026, 3, 29, 2, 0, 'Europe/Berlin')).toBe(Z('2026-03-29T01:00:00Z'));
    // Santiago 2026-09-06 00:00 -04 -> 01:00 -03 at 04:00Z: midnight does not exist.
    expect(zonedTimeToUtc(2026, 9, 6, 0, 0, 'America/Santiago')).toBe(Z('2026-09-06T04:00:00Z'));
    // Auckland 2026-09-27 02:00 NZST -> 03:00 NZDT at 14:00Z.
    expect(zonedTimeToUtc(2026, 9, 27, 2, 30, 'Pacific/Auckland')).toBe(Z('2026-09-26T14:00:00Z'));
    // Lord Howe 2026-10-04 02:00 +10:30 -> 02:30 +11 at 15:30Z.
    expect(zonedTimeToUtc(2026, 10, 4, 2, 15, 'Australia/Lord_Howe')).toBe(Z('2026-10-03T15:30:00Z'));
  });

  const zones = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'America/Santiago',
    'America/Havana',
    'Pacific/Auckland',
  ];

  it('round-trips: the instant of any wall time that exists reads back as that wall time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Z('2000-01-01T00:00:00Z') / 60000, max: Z('2037-12-31T00:00:00Z') / 60000 }),
        (zone, minute) => {
          const t = minute * 60000;
          const w = wallTime(t, zone);
          const back = zonedTimeToUtc(w.year, w.month, w.day, w.hour, w.minute, zone);
          // Equal unless the wall time is ambiguous, where the first occurrence comes back.
          const bw = wallTime(back, zone);
          expect(bw).toEqual(w);
          expect(back).toBeLessThanOrEqual(t);
          expect(t - back).toBeLessThanOrEqual(HOUR);
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('returns the first instant whose wall clock reads at or after the requested time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2037-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, d, hour, minute) => {
          const y = d.getUTCFullYear();
          const m = d.getUTCMonth() + 1;
          const day = d.getUTCDate();
          const asked = Date.UTC(y, m - 1, day, hour, minute);
          const t = zonedTimeToUtc(y, m, day, hour, minute, zone);
          const read = (x: number) => {
            const w = wallTime(x, zone);
            return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
          };
          expect(read(t)).toBeGreaterThanOrEqual(asked);
          expect(read(t - 1000)).toBeLessThan(asked);
        }
      ),
      { numRuns: 2000 }
    );
  });
});
