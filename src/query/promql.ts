// PromQL for the query layer (docs/semantics.md sections 2 and 6): the builders live in src/promql (parsed, printed
// from the syntax tree); this module re-exports them and maps SLO indicators to their counter expressions.
import type { Indicator } from '../slo/types';
import { histogramCounters, PromQLError } from '../promql';

export {
  buildSelector,
  escapeLabelValue,
  escapeRegex,
  formatMatcher,
  increaseQuery,
  leMatcher,
  presenceQuery,
  PromQLError,
  promDuration,
  sampleCountQuery,
  thresholdQuery,
  withMatchers,
} from '../promql';
export type { LabelMatcher, MatchOp } from '../promql';

export interface CounterExprs {
  /** Exactly one of bad / good is set. */
  bad?: string;
  good?: string;
  total: string;
}

/** The counter expressions of an event-based indicator (latency expands to _bucket{le} and _count). */
export function counterExprs(indicator: Indicator): CounterExprs {
  switch (indicator.kind) {
    case 'ratio':
      return indicator.bad !== undefined
        ? { bad: indicator.bad, total: indicator.total }
        : { good: indicator.good, total: indicator.total };
    case 'latency':
      return histogramCounters(indicator.histogram, indicator.threshold);
    default:
      throw new PromQLError(`${indicator.kind} indicators have no event counters`);
  }
}
