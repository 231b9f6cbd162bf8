// A window's count composed from the chart's per-step buckets (src/query/composed.ts; docs/semantics.md section 8,
// "Split counts") against the batched exact count (src/query/batch.ts, split as the status reads it) and the
// generator's truth, on both backends, for quarters that hold the scrape gap (2026-08-12 10:50-11:10) and the two
// counter resets (pod-a 2026-07-15 06:00, pod-b 2026-09-09 16:30). Every bucket edge is a split point: the check must
// refuse the edges inside the gap and at the restarts, and the composed count must then equal the split count and the
// truth within half an event. The differences in events and the refused edges are printed.
import { windowAt } from '../../src/engine';
import { batchedCounts, ChunkCache, composedCounts, counterExprs, HttpPromClient } from '../../src/query';
import { describeEachBackend } from './backends';
import { fixtureSpecs } from './fixtureSpecs';
import { at, countsOver, iso } from './truth';

const specs = fixtureSpecs();

/** SLO and "now": each quarter so far holds the gap or a restart, at the chart's step or in its hourly tail. */
const CASES: Array<[string, string]> = [
  ['checkout-q-utc', '2026-08-20T12:00:00Z'],
  ['checkout-q-utc', '2026-08-13T00:07:00Z'],
  ['checkout-q-utc', '2026-09-30T00:00:00Z'],
  ['checkout-q-berlin', '2026-08-20T12:00:00Z'],
  ['checkout-month', '2026-07-20T05:30:00Z'],
];

const lines: string[] = [];
afterAll(() => process.stdout.write(`\ncomposed window counts (events):\n${lines.join('\n')}\n\n`));

describeEachBackend('window counts composed from the chart buckets', (backend) => {
  const client = new HttpPromClient(backend.url);

  it.each(CASES)('%s at %s equal the split count and the truth', async (id, nowIso) => {
    const spec = specs.get(id)!;
    const now = at(nowIso);
    const window = windowAt(now, spec.window);
    const counters = counterExprs(spec.indicator);
    // The status' split batch (week and day cuts) is 24-30 kB of PromQL, over VictoriaMetrics' default
    // -search.maxQueryLen of 16 kB (the test's VictoriaMetrics keeps the default): there it is sent in several
    // requests (src/query/queryLength.ts).
    const [composed, [batched]] = await Promise.all([
      composedCounts(client, spec, window, { now }),
      batchedCounts(client, counters, [window], [], now, { now, cache: new ChunkCache() }),
    ]);
    const c = composed.counts.get('')!;
    const b = batched.get('')!;
    const truth = countsOver(window.start, window.end);
    const diff = (x: number, y: number) => (x - y).toFixed(3);
    lines.push(
      `  ${backend.name} ${id}@${nowIso}: ${composed.edges} edges, unsafe ${
        composed.unsafe.map(iso).join(' ') || 'none'
      }; composed - split: total ${diff(c.total, b.total)}, bad ${diff(c.bad, b.bad)}; ` +
        `composed - truth: total ${diff(c.total, truth.total)}, bad ${diff(c.bad, truth.bad)}`
    );
    expect(composed.edges).toBeGreaterThan(100);
    expect(Math.abs(c.total - b.total)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c.bad - b.bad)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c.total - truth.total)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c.bad - truth.bad)).toBeLessThanOrEqual(0.5);
  });
});
