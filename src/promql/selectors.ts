// The vector selectors of an expression, and rewrites on them: extra matchers on every selector, and counters
// turned into increase(<selector>[<range>]) (docs/semantics.md section 2). All work on the tree, never on text.

import { transform, walk, type Expr, type LabelMatcher, type PositionedMatcher, type Span } from './ast';

export interface SelectorInfo extends Span {
  /** Metric name before the braces, '' for a bare {...} selector. */
  metric: string;
  matchers: PositionedMatcher[];
}

/** Every instant-vector selector of the tree, in source order (including those under a range or offset). */
export function vectorSelectors(e: Expr): SelectorInfo[] {
  const out: SelectorInfo[] = [];
  for (const n of walk(e)) {
    if (n.type === 'vector') {
      out.push({ from: n.from, to: n.to, metric: n.metric, matchers: n.matchers });
    }
  }
  return out;
}

/** A copy of the tree with `matchers` appended to every vector selector. */
export function addMatchers(e: Expr, matchers: readonly LabelMatcher[]): Expr {
  if (matchers.length === 0) {
    return e;
  }
  const extra = matchers.map((m) => ({ ...m, from: 0, to: 0 }));
  return transform(e, (n) => (n.type === 'vector' ? { ...n, matchers: [...n.matchers, ...extra] } : n));
}

/**
 * Every vector selector `s` becomes increase(s[range]): events per series over `range`, reset-safe. The tree must
 * be a linear expression of counter selectors (checkSloQuery role 'counter'); this function does not judge that.
 */
export function increaseOfCounters(e: Expr, range: string): Expr {
  return transform(e, (n) =>
    n.type === 'vector'
      ? {
          from: n.from,
          to: n.to,
          type: 'call',
          func: 'increase',
          args: [{ from: n.from, to: n.to, type: 'matrix', selector: n, range }],
        }
      : n
  );
}
