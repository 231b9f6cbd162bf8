// The window a panel or page shows (docs/semantics.md section 3): the SLO's own, or the options' override (calendar periods in a zone,
// rolling W, or the dashboard's time range as one fixed window).
import { fullWindowAt } from '../../engine';
import { isTimeZone, parseDuration } from '../../slo';
import type { CalendarUnit, WindowSpec } from '../../slo/types';
import { PanelConfigError } from './model';

export type WindowChoice = 'slo' | 'calendar' | 'rolling' | 'dashboard';

/** What a view may override in the SLO's window (the panel's options, a page's period picker). */
export interface WindowOverrides {
  calendarUnit: CalendarUnit;
  /** IANA zone of calendar periods; '' = the SLO's or the dashboard's. */
  timeZone: string;
  /** A Prometheus duration such as 28d. */
  rollingWindow: string;
}

/** Grafana's dashboard zone ('browser', 'utc', '' or an IANA name) as an IANA name. */
export function resolveDashboardTimeZone(timeZone: string | undefined): string {
  if (!timeZone || timeZone === 'browser') {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }
  if (timeZone.toLowerCase() === 'utc') {
    return 'UTC';
  }
  return isTimeZone(timeZone) ? timeZone : 'UTC';
}

/**
 * The window for `choice`. `own` is the SLO's window (SLO mode); `fallbackZone` is the zone of calendar periods when the
 * options leave it empty (the SLO's zone, or the dashboard's).
 */
export function resolveWindow(
  choice: WindowChoice,
  opts: WindowOverrides,
  range: { from: number; to: number },
  own: WindowSpec | undefined,
  fallbackZone: string
): WindowSpec {
  switch (choice) {
    case 'slo':
      if (!own) {
        throw new PanelConfigError('options', 'the window "SLO\'s" needs an SLO');
      }
      return own;
    case 'calendar': {
      const zone = opts.timeZone.trim() || fallbackZone;
      if (!isTimeZone(zone)) {
        throw new PanelConfigError(
          'options',
          `Period time zone: unknown time zone ${JSON.stringify(zone)}; use an IANA name such as Europe/Berlin`
        );
      }
      const sameUnit = own?.kind === 'calendar' && own.unit === opts.calendarUnit ? own : undefined;
      return {
        kind: 'calendar',
        unit: opts.calendarUnit,
        timeZone: zone,
        startMonth: sameUnit?.startMonth ?? 1,
        weekStart: sameUnit?.weekStart ?? 'monday',
      };
    }
    case 'rolling': {
      const ms = parseDuration(opts.rollingWindow.trim());
      if (!ms || ms <= 0) {
        throw new PanelConfigError(
          'options',
          `Rolling window: ${JSON.stringify(opts.rollingWindow)} is not a Prometheus duration such as 28d`
        );
      }
      return { kind: 'rolling', durationMs: ms };
    }
    case 'dashboard':
      return { kind: 'fixed', from: range.from, to: range.to };
  }
}

/** Length of the window that applies at t. */
export function windowLengthAt(window: WindowSpec, t: number): number {
  const full = fullWindowAt(t, window);
  return full.end - full.start;
}
