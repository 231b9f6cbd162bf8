// `mode`: how an SLO's figures are read (docs/recorded-mode.md): raw counters (default), the recorded tiles written by
// `burndown rules`, or auto. Recorded tiles count events, so only event indicators budgeted in occurrences have them.

import type { SloDocumentSlo } from '../document';
import { type Fields, joinPath, keysOfUnion, type ReadContext, readEnum, report } from '../read';
import type { BudgetingMethod, Indicator, QueryMode } from '../types';

export const QUERY_MODES = keysOfUnion<QueryMode>({ raw: true, recorded: true, auto: true });

/** `mode`, raw when absent; recorded and auto need a ratio or latency indicator budgeted in occurrences. */
export function validateMode(
  ctx: ReadContext,
  f: Fields<keyof SloDocumentSlo & string>,
  path: string,
  kind: Indicator['kind'] | undefined,
  method: BudgetingMethod | undefined
): QueryMode | undefined {
  if (!f.mode) {
    return 'raw';
  }
  const modePath = joinPath(path, 'mode');
  const mode = readEnum(ctx, f.mode.value, modePath, QUERY_MODES, 'mode');
  if (mode !== undefined && mode !== 'raw') {
    if (kind === 'threshold' || kind === 'composite') {
      report(ctx, f.mode.value.pos, modePath, `mode ${mode} needs a ratio or latency indicator, not ${kind}`);
    } else if (method === 'timeslices') {
      report(
        ctx,
        f.mode.value.pos,
        modePath,
        `mode ${mode} needs budgetingMethod: occurrences (tiles count events, not slices)`
      );
    }
  }
  return mode;
}
