// The event model behind the test scenario (docs/semantics.md section 9): requests happen at integer
// seconds; every count for one pod and one second is a pure function of (seed, pod, second), so any
// second can be recomputed on its own and the whole scenario is reproducible.
//
// Dependency-free and free of enums, namespaces and parameter properties, so that
// `node --experimental-strip-types` (Node >= 22.6) can run it as is, like tsx does.

// Local bindings of Math: global lookups are slow inside node:vm contexts (jest).
const { imul, floor, cos, min, round, PI } = Math;

export type Pod = 'pod-a' | 'pod-b';
export const PODS: readonly Pod[] = ['pod-a', 'pod-b'];

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const SCRAPE_INTERVAL_MS = 30 * SECOND_MS;
export const SCRAPE_INTERVAL_S = 30;

/** Default span: covers Q3 2026 in UTC and Europe/Berlin, the fiscal quarter from 2026-09-01, and June before it. */
export const DEFAULT_START_MS = Date.UTC(2026, 4, 25); // 2026-05-25T00:00:00Z
export const DEFAULT_END_MS = Date.UTC(2026, 9, 20); // 2026-10-20T00:00:00Z
export const DEFAULT_SEED = 20260525;

const iso = (s: string): number => {
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) {
    throw new Error(`bad time ${s}`);
  }
  return ms;
};

/**
 * Quantities counted per pod and second, in this order in every Float64Array of the model:
 * all requests, 5xx responses, requests slower than 0.1 / 0.25 / 0.5 / 1 s, and the sum of
 * latencies in milliseconds (an integer, so cumulative sums stay exact).
 */
export const Q_TOTAL = 0;
export const Q_BAD = 1;
export const Q_SLOW_01 = 2;
export const Q_SLOW_025 = 3;
export const Q_SLOW_05 = 4;
export const Q_SLOW_1 = 5;
export const Q_SUM_MS = 6;
export const QUANTITIES = 7;

export interface Incident {
  id: string;
  /** 'errors' raises the 5xx ratio (and latency somewhat); 'latency' only slows requests down. */
  kind: 'errors' | 'latency';
  /** Affects events at seconds s with fromMs < s <= toMs (the bucket convention of docs/semantics.md section 2). */
  fromMs: number;
  toMs: number;
  /** 5xx ratio during the incident (background ratio for 'latency' incidents: NaN). */
  errorRatio: number;
  /** Fraction of requests slower than 0.25 s during the incident. */
  slowRatio: number;
  description: string;
}

/**
 * A pod restart. The pod restarts immediately after the scrape at `atMs` (a scrape time), before
 * any request of second atMs + 1 s: the sample at atMs still shows the old counter, the next sample
 * (atMs + 30 s) shows only the requests of (atMs, atMs + 30 s]. So Prometheus' reset handling
 * (a drop means "the counter restarted from 0") recovers every event: no event is unobservable.
 * Had the restart happened mid-interval, the requests between the last scrape and the restart
 * would be lost to every observer; the model avoids that on purpose.
 */
export interface CounterReset {
  instance: Pod;
  atMs: number;
  description: string;
}

/**
 * Neither pod is scraped strictly between fromMs and toMs (both are scrape times and have samples).
 * Requests keep being counted; only the observations are missing. Prometheus sees one 20-minute
 * interval between two samples; a range selector that holds fewer than two samples returns
 * nothing, so per-bucket increases whose windows fall into the gap lose its events.
 */
export interface ScrapeGap {
  fromMs: number;
  toMs: number;
  description: string;
}

/** A planned maintenance window with a high error ratio; the SLO fixtures exclude it. */
export interface MaintenanceWindow {
  fromMs: number;
  toMs: number;
  errorRatio: number;
  reason: string;
}

export interface Timeline {
  incidents: Incident[];
  resets: CounterReset[];
  gaps: ScrapeGap[];
  maintenance: MaintenanceWindow[];
}

/** The default timeline, unshifted. All instants are multiples of 30 s (the model relies on it). */
export function defaultTimeline(): Timeline {
  return {
    incidents: [
      {
        id: 'inc-june',
        kind: 'errors',
        fromMs: iso('2026-06-17T13:00:00Z'),
        toMs: iso('2026-06-17T14:10:00Z'),
        errorRatio: 0.25,
        slowRatio: 0.03,
        description: 'June outage, before Q3 in every zone',
      },
      {
        id: 'inc-june-berlin',
        kind: 'errors',
        fromMs: iso('2026-06-30T22:20:00Z'),
        toMs: iso('2026-06-30T23:30:00Z'),
        errorRatio: 0.3,
        slowRatio: 0.03,
        description: 'Inside Q3 in Europe/Berlin (starts 2026-06-30T22:00Z), before Q3 in UTC',
      },
      {
        id: 'inc-latency',
        kind: 'latency',
        fromMs: iso('2026-07-22T15:00:00Z'),
        toMs: iso('2026-07-22T17:00:00Z'),
        errorRatio: NaN,
        slowRatio: 0.12,
        description: 'Slow database: 12% of requests slower than 0.25 s, no extra errors',
      },
      {
        id: 'inc-august',
        kind: 'errors',
        fromMs: iso('2026-08-12T10:20:00Z'),
        toMs: iso('2026-08-12T11:30:00Z'),
        errorRatio: 0.3,
        slowRatio: 0.03,
        description: 'August outage; the scrape gap 10:50-11:10 falls inside it',
      },
      {
        id: 'inc-september',
        kind: 'errors',
        fromMs: iso('2026-09-09T16:00:00Z'),
        toMs: iso('2026-09-09T17:10:00Z'),
        errorRatio: 0.2,
        slowRatio: 0.03,
        description: 'September outage; pod-b is restarted at 16:30 during it',
      },
      {
        id: 'inc-october',
        kind: 'errors',
        fromMs: iso('2026-10-07T08:00:00Z'),
        toMs: iso('2026-10-07T09:00:00Z'),
        errorRatio: 0.15,
        slowRatio: 0.03,
        description: 'October outage, inside the fiscal quarter that starts 2026-09-01',
      },
    ],
    resets: [
      { instance: 'pod-a', atMs: iso('2026-07-15T06:00:00Z'), description: 'pod-a restart (deploy)' },
      { instance: 'pod-b', atMs: iso('2026-09-09T16:30:00Z'), description: 'pod-b restart during inc-september' },
    ],
    gaps: [
      {
        fromMs: iso('2026-08-12T10:50:00Z'),
        toMs: iso('2026-08-12T11:10:00Z'),
        description: 'Prometheus down 20 minutes across the 11:00 bucket edge, during inc-august',
      },
    ],
    maintenance: [
      {
        fromMs: iso('2026-08-05T02:00:00Z'),
        toMs: iso('2026-08-05T03:00:00Z'),
        errorRatio: 0.5,
        reason: 'planned maintenance',
      },
    ],
  };
}

export function shiftTimeline(t: Timeline, shiftMs: number): Timeline {
  return {
    incidents: t.incidents.map((i) => ({ ...i, fromMs: i.fromMs + shiftMs, toMs: i.toMs + shiftMs })),
    resets: t.resets.map((r) => ({ ...r, atMs: r.atMs + shiftMs })),
    gaps: t.gaps.map((g) => ({ ...g, fromMs: g.fromMs + shiftMs, toMs: g.toMs + shiftMs })),
    maintenance: t.maintenance.map((m) => ({ ...m, fromMs: m.fromMs + shiftMs, toMs: m.toMs + shiftMs })),
  };
}

// ---------------------------------------------------------------------------------------------
// Counter-based PRNG: bits(key, i) is a pure function of (seed, stream, i), so any second can be
// recomputed on its own (random access), unlike a sequential generator.

function mix32(x: number): number {
  x ^= x >>> 16;
  x = imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The key of one stream of a seed. */
export function streamKey(seed: number, stream: number): number {
  return mix32(seed ^ imul(stream + 1, 0x9e3779b1));
}

/** 32 random bits for index i of the stream with this key. */
export function bits(key: number, i: number): number {
  return mix32(mix32(key ^ i) ^ imul(i >>> 16, 0x85ebca6b) ^ 0x5bd1e995);
}

const TWO_32 = 4294967296;

const STREAM_TRAFFIC_NOISE = 10;
const STREAM_ERROR_NOISE = 20;
const STREAM_LATENCY_NOISE = 30;
const STREAM_SECOND_A = 40;
const STREAM_SECOND_B = 50;
const STREAM_SECOND_C = 60;

/** Smooth noise in [0, 1): linear interpolation of uniforms on a grid of `period` seconds (cached per grid cell). */
function valueNoise(key: number, period: number): (r: number) => number {
  let cell = NaN;
  let a = 0;
  let b = 0;
  return (r: number): number => {
    const x = r / period;
    const k = floor(x);
    if (k !== cell) {
      cell = k;
      a = bits(key, k) / TWO_32;
      b = bits(key, k + 1) / TWO_32;
    }
    const f = x - k;
    return a * (1 - f) + b * f;
  };
}

/** Per-second conditions; constant within each 30 s block (s in (T, T + 30], T a scrape time). */
export interface Conditions {
  errorRatio: number;
  slow01: number;
  slow025: number;
  slow05: number;
  slow1: number;
  meanLatencyMs: number;
}

export function newConditions(): Conditions {
  return { errorRatio: 0, slow01: 0, slow025: 0, slow05: 0, slow1: 0, meanLatencyMs: 0 };
}

export interface EventModel {
  /** Mean requests per second of pod p at model second r. */
  trafficRate(p: number, r: number): number;
  /** Conditions at absolute second sMs (epoch ms of an integer second), model-relative second r. */
  conditionsAt(sMs: number, r: number, out: Conditions): Conditions;
  /** Events of pod p in model second r, written into out[0..QUANTITIES). */
  secondEvents(p: number, r: number, c: Conditions, out: Float64Array): void;
}

/**
 * The model for a seed and a timeline. `r` is seconds since the model origin (the scenario start, a
 * UTC midnight), so a shift by whole days changes no count.
 */
export function createEventModel(seed: number, timeline: Timeline): EventModel {
  const pods = PODS.length;
  const trafficNoise = PODS.map((_, p) => valueNoise(streamKey(seed, STREAM_TRAFFIC_NOISE + p), 600));
  const errorNoise = valueNoise(streamKey(seed, STREAM_ERROR_NOISE), 3600);
  const latencyNoise = valueNoise(streamKey(seed, STREAM_LATENCY_NOISE), 3600);
  const keyA: number[] = [];
  const keyB: number[] = [];
  const keyC: number[] = [];
  for (let p = 0; p < pods; p++) {
    keyA.push(streamKey(seed, STREAM_SECOND_A + p));
    keyB.push(streamKey(seed, STREAM_SECOND_B + p));
    keyC.push(streamKey(seed, STREAM_SECOND_C + p));
  }

  // A daily sinusoid between ~20 and ~80 req/s per pod (peak 14:00 UTC), a weekend dip, slow noise.
  const trafficRate = (p: number, r: number): number => {
    const secOfDay = r % 86400;
    const daily = 50 + 30 * cos((2 * PI * (secOfDay - 14 * 3600)) / 86400);
    const day = floor(r / 86400);
    const weekend = day % 7 === 5 || day % 7 === 6 ? 0.85 : 1; // the default origin is a Monday
    const podFactor = p === 0 ? 1 : 0.9;
    return daily * weekend * podFactor * (0.9 + 0.2 * trafficNoise[p](r));
  };

  // Maintenance beats incidents beats background.
  const conditionsAt = (sMs: number, r: number, out: Conditions): Conditions => {
    // Background: 5xx ratio 0.1%-0.3% (hourly noise), 0.4%-0.6% of requests slower than 0.25 s.
    out.errorRatio = 0.001 + 0.002 * errorNoise(r);
    out.slow01 = 0.3;
    out.slow025 = 0.004 + 0.002 * latencyNoise(r);
    out.slow05 = 0.0015;
    out.slow1 = 0.0004;
    out.meanLatencyMs = 85;
    for (const inc of timeline.incidents) {
      if (sMs > inc.fromMs && sMs <= inc.toMs) {
        if (inc.kind === 'errors') {
          out.errorRatio = inc.errorRatio;
          out.slow01 = 0.45;
          out.slow025 = inc.slowRatio;
          out.slow05 = inc.slowRatio / 2.5;
          out.slow1 = inc.slowRatio / 7.5;
          out.meanLatencyMs = 150;
        } else {
          out.slow01 = 0.55;
          out.slow025 = inc.slowRatio;
          out.slow05 = inc.slowRatio / 2.4;
          out.slow1 = inc.slowRatio / 12;
          out.meanLatencyMs = 300;
        }
      }
    }
    for (const m of timeline.maintenance) {
      if (sMs > m.fromMs && sMs <= m.toMs) {
        out.errorRatio = m.errorRatio;
      }
    }
    return out;
  };

  // n = floor(rate * (0.9 + 0.2 u1) + u2), bad = floor(n * errorRatio + u3), slow_x = floor(n * frac_x + u4)
  // with one u4 for every x, so the histogram buckets stay monotone.
  const secondEvents = (p: number, r: number, c: Conditions, out: Float64Array): void => {
    const a = bits(keyA[p], r);
    const b = bits(keyB[p], r);
    const u1 = (a >>> 16) / 65536;
    const u2 = (a & 0xffff) / 65536;
    const u3 = (b >>> 16) / 65536;
    const u4 = (b & 0xffff) / 65536;
    const n = floor(trafficRate(p, r) * (0.9 + 0.2 * u1) + u2);
    out[Q_TOTAL] = n;
    out[Q_BAD] = min(n, floor(n * c.errorRatio + u3));
    out[Q_SLOW_01] = floor(n * c.slow01 + u4);
    out[Q_SLOW_025] = floor(n * c.slow025 + u4);
    out[Q_SLOW_05] = floor(n * c.slow05 + u4);
    out[Q_SLOW_1] = floor(n * c.slow1 + u4);
    out[Q_SUM_MS] = n === 0 ? 0 : round(n * c.meanLatencyMs * (0.8 + 0.4 * (bits(keyC[p], r) / TWO_32)));
  };

  return { trafficRate, conditionsAt, secondEvents };
}
