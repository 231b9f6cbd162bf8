// `npm run bench:recorded`: samples Prometheus reads (stats=all, totalQueryableSamples) for one high-cardinality SLO's
// status in raw and in recorded mode (docs/recorded-mode.md): the generator's 1000-series scenario, the recorded rules
// backfilled with promtool, a rolling 1-day SLO near the data's end, evaluated at PHASES_S seconds past a tile edge
// (the raw edges' length, so recorded mode's cost, follows where t falls on the tiles' grid); min/median/max ratio
// over the phases. Then the same over a week of data with a rolling 7-day SLO (`--long`, or BENCH_RECORDED_LONG=1).
// Recorded mode's samples are broken down by part (the raw start edges, the raw tail, the tiles). Printed, not
// asserted; bench:queries reads measureHighCardinality() and reports the worst phase.
import { windowAt, statusLookbacks } from '../src/engine';
import { ChunkCache } from '../src/query/cache';
import { decideMode, recordedCountParts } from '../src/query/recorded';
import { evaluateSlo } from '../src/query/status';
import { RECORDED_INTERVAL_MS } from '../src/rules/recorded';
import type { SloSpec } from '../src/slo/types';
import { hcSpec, startHcBackend } from '../tests/integration/recordedHc';
import { StatsClient } from './promStats';

const HOUR = 3_600_000;

/** Samples of each part of the recorded count query, summed by kind (start edges, end edges = tail, tiles). */
async function breakdown(url: string, spec: ReturnType<typeof hcSpec>, t: number, plan: number) {
  const client = new StatsClient(url);
  const window = windowAt(t, spec.window);
  const lookbacks = statusLookbacks(spec, t);
  const decision = await decideMode(client, spec, t, window.end - window.start);
  const ranges = [window, ...lookbacks.map((ms) => ({ start: t - ms, end: t }))];
  const { parts } = recordedCountParts(spec, ranges, decision.newestTile!, RECORDED_INTERVAL_MS);
  const out = { plan, startEdges: 0, tail: 0, tiles: 0 };
  const seen = new Set<string>();
  for (const p of parts) {
    if (seen.has(p.query)) {
      continue;
    }
    seen.add(p.query);
    const c = new StatsClient(url);
    await c.instant(p.query, t);
    const n = p.name.split(':');
    const kind = n[0] === 'tiles' || n[2] === '2' || n[2] === '3' ? 'tiles' : n[2] === '0' ? 'startEdges' : 'tail';
    out[kind] += c.samples;
  }
  return out;
}

/** Seconds past a tile edge at which the status is evaluated: the raw edges' length follows this phase. */
export const PHASES_S = [0, 37, 150, 299];

/** One evaluation instant: raw and recorded samples of the status at t. */
export interface PhaseMeasure {
  /** Seconds past the tile edge before t. */
  phaseS: number;
  rawSamples: number | null;
  rawError?: string;
  recordedSamples: number;
  ratio: number | null;
  /** Recorded mode's samples by part, each distinct query read once on its own. */
  breakdown: { plan: number; startEdges: number; tail: number; tiles: number };
  /** A load at t with a page cache, then a refresh at t + 30 s with the same cache (recorded): samples, requests. */
  refresh: { first: number; firstRequests: number; again: number; againRequests: number; pct: number };
}

export interface HighCardinalityMeasure {
  phases: PhaseMeasure[];
  /** Of the phases' ratios (null when raw failed at every phase). */
  /** Over the phases where raw answered (`of` of them). */
  ratio: { min: number; median: number; max: number; of: number } | null;
  /** Seconds per setup stage (blocks, rules backfill, ...). */
  timings?: Record<string, number>;
}

async function measurePhase(
  url: string,
  spec: (mode: 'raw' | 'recorded') => SloSpec,
  windowMs: number,
  t: number,
  phaseS: number
): Promise<PhaseMeasure> {
  let raw = new StatsClient(url);
  let rawError: string | undefined;
  // Raw reads about 8 M samples: on a loaded machine it may hit Prometheus' 2-minute timeout; one retry.
  for (let attempt = 0; attempt < 2; attempt++) {
    raw = new StatsClient(url);
    try {
      await evaluateSlo(raw, spec('raw'), t);
      rawError = undefined;
      break;
    } catch (e) {
      rawError = e instanceof Error ? e.message : String(e);
    }
  }
  const recorded = new StatsClient(url);
  const [status] = await evaluateSlo(recorded, spec('recorded'), t);
  if (status.answeredBy?.mode !== 'recorded') {
    throw new Error(`recorded mode did not answer: ${status.answeredBy?.reason}`);
  }
  const plan = new StatsClient(url);
  await decideMode(plan, spec('recorded'), t, windowMs);
  const rawSamples = rawError === undefined ? raw.samples : null;
  // The page's cache: the settled tiles' sums are kept (src/query/recorded.ts: settledSplit), `now` is the status' t.
  const cache = new ChunkCache();
  const first = new StatsClient(url);
  await evaluateSlo(first, spec('recorded'), t, { now: t, cache });
  const again = new StatsClient(url);
  await evaluateSlo(again, spec('recorded'), t + 30_000, { now: t + 30_000, cache });
  const refresh = {
    first: first.samples,
    firstRequests: first.requests,
    again: again.samples,
    againRequests: again.requests,
    pct: (again.samples / first.samples) * 100,
  };
  return {
    refresh,
    phaseS,
    rawSamples,
    ...(rawError !== undefined ? { rawError } : {}),
    recordedSamples: recorded.samples,
    ratio: rawSamples === null ? null : rawSamples / recorded.samples,
    breakdown: await breakdown(url, spec('recorded'), t, plan.samples),
  };
}

/**
 * Raw vs recorded samples of the status at several instants near the data's end, PHASES_S past a tile edge (the
 * tiles recorded up to the end): 36 h of data and a 1-day window by default.
 */
export async function measureHighCardinality(
  opts: { hours?: number; windowMs?: number } = {}
): Promise<HighCardinalityMeasure> {
  const windowMs = opts.windowMs ?? 24 * HOUR;
  const spec = (mode: 'raw' | 'recorded') => hcSpec(mode, [], windowMs);
  const be = await startHcBackend([spec('recorded')], { hours: opts.hours });
  try {
    // A tile edge 10 minutes before the newest tile: every phase has tiles after it (the tail is at most one tile).
    const newest = (await decideMode(new StatsClient(be.url), spec('recorded'), be.hc.endMs, windowMs)).newestTile!;
    const edge = newest - 2 * RECORDED_INTERVAL_MS;
    // The first raw read after the restart timed out (Prometheus' 2 minutes) in two runs on a loaded machine: warm up.
    await evaluateSlo(new StatsClient(be.url), spec('raw'), edge).catch(() => undefined);
    const phases: PhaseMeasure[] = [];
    for (const phaseS of PHASES_S) {
      phases.push(await measurePhase(be.url, spec, windowMs, edge + phaseS * 1000, phaseS));
    }
    const ratios = phases.flatMap((p) => (p.ratio === null ? [] : [p.ratio])).sort((a, b) => a - b);
    return {
      phases,
      ratio:
        ratios.length === 0
          ? null
          : { min: ratios[0], median: median(ratios), max: ratios[ratios.length - 1], of: ratios.length },
      timings: be.timings,
    };
  } finally {
    await be.stop();
  }
}

function median(sorted: readonly number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

function line(what: string, m: HighCardinalityMeasure): string {
  const phases = m.phases.map((p) => {
    const b = p.breakdown;
    return (
      `  ${p.phaseS} s past a tile edge: raw ${p.rawSamples ?? `failed (${p.rawError})`} samples, recorded ` +
      `${p.recordedSamples}${p.ratio !== null ? ` (${p.ratio.toFixed(1)}x)` : ''}; parts read alone: plan ${b.plan}, ` +
      `start edges ${b.startEdges}, tail ${b.tail}, tiles ${b.tiles}; with a page cache ${p.refresh.first} ` +
      `(${p.refresh.firstRequests} requests), refresh +30 s ${p.refresh.again} (${p.refresh.againRequests} ` +
      `requests, ${p.refresh.pct.toFixed(1)}%)\n`
    );
  });
  const r = m.ratio;
  return (
    `recorded mode, 1000 series, ${what}:\n${phases.join('')}` +
    (r ? `  recorded fewer samples than raw: min ${r.min.toFixed(1)}x, median ${r.median.toFixed(1)}x, ` : '  ') +
    (r ? `max ${r.max.toFixed(1)}x over the ${r.of} of ${m.phases.length} phases where raw answered` : 'raw failed') +
    ` (setup ${JSON.stringify(m.timings)})\n`
  );
}

if (require.main === module) {
  const long = process.argv.includes('--long') || process.env.BENCH_RECORDED_LONG === '1';
  (async () => {
    process.stdout.write(line('rolling 1d status on 36 h', await measureHighCardinality()));
    if (long) {
      const m = await measureHighCardinality({ hours: 7 * 24, windowMs: 7 * 24 * HOUR });
      process.stdout.write(line('rolling 7d status on 7 days', m));
    }
  })().catch((e: unknown) => {
    process.stderr.write(`bench:recorded failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
