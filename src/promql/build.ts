// Safe building of PromQL: selectors and matchers from values (escaped, names validated), and the queries Burndown
// sends, printed from the syntax tree so comments and odd spacing in the SLO file never reach Prometheus
// (docs/semantics.md sections 2 and 6).

import type { Expr, LabelMatcher } from './ast';
import { checkPromql } from './check';
import { print, printMatcher, printSelector } from './print';
import { addMatchers, increaseOfCounters, vectorSelectors } from './selectors';
import { checkSloQuery, type SloQueryRole } from './slo';
import { LABEL_NAME_RE, METRIC_NAME_RE } from './strings';

export class PromQLError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromQLError';
  }
}

/** Escape regex metacharacters for a `=~` matcher value (RE2 syntax). */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Format a range duration for PromQL: whole seconds where possible, else milliseconds. */
export function promDuration(ms: number): string {
  const whole = Math.round(ms);
  if (!(whole > 0)) {
    throw new PromQLError(`range must be positive, got ${ms} ms`);
  }
  return whole % 1000 === 0 ? `${whole / 1000}s` : `${whole}ms`;
}

function assertLabelName(name: string, what = 'label name'): void {
  if (!LABEL_NAME_RE.test(name)) {
    throw new PromQLError(`invalid ${what} ${JSON.stringify(name)}`);
  }
}

/** `name="value"` with the value escaped; throws PromQLError for a name PromQL cannot carry. */
export function formatMatcher(m: LabelMatcher): string {
  assertLabelName(m.name);
  return printMatcher(m);
}

/** `metric{a="b",...}` from a name and matchers, every value escaped. */
export function buildSelector(metric: string, matchers: readonly LabelMatcher[] = []): string {
  if (metric !== '' && !METRIC_NAME_RE.test(metric)) {
    throw new PromQLError(`invalid metric name ${JSON.stringify(metric)}`);
  }
  matchers.forEach((m) => assertLabelName(m.name));
  if (metric === '' && matchers.length === 0) {
    throw new PromQLError('a selector needs a metric name or a matcher');
  }
  return printSelector(metric, matchers);
}

/** The tree of an expression fit for `role`; throws PromQLError naming the first problem and its character. */
export function sloTree(expr: string, role: SloQueryRole): Expr {
  const { expr: tree, problems } = checkSloQuery(expr, role);
  if (!tree) {
    const p = problems[0];
    throw new PromQLError(`${p.message} (at character ${p.from + 1} of ${JSON.stringify(expr)})`);
  }
  return tree;
}

function byClause(groupBy: readonly string[], spaced = false): string {
  groupBy.forEach((g) => assertLabelName(g, 'groupBy label'));
  return groupBy.length > 0 ? ` by (${groupBy.join(', ')})${spaced ? ' ' : ''}` : '';
}

/** Add matchers to every selector of an expression (e.g. one group's label values); prints it canonically. */
export function withMatchers(expr: string, matchers: readonly LabelMatcher[]): string {
  matchers.forEach((m) => assertLabelName(m.name));
  const { expr: tree, problems } = checkPromql(expr);
  if (!tree) {
    throw new PromQLError(`${problems[0].message} (at character ${problems[0].from + 1} of ${JSON.stringify(expr)})`);
  }
  return print(addMatchers(tree, matchers));
}

/**
 * Events in the `rangeMs` before the evaluation time: every counter selector of `expr` becomes
 * increase(<selector>[range]) (reset-safe per series), then everything is summed (by groupBy).
 * Takes what checkSloQuery accepts for role 'counter' and throws PromQLError for anything else.
 */
export function increaseQuery(expr: string, rangeMs: number, groupBy: readonly string[] = []): string {
  const range = promDuration(rangeMs);
  const inner = print(increaseOfCounters(sloTree(expr, 'counter'), range));
  return `sum${byClause(groupBy)}(${inner})`;
}

/**
 * Raw samples per bucket of the expression's first counter selector: where scrapes went missing. Used only to place a
 * gap's events in charts, so one representative selector is enough (counters of one target share their scrapes).
 * `offsetMs` counts the samples of the `rangeMs` ending that long before the evaluation time instead.
 */
export function sampleCountQuery(expr: string, rangeMs: number, groupBy: readonly string[] = [], offsetMs = 0): string {
  const range = promDuration(rangeMs);
  const first = vectorSelectors(sloTree(expr, 'counter'))[0];
  const offset = offsetMs > 0 ? ` offset ${promDuration(offsetMs)}` : '';
  return `sum${byClause(groupBy)}(count_over_time(${printSelector(first.metric, first.matchers)}[${range}]${offset}))`;
}

/** Presence check used at an empty window: do the total counters exist at the evaluation time? */
export function presenceQuery(expr: string, groupBy: readonly string[] = []): string {
  return `count${byClause(groupBy)}(${print(sloTree(expr, 'counter'))})`;
}

/** The gauge of a threshold indicator, one value per group and time slice: max by (groupBy) (expr). */
export function thresholdQuery(expr: string, groupBy: readonly string[] = []): string {
  const inner = print(sloTree(expr, 'gauge'));
  return groupBy.length > 0 ? `max${byClause(groupBy, true)}(${inner})` : `max(${inner})`;
}

/** Matcher for a histogram bucket boundary, tolerant of `1`, `1.0` and `0.25` vs `0.250` spellings across client libraries. */
export function leMatcher(threshold: number): LabelMatcher {
  if (!Number.isFinite(threshold)) {
    return { name: 'le', op: '=', value: '+Inf' };
  }
  const text = String(threshold);
  const value = Number.isInteger(threshold) ? `${escapeRegex(text)}(\\.0*)?` : `${escapeRegex(text)}0*`;
  return { name: 'le', op: '=~', value };
}

/** The bucket and count selectors of a latency histogram (`name{matchers}`, checked for role 'histogram'). */
export function histogramCounters(histogram: string, threshold: number): { good: string; total: string } {
  const sel = sloTree(histogram, 'histogram');
  if (sel.type !== 'vector') {
    throw new PromQLError(`expected a histogram selector, got ${JSON.stringify(histogram)}`);
  }
  return {
    good: printSelector(`${sel.metric}_bucket`, [...sel.matchers, leMatcher(threshold)]),
    total: printSelector(`${sel.metric}_count`, sel.matchers),
  };
}
