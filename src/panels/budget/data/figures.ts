// Query mode's figures at time t: a thin adapter from chart buckets to the engine's counts; the status itself is the
// engine's one definition (src/engine/status.ts, docs/semantics.md sections 3-5).
import {
  budgetAt,
  countsBetween,
  occurrencesStatus,
  prefixSums,
  type BurndownFigures,
  type Buckets,
  type SloStatus,
} from '../../../engine';
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
  /** The burn-down at t when the panel shows it: the policy level then reads it (docs/semantics.md section 5). */
  burndown?: BurndownFigures;
}

export function statusFromBuckets(x: BucketFiguresInput): SloStatus {
  const { buckets: b, window, target, t } = x;
  const exclusions = x.exclusions ?? [];
  const prefix = prefixSums(b, exclusions);
  const fig = budgetAt(b, window, t, target, exclusions, prefix);
  return occurrencesStatus({
    spec: { id: x.id, objective: target, window, policy: [...x.policy] },
    t,
    counts: fig.remaining === null ? null : { bad: fig.bad, total: fig.total },
    countsOver: (ms) => countsBetween(b, t - ms, t, prefix),
    burndown: x.burndown,
  });
}
