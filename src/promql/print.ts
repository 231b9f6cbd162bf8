// Syntax tree -> canonical PromQL text: one space around binary operators, matchers joined by ',', strings
// double-quoted and escaped, comments gone. Parentheses are kept where the source had them, and the tree keeps the
// source's nesting, so printing never changes how an expression parses.

import type { Expr, Grouping, LabelMatcher, VectorMatching } from './ast';
import { quoteString, METRIC_NAME_RE } from './strings';

/** Words the lexer reads as keywords: a metric with such a name must be written {__name__="..."}. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'unless',
  'atan2',
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
  'limitk',
  'limit_ratio',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'start',
  'end',
  'inf',
  'nan',
]);

export function printMatcher(m: LabelMatcher): string {
  return `${m.name}${m.op}${quoteString(m.value)}`;
}

export function printSelector(metric: string, matchers: readonly LabelMatcher[]): string {
  const all = [...matchers];
  let name = metric;
  if (name && (KEYWORDS.has(name.toLowerCase()) || !METRIC_NAME_RE.test(name))) {
    all.unshift({ name: '__name__', op: '=', value: name });
    name = '';
  }
  return all.length > 0 || !name ? `${name}{${all.map(printMatcher).join(',')}}` : name;
}

function labelList(labels: readonly string[]): string {
  return `(${labels.join(', ')})`;
}

function grouping(g: Grouping | undefined): string {
  return g ? ` ${g.without ? 'without' : 'by'} ${labelList(g.labels)} ` : '';
}

function matching(m: VectorMatching | undefined): string {
  if (!m) {
    return '';
  }
  const group = m.group ? ` group_${m.group.side}${m.group.labels.length ? ` ${labelList(m.group.labels)}` : ''}` : '';
  return ` ${m.card} ${labelList(m.labels)}${group}`;
}

export function print(e: Expr): string {
  switch (e.type) {
    case 'vector':
      return printSelector(e.metric, e.matchers);
    case 'matrix':
      return `${print(e.selector)}[${e.range}]`;
    case 'subquery':
      return `${print(e.expr)}[${e.range}:${e.step}]`;
    case 'offset':
      return `${print(e.expr)} offset ${e.offset}`;
    case 'at':
      return `${print(e.expr)} @ ${e.at}`;
    case 'number':
      return e.text;
    case 'string':
      return quoteString(e.value);
    case 'paren':
      return `(${print(e.expr)})`;
    case 'unary': {
      const inner = print(e.expr);
      return /^[-+]/.test(inner) ? `${e.op} ${inner}` : `${e.op}${inner}`;
    }
    case 'binary':
      return `${print(e.left)} ${e.op}${e.bool ? ' bool' : ''}${matching(e.matching)} ${print(e.right)}`;
    case 'aggregate': {
      const g = grouping(e.grouping);
      return `${e.op}${g}(${e.args.map(print).join(', ')})`;
    }
    case 'call':
      return `${e.func}(${e.args.map(print).join(', ')})`;
  }
}
