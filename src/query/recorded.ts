// Recorded mode (docs/recorded-mode.md, docs/semantics.md §8): an SLO's event counts over (S, E] from the tiles that
// `burndown rules` records (src/rules/recorded.ts): the tiles wholly inside the range, summed, plus raw data for the
// edges between the range's ends and the tiles' grid (a partial tile at the start, the minutes since the newest tile):
//   count(S, E] = raw(S, a] + sum of tiles in (a, b] + raw(b, E],  a, b on the tiles' grid, b <= newest tile,
// where a and b are the grid points nearest S and E, so raw(S, a] = -raw(a, S] when a < S (at most half a tile).
// The raw edges use the tiles' own difference, the newest sample at or before the edge's end minus the newest at or
// before its start, per series, with instant selectors: 2 samples per series whatever the edge's length, and the
// three parts chain sample to sample. A counter reset inside an edge makes its series' difference negative, so its
// sum shows it (a negative sum): such edges are read again with the tiles' reset guard (resets(), increase()), which
// reads every sample of the edge (docs/recorded-mode.md, "Accuracy and cost").
// Two requests per SLO (a third where an edge shows a reset): a plan (the newest tile, and for `auto` the raw sample
// rate) and one batched count query; one where the newest tile can be guessed (expectedNewestTile: from the SLO's
// newest tile seen before, or on a first load from the clock, clockNewestTile): the count, planned on the guess, rides
// in the plan's request and is kept if the plan finds that tile.
// With a page cache, the tiles of a range are two parts split at a settled whole hour (settledSplit): the settled
// part's answer is cached for the page's life, so a refresh reads only the fresh hour or two of tiles and the edges.
import { countedPieces } from '../engine';
import {
  hasRecordedMode,
  RECORDED_BAD,
  RECORDED_INTERVAL_MS,
  RECORDED_TOTAL,
  recordedName,
  tileQuery,
} from '../rules/recorded';
import type { SloSpec } from '../slo/types';
import { PART_LABEL, atSeconds, firstSelector, type CountRange } from './batch';
import { ChunkCache } from './cache';
import { QueryError, type PromClient } from './client';
import { combinePieces, type CountedPiece, type ExactCounts } from './fetch';
import { framesToScalars, partOf, tagPart, type FrameLike } from './frames';
import { counterExprs, presenceQuery, promDuration, withMatchers } from './promql';
import { instantParts } from './queryLength';

export type AnsweredMode = 'raw' | 'recorded';

export interface RecordedOptions {
  /** The tiles' interval (what `burndown rules` records: 5m). */
  intervalMs?: number;
  /** `auto` reads raw data when its longest range would read at most this many raw samples (default 5 M). */
  autoMaxRawSamples?: number;
}

export const AUTO_MAX_RAW_SAMPLES = 5_000_000;
/** The raw edges' lookback for their previous sample (Prometheus' default lookback delta). */
export const EDGE_LOOKBACK_MS = 300_000;
/** How far back the newest tile is looked for: older tiles mean the rules are not running. */
export const TILE_SEARCH_MS = 3_600_000;

/** Which mode answers an SLO at t, and why (shown beside the figures). */
export interface ModeDecision {
  mode: AnsweredMode;
  reason: string;
  /** The newest tile's time (ms) when recorded. */
  newestTile?: number;
  /** The answers to decideMode's `extra` queries, sent in its request. */
  extraFrames?: FrameLike[];
}

/** The newest tile seen per data source and SLO: its grid phase lets the next count be planned before the decision. */
const seenNewest = new Map<string, number>();
const seenKey = (client: PromClient, spec: SloSpec) => `${client.id}\u0000${spec.id}`;

/**
 * The newest tile expected at t: the last point at or before t of the grid of the newest tile seen before for this
 * SLO (tiles come every intervalMs), or undefined when none was seen, or it is over two tiles old (rules stopped: the
 * guess would keep failing). A guess: the decision says whether it holds.
 */
export function expectedNewestTile(client: PromClient, spec: SloSpec, t: number, intervalMs: number) {
  const seen = seenNewest.get(seenKey(client, spec));
  return seen === undefined || t - seen > 2 * intervalMs ? undefined : newestOnGridOf(seen, t, intervalMs);
}

/** The last point at or before t of the grid of a tile seen at `tile` (tiles come every intervalMs). */
export function newestOnGridOf(tile: number, t: number, intervalMs: number): number | undefined {
  return tile > t ? undefined : tile + Math.floor((t - tile) / intervalMs) * intervalMs;
}

/**
 * Per data source, whether its ruler evaluates on multiples of the tiles' interval (vmalert aligns its groups by
 * default): true once a decision found a newest tile on the clock's grid, false once a clock guess failed. Prometheus
 * (and promtool's backfill) offset each rule group by a hash of its name and file, which the client cannot know: a
 * guess there would mostly fail and read the counts twice, so none is made until a tile on the grid was seen.
 */
const onClock = new Map<string, boolean>();

/**
 * A first load's guess of the newest tile at t, before this SLO's was seen: the last multiple of intervalMs at or
 * before t, where the data source's tiles were seen on the clock's grid; otherwise undefined (no guess).
 */
export function clockNewestTile(client: PromClient, t: number, intervalMs: number): number | undefined {
  return onClock.get(client.id) === true ? Math.floor(t / intervalMs) * intervalMs : undefined;
}

/** Notes a failed clock guess: no more clock guesses on that data source. */
export function clockGuessHeld(client: PromClient, held: boolean): void {
  if (!held) {
    onClock.set(client.id, false);
  }
}


function byPart(frames: readonly FrameLike[], part: string): FrameLike[] {
  return frames.filter((f) => partOf(f) === part);
}

function recordedSelector(prefix: typeof RECORDED_TOTAL | typeof RECORDED_BAD, spec: SloSpec, intervalMs: number) {
  return withMatchers(recordedName(prefix, intervalMs), [{ name: 'slo', op: '=', value: spec.id }]);
}

/** The message of a raw query refused by Prometheus' --query.max-samples. */
export function isTooManySamples(e: unknown): boolean {
  return e instanceof QueryError && /too many samples/i.test(e.message);
}

/** A raw-mode failure on --query.max-samples, rewritten to name recorded mode and how to turn it on. */
export function tooManySamplesError(spec: SloSpec, e: QueryError): QueryError {
  const out = new QueryError(
    e.kind,
    `${e.message}. SLO ${spec.id} reads too many raw samples for this backend: set \`mode: recorded\` (or \`auto\`) ` +
      'on it, load the rules of `burndown rules --file <slos.yaml>` into Prometheus, and backfill their history ' +
      '(docs/recorded-mode.md)',
    e.expr,
    e.status
  );
  out.role = e.role;
  return out;
}

/** Whether total's first selector has series in the hour before t (cheap: one sample per series every 5 minutes). */
async function hasRawSeries(client: PromClient, spec: SloSpec, t: number): Promise<boolean> {
  const sel = firstSelector(counterExprs(spec.indicator).total);
  const frames = await client.instant(`max_over_time(count(${sel})[${promDuration(TILE_SEARCH_MS)}:5m])`, t);
  return (framesToScalars(frames).get('') ?? 0) > 0;
}

/**
 * Decide how an SLO with `mode: recorded | auto` is read at t (one request): recorded when its tiles are there
 * (the newest within TILE_SEARCH_MS) and, for auto, when raw would read more than autoMaxRawSamples over `longestMs`
 * (estimated from the raw samples of total in the last 5 minutes). `mode: recorded` without tiles is an error.
 * `extra`: tagged queries sent in the same request, answered in `extraFrames` (recordedCountQueries planned on
 * expectedNewestTile).
 */
export async function decideMode(
  client: PromClient,
  spec: SloSpec,
  t: number,
  longestMs: number,
  opts: RecordedOptions = {},
  extra: readonly string[] = []
): Promise<ModeDecision> {
  const mode = spec.mode ?? 'raw';
  if (mode === 'raw' || !hasRecordedMode(spec)) {
    return { mode: 'raw', reason: 'raw counters (mode raw)' };
  }
  const intervalMs = opts.intervalMs ?? RECORDED_INTERVAL_MS;
  const tiles = recordedSelector(RECORDED_TOTAL, spec, intervalMs);
  const parts = [
    // The newest tile within the lookback delta, else the newest in the hour (the subquery's whole-minute steps miss
    // a tile recorded since the last whole minute: the raw tail would be up to a minute longer).
    tagPart(
      `max(timestamp(${tiles})) or max(max_over_time(timestamp(${tiles})[${promDuration(TILE_SEARCH_MS)}:1m]))`,
      'newest'
    ),
    ...(mode === 'auto'
      ? [tagPart(`sum(count_over_time(${firstSelector(counterExprs(spec.indicator).total)}[5m]))`, 'rate')]
      : []),
  ];
  const frames = await instantParts(client, [...parts, ...extra], t);
  const newestS = framesToScalars(byPart(frames, 'newest')).get('');
  const newest = newestS === undefined || !Number.isFinite(newestS) ? undefined : Math.round(newestS * 1000);
  if (newest !== undefined) {
    seenNewest.set(seenKey(client, spec), newest);
    if (newest % intervalMs === 0 && !onClock.has(client.id)) {
      onClock.set(client.id, true);
    }
  }
  const extraFrames =
    extra.length > 0
      ? frames.filter((f) => byPart([f], 'newest').length + byPart([f], 'rate').length === 0)
      : undefined;
  if (mode === 'recorded') {
    if (newest === undefined && !(await hasRawSeries(client, spec, t))) {
      // Nothing to record (a selector that matches nothing, a window before the data): raw mode reads nothing and
      // says so with its own diagnostics (no data, no series), instead of an error about missing rules.
      return {
        mode: 'raw',
        reason: 'raw counters (mode recorded: no tiles and no series of total in the hour before t)',
      };
    }
    if (newest === undefined) {
      throw new QueryError(
        'invalid',
        `SLO ${spec.id} has mode: recorded but ${client.id} has no ${recordedName(RECORDED_TOTAL, intervalMs)}{slo="${
          spec.id
        }"} in the hour before t: load the rules of \`burndown rules\` and backfill them (docs/recorded-mode.md)`,
        tiles
      );
    }
    return { mode: 'recorded', reason: 'recorded tiles (mode recorded)', newestTile: newest, extraFrames };
  }
  const per5m = framesToScalars(byPart(frames, 'rate')).get('') ?? 0;
  const estimate = Math.round((per5m * longestMs) / 300_000);
  const limit = opts.autoMaxRawSamples ?? AUTO_MAX_RAW_SAMPLES;
  if (newest === undefined) {
    return { mode: 'raw', reason: `raw counters (mode auto: no recorded tiles; raw reads ~${estimate} samples)` };
  }
  if (estimate <= limit) {
    return { mode: 'raw', reason: `raw counters (mode auto: ~${estimate} raw samples, at most ${limit})` };
  }
  return {
    mode: 'recorded',
    reason: `recorded tiles (mode auto: raw would read ~${estimate} samples, more than ${limit})`,
    newestTile: newest,
    extraFrames,
  };
}

export interface RecordedPart {
  query: string;
  name: string;
  /** -1 for a raw edge subtracted from the tiles around it. */
  sign: 1 | -1;
  /** A raw edge's reset-safe query: read instead of `query` where that one's sum is negative (a reset). */
  guarded?: string;
  /** Reads only settled tiles (all `@`-pinned): its answer may be cached for the page's life. */
  settled?: boolean;
}

const HOUR = 3_600_000;

/**
 * Where the tiles first .. to (on the grid `down`) split into a settled part and a fresh one: the last grid point at or
 * before the whole hour at or before settledUntil, so the settled part's query stays the same for an hour (a refresh
 * hits the cache); undefined when no split is asked (no cache).
 */
function settledSplit(down: (x: number) => number, settledUntil: number | undefined): number | undefined {
  return settledUntil === undefined ? undefined : down(Math.floor(settledUntil / HOUR) * HOUR);
}

/**
 * The parts that count one piece (S, E]: raw edges and the tiles in between, tagged `<role>:<piece>:<n>`. Each edge
 * goes to the nearer grid point: forward (tiles from the grid point after S, plus raw(S, g]) or backward (tiles from
 * the grid point before S, minus raw(g, S]); so an edge is at most half a tile long, and its raw read half as long.
 */
function pieceParts(
  spec: SloSpec,
  piece: CountRange,
  index: number,
  newestTile: number,
  intervalMs: number,
  settledUntil?: number
): RecordedPart[] {
  const c = counterExprs(spec.indicator);
  const other = c.bad ?? c.good!;
  const phase = ((newestTile % intervalMs) + intervalMs) % intervalMs;
  const down = (x: number) => Math.floor((x - phase) / intervalMs) * intervalMs + phase;
  const nearest = (x: number) => (x - down(x) <= intervalMs / 2 ? down(x) : down(x) + intervalMs);
  const from = nearest(piece.start);
  const near = nearest(piece.end);
  const to = near <= newestTile ? near : Math.min(down(piece.end), newestTile);
  const out: RecordedPart[] = [];
  const raw = (start: number, end: number, n: number) => {
    const [a, b, sign] = start <= end ? ([start, end, 1] as const) : ([end, start, -1] as const);
    if (b > a) {
      // Edges are at most an interval long: the server's lookback delta (5m by default) finds their previous sample
      // (a series without one, after a longer gap or new, counts nothing in the edge).
      const o = { intervalMs: b - a, lookbackMs: EDGE_LOOKBACK_MS, instant: true };
      const edge = (expr: string, name: string) => ({
        query: tileQuery(expr, spec.groupBy, { ...o, unguarded: true }, atSeconds(b)),
        guarded: tileQuery(expr, spec.groupBy, o, atSeconds(b)),
        name,
        sign,
      });
      out.push(edge(c.total, `total:${index}:${n}`), edge(other, `other:${index}:${n}`));
    }
  };
  const first = from + intervalMs;
  if (to < first) {
    raw(piece.start, piece.end, 0);
    return out;
  }
  raw(piece.start, from, 0);
  raw(to, piece.end, 1);
  const by = spec.groupBy.length > 0 ? ` by (${spec.groupBy.join(', ')})` : '';
  // Tiles at lo .. hi (part n: 2 settled or unsplit, 3 fresh); the half-interval margins keep a tile whose time is a
  // little off the grid.
  const tiles = (lo: number, hi: number, n: 2 | 3, settled: boolean) => {
    const range = promDuration(hi - lo + intervalMs);
    const at = atSeconds(hi + intervalMs / 2);
    const sum = (prefix: typeof RECORDED_TOTAL | typeof RECORDED_BAD) =>
      `sum${by}(sum_over_time(${recordedSelector(prefix, spec, intervalMs)}[${range}] @ ${at}))`;
    const s = settled ? { settled } : {};
    out.push({ query: sum(RECORDED_TOTAL), name: `total:${index}:${n}`, sign: 1, ...s });
    // The bad tiles hold bad events whatever the indicator counts; `other` is good where the indicator counts good.
    out.push({
      query: c.bad !== undefined ? sum(RECORDED_BAD) : `${sum(RECORDED_TOTAL)} - ${sum(RECORDED_BAD)}`,
      name: `other:${index}:${n}`,
      sign: 1,
      ...s,
    });
    // Tiles present against tiles expected: fewer means history not backfilled or evaluations missed.
    out.push({
      query: `max(count_over_time(${recordedSelector(RECORDED_TOTAL, spec, intervalMs)}[${range}] @ ${at}))`,
      name: `tiles:${index}:${n}:${Math.round((hi - lo) / intervalMs) + 1}`,
      sign: 1,
      ...s,
    });
  };
  const split = settledSplit(down, settledUntil);
  if (split === undefined || split < first) {
    tiles(first, to, 2, false);
  } else if (split >= to) {
    tiles(first, to, 2, true);
  } else {
    tiles(first, split, 2, true);
    tiles(split + intervalMs, to, 3, false);
  }
  return out;
}

/**
 * The pieces of `ranges` (each minus the SLO's exclusions) and the parts that count them: names
 * `<total|other>:<piece>:<0 start edge | 1 end edge | 2 tiles (settled when split) | 3 fresh tiles>` and
 * `tiles:<piece>:<2|3>:<tiles expected>` (bench/recorded.ts breaks the cost down by them). `settledUntil`: split the
 * tiles at a settled whole hour before it (settledSplit).
 */
export function recordedCountParts(
  spec: SloSpec,
  ranges: readonly CountRange[],
  newestTile: number,
  intervalMs: number,
  settledUntil?: number
): { pieces: CountRange[]; planned: Array<{ empty: boolean; end: number; pieces: number[] }>; parts: RecordedPart[] } {
  const pieces: CountRange[] = [];
  const planned = ranges.map((whole) => {
    const { range, excluded } = countedPieces(whole, spec.exclusions);
    if (range.end <= range.start) {
      return { empty: true, end: range.end, pieces: [] as number[] };
    }
    const own = [range, ...excluded].map((p) => pieces.push(p) - 1);
    return { empty: false, end: range.end, pieces: own };
  });
  const parts = pieces.flatMap((p, i) => pieceParts(spec, p, i, newestTile, intervalMs, settledUntil));
  return { pieces, planned, parts };
}

/** The page cache for the settled tiles (docs/recorded-mode.md, "Refresh"): entries per data source, settled at `now`. */
export interface TileCache {
  cache: ChunkCache;
  source: string;
  now: number;
}

/** Frames of one tagged part with its tag renamed (a cached answer sent under another part's name before). */
function retagPart(frames: readonly FrameLike[], name: string): FrameLike[] {
  return frames.map((f) => ({
    ...f,
    fields: f.fields.map((x) =>
      x.labels?.[PART_LABEL] === undefined ? x : { ...x, labels: { ...x.labels, [PART_LABEL]: name } }
    ),
  }));
}

/**
 * The tagged queries of recordedCounts (each distinct one once: ranges ending at t share their tail, sent under the
 * name of its first part), for sending them early (decideMode's `extra`); `answered` then takes their frames. With
 * `tileCache`, the settled tiles' answers found there are `cached` (not sent) and `store` keeps those answered.
 */
export function recordedCountQueries(
  spec: SloSpec,
  ranges: readonly CountRange[],
  t: number,
  newestTile: number,
  opts: RecordedOptions & { tileCache?: TileCache } = {}
) {
  const intervalMs = opts.intervalMs ?? RECORDED_INTERVAL_MS;
  const tc = opts.tileCache;
  const plan = recordedCountParts(spec, ranges, Math.min(newestTile, t), intervalMs, tc && tc.now - tc.cache.settleMs);
  const sent = new Map<string, string>();
  const alias = new Map<string, string>();
  for (const p of plan.parts) {
    alias.set(p.name, sent.get(p.query) ?? p.name);
    if (!sent.has(p.query)) {
      sent.set(p.query, p.name);
    }
  }
  const settled = new Set(plan.parts.filter((p) => p.settled).map((p) => p.query));
  const keyOf = (q: string) => ChunkCache.instantKey(tc!.source, q);
  const cached: FrameLike[] = [];
  const queries: string[] = [];
  const asked: Array<[string, string]> = [];
  for (const [q, name] of sent) {
    const hit = tc && settled.has(q) ? tc.cache.get(keyOf(q)) : undefined;
    if (hit) {
      cached.push(...retagPart(hit, name));
    } else {
      queries.push(tagPart(q, name));
      asked.push([q, name]);
    }
  }
  // The settled parts' answers, once `frames` answers `queries`.
  const store = (frames: readonly FrameLike[]) => {
    for (const [q, name] of asked) {
      if (tc && settled.has(q)) {
        tc.cache.set(keyOf(q), byPart(frames, name));
      }
    }
  };
  return { ...plan, sent, alias, queries, cached, store };
}

export type RecordedCountPlan = ReturnType<typeof recordedCountQueries>;

/**
 * Events per group over each of `ranges` (each ending at or before t) minus the SLO's exclusions, from the recorded
 * tiles (one request): the same shape as batchedCounts. `newestTile` comes from decideMode.
 */
export async function recordedCounts(
  client: PromClient,
  spec: SloSpec,
  ranges: readonly CountRange[],
  t: number,
  newestTile: number,
  opts: RecordedOptions & { answered?: FrameLike[]; plan?: RecordedCountPlan; tileCache?: TileCache } = {}
): Promise<RecordedCounts> {
  const groupBy = spec.groupBy;
  // `answered`: the frames of `plan`'s queries, sent in the decision's request.
  const plan = (opts.answered && opts.plan) || recordedCountQueries(spec, ranges, t, newestTile, opts);
  const { pieces, planned, parts, sent, alias, queries } = plan;
  const fresh = opts.answered ?? (queries.length > 0 ? await instantParts(client, queries, t) : []);
  plan.store(fresh);
  const frames = await guardResets(client, [...plan.cached, ...fresh], parts, sent, groupBy, t);
  const scalars = (name: string) => framesToScalars(byPart(frames, alias.get(name) ?? name), groupBy);
  const sign = new Map(parts.map((p) => [p.name, p.sign]));
  const sumOf = (role: string, i: number) => {
    const out = new Map<string, number>();
    for (const n of [0, 1, 2, 3]) {
      const name = `${role}:${i}:${n}`;
      for (const [k, v] of scalars(name)) {
        out.set(k, (out.get(k) ?? 0) + (sign.get(name) ?? 1) * v);
      }
    }
    return out;
  };
  const out: Array<Map<string, ExactCounts>> = [];
  const missing: MissingTiles[] = [];
  for (const [i, piece] of pieces.entries()) {
    const tags = parts.filter((p) => p.name.startsWith(`tiles:${i}:`));
    const expected = tags.reduce((s, tag) => s + Number(tag.name.split(':')[3]), 0);
    const seen = tags.reduce(
      (s, tag) => s + (framesToScalars(byPart(frames, alias.get(tag.name) ?? tag.name)).get('') ?? 0),
      0
    );
    if (seen < expected) {
      missing.push({ piece, expected, seen });
    }
  }
  const otherSeen = planned.map(
    (p) => !p.empty && [0, 1, 2, 3].some((n) => scalars(`other:${p.pieces[0]}:${n}`).size > 0)
  );
  for (const p of planned) {
    if (p.empty) {
      const present = framesToScalars(
        await client.instant(presenceQuery(counterExprs(spec.indicator).total, groupBy), p.end),
        groupBy
      );
      out.push(new Map([...present.keys()].map((k) => [k, { bad: 0, good: 0, total: 0 }])));
      continue;
    }
    const counted: CountedPiece[] = p.pieces.map((i, j) => ({
      sign: j === 0 ? 1 : -1,
      total: sumOf('total', i),
      other: sumOf('other', i),
    }));
    out.push(combinePieces(counted, counterExprs(spec.indicator).bad !== undefined));
  }
  return { counts: out, missing, otherSeen };
}

/**
 * The raw edges whose sum is negative in some group (a counter reset inside them, or a counter expression that
 * subtracts) read again with the reset guard, in one request; `frames` with theirs replaced.
 */
async function guardResets(
  client: PromClient,
  frames: FrameLike[],
  parts: readonly RecordedPart[],
  sent: ReadonlyMap<string, string>,
  groupBy: readonly string[],
  t: number
): Promise<FrameLike[]> {
  const again = parts.filter(
    (p) =>
      p.guarded !== undefined &&
      sent.get(p.query) === p.name &&
      [...framesToScalars(byPart(frames, p.name), groupBy).values()].some((v) => v < 0)
  );
  if (again.length === 0) {
    return frames;
  }
  const names = new Set(again.map((p) => p.name));
  const kept = frames.filter((f) => !names.has(partOf(f) ?? ''));
  return [
    ...kept,
    ...(await instantParts(
      client,
      again.map((p) => tagPart(p.guarded!, p.name)),
      t
    )),
  ];
}

/** A piece whose recorded part lacks tiles (its count is too low by what they held). */
export interface MissingTiles {
  piece: CountRange;
  expected: number;
  seen: number;
}

export interface RecordedCounts {
  counts: Array<Map<string, ExactCounts>>;
  missing: MissingTiles[];
  /** Per range: whether the bad (or good) counter had any series or tile in it (raw mode's `no series` check). */
  otherSeen: boolean[];
}
