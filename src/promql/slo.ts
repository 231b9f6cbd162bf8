// What Burndown can evaluate in each PromQL field of an SLO (docs/semantics.md section 2):
// - counter (indicator.ratio.bad/good/total): counter selectors combined linearly (a + b, a - b, 2 * a, a / 2,
//   parentheses, sum / sum by / sum without), because Burndown turns each selector s into increase(s[range]) and
//   increase distributes over exactly those operations;
// - histogram (indicator.latency.histogram): one metric name with optional matchers, no le (Burndown adds it);
// - gauge (indicator.threshold.expr): any expression yielding an instant vector, compared per time slice inside
//   max by (...)(expr).
// Comments are allowed where an expression is (counter, gauge): queries are printed from the tree, so they vanish.

import { COMPARISON_OPS, SET_OPS, type Expr, type Span } from './ast';
import { checkPromql, typeName } from './check';
import type { PromqlProblem } from './parse';
import { print } from './print';

export type SloQueryRole = 'counter' | 'histogram' | 'gauge';

export const COUNTER_HINT = 'give the counter selector; Burndown applies increase() itself';

export interface SloQueryCheck {
  /** The tree, set only when there are no problems. */
  expr?: Expr;
  problems: PromqlProblem[];
}

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'resets', 'changes']);
const LINEAR_HELP = 'a counter field takes counter selectors combined with +, -, sum and number factors';

class Refused extends Error {
  constructor(readonly span: Span, message: string) {
    super(message);
  }
}

function refuse(at: Span, message: string): never {
  throw new Refused({ from: at.from, to: at.to }, message);
}

/** Problems that stop Burndown from evaluating `text` in a field of the given role; [] when it can. */
export function checkSloQuery(text: string, role: SloQueryRole): SloQueryCheck {
  const checked = checkPromql(text);
  if (!checked.expr) {
    return { problems: checked.problems };
  }
  const e = checked.expr;
  try {
    switch (role) {
      case 'counter':
        if (counterKind(e) === 'number') {
          refuse(e, `expected a counter selector, got a number only; ${COUNTER_HINT}`);
        }
        break;
      case 'histogram':
        histogram(e, text);
        break;
      case 'gauge':
        gauge(e, checked.type!);
        break;
    }
  } catch (err) {
    if (err instanceof Refused) {
      return { problems: [{ ...err.span, message: err.message }] };
    }
    throw err;
  }
  return { expr: e, problems: [] };
}

/** 'counter' for a linear expression of counter selectors, 'number' for a constant; refuses anything else. */
function counterKind(e: Expr): 'counter' | 'number' {
  switch (e.type) {
    case 'vector':
      return 'counter';
    case 'number':
      return 'number';
    case 'paren':
    case 'unary':
      return counterKind(e.expr);
    case 'string':
      return refuse(e, `expected a counter selector, got a string; ${COUNTER_HINT}`);
    case 'matrix':
      return refuse(e, `range selector ${print(e)}: ${COUNTER_HINT} and chooses the range (drop [${e.range}])`);
    case 'subquery':
      return refuse(e, `subquery ${print(e)} cannot be counted: ${COUNTER_HINT}`);
    case 'offset':
      return refuse(
        e.keyword,
        'offset is not supported: Burndown evaluates counters at the times of the window itself'
      );
    case 'at':
      return refuse(e.keyword, '@ is not supported: Burndown evaluates counters at the times of the window itself');
    case 'call':
      if (COUNTER_FUNCTIONS.has(e.func) || e.args.some((a) => a.type === 'matrix')) {
        return refuse(e, `${e.func}() over a counter: ${COUNTER_HINT}`);
      }
      return refuse(e, `function ${e.func}() is not supported here: ${LINEAR_HELP}`);
    case 'aggregate':
      if (e.op !== 'sum') {
        return refuse(e, `${e.op}() does not keep a count of events: ${LINEAR_HELP}`);
      }
      if (counterKind(e.args[0]) === 'number') {
        return refuse(e, `sum() of a number is not an event count; ${COUNTER_HINT}`);
      }
      return 'counter';
    case 'binary':
      return binaryKind(e);
  }
}

function binaryKind(e: Extract<Expr, { type: 'binary' }>): 'counter' | 'number' {
  if (SET_OPS.has(e.op)) {
    refuse(e.opSpan, `set operator ${e.op} is not supported: ${LINEAR_HELP}`);
  }
  if (COMPARISON_OPS.has(e.op)) {
    refuse(e.opSpan, `comparison ${e.op} filters series instead of counting events: ${LINEAR_HELP}`);
  }
  const l = counterKind(e.left);
  const r = counterKind(e.right);
  if (l === 'number' && r === 'number') {
    return 'number';
  }
  switch (e.op) {
    case '+':
    case '-':
      if (l !== r) {
        refuse(e.opSpan, `${e.op} between a counter and a number is not an event count: ${LINEAR_HELP}`);
      }
      return 'counter';
    case '*':
      if (l === 'counter' && r === 'counter') {
        refuse(e.opSpan, `a product of two counters is not an event count: ${LINEAR_HELP}`);
      }
      return 'counter';
    case '/':
      if (r === 'counter') {
        refuse(
          e.opSpan,
          'dividing by a counter is not an event count: give bad (or good) and total as separate fields'
        );
      }
      return 'counter';
    default:
      return refuse(e.opSpan, `operator ${e.op} is not linear: ${LINEAR_HELP}`);
  }
}

const HISTOGRAM_EXAMPLE = 'http_request_duration_seconds{job="checkout"}';

function histogram(e: Expr, text: string): void {
  if (e.type !== 'vector') {
    refuse(e, `expected a histogram selector such as ${HISTOGRAM_EXAMPLE}`);
  }
  const comment = (text.slice(0, e.from) + ' '.repeat(e.to - e.from) + text.slice(e.to)).indexOf('#');
  if (comment >= 0) {
    refuse(
      { from: comment, to: text.length },
      'comments are not supported here: give a metric name with optional matchers'
    );
  }
  if (e.metric === '') {
    refuse(e, `give the histogram's metric name before the braces, such as ${HISTOGRAM_EXAMPLE}`);
  }
  const suffix = /_(bucket|count|sum)$/.exec(e.metric);
  if (suffix) {
    const base = e.metric.slice(0, -suffix[0].length);
    refuse(e, `give the histogram's base name ("${base}"): _bucket and _count are added`);
  }
  for (const m of e.matchers) {
    if (m.name === 'le') {
      refuse(m, 'remove the le matcher: Burndown selects the bucket from latency.threshold');
    }
    if (m.name === '__name__') {
      refuse(m, 'give the metric name before the braces, not as a __name__ matcher');
    }
  }
}

function gauge(e: Expr, type: 'vector' | 'scalar' | 'matrix' | 'string'): void {
  switch (type) {
    case 'vector':
      return;
    case 'scalar':
      return refuse(
        e,
        'the expression yields a scalar; Burndown compares it per series inside max(...), which needs an instant vector: write vector(...) around it'
      );
    case 'matrix':
      return refuse(
        e,
        `the expression yields a ${typeName(
          type
        )}; apply a function such as max_over_time(...) to get an instant vector`
      );
    case 'string':
      return refuse(e, 'the expression yields a string; expected an instant vector');
  }
}
