// PromQL building (DESIGN.md sections 2 and 6): counters become sum(increase(<selector>[range])), label values are escaped.
import type { Indicator } from '../slo/types';

/** Escape a label value for a double-quoted PromQL string: the value can never end the string or change the query. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

export function formatMatcher(m: LabelMatcher): string {
  if (!LABEL_NAME.test(m.name)) {
    throw new PromQLError(`invalid label name ${JSON.stringify(m.name)}`);
  }
  return `${m.name}${m.op}"${escapeLabelValue(m.value)}"`;
}

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
  if (whole <= 0) {
    throw new PromQLError(`range must be positive, got ${ms} ms`);
  }
  return whole % 1000 === 0 ? `${whole / 1000}s` : `${whole}ms`;
}

// --- a small scanner: finds the vector selectors of an expression so they can be rewritten ---

const KEYWORDS_WITH_LABEL_LIST = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const PLAIN_KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'inf', 'nan', 'atan2']);
const MODIFIERS = new Set(['offset']);

function isIdentStart(c: string) {
  return /[a-zA-Z_:]/.test(c);
}
function isIdentPart(c: string) {
  return /[a-zA-Z0-9_:]/.test(c);
}

/** Index just past the string literal starting at i (quote at i). */
function skipString(s: string, i: number): number {
  const q = s[i];
  let j = i + 1;
  while (j < s.length) {
    if (s[j] === '\\' && q !== '`') {
      j += 2;
      continue;
    }
    if (s[j] === q) {
      return j + 1;
    }
    j++;
  }
  throw new PromQLError(`unterminated string starting at offset ${i}`);
}

/** Index just past the bracket group opening at i, honouring strings inside. */
function skipGroup(s: string, i: number): number {
  const open = s[i];
  const close = open === '{' ? '}' : open === '(' ? ')' : ']';
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s[j];
    if (c === '"' || c === "'" || c === '`') {
      j = skipString(s, j);
      continue;
    }
    if (c === open) {
      depth++;
    } else if (c === close) {
      depth--;
      if (depth === 0) {
        return j + 1;
      }
    }
    j++;
  }
  throw new PromQLError(`unbalanced '${open}' at offset ${i}`);
}

function skipSpace(s: string, i: number): number {
  while (i < s.length) {
    if (/\s/.test(s[i])) {
      i++;
    } else if (s[i] === '#') {
      while (i < s.length && s[i] !== '\n') {
        i++;
      }
    } else {
      break;
    }
  }
  return i;
}

export interface VectorSelector {
  /** Metric name, or '' for a bare `{...}` selector. */
  metric: string;
  /** The text between the braces, '' when absent. */
  matchers: string;
}

/**
 * Rewrite every instant-vector selector of `expr` with `fn`. Selectors that already carry a range,
 * `offset` or `@` are refused: Burndown chooses ranges itself.
 */
export function rewriteSelectors(expr: string, fn: (sel: VectorSelector) => string): string {
  let out = '';
  let i = 0;
  let found = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') {
      const j = skipString(expr, i);
      out += expr.slice(i, j);
      i = j;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      // number literal (including 1e3, 0x1f); a duration can only follow '[' which we refuse
      let j = i + 1;
      while (
        j < expr.length &&
        /[0-9a-fA-FxX.eE_+-]/.test(expr[j]) &&
        !(/[+-]/.test(expr[j]) && !/[eE]/.test(expr[j - 1]))
      ) {
        j++;
      }
      out += expr.slice(i, j);
      i = j;
      continue;
    }
    if (isIdentStart(c) || c === '{') {
      let j = i;
      let metric = '';
      if (c !== '{') {
        while (j < expr.length && isIdentPart(expr[j])) {
          j++;
        }
        metric = expr.slice(i, j);
        const lower = metric.toLowerCase();
        const next = skipSpace(expr, j);
        if (KEYWORDS_WITH_LABEL_LIST.has(lower)) {
          out += expr.slice(i, next);
          if (expr[next] === '(') {
            const end = skipGroup(expr, next);
            out += expr.slice(next, end);
            i = end;
          } else {
            i = next;
          }
          continue;
        }
        if (PLAIN_KEYWORDS.has(lower)) {
          out += metric;
          i = j;
          continue;
        }
        if (MODIFIERS.has(lower)) {
          throw new PromQLError(`'offset' is not supported in SLO queries`);
        }
        const following = /^[a-zA-Z_]+/.exec(expr.slice(next))?.[0]?.toLowerCase();
        if (expr[next] === '(' || following === 'by' || following === 'without') {
          // function or aggregation name (`sum by (x) (...)` puts the clause first)
          out += metric;
          i = j;
          continue;
        }
      }
      let matchers = '';
      let k = skipSpace(expr, j);
      if (expr[k] === '{') {
        const end = skipGroup(expr, k);
        matchers = expr.slice(k + 1, end - 1).trim();
        j = end;
        k = skipSpace(expr, j);
      }
      if (expr[k] === '[') {
        throw new PromQLError(`selector ${expr.slice(i, j)} already has a range; give the counter without [..]`);
      }
      if (expr[k] === '@' || expr.slice(k, k + 6).toLowerCase() === 'offset') {
        throw new PromQLError(`'offset' and '@' are not supported in SLO queries`);
      }
      out += fn({ metric, matchers });
      found++;
      i = j;
      continue;
    }
    if (c === '}' || c === ')' || c === ']') {
      // closing bracket without its opening one
      throw new PromQLError(`unbalanced '${c}' at offset ${i}`);
    }
    if (c === '(') {
      // recurse into parenthesised sub-expressions so their selectors are rewritten too
      const end = skipGroup(expr, i);
      out += '(' + rewriteSelectors(expr.slice(i + 1, end - 1), fn) + ')';
      found++;
      i = end;
      continue;
    }
    if (c === '[') {
      throw new PromQLError(`unexpected '[' at offset ${i}: give counters without a range`);
    }
    out += c;
    i++;
  }
  if (found === 0) {
    throw new PromQLError(`no metric selector in ${JSON.stringify(expr)}`);
  }
  return out;
}

export function formatSelector(sel: VectorSelector): string {
  return sel.matchers || !sel.metric ? `${sel.metric}{${sel.matchers}}` : sel.metric;
}

/** Add matchers to every selector of an expression (e.g. one group's label values). */
export function withMatchers(expr: string, matchers: readonly LabelMatcher[]): string {
  if (matchers.length === 0) {
    return expr;
  }
  const extra = matchers.map(formatMatcher).join(',');
  return rewriteSelectors(expr, (sel) =>
    formatSelector({ ...sel, matchers: sel.matchers ? `${sel.matchers},${extra}` : extra })
  );
}

function byClause(groupBy: readonly string[]): string {
  for (const g of groupBy) {
    if (!LABEL_NAME.test(g)) {
      throw new PromQLError(`invalid groupBy label ${JSON.stringify(g)}`);
    }
  }
  return groupBy.length > 0 ? ` by (${groupBy.join(', ')})` : '';
}

/**
 * Events in the `rangeMs` before the evaluation time: every counter selector of `expr` becomes
 * increase(<selector>[range]) (reset-safe per series), then everything is summed (by groupBy).
 * Works for selectors and linear expressions of counters (a + b, a - b, sum without (x) (a)).
 */
export function increaseQuery(expr: string, rangeMs: number, groupBy: readonly string[] = []): string {
  const range = promDuration(rangeMs);
  const inner = rewriteSelectors(expr.trim(), (sel) => `increase(${formatSelector(sel)}[${range}])`);
  return `sum${byClause(groupBy)}(${inner})`;
}

/**
 * Raw samples per bucket of the expression's first counter selector: where scrapes went missing. Used only to place a
 * gap's events in charts, so one representative selector is enough (counters of one target share their scrapes).
 */
export function sampleCountQuery(expr: string, rangeMs: number, groupBy: readonly string[] = []): string {
  let first: VectorSelector | undefined;
  rewriteSelectors(expr.trim(), (sel) => {
    first ??= sel;
    return '';
  });
  return `sum${byClause(groupBy)}(count_over_time(${formatSelector(first!)}[${promDuration(rangeMs)}]))`;
}

/** Presence check used at an empty window: do the total counters exist at the evaluation time? */
export function presenceQuery(expr: string, groupBy: readonly string[] = []): string {
  return `count${byClause(groupBy)}(${expr.trim()})`;
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
    case 'latency': {
      const base = indicator.histogram.trim();
      const brace = base.indexOf('{');
      const name = brace < 0 ? base : base.slice(0, brace).trim();
      const matchers = brace < 0 ? '' : base.slice(brace);
      if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) {
        throw new PromQLError(
          `histogram must be a metric name with optional matchers, got ${JSON.stringify(indicator.histogram)}`
        );
      }
      const good = withMatchers(`${name}_bucket${matchers}`, [leMatcher(indicator.threshold)]);
      return { good, total: `${name}_count${matchers}` };
    }
    default:
      throw new PromQLError(`${indicator.kind} indicators have no event counters`);
  }
}
