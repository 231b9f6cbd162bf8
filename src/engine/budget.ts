// Occurrences budget (docs/semantics.md section 4): SLI = 1 - bad/total; consumed = (bad/total)/(1 - target); remaining = 1 - consumed.
import type { EventCounts } from './types';

export interface BudgetFigures {
  /** 1 - bad/total; null while total = 0 or without data. */
  sli: number | null;
  /** Fraction of the error budget spent; may exceed 1 (overspent). null without data. */
  consumed: number | null;
  /** 1 - consumed; may go below 0 and is never clamped. null without data. */
  remaining: number | null;
}

export const NO_DATA: BudgetFigures = { sli: null, consumed: null, remaining: null };

/**
 * Figures for the events of one window. `hasData` says whether any sample exists in the window:
 * with data but no events, nothing is spent (remaining 100%, SLI undefined); without data the
 * answer is "no data", never 100%.
 */
export function occurrencesBudget(counts: EventCounts, target: number, hasData = true): BudgetFigures {
  if (!hasData || Number.isNaN(counts.total) || Number.isNaN(counts.bad)) {
    return NO_DATA;
  }
  if (counts.total <= 0) {
    return { sli: null, consumed: 0, remaining: 1 };
  }
  const badRatio = counts.bad / counts.total;
  const consumed = badRatio / (1 - target);
  return { sli: 1 - badRatio, consumed, remaining: 1 - consumed };
}

/** Allowed bad events so far: (1 - target) x total. The gap to bad events is the budget left in events. */
export function allowedBadEvents(total: number, target: number): number {
  return (1 - target) * total;
}

/** Timeslices (docs/semantics.md section 4): remaining = 1 - badSlices / allowed, allowed = (1 - target) x slices in the whole window. */
export function timeslicesBudget(
  goodSlices: number,
  badSlices: number,
  slicesInWindow: number,
  target: number,
  hasData = true
): BudgetFigures {
  if (!hasData || slicesInWindow <= 0) {
    return NO_DATA;
  }
  const allowed = (1 - target) * slicesInWindow;
  const consumed = badSlices / allowed;
  const counted = goodSlices + badSlices;
  return { sli: counted > 0 ? goodSlices / counted : null, consumed, remaining: 1 - consumed };
}
