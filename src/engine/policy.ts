// Policy (docs/semantics.md section 5): ordered thresholds; the active level is the most severe whose condition holds (remaining below, or burn rate above); a gate passes a release when no level is active (or the level lists its reason as an exception) and the figure is known.
import type { PolicyLevel } from '../slo/types';

export function activePolicyLevel(
  levels: readonly PolicyLevel[],
  remaining: number | null,
  burnRateOver: (windowMs: number) => number | null = () => null
): PolicyLevel | null {
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    const byBudget = level.below !== undefined && remaining !== null && remaining < level.below;
    let byBurn = false;
    if (level.burnRate) {
      const rate = burnRateOver(level.burnRate.windowMs);
      byBurn = rate !== null && rate > level.burnRate.above;
    }
    if (byBudget || byBurn) {
      return level;
    }
  }
  return null;
}

/** What may stop a release at a gate (docs/gate.md). */
export type GateBlock = 'policy' | 'min-remaining' | 'unknown';

export interface GateVerdict {
  allowed: boolean;
  /** Every reason the release is blocked for this SLO (empty when allowed). */
  blockedBy: GateBlock[];
  /** The `--reason` the active level lists as an exception, when that let the release through the level. */
  exception?: string;
}

/**
 * The gate's verdict for one SLO (docs/semantics.md section 5, Policy): blocked while a policy level that blocks
 * releases is active (a level with `blocksReleases: false` only informs) unless the level lists `reason` among its
 * exceptions, blocked below `minRemaining`, and blocked when the figure is unknown
 * (no data, stale): a gate that cannot see the budget does not wave releases through. `figure` is the one the policy
 * reads (the burn-down for calendar and fixed windows).
 */
export function gateVerdict(x: {
  level: PolicyLevel | null;
  figure: number | null;
  unknown: boolean;
  minRemaining?: number;
  reason?: string;
}): GateVerdict {
  if (x.unknown || x.figure === null) {
    return { allowed: false, blockedBy: ['unknown'] };
  }
  const blockedBy: GateBlock[] = [];
  let exception: string | undefined;
  if (x.level && x.level.blocksReleases !== false) {
    if (x.reason !== undefined && (x.level.exceptions ?? []).includes(x.reason)) {
      exception = x.reason;
    } else {
      blockedBy.push('policy');
    }
  }
  if (x.minRemaining !== undefined && x.figure < x.minRemaining) {
    blockedBy.push('min-remaining');
  }
  return { allowed: blockedBy.length === 0, blockedBy, ...(exception ? { exception } : {}) };
}
