// Public API of the PromQL module: parse, check, inspect, rewrite, build and print PromQL on the grammar Prometheus'
// own UI uses. Pure TypeScript: imports nothing but @prometheus-io/lezer-promql and @lezer/*.

export type * from './ast';
export { children, COMPARISON_OPS, SET_OPS, transform, walk } from './ast';
export { check, checkPromql, matchesEmpty, typeName, typeOf } from './check';
export type { Checked } from './check';
export { parsePromql } from './parse';
export type { Parsed, PromqlProblem } from './parse';
export { FUNCTIONS } from './functions';
export { KEYWORDS, print, printMatcher, printSelector } from './print';
export { addMatchers, increaseOfCounters, vectorSelectors } from './selectors';
export type { SelectorInfo } from './selectors';
export { checkSloQuery, COUNTER_HINT } from './slo';
export type { SloQueryCheck, SloQueryRole } from './slo';
export { escapeLabelValue, LABEL_NAME_RE, METRIC_NAME_RE, quoteString, unquoteString } from './strings';
export {
  buildSelector,
  escapeRegex,
  formatMatcher,
  histogramCounters,
  increaseQuery,
  leMatcher,
  presenceQuery,
  PromQLError,
  promDuration,
  sampleCountQuery,
  sloTree,
  thresholdQuery,
  withMatchers,
} from './build';
