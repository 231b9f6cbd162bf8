// Composite SLO (DESIGN.md section 4): remaining = sum(w_k x remaining_k) / sum(w_k), over the components that have data.

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
