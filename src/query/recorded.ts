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
// rate) and one batched count query; one where the SLO's newest tile was seen before (expectedNewestTile): the count,
// planned on the tile expected from it, rides in the plan's request and is kept if the plan finds that tile.
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
import { PART_LABEL, firstSelector, type CountRange } from './batch';
import { QueryError, type PromClient } from './client';
import { combinePieces, type CountedPiece, type ExactCounts } from './fetch';
import { framesToScalars, type FrameLike } from './frames';
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
  return seen === undefined || seen > t || t - seen > 2 * intervalMs
    ? undefined
    : seen + Math.floor((t - seen) / intervalMs) * intervalMs;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const tagged = (q: string, part: string) => `label_replace(${q}, "${PART_LABEL}", "${part}", "", "")`;

function byPart(frames: readonly FrameLike[], part: string): FrameLike[] {
  return frames.filter((f) => f.fields.some((x) => x.type === 'number' && x.labels?.[PART_LABEL] === part));
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
    tagged(
      `max(timestamp(${tiles})) or max(max_over_time(timestamp(${tiles})[${promDuration(TILE_SEARCH_MS)}:1m]))`,
      'newest'
    ),
    ...(mode === 'auto'
      ? [tagged(`sum(count_over_time(${firstSelector(counterExprs(spec.indicator).total)}[5m]))`, 'rate')]
      : []),
  ];
  const frames = await instantParts(client, [...parts, ...extra], t);
  const newestS = framesToScalars(byPart(frames, 'newest')).get('');
  const newest = newestS === undefined || !Number.isFinite(newestS) ? undefined : Math.round(newestS * 1000);
  if (newest !== undefined) {
    seenNewest.set(seenKey(client, spec), newest);
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
  intervalMs: number
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
        query: tileQuery(expr, spec.groupBy, { ...o, unguarded: true }, seconds(b)),
        guarded: tileQuery(expr, spec.groupBy, o, seconds(b)),
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
  // Tiles at first .. to; the half-interval margins keep a tile whose time is a little off the grid.
  const range = promDuration(to - first + intervalMs);
  const at = seconds(to + intervalMs / 2);
  const by = spec.groupBy.length > 0 ? ` by (${spec.groupBy.join(', ')})` : '';
  const sum = (prefix: typeof RECORDED_TOTAL | typeof RECORDED_BAD) =>
    `sum${by}(sum_over_time(${recordedSelector(prefix, spec, intervalMs)}[${range}] @ ${at}))`;
  out.push({ query: sum(RECORDED_TOTAL), name: `total:${index}:2`, sign: 1 });
  // The bad tiles hold bad events whatever the indicator counts; `other` is good where the indicator counts good.
  out.push({
    query: c.bad !== undefined ? sum(RECORDED_BAD) : `${sum(RECORDED_TOTAL)} - ${sum(RECORDED_BAD)}`,
    name: `other:${index}:2`,
    sign: 1,
  });
  // Tiles present against tiles expected: fewer means history not backfilled or evaluations missed.
  out.push({
    query: `max(count_over_time(${recordedSelector(RECORDED_TOTAL, spec, intervalMs)}[${range}] @ ${at}))`,
    name: `tiles:${index}:${Math.round((to - first) / intervalMs) + 1}`,
    sign: 1,
  });
  return out;
}

/**
 * The pieces of `ranges` (each minus the SLO's exclusions) and the parts that count them: names
 * `<total|other|tiles>:<piece>:<0 start edge | 1 end edge | 2 tiles>` (bench/recorded.ts breaks the cost down by them).
 */
export function recordedCountParts(
  spec: SloSpec,
  ranges: readonly CountRange[],
  newestTile: number,
  intervalMs: number
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
  const parts = pieces.flatMap((p, i) => pieceParts(spec, p, i, newestTile, intervalMs));
  return { pieces, planned, parts };
}

/**
 * The tagged queries of recordedCounts (each distinct one once: ranges ending at t share their tail, sent under the
 * name of its first part), for sending them early (decideMode's `extra`); `answered` then takes their frames.
 */
export function recordedCountQueries(
  spec: SloSpec,
  ranges: readonly CountRange[],
  t: number,
  newestTile: number,
  opts: RecordedOptions = {}
) {
  const intervalMs = opts.intervalMs ?? RECORDED_INTERVAL_MS;
  const plan = recordedCountParts(spec, ranges, Math.min(newestTile, t), intervalMs);
  const sent = new Map<string, string>();
  const alias = new Map<string, string>();
  for (const p of plan.parts) {
    alias.set(p.name, sent.get(p.query) ?? p.name);
    if (!sent.has(p.query)) {
      sent.set(p.query, p.name);
    }
  }
  return { ...plan, sent, alias, queries: [...sent].map(([q, name]) => tagged(q, name)) };
}

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
  opts: RecordedOptions & { answered?: FrameLike[] } = {}
): Promise<RecordedCounts> {
  const groupBy = spec.groupBy;
  const { pieces, planned, parts, sent, alias, queries } = recordedCountQueries(spec, ranges, t, newestTile, opts);
  const frames = await guardResets(
    client,
    opts.answered ?? (await instantParts(client, queries, t)),
    parts,
    sent,
    groupBy,
    t
  );
  const scalars = (name: string) => framesToScalars(byPart(frames, alias.get(name) ?? name), groupBy);
  const sign = new Map(parts.map((p) => [p.name, p.sign]));
  const sumOf = (role: string, i: number) => {
    const out = new Map<string, number>();
    for (const n of [0, 1, 2]) {
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
    const tag = parts.find((p) => p.name.startsWith(`tiles:${i}:`));
    if (tag) {
      const expected = Number(tag.name.split(':')[2]);
      const seen = framesToScalars(byPart(frames, alias.get(tag.name) ?? tag.name)).get('') ?? 0;
      if (seen < expected) {
        missing.push({ piece, expected, seen });
      }
    }
  }
  const otherSeen = planned.map(
    (p) => !p.empty && [0, 1, 2].some((n) => scalars(`other:${p.pieces[0]}:${n}`).size > 0)
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
  const kept = frames.filter((f) => !f.fields.some((x) => names.has(x.labels?.[PART_LABEL] ?? '')));
  return [
    ...kept,
    ...(await instantParts(
      client,
      again.map((p) => tagged(p.guarded!, p.name)),
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
