// PromQL text -> typed syntax tree (ast.ts), on the grammar Prometheus' own UI uses (@prometheus-io/lezer-promql).
// Syntax problems come back positioned, phrased like Prometheus' parser ("unexpected ...", "unclosed left brace").
// Constructs newer than Prometheus 2.42 (quoted label names, duration arithmetic, fill modifiers, ...) are refused.

import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import type { BinaryOp, Expr, MatchOp, PositionedMatcher, Span, VectorMatching } from './ast';
import { loneSurrogateIndex, unquoteString } from './strings';

export interface PromqlProblem extends Span {
  message: string;
}

export type Parsed = { expr: Expr; problems: [] } | { expr?: undefined; problems: PromqlProblem[] };

const NUMBER_RE =
  /^[+-]?(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[iI][nN][fF]|[nN][aA][nN])$/;
const DURATION_RE = /^(?:[0-9]+(?:ms|[smhdwy]))+$/;

const BINARY_OPS: Record<string, BinaryOp> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Pow: '^',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
  Atan2: 'atan2',
};

const MATCH_OPS: Record<string, MatchOp> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

class Refusal extends Error {
  constructor(readonly span: Span, message: string) {
    super(message);
  }
}

/** Parses one expression. Comments (`# ...` to the end of the line) are allowed and dropped from the tree. */
export function parsePromql(text: string): Parsed {
  const surrogate = loneSurrogateIndex(text);
  if (surrogate >= 0) {
    return fail(surrogate, surrogate + 1, 'invalid UTF-8 (a lone surrogate) in the expression');
  }
  if (text.replace(/#[^\n]*/g, '').trim() === '') {
    return fail(0, text.length, 'empty PromQL expression');
  }
  const tree = parser.parse(text);
  const syntax = firstSyntaxError(text, tree.topNode);
  if (syntax) {
    return { problems: [syntax] };
  }
  const top = kids(tree.topNode);
  try {
    return { expr: new Converter(text).expr(top[0]), problems: [] };
  } catch (e) {
    if (e instanceof Refusal) {
      return fail(e.span.from, e.span.to, e.message);
    }
    throw e;
  }
}

function fail(from: number, to: number, message: string): Parsed {
  return { problems: [{ from, to, message }] };
}

/** Children that carry meaning: comments skipped. */
function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'LineComment') {
      out.push(c);
    }
  }
  return out;
}

function firstSyntaxError(text: string, top: SyntaxNode): PromqlProblem | undefined {
  let found: SyntaxNode | undefined;
  const cursor = top.cursor();
  do {
    if (cursor.name === 'StringLiteral') {
      const r = unquoteString(text.slice(cursor.from, cursor.to));
      if ('error' in r && r.error === 'unterminated quoted string') {
        return { from: cursor.from, to: cursor.to, message: r.error };
      }
    }
    if (cursor.type.isError && !found) {
      found = cursor.node;
    }
  } while (cursor.next());
  if (!found) {
    return undefined;
  }
  const from = found.from;
  let to = Math.max(found.to, from);
  const rest = text.slice(from);
  const token = /^\s*/.exec(rest)![0].length;
  const at = from + token;
  if (
    text
      .slice(at)
      .replace(/#[^\n]*/g, '')
      .trim() === ''
  ) {
    const unclosed = unclosedAt(text, found);
    return unclosed
      ? { from: unclosed.from, to: text.length, message: unclosed.message }
      : { from: Math.max(0, text.length - 1), to: text.length, message: 'unexpected end of input' };
  }
  const c = text[at];
  const word = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(text.slice(at))?.[0];
  to = Math.max(to, at + 1);
  const before = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*$/.exec(text.slice(0, at))?.[1];
  if (c === '(' && before) {
    return { from: at - before.length, to: at + 1, message: `unknown function with name "${before}"` };
  }
  if (word) {
    return { from: at, to: at + word.length, message: `unexpected identifier "${word}"` };
  }
  const named: Record<string, string> = {
    ')': "unexpected right parenthesis ')'",
    '}': "unexpected right brace '}'",
    ']': "unexpected right bracket ']'",
    '(': "unexpected left parenthesis '('",
    '{': "unexpected left brace '{'",
    '[': "unexpected left bracket '['",
    ',': 'unexpected ","',
  };
  if (named[c]) {
    return { from: at, to: at + 1, message: named[c] };
  }
  if (c === '"' || c === "'" || c === '`') {
    return { from: at, to: at + 1, message: 'unexpected string' };
  }
  if (/[0-9.]/.test(c)) {
    return { from: at, to: at + 1, message: 'unexpected number' };
  }
  return { from: at, to: at + 1, message: `unexpected character: ${JSON.stringify(c)}` };
}

/** "unclosed left brace" and friends, at the opening bracket, from the node an end-of-input error sits in. */
function unclosedAt(text: string, node: SyntaxNode): { from: number; message: string } | undefined {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    switch (n.name) {
      case 'LabelMatchers':
        return { from: n.from, message: 'unclosed left brace' };
      case 'FunctionCallBody':
      case 'ParenExpr':
      case 'GroupingLabels':
        return { from: n.from, message: 'unclosed left parenthesis' };
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return {
          from: Math.max(n.from, text.indexOf('[', n.firstChild?.to ?? n.from)),
          message: 'unclosed left bracket',
        };
    }
  }
  return undefined;
}

/**
 * Applies a postfix modifier ([range], [range:step], offset, @) ending at `to` to the rightmost operand of `inner`:
 * `a - b offset 1h` is `a - (b offset 1h)` in Prometheus.
 */
function postfix(inner: Expr, to: number, wrap: (x: { from: number; to: number; inner: Expr }) => Expr): Expr {
  if (inner.type === 'binary') {
    return { ...inner, to, right: postfix(inner.right, to, wrap) };
  }
  if (inner.type === 'unary') {
    return { ...inner, to, expr: postfix(inner.expr, to, wrap) };
  }
  return stripInner(wrap({ from: inner.from, to, inner }));
}

function stripInner(e: Expr): Expr {
  delete (e as { inner?: Expr }).inner;
  return e;
}

class Converter {
  constructor(private readonly text: string) {}

  private src(n: Span): string {
    return this.text.slice(n.from, n.to);
  }

  private refuse(n: Span, message: string): never {
    throw new Refusal({ from: n.from, to: n.to }, message);
  }

  expr(n: SyntaxNode): Expr {
    const span = { from: n.from, to: n.to };
    const k = kids(n);
    switch (n.name) {
      case 'VectorSelector':
        return this.vectorSelector(n, k);
      // lezer hangs these postfix modifiers on a whole `a - b`; Prometheus binds them to the operand before them
      case 'MatrixSelector':
        return postfix(this.expr(k[0]), n.to, (x) => ({
          ...x,
          type: 'matrix',
          selector: x.inner,
          range: this.duration(k[1]),
        }));
      case 'SubqueryExpr': {
        const range = this.duration(k[1]);
        const step = k[2] ? this.duration(k[2]) : '';
        return postfix(this.expr(k[0]), n.to, (x) => ({ ...x, type: 'subquery', expr: x.inner, range, step }));
      }
      case 'OffsetExpr': {
        const offset = this.offset(k[2]);
        const keyword = { from: k[1].from, to: k[1].to };
        return postfix(this.expr(k[0]), n.to, (x) => ({ ...x, type: 'offset', expr: x.inner, offset, keyword }));
      }
      case 'StepInvariantExpr': {
        const at = this.at(k[2]);
        const keyword = { from: k[1].from, to: k[1].to };
        return postfix(this.expr(k[0]), n.to, (x) => ({ ...x, type: 'at', expr: x.inner, at, keyword }));
      }
      case 'NumberDurationLiteral': {
        const text = this.src(n);
        if (!NUMBER_RE.test(text)) {
          this.refuse(n, `durations as numbers (${text}) need a newer Prometheus; write the number of seconds`);
        }
        return { ...span, type: 'number', text };
      }
      case 'StringLiteral':
        return { ...span, type: 'string', value: this.string(n) };
      case 'ParenExpr':
        return { ...span, type: 'paren', expr: this.expr(k[0]) };
      case 'UnaryExpr':
        return { ...span, type: 'unary', op: this.src(k[0]) === '-' ? '-' : '+', expr: this.expr(k[1]) };
      case 'BinaryExpr':
        return this.binary(n, k);
      case 'AggregateExpr':
        return this.aggregate(n, k);
      case 'FunctionCall':
        return { ...span, type: 'call', func: this.src(k[0]), args: this.args(k[1]) };
      default:
        return this.refuse(n, `unsupported PromQL construct ${JSON.stringify(this.src(n))}`);
    }
  }

  private vectorSelector(n: SyntaxNode, k: SyntaxNode[]): Expr {
    let metric = '';
    const matchers: PositionedMatcher[] = [];
    for (const c of k) {
      if (c.name === 'Identifier') {
        metric = this.src(c);
      } else if (c.name === 'LabelMatchers') {
        for (const m of kids(c)) {
          if (m.name !== 'UnquotedLabelMatcher') {
            this.refuse(m, 'quoted label and metric names need Prometheus 3; write name="value"');
          }
          const [name, op, value] = kids(m);
          matchers.push({
            from: m.from,
            to: m.to,
            name: this.src(name),
            op: MATCH_OPS[op.firstChild!.name],
            value: this.string(value),
          });
        }
      }
    }
    return { from: n.from, to: n.to, type: 'vector', metric, matchers };
  }

  private string(n: SyntaxNode): string {
    const r = unquoteString(this.src(n));
    if ('error' in r) {
      this.refuse({ from: n.from + r.at, to: r.at === 0 ? n.to : n.from + r.at + 2 }, r.error);
    }
    return r.value;
  }

  private duration(n: SyntaxNode): string {
    const text = this.src(n);
    if (!DURATION_RE.test(text)) {
      this.refuse(n, `expected a duration such as 5m or 1h30m, got ${JSON.stringify(text)}`);
    }
    if (!/[1-9]/.test(text)) {
      this.refuse(n, 'duration must be greater than 0');
    }
    return text;
  }

  private offset(n: SyntaxNode): string {
    const text = this.src(n).replace(/\s+/g, '');
    if (!/^-?/.test(text) || !DURATION_RE.test(text.replace(/^-/, ''))) {
      this.refuse(n, `expected an offset duration such as 5m or -1h, got ${JSON.stringify(this.src(n))}`);
    }
    return text;
  }

  private at(n: SyntaxNode): string {
    if (n.name === 'AtModifierPreprocessors') {
      return this.src(n) + '()';
    }
    const text = this.src(n);
    if (!NUMBER_RE.test(text)) {
      this.refuse(n, `expected a Unix timestamp after @, got ${JSON.stringify(text)}`);
    }
    return text;
  }

  private args(body: SyntaxNode): Expr[] {
    return kids(body).map((a) => this.expr(a));
  }

  private binary(n: SyntaxNode, k: SyntaxNode[]): Expr {
    const left = this.expr(k[0]);
    const right = this.expr(k[k.length - 1]);
    const opNode = k[1];
    const op = BINARY_OPS[opNode.name];
    if (!op) {
      this.refuse(opNode, `unsupported operator ${JSON.stringify(this.src(opNode))}`);
    }
    let bool = false;
    let matching: VectorMatching | undefined;
    for (const m of k.slice(2, -1)) {
      if (m.name === 'BoolModifier') {
        bool = true;
      } else if (m.name === 'MatchingModifierClause') {
        matching = this.matching(m);
      } else {
        this.refuse(m, `unsupported modifier ${JSON.stringify(this.src(m))}`);
      }
    }
    return { from: n.from, to: n.to, type: 'binary', op, opSpan: opNode, bool, matching, left, right };
  }

  private matching(n: SyntaxNode): VectorMatching {
    const k = kids(n);
    const out: VectorMatching = { card: k[0].name === 'On' ? 'on' : 'ignoring', labels: this.labels(k[1]) };
    if (k[2]) {
      out.group = { side: k[2].name === 'GroupLeft' ? 'left' : 'right', labels: k[3] ? this.labels(k[3]) : [] };
    }
    return out;
  }

  private labels(n: SyntaxNode | undefined): string[] {
    if (!n) {
      return [];
    }
    return kids(n).map((l) =>
      l.name === 'LabelName' ? this.src(l) : this.refuse(l, 'quoted label names need Prometheus 3; write the bare name')
    );
  }

  private aggregate(n: SyntaxNode, k: SyntaxNode[]): Expr {
    const op = this.src(k[0]).toLowerCase();
    const modifier = k.find((c) => c.name === 'AggregateModifier');
    const body = k.find((c) => c.name === 'FunctionCallBody')!;
    const grouping = modifier
      ? { without: kids(modifier)[0].name === 'Without', labels: this.labels(kids(modifier)[1]) }
      : undefined;
    return { from: n.from, to: n.to, type: 'aggregate', op, grouping, args: this.args(body) };
  }
}
