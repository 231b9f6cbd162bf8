// Report periods (docs/reports.md): `2026-Q3`, `2026-08`, `2026-W32` (ISO week), `2026`, `<from>/<to>`, and the
// relative `this-|last-` `week|month|quarter|year`, which follow each SLO's own calendar (its zone, the month its
// quarters start in, its first weekday), so a fiscal quarter is `last-quarter` of an SLO whose quarters start in
// February. A period is the half-open range (start, end] like every window (docs/semantics.md section 3).
import { nextPeriodStart, periodStart } from '../engine/windows';
import { isValidTimeZone, zonedTimeToUtc } from '../engine/timezone';
import { formatRfc3339, parseRfc3339 } from '../slo/rfc3339';
import type { CalendarUnit, CalendarWindow, SloSpec } from '../slo/types';

export interface ReportPeriod {
  /** As the user wrote it, or as previous() names it: `2026-Q3`, `2026-07-01/2026-08-01`. */
  label: string;
  start: number;
  end: number;
  /** The calendar the period belongs to, so the periods before it can be found; absent for custom ranges. */
  calendar?: CalendarWindow;
}

/** A period as parsed, before it is resolved for an SLO (relative periods depend on the SLO's calendar). */
export type PeriodSpec =
  | { kind: 'absolute'; period: ReportPeriod }
  | { kind: 'relative'; text: string; which: 'this' | 'last'; unit: CalendarUnit };

export class PeriodError extends Error {}

const UNITS: CalendarUnit[] = ['day', 'week', 'month', 'quarter', 'year'];

function calendar(unit: CalendarUnit, timeZone: string): CalendarWindow {
  return { kind: 'calendar', unit, timeZone, startMonth: 1, weekStart: 'monday' };
}

function localDate(text: string, timeZone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) {
    return parseRfc3339(text);
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return undefined;
  }
  return zonedTimeToUtc(y, mo, d, 0, 0, timeZone);
}

function calendarPeriod(label: string, cal: CalendarWindow, y: number, month: number, day: number): ReportPeriod {
  const start = zonedTimeToUtc(y, month, day, 0, 0, cal.timeZone);
  return { label, start, end: nextPeriodStart(start, cal), calendar: cal };
}

/** The Monday of ISO week 1 of year y is the Monday on or before January 4. */
function isoWeekStart(y: number, week: number): { year: number; month: number; day: number } {
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const back = (jan4.getUTCDay() + 6) % 7;
  const d = new Date(Date.UTC(y, 0, 4 - back + 7 * (week - 1)));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isoWeeksIn(y: number): number {
  // A year has 53 ISO weeks when January 1 is a Thursday, or a Wednesday in a leap year.
  const jan1 = new Date(Date.UTC(y, 0, 1)).getUTCDay();
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** Parses one `--period` value; absolute periods are placed in `timeZone`. */
export function parsePeriod(text: string, timeZone = 'UTC'): PeriodSpec {
  if (!isValidTimeZone(timeZone)) {
    throw new PeriodError(`unknown time zone ${JSON.stringify(timeZone)}`);
  }
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(this|last)-(day|week|month|quarter|year)$/.exec(t))) {
    return { kind: 'relative', text: t, which: m[1] as 'this' | 'last', unit: m[2] as CalendarUnit };
  }
  if ((m = /^(\d{4})-Q([1-4])$/i.exec(t))) {
    const q = Number(m[2]);
    return { kind: 'absolute', period: calendarPeriod(t, calendar('quarter', timeZone), Number(m[1]), 3 * q - 2, 1) };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(t))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) {
      throw new PeriodError(`${t}: there is no month ${month}`);
    }
    return { kind: 'absolute', period: calendarPeriod(t, calendar('month', timeZone), Number(m[1]), month, 1) };
  }
  if ((m = /^(\d{4})-W(\d{2})$/i.exec(t))) {
    const [y, w] = [Number(m[1]), Number(m[2])];
    if (w < 1 || w > isoWeeksIn(y)) {
      throw new PeriodError(`${t}: ${y} has ISO weeks 1 to ${isoWeeksIn(y)}`);
    }
    const d = isoWeekStart(y, w);
    return { kind: 'absolute', period: calendarPeriod(t, calendar('week', timeZone), d.year, d.month, d.day) };
  }
  if ((m = /^(\d{4})$/.exec(t))) {
    return { kind: 'absolute', period: calendarPeriod(t, calendar('year', timeZone), Number(m[1]), 1, 1) };
  }
  const slash = t.indexOf('/');
  if (slash > 0) {
    const [a, b] = [t.slice(0, slash), t.slice(slash + 1)];
    const start = localDate(a, timeZone);
    const end = localDate(b, timeZone);
    if (start === undefined || end === undefined) {
      throw new PeriodError(`${t}: write both ends as RFC3339 times or YYYY-MM-DD dates, e.g. 2026-07-01/2026-08-15`);
    }
    if (end <= start) {
      throw new PeriodError(`${t}: the end must be after the start`);
    }
    return { kind: 'absolute', period: { label: t, start, end } };
  }
  throw new PeriodError(
    `${JSON.stringify(t)} is not a period: use 2026-Q3, 2026-08, 2026-W32, 2026, <from>/<to>, or this-|last-` +
      `${UNITS.join('|')}`
  );
}

/** The calendar an SLO's relative periods follow: its own when it has a calendar window, else UTC with ISO weeks. */
export function sloCalendar(spec: Pick<SloSpec, 'window'>, unit: CalendarUnit): CalendarWindow {
  const w = spec.window;
  return w.kind === 'calendar' ? { ...w, unit } : calendar(unit, 'UTC');
}

function isoWeekOf(y: number, m: number, d: number): { year: number; week: number } {
  // The ISO week-numbering year is the year of the week's Thursday.
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCDate(d + 3 - ((date.getUTCDay() + 6) % 7));
  const year = date.getUTCFullYear();
  const first = isoWeekStart(year, 1);
  const week = 1 + Math.floor((date.getTime() - Date.UTC(first.year, first.month - 1, first.day)) / (7 * 86_400_000));
  return { year, week };
}

/** A calendar period's name as a user would write it where one exists (`2026-Q2`, `2026-05`, `2026-W19`). */
export function periodLabel(start: number, cal: CalendarWindow): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: cal.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(start));
  const get = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  const [y, m, d] = [get('year'), get('month'), get('day')];
  const iso = `${y}-${m}-${d}`;
  switch (cal.unit) {
    case 'year':
      return cal.startMonth === 1 ? y : `year from ${iso}`;
    case 'quarter':
      return cal.startMonth === 1 ? `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}` : `quarter from ${iso}`;
    case 'month':
      return `${y}-${m}`;
    case 'week': {
      if (cal.weekStart !== 'monday') {
        return `week from ${iso}`;
      }
      const w = isoWeekOf(Number(y), Number(m), Number(d));
      return `${w.year}-W${String(w.week).padStart(2, '0')}`;
    }
    case 'day':
      return iso;
  }
}

/** The period a spec names for an SLO at `now`. */
export function resolvePeriod(spec: PeriodSpec, slo: Pick<SloSpec, 'window'>, now: number): ReportPeriod {
  if (spec.kind === 'absolute') {
    return spec.period;
  }
  const cal = sloCalendar(slo, spec.unit);
  let start = periodStart(now, cal);
  if (spec.which === 'last') {
    start = periodStart(start - 1, cal);
  }
  return { label: periodLabel(start, cal), start, end: nextPeriodStart(start, cal), calendar: cal };
}

/** The period just before p: the previous calendar period, or a custom range of the same length ending at p's start. */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  if (p.calendar) {
    const start = periodStart(p.start - 1, p.calendar);
    return { label: periodLabel(start, p.calendar), start, end: p.start, calendar: p.calendar };
  }
  const len = p.end - p.start;
  return { label: `${formatRfc3339(p.start - len)}/${formatRfc3339(p.start)}`, start: p.start - len, end: p.start };
}

/** n periods ending with p, oldest first. */
export function periodsEndingWith(p: ReportPeriod, n: number): ReportPeriod[] {
  const out = [p];
  while (out.length < n) {
    out.unshift(previousPeriod(out[0]));
  }
  return out;
}
