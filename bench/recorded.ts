// `npm run bench:recorded`: samples Prometheus reads (stats=all, totalQueryableSamples) for one high-cardinality SLO's
// status in raw and in recorded mode (docs/recorded-mode.md): the generator's 1000-series scenario, the recorded rules
// backfilled with promtool, a rolling 1-day SLO at the data's end; then the same over a week of data with a rolling
// 7-day SLO (`--long`, or BENCH_RECORDED_LONG=1). Recorded mode's samples are broken down by part (the raw start edges,
// the raw tail, the tiles). Printed, not asserted; the lead's bench:queries reads measureHighCardinality().
import { windowAt, statusLookbacks } from '../src/engine';
import { decideMode, recordedCountParts } from '../src/query/recorded';
import { evaluateSlo } from '../src/query/status';
import { RECORDED_INTERVAL_MS } from '../src/rules/recorded';
import { hcSpec, startHcBackend } from '../tests/integration/recordedHc';
import { StatsClient } from './promStats';

const HOUR = 3_600_000;

export interface HighCardinalityMeasure {
  /** Samples read by the raw status; null when Prometheus refused it. */
  rawSamples: number | null;
  rawError?: string;
  recordedSamples: number;
  /** rawSamples / recordedSamples. */
  ratio: number | null;
  /** Recorded mode's samples by part, each distinct query read once on its own. */
  breakdown?: { plan: number; startEdges: number; tail: number; tiles: number };
  /** Seconds per setup stage (blocks, rules backfill, ...). */
  timings?: Record<string, number>;
}

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
    const kind = n[0] === 'tiles' || n[2] === '2' ? 'tiles' : n[2] === '0' ? 'startEdges' : 'tail';
    out[kind] += c.samples;
  }
  return out;
}

/** Raw vs recorded samples of the status at the data's end: 36 h of data and a 1-day window by default. */
export async function measureHighCardinality(
  opts: { hours?: number; windowMs?: number } = {}
): Promise<HighCardinalityMeasure> {
  const windowMs = opts.windowMs ?? 24 * HOUR;
  const spec = (mode: 'raw' | 'recorded') => hcSpec(mode, [], windowMs);
  const be = await startHcBackend([spec('recorded')], { hours: opts.hours });
  try {
    const t = be.hc.endMs;
    const raw = new StatsClient(be.url);
    let rawError: string | undefined;
    try {
      await evaluateSlo(raw, spec('raw'), t);
    } catch (e) {
      rawError = e instanceof Error ? e.message : String(e);
    }
    const recorded = new StatsClient(be.url);
    const [status] = await evaluateSlo(recorded, spec('recorded'), t);
    if (status.answeredBy?.mode !== 'recorded') {
      throw new Error(`recorded mode did not answer: ${status.answeredBy?.reason}`);
    }
    const plan = new StatsClient(be.url);
    await decideMode(plan, spec('recorded'), t, windowMs);
    const rawSamples = rawError === undefined ? raw.samples : null;
    return {
      rawSamples,
      ...(rawError !== undefined ? { rawError } : {}),
      recordedSamples: recorded.samples,
      ratio: rawSamples === null ? null : rawSamples / recorded.samples,
      breakdown: await breakdown(be.url, spec('recorded'), t, plan.samples),
      timings: be.timings,
    };
  } finally {
    await be.stop();
  }
}

function line(what: string, m: HighCardinalityMeasure): string {
  const b = m.breakdown;
  return (
    `recorded mode, 1000 series, ${what}: raw ${m.rawSamples ?? `failed (${m.rawError})`} samples, ` +
    `recorded ${m.recordedSamples} samples` +
    (m.ratio !== null ? `: recorded ${m.ratio.toFixed(1)}x fewer samples than raw` : '') +
    (b ? ` (parts read alone: plan ${b.plan}, start edges ${b.startEdges}, tail ${b.tail}, tiles ${b.tiles})` : '') +
    ` setup ${JSON.stringify(m.timings)}\n`
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
