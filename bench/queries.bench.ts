// What Burndown's queries cost against the raw floor and against other tools' styles (docs/semantics.md section 8,
// docs/performance.md), on the generator's Prometheus 2.42 (started here with tests/integration/servers.ts), at
// 2026-08-20T12:00Z (51.5 days into Q3, scrape gap and incidents behind):
// - the raw floor: the counters' raw samples in the quarter so far (`count_over_time` of total and bad over the window);
// - a quarter view (the detail page: figures + chart of the quarter) for 1 SLO, then a refresh 30 s later with the same
//   page cache;
// - the overview (figures + trends, src/pages/Overview/loadStatuses.ts) for 1 and 200 quarter SLOs: requests per SLO,
//   samples, ms, Prometheus CPU (process_cpu_seconds_total delta), and a refresh 30 s later;
// - beside them, the same quarter viewed Pyrra-style (a range query of `increase(x[4w])` at 1 h steps over the
//   quarter so far, plus the figure), Sloth-style (`[30d:5m]` subqueries of 5-minute rates) and Grafana-SLO-style
//   (`sum_over_time(rate5m[28d:5m])`): figures only for the last two (their range form would evaluate a 30-day subquery
//   at every step). Prometheus 2.42 leaves a subquery's inner reads out of its sample count: compare their CPU.
// Samples are Prometheus' own count (stats=all). Prints figures only; the last line is the summary.
// Run with `npm run bench:queries` (BENCH_SIZES=1 skips the 200-SLO overview).
import { windowAt } from '../src/engine';
import { loadStatuses, loadTrend, type StatusDeps } from '../src/pages/Overview/loadStatuses';
import { ChunkCache, composedCounts, evaluateOnce, loadBudgetChart } from '../src/query';
import type { SloSpec } from '../src/slo/types';
import { promCpuSeconds, quarterSlos, runOnGeneratorPrometheus, StatsClient } from './promStats';
import { measureHighCardinality } from './recorded';

interface Cost {
  requests: number;
  samples: number;
  ms: number;
  cpu: number;
}

/** Samples by query kind: each request, and each tagged part of a batched instant query asked alone. */
type Breakdown = Map<string, { requests: number; samples: number }>;

const PART_END = /(?<=, "__burndown_part", "[^"]+", "", ""\)) or /;

/** What a query (or one tagged part of a batch) reads, in words. */
function queryKind(query: string, stepMs?: number): string {
  const part = /"__burndown_part", "([^":]+)/.exec(query)?.[1];
  const span = /\[(\d+)s\]/.exec(query)?.[1];
  if (stepMs !== undefined) {
    if (/count_over_time/.test(query)) {
      return 'chart: samples per bucket (gap detection)';
    }
    // The chart's bucket edges checked as split points, for the pieces it offers the status (chartPieces.ts).
    if (/last_over_time/.test(query)) {
      return 'chart: edge checks';
    }
    // The chart's buckets read bad with total (tagged parts), at its step or at 1 h over its hourly tail (chart.ts).
    if (part === 'total' && /"__burndown_part", "other"/.test(query)) {
      return stepMs === 3_600_000 ? 'chart: per-step increases (hourly tail)' : 'chart: per-step increases';
    }
    // The burn-down's hourly traffic history (forecast.ts) reads total only, at 1 h steps.
    return stepMs === 3_600_000 && span === '3600' ? 'burn-down: hourly traffic history' : 'chart: per-step increases';
  }
  if (part === 'total' || part === 'other') {
    const days = Number(span) / 86_400;
    return `counts: ${days >= 1 ? `${days.toFixed(1)} d` : `${(Number(span) / 60).toFixed(0)} min`} piece`;
  }
  return part ? `${part} parts` : 'other instant';
}

async function measure(url: string, fn: (client: StatsClient) => Promise<void>, breakdown?: Breakdown): Promise<Cost> {
  const client = new StatsClient(url);
  const asked: Array<{ query: string; stepMs?: number; samples: number }> = [];
  if (breakdown) {
    client.onQuery = (query, samples, stepMs) => asked.push({ query, stepMs, samples });
  }
  const cpu0 = await promCpuSeconds(url);
  const t0 = performance.now();
  await fn(client);
  const ms = performance.now() - t0;
  const cost = { requests: client.requests, samples: client.samples, ms, cpu: (await promCpuSeconds(url)) - cpu0 };
  if (breakdown) {
    await breakDown(url, asked, breakdown);
  }
  return cost;
}

/** Attribute each request's samples to kinds; a batch's parts are asked again one by one (at the batch's time). */
async function breakDown(
  url: string,
  asked: Array<{ query: string; stepMs?: number; samples: number }>,
  out: Breakdown
): Promise<void> {
  const add = (kind: string, samples: number, requests: number) => {
    const e = out.get(kind) ?? { requests: 0, samples: 0 };
    out.set(kind, { requests: e.requests + requests, samples: e.samples + samples });
  };
  for (const a of asked) {
    const parts = a.stepMs !== undefined ? [] : a.query.split(PART_END);
    if (parts.length <= 1) {
      add(queryKind(a.query, a.stepMs), a.samples, 1);
      continue;
    }
    add('(batched instant requests)', 0, 1);
    for (const part of parts) {
      const alone = new StatsClient(url);
      // Every part of a batch is pinned with `@` or evaluated at the batch's time; the batch's time is the bench's t.
      await alone.instant(part, BENCH_T);
      add(queryKind(part), alone.samples, 0);
    }
  }
}

function showBreakdown(b: Breakdown, floor: number): string {
  return [...b]
    .sort((x, y) => y[1].samples - x[1].samples)
    .map(
      ([kind, c]) =>
        `    ${kind}: ${n(c.samples)} samples (${(c.samples / floor).toFixed(2)}x floor), ${c.requests} req`
    )
    .join('\n');
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');

function show(label: string, c: Cost, per = 1): string {
  return (
    `  ${label}: ${c.requests} requests (${(c.requests / per).toFixed(1)} per SLO), ${n(c.samples)} samples` +
    `${per > 1 ? ` (${n(c.samples / per)} per SLO)` : ''}, ${n(c.ms)} ms, Prometheus CPU ${c.cpu.toFixed(2)} s`
  );
}

/** The detail page's reads for one SLO at t: the status (figures, burn-down) and the quarter's chart. */
async function quarterView(client: StatsClient, spec: SloSpec, t: number, cache: ChunkCache): Promise<void> {
  const o = { cache, now: t };
  const window = windowAt(t, spec.window);
  // As src/shared/budget/sloBudget.ts: the burn-down's forecast takes its hours from the chart's hourly tail.
  const chart = loadBudgetChart(client, spec, { from: window.start, to: t, now: t }, o);
  const history = chart.then((c) => c.hourly).catch(() => undefined);
  await Promise.all([evaluateOnce(client, spec, t, { ...o, history }), chart]);
}

async function overview(client: StatsClient, slos: SloSpec[], t: number, cache: ChunkCache): Promise<void> {
  const deps: StatusDeps = {
    clientFor: () => client,
    evaluate: (c, spec, at, opts) => evaluateOnce(c, spec, at, { cache, now: at, ...opts }),
    trend: (c, spec, at, statuses) => loadTrend(c, spec, at, cache, statuses),
  };
  await loadStatuses(
    slos,
    t,
    (row) => {
      if (row.status === 'error') {
        throw new Error(`${row.id}: ${row.message}`);
      }
    },
    deps,
    () => false,
    () => undefined
  );
}

const BENCH_T = Date.UTC(2026, 7, 20, 12);

runOnGeneratorPrometheus(async (url) => {
  const sizes = (process.env.BENCH_SIZES ?? '1,200').split(',').map(Number);
  const t = BENCH_T;
  const [spec] = quarterSlos(1);
  const ind = spec.indicator as { bad: string; total: string };
  const window = windowAt(t, spec.window);
  const span = `${(t - window.start) / 1000}s`;
  process.stdout.write(
    `Prometheus ${url}; quarter so far ${new Date(window.start).toISOString()} .. ${new Date(t).toISOString()}\n`
  );

  // The raw floor: every raw sample of the two counters in the window, read once.
  let floor = 0;
  await measure(url, async (c) => {
    for (const sel of [ind.total, ind.bad]) {
      const [f] = await c.instant(`sum(count_over_time(${sel}[${span}]))`, t);
      const v = f?.fields.find((x) => x.type === 'number')?.values as ArrayLike<number> | undefined;
      floor += v?.[0] ?? 0;
    }
  });
  process.stdout.write(`raw floor: ${n(floor)} samples (total and bad, ${span})\n`);

  // The quarter view of one SLO, first load and a refresh 30 s later with the same page cache.
  const cache = new ChunkCache();
  const breakdown: Breakdown = new Map();
  const view = await measure(url, (c) => quarterView(c, spec, t, cache), breakdown);
  const viewRefresh = await measure(url, (c) => quarterView(c, spec, t + 30_000, cache));
  const viewFactor = view.samples / floor;
  const refreshPct = (viewRefresh.samples / view.samples) * 100;
  process.stdout.write(`quarter view (figures + chart), 1 SLO:\n${show('first load', view)}\n`);
  process.stdout.write(`${show('refresh +30 s', viewRefresh)} (${refreshPct.toFixed(1)}% of the first load)\n`);
  process.stdout.write(`  page cache after both: ${cache.size} entries\n`);
  process.stdout.write(
    `  ${viewFactor.toFixed(2)}x the raw floor; first load by query kind (a batch's parts asked alone):\n`
  );
  process.stdout.write(`${showBreakdown(breakdown, floor)}\n`);
  // The whole window's count composed from the chart's buckets (src/query/composed.ts; the status takes its settled
  // pieces from the chart the same way, chartPieces.ts): what it adds to the view already loaded (same page cache).
  const composed = await measure(url, (c) =>
    composedCounts(c, spec, window, { cache, now: t }).then((r) => {
      process.stdout.write(`  composed window count: ${r.edges} edges, ${r.unsafe.length} unsafe\n`);
    })
  );
  process.stdout.write(`${show('composed window count after the view', composed)}\n`);

  // The same quarter, other tools' styles.
  const step = 3_600_000;
  const pyrra = await measure(url, async (c) => {
    for (const sel of [ind.total, ind.bad]) {
      await c.range(`sum(increase(${sel}[4w]))`, window.start + step, t, step);
      await c.instant(`sum(increase(${sel}[4w]))`, t);
    }
  });
  const rate5m = `(sum(rate(${ind.bad}[5m])) / sum(rate(${ind.total}[5m])))`;
  const sloth = await measure(url, async (c) => {
    await c.instant(`sum_over_time(${rate5m}[30d:5m]) / count_over_time(${rate5m}[30d:5m])`, t);
  });
  const grafanaSlo = await measure(url, async (c) => {
    for (const sel of [ind.total, ind.bad]) {
      await c.instant(`sum_over_time(sum(rate(${sel}[5m]))[28d:5m])`, t);
    }
  });
  process.stdout.write('the same quarter in other styles:\n');
  process.stdout.write(`${show('Pyrra-style (increase[4w] at 1 h steps + figure)', pyrra)}\n`);
  process.stdout.write(`${show('Sloth-style ([30d:5m] subquery figure; inner reads uncounted)', sloth)}\n`);
  process.stdout.write(
    `${show('Grafana-SLO-style (sum_over_time(rate5m[28d:5m]) figure; inner reads uncounted)', grafanaSlo)}\n`
  );
  const pyrraFactor = pyrra.samples / view.samples;
  process.stdout.write(`  Pyrra-style reads ${pyrraFactor.toFixed(1)}x the samples of Burndown's quarter view\n`);

  // The overview's trend from the status' hours and counts, against the trend read from the window's start.
  {
    const c = new StatsClient(url);
    const statuses = await evaluateOnce(c, spec, t, { now: t, hourlyBad: true });
    const [short, full] = [await loadTrend(c, spec, t, undefined, statuses), await loadTrend(c, spec, t)];
    const diffs = short!.value.map((v, i) => Math.abs(v - full!.value[i]));
    process.stdout.write(
      `trend (the status' hours + counts) vs trend read from the window's start: ${short!.value.length} points, ` +
        `worst difference ${(Math.max(...diffs) * 100).toExponential(2)} pp of remaining budget\n`
    );
  }

  let perSlo = NaN;
  for (const size of sizes) {
    const slos = quarterSlos(size);
    const c = new ChunkCache();
    const first = await measure(url, (cl) => overview(cl, slos, t, c));
    const again = await measure(url, (cl) => overview(cl, slos, t + 30_000, c));
    process.stdout.write(`overview, ${size} quarter SLOs (figures + trends):\n${show('first load', first, size)}\n`);
    process.stdout.write(
      `${show('refresh +30 s', again, size)} (${((again.samples / first.samples) * 100).toFixed(
        1
      )}% of the first load)\n`
    );
    perSlo = first.requests / size;
  }

  // Recorded mode at high cardinality (bench/recorded.ts: the 1000-series scenario on its own Prometheus), at several
  // phases against the tiles' grid; the final line reports the worst phase.
  const hc = await measureHighCardinality();
  for (const p of hc.phases) {
    process.stdout.write(
      `recorded mode, 1000 series, rolling 1d status, ${p.phaseS} s past a tile edge: raw ` +
        `${p.rawSamples ?? `failed (${p.rawError})`} samples, recorded ${p.recordedSamples} samples; with a page ` +
        `cache ${p.refresh.first} samples (${p.refresh.firstRequests} requests), refresh +30 s ${p.refresh.again} ` +
        `(${p.refresh.againRequests} requests, ${p.refresh.pct.toFixed(1)}% of that load)\n`
    );
  }
  const recordedRefresh = Math.max(...hc.phases.map((p) => p.refresh.pct));
  process.stdout.write(
    `recorded mode, 1000 series: refresh +30 s with the page cache ${recordedRefresh.toFixed(1)}% of the first ` +
      'load (worst phase)\n'
  );
  const recorded =
    hc.ratio !== null
      ? `recorded ${hc.ratio.min.toFixed(1)}x fewer samples than raw at high cardinality (worst of ` +
        `${hc.ratio.of} of ${hc.phases.length} phases; median ${hc.ratio.median.toFixed(1)}x)`
      : 'recorded answers where raw fails at high cardinality';
  process.stdout.write(
    `queries: ${perSlo.toFixed(1)} requests per SLO, quarter view ${viewFactor.toFixed(2)}x the raw floor, ` +
      `${pyrraFactor.toFixed(0)}x fewer samples than Pyrra-style, refresh ${refreshPct.toFixed(1)}% of first load, ` +
      `${recorded}\n`
  );
});
