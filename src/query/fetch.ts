// Fetching events (docs/semantics.md sections 2 and 8): per-step increases for charts, and one instant increase over exactly the
// elapsed window for the figures people read (reset-safe, and a scrape gap inside the range loses nothing).
import { excludedIntervals, type Buckets } from '../engine';
import type { Exclusion } from '../slo/types';
import { ChunkCache } from './cache';
import { QueryError, tagRole, type PromClient } from './client';
import {
  framesByPart,
  framesToGrid,
  framesToScalars,
  normalizeFrame,
  partOf,
  tagPart,
  type FrameLike,
  type Grid,
} from './frames';
import { planChunks, mapLimit, MAX_POINTS_PER_REQUEST } from './plan';
import { increaseQuery, presenceQuery, type CounterExprs } from './promql';

export interface FetchOptions {
  groupBy?: readonly string[];
  concurrency?: number;
  cache?: ChunkCache;
  /** "Now" for deciding which chunks are settled; defaults to Date.now(). */
  now?: number;
  maxPointsPerRequest?: number;
}

/** The rows of range-query frames at or before `lastTime` (epoch ms): a chunk's settled part. */
export function framesUntil(frames: readonly FrameLike[], lastTime: number): FrameLike[] {
  return frames.map((raw) => {
    const f = normalizeFrame(raw);
    const time = f.fields.find((x) => x.type === 'time');
    if (!time) {
      return f;
    }
    const times = Array.from(time.values as ArrayLike<number>);
    const keep = times.findIndex((t) => t > lastTime);
    const n = keep < 0 ? times.length : keep;
    const fields = f.fields.map((x) => ({ ...x, values: Array.from(x.values as ArrayLike<number>).slice(0, n) }));
    return { ...f, fields, length: n };
  });
}

/**
 * A range query split into chunks of at most 11,000 points, fetched with a concurrency limit. What lies in the settled
 * past is cached (docs/semantics.md section 8): a chunk that ends there whole; a chunk that reaches into the last
 * settleMs by its settled points, so a refresh asks only for the points after them.
 */
export async function fetchGrid(
  client: PromClient,
  expr: string,
  grid: Grid,
  opts: FetchOptions = {}
): Promise<Map<string, Float64Array>> {
  return framesToGrid(await fetchGridFrames(client, expr, grid, opts), grid, opts.groupBy ?? []);
}

/** fetchGrid's frames, before they become a grid. */
async function fetchGridFrames(
  client: PromClient,
  expr: string,
  grid: Grid,
  opts: FetchOptions = {},
  fresh: Record<string, string> = {}
): Promise<FrameLike[]> {
  // Fresh-only parts ride in the requests sent, never in the cache (nor in its key).
  const freshNames = Object.keys(fresh);
  const sent = [expr, ...freshNames.map((name) => tagPart(fresh[name], name))].join(' or ');
  const ask = (start: number, end: number) => client.range(sent, start, end, grid.step);
  const keep = (frames: FrameLike[]) =>
    freshNames.length === 0 ? frames : frames.filter((f) => !freshNames.includes(partOf(f) ?? ''));
  const lastEnd = grid.firstEnd + (grid.count - 1) * grid.step;
  const chunks = planChunks(grid.firstEnd, lastEnd, grid.step, opts.maxPointsPerRequest ?? MAX_POINTS_PER_REQUEST);
  const now = opts.now ?? Date.now();
  const cache = opts.cache;
  const parts = await mapLimit(chunks, opts.concurrency ?? 4, async (c) => {
    const key = ChunkCache.key(client.id, expr, c.start, c.end, grid.step);
    const cached = cache?.get(key);
    if (cached) {
      return cached;
    }
    if (!cache) {
      return ask(c.start, c.end);
    }
    if (cache.isSettled(c.end, now)) {
      const frames = await ask(c.start, c.end);
      cache.set(key, keep(frames));
      return frames;
    }
    // The chunk's points up to the last settled one: cached apart from the fresh rest.
    const settledEnd = c.start + Math.floor((now - cache.settleMs - c.start) / grid.step) * grid.step;
    if (settledEnd < c.start) {
      return ask(c.start, c.end);
    }
    const settledKey = ChunkCache.key(client.id, expr, c.start, settledEnd, grid.step);
    const settled = cache.get(settledKey);
    if (settled) {
      return [...settled, ...(await ask(settledEnd + grid.step, c.end))];
    }
    const frames = await ask(c.start, c.end);
    cache.set(settledKey, framesUntil(keep(frames), settledEnd));
    return frames;
  });
  return parts.flat();
}

/**
 * Several expressions on one grid in one request per chunk: each tagged with its part name and joined by `or` (same
 * samples as asking each alone, one request), cached like fetchGrid under the joined text. Per part, per group.
 */
export async function fetchGridParts(
  client: PromClient,
  parts: Record<string, string>,
  grid: Grid,
  opts: FetchOptions = {},
  /** Parts asked only with what is not cached (e.g. `@`-pinned to now: their text changes, the cache key must not). */
  fresh: Record<string, string> = {}
): Promise<Map<string, Map<string, Float64Array>>> {
  const names = Object.keys(parts);
  const expr = names.map((name) => tagPart(parts[name], name)).join(' or ');
  const frames = framesByPart(await fetchGridFrames(client, expr, grid, opts, fresh));
  return new Map(
    [...names, ...Object.keys(fresh)].map((name) => [name, framesToGrid(frames.get(name) ?? [], grid, opts.groupBy ?? [])])
  );
}

export interface GroupBuckets {
  key: string;
  buckets: Buckets;
}

/** bad = total - good where the indicator counts good events; a missing bad/good series with total present counts 0. */
function combine(total: Float64Array | undefined, other: Float64Array | undefined, otherIsGood: boolean, n: number) {
  const bad = new Float64Array(n);
  const tot = total ?? new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const t = tot[i];
    const o = other ? other[i] : NaN;
    const v = o === o ? o : 0;
    bad[i] = t !== t ? NaN : otherIsGood ? Math.max(0, t - v) : v;
  }
  return { bad, total: tot };
}

/**
 * Per-step event counts on `grid` (bucket i covers (end_i - step, end_i]) for each group. `together`: both counters in
 * one request per chunk (tagged parts joined by `or`; same samples read, half the requests), else one request each.
 */
export async function fetchBuckets(
  client: PromClient,
  counters: CounterExprs,
  grid: Grid,
  opts: FetchOptions = {},
  together = false
): Promise<GroupBuckets[]> {
  const groupBy = opts.groupBy ?? [];
  const otherExpr = counters.bad ?? counters.good!;
  const totalQ = increaseQuery(counters.total, grid.step, groupBy);
  const otherQ = increaseQuery(otherExpr, grid.step, groupBy);
  const apart = () =>
    Promise.all([
      tagRole(fetchGrid(client, totalQ, grid, opts), 'total'),
      tagRole(fetchGrid(client, otherQ, grid, opts), counters.bad !== undefined ? 'bad' : 'good'),
    ]);
  let totals: Map<string, Float64Array>;
  let others: Map<string, Float64Array>;
  if (together) {
    try {
      const frames = framesByPart(
        await fetchGridFrames(client, `${tagPart(totalQ, 'total')} or ${tagPart(otherQ, 'other')}`, grid, opts)
      );
      totals = framesToGrid(frames.get('total') ?? [], grid, groupBy);
      others = framesToGrid(frames.get('other') ?? [], grid, groupBy);
    } catch (e) {
      if (!(e instanceof QueryError && e.kind === 'rejected')) {
        throw e;
      }
      [totals, others] = await apart(); // asked apart, the error names the counter
    }
  } else {
    [totals, others] = await apart();
  }
  return [...totals.keys()].sort().map((key) => {
    const { bad, total } = combine(totals.get(key), others.get(key), counters.bad === undefined, grid.count);
    return { key, buckets: { firstEnd: grid.firstEnd, step: grid.step, bad, total } };
  });
}

export interface ExactCounts {
  bad: number;
  good: number;
  total: number;
}

async function instantIncrease(
  client: PromClient,
  expr: string,
  t: number,
  rangeMs: number,
  groupBy: readonly string[]
) {
  return framesToScalars(await client.instant(increaseQuery(expr, rangeMs, groupBy), t), groupBy);
}

/**
 * Exact events in (start, end], minus what fell into exclusions, per group: one instant
 * `increase` over exactly the range, and one per excluded interval. Groups without a total series
 * are absent (no data). An empty range yields zero counts for the groups whose counters exist.
 */
export async function exactCounts(
  client: PromClient,
  counters: CounterExprs,
  range: { start: number; end: number },
  exclusions: readonly Exclusion[] = [],
  opts: FetchOptions = {}
): Promise<Map<string, ExactCounts>> {
  const groupBy = opts.groupBy ?? [];
  const out = new Map<string, ExactCounts>();
  if (range.end <= range.start) {
    const present = framesToScalars(
      await tagRole(client.instant(presenceQuery(counters.total, groupBy), range.end), 'total'),
      groupBy
    );
    for (const key of present.keys()) {
      out.set(key, { bad: 0, good: 0, total: 0 });
    }
    return out;
  }
  const otherExpr = counters.bad ?? counters.good!;
  const pieces = [
    { start: range.start, end: range.end, sign: 1 },
    ...excludedIntervals(range, exclusions).map((iv) => ({ ...iv, sign: -1 })),
  ];
  const results = await mapLimit(pieces, opts.concurrency ?? 4, async (p) => {
    const [total, other] = await Promise.all([
      tagRole(instantIncrease(client, counters.total, p.end, p.end - p.start, groupBy), 'total'),
      tagRole(
        instantIncrease(client, otherExpr, p.end, p.end - p.start, groupBy),
        counters.bad !== undefined ? 'bad' : 'good'
      ),
    ]);
    return { ...p, total, other };
  });
  return combinePieces(results, counters.bad !== undefined);
}

/** One piece of a counted range: the range itself (sign 1) or an excluded interval inside it (sign -1). */
export interface CountedPiece {
  sign: number;
  /** Per group: increase of total, and of bad (or good) over the piece. */
  total: Map<string, number>;
  other: Map<string, number>;
}

/**
 * Events of one range from its pieces: the groups of the first piece (the whole range), with each excluded piece
 * subtracted; counts are kept within 0 <= bad <= total. `otherIsBad` says whether `other` counted bad or good events.
 */
export function combinePieces(pieces: readonly CountedPiece[], otherIsBad: boolean): Map<string, ExactCounts> {
  const out = new Map<string, ExactCounts>();
  const main = pieces[0];
  for (const key of main.total.keys()) {
    let total = 0;
    let other = 0;
    for (const r of pieces) {
      total += r.sign * (r.total.get(key) ?? 0);
      other += r.sign * (r.other.get(key) ?? 0);
    }
    total = Math.max(0, total);
    other = Math.min(Math.max(0, other), total);
    const bad = otherIsBad ? other : total - other;
    out.set(key, { bad, good: total - bad, total });
  }
  return out;
}
