// Figures at time t from buckets (DESIGN.md sections 4-5), the query-mode counterpart of src/query/status.ts: budget over
// windowAt(t), burn rates over (t - L, t], time to exhaustion per window kind, alert tiers and the active policy level.
import {
  activePolicyLevel,
  budgetAt,
  burnRateAt,
  countsBetween,
  evaluateTiers,
  exhaustionOccurrences,
  exhaustionRolling,
  fullWindowAt,
  prefixSums,
  tiersForWindow,
  type Buckets,
  type Exhaustion,
} from '../../../engine';
import { EXHAUSTION_LOOKBACK_MS, REPORTED_BURN_RATES, type SloStatus } from '../../../query';
import type { Exclusion, PolicyLevel, WindowSpec } from '../../../slo/types';

export interface BucketFiguresInput {
  id: string;
  buckets: Buckets;
  window: WindowSpec;
  target: number;
  policy: readonly PolicyLevel[];
  exclusions?: readonly Exclusion[];
  /** Evaluation time; figures use the buckets ending at or before it. */
  t: number;
}

export function statusFromBuckets(x: BucketFiguresInput): SloStatus {
  const { buckets: b, window, target, t } = x;
  const exclusions = x.exclusions ?? [];
  const prefix = prefixSums(b, exclusions);
  const fig = budgetAt(b, window, t, target, exclusions, prefix);
  const full = fullWindowAt(t, window);
  const windowMs = full.end - full.start;
  const rateOver = (ms: number) => burnRateAt(b, t, ms, target, exclusions, prefix);
  const burnRates = Object.fromEntries(REPORTED_BURN_RATES.map(([name, ms]) => [name, rateOver(ms)]));
  const current = countsBetween(b, t - EXHAUSTION_LOOKBACK_MS, t, prefix);
  let timeToExhaustion: Exhaustion;
  if (fig.remaining === null) {
    timeToExhaustion = { state: 'unknown', inMs: null };
  } else if (window.kind === 'rolling') {
    timeToExhaustion = exhaustionRolling(fig.remaining, rateOver(EXHAUSTION_LOOKBACK_MS), windowMs, t);
  } else {
    timeToExhaustion = exhaustionOccurrences({
      t,
      windowEnd: full.end,
      target,
      bad: fig.bad,
      total: fig.total,
      burnRate: rateOver(EXHAUSTION_LOOKBACK_MS),
      trafficRate: current.total > 0 ? current.total / EXHAUSTION_LOOKBACK_MS : 0,
    });
  }
  const noData = fig.remaining === null;
  return {
    id: x.id,
    group: {},
    window: { start: fig.start, end: fig.end },
    good: noData ? null : fig.total - fig.bad,
    bad: noData ? null : fig.bad,
    total: noData ? null : fig.total,
    sli: fig.sli,
    remaining: fig.remaining,
    consumed: fig.consumed,
    burnRates,
    timeToExhaustion,
    policy: activePolicyLevel(x.policy, fig.remaining, rateOver),
    alerts: evaluateTiers(tiersForWindow(windowMs), rateOver),
    noData,
  };
}
