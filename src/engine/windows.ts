// Windows at time t (docs/semantics.md section 3): rolling (t - W, t], calendar (periodStart(t), t], fixed (from, min(t, to)].
import type { CalendarWindow, WindowSpec, Weekday } from '../slo/types';
import { wallTime, zonedTimeToUtc } from './timezone';

export interface TimeRange {
  /** Exclusive start (epoch ms). */
  start: number;
  /** Inclusive end (epoch ms). */
  end: number;
}

const WEEKDAYS: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Local calendar date arithmetic, done on a UTC date so month/day overflow normalizes. */
function addToDate(year: number, month: number, day: number, months: number, days: number) {
  const d = new Date(Date.UTC(year, month - 1 + months, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function localMidnight(date: { year: number; month: number; day: number }, timeZone: string): number {
  return zonedTimeToUtc(date.year, date.month, date.day, 0, 0, timeZone);
}

/** The local date on which the period containing local date (y, m, d) starts. */
function periodStartDate(cal: CalendarWindow, y: number, m: number, d: number) {
  switch (cal.unit) {
    case 'day':
      return { year: y, month: m, day: d };
    case 'week': {
      const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
      const back = (dow - WEEKDAYS.indexOf(cal.weekStart) + 7) % 7;
      return addToDate(y, m, d, 0, -back);
    }
    case 'month':
      return { year: y, month: m, day: 1 };
    case 'quarter':
    case 'year': {
      const cycle = cal.unit === 'quarter' ? 3 : 12;
      const back = (((m - cal.startMonth) % cycle) + cycle) % cycle;
      return addToDate(y, m, 1, -back, 0);
    }
  }
}

function unitStep(cal: CalendarWindow): { months: number; days: number } {
  switch (cal.unit) {
    case 'day':
      return { months: 0, days: 1 };
    case 'week':
      return { months: 0, days: 7 };
    case 'month':
      return { months: 1, days: 0 };
    case 'quarter':
      return { months: 3, days: 0 };
    case 'year':
      return { months: 12, days: 0 };
  }
}

/** Start of the calendar period containing t: the latest period boundary <= t. */
export function periodStart(t: number, cal: CalendarWindow): number {
  const w = wallTime(t, cal.timeZone);
  let start = localMidnight(periodStartDate(cal, w.year, w.month, w.day), cal.timeZone);
  // Where local midnight was skipped by DST, the day's first instant can lie after t's wall date start.
  if (start > t) {
    const prev = addToDate(w.year, w.month, w.day, 0, -1);
    start = localMidnight(periodStartDate(cal, prev.year, prev.month, prev.day), cal.timeZone);
  }
  return start;
}

/** The boundary that ends the period starting at `start`. */
export function nextPeriodStart(start: number, cal: CalendarWindow): number {
  const w = wallTime(start, cal.timeZone);
  const s = periodStartDate(cal, w.year, w.month, w.day);
  const step = unitStep(cal);
  return localMidnight(addToDate(s.year, s.month, s.day, step.months, step.days), cal.timeZone);
}

/** Every period boundary b with from <= b <= to, ascending. */
export function periodBoundaries(from: number, to: number, cal: CalendarWindow): number[] {
  const out: number[] = [];
  let b = periodStart(from, cal);
  if (b < from) {
    b = nextPeriodStart(b, cal);
  }
  while (b <= to) {
    out.push(b);
    b = nextPeriodStart(b, cal);
  }
  return out;
}

/** The window whose budget applies at time t: (start, end]. For a fixed window before `from`, end = start. */
export function windowAt(t: number, window: WindowSpec): TimeRange {
  switch (window.kind) {
    case 'rolling':
      return { start: t - window.durationMs, end: t };
    case 'calendar':
      return { start: periodStart(t, window), end: t };
    case 'fixed':
      return { start: window.from, end: Math.max(window.from, Math.min(t, window.to)) };
  }
}

/** The whole window that the one at t belongs to (the full calendar period, the fixed interval, or the rolling span). */
export function fullWindowAt(t: number, window: WindowSpec): TimeRange {
  switch (window.kind) {
    case 'rolling':
      return { start: t - window.durationMs, end: t };
    case 'calendar': {
      const start = periodStart(t, window);
      return { start, end: nextPeriodStart(start, window) };
    }
    case 'fixed':
      return { start: window.from, end: window.to };
  }
}

/** Boundaries inside [from, to] at which a window resets (calendar period starts, a fixed window's from). */
export function windowResets(from: number, to: number, window: WindowSpec): number[] {
  if (window.kind === 'calendar') {
    return periodBoundaries(from, to, window);
  }
  if (window.kind === 'fixed') {
    return window.from >= from && window.from <= to ? [window.from] : [];
  }
  return [];
}
