// The status' settled pieces from the chart's buckets (docs/semantics.md section 8, "Split counts"): a chart offers,
// before its first await, every settled piece that the status of the same window (its window and lookbacks at the
// chart's end, as planBatch plans them) and its own segments' batch will read, as pending cache entries under the
// pieces' instant keys; runPlan awaits those instead of reading the pieces. Piece (a, b] = the sum of the chart's
// buckets ending in (a, b], when a and b are bucket edges and every bucket edge inside is a safe split point (checked
// on the chart's grids: split.ts edgeVerdicts); the piece's own ends are the batch's split points, which it checks.
// Otherwise the entry is withdrawn (WithdrawnPart) and the batch reads the piece itself. Only bad-based counters: the
// chart keeps bad = total - good clamped at 0 for good-based ones, not the good sums, so those read their pieces.
import { ChunkCache } from './cache';
import type { PromClient } from './client';
import { deferred, WithdrawnPart, type BatchPlan } from './batch';
import type { GroupBuckets } from './fetch';
import { groupLabels, type FrameLike, type Grid } from './frames';

/** A bucket end in time order: its buckets per group and whether it is a safe split point. */
export interface BucketEnd {
  end: number;
  safe: boolean;
  values: Map<string, { bad: number; total: number }>;
}

/** Every bucket end in (start, until] of consecutive grids (a later grid starts where the one before ends). */
export function bucketEnds(
  read: ReadonlyArray<{ grid: Grid; buckets: readonly GroupBuckets[]; safe: readonly boolean[] }>,
  start: number,
  until: number
): BucketEnd[] {
  const ends: BucketEnd[] = [];
  for (const { grid, buckets, safe } of read) {
    for (let i = 0; i < grid.count; i++) {
      const end = grid.firstEnd + i * grid.step;
      const last = ends[ends.length - 1]?.end ?? start;
      if (end <= last || end > until) {
        continue;
      }
      const values = new Map(
        buckets.map((b) => [b.key, { bad: b.buckets.bad[i], total: b.buckets.total[i] }] as const)
      );
      ends.push({ end, safe: safe[i] === true, values });
    }
  }
  return ends;
}

/** Per group, the present buckets' sums over (a, b]; undefined when a or b is no edge or an inner edge is unsafe. */
function pieceSums(start: number, ends: readonly BucketEnd[], index: Map<number, number>, a: number, b: number) {
  const i = a === start ? -1 : index.get(a);
  const j = index.get(b);
  if (i === undefined || j === undefined || j <= i) {
    return undefined;
  }
  const out = new Map<string, { bad: number; total: number }>();
  for (let k = i + 1; k <= j; k++) {
    if (k < j && !ends[k].safe) {
      return undefined;
    }
    for (const [key, v] of ends[k].values) {
      const c = out.get(key) ?? { bad: NaN, total: NaN };
      c.bad = v.bad !== v.bad ? c.bad : (c.bad === c.bad ? c.bad : 0) + v.bad;
      c.total = v.total !== v.total ? c.total : (c.total === c.total ? c.total : 0) + v.total;
      out.set(key, c);
    }
  }
  return out;
}

/** An instant answer as the backend gives it: one frame per group with a value (framesToScalars reads it). */
function scalarFrames(values: Map<string, number>, groupBy: readonly string[], at: number): FrameLike[] {
  return [...values]
    .filter(([, v]) => v === v)
    .map(([key, v]) => ({
      fields: [
        { name: 'Time', type: 'time', values: [at] },
        { name: 'Value', type: 'number', values: [v], labels: groupLabels(key, groupBy) },
      ],
    }));
}

export interface PieceOffer {
  /** How many pieces were offered (0: nothing to do, no edge check needed). */
  size: number;
  /** Resolve each offered piece from the buckets whose edges start at `start`, or withdraw it. */
  settle(start: number, ends: readonly BucketEnd[]): void;
  /** Withdraw every piece not settled yet (the chart failed, or was recorded). */
  withdraw(): void;
}

/** Offer the settled parts of `plans` not yet in the cache (call before the chart's first await). */
export function offerPieces(
  client: PromClient,
  cache: ChunkCache | undefined,
  badBased: boolean,
  groupBy: readonly string[],
  plans: readonly BatchPlan[]
): PieceOffer {
  type Entry = { start: number; end: number; role: string; d: ReturnType<typeof deferred<FrameLike[]>> };
  const open = new Map<string, Entry>();
  for (const plan of cache && badBased ? plans : []) {
    for (const [label, r] of plan.settledRanges) {
      const key = ChunkCache.instantKey(client.id, plan.parts.get(label)!);
      if (open.has(key) || cache!.get(key) !== undefined) {
        continue;
      }
      const d = deferred<FrameLike[]>();
      cache!.set(key, d.promise);
      open.set(key, { ...r, d });
    }
  }
  const withdraw = (key: string) => {
    const e = open.get(key)!;
    open.delete(key);
    cache!.delete(key);
    e.d.reject(new WithdrawnPart());
  };
  return {
    size: open.size,
    settle(start, ends) {
      const index = new Map(ends.map((e, k) => [e.end, k]));
      for (const [key, p] of [...open]) {
        const sums = pieceSums(start, ends, index, p.start, p.end);
        if (!sums) {
          withdraw(key);
          continue;
        }
        const pick = new Map([...sums].map(([k, v]) => [k, p.role === 'total' ? v.total : v.bad]));
        open.delete(key);
        p.d.resolve(scalarFrames(pick, groupBy, p.end));
      }
    },
    withdraw() {
      [...open.keys()].forEach(withdraw);
    },
  };
}
