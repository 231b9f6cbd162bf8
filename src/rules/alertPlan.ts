// Which burn-rate tiers an SLO's rules carry, scaled to its window: factor x W / 30 d, fire when both windows exceed it (docs/semantics.md §5).
import { type BurnRateTier, tiersForWindow } from '../engine/alertWindows';
import type { SloSpec, WindowSpec } from '../slo/types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** The Gregorian calendar's mean year: 365.2425 days. */
const MEAN_YEAR_MS = 365.2425 * DAY;

/**
 * The window length W the tiers are scaled by. Rolling and fixed windows have one; calendar periods vary (28-31 day
 * months, DST days), so rules use the mean period length: a month is 30.436875 d, a quarter 91.310625 d.
 */
export function alertWindowMs(window: WindowSpec): number {
  switch (window.kind) {
    case 'rolling':
      return window.durationMs;
    case 'fixed':
      return window.to - window.from;
    case 'calendar':
      switch (window.unit) {
        case 'day':
          return DAY;
        case 'week':
          return 7 * DAY;
        case 'month':
          return MEAN_YEAR_MS / 12;
        case 'quarter':
          return MEAN_YEAR_MS / 4;
        case 'year':
          return MEAN_YEAR_MS;
      }
  }
}

/**
 * `for` per tier, as data. About half the short window, at most 1 h: the condition must hold for a while before it
 * notifies, which filters a single odd evaluation (a late scrape, a counter reset's extrapolation), and it adds little
 * budget spend before a page (14.4x for 2 m spends 0.07% of a 30 d budget). Tickets are not urgent, so they wait
 * longer and a burn that stops on its own opens none.
 */
export const FOR_BY_SHORT_WINDOW: ReadonlyArray<[shortMs: number, forMs: number]> = [
  [5 * MIN, 2 * MIN],
  [30 * MIN, 15 * MIN],
  [2 * HOUR, 1 * HOUR],
  [6 * HOUR, 1 * HOUR],
];

export function forDurationMs(tier: BurnRateTier): number {
  const row = FOR_BY_SHORT_WINDOW.find(([shortMs]) => shortMs === tier.shortMs);
  return row ? row[1] : Math.min(tier.shortMs / 2, HOUR);
}

/** How long the total series may be missing before the absent-data alert notifies (after `increase[5m]` runs dry). */
export const ABSENT_FOR_MS = 10 * MIN;

export interface AlertPlan {
  windowMs: number;
  /** Scaled tiers of the enabled severities whose long window fits in the SLO window. */
  tiers: BurnRateTier[];
  /** Tiers left out because their long window is longer than the SLO window itself. */
  dropped: BurnRateTier[];
}

export function alertPlan(spec: SloSpec): AlertPlan {
  const windowMs = alertWindowMs(spec.window);
  const enabled = tiersForWindow(windowMs).filter((t) =>
    t.severity === 'page' ? spec.alerting.page : spec.alerting.ticket
  );
  return {
    windowMs,
    tiers: enabled.filter((t) => t.longMs <= windowMs),
    dropped: enabled.filter((t) => t.longMs > windowMs),
  };
}
