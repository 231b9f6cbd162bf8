// Engine throughput (docs/semantics.md sections 3-5): a quarter of 1-minute buckets through a calendar-quarter budget series, a
// rolling 28 d budget series and four burn-rate series sharing one set of prefix sums; then ten quarters, to show the
// cost is linear. Prints figures only. Run with `npm run bench`.
import { cpus, loadavg } from 'node:os';

import { budgetSeries, burnRateSeries, prefixSums, type Buckets } from '../src/engine';
import type { CalendarWindow, Exclusion, RollingWindow } from '../src/slo/types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const QUARTER_DAYS = 92;
const TARGET = 0.999;
const TARGET_RATE = 20e6;

const quarter: CalendarWindow = {
  kind: 'calendar',
  unit: 'quarter',
  timeZone: 'Europe/Berlin',
  startMonth: 1,
  weekStart: 'monday',
};
const rolling28d: RollingWindow = { kind: 'rolling', durationMs: 28 * DAY };
const BURN_LOOKBACKS = [HOUR, 6 * HOUR, DAY, 3 * DAY];

/** Deterministic PRNG (mulberry32), so every run measures the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Realistic 1-minute buckets: diurnal and weekly traffic (fractional, like extrapolated increase()), a 0.05% base
 * error rate, an incident every ~10 days, scrape gaps (no data) of 2-30 minutes about twice a day.
 */
function makeBuckets(firstEnd: number, count: number, seed: number): Buckets {
  const rand = prng(seed);
  const total = new Float64Array(count);
  const bad = new Float64Array(count);
  let incidentLeft = 0;
  let incidentRate = 0;
  let gapLeft = 0;
  for (let i = 0; i < count; i++) {
    const t = firstEnd + i * MIN;
    const hourOfDay = (t % DAY) / HOUR;
    const dayOfWeek = Math.floor(t / DAY) % 7;
    const diurnal = 0.6 + 0.4 * Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI);
    const weekly = dayOfWeek >= 5 ? 0.7 : 1;
    if (gapLeft === 0 && rand() < 2 / 1440) {
      gapLeft = 2 + Math.floor(rand() * 29);
    }
    if (gapLeft > 0) {
      gapLeft--;
      total[i] = NaN;
      bad[i] = NaN;
      continue;
    }
    if (incidentLeft === 0 && rand() < 1 / (10 * 1440)) {
      incidentLeft = 10 + Math.floor(rand() * 120);
      incidentRate = 0.01 + rand() * 0.2;
    }
    const errorRate = incidentLeft > 0 ? incidentRate : 0.0005;
    if (incidentLeft > 0) {
      incidentLeft--;
    }
    const requests = 2000 * diurnal * weekly * (0.9 + 0.2 * rand()) * (60 / 59.3);
    total[i] = requests;
    bad[i] = requests * errorRate * (0.5 + rand());
  }
  return { firstEnd, step: MIN, total, bad };
}

/** The whole set: one prefix sum, two budget series, four burn-rate series. Returns a checksum so nothing is dead code. */
function runSet(b: Buckets, exclusions: readonly Exclusion[]): number {
  const prefix = prefixSums(b, exclusions);
  const q = budgetSeries(b, quarter, TARGET, exclusions, prefix);
  const r = budgetSeries(b, rolling28d, TARGET, exclusions, prefix);
  let check = q.remaining[q.remaining.length - 1] + r.remaining[r.remaining.length - 1];
  for (const lookback of BURN_LOOKBACKS) {
    const s = burnRateSeries(b, lookback, TARGET, exclusions, prefix);
    check += s[s.length - 1];
  }
  return check;
}

function ms(ns: bigint): number {
  return Number(ns) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Measure {
  buckets: number;
  medianMs: number;
  bestMs: number;
  /** Process CPU time (user + system, all threads) per set: less sensitive to other processes on a busy machine. */
  cpuMs: number;
  reps: number;
}

function measure(b: Buckets, exclusions: readonly Exclusion[], warmup: number, reps: number): Measure {
  let sink = 0;
  for (let i = 0; i < warmup; i++) {
    sink += runSet(b, exclusions);
  }
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    sink += runSet(b, exclusions);
    times.push(ms(process.hrtime.bigint() - t0));
  }
  const cpu = process.cpuUsage(cpu0);
  if (Number.isNaN(sink)) {
    console.log('(checksum NaN)');
  }
  return {
    buckets: b.total.length,
    medianMs: median(times),
    bestMs: Math.min(...times),
    cpuMs: (cpu.user + cpu.system) / 1000 / reps,
    reps,
  };
}

/** Per-function timing of one set, for profiling. */
function breakdown(b: Buckets, exclusions: readonly Exclusion[], reps: number) {
  const parts: Record<string, number[]> = {
    prefixSums: [],
    'budgetSeries quarter': [],
    'budgetSeries rolling 28d': [],
    'burnRateSeries x4': [],
  };
  for (let i = 0; i < reps; i++) {
    let t0 = process.hrtime.bigint();
    const prefix = prefixSums(b, exclusions);
    let t1 = process.hrtime.bigint();
    parts.prefixSums.push(ms(t1 - t0));
    t0 = t1;
    budgetSeries(b, quarter, TARGET, exclusions, prefix);
    t1 = process.hrtime.bigint();
    parts['budgetSeries quarter'].push(ms(t1 - t0));
    t0 = t1;
    budgetSeries(b, rolling28d, TARGET, exclusions, prefix);
    t1 = process.hrtime.bigint();
    parts['budgetSeries rolling 28d'].push(ms(t1 - t0));
    t0 = t1;
    for (const lookback of BURN_LOOKBACKS) {
      burnRateSeries(b, lookback, TARGET, exclusions, prefix);
    }
    t1 = process.hrtime.bigint();
    parts['burnRateSeries x4'].push(ms(t1 - t0));
  }
  return Object.entries(parts).map(([name, xs]) => ({ name, medianMs: median(xs) }));
}

function rate(m: Measure): number {
  return m.buckets / (m.medianMs / 1000);
}

function fmtRate(x: number): string {
  return `${(x / 1e6).toFixed(1)} M buckets/s`;
}

function main() {
  // Q3 2026 in Berlin: 1 July 00:00 CEST = 2026-06-30T22:00Z, 92 days.
  const start = Date.parse('2026-06-30T22:00:00Z');
  const exclusionsFor = (quarters: number): Exclusion[] =>
    Array.from({ length: quarters * 3 }, (_, k) => {
      const from = start + (k * 30 + 5) * DAY + 2 * HOUR;
      return { from, to: from + HOUR, reason: 'planned maintenance' };
    });

  const one = makeBuckets(start + MIN, QUARTER_DAYS * 1440, 1);
  const ten = makeBuckets(start + MIN, 10 * QUARTER_DAYS * 1440, 1);
  const exOne = exclusionsFor(1);
  const exTen = exclusionsFor(10);

  const load = () => loadavg()[0].toFixed(2);
  console.log(
    `node ${process.version}, ${process.arch}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load average ${load()}`
  );
  console.log(
    'set = prefixSums + budgetSeries(calendar quarter, Europe/Berlin) + budgetSeries(rolling 28d) + burnRateSeries(1h, 6h, 1d, 3d)'
  );
  console.log('');

  const m1 = measure(one, exOne, 20, 60);
  const m10 = measure(ten, exTen, 3, 12);
  for (const [label, m] of [
    ['1 quarter ', m1],
    ['10 quarters', m10],
  ] as const) {
    console.log(
      `${label}: ${m.buckets.toLocaleString('en-US')} buckets, wall median ${m.medianMs.toFixed(2)} ms -> ${fmtRate(
        rate(m)
      )}` +
        ` | best ${m.bestMs.toFixed(2)} ms -> ${fmtRate(m.buckets / (m.bestMs / 1000))}` +
        ` | cpu ${m.cpuMs.toFixed(2)} ms -> ${fmtRate(m.buckets / (m.cpuMs / 1000))} (${m.reps} reps)`
    );
  }
  const ratio = rate(m10) / rate(m1);
  console.log(
    `linearity: throughput(10x) / throughput(1x) = ${ratio.toFixed(2)} (1.00 = linear); time(10x) / time(1x) = ${(
      m10.medianMs / m1.medianMs
    ).toFixed(2)}`
  );
  console.log(
    `target ${fmtRate(TARGET_RATE)} (wall median): ${
      rate(m1) >= TARGET_RATE && rate(m10) >= TARGET_RATE ? 'met' : 'MISSED'
    }; load average now ${load()}`
  );
  console.log('');
  console.log('breakdown, 1 quarter (median ms):');
  for (const p of breakdown(one, exOne, 30)) {
    console.log(`  ${p.name.padEnd(26)} ${p.medianMs.toFixed(3)}`);
  }
}

main();
