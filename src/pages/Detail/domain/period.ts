// The detail page's period picker (docs/semantics.md section 3): which window and range a choice means, how it is
// written in the URL, and which complete periods come before now. Pure: the scene and the tests use it alike.
import { fullWindowAt, nextPeriodStart, periodStart } from '../../../engine';
import { formatRfc3339, parseDuration } from '../../../slo';
import type { CalendarUnit, CalendarWindow, SloSpec, WindowSpec } from '../../../slo/types';
import type { WindowChoice, WindowOverrides } from '../../../shared/budget/window';
import { periodLabel } from '../../../report/period';

export type PeriodChoice =
  /** The SLO's own window at now: the running calendar period, the fixed window, or the last W. */
  | { kind: 'current' }
  /** The SLO's calendar period that starts at `start` (URL: period=2026-08-01T00:00:00Z). */
  | { kind: 'period'; start: number }
  /** A calendar month in the SLO's zone, whatever its window (URL: period=month:2026-08). */
  | { kind: 'month'; month: string }
  /** A rolling window of this Prometheus duration ending now (URL: period=rolling:28d). */
  | { kind: 'rolling'; duration: string }
  /** A custom fixed range (URL: period=range&start=<RFC 3339>&end=<RFC 3339>; not from/to, which are Grafana's time range). */
  | { kind: 'range'; from: number; to: number };

export interface ResolvedPeriod {
  /** What the shared budget loader takes (src/shared/budget/window.ts: resolveWindow). */
  sloWindow: WindowChoice;
  overrides: WindowOverrides;
  /** The window the figures use. */
  window: WindowSpec;
  /** The range the charts show: the whole period, so the burn-down's ideal line reaches its end. */
  range: { from: number; to: number };
  label: string;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function sloZone(spec: Pick<SloSpec, 'window'>): string {
  return spec.window.kind === 'calendar' ? spec.window.timeZone : 'UTC';
}

function monthWindow(zone: string): CalendarWindow {
  return { kind: 'calendar', unit: 'month', timeZone: zone, startMonth: 1, weekStart: 'monday' };
}

/** The choice in the URL's values, or an error message that names the bad value. */
export function parsePeriod(values: {
  period?: string | null;
  start?: string | null;
  end?: string | null;
}): PeriodChoice | { error: string } {
  const p = (values.period ?? '').trim();
  if (p === '' || p === 'current') {
    return { kind: 'current' };
  }
  if (p.startsWith('month:')) {
    const month = p.slice('month:'.length);
    return MONTH_RE.test(month)
      ? { kind: 'month', month }
      : { error: `period: ${JSON.stringify(p)} is not month:YYYY-MM` };
  }
  if (p.startsWith('rolling:')) {
    const duration = p.slice('rolling:'.length);
    const ms = parseDuration(duration);
    return ms && ms > 0
      ? { kind: 'rolling', duration }
      : { error: `period: ${JSON.stringify(duration)} is not a Prometheus duration such as 28d` };
  }
  if (p === 'range') {
    const from = Date.parse(values.start ?? '');
    const to = Date.parse(values.end ?? '');
    if (!Number.isFinite(from) || !Number.isFinite(to)) {
      return { error: 'period=range needs start and end as RFC 3339 times (2026-08-10T00:00:00Z)' };
    }
    return to > from ? { kind: 'range', from, to } : { error: 'period=range: end must be after start' };
  }
  const start = Date.parse(p);
  if (Number.isFinite(start)) {
    return { kind: 'period', start };
  }
  return { error: `period: ${JSON.stringify(p)} is not current, a period start, month:YYYY-MM, rolling:<d> or range` };
}

/** The URL values of a choice (undefined removes a key). */
export function periodUrlValues(c: PeriodChoice): { period?: string; start?: string; end?: string } {
  switch (c.kind) {
    case 'current':
      return { period: undefined, start: undefined, end: undefined };
    case 'period':
      return { period: formatRfc3339(c.start), start: undefined, end: undefined };
    case 'month':
      return { period: `month:${c.month}`, start: undefined, end: undefined };
    case 'rolling':
      return { period: `rolling:${c.duration}`, start: undefined, end: undefined };
    case 'range':
      return { period: 'range', start: formatRfc3339(c.from), end: formatRfc3339(c.to) };
  }
}

/** The rolling duration the picker offers: the SLO's own, or 28d. */
export function defaultRollingDuration(spec: Pick<SloSpec, 'window'>): string {
  return spec.window.kind === 'rolling' ? `${Math.round(spec.window.durationMs / 86_400_000)}d` : '28d';
}

/** The window and range a choice means for this SLO at `now`. Throws with a clear message when it does not apply. */
export function resolvePeriod(spec: Pick<SloSpec, 'window'>, choice: PeriodChoice, now: number): ResolvedPeriod {
  const zone = sloZone(spec);
  const base: WindowOverrides = { calendarUnit: 'month', timeZone: zone, rollingWindow: defaultRollingDuration(spec) };
  switch (choice.kind) {
    case 'current': {
      const full = fullWindowAt(now, spec.window);
      return {
        sloWindow: 'slo',
        overrides: base,
        window: spec.window,
        range: { from: full.start, to: full.end },
        label: spec.window.kind === 'rolling' ? 'Now (rolling)' : 'This period',
      };
    }
    case 'period': {
      if (spec.window.kind !== 'calendar') {
        throw new Error('period: a period start applies to calendar windows only');
      }
      const start = periodStart(choice.start, spec.window);
      const range = { from: start, to: nextPeriodStart(start, spec.window) };
      return settled(
        { sloWindow: 'slo', overrides: base, window: spec.window, range, label: periodLabel(start, spec.window) },
        now
      );
    }
    case 'month': {
      const [y, m] = choice.month.split('-').map(Number);
      const window = monthWindow(zone);
      // Mid-month in UTC lies inside the month in every zone.
      const start = periodStart(Date.UTC(y, m - 1, 15), window);
      const range = { from: start, to: nextPeriodStart(start, window) };
      return settled(
        { sloWindow: 'calendar', overrides: { ...base, calendarUnit: 'month' }, window, range, label: choice.month },
        now
      );
    }
    case 'rolling': {
      const ms = parseDuration(choice.duration) ?? 0;
      return {
        sloWindow: 'rolling',
        overrides: { ...base, rollingWindow: choice.duration },
        window: { kind: 'rolling', durationMs: ms },
        range: { from: now - ms, to: now },
        label: `Rolling ${choice.duration}`,
      };
    }
    case 'range':
      return {
        sloWindow: 'dashboard',
        overrides: base,
        window: { kind: 'fixed', from: choice.from, to: choice.to },
        range: { from: choice.from, to: choice.to },
        label: `${formatRfc3339(choice.from)} to ${formatRfc3339(choice.to)}`,
      };
  }
}

/**
 * A period that has ended is read as the fixed window (start, end]: its figures at the end are the period's final
 * result, where a calendar window at its end instant is already the next, empty period (section 3).
 */
function settled(p: ResolvedPeriod, now: number): ResolvedPeriod {
  if (p.range.to > now) {
    return p;
  }
  return { ...p, sloWindow: 'dashboard', window: { kind: 'fixed', from: p.range.from, to: p.range.to } };
}

const PREVIOUS_COUNT: Record<CalendarUnit, number> = { day: 7, week: 6, month: 6, quarter: 4, year: 3 };

export interface PreviousPeriod {
  start: number;
  end: number;
  label: string;
  choice: PeriodChoice;
  /** The window its figures use. */
  window: WindowSpec;
}

/**
 * The complete periods before the one running at `now`, newest first: the SLO's own calendar periods (the last 4
 * quarters, 6 months, ...), or the last 3 calendar months in UTC for rolling and fixed windows.
 */
export function previousPeriods(spec: Pick<SloSpec, 'window'>, now: number): PreviousPeriod[] {
  const own = spec.window.kind === 'calendar' ? spec.window : undefined;
  const cal = own ?? monthWindow('UTC');
  const count = own ? PREVIOUS_COUNT[own.unit] : 3;
  const out: PreviousPeriod[] = [];
  let end = periodStart(now, cal);
  for (let k = 0; k < count; k++) {
    const start = periodStart(end - 1, cal);
    const label = periodLabel(start, cal);
    out.push({
      start,
      end,
      label,
      choice: own ? { kind: 'period', start } : { kind: 'month', month: label },
      window: cal,
    });
    end = start;
  }
  return out;
}
