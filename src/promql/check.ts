// check(expr): every problem Prometheus' parser would report for an expression, each with its character range;
// syntax first (parse.ts), then types, phrased as Prometheus' parser and UI linter phrase them.

import { COMPARISON_OPS, SET_OPS, type Expr, type ValueType } from './ast';
import { AGGREGATION_PARAMS, FUNCTIONS } from './functions';
import { parsePromql, type PromqlProblem } from './parse';
import { re2Problem } from './re2';

const TYPE_NAMES: Record<ValueType, string> = {
  vector: 'instant vector',
  scalar: 'scalar',
  matrix: 'range vector',
  string: 'string',
};

export function typeName(t: ValueType): string {
  return TYPE_NAMES[t];
}

export interface Checked {
  expr?: Expr;
  /** The type the whole expression yields, when it has no problems. */
  type?: ValueType;
  problems: PromqlProblem[];
}

/**
 * Results by text, most recent last: the query layer builds every request from the same few SLO expressions, parsed
 * again for each edge and piece (the overview of 200 SLOs spent 0.48 s of the 2.3 s from its mount to its first screen
 * here, docs/performance.md). Results are frozen, since callers share them.
 */
const memo = new Map<string, Checked>();
const MEMO_SIZE = 2000;

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !ArrayBuffer.isView(x) && !Object.isFrozen(x)) {
    Object.freeze(x);
    Object.values(x).forEach(deepFreeze);
  }
  return x;
}

/** Parses and type-checks; `expr` is set only when there are no problems. */
export function checkPromql(text: string): Checked {
  const hit = memo.get(text);
  if (hit) {
    memo.delete(text);
    memo.set(text, hit);
    return hit;
  }
  const checked = deepFreeze(parseAndCheck(text));
  memo.set(text, checked);
  if (memo.size > MEMO_SIZE) {
    memo.delete(memo.keys().next().value!);
  }
  return checked;
}

function parseAndCheck(text: string): Checked {
  const parsed = parsePromql(text);
  if (!parsed.expr) {
    return { problems: parsed.problems };
  }
  const problems: PromqlProblem[] = [];
  const type = typeOf(parsed.expr, problems);
  return problems.length > 0 ? { problems } : { expr: parsed.expr, type, problems };
}

/** Syntax and type problems of a PromQL expression; [] when Prometheus would accept it. */
export function check(text: string): PromqlProblem[] {
  return checkPromql(text).problems;
}

/** The value type of `e`, recording problems as it goes (it still returns the type Prometheus would assume). */
export function typeOf(e: Expr, problems: PromqlProblem[]): ValueType {
  const report = (at: { from: number; to: number }, message: string) =>
    problems.push({ from: at.from, to: at.to, message });
  const expect = (arg: Expr, want: ValueType, context: string) => {
    const got = typeOf(arg, problems);
    if (got !== want) {
      report(arg, `expected type ${typeName(want)} in ${context}, got ${typeName(got)}`);
    }
  };
  switch (e.type) {
    case 'vector': {
      const named = e.metric !== '' || e.matchers.some((m) => m.name === '__name__');
      if (e.metric && e.matchers.some((m) => m.name === '__name__')) {
        report(e, `metric name must not be set twice: ${e.metric} and a __name__ matcher`);
      }
      if (!named && e.matchers.every((m) => matchesEmpty(m.op, m.value))) {
        report(e, 'vector selector must contain at least one non-empty matcher');
      }
      for (const m of e.matchers) {
        const bad = m.op === '=~' || m.op === '!~' ? re2Problem(m.value) : undefined;
        if (bad) {
          report(m, `invalid regular expression for label ${m.name}: ${bad}`);
        }
      }
      return 'vector';
    }
    case 'matrix':
      if (e.selector.type !== 'vector') {
        report(e, 'ranges only allowed for vector selectors');
      }
      typeOf(e.selector, problems);
      return 'matrix';
    case 'subquery': {
      const t = typeOf(e.expr, problems);
      if (t !== 'vector') {
        report(e, `subquery is only allowed on instant vector, got ${typeName(t)} instead`);
      }
      return 'matrix';
    }
    case 'offset':
    case 'at': {
      const t = typeOf(e.expr, problems);
      let target = e.expr;
      while (target.type === 'offset' || target.type === 'at') {
        if (target.type === e.type) {
          report(
            e.keyword,
            e.type === 'at' ? '@ <timestamp> may not be set multiple times' : 'offset may not be set multiple times'
          );
        }
        target = target.expr; // x @ 5 offset 1h: both modifiers on one selector
      }
      if (target.type !== 'vector' && target.type !== 'matrix' && target.type !== 'subquery') {
        report(
          e.keyword,
          `${
            e.type === 'offset' ? 'offset' : '@'
          } modifier must be preceded by an instant vector selector or range vector selector or a subquery`
        );
      }
      return t;
    }
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'paren':
      return typeOf(e.expr, problems);
    case 'unary': {
      const t = typeOf(e.expr, problems);
      if (t !== 'scalar' && t !== 'vector') {
        report(e, `unary expression only allowed on expressions of type scalar or instant vector, got ${typeName(t)}`);
      }
      return t;
    }
    case 'binary': {
      const lt = typeOf(e.left, problems);
      const rt = typeOf(e.right, problems);
      for (const [side, t] of [
        [e.left, lt],
        [e.right, rt],
      ] as const) {
        if (t !== 'scalar' && t !== 'vector') {
          report(side, 'binary expression must contain only scalar and instant vector types');
        }
      }
      const comparison = COMPARISON_OPS.has(e.op);
      if (e.bool && !comparison) {
        report(e.opSpan, 'bool modifier can only be used on comparison operators');
      }
      if (comparison && !e.bool && lt === 'scalar' && rt === 'scalar') {
        report(e.opSpan, 'comparisons between scalars must use BOOL modifier');
      }
      if (SET_OPS.has(e.op) && (lt === 'scalar' || rt === 'scalar')) {
        report(e.opSpan, `set operator "${e.op}" not allowed in binary scalar expression`);
      }
      if (e.matching && (lt !== 'vector' || rt !== 'vector')) {
        report(e.opSpan, 'vector matching only allowed between instant vectors');
      }
      if (e.matching?.group && SET_OPS.has(e.op)) {
        report(e.opSpan, 'no grouping allowed for "and", "or" and "unless" operations');
      }
      return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
    }
    case 'aggregate': {
      const param = AGGREGATION_PARAMS.get(e.op);
      const want = param ? 2 : 1;
      if (e.args.length !== want) {
        report(
          e,
          `wrong number of arguments for aggregate expression provided, expected ${want}, got ${e.args.length}`
        );
        e.args.forEach((a) => typeOf(a, problems));
        return 'vector';
      }
      if (param) {
        expect(e.args[0], param, 'aggregation parameter');
      }
      expect(e.args[want - 1], 'vector', 'aggregation expression');
      return 'vector';
    }
    case 'call': {
      const f = FUNCTIONS.get(e.func);
      if (!f) {
        // known to the grammar but not to Prometheus 2.42: accept, type as an instant vector
        e.args.forEach((a) => typeOf(a, problems));
        return 'vector';
      }
      const n = e.args.length;
      const min = f.variadic === 0 ? f.args.length : f.args.length - 1;
      const max = f.variadic === 0 ? f.args.length : f.variadic < 0 ? Infinity : min + f.variadic;
      if (n < min || n > max) {
        const expected = min === max ? `${min}` : n < min ? `at least ${min}` : `at most ${max}`;
        report(e, `expected ${expected} argument(s) in call to "${e.func}", got ${n}`);
      }
      e.args.forEach((a, i) => expect(a, f.args[Math.min(i, f.args.length - 1)], `call to function "${e.func}"`));
      return f.returns;
    }
  }
}

/** Whether a matcher also matches the empty string (so it alone selects every series). */
export function matchesEmpty(op: string, value: string): boolean {
  switch (op) {
    case '=':
      return value === '';
    case '!=':
      return value !== '';
    case '=~':
    case '!~': {
      // RE2 flags such as (?i) are unknown to JavaScript but do not change whether '' matches
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${value.replace(/^\(\?[a-zA-Z]+\)/, '')})$`);
      } catch {
        return false;
      }
      return op === '=~' ? re.test('') : !re.test('');
    }
    default:
      return false;
  }
}
