import { formatRfc3339 } from '../slo/rfc3339';
import type { SloSpec } from '../slo/types';
import { parsePeriod, periodLabel, periodsEndingWith, PeriodError, resolvePeriod, type ReportPeriod } from './period';

const iso = (ms: number) => formatRfc3339(ms);
const abs = (text: string, tz?: string): ReportPeriod => {
  const p = parsePeriod(text, tz);
  if (p.kind !== 'absolute') {
    throw new Error('expected absolute');
  }
  return p.period;
};

describe('parsePeriod', () => {
  it('reads quarters, months, ISO weeks and years in UTC', () => {
    expect([iso(abs('2026-Q3').start), iso(abs('2026-Q3').end)]).toEqual([
      '2026-07-01T00:00:00Z',
      '2026-10-01T00:00:00Z',
    ]);
    expect([iso(abs('2026-Q4').start), iso(abs('2026-Q4').end)]).toEqual([
      '2026-10-01T00:00:00Z',
      '2027-01-01T00:00:00Z',
    ]);
    expect([iso(abs('2026-02').start), iso(abs('2026-02').end)]).toEqual([
      '2026-02-01T00:00:00Z',
      '2026-03-01T00:00:00Z',
    ]);
    // ISO week 1 of 2026 starts on Monday 2025-12-29; week 32 on 2026-08-03.
    expect(iso(abs('2026-W01').start)).toBe('2025-12-29T00:00:00Z');
    expect([iso(abs('2026-W32').start), iso(abs('2026-W32').end)]).toEqual([
      '2026-08-03T00:00:00Z',
      '2026-08-10T00:00:00Z',
    ]);
    expect(iso(abs('2026').end)).toBe('2027-01-01T00:00:00Z');
  });

  it('places periods in a time zone, across DST', () => {
    const q = abs('2026-Q1', 'Europe/Berlin');
    expect([iso(q.start), iso(q.end)]).toEqual(['2025-12-31T23:00:00Z', '2026-03-31T22:00:00Z']);
  });

  it('reads custom ranges of dates or RFC3339 times', () => {
    const r = abs('2026-07-01/2026-07-15T12:00:00Z');
    expect([iso(r.start), iso(r.end), r.calendar]).toEqual(['2026-07-01T00:00:00Z', '2026-07-15T12:00:00Z', undefined]);
  });

  it.each([
    ['2026-13', /no month 13/],
    ['2026-W00', /weeks 1 to 53/],
    ['2026-08-01/2026-07-01', /after the start/],
    ['2026-02-30/2026-03-01', /RFC3339/],
    ['Q3', /is not a period/],
  ])('refuses %s', (text, msg) => {
    expect(() => parsePeriod(text)).toThrow(PeriodError);
    expect(() => parsePeriod(text)).toThrow(msg);
  });

  it('knows which years have 53 ISO weeks', () => {
    expect(iso(abs('2026-W53').start)).toBe('2026-12-28T00:00:00Z');
    expect(() => parsePeriod('2027-W53')).toThrow(/weeks 1 to 52/);
  });
});

describe('relative periods follow the SLO calendar', () => {
  const fiscal = {
    window: { kind: 'calendar', unit: 'quarter', timeZone: 'America/New_York', startMonth: 2, weekStart: 'monday' },
  } as Pick<SloSpec, 'window'>;
  const now = Date.parse('2026-08-20T12:00:00Z');

  it('a fiscal quarter starting in February, in the SLO zone', () => {
    const p = resolvePeriod(parsePeriod('last-quarter'), fiscal, now);
    expect([iso(p.start), iso(p.end)]).toEqual(['2026-05-01T04:00:00Z', '2026-08-01T04:00:00Z']);
    expect(p.label).toBe('quarter from 2026-05-01');
    const t = resolvePeriod(parsePeriod('this-quarter'), fiscal, now);
    expect(iso(t.start)).toBe('2026-08-01T04:00:00Z');
  });

  it('rolling SLOs use UTC months', () => {
    const rolling = { window: { kind: 'rolling', durationMs: 86_400_000 * 28 } } as Pick<SloSpec, 'window'>;
    const p = resolvePeriod(parsePeriod('last-month'), rolling, now);
    expect([p.label, iso(p.start), iso(p.end)]).toEqual(['2026-07', '2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z']);
  });
});

describe('previous periods', () => {
  it('steps back through quarters, weeks and custom ranges', () => {
    expect(periodsEndingWith(abs('2026-Q1'), 3).map((p) => p.label)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1']);
    expect(periodsEndingWith(abs('2026-W01'), 2).map((p) => p.label)).toEqual(['2025-W52', '2026-W01']);
    expect(periodsEndingWith(abs('2021-W01'), 2).map((p) => p.label)).toEqual(['2020-W53', '2021-W01']);
    const r = periodsEndingWith(abs('2026-07-10/2026-07-20'), 2);
    expect([iso(r[0].start), iso(r[0].end)]).toEqual(['2026-06-30T00:00:00Z', '2026-07-10T00:00:00Z']);
  });

  it('labels monthly periods in their zone', () => {
    const cal = {
      kind: 'calendar',
      unit: 'month',
      timeZone: 'Asia/Tokyo',
      startMonth: 1,
      weekStart: 'monday',
    } as const;
    expect(periodLabel(Date.parse('2026-07-31T15:00:00Z'), cal)).toBe('2026-08');
  });
});
