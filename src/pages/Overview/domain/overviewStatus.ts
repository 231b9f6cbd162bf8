// An SLO's status at a glance on the overview, from its status (docs/semantics.md sections 4 and 5): exhausted when the
// budget left <= 0, burning when the burn rate now (1 h) > 1, healthy otherwise; no data (no figures, or a counter that
// matches no series) and stale data come first, because their figures cannot be trusted; invalid SLOs and failed
// queries have no status at all. One function, used by the filter and the display.
import { EXHAUSTION_LOOKBACK_MS, type SloStatus } from '../../../engine';
import { lookbackLabel } from '../../../shared/format';

export type OverviewStatus = 'healthy' | 'burning' | 'exhausted' | 'stale' | 'noData' | 'invalid' | 'error';

export const OVERVIEW_STATUSES: readonly OverviewStatus[] = [
  'exhausted',
  'burning',
  'healthy',
  'stale',
  'noData',
  'invalid',
  'error',
];

export type StatusInput =
  | { kind: 'invalid' }
  | { kind: 'error' }
  | { kind: 'evaluated'; status: SloStatus; budgetLeft: number | null };

/** The burn rate "now": over the lookback time to exhaustion uses (1 h). */
export function burnRateNow(s: SloStatus): number | null {
  return s.burnRates[lookbackLabel(EXHAUSTION_LOOKBACK_MS)] ?? null;
}

export function classifyStatus(x: StatusInput): OverviewStatus {
  switch (x.kind) {
    case 'invalid':
      return 'invalid';
    case 'error':
      return 'error';
    case 'evaluated': {
      const s = x.status;
      const kinds = new Set(s.diagnostics.map((d) => d.kind));
      if (s.noData || x.budgetLeft === null || kinds.has('no-data') || kinds.has('no-series')) {
        return 'noData';
      }
      // Spent budget stays spent, so exhausted holds on stale data; "healthy" or "burning" would not.
      if (x.budgetLeft <= 0) {
        return 'exhausted';
      }
      if (kinds.has('stale')) {
        return 'stale';
      }
      const rate = burnRateNow(s);
      return rate !== null && rate > 1 ? 'burning' : 'healthy';
    }
  }
}

export const STATUS_TEXT: Record<OverviewStatus, string> = {
  healthy: 'Healthy',
  burning: 'Burning',
  exhausted: 'Exhausted',
  stale: 'Stale',
  noData: 'No data',
  invalid: 'Invalid',
  error: 'Error',
};

/** Higher is worse: the worst of a grouped SLO's groups, or of a service's SLOs, is shown. */
export const STATUS_SEVERITY: Record<OverviewStatus, number> = {
  healthy: 0,
  burning: 1,
  stale: 2,
  noData: 3,
  exhausted: 4,
  invalid: 5,
  error: 6,
};

export function worstStatus(statuses: readonly OverviewStatus[]): OverviewStatus | undefined {
  return statuses.reduce<OverviewStatus | undefined>(
    (w, s) => (w === undefined || STATUS_SEVERITY[s] > STATUS_SEVERITY[w] ? s : w),
    undefined
  );
}

export function isOverviewStatus(s: string): s is OverviewStatus {
  return (OVERVIEW_STATUSES as readonly string[]).includes(s);
}
