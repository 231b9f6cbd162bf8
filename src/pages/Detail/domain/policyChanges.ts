// When the policy level changed over a period (docs/semantics.md section 5, Policy): the active level
// (src/engine/policy.ts: activePolicyLevel) at each point of a budget series, and the points where it differs from
// the one before. Points without data keep the last known level: no data is never read as "back to OK". With a
// period start, the first change is at that start (the level in force from there), not at the first bucket's end.
import { activePolicyLevel } from '../../../engine';
import type { PolicyLevel } from '../../../slo/types';

export interface PolicyChange {
  /** The first point at which `level` holds. */
  at: number;
  /** The level's name; null when no level holds. */
  level: string | null;
  actions: string[];
}

/** The period's start and the figures there (remaining is 100% where a calendar or fixed period begins). */
export interface PolicyStart {
  at: number;
  remaining: number;
  burnRateOver?: (lookbackMs: number) => number | null;
}

/**
 * The level at `start` when given, else at the first point with data, then each change. `burnRateAt(i, lookbackMs)`
 * gives the burn rate at point i for levels with a burn-rate condition (null when unknown).
 */
export function policyChanges(
  time: ArrayLike<number>,
  remaining: ArrayLike<number>,
  levels: readonly PolicyLevel[],
  burnRateAt: (i: number, lookbackMs: number) => number | null = () => null,
  start?: PolicyStart
): PolicyChange[] {
  const out: PolicyChange[] = [];
  if (levels.length === 0) {
    return out;
  }
  let last: string | null | undefined;
  if (start) {
    const level = activePolicyLevel(levels, start.remaining, start.burnRateOver);
    out.push({ at: start.at, level: level?.name ?? null, actions: level?.actions ?? [] });
    last = level?.name ?? null;
  }
  for (let i = 0; i < time.length; i++) {
    const r = remaining[i];
    if (r !== r) {
      continue;
    }
    const level = activePolicyLevel(levels, r, (ms) => burnRateAt(i, ms));
    const name = level?.name ?? null;
    if (name !== last) {
      out.push({ at: time[i], level: name, actions: level?.actions ?? [] });
      last = name;
    }
  }
  return out;
}

/**
 * The policy changes of a budget series' points in (from, to], starting at `from` (the period's start) with the level in
 * force there: remaining is 100% where a period resets (docs/semantics.md section 4; the bucket ending on the boundary
 * closes the old period), else the series' point at `from` (a rolling range on the grid); burn rates from the point at
 * `from`. Without either, the table starts at the first point after `from`. `burnRateAt(i, ms)` indexes the series.
 */
export function periodPolicyChanges(
  series: { time: ArrayLike<number>; remaining: ArrayLike<number>; resets: readonly number[] },
  range: { from: number; to: number },
  levels: readonly PolicyLevel[],
  burnRateAt: (i: number, lookbackMs: number) => number | null = () => null
): PolicyChange[] {
  const idx: number[] = [];
  let atFrom = -1;
  for (let i = 0; i < series.time.length; i++) {
    const t = series.time[i];
    if (t === range.from) {
      atFrom = i;
    } else if (t > range.from && t <= range.to) {
      idx.push(i);
    }
  }
  const burnRateOver = (ms: number) => (atFrom < 0 ? null : burnRateAt(atFrom, ms));
  const r = atFrom < 0 ? NaN : series.remaining[atFrom];
  const start: PolicyStart | undefined = series.resets.includes(range.from)
    ? { at: range.from, remaining: 1, burnRateOver }
    : r === r
    ? { at: range.from, remaining: r, burnRateOver }
    : undefined;
  return policyChanges(
    idx.map((i) => series.time[i]),
    idx.map((i) => series.remaining[i]),
    levels,
    (k, ms) => burnRateAt(idx[k], ms),
    start
  );
}
