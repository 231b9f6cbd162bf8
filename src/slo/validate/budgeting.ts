// How the budget is counted: budgetingMethod (occurrences or timeslices), the timeslice block, and exclusions
// (docs/semantics.md sections 4 and 10).

import type { ExclusionDocument, SloDocumentSlo, TimesliceDocument } from '../document';
import {
  type Fields,
  itemPath,
  joinPath,
  keysOf,
  keysOfUnion,
  type ReadContext,
  readDuration,
  readEnum,
  readFields,
  readFraction,
  readInterval,
  readList,
  readString,
  report,
  requireField,
  type ValueNode,
} from '../read';
import type { BudgetingMethod, Exclusion, Indicator, NoDataPolicy, TimesliceSpec } from '../types';

const TIMESLICE_FIELDS = keysOf<TimesliceDocument>({ length: true, target: true, noData: true });
const EXCLUSION_FIELDS = keysOf<ExclusionDocument>({ from: true, to: true, reason: true });

export const BUDGETING_METHODS = keysOfUnion<BudgetingMethod>({ occurrences: true, timeslices: true });
export const NO_DATA_POLICIES = keysOfUnion<NoDataPolicy>({ good: true, bad: true, ignore: true });

/** `budgetingMethod`, occurrences when absent. */
export function validateBudgetingMethod(
  ctx: ReadContext,
  f: Fields<keyof SloDocumentSlo & string>,
  path: string
): BudgetingMethod | undefined {
  return f.budgetingMethod
    ? readEnum(ctx, f.budgetingMethod.value, joinPath(path, 'budgetingMethod'), BUDGETING_METHODS, 'budgeting method')
    : 'occurrences';
}

/**
 * The timeslice block and how it fits the method and the indicator: timeslices need it (with a target, except for
 * threshold indicators, whose op and value judge each slice: target 1); occurrences forbid it; threshold indicators
 * need timeslices; composites have no slices of their own.
 */
export function validateTimeslice(
  ctx: ReadContext,
  f: Fields<keyof SloDocumentSlo & string>,
  path: string,
  method: BudgetingMethod | undefined,
  indicator: Indicator | undefined
): TimesliceSpec | undefined {
  const slicePath = joinPath(path, 'timeslice');
  if (indicator?.kind === 'threshold' && method === 'occurrences' && f.indicator) {
    report(
      ctx,
      f.budgetingMethod?.value.pos ?? f.indicator.keyPos,
      joinPath(path, 'budgetingMethod'),
      'threshold indicators are judged per time slice: set budgetingMethod: timeslices and a timeslice block'
    );
  }
  if (indicator?.kind === 'composite' && method === 'timeslices' && f.budgetingMethod) {
    report(
      ctx,
      f.budgetingMethod.value.pos,
      joinPath(path, 'budgetingMethod'),
      "composite SLOs combine their components' budgets and have no slices of their own: remove budgetingMethod"
    );
    return undefined;
  }
  if (method !== 'timeslices') {
    if (f.timeslice && method) {
      report(ctx, f.timeslice.keyPos, slicePath, 'timeslice is only used with budgetingMethod: timeslices');
    }
    return undefined;
  }
  if (!f.timeslice) {
    report(
      ctx,
      f.budgetingMethod!.value.pos,
      slicePath,
      'budgetingMethod: timeslices needs a timeslice block, e.g. {length: 5m, target: 99%}'
    );
    return undefined;
  }
  const value = f.timeslice.value;
  const tf = readFields(ctx, value, slicePath, TIMESLICE_FIELDS, 'a mapping with length, target and noData');
  if (!tf) {
    return undefined;
  }
  const l = requireField(ctx, tf, 'length', value, slicePath);
  const lengthMs = l && readDuration(ctx, l.value, joinPath(slicePath, 'length'));
  let target: number | undefined = 1;
  if (indicator?.kind === 'threshold') {
    if (tf.target) {
      report(
        ctx,
        tf.target.keyPos,
        joinPath(slicePath, 'target'),
        'not used by threshold indicators: their op and value decide each slice'
      );
      target = undefined;
    }
  } else {
    const t = indicator ? requireField(ctx, tf, 'target', value, slicePath) : tf.target;
    target =
      t && readFraction(ctx, t.value, joinPath(slicePath, 'target'), { min: 0, max: 1, minOpen: true, maxOpen: false });
  }
  const noData: NoDataPolicy | undefined = tf.noData
    ? readEnum(ctx, tf.noData.value, joinPath(slicePath, 'noData'), NO_DATA_POLICIES, 'no-data policy')
    : 'good';
  return lengthMs !== undefined && target !== undefined && noData !== undefined
    ? { lengthMs, target, noData }
    : undefined;
}

/** A list of `{from, to, reason}` with from < to. */
export function validateExclusions(ctx: ReadContext, node: ValueNode, path: string): Exclusion[] | undefined {
  const items = readList(ctx, node, path, 'a list of {from, to, reason}');
  if (!items) {
    return undefined;
  }
  const before = ctx.errors.length;
  const out = items.map((item, i) => {
    const p = itemPath(path, i);
    const f = readFields(ctx, item, p, EXCLUSION_FIELDS, 'a mapping with from, to and reason');
    if (!f) {
      return undefined;
    }
    const range = readInterval(ctx, f, item, p);
    const r = requireField(ctx, f, 'reason', item, p);
    const reason = r && readString(ctx, r.value, joinPath(p, 'reason'), true);
    return range && reason !== undefined ? { ...range, reason } : undefined;
  });
  return ctx.errors.length > before ? undefined : (out as Exclusion[]);
}
