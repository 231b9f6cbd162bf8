// When the policy level changed over a period (docs/semantics.md section 5, Policy): the active level
// (src/engine/policy.ts: activePolicyLevel) at each point of a budget series, and the points where it differs from
// the one before. Points without data keep the last known level: no data is never read as "back to OK".
import { activePolicyLevel } from '../../../engine';
import type { PolicyLevel } from '../../../slo/types';

export interface PolicyChange {
  /** The first point at which `level` holds. */
  at: number;
  /** The level's name; null when no level holds. */
  level: string | null;
  actions: string[];
}

/**
 * The level at the first point with data, then each change. `burnRateAt(i, lookbackMs)` gives the burn rate at point i
 * for levels with a burn-rate condition (null when unknown).
 */
export function policyChanges(
  time: ArrayLike<number>,
  remaining: ArrayLike<number>,
  levels: readonly PolicyLevel[],
  burnRateAt: (i: number, lookbackMs: number) => number | null = () => null
): PolicyChange[] {
  const out: PolicyChange[] = [];
  if (levels.length === 0) {
    return out;
  }
  let last: string | null | undefined;
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
