// Figures at one instant (docs/semantics.md sections 3-5): budget over windowAt(t) and burn rate over (t - L, t], from buckets.
import type { Exclusion, WindowSpec } from '../slo/types';
import { occurrencesBudget, type BudgetFigures } from './budget';
import { prefixSums, rangeCounts, type PrefixSums } from './prefix';
import { firstBucketAfter, lastBucketAtOrBefore, type Buckets, type EventCounts } from './types';
import { windowAt } from './windows';

export interface WindowFigures extends BudgetFigures {
  start: number;
  end: number;
  bad: number;
  total: number;
}

/** Events in (start, end] from buckets that tile it, excluded buckets removed. */
export function countsBetween(
  b: Buckets,
  start: number,
  end: number,
  prefix: PrefixSums
): EventCounts & { hasData: boolean } {
  return rangeCounts(prefix, firstBucketAfter(b, start), lastBucketAtOrBefore(b, end) + 1);
}

/**
 * Occurrences figures at time t. At the instant a period starts the window is empty: nothing is
 * spent (100%) provided the series has data at all by then.
 */
export function budgetAt(
  b: Buckets,
  window: WindowSpec,
  t: number,
  target: number,
  exclusions: readonly Exclusion[] = [],
  prefix: PrefixSums = prefixSums(b, exclusions)
): WindowFigures {
  const range = windowAt(t, window);
  const c = countsBetween(b, range.start, range.end, prefix);
  const hasData = range.end > range.start ? c.hasData : prefix.known[lastBucketAtOrBefore(b, t) + 1] > 0;
  return { ...range, bad: c.bad, total: c.total, ...occurrencesBudget(c, target, hasData) };
}

/** burnRate = (bad/total) / (1 - target); null without events. */
export function burnRate(counts: EventCounts, target: number): number | null {
  if (!(counts.total > 0) || Number.isNaN(counts.bad)) {
    return null;
  }
  return counts.bad / counts.total / (1 - target);
}

export function burnRateAt(
  b: Buckets,
  t: number,
  lookbackMs: number,
  target: number,
  exclusions: readonly Exclusion[] = [],
  prefix: PrefixSums = prefixSums(b, exclusions)
): number | null {
  return burnRate(countsBetween(b, t - lookbackMs, t, prefix), target);
}
