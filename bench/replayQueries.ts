// BENCH_QUERY_LOG's queries (tests/browser/promCounter.ts) replayed one at a time against the generator's Prometheus
// with the bench's quarter tiles, so each query's own cost shows without the page's concurrency: `npx tsx
// bench/replayQueries.ts <log.jsonl>` prints, per query shape, Prometheus' evaluation and preparation times and its
// samples, and the process' CPU seconds over all replays (its /metrics). A profiling aid; prints figures only.
import { readFileSync } from 'node:fs';

import { addQuarterTiles } from './overviewRecorded';
import { promCpuSeconds, quarterSlos, runOnGeneratorPrometheus } from './promStats';

const NOW = '2026-08-20T12:00:00Z';
const TILES_FROM = '2026-06-30T00:00:00Z';

interface Logged {
  kind: 'ranges' | 'instants';
  query: string;
  time?: string;
  start?: string;
  end?: string;
  step?: string;
}

/** A query's shape: its text with SLO ids and numbers blanked, so the 200 SLOs' copies group together. */
const shape = (q: string) => q.replace(/checkout-q-\d+/g, 'ID').replace(/\d+/g, '#').slice(0, 90);

runOnGeneratorPrometheus(async (url) => {
  const log = readFileSync(process.argv[2], 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Logged);
  const n = Math.max(1, ...log.map((l) => Number(/checkout-q-(\d+)/.exec(l.query)?.[1] ?? 0) + 1));
  const specs = quarterSlos(n).map((s) => ({ ...s, mode: 'recorded' as const }));
  await addQuarterTiles(url, specs, Date.parse(TILES_FROM), Date.parse(NOW), (l) => process.stdout.write(`${l}\n`));
  const byShape = new Map<string, { n: number; evalMs: number; prepMs: number; samples: number; len: number }>();
  const reps = Number(process.env.REPLAY_REPS ?? 1);
  const c0 = await promCpuSeconds(url);
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) {
    for (const q of log) {
      const path = q.kind === 'ranges' ? '/api/v1/query_range' : '/api/v1/query';
      const params: Record<string, string> = { query: q.query, stats: 'all' };
      for (const k of ['time', 'start', 'end', 'step'] as const) {
        if (q[k] !== undefined) {
          params[k] = q[k]!;
        }
      }
      const res = await fetch(url + path, { method: 'POST', body: new URLSearchParams(params) });
      const body = (await res.json()) as {
        status: string;
        data?: { stats?: { timings: Record<string, number>; samples: { totalQueryableSamples: number } } };
      };
      const st = body.data?.stats;
      const key = `${q.kind === 'ranges' ? 'range' : 'instant'} ${shape(q.query)}`;
      const e = byShape.get(key) ?? { n: 0, evalMs: 0, prepMs: 0, samples: 0, len: 0 };
      e.n++;
      e.evalMs += (st?.timings.evalTotalTime ?? NaN) * 1000;
      e.prepMs += (st?.timings.queryPreparationTime ?? NaN) * 1000;
      e.samples += st?.samples.totalQueryableSamples ?? 0;
      e.len += q.query.length;
      byShape.set(key, e);
    }
  }
  const wall = performance.now() - t0;
  const c1 = await promCpuSeconds(url);
  for (const [k, e] of byShape) {
    process.stdout.write(
      `${e.n} x ${k}\n    eval ${(e.evalMs / e.n).toFixed(1)} ms, prep ${(e.prepMs / e.n).toFixed(1)} ms, ` +
        `${Math.round(e.samples / e.n)} samples, ${Math.round(e.len / e.n)} chars\n`
    );
  }
  process.stdout.write(
    `${log.length * reps} queries one at a time: ${Math.round(wall)} ms, Prometheus CPU ${(c1 - c0).toFixed(2)} s\n`
  );
});
