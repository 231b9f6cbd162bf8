// Sloth/Pyrra/OpenSLO queries -> what Burndown measures (docs/semantics.md section 2): Burndown applies increase()
// itself, so `sum(rate(x[{{.window}}]))` becomes `sum(x)`. Unwrapping works on the PromQL tree, never on text; what
// is not a counter rate (subqueries over gauges, `or vector(0)`, histogram_fraction, ratios) is refused with the
// reason, never wrapped in increase().

import {
  checkSloQuery,
  parsePromql,
  print,
  printSelector,
  transform,
  walk,
  type Expr,
  type PositionedMatcher,
} from '../promql';

/** Sloth's (and Sloth's OpenSLO dialect's) rule-window template. */
export const WINDOW_TEMPLATE = '{{.window}}';
// A valid PromQL duration no one writes, standing for the template while the text is parsed.
const WINDOW_SENTINEL = '7777777s';
const UNWRAP_FUNCTIONS = new Set(['rate', 'increase']);

export type CounterQuery =
  | { query: string; unwrapped: boolean; fixedRanges: string[]; problem?: undefined }
  | { problem: string; query?: undefined };

/**
 * A counter field (`ratio.bad/good/total`) from a query: kept as written when Burndown can already evaluate it, else
 * every `rate(s[range])` / `increase(s[range])` of a plain selector becomes `s` and the result must be a linear
 * expression of counter selectors. `fixedRanges` lists ranges that were not the window template (carried
 * approximately: Burndown counts events over its own windows).
 */
export function counterQuery(text: string): CounterQuery {
  const templated = text.includes(WINDOW_TEMPLATE);
  if (!templated && checkSloQuery(text, 'counter').problems.length === 0) {
    return { query: text, unwrapped: false, fixedRanges: [] };
  }
  const source = text.split(WINDOW_TEMPLATE).join(WINDOW_SENTINEL);
  const parsed = parsePromql(source);
  if (!parsed.expr) {
    return { problem: `not valid PromQL: ${untemplate(parsed.problems[0].message)}` };
  }
  const fixedRanges: string[] = [];
  const unwrapped = transform(parsed.expr, (n) => {
    if (n.type === 'call' && UNWRAP_FUNCTIONS.has(n.func) && n.args.length === 1) {
      const arg = n.args[0];
      if (arg.type === 'matrix' && arg.selector.type === 'vector') {
        if (arg.range !== WINDOW_SENTINEL) {
          fixedRanges.push(arg.range);
        }
        return arg.selector;
      }
    }
    return n;
  });
  const subquery = [...walk(unwrapped)].find((n) => n.type === 'subquery');
  if (subquery) {
    return {
      problem: `${untemplate(
        print(subquery)
      )} is a subquery (it counts samples of a gauge), not a counter rate: Burndown measures counters of events`,
    };
  }
  const printed = print(unwrapped);
  const check = checkSloQuery(printed, 'counter');
  if (check.problems.length > 0) {
    return { problem: `not a counter rate Burndown can measure: ${untemplate(check.problems[0].message)}` };
  }
  return { query: printed, unwrapped: true, fixedRanges };
}

/** A gauge field (`threshold.expr`): any instant-vector expression; the window template is not allowed here. */
export function gaugeQuery(text: string): { query: string; problem?: undefined } | { problem: string } {
  if (text.includes(WINDOW_TEMPLATE)) {
    return { problem: `${WINDOW_TEMPLATE} has no value in a threshold expression` };
  }
  const check = checkSloQuery(text, 'gauge');
  return check.problems.length > 0 ? { problem: check.problems[0].message } : { query: text };
}

function untemplate(message: string): string {
  return message.split(WINDOW_SENTINEL).join(WINDOW_TEMPLATE);
}

/**
 * good = `<h>_bucket{m..., le="x"}` and total = `<h>_count{m...}` (same matchers) are a Burndown latency indicator:
 * histogram `<h>{m...}`, threshold x. Anything else: undefined (the caller keeps a ratio).
 */
export function latencyFromCounters(good: string, total: string): { histogram: string; threshold: number } | undefined {
  const g = plainSelector(good);
  const t = plainSelector(total);
  if (!g || !t || !g.metric.endsWith('_bucket') || !t.metric.endsWith('_count')) {
    return undefined;
  }
  const base = g.metric.slice(0, -'_bucket'.length);
  if (base === '' || t.metric.slice(0, -'_count'.length) !== base) {
    return undefined;
  }
  const le = g.matchers.filter((m) => m.name === 'le');
  if (le.length !== 1 || le[0].op !== '=') {
    return undefined;
  }
  const threshold = Number(le[0].value);
  if (!Number.isFinite(threshold) || threshold <= 0 || le[0].value.trim() === '') {
    return undefined;
  }
  const key = (ms: PositionedMatcher[]) =>
    ms
      .map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`)
      .sort()
      .join(',');
  if (key(g.matchers.filter((m) => m.name !== 'le')) !== key(t.matchers)) {
    return undefined;
  }
  const histogram = printSelector(base, t.matchers);
  return checkSloQuery(histogram, 'histogram').problems.length === 0 ? { histogram, threshold } : undefined;
}

function plainSelector(text: string): Extract<Expr, { type: 'vector' }> | undefined {
  const parsed = parsePromql(text);
  return parsed.expr?.type === 'vector' && parsed.expr.metric !== '' ? parsed.expr : undefined;
}
