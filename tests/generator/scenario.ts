// The test scenario and its exact truth (docs/semantics.md sections 2, 8 and 9): job="checkout" on two pods,
// scraped every 30 s; truth per 1-minute bucket (t_i - 60 s, t_i] and for any (from, to] to the second.
//
// Truth = every event the counters count: what an ideal observer with every sample would see.
// What Prometheus can see: every sample at the scrape times (multiples of 30 s) except inside the
// scrape gap; each counter reset happens right after a scrape, so the drop it shows accounts for
// every event (see CounterReset in model.ts). What it cannot see: where inside a 30 s interval the
// events fell, and anything strictly between the two samples that bound the gap.
//
// Series (default, the backfill set; 8 series):
//   http_requests_total{job="checkout",instance="pod-a|pod-b",code="200|500"}          (4)
//   http_request_duration_seconds_bucket{job="checkout",instance=...,le="0.25"}         (2)
//   http_request_duration_seconds_count{job="checkout",instance=...}                    (2)
// The full histogram (4 request counters plus le 0.1, 0.25, 0.5, 1, +Inf, _count, _sum per pod: 18 series) is `allSeries`, for the
// demo exporter; backfilling it would triple the sample count.

import {
  type CounterReset,
  type Incident,
  type MaintenanceWindow,
  type Pod,
  type ScrapeGap,
  type Timeline,
  DAY_MS as M_DAY_MS,
  DEFAULT_END_MS,
  DEFAULT_SEED,
  DEFAULT_START_MS,
  MINUTE_MS as M_MINUTE_MS,
  PODS,
  QUANTITIES as M_QUANTITIES,
  Q_BAD as M_Q_BAD,
  Q_SLOW_01 as M_Q_SLOW_01,
  Q_SLOW_025 as M_Q_SLOW_025,
  Q_SLOW_05 as M_Q_SLOW_05,
  Q_SLOW_1 as M_Q_SLOW_1,
  Q_SUM_MS as M_Q_SUM_MS,
  Q_TOTAL as M_Q_TOTAL,
  SCRAPE_INTERVAL_MS as M_SCRAPE_INTERVAL_MS,
  SCRAPE_INTERVAL_S as M_SCRAPE_INTERVAL_S,
  SECOND_MS as M_SECOND_MS,
  createEventModel,
  defaultTimeline,
  newConditions,
  shiftTimeline,
} from './model.ts';

export type { Conditions, CounterReset, Incident, MaintenanceWindow, Pod, ScrapeGap, Timeline } from './model.ts';
export { DAY_MS, DEFAULT_END_MS, DEFAULT_START_MS, HOUR_MS, MINUTE_MS, PODS, SCRAPE_INTERVAL_MS } from './model.ts';

// Local copies: imported bindings go through getters under some loaders (tsx), too slow in hot loops.
const QUANTITIES = M_QUANTITIES;
const Q_BAD = M_Q_BAD;
const Q_SLOW_01 = M_Q_SLOW_01;
const Q_SLOW_025 = M_Q_SLOW_025;
const Q_SLOW_05 = M_Q_SLOW_05;
const Q_SLOW_1 = M_Q_SLOW_1;
const Q_SUM_MS = M_Q_SUM_MS;
const Q_TOTAL = M_Q_TOTAL;
const SCRAPE_INTERVAL_MS = M_SCRAPE_INTERVAL_MS;
const SCRAPE_INTERVAL_S = M_SCRAPE_INTERVAL_S;
const SECOND_MS = M_SECOND_MS;
const MINUTE_MS = M_MINUTE_MS;
const DAY_MS = M_DAY_MS;

// Local bindings of Math: global lookups are slow inside node:vm contexts (jest).
const { floor, min, max, ceil, round } = Math;
const isInteger = Number.isInteger;

export const JOB = 'checkout';
export const REQUESTS_METRIC = 'http_requests_total';
export const HISTOGRAM_METRIC = 'http_request_duration_seconds';

/** What a series counts, from the per-second quantities. */
export type SeriesQuantity = 'ok' | 'bad' | 'le0.1' | 'le0.25' | 'le0.5' | 'le1' | 'count' | 'sum';

export interface SeriesDef {
  /** Sample name, e.g. http_requests_total or http_request_duration_seconds_bucket. */
  name: string;
  /** OpenMetrics family name (the # TYPE line): http_requests or http_request_duration_seconds. */
  family: string;
  familyType: 'counter' | 'histogram';
  /** Label pairs in output order. */
  labels: Array<[string, string]>;
  instance: Pod;
  quantity: SeriesQuantity;
}

export interface TruthCounts {
  total: number;
  bad: number;
  /** total - bad: non-5xx responses. */
  good: number;
  /** Requests at or below 0.25 s (the le="0.25" bucket). */
  latencyGood: number;
  latencyBad: number;
}

export interface BucketTruth {
  stepMs: number;
  /** t_0; bucket i covers (firstBucketEndMs + (i - 1) step, firstBucketEndMs + i step]. */
  firstBucketEndMs: number;
  length: number;
  total: Float64Array;
  bad: Float64Array;
  latencyGood: Float64Array;
}

export interface Scenario {
  seed: number;
  /** Whole days the default timeline was moved by (0 for the default scenario). */
  shiftDays: number;
  /** First scrape (a UTC midnight); events happen at seconds in (startMs, endMs]. */
  startMs: number;
  /** Last scrape of the stored span. */
  endMs: number;
  scrapeIntervalMs: number;
  instances: readonly Pod[];
  /** The backfill set (8 series). */
  series: SeriesDef[];
  /** Every series an exporter would show (18 series). */
  allSeries: SeriesDef[];
  timeline: Timeline;
  incidents: Incident[];
  resets: CounterReset[];
  gaps: ScrapeGap[];
  /** Maintenance windows: the exclusions of the SLO fixtures. */
  exclusions: MaintenanceWindow[];
  /** Exact events per 1-minute bucket, summed over pods. */
  truth: BucketTruth;
  /** Exact events at seconds s with fromMs < s <= toMs (times floored to the second, clamped to the span), summed over pods. */
  truthCounts(fromMs: number, toMs: number): TruthCounts;
  /** The value a scrape at tMs would read (also beyond endMs, for a live exporter). */
  counterValueAt(series: SeriesDef, tMs: number): number;
  /** True when a scrape happened at tMs (a multiple of 30 s inside the span and outside every gap). */
  isScraped(tMs: number): boolean;
  /** Number of samples writeOpenMetrics emits for these series and range. */
  sampleCount(opts?: WriteOptions): number;
}

export interface ScenarioOptions {
  /** Move the whole timeline by whole days (keeps diurnal shape and hour alignment). */
  shiftDays?: number;
  seed?: number;
}

export type OutputFormat = 'openmetrics' | 'prometheus-text-ms';

export interface WriteOptions {
  /** Inclusive; rounded up to a scrape time. Default: scenario start. */
  fromMs?: number;
  /** Inclusive; rounded down to a scrape time. Default: scenario end. */
  toMs?: number;
  format?: OutputFormat;
  /** 'backfill' (8 series, default) or 'full' (the whole histogram, 18 series). */
  seriesSet?: 'backfill' | 'full';
}

/** Whole days to shift the default scenario by so that it ends at or after `endMs` (less than a day after). */
export function shiftDaysForEnd(endMs: number): number {
  return ceil((endMs - DEFAULT_END_MS) / DAY_MS);
}

function makeSeries(full: boolean): SeriesDef[] {
  const out: SeriesDef[] = [];
  for (const pod of PODS) {
    for (const code of ['200', '500']) {
      out.push({
        name: REQUESTS_METRIC,
        family: 'http_requests',
        familyType: 'counter',
        labels: [
          ['job', JOB],
          ['instance', pod],
          ['code', code],
        ],
        instance: pod,
        quantity: code === '200' ? 'ok' : 'bad',
      });
    }
  }
  const les: Array<[string, SeriesQuantity]> = full
    ? [
        ['0.1', 'le0.1'],
        ['0.25', 'le0.25'],
        ['0.5', 'le0.5'],
        ['1', 'le1'],
        ['+Inf', 'count'],
      ]
    : [['0.25', 'le0.25']];
  for (const pod of PODS) {
    for (const [le, quantity] of les) {
      out.push({
        name: `${HISTOGRAM_METRIC}_bucket`,
        family: HISTOGRAM_METRIC,
        familyType: 'histogram',
        labels: [
          ['job', JOB],
          ['instance', pod],
          ['le', le],
        ],
        instance: pod,
        quantity,
      });
    }
    out.push({
      name: `${HISTOGRAM_METRIC}_count`,
      family: HISTOGRAM_METRIC,
      familyType: 'histogram',
      labels: [
        ['job', JOB],
        ['instance', pod],
      ],
      instance: pod,
      quantity: 'count',
    });
    if (full) {
      out.push({
        name: `${HISTOGRAM_METRIC}_sum`,
        family: HISTOGRAM_METRIC,
        familyType: 'histogram',
        labels: [
          ['job', JOB],
          ['instance', pod],
        ],
        instance: pod,
        quantity: 'sum',
      });
    }
  }
  return out;
}

/** Counter values at the first scrape, as if each pod had been up for a while before the span. */
const INITIAL_REQUESTS: Record<Pod, number> = { 'pod-a': 4_321_987, 'pod-b': 2_468_024 };

function initialValue(pod: Pod, q: SeriesQuantity): number {
  const n = INITIAL_REQUESTS[pod];
  const bad = round(n * 0.0021);
  switch (q) {
    case 'ok':
      return n - bad;
    case 'bad':
      return bad;
    case 'le0.1':
      return n - round(n * 0.3);
    case 'le0.25':
      return n - round(n * 0.005);
    case 'le0.5':
      return n - round(n * 0.0015);
    case 'le1':
      return n - round(n * 0.0004);
    case 'count':
      return n;
    case 'sum':
      return round(n * 85);
  }
}

/** A series' value from the per-pod cumulative quantities (v holds QUANTITIES values). */
function quantityOf(q: SeriesQuantity, v: Float64Array | number[], o: number): number {
  switch (q) {
    case 'ok':
      return v[o + Q_TOTAL] - v[o + Q_BAD];
    case 'bad':
      return v[o + Q_BAD];
    case 'le0.1':
      return v[o + Q_TOTAL] - v[o + Q_SLOW_01];
    case 'le0.25':
      return v[o + Q_TOTAL] - v[o + Q_SLOW_025];
    case 'le0.5':
      return v[o + Q_TOTAL] - v[o + Q_SLOW_05];
    case 'le1':
      return v[o + Q_TOTAL] - v[o + Q_SLOW_1];
    case 'count':
      return v[o + Q_TOTAL];
    case 'sum':
      return v[o + Q_SUM_MS];
  }
}

const memo = new Map<string, Scenario>();

/** The scenario for these options; memoized (the same object for the same options). */
export function buildScenario(opts: ScenarioOptions = {}): Scenario {
  const key = `${opts.seed ?? DEFAULT_SEED}/${opts.shiftDays ?? 0}`;
  let s = memo.get(key);
  if (!s) {
    s = computeScenario(opts);
    memo.set(key, s);
  }
  return s;
}

/** Builds a fresh scenario without the memo (for determinism tests). */
export function computeScenario(opts: ScenarioOptions = {}): Scenario {
  const seed = opts.seed ?? DEFAULT_SEED;
  const shiftDays = opts.shiftDays ?? 0;
  if (!Number.isInteger(shiftDays)) {
    throw new Error(`shiftDays must be an integer, got ${shiftDays}`);
  }
  const shiftMs = shiftDays * DAY_MS;
  const startMs = DEFAULT_START_MS + shiftMs;
  const endMs = DEFAULT_END_MS + shiftMs;
  const timeline = shiftTimeline(defaultTimeline(), shiftMs);
  validateTimeline(timeline, startMs, endMs);
  const model = createEventModel(seed, timeline);

  const startS = startMs / SECOND_MS;
  const blocks = (endMs - startMs) / SCRAPE_INTERVAL_MS; // 30 s blocks
  const pods = PODS.length;
  // cum[pod][k * QUANTITIES + q]: events of quantity q at seconds in (start, start + 30 k s].
  const cum: Float64Array[] = [];
  const sec = new Float64Array(QUANTITIES);
  const cond = newConditions();
  for (let p = 0; p < pods; p++) {
    const c = new Float64Array((blocks + 1) * QUANTITIES);
    for (let k = 0; k < blocks; k++) {
      const r0 = k * SCRAPE_INTERVAL_S;
      // Conditions are constant inside a block: every timeline instant is a scrape time.
      model.conditionsAt((startS + r0 + 1) * SECOND_MS, r0 + 1, cond);
      const o = k * QUANTITIES;
      const o2 = o + QUANTITIES;
      for (let q = 0; q < QUANTITIES; q++) {
        c[o2 + q] = c[o + q];
      }
      for (let j = 1; j <= SCRAPE_INTERVAL_S; j++) {
        model.secondEvents(p, r0 + j, cond, sec);
        for (let q = 0; q < QUANTITIES; q++) {
          c[o2 + q] += sec[q];
        }
      }
    }
    cum.push(c);
  }

  // Per-minute truth, summed over pods.
  const minutes = (endMs - startMs) / MINUTE_MS;
  const total = new Float64Array(minutes);
  const bad = new Float64Array(minutes);
  const latencyGood = new Float64Array(minutes);
  for (let p = 0; p < pods; p++) {
    const c = cum[p];
    for (let i = 0; i < minutes; i++) {
      const a = 2 * i * QUANTITIES;
      const b = 2 * (i + 1) * QUANTITIES;
      const n = c[b + Q_TOTAL] - c[a + Q_TOTAL];
      total[i] += n;
      bad[i] += c[b + Q_BAD] - c[a + Q_BAD];
      latencyGood[i] += n - (c[b + Q_SLOW_025] - c[a + Q_SLOW_025]);
    }
  }

  // Cumulative quantities of one pod at the integer second sS (epoch seconds), events in (start, sS].
  const extension = PODS.map(() => ({ atS: endMs / SECOND_MS, v: new Float64Array(QUANTITIES) }));
  const cumAt = (p: number, sS: number, out: Float64Array): Float64Array => {
    const r = sS - startS;
    if (r <= 0) {
      out.fill(0);
      return out;
    }
    const c = cum[p];
    if (r <= blocks * SCRAPE_INTERVAL_S) {
      const k = floor(r / SCRAPE_INTERVAL_S);
      const o = k * QUANTITIES;
      for (let q = 0; q < QUANTITIES; q++) {
        out[q] = c[o + q];
      }
      const r0 = k * SCRAPE_INTERVAL_S;
      if (r > r0) {
        model.conditionsAt((startS + r0 + 1) * SECOND_MS, r0 + 1, cond);
        for (let j = r0 + 1; j <= r; j++) {
          model.secondEvents(p, j, cond, sec);
          for (let q = 0; q < QUANTITIES; q++) {
            out[q] += sec[q];
          }
        }
      }
      return out;
    }
    // Beyond the stored span (live exporter): extend second by second, remembering the last point.
    const ext = extension[p];
    if (sS < ext.atS) {
      ext.atS = endMs / SECOND_MS;
      ext.v.set(c.subarray(blocks * QUANTITIES, (blocks + 1) * QUANTITIES));
    } else if (ext.atS === endMs / SECOND_MS) {
      ext.v.set(c.subarray(blocks * QUANTITIES, (blocks + 1) * QUANTITIES));
    }
    for (let s = ext.atS + 1; s <= sS; s++) {
      const rr = s - startS;
      model.conditionsAt(s * SECOND_MS, rr, cond);
      model.secondEvents(p, rr, cond, sec);
      for (let q = 0; q < QUANTITIES; q++) {
        ext.v[q] += sec[q];
      }
    }
    ext.atS = max(ext.atS, sS);
    out.set(ext.v);
    return out;
  };

  const tmpA = new Float64Array(QUANTITIES);
  const tmpB = new Float64Array(QUANTITIES);

  const truthCounts = (fromMs: number, toMs: number): TruthCounts => {
    const fromS = floor(min(max(fromMs, startMs), endMs) / SECOND_MS);
    const toS = floor(min(max(toMs, startMs), endMs) / SECOND_MS);
    const res: TruthCounts = { total: 0, bad: 0, good: 0, latencyGood: 0, latencyBad: 0 };
    if (toS <= fromS) {
      return res;
    }
    for (let p = 0; p < pods; p++) {
      const a = cumAt(p, fromS, tmpA);
      const b = cumAt(p, toS, tmpB);
      res.total += b[Q_TOTAL] - a[Q_TOTAL];
      res.bad += b[Q_BAD] - a[Q_BAD];
      res.latencyBad += b[Q_SLOW_025] - a[Q_SLOW_025];
    }
    res.good = res.total - res.bad;
    res.latencyGood = res.total - res.latencyBad;
    return res;
  };

  const podIndex = (pod: Pod): number => PODS.indexOf(pod);

  const counterValueAt = (series: SeriesDef, tMs: number): number => {
    if (tMs < startMs) {
      throw new Error(`counterValueAt: ${new Date(tMs).toISOString()} is before the scenario start`);
    }
    const p = podIndex(series.instance);
    const tS = floor(tMs / SECOND_MS);
    // The last restart of this pod at or before the second (restarts happen right after a scrape).
    let lastReset = -1;
    for (const r of timeline.resets) {
      if (r.instance === series.instance && r.atMs < tS * SECOND_MS && r.atMs > lastReset) {
        lastReset = r.atMs;
      }
    }
    const v = cumAt(p, tS, tmpB);
    const now = quantityOf(series.quantity, v, 0);
    if (lastReset < 0) {
      const value = initialValue(series.instance, series.quantity) + now;
      return series.quantity === 'sum' ? value / 1000 : value;
    }
    const before = quantityOf(series.quantity, cumAt(p, lastReset / SECOND_MS, tmpA), 0);
    const value = now - before;
    return series.quantity === 'sum' ? value / 1000 : value;
  };

  const isScraped = (tMs: number): boolean => {
    if (tMs < startMs || tMs > endMs || (tMs - startMs) % SCRAPE_INTERVAL_MS !== 0) {
      return false;
    }
    return !timeline.gaps.some((g) => tMs > g.fromMs && tMs < g.toMs);
  };

  const series = makeSeries(false);
  const allSeries = makeSeries(true);

  const scenario: Scenario = {
    seed,
    shiftDays,
    startMs,
    endMs,
    scrapeIntervalMs: SCRAPE_INTERVAL_MS,
    instances: PODS,
    series,
    allSeries,
    timeline,
    incidents: timeline.incidents,
    resets: timeline.resets,
    gaps: timeline.gaps,
    exclusions: timeline.maintenance,
    truth: { stepMs: MINUTE_MS, firstBucketEndMs: startMs + MINUTE_MS, length: minutes, total, bad, latencyGood },
    truthCounts,
    counterValueAt,
    isScraped,
    sampleCount: (o?: WriteOptions) => {
      const { fromMs, toMs } = sampleRange(scenario, o);
      let perSeries = 0;
      for (let t = fromMs; t <= toMs; t += SCRAPE_INTERVAL_MS) {
        if (isScraped(t)) {
          perSeries++;
        }
      }
      return perSeries * (o?.seriesSet === 'full' ? allSeries : series).length;
    },
  };
  return scenario;
}

function validateTimeline(t: Timeline, startMs: number, endMs: number): void {
  const instants: number[] = [];
  t.incidents.forEach((i) => instants.push(i.fromMs, i.toMs));
  t.resets.forEach((r) => instants.push(r.atMs));
  t.gaps.forEach((g) => instants.push(g.fromMs, g.toMs));
  t.maintenance.forEach((m) => instants.push(m.fromMs, m.toMs));
  for (const x of instants) {
    if ((x - startMs) % SCRAPE_INTERVAL_MS !== 0 || x <= startMs || x >= endMs) {
      throw new Error(`timeline instant ${new Date(x).toISOString()} is not a scrape time inside the span`);
    }
  }
  for (const r of t.resets) {
    if (t.gaps.some((g) => r.atMs > g.fromMs && r.atMs < g.toMs)) {
      throw new Error('a restart inside a scrape gap would be unobservable');
    }
  }
}

function sampleRange(s: Scenario, opts?: WriteOptions): { fromMs: number; toMs: number } {
  const from = max(opts?.fromMs ?? s.startMs, s.startMs);
  const to = min(opts?.toMs ?? s.endMs, s.endMs);
  const fromMs = s.startMs + ceil((from - s.startMs) / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS;
  const toMs = s.startMs + floor((to - s.startMs) / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS;
  return { fromMs, toMs };
}

function formatLabels(labels: Array<[string, string]>): string {
  return `{${labels.map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

function formatValue(v: number): string {
  // Integers print exactly; the _sum series has millisecond precision.
  return isInteger(v) ? String(v) : v.toFixed(3);
}

/**
 * Exposition text in chunks of roughly `chunkChars`, series by series, each in time order (what
 * `promtool tsdb create-blocks-from openmetrics` wants). 'openmetrics': # TYPE per family,
 * timestamps in seconds, # EOF. 'prometheus-text-ms': timestamps in milliseconds, no # EOF (for
 * VictoriaMetrics' /api/v1/import/prometheus).
 */
export function* exposition(s: Scenario, opts: WriteOptions = {}, chunkChars = 1 << 20): Generator<string> {
  const format = opts.format ?? 'openmetrics';
  const list = opts.seriesSet === 'full' ? s.allSeries : s.series;
  const { fromMs, toMs } = sampleRange(s, opts);
  const seconds = format === 'openmetrics';
  // Sample times once.
  const times: number[] = [];
  for (let t = fromMs; t <= toMs; t += SCRAPE_INTERVAL_MS) {
    if (s.isScraped(t)) {
      times.push(t);
    }
  }
  const parts: string[] = [];
  let size = 0;
  let family = '';
  for (const def of list) {
    if (def.family !== family) {
      family = def.family;
      parts.push(`# TYPE ${def.family} ${def.familyType}\n`);
    }
    const prefix = `${def.name}${formatLabels(def.labels)} `;
    for (const t of times) {
      const line = `${prefix}${formatValue(s.counterValueAt(def, t))} ${seconds ? t / SECOND_MS : t}\n`;
      parts.push(line);
      size += line.length;
      if (size >= chunkChars) {
        yield parts.join('');
        parts.length = 0;
        size = 0;
      }
    }
  }
  if (seconds) {
    parts.push('# EOF\n');
  }
  if (parts.length > 0) {
    yield parts.join('');
  }
}

/** Streams the exposition text to `out` chunk by chunk; returns the number of samples written. */
export function writeOpenMetrics(s: Scenario, out: (chunk: string) => void, opts: WriteOptions = {}): number {
  for (const chunk of exposition(s, opts)) {
    out(chunk);
  }
  return s.sampleCount(opts);
}

/** The free-function form of scenario.counterValueAt (default scenario unless one is given). */
export function counterValueAt(series: SeriesDef, tMs: number, scenario: Scenario = buildScenario()): number {
  return scenario.counterValueAt(series, tMs);
}
