// The overview's loader alone, in Node (`BENCH_NODE=1 npm run bench:overview`; the default is the browser host,
// overview.bench.ts): N calendar-quarter ratio SLOs loaded through src/pages/Overview/loadStatuses.ts (figures and
// trends) against the generator's Prometheus, then a refresh 30 s later with the same chunk cache (BENCH_REFRESH=0
// skips it). Samples are Prometheus' own count (stats=all). It measures the queries, not the rendering.
import { loadStatuses, loadTrend, type StatusDeps } from '../src/pages/Overview/loadStatuses';
import { ChunkCache, evaluateOnce } from '../src/query';
import type { TrendPoints } from '../src/pages/Overview/domain/overviewRow';
import type { SloSpec } from '../src/slo/types';
import { quarterSlos, StatsClient } from './promStats';

interface Measure {
  requests: number;
  instants: number;
  ranges: number;
  samples: number;
  ms: number;
  figuresMs: number;
  /** Samples when the last row's figures arrived (with the trends that need no request). */
  figuresSamples: number;
  /** Requests when the last row's figures arrived. */
  figuresRequests: number;
  rows: number;
  trends: number;
}

async function load(url: string, slos: SloSpec[], t: number, cache: ChunkCache): Promise<Measure> {
  const client = new StatsClient(url);
  const deps: StatusDeps = {
    clientFor: () => client,
    // now = the overview's time, so "settled" means what it would mean to a user looking at t (split counts).
    evaluate: (c, spec, at, opts) => evaluateOnce(c, spec, at, { cache, now: at, ...opts }),
    trend: (c, spec, at, statuses) => loadTrend(c, spec, at, cache, statuses),
  };
  let rows = 0;
  let trends = 0;
  const countTrend = (trend: TrendPoints | undefined) => {
    trends += trend && trend.value.some((v) => !Number.isNaN(v)) ? 1 : 0;
  };
  let figuresMs = 0;
  let figuresSamples = 0;
  let figuresRequests = 0;
  const t0 = performance.now();
  await loadStatuses(
    slos,
    t,
    (row) => {
      rows++;
      // Calendar and fixed windows' trends come with their row; rolling windows' by the trend callback.
      countTrend(row.trend);
      if (row.status === 'error') {
        throw new Error(`${row.id}: ${row.message}`);
      }
      if (rows === slos.length) {
        figuresMs = performance.now() - t0;
        figuresSamples = client.samples;
        figuresRequests = client.requests;
      }
    },
    deps,
    () => false,
    (_id, trend) => countTrend(trend)
  );
  return {
    requests: client.requests,
    instants: client.instants,
    ranges: client.ranges,
    samples: client.samples,
    ms: performance.now() - t0,
    figuresMs,
    figuresSamples,
    figuresRequests,
    rows,
    trends,
  };
}

function detail(label: string, n: number, m: Measure): string {
  return (
    `  ${label}: ${m.requests} requests (${m.instants} instant, ${m.ranges} range), ` +
    `${m.samples.toLocaleString('en-US')} samples (${Math.round(m.samples / n).toLocaleString('en-US')} per SLO), ` +
    `figures in ${Math.round(m.figuresMs)} ms (${m.figuresRequests} requests, ` +
    `${m.figuresSamples.toLocaleString('en-US')} samples), with trends ${Math.round(m.ms)} ms; ` +
    `${m.rows} rows, ${m.trends} trends`
  );
}

/** Per N: the loader's first load, a refresh 30 s later, and the line `overview: <N> SLOs, ... (node)`. */
export async function nodeOverviewBench(url: string, sizes: number[], t: number): Promise<void> {
  process.stdout.write(`Prometheus ${url}; overview loader in Node at ${new Date(t).toISOString()}\n`);
  for (const n of sizes) {
    const slos = quarterSlos(n);
    const cache = new ChunkCache();
    const first = await load(url, slos, t, cache);
    process.stdout.write(`${detail('first load', n, first)}\n`);
    // BENCH_REFRESH=0 skips the refresh (it costs as long as the first load).
    if (process.env.BENCH_REFRESH !== '0') {
      const refresh = await load(url, slos, t + 30_000, cache);
      process.stdout.write(`${detail('refresh +30 s', n, refresh)}\n`);
      process.stdout.write(
        `  refresh costs ${((refresh.samples / first.samples) * 100).toFixed(1)}% of the first load's samples\n`
      );
    }
    process.stdout.write(
      `overview: ${n} SLOs, ${(first.requests / n).toFixed(1)} requests per SLO, ` +
        `${first.samples.toLocaleString('en-US')} samples, ${Math.round(first.ms)} ms (node)\n`
    );
  }
}
