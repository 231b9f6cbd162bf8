// What the benchmarks share: a PromClient that asks Prometheus for its own sample counts (stats=all:
// data.stats.samples.totalQueryableSamples) and counts requests, the calendar-quarter SLOs they load, and starting and
// stopping the generator's Prometheus around a benchmark.
import { rmSync } from 'node:fs';

import { startBackends, stopPid } from '../tests/integration/servers';
import { promResponseToFrames, type FrameLike, type PromApiResponse, type PromClient } from '../src/query';
import type { SloSpec } from '../src/slo/types';

/** Talks to Prometheus with stats=all and adds up requests and queryable samples, by kind. */
export class StatsClient implements PromClient {
  readonly id: string;
  requests = 0;
  samples = 0;
  instants = 0;
  ranges = 0;
  /** Called with each request's query, its samples and, for a range query, its step (a breakdown by query kind). */
  onQuery?: (query: string, samples: number, stepMs?: number) => void;

  constructor(private readonly base: string) {
    this.id = base;
  }

  instant(expr: string, t: number): Promise<FrameLike[]> {
    this.instants++;
    return this.post('/api/v1/query', { query: expr, time: (t / 1000).toFixed(3) });
  }

  range(expr: string, start: number, end: number, stepMs: number): Promise<FrameLike[]> {
    this.ranges++;
    const s = (ms: number) => (ms / 1000).toFixed(3);
    return this.post('/api/v1/query_range', { query: expr, start: s(start), end: s(end), step: s(stepMs) });
  }

  private async post(path: string, params: Record<string, string>): Promise<FrameLike[]> {
    this.requests++;
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, stats: 'all' }).toString(),
    });
    const body = (await res.json()) as PromApiResponse & {
      data?: { stats?: { samples?: { totalQueryableSamples?: number } } };
    };
    if (body.status !== 'success') {
      throw new Error(`${params.query}: ${body.error}`);
    }
    const samples = body.data?.stats?.samples?.totalQueryableSamples ?? 0;
    this.samples += samples;
    this.onQuery?.(params.query, samples, params.step ? Number(params.step) * 1000 : undefined);
    return promResponseToFrames(body);
  }
}

/** Prometheus' own CPU seconds so far, from its /metrics (process_cpu_seconds_total). */
export async function promCpuSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /^process_cpu_seconds_total\s+(\S+)/m.exec(text);
  return m ? Number(m[1]) : NaN;
}

/** n quarter SLOs on the scenario's counters; each one's selectors differ by an equivalent, never-matching matcher. */
export function quarterSlos(n: number): SloSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `checkout-q-${i}`,
    name: `Checkout ${i}`,
    labels: {},
    indicator: {
      kind: 'ratio',
      bad: `http_requests_total{job="checkout",code=~"5..",instance!="none-${i}"}`,
      total: `http_requests_total{job="checkout",instance!="none-${i}"}`,
    },
    objective: 0.995,
    window: { kind: 'calendar', unit: 'quarter', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' },
    budgetingMethod: 'occurrences',
    groupBy: [],
    exclusions: [],
    policy: [],
    alerting: { page: false, ticket: false },
  }));
}

/**
 * Start the generator's Prometheus (and VictoriaMetrics) with tests/integration/servers.ts, run `bench` against
 * Prometheus' URL, stop both and remove their run directory; a failure is printed and sets exit code 1.
 */
export function runOnGeneratorPrometheus(bench: (url: string) => Promise<void>): void {
  const run = async () => {
    const timings: Record<string, number> = {};
    process.stdout.write("starting the generator's Prometheus (tests/integration/servers.ts)...\n");
    const state = await startBackends(timings);
    try {
      await bench(state.prometheus!.url);
    } finally {
      for (const s of [state.prometheus, state.victoria]) {
        if (s?.pid) {
          await stopPid(s.pid);
        }
      }
      if (state.runDir) {
        rmSync(state.runDir, { recursive: true, force: true });
      }
    }
  };
  run().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
