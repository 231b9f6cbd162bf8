// Exclusions (docs/semantics.md section 4): buckets that intersect an exclusion interval are removed from bad, total and slice counts.
import type { Exclusion } from '../slo/types';
import type { TimeRange } from './windows';

/** Grid description shared by buckets and slices. */
export interface Grid {
  firstEnd: number;
  step: number;
}

/** 1 where grid cell i, (end - step, end], overlaps some exclusion [from, to) by a positive length. */
export function exclusionMask(b: Grid, n: number, exclusions: readonly Exclusion[]): Uint8Array {
  const mask = new Uint8Array(n);
  for (const ex of exclusions) {
    if (!(ex.to > ex.from)) {
      // An empty interval overlaps nothing (excludedIntervals drops it too).
      continue;
    }
    // bucket i overlaps when end_i - step < ex.to and end_i > ex.from
    const first = Math.max(0, Math.floor((ex.from - b.firstEnd) / b.step) + 1);
    const last = Math.min(n - 1, Math.ceil((ex.to + b.step - b.firstEnd) / b.step) - 1);
    for (let i = first; i <= last; i++) {
      const end = b.firstEnd + i * b.step;
      if (end - b.step < ex.to && end > ex.from) {
        mask[i] = 1;
      }
    }
  }
  return mask;
}

/** The parts of `range` = (start, end] covered by exclusions, merged and clipped, ascending. */
export function excludedIntervals(range: TimeRange, exclusions: readonly Exclusion[]): TimeRange[] {
  const clipped = exclusions
    .map((e) => ({ start: Math.max(e.from, range.start), end: Math.min(e.to, range.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: TimeRange[] = [];
  for (const r of clipped) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) {
      last.end = Math.max(last.end, r.end);
    } else {
      merged.push({ ...r });
    }
  }
  return merged;
}
