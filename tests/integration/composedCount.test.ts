// A window's count composed from the chart's per-step buckets (src/query/composed.ts; docs/semantics.md section 8,
// "Split counts") against the batched exact count (src/query/batch.ts, split as the status reads it) and the
// generator's truth, on both backends, for quarters that hold the scrape gap (2026-08-12 10:50-11:10) and the two
// counter resets (pod-a 2026-07-15 06:00, pod-b 2026-09-09 16:30). Every bucket edge is a split point: the check must
// refuse the edges inside the gap and at the restarts, and the composed count must then equal the split count and the
// truth within half an event. The differences in events and the refused edges are printed.
import { statusLookbacks, windowAt } from '../../src/engine';
import {
  batchedCounts,
  ChunkCache,
  composedCounts,
  counterExprs,
  evaluateSlo,
  HttpPromClient,
  loadBudgetChart,
  planBatch,
  splitFor,
  type PromClient,
} from '../../src/query';
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

/** The bucket edges that are no safe split point: pod-a's restart, the gap's hour (pod-b restarts between edges). */
const UNSAFE_EDGES = ['2026-07-15T06:00:00Z', '2026-08-12T11:00:00Z'].map(at);

/** A client that keeps the text of every instant query it sends (a batch's parts are in it, tagged). */
function recording(client: PromClient): { client: PromClient; instants: string[] } {
  const instants: string[] = [];
  return {
    instants,
    client: {
      id: client.id,
      instant: (expr, t) => {
        instants.push(expr);
        return client.instant(expr, t);
      },
      range: (expr, start, end, step) => client.range(expr, start, end, step),
    },
  };
}

const offered: string[] = [];
afterAll(() =>
  process.stdout.write(`\nstatus with its chart, settled pieces sent / planned:\n${offered.join('\n')}\n\n`)
);

// The status and the chart of the same window loaded together as a panel loads them (src/shared/budget/sloBudget.ts:
// the chart first, one page cache): the status' settled week and day pieces come from the chart's buckets
// (src/query/chartPieces.ts), so its batch sends none of them; around an unsafe bucket edge only the buckets beside it are
// read (in the chart's segments' batch).
describeEachBackend('status loaded with its chart', (backend) => {
  const client = new HttpPromClient(backend.url);

  it.each(CASES)('%s at %s: counts as loaded alone and the truth, pieces from the buckets', async (id, nowIso) => {
    const spec = specs.get(id)!;
    const now = at(nowIso);
    const window = windowAt(now, spec.window);
    const rec = recording(client);
    const cache = new ChunkCache();
    const chart = loadBudgetChart(rec.client, spec, { from: window.start, to: now, now }, { cache });
    const [[together], loaded] = await Promise.all([evaluateSlo(rec.client, spec, now, { cache, now }), chart]);
    const [alone] = await evaluateSlo(client, spec, now, { cache: new ChunkCache(), now });
    const truth = countsOver(window.start, window.end);

    const counters = counterExprs(spec.indicator);
    const ranges = [window, ...statusLookbacks(spec, now).map((ms) => ({ start: now - ms, end: now }))];
    const split = splitFor(counters, { cache, now });
    const plan = planBatch(counters, ranges, spec.exclusions, now, spec.groupBy ?? [], undefined, split);
    const settled = [...plan.settledRanges];
    const sent = settled.filter(([label]) => rec.instants.some((q) => q.includes(plan.parts.get(label)!)));
    offered.push(
      `  ${backend.name} ${id}@${nowIso}: ${sent.length} / ${settled.length} (${sent
        .map(([, r]) => `${iso(r.start)}..${iso(r.end)}`)
        .join(' ')}); total ${together.total! - alone.total!}, bad ${together.bad! - alone.bad!} vs alone`
    );
    expect(loaded.groups.length).toBe(1);
    expect(settled.length).toBeGreaterThan(5);
    // No settled piece is read by a batch: a piece holding an unsafe bucket edge is its buckets plus an exact count of
    // the few buckets around that edge (read in the chart's segments' batch, chartPieces.ts).
    const reads = rec.instants.flatMap((q) =>
      [...q.matchAll(/\[(\d+)s\] @ (\d+(?:\.\d+)?)/g)].map((m) => ({
        end: Number(m[2]) * 1000,
        start: Number(m[2]) * 1000 - Number(m[1]) * 1000,
      }))
    );
    expect(sent).toEqual([]);
    expect(Math.max(...reads.map((r) => r.end - r.start))).toBeLessThan(7 * 86_400_000);
    // Each unsafe bucket edge of the settled window (on the chart's step, or in its hourly tail) is read as a run of at
    // most two buckets around it.
    const tailFrom = loaded.hourly ? [...loaded.hourly.values()][0].firstEnd - 3_600_000 : Infinity;
    const edge = (u: number) => u % loaded.step === 0 || u >= tailFrom;
    for (const u of UNSAFE_EDGES.filter((x) => window.start < x && x < now - 3_600_000 && edge(x))) {
      expect(reads.some((r) => r.start < u && u < r.end && r.end - r.start <= 2 * loaded.step)).toBe(true);
    }
    expect(Math.abs(together.total! - alone.total!)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(together.bad! - alone.bad!)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(together.total! - truth.total)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(together.bad! - truth.bad)).toBeLessThanOrEqual(0.5);
  });
});
