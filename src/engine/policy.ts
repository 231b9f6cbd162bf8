// Policy (docs/semantics.md section 5): ordered thresholds; the active level is the most severe whose condition holds (remaining below, or burn rate above).
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
