// Multi-window, multi-burn-rate alerting (docs/semantics.md section 5): a tier fires when the burn rate over both its long and short window exceeds factor x W / 30d.
export type Severity = 'page' | 'ticket';

export interface BurnRateTier {
  severity: Severity;
  /** Burn-rate factor for a 30-day window. */
  factor: number;
  longMs: number;
  shortMs: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
export const BASE_WINDOW_MS = 30 * DAY;

/** The Google SRE Workbook table for a 30-day window: data, not code. */
export const SRE_WORKBOOK_TIERS: readonly BurnRateTier[] = [
  { severity: 'page', factor: 14.4, longMs: 1 * HOUR, shortMs: 5 * MIN },
  { severity: 'page', factor: 6, longMs: 6 * HOUR, shortMs: 30 * MIN },
  { severity: 'ticket', factor: 3, longMs: 1 * DAY, shortMs: 2 * HOUR },
  { severity: 'ticket', factor: 1, longMs: 3 * DAY, shortMs: 6 * HOUR },
];

/** The tiers for a window of length W: each factor scaled by W / 30 d (same share of the budget in the same time). */
export function tiersForWindow(windowMs: number, tiers: readonly BurnRateTier[] = SRE_WORKBOOK_TIERS): BurnRateTier[] {
  return tiers.map((t) => ({ ...t, factor: (t.factor * windowMs) / BASE_WINDOW_MS }));
}

export interface TierState {
  tier: BurnRateTier;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
}

/** Evaluate each tier given a burn-rate lookup by lookback; a null burn rate never fires. */
export function evaluateTiers(
  tiers: readonly BurnRateTier[],
  burnRateOver: (lookbackMs: number) => number | null
): TierState[] {
  return tiers.map((tier) => {
    const longBurnRate = burnRateOver(tier.longMs);
    const shortBurnRate = burnRateOver(tier.shortMs);
    const firing =
      longBurnRate !== null && shortBurnRate !== null && longBurnRate > tier.factor && shortBurnRate > tier.factor;
    return { tier, longBurnRate, shortBurnRate, firing };
  });
}
