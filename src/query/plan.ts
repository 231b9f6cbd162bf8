// Step and chunk planning (docs/semantics.md section 2): steps put every window boundary on a bucket edge; requests stay under 11,000 points.
export const MAX_POINTS_PER_REQUEST = 11_000;

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Steps a chart may use, finest first. */
export const STEP_CANDIDATES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MIN);

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

export interface StepConstraints {
  /** Range to cover (ms). */
  spanMs: number;
  /** Aim for about this many buckets over the span. */
  targetBuckets: number;
  /** Instants that must be bucket edges (period starts in the SLO's zone, fixed window ends, exclusion edges). */
  edges?: readonly number[];
  /** Durations the step must divide (rolling window, burn-rate lookbacks). */
  divides?: readonly number[];
  /** Smallest step allowed (e.g. the timeslice length, or the scrape interval). */
  minStep?: number;
}

/** The finest candidate step >= span/targetBuckets that satisfies every edge and divisor; falls back to the coarsest one that does. */
export function chooseStep(c: StepConstraints): number {
  const wanted = Math.max(c.minStep ?? MIN, c.spanMs / Math.max(1, c.targetBuckets));
  const fits = (s: number) =>
    (c.edges ?? []).every((e) => mod(e, s) === 0) &&
    (c.divides ?? []).every((d) => mod(d, s) === 0) &&
    s >= (c.minStep ?? 0);
  const ok = STEP_CANDIDATES.filter(fits);
  if (ok.length === 0) {
    return c.minStep ?? MIN;
  }
  return ok.find((s) => s >= wanted) ?? ok[ok.length - 1];
}

export interface Chunk {
  /** First bucket end in the chunk. */
  start: number;
  /** Last bucket end in the chunk (inclusive). */
  end: number;
}

/** Split bucket ends firstEnd..lastEnd (inclusive, every step) into requests of at most maxPoints points. */
export function planChunks(
  firstEnd: number,
  lastEnd: number,
  step: number,
  maxPoints = MAX_POINTS_PER_REQUEST
): Chunk[] {
  const chunks: Chunk[] = [];
  for (let s = firstEnd; s <= lastEnd; s += maxPoints * step) {
    chunks.push({ start: s, end: Math.min(lastEnd, s + (maxPoints - 1) * step) });
  }
  return chunks;
}

/** Run `fn` over items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const HOUR_MS = HOUR;
