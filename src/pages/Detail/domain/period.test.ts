import type { WindowSpec } from '../../../slo/types';
import { parsePeriod, periodUrlValues, previousPeriods, resolvePeriod, type PeriodChoice } from './period';

const Z = (iso: string) => Date.parse(iso);
const NOW = Z('2026-10-15T12:00:00Z');
const quarter = (timeZone = 'UTC'): WindowSpec => ({
  kind: 'calendar',
  unit: 'quarter',
  timeZone,
  startMonth: 1,
  weekStart: 'monday',
});
const month: WindowSpec = { kind: 'calendar', unit: 'month', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };
const rolling: WindowSpec = { kind: 'rolling', durationMs: 28 * 86_400_000 };

describe('period URL values', () => {
  const choices: PeriodChoice[] = [
    { kind: 'current' },
    { kind: 'period', start: Z('2026-07-01T00:00:00Z') },
    { kind: 'month', month: '2026-08' },
    { kind: 'rolling', duration: '7d' },
    { kind: 'range', from: Z('2026-08-10T00:00:00Z'), to: Z('2026-08-17T00:00:00Z') },
  ];
  test.each(choices.map((c) => [c.kind, c] as const))('%s round-trips through the URL', (_k, c) => {
    expect(parsePeriod(periodUrlValues(c))).toEqual(c);
  });

  test('bad values name the key and the value', () => {
    expect(parsePeriod({ period: 'month:2026-13' })).toEqual({ error: 'period: "month:2026-13" is not month:YYYY-MM' });
    expect(parsePeriod({ period: 'rolling:soon' })).toEqual({
      error: 'period: "soon" is not a Prometheus duration such as 28d',
    });
    expect(parsePeriod({ period: 'range', start: '2026-08-10T00:00:00Z' })).toHaveProperty('error');
    expect(parsePeriod({ period: 'range', start: '2026-08-17T00:00:00Z', end: '2026-08-10T00:00:00Z' })).toEqual({
      error: 'period=range: end must be after start',
    });
    expect(parsePeriod({ period: 'yesterday' })).toHaveProperty('error');
  });
});

describe('resolvePeriod', () => {
  test('current: the whole running period, the SLO window', () => {
    const r = resolvePeriod({ window: quarter() }, { kind: 'current' }, NOW);
    expect(r.sloWindow).toBe('slo');
    expect(r.range).toEqual({ from: Z('2026-10-01T00:00:00Z'), to: Z('2027-01-01T00:00:00Z') });
    expect(resolvePeriod({ window: rolling }, { kind: 'current' }, NOW).range).toEqual({
      from: NOW - 28 * 86_400_000,
      to: NOW,
    });
  });

  test('a period start anywhere inside a Berlin quarter means that quarter, on the local wall clock', () => {
    const r = resolvePeriod(
      { window: quarter('Europe/Berlin') },
      { kind: 'period', start: Z('2026-08-01T00:00:00Z') },
      NOW
    );
    expect(r.range).toEqual({ from: Z('2026-06-30T22:00:00Z'), to: Z('2026-09-30T22:00:00Z') });
    expect(r.label).toBe('2026-Q3');
    // complete: read as the fixed window of the period, so the figures at its end are its final result
    expect(r.sloWindow).toBe('dashboard');
    expect(r.window).toEqual({ kind: 'fixed', from: r.range.from, to: r.range.to });
    const running = resolvePeriod({ window: quarter() }, { kind: 'period', start: NOW }, NOW);
    expect([running.sloWindow, running.window]).toEqual(['slo', quarter()]);
    expect(() => resolvePeriod({ window: rolling }, { kind: 'period', start: 0 }, NOW)).toThrow(/calendar windows/);
  });

  test('any month overrides the window with a calendar month in the SLO zone', () => {
    const r = resolvePeriod({ window: quarter('Europe/Berlin') }, { kind: 'month', month: '2026-10' }, NOW);
    expect(r.sloWindow).toBe('calendar');
    expect(r.range).toEqual({ from: Z('2026-09-30T22:00:00Z'), to: Z('2026-10-31T23:00:00Z') });
    const past = resolvePeriod({ window: quarter('Europe/Berlin') }, { kind: 'month', month: '2026-08' }, NOW);
    expect(past.sloWindow).toBe('dashboard');
    expect(r.overrides).toMatchObject({ calendarUnit: 'month', timeZone: 'Europe/Berlin' });
    expect(past.range).toEqual({ from: Z('2026-07-31T22:00:00Z'), to: Z('2026-08-31T22:00:00Z') });
  });

  test('rolling and a custom range', () => {
    const r = resolvePeriod({ window: month }, { kind: 'rolling', duration: '7d' }, NOW);
    expect(r.window).toEqual({ kind: 'rolling', durationMs: 7 * 86_400_000 });
    expect(r.overrides.rollingWindow).toBe('7d');
    const from = Z('2026-08-10T00:00:00Z');
    const to = Z('2026-08-17T00:00:00Z');
    const f = resolvePeriod({ window: month }, { kind: 'range', from, to }, NOW);
    expect(f.sloWindow).toBe('dashboard');
    expect(f.window).toEqual({ kind: 'fixed', from, to });
  });
});

describe('previousPeriods', () => {
  test('the last four complete quarters, newest first', () => {
    const p = previousPeriods({ window: quarter() }, NOW);
    expect(p.map((x) => x.label)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
    expect(p[0]).toMatchObject({ start: Z('2026-07-01T00:00:00Z'), end: Z('2026-10-01T00:00:00Z') });
    expect(p[0].choice).toEqual({ kind: 'period', start: Z('2026-07-01T00:00:00Z') });
  });

  test('six months for a monthly SLO; a period that ends exactly now is complete', () => {
    const p = previousPeriods({ window: month }, Z('2026-10-01T00:00:00Z'));
    expect(p.map((x) => x.label)).toEqual(['2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04']);
  });

  test('rolling SLOs: the last three UTC months, as month choices', () => {
    const p = previousPeriods({ window: rolling }, NOW);
    expect(p.map((x) => x.choice)).toEqual([
      { kind: 'month', month: '2026-09' },
      { kind: 'month', month: '2026-08' },
      { kind: 'month', month: '2026-07' },
    ]);
  });
});
