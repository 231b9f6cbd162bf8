// The status' settled pieces from the chart's buckets (docs/semantics.md section 8, "Split counts"): a chart offers,
// before its first await, every settled piece that the status of the same window (its window and lookbacks at the
// chart's end, as planBatch plans them) and its own segments' batch will read, as pending cache entries under the
// pieces' instant keys; runPlan awaits those instead of reading the pieces. Piece (a, b] = the sum of the chart's
// buckets ending in (a, b], when a and b are bucket edges and every bucket edge inside is a safe split point (checked
// on the chart's grids: split.ts edgeVerdicts); the piece's own ends are the batch's split points, which it checks.
// Where inner edges are unsafe, the piece is the buckets between safe edges plus the exact counts of the runs of
// buckets joined by unsafe ones (composePieces), read by the chart's segments' batch: a few buckets, not the piece.
// Otherwise (a or b no bucket edge, no segments' batch) the entry is withdrawn (WithdrawnPart) and the batch reads it.
// Only bad-based counters: the chart keeps bad = total - good clamped at 0 for good-based ones, not the good sums, so
// those read their pieces.
import { composePieces } from '../engine/splitPoints';
import type { TimeRange } from '../engine/windows';
import { ChunkCache } from './cache';
import type { PromClient } from './client';
import { deferred, planBatch, WithdrawnPart, type BatchPlan, type BatchSplit } from './batch';
import type { CounterExprs } from './promql';
import type { GroupBuckets } from './fetch';
import { framesToScalars, groupLabels, type FrameLike, type Grid } from './frames';

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

type Sums = Map<string, { bad: number; total: number }>;

/** a + b where both are present, else the present one (NaN: absent). */
const addPresent = (a: number, b: number) => (a !== a ? b : b !== b ? a : a + b);

function addInto(out: Sums, values: ReadonlyMap<string, { bad: number; total: number }>) {
  for (const [key, v] of values) {
    const c = out.get(key) ?? { bad: NaN, total: NaN };
    c.bad = addPresent(c.bad, v.bad);
    c.total = addPresent(c.total, v.total);
    out.set(key, c);
  }
}

/**
 * Piece (a, b] from the buckets (composePieces): per group, the present buckets' sums over the runs between safe inner
 * edges, and the runs of buckets joined by unsafe edges, which must be counted exactly. Undefined when a or b is no
 * bucket edge.
 */
function pieceFromBuckets(start: number, ends: readonly BucketEnd[], index: Map<number, number>, a: number, b: number) {
  const i = a === start ? -1 : index.get(a);
  const j = index.get(b);
  if (i === undefined || j === undefined || j <= i) {
    return undefined;
  }
  const edges = [a, ...ends.slice(i + 1, j + 1).map((e) => e.end)];
  const sums: Sums = new Map();
  const runs: TimeRange[] = [];
  for (const p of composePieces(edges, (e) => ends[index.get(e)!].safe)) {
    if (p.read) {
      runs.push({ start: p.start, end: p.end });
    } else {
      addInto(sums, ends[index.get(p.end)!].values);
    }
  }
  return { sums, runs };
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

/**
 * The text of a run's settled part per counter role, as a batch with `split` plans a settled range (one part): the cache
 * key under which the chart's segments' batch brings its count.
 */
export function runPartOf(counters: CounterExprs, groupBy: readonly string[], split: BatchSplit) {
  return (run: TimeRange, role: 'total' | 'other'): string => {
    const plan = planBatch(counters, [run], [], run.end, groupBy, undefined, split);
    return plan.parts.get([...plan.settledRanges].find(([, r]) => r.role === role)![0])!;
  };
}

export interface PieceOffer {
  /** How many pieces were offered (0: nothing to do, no edge check needed). */
  size: number;
  /**
   * Resolve each offered piece from the buckets whose edges start at `start`, or withdraw it. A piece with unsafe inner
   * edges waits for `complete`: returned are the runs of buckets around those edges, which the chart's segments' batch
   * counts exactly (settled parts, cached under `partOf`'s text).
   */
  settle(start: number, ends: readonly BucketEnd[]): TimeRange[];
  /** Resolve the waiting pieces from the runs' cache entries (call once that batch is sent), or withdraw them. */
  complete(): void;
  /** Withdraw every piece not settled yet (the chart failed, or was recorded); waiting pieces wait for `complete`. */
  withdraw(): void;
}

/** Offer the settled parts of `plans` not yet in the cache (call before the chart's first await). */
export function offerPieces(
  client: PromClient,
  cache: ChunkCache | undefined,
  badBased: boolean,
  groupBy: readonly string[],
  plans: readonly BatchPlan[],
  partOf?: (run: TimeRange, role: 'total' | 'other') => string
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
  type Waiting = Entry & { key: string; sums: Sums; runs: TimeRange[] };
  let waiting: Waiting[] = [];
  const reject = (key: string, e: Entry) => {
    cache!.delete(key);
    e.d.reject(new WithdrawnPart());
  };
  const withdraw = (key: string) => {
    const e = open.get(key)!;
    open.delete(key);
    reject(key, e);
  };
  const pick = (sums: Sums, role: string) =>
    new Map([...sums].map(([k, v]) => [k, role === 'total' ? v.total : v.bad] as const));
  return {
    size: open.size,
    settle(start, ends) {
      const index = new Map(ends.map((e, k) => [e.end, k]));
      const offered = new Set([...open.values()].map((e) => `${e.start}:${e.end}`));
      const runs = new Map<string, TimeRange>();
      for (const [key, p] of [...open]) {
        const piece = pieceFromBuckets(start, ends, index, p.start, p.end);
        // A run that is itself an offered piece would wait on its own entry: that piece is read by the batch.
        if (
          !piece ||
          (piece.runs.length > 0 && (!partOf || piece.runs.some((r) => offered.has(`${r.start}:${r.end}`))))
        ) {
          withdraw(key);
          continue;
        }
        open.delete(key);
        if (piece.runs.length > 0) {
          waiting.push({ ...p, key, ...piece });
          piece.runs.forEach((r) => runs.set(`${r.start}:${r.end}`, r));
          continue;
        }
        p.d.resolve(scalarFrames(pick(piece.sums, p.role), groupBy, p.end));
      }
      return [...runs.values()];
    },
    complete() {
      for (const w of waiting) {
        const read = w.runs.map((r) =>
          cache!.get<Promise<FrameLike[]>>(ChunkCache.instantKey(client.id, partOf!(r, w.role as 'total' | 'other')))
        );
        if (read.some((x) => x === undefined)) {
          reject(w.key, w);
          continue;
        }
        Promise.all(read).then(
          (answers) => {
            const out = pick(w.sums, w.role);
            for (const frames of answers) {
              for (const [k, v] of framesToScalars(frames!, groupBy)) {
                out.set(k, addPresent(out.get(k) ?? NaN, v));
              }
            }
            w.d.resolve(scalarFrames(out, groupBy, w.end));
          },
          () => reject(w.key, w)
        );
      }
      waiting = [];
    },
    withdraw() {
      [...open.keys()].forEach(withdraw);
    },
  };
}
