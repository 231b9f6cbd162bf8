// Charts and the forecast's hourly history in recorded mode (docs/recorded-mode.md, docs/semantics.md sections 2 and
// 8): the same buckets as chart.ts and forecast.ts, read from the SLO's tiles (src/rules/recorded.ts) instead of raw
// counters. A bucket (e - step, e] is the sum of the tiles that end nearest its edges:
//   bucket(e) = sum of tiles at e + s - j x I, j = 0 .. step/I - 1,
// where s in [-I/2, I/2) is the tiles' grid phase against the chart's grid (0 when the rules run on it): a bucket's
// events are shifted by s, at most half a tile. Buckets after the newest tile come from recordedCounts (the tiles up
// to it plus raw data), the first of them starting where the last tile ends, so nothing is lost or counted twice.
import { budgetSeries, type Buckets } from '../engine';
import { hasRecordedMode, RECORDED_BAD, RECORDED_INTERVAL_MS, RECORDED_TOTAL, recordedName } from '../rules/recorded';
import type { SloSpec } from '../slo/types';
import { chartGrid, type ChartData, type ChartRequest } from './chart';
import type { PromClient } from './client';
import { fetchGrid, fetchGridParts, type FetchOptions, type GroupBuckets } from './fetch';
import { PART_LABEL, atSeconds, firstSelector } from './batch';
import { framesToScalars, groupLabels, type Grid } from './frames';
import { counterExprs, promDuration, withMatchers } from './promql';
import { decideMode, recordedCounts, type ModeDecision } from './recorded';
import { instantParts } from './queryLength';

const HOUR = 3_600_000;

/** Whether the SLO may be read from tiles at all (then decideMode says whether it is). */
function usesTiles(spec: SloSpec): boolean {
  return (spec.mode === 'recorded' || spec.mode === 'auto') && hasRecordedMode(spec);
}

/** The tiles' offset from a grid of multiples of `intervalMs`, in [-I/2, I/2). */
function tilePhase(newestTile: number, intervalMs: number): number {
  const p = (((newestTile + intervalMs / 2) % intervalMs) + intervalMs) % intervalMs;
  return p - intervalMs / 2;
}

/**
 * How to read the tile sums of buckets (e - step, e] on a grid of multiples of `step`: the bucket's tiles are those
 * nearest its edges, at e + s - j x I (j = 0 .. step/I - 1). Evaluated on step-aligned times, since Grafana's
 * /api/ds/query aligns a range query's start down to its step: tiles at or before e (s <= 0) are the range
 * (e - step, e] read at e; tiles just after e (s > 0) are (e + I - step, e + I], read at e + step with an offset of
 * step - I (Prometheus 2.42 has no negative offsets without a feature flag). The range is 1 ms short of the step:
 * 2.42's ranges include their start.
 */
function tileSums(
  spec: SloSpec,
  prefix: typeof RECORDED_TOTAL | typeof RECORDED_BAD,
  stepMs: number,
  newestTile: number
): { expr: string; shiftMs: number } {
  const by = spec.groupBy.length > 0 ? ` by (${spec.groupBy.join(', ')})` : '';
  const sel = withMatchers(recordedName(prefix, RECORDED_INTERVAL_MS), [{ name: 'slo', op: '=', value: spec.id }]);
  const late = tilePhase(newestTile, RECORDED_INTERVAL_MS) > 0;
  const offset = late && stepMs > RECORDED_INTERVAL_MS ? ` offset ${promDuration(stepMs - RECORDED_INTERVAL_MS)}` : '';
  return {
    expr: `sum${by}(sum_over_time(${sel}[${promDuration(stepMs - 1)}]${offset}))`,
    shiftMs: late ? stepMs : 0,
  };
}

/** Tiles answer for this SLO at `now` (one request), or undefined: raw mode answers (mode raw, auto under its limit). */
async function tilesAnswer(
  client: PromClient,
  spec: SloSpec,
  now: number,
  spanMs: number
): Promise<ModeDecision | undefined> {
  if (!usesTiles(spec)) {
    return undefined;
  }
  const decision = await decideMode(client, spec, now, spanMs);
  return decision.mode === 'recorded' ? decision : undefined;
}

/**
 * The budget chart of a `mode: recorded | auto` SLO from its tiles, or undefined when raw mode answers (chart.ts then
 * reads raw data). Requests: the mode decision, two range queries of tile sums (chunked and cached by fetchGrid), and
 * one instant query for the buckets after the newest tile.
 */
export async function loadRecordedChart(
  client: PromClient,
  spec: SloSpec,
  req: ChartRequest,
  opts: FetchOptions = {}
): Promise<ChartData | undefined> {
  const { now, end, dataFrom, step, firstEnd, count } = chartGrid(spec, req, RECORDED_INTERVAL_MS);
  const decision = await tilesAnswer(client, spec, now, end - dataFrom);
  if (!decision) {
    return undefined;
  }
  const newest = Math.min(decision.newestTile!, now);
  // Buckets whose last tile is recorded come from tile sums; the rest from recordedCounts.
  const s = tilePhase(newest, RECORDED_INTERVAL_MS);
  const tiled = Math.max(0, Math.min(count, Math.floor((newest - s - firstEnd) / step) + 1));
  const o = { ...opts, groupBy: spec.groupBy, now };
  const sums = (prefix: typeof RECORDED_TOTAL | typeof RECORDED_BAD) => {
    const { expr, shiftMs } = tileSums(spec, prefix, step, newest);
    return fetchGrid(client, expr, { firstEnd: firstEnd + shiftMs, step, count: tiled }, o);
  };
  const [total, bad] =
    tiled > 0
      ? await Promise.all([sums(RECORDED_TOTAL), sums(RECORDED_BAD)])
      : [new Map<string, Float64Array>(), new Map<string, Float64Array>()];
  const tail = Array.from({ length: count - tiled }, (_, i) => {
    const e = firstEnd + (tiled + i) * step;
    return { start: i === 0 && tiled > 0 ? e - step + s : e - step, end: e };
  });
  // Exclusions are the engine's business in charts (budgetSeries drops their buckets), as in chart.ts.
  const { counts } = tail.length
    ? await recordedCounts(client, { ...spec, exclusions: [] }, tail, now, newest)
    : { counts: [] };
  const keys = new Set([...total.keys(), ...counts.flatMap((m) => [...m.keys()])]);
  const otherIsBad = counterExprs(spec.indicator).bad !== undefined;
  const buckets = [...keys].sort().map((key) => {
    const b: Buckets = {
      firstEnd,
      step,
      bad: new Float64Array(count).fill(NaN),
      total: new Float64Array(count).fill(NaN),
    };
    fillTiles(b, total.get(key), bad.get(key), tiled, otherIsBad);
    counts.forEach((m, i) => {
      const c = m.get(key);
      if (c) {
        b.total[tiled + i] = c.total;
        b.bad[tiled + i] = c.bad;
      }
    });
    return { key, b };
  });
  await spreadGaps(client, spec, buckets, tiled, now);
  const groups = buckets.map(({ key, b }) => {
    return {
      key,
      labels: groupLabels(key, spec.groupBy),
      buckets: b,
      series: budgetSeries(b, spec.window, spec.objective, spec.exclusions),
    };
  });
  return { step, dataFrom, groups };
}

/** Tile sums into the first `n` buckets of b; as fetch.ts does for raw buckets, no bad series is 0 bad events, no good
 * series is all bad. */
function fillTiles(
  b: Buckets,
  total: Float64Array | undefined,
  bad: Float64Array | undefined,
  n: number,
  otherIsBad: boolean
) {
  b.total.set(total ?? new Float64Array(n).fill(NaN));
  b.bad.set(bad ?? new Float64Array(n).fill(NaN));
  for (let i = 0; i < n; i++) {
    if (b.bad[i] !== b.bad[i] && b.total[i] === b.total[i]) {
      b.bad[i] = otherIsBad ? 0 : b.total[i];
    }
  }
}

/** At most this many runs of empty buckets are checked for a scrape gap per chart (one request for all of them). */
const MAX_GAP_RUNS = 8;

/**
 * Scrape gaps: a tile inside a gap holds 0 events (its newest sample is the one before the gap) and the tile after it
 * holds the whole gap's. Runs of tile buckets without events, followed by a bucket with some, whose raw counters have
 * no sample in them (one instant query for every run, reading only the run's samples: none in a gap) are a gap: the
 * next bucket's events are spread evenly over the run and itself, as the raw chart's reconciliation spreads a gap's
 * shortfall (engine/reconcile.ts).
 */
async function spreadGaps(
  client: PromClient,
  spec: SloSpec,
  groups: ReadonlyArray<{ key: string; b: Buckets }>,
  tiled: number,
  now: number
): Promise<void> {
  const runs: Array<{ key: string; b: Buckets; from: number; to: number }> = [];
  for (const { key, b } of groups) {
    for (let i = 0; i < tiled - 1 && runs.length < MAX_GAP_RUNS; i++) {
      let j = i;
      while (j < tiled - 1 && b.total[j] === 0) {
        j++;
      }
      if (j > i && b.total[j] > 0) {
        runs.push({ key, b, from: i, to: j });
      }
      i = j;
    }
  }
  if (runs.length === 0) {
    return;
  }
  const sel = firstSelector(counterExprs(spec.indicator).total);
  const by = spec.groupBy.length > 0 ? ` by (${spec.groupBy.join(', ')})` : '';
  const step = groups[0].b.step;
  const parts = runs.map(({ b, from, to }, n) => {
    const end = b.firstEnd + (to - 1) * step;
    // 1 ms short of the run: Prometheus 2.42's ranges include their start, the sample before the gap.
    const q = `sum${by}(count_over_time(${sel}[${promDuration((to - from) * step - 1)}] @ ${(end / 1000).toFixed(3)}))`;
    return `label_replace(${q}, "${PART_LABEL}", "gap${n}", "", "")`;
  });
  const frames = await instantParts(client, parts, now);
  runs.forEach(({ key, b, from, to }, n) => {
    const mine = frames.filter((f) => f.fields.some((x) => x.labels?.[PART_LABEL] === `gap${n}`));
    if ((framesToScalars(mine, spec.groupBy).get(key) ?? 0) > 0) {
      return;
    }
    const share = 1 / (to - from + 1);
    const [total, bad] = [b.total[to] * share, b.bad[to] * share];
    for (let i = from; i <= to; i++) {
      b.total[i] = total;
      b.bad[i] = bad;
    }
  });
}

/** The newest tile that answers for `recorded` at t (the status's decision's, else one request), or undefined. */
async function newestAnswering(
  client: PromClient,
  recorded: RecordedTiles,
  t: number,
  spanMs: number
): Promise<number | undefined> {
  if (!usesTiles(recorded.spec)) {
    return undefined;
  }
  if (recorded.newestTile !== undefined) {
    return recorded.newestTile;
  }
  return (await tilesAnswer(client, recorded.spec, t, spanMs))?.newestTile ?? undefined;
}

/**
 * What fetchTrafficHistory reads in recorded mode: the hourly tile sums and the shift of their (step-aligned) grid, or
 * undefined when raw mode answers. `newestTile` (from the status's decision) saves the decision's request.
 */
export async function recordedHourly(
  client: PromClient,
  recorded: RecordedTiles,
  t: number,
  spanMs: number
): Promise<{ expr: string; shiftMs: number } | undefined> {
  const newest = await newestAnswering(client, recorded, t, spanMs);
  return newest === undefined ? undefined : tileSums(recorded.spec, RECORDED_TOTAL, HOUR, newest);
}

/**
 * An SLO's tiles for the hourly reads; `newestTile` from the status's decision (saves a request), or a promise of it
 * when the decision comes after the hourly read (a first load: src/query/recordedStatus.ts), which then reports the
 * newest tile it saw at or before t through `onTile` (undefined if none, or if it reads no hourly buckets).
 */
export interface RecordedTiles {
  spec: SloSpec;
  newestTile?: number | Promise<number | undefined>;
  onTile?: (tile: number | undefined) => void;
}

/**
 * Tile sums on a grid of multiples of `stepMs` whatever the tiles' phase: bucket (e - step, e] takes the tiles in
 * [e - step + I/2, e + I/2), the same tiles as tileSums' for any phase s in [-I/2, I/2) (e + s - j x I, j = 0 ..
 * step/I - 1), read at e + step (step-aligned) with an offset of step - I/2 + 1 ms, over a range 1 ms short of the step
 * (2.42's ranges include their start): the read needs no newest tile, and its text (the cache's key) never changes.
 */
function nearestTileSums(spec: SloSpec, prefix: typeof RECORDED_TOTAL | typeof RECORDED_BAD, stepMs: number) {
  const by = spec.groupBy.length > 0 ? ` by (${spec.groupBy.join(', ')})` : '';
  const sel = withMatchers(recordedName(prefix, RECORDED_INTERVAL_MS), [{ name: 'slo', op: '=', value: spec.id }]);
  const offset = promDuration(stepMs - RECORDED_INTERVAL_MS / 2 + 1);
  return { expr: `sum${by}(sum_over_time(${sel}[${promDuration(stepMs - 1)}] offset ${offset}))`, shiftMs: stepMs };
}

/**
 * recordedHourly's hours with bad events too (the overview's trend sums them, forecast.ts: fetchHourlyBuckets): the
 * hourly sums of the total and bad tiles (nearestTileSums), and with the requests sent the newest tile at t, tagged in
 * one request per chunk (fetchGridParts); undefined when raw mode answers ([] when a pending decision says raw: its caller drops it).
 * The read needs no decision before it: with a promise of the newest tile, it reports the newest tile it saw at or
 * before t through onTile, then waits for the decision (a first load: src/query/recordedStatus.ts).
 */
export async function recordedHourlyBuckets(
  client: PromClient,
  recorded: RecordedTiles,
  grid: Grid,
  t: number,
  opts: FetchOptions = {}
): Promise<GroupBuckets[] | undefined> {
  const { spec } = recorded;
  if (!usesTiles(spec)) {
    recorded.onTile?.(undefined);
    return undefined;
  }
  // Decided before the read (known, or one request), or after it (a promise).
  const decided = recorded.newestTile ?? (await newestAnswering(client, recorded, t, grid.count * HOUR));
  if (decided === undefined) {
    return undefined;
  }
  const sel = withMatchers(recordedName(RECORDED_TOTAL, RECORDED_INTERVAL_MS), [
    { name: 'slo', op: '=', value: spec.id },
  ]);
  const total = nearestTileSums(spec, RECORDED_TOTAL, HOUR);
  const read = { ...grid, firstEnd: grid.firstEnd + total.shiftMs };
  const parts = {
    total: total.expr,
    bad: nearestTileSums(spec, RECORDED_BAD, HOUR).expr,
  };
  // The newest tile at t, `@`-pinned: step-invariant, so Prometheus reads it once per request. Unpinned, 2.42 re-seeks
  // the series from the range's start at every step (47 ms of CPU for a 4-week hourly read: docs/recorded-mode.md).
  // Only the requests sent carry it (not the cache: its text changes with t).
  const fresh = { newest: `max(timestamp(${sel} @ ${atSeconds(t)}))` };
  let sums: Map<string, Map<string, Float64Array>>;
  try {
    sums = await fetchGridParts(client, parts, read, { ...opts, groupBy: spec.groupBy }, fresh);
  } catch (e) {
    recorded.onTile?.(undefined);
    throw e;
  }
  recorded.onTile?.(newestTileIn(sums.get('newest'), t));
  if ((await decided) === undefined) {
    return [];
  }
  const otherIsBad = counterExprs(spec.indicator).bad !== undefined;
  return [...(sums.get('total')?.keys() ?? [])].sort().map((key) => {
    const b: Buckets = {
      firstEnd: grid.firstEnd,
      step: HOUR,
      bad: new Float64Array(grid.count),
      total: new Float64Array(grid.count),
    };
    fillTiles(b, sums.get('total')?.get(key), sums.get('bad')?.get(key), grid.count, otherIsBad);
    return { key, buckets: b };
  });
}

/**
 * The newest tile at or before t (within the lookback delta: rules that did not record then have likely stopped, and a
 * guess from an older tile would mostly fail), from any point of the `@ t` part, or undefined (no tile, or the
 * request was served from the cache).
 */
function newestTileIn(newest: Map<string, Float64Array> | undefined, t: number): number | undefined {
  const values = newest?.values().next().value as Float64Array | undefined;
  const v = values?.find((x) => Number.isFinite(x));
  return v === undefined || v * 1000 > t ? undefined : Math.round(v * 1000);
}
