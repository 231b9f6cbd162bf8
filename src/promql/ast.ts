// The PromQL syntax tree Burndown works on: a typed view of the lezer-promql tree, comments dropped, every node with its
// character range in the source text (from inclusive, to exclusive) so problems can point inside the expression.

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  /** Unescaped value. */
  value: string;
}

export interface Span {
  from: number;
  to: number;
}

export interface PositionedMatcher extends LabelMatcher, Span {}

export type ValueType = 'vector' | 'scalar' | 'matrix' | 'string';

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | '=='
  | '!='
  | '>'
  | '<'
  | '>='
  | '<='
  | 'and'
  | 'or'
  | 'unless'
  | 'atan2';

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

export interface VectorMatching {
  card: 'on' | 'ignoring';
  labels: string[];
  group?: { side: 'left' | 'right'; labels: string[] };
}

export interface Grouping {
  without: boolean;
  labels: string[];
}

export type Expr =
  | (Span & { type: 'vector'; metric: string; matchers: PositionedMatcher[] })
  | (Span & { type: 'matrix'; selector: Expr; range: string })
  | (Span & { type: 'subquery'; expr: Expr; range: string; step: string })
  | (Span & { type: 'offset'; expr: Expr; offset: string; keyword: Span })
  | (Span & { type: 'at'; expr: Expr; at: string; keyword: Span })
  | (Span & { type: 'number'; text: string })
  | (Span & { type: 'string'; value: string })
  | (Span & { type: 'paren'; expr: Expr })
  | (Span & { type: 'unary'; op: '-' | '+'; expr: Expr })
  | (Span & {
      type: 'binary';
      op: BinaryOp;
      opSpan: Span;
      bool: boolean;
      matching?: VectorMatching;
      left: Expr;
      right: Expr;
    })
  | (Span & { type: 'aggregate'; op: string; grouping?: Grouping; args: Expr[] })
  | (Span & { type: 'call'; func: string; args: Expr[] });

export type VectorSelectorNode = Extract<Expr, { type: 'vector' }>;

/** The direct sub-expressions of a node, in source order. */
export function children(e: Expr): Expr[] {
  switch (e.type) {
    case 'vector':
    case 'number':
    case 'string':
      return [];
    case 'matrix':
      return [e.selector];
    case 'subquery':
    case 'offset':
    case 'at':
    case 'paren':
    case 'unary':
      return [e.expr];
    case 'binary':
      return [e.left, e.right];
    case 'aggregate':
    case 'call':
      return e.args;
  }
}

/** Rebuilds the tree bottom-up, replacing each node with `fn(node with rebuilt children)`. */
export function transform(e: Expr, fn: (e: Expr) => Expr): Expr {
  switch (e.type) {
    case 'vector':
    case 'number':
    case 'string':
      return fn(e);
    case 'matrix':
      return fn({ ...e, selector: transform(e.selector, fn) });
    case 'subquery':
    case 'offset':
    case 'at':
    case 'paren':
    case 'unary':
      return fn({ ...e, expr: transform(e.expr, fn) } as Expr);
    case 'binary':
      return fn({ ...e, left: transform(e.left, fn), right: transform(e.right, fn) });
    case 'aggregate':
    case 'call':
      return fn({ ...e, args: e.args.map((a) => transform(a, fn)) });
  }
}

/** Every node, parents before children. */
export function* walk(e: Expr): Generator<Expr> {
  yield e;
  for (const c of children(e)) {
    yield* walk(c);
  }
}
