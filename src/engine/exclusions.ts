// Exclusions (docs/semantics.md section 4): buckets that intersect an exclusion interval are removed from bad, total and slice counts;
// exact counts are count(start, end] - sum of count(excluded piece), where a range ending inside an exclusion stops at its start.
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

/**
 * What exact counts of `range` are made of (docs/semantics.md section 4, "Exclusions"): the counted range and the
 * excluded intervals to subtract. When the range ends inside an excluded interval (or at its end), the range stops
 * at that interval's start: count(start, from] is read directly instead of count(start, t] - count(from, t], two
 * extrapolated estimates whose unobserved seconds do not cancel. The counted range may then be empty.
 */
export function countedPieces(
  range: TimeRange,
  exclusions: readonly Exclusion[]
): { range: TimeRange; excluded: TimeRange[] } {
  const excluded = excludedIntervals(range, exclusions);
  const last = excluded[excluded.length - 1];
  if (last && last.end === range.end) {
    return { range: { start: range.start, end: last.start }, excluded: excluded.slice(0, -1) };
  }
  return { range, excluded };
}
