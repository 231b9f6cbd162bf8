// What an SLO measures: ratio (bad or good over total), latency (histogram under a threshold), threshold (a
// gauge compared per time slice) or composite (other SLOs of the file, weighted) (docs/semantics.md sections 1 and 10).

import type {
  CompositeComponentDocument,
  CompositeDocument,
  IndicatorDocument,
  LatencyDocument,
  RatioDocument,
  ThresholdDocument,
} from '../document';
import { checkSloQuery, type SloQueryRole } from '../../promql';
import {
  describeValue,
  exactlyOne,
  itemPath,
  joinPath,
  keysOf,
  keysOfUnion,
  type ReadContext,
  readEnum,
  readFields,
  readList,
  readNumber,
  readString,
  report,
  requireField,
  type ValueNode,
} from '../read';
import type { ComparisonOp, CompositeIndicator, Indicator } from '../types';
import type { ValidateContext } from './context';

const INDICATOR_FIELDS = keysOf<IndicatorDocument>({ ratio: true, latency: true, threshold: true, composite: true });
const RATIO_FIELDS = keysOf<RatioDocument>({ bad: true, good: true, total: true });
const LATENCY_FIELDS = keysOf<LatencyDocument>({ histogram: true, threshold: true });
const THRESHOLD_FIELDS = keysOf<ThresholdDocument>({ expr: true, op: true, value: true });
const COMPOSITE_FIELDS = keysOf<CompositeDocument>({ components: true });
const COMPONENT_FIELDS = keysOf<CompositeComponentDocument>({ slo: true, weight: true });

export const COMPARISON_OPS = keysOfUnion<ComparisonOp>({
  '<': true,
  '<=': true,
  '>': true,
  '>=': true,
  '==': true,
  '!=': true,
});

const HISTOGRAM_SELECTOR_RE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[\s\S]*\})?\s*$/;

/** Exactly one indicator kind. `owner` is the SLO's index in the file, for composite references. */
export function validateIndicator(
  ctx: ValidateContext,
  node: ValueNode,
  path: string,
  owner: number
): Indicator | undefined {
  const f = readFields(ctx, node, path, INDICATOR_FIELDS, 'a mapping with one of ratio, latency, threshold, composite');
  const kind = f && exactlyOne(ctx, f, node, path, INDICATOR_FIELDS, 'an indicator');
  if (!f || !kind) {
    return undefined;
  }
  const entry = f[kind]!;
  const p = joinPath(path, kind);
  switch (kind) {
    case 'ratio':
      return validateRatio(ctx, entry.value, p);
    case 'latency':
      return validateLatency(ctx, entry.value, p);
    case 'threshold':
      return validateThreshold(ctx, entry.value, p);
    case 'composite':
      return validateComposite(ctx, entry.value, p, owner);
  }
}

function validateRatio(ctx: ValidateContext, node: ValueNode, path: string): Indicator | undefined {
  const f = readFields(ctx, node, path, RATIO_FIELDS, 'a mapping with bad or good, and total');
  if (!f) {
    return undefined;
  }
  const before = ctx.errors.length;
  if (f.bad && f.good) {
    report(ctx, f.good.keyPos, joinPath(path, 'good'), 'give either bad or good events, not both');
  } else if (!f.bad && !f.good) {
    report(ctx, node.pos, joinPath(path, 'bad'), 'a ratio needs bad or good events, plus total');
  }
  const total = requireField(ctx, f, 'total', node, path);
  const bad = f.bad && checkPromqlField(ctx, f.bad.value, joinPath(path, 'bad'), 'counter');
  const good = f.good && checkPromqlField(ctx, f.good.value, joinPath(path, 'good'), 'counter');
  const totalExpr = total && checkPromqlField(ctx, total.value, joinPath(path, 'total'), 'counter');
  if (ctx.errors.length > before) {
    return undefined;
  }
  return bad !== undefined
    ? { kind: 'ratio', bad, total: totalExpr! }
    : { kind: 'ratio', good: good!, total: totalExpr! };
}

function validateLatency(ctx: ValidateContext, node: ValueNode, path: string): Indicator | undefined {
  const f = readFields(ctx, node, path, LATENCY_FIELDS, 'a mapping with histogram and threshold');
  if (!f) {
    return undefined;
  }
  const h = requireField(ctx, f, 'histogram', node, path);
  const t = requireField(ctx, f, 'threshold', node, path);
  let histogram = h && checkPromqlField(ctx, h.value, joinPath(path, 'histogram'), 'histogram');
  if (h && histogram !== undefined) {
    const m = HISTOGRAM_SELECTOR_RE.exec(histogram);
    if (!m) {
      report(
        ctx,
        h.value.pos,
        joinPath(path, 'histogram'),
        'expected a histogram selector such as http_request_duration_seconds{job="checkout"}'
      );
      histogram = undefined;
    } else if (/_(bucket|count|sum)$/.test(m[1])) {
      const base = m[1].replace(/_(bucket|count|sum)$/, '');
      report(
        ctx,
        h.value.pos,
        joinPath(path, 'histogram'),
        `give the histogram's base name ("${base}"): _bucket and _count are added`
      );
      histogram = undefined;
    }
  }
  let threshold: number | undefined;
  if (t) {
    const value = t.value;
    if (value.kind !== 'scalar' || typeof value.value !== 'number' || !Number.isFinite(value.value)) {
      report(
        ctx,
        value.pos,
        joinPath(path, 'threshold'),
        `expected a number of seconds (a histogram le bound such as 0.25), got ${describeValue(value)}`
      );
    } else if (value.value <= 0) {
      report(ctx, value.pos, joinPath(path, 'threshold'), `must be greater than 0, got ${value.value}`);
    } else {
      threshold = value.value;
    }
  }
  return histogram !== undefined && threshold !== undefined ? { kind: 'latency', histogram, threshold } : undefined;
}

function validateThreshold(ctx: ValidateContext, node: ValueNode, path: string): Indicator | undefined {
  const f = readFields(ctx, node, path, THRESHOLD_FIELDS, 'a mapping with expr, op and value');
  if (!f) {
    return undefined;
  }
  const e = requireField(ctx, f, 'expr', node, path);
  const o = requireField(ctx, f, 'op', node, path);
  const v = requireField(ctx, f, 'value', node, path);
  const expr = e && checkPromqlField(ctx, e.value, joinPath(path, 'expr'), 'gauge');
  const op = o && readEnum(ctx, o.value, joinPath(path, 'op'), COMPARISON_OPS, 'comparison');
  const value = v && readNumber(ctx, v.value, joinPath(path, 'value'));
  return expr !== undefined && op !== undefined && value !== undefined
    ? { kind: 'threshold', expr, op, value }
    : undefined;
}

/** Components are checked here one by one; whether their ids exist is checked once the whole file is read (references.ts). */
function validateComposite(
  ctx: ValidateContext,
  node: ValueNode,
  path: string,
  owner: number
): CompositeIndicator | undefined {
  const f = readFields(ctx, node, path, COMPOSITE_FIELDS, 'a mapping with components');
  const c = f && requireField(ctx, f, 'components', node, path);
  const items = c && readList(ctx, c.value, joinPath(path, 'components'), 'a list of {slo, weight}');
  if (!c || !items) {
    return undefined;
  }
  if (items.length === 0) {
    report(ctx, c.value.pos, joinPath(path, 'components'), 'a composite needs at least one component');
    return undefined;
  }
  const before = ctx.errors.length;
  const seen = new Set<string>();
  const components = items.map((item, i) => {
    const p = itemPath(`${path}.components`, i);
    const cf = readFields(ctx, item, p, COMPONENT_FIELDS, 'a mapping with slo and weight');
    const s = cf && requireField(ctx, cf, 'slo', item, p);
    const slo = s && readString(ctx, s.value, joinPath(p, 'slo'), true);
    if (s && slo !== undefined) {
      if (seen.has(slo)) {
        report(ctx, s.value.pos, joinPath(p, 'slo'), `"${slo}" is already a component of this composite`);
      }
      seen.add(slo);
      ctx.compositeRefs.push({ owner, slo, pos: s.value.pos, path: joinPath(p, 'slo') });
    }
    let weight: number | undefined = 1;
    if (cf?.weight) {
      weight = readNumber(ctx, cf.weight.value, joinPath(p, 'weight'));
      if (weight !== undefined && weight <= 0) {
        report(ctx, cf.weight.value.pos, joinPath(p, 'weight'), `must be greater than 0, got ${weight}`);
      }
    }
    return { slo: slo!, weight: weight! };
  });
  return ctx.errors.length > before ? undefined : { kind: 'composite', components };
}

/**
 * A PromQL field: reports, inside the expression, whatever stops Burndown from evaluating it in this role (src/promql),
 * with the problem's position inside the expression when the source holds the string verbatim. The one place where
 * validation checks PromQL.
 */
export function checkPromqlField(
  ctx: ReadContext,
  node: ValueNode,
  path: string,
  role: SloQueryRole
): string | undefined {
  const expr = readString(ctx, node, path);
  if (expr === undefined || node.kind !== 'scalar') {
    return undefined;
  }
  const { problems } = checkSloQuery(expr, role);
  for (const problem of problems) {
    const index = Math.min(problem.from, Math.max(0, expr.length - 1));
    report(ctx, node.charPos && expr.trim() !== '' ? node.charPos(index) : node.pos, path, problem.message);
  }
  return problems.length > 0 ? undefined : expr;
}
