// Composite SLO (docs/semantics.md section 4): remaining = sum(w_k x remaining_k) / sum(w_k), over the components that
// have data; a grouped component counts as the mean of its groups' remaining (groups without data left out); time to
// exhaustion: exhausted when remaining <= 0, otherwise not burning (a composite has no burn rate of its own).
import type { Exhaustion } from './exhaustion';

export interface CompositePart {
  weight: number;
  remaining: number | null;
}

/** `partial` is true when some component has no data; with none, the composite has no data. */
export function compositeRemaining(parts: readonly CompositePart[]): { remaining: number | null; partial: boolean } {
  let weighted = 0;
  let weights = 0;
  let missing = 0;
  for (const p of parts) {
    if (p.remaining === null || Number.isNaN(p.remaining)) {
      missing++;
      continue;
    }
    weighted += p.weight * p.remaining;
    weights += p.weight;
  }
  return { remaining: weights > 0 ? weighted / weights : null, partial: missing > 0 };
}

/** A grouped component's remaining: the mean over its groups that have data; null when none has. */
export function groupMeanRemaining(remaining: ReadonlyArray<number | null>): number | null {
  let sum = 0;
  let n = 0;
  for (const r of remaining) {
    if (r !== null) {
      sum += r;
      n++;
    }
  }
  return n > 0 ? sum / n : null;
}

export function compositeExhaustion(remaining: number | null): Exhaustion {
  if (remaining === null) {
    return { state: 'unknown', inMs: null };
  }
  return remaining <= 0 ? { state: 'exhausted', inMs: 0 } : { state: 'not-burning', inMs: null };
}
