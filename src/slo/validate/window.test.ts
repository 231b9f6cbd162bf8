// window.ts: rolling, calendar and fixed windows.

import { doc, expectError, slo } from '../testdata/documents';

describe('windows', () => {
  it('bad duration', () => {
    expectError(
      doc(slo({ window: 'window: {rolling: »28days}' })),
      'slos[0].window.rolling',
      'invalid duration "28days": use Prometheus units ms, s, m, h, d, w, y'
    );
  });

  it('duration written as a number', () => {
    expectError(doc(slo({ window: 'window: {rolling: »28}' })), 'slos[0].window.rolling', 'invalid duration number 28');
  });

  it('zero duration', () => {
    expectError(
      doc(slo({ window: 'window: {rolling: »0s}' })),
      'slos[0].window.rolling',
      'duration must be greater than 0'
    );
  });

  it('window with no kind', () => {
    expectError(
      doc(slo({ window: 'window: »{}' })),
      'slos[0].window',
      'a window needs one of: rolling, calendar, fixed'
    );
  });

  it('window with two kinds', () => {
    expectError(
      doc(slo({ window: 'window: {rolling: 28d, »calendar: month}' })),
      'slos[0].window.calendar',
      'a window has exactly one kind: remove calendar or rolling'
    );
  });

  it('window that is not a mapping', () => {
    expectError(
      doc(slo({ window: 'window: »28d' })),
      'slos[0].window',
      'expected a mapping with one of rolling, calendar, fixed, got "28d"'
    );
  });

  it('invalid calendar unit (shorthand)', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: »months}' })),
      'slos[0].window.calendar',
      'unknown calendar unit "months": expected one of day, week, month, quarter, year; did you mean "month"?'
    );
  });

  it('invalid calendar unit (mapping)', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: »fortnight}}' })),
      'slos[0].window.calendar.unit',
      'unknown calendar unit "fortnight"'
    );
  });

  it('unknown time zone', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: month, timeZone: »Europe/Berln}}' })),
      'slos[0].window.calendar.timeZone',
      'unknown time zone "Europe/Berln"; did you mean "Europe/Berlin"?'
    );
  });

  it('startMonth above 12', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: quarter, startMonth: »13}}' })),
      'slos[0].window.calendar.startMonth',
      'expected a month number from 1 to 12, got 13'
    );
  });

  it('startMonth below 1', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: year, startMonth: »0}}' })),
      'slos[0].window.calendar.startMonth',
      'expected a month number from 1 to 12, got 0'
    );
  });

  it('startMonth on a unit that has none', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: month, »startMonth: 9}}' })),
      'slos[0].window.calendar.startMonth',
      'startMonth applies to quarter and year windows, not month'
    );
  });

  it('invalid weekStart', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: week, weekStart: »Sunday}}' })),
      'slos[0].window.calendar.weekStart',
      'unknown weekday "Sunday": expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday; did you mean "sunday"?'
    );
  });

  it('weekStart on a unit other than week', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: day, »weekStart: sunday}}' })),
      'slos[0].window.calendar.weekStart',
      'weekStart applies to week windows, not day'
    );
  });

  it('fixed window with from >= to', () => {
    expectError(
      doc(slo({ window: 'window: {fixed: {from: 2026-07-24T00:00:00Z, to: »2026-07-10T00:00:00Z}}' })),
      'slos[0].window.fixed.to',
      'must be later than from'
    );
  });

  it('fixed window with an unparsable time', () => {
    expectError(
      doc(slo({ window: 'window: {fixed: {from: »2026-07-10, to: 2026-07-24T00:00:00Z}}' })),
      'slos[0].window.fixed.from',
      'invalid timestamp "2026-07-10": use RFC 3339 with an offset, e.g. 2026-08-05T02:00:00Z'
    );
  });
});
