// Requests, samples and time of SLO status (docs/semantics.md section 8), before and after batching: 1 and 200
// calendar-quarter ratio SLOs against the generator's Prometheus 2.42 (started here with tests/integration/servers.ts).
// "Before" is the per-piece path (one exactCounts per window and lookback: 2 instant queries per piece); "after" is
// evaluateAll (one batched instant query per SLO). Samples are Prometheus' own count (stats=all:
// data.stats.samples.totalQueryableSamples). Prints figures only. Run with `npm run bench:status`.

import { occurrencesStatus, statusLookbacks, windowAt } from '../src/engine';
import {
  counterExprs,
  evaluateAll,
  exactCounts,
  groupLabels,
  mapLimit,
  type PromClient,
  type SloStatus,
} from '../src/query';
import type { SloSpec } from '../src/slo/types';
import { quarterSlos, runOnGeneratorPrometheus, StatsClient } from './promStats';

async function perPieceStatus(client: PromClient, spec: SloSpec, t: number): Promise<SloStatus[]> {
  const lookbacks = statusLookbacks(spec, t);
  const ranges = [windowAt(t, spec.window), ...lookbacks.map((ms) => ({ start: t - ms, end: t }))];
  const [counts, ...byLookback] = await mapLimit(ranges, 2, (r) =>
    exactCounts(client, counterExprs(spec.indicator), r, spec.exclusions, { groupBy: spec.groupBy })
  );
  const keys = [...new Set([...counts.keys(), ...byLookback.flatMap((m) => [...m.keys()])])].sort();
  return (keys.length ? keys : ['']).map((key) =>
    occurrencesStatus({
      spec,
      t,
      group: groupLabels(key, spec.groupBy),
      counts: counts.get(key) ?? null,
      countsOver: (ms) => byLookback[lookbacks.indexOf(ms)]?.get(key),
    })
  );
}

interface Measure {
  requests: number;
  samples: number;
  ms: number;
  remaining: Array<number | null>;
}

async function measure(url: string, fn: (client: PromClient) => Promise<SloStatus[][]>): Promise<Measure> {
  const client = new StatsClient(url);
  const t0 = performance.now();
  const statuses = await fn(client);
  return {
    requests: client.requests,
    samples: client.samples,
    ms: performance.now() - t0,
    remaining: statuses.map((s) => s[0]?.remaining ?? null),
  };
}

function line(label: string, n: number, m: Measure): string {
  return (
    `${label.padEnd(7)} ${String(n).padStart(3)} SLOs: ${(m.requests / n).toFixed(1).padStart(5)} requests/SLO ` +
    `(${m.requests} total), ${Math.round(m.samples / n)
      .toLocaleString('en-US')
      .padStart(9)} samples/SLO ` +
    `(${m.samples.toLocaleString('en-US')} total), ${Math.round(m.ms)} ms`
  );
}

runOnGeneratorPrometheus(async (url) => {
  const t = Date.UTC(2026, 7, 20, 12); // 2026-08-20T12:00Z: 51.5 days into Q3, scrape gap and incidents behind
  process.stdout.write(`Prometheus ${url}; status at ${new Date(t).toISOString()} (calendar quarter UTC)\n`);
  for (const n of [1, 200]) {
    const slos = quarterSlos(n);
    const before = await measure(url, (c) => mapLimit(slos, 1, (s) => perPieceStatus(c, s, t)));
    const after = await measure(url, async (c) =>
      (
        await evaluateAll(c, slos, t, { concurrency: 4 })
      ).map((r) => {
        if ('error' in r) {
          throw r.error;
        }
        return r.statuses;
      })
    );
    const same = before.remaining.every((r, i) => r === after.remaining[i]);
    process.stdout.write(`${line('before', n, before)}\n${line('after', n, after)}\n`);
    process.stdout.write(`  same remaining for all ${n}: ${same} (first: ${after.remaining[0]})\n`);
  }
});
