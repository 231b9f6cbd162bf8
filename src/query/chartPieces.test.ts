import { batchedCounts, planBatch, WithdrawnPart } from './batch';
import { ChunkCache } from './cache';
import type { PromClient } from './client';
import { bucketEnds, offerPieces, runPartOf } from './chartPieces';
import type { FrameLike } from './frames';
import { batchParts, partLabels } from './testing/batchParts';

const H = 3_600_000;
const D = 24 * H;
const T = Date.UTC(2026, 7, 20, 12);
const counters = { bad: 'x{code=~"5.."}', total: 'x' };
const split = { now: T, selectors: ['x'] };

/** Buckets of one hour from `start`: total 10 and bad 1 each; `unsafe` ends are refused split points. */
function hours(start: number, n: number, unsafe: number[] = []) {
  const grid = { firstEnd: start + H, step: H, count: n };
  const buckets = [
    { key: '', buckets: { ...grid, bad: new Float64Array(n).fill(1), total: new Float64Array(n).fill(10) } },
  ];
  const safe = Array.from({ length: n }, (_, i) => !unsafe.includes(start + (i + 1) * H));
  return bucketEnds([{ grid, buckets, safe }], start, Infinity);
}

/**
 * The status' day pieces of a 3.5-day window at T, offered. A stand-in answers what a batch sends (recorded in `sent`)
 * as the buckets do: 10 events and 1 bad an hour, every split check safe (2 series around it).
 */
function offered(withRuns = false) {
  const cache = new ChunkCache();
  const sent: string[] = [];
  const client: PromClient = {
    id: 'p',
    instant: async (expr, t) => {
      sent.push(expr);
      return batchParts(expr, t).flatMap(({ part, expr: e }) => {
        const seconds = Number(/\[(\d+)s\]/.exec(e)?.[1]);
        // Split checks: 2 series around the point (span), both on both sides (both).
        const v = /:(span|both)$/.test(part) ? 2 : part.startsWith('total') ? seconds / 360 : seconds / 3600;
        if (v !== v) {
          return [];
        }
        const fields = [
          { name: 'Time', type: 'time', values: [t] },
          { name: 'Value', type: 'number', values: [v], labels: partLabels(part) },
        ];
        return [{ fields }];
      });
    },
    range: () => Promise.reject(new Error('no range queries here')),
  };
  const window = { start: T - 3 * D - 12 * H, end: T };
  const plan = planBatch(counters, [window], [], T, [], undefined, split);
  const offer = offerPieces(client, cache, true, [], [plan], withRuns ? runPartOf(counters, [], split) : undefined);
  return { cache, client, sent, window, plan, offer };
}

describe('offerPieces', () => {
  it('resolves each settled piece with its buckets sums; the batch sends none of them', async () => {
    const { client, cache, sent, window, plan, offer } = offered();
    expect(offer.size).toBe(plan.settledRanges.size);
    expect(offer.size).toBeGreaterThan(4);
    offer.settle(window.start, hours(window.start, 84));
    const [counts] = await batchedCounts(client, counters, [window], [], T, { cache, now: T, split: true });
    const settledText = [...plan.settledRanges.keys()].map((l) => plan.parts.get(l)!);
    expect(settledText.filter((q) => sent.some((s) => s.includes(q)))).toEqual([]);
    expect(sent.length).toBe(1); // the fresh tail, its split point and the check
    expect(counts.get('')).toEqual({ total: 840, bad: 84, good: 756 });
  });

  it('withdraws a piece with an unsafe inner edge (the batch reads it) and everything on withdraw()', async () => {
    const { cache, client, sent, window, plan, offer } = offered();
    const keys = [...plan.settledRanges.keys()].map((l) => ChunkCache.instantKey(client.id, plan.parts.get(l)!));
    const promises = keys.map((k) => cache.get<Promise<FrameLike[]>>(k)!);
    offer.settle(window.start, hours(window.start, 84, [T - 2 * D - 6 * H]));
    const outcomes = await Promise.all(
      promises.map((p) =>
        p.then(
          () => 'resolved',
          (e) => e instanceof WithdrawnPart
        )
      )
    );
    // The day piece holding the unsafe edge, for total and bad.
    expect(outcomes.filter((o) => o === true)).toHaveLength(2);
    expect(keys.filter((k) => cache.get(k) === undefined)).toHaveLength(2);
    const [counts] = await batchedCounts(client, counters, [window], [], T, { cache, now: T, split: true });
    expect(counts.get('')).toEqual({ total: 840, bad: 84, good: 756 });
    const day = (q: string) => q.includes('[86400s] @ ' + ((T - 2 * D + 12 * H) / 1000).toFixed(3));
    expect(sent.filter((q) => [...plan.parts.values()].some(day) && day(q))).toHaveLength(1); // read by the batch
    const again = offered();
    again.offer.withdraw();
    expect(again.cache.size).toBe(0);
  });

  it('completes a piece with an unsafe inner edge from its buckets and an exact count of the two hours around it', async () => {
    const { cache, client, sent, window, plan, offer } = offered(true);
    const u = T - 2 * D - 6 * H;
    const runs = offer.settle(window.start, hours(window.start, 84, [u]));
    expect(runs).toEqual([{ start: u - H, end: u + H }]);
    // The chart's segments' batch counts the run (here alone), then the waiting pieces complete from it.
    const counted = batchedCounts(client, counters, runs, [], T, { cache, now: T, split: true });
    offer.complete();
    await counted;
    const [counts] = await batchedCounts(client, counters, [window], [], T, { cache, now: T, split: true });
    expect(counts.get('')).toEqual({ total: 840, bad: 84, good: 756 });
    const settledText = [...plan.settledRanges.keys()].map((l) => plan.parts.get(l)!);
    expect(settledText.filter((q) => sent.some((s) => s.includes(q)))).toEqual([]);
    expect(sent.filter((q) => q.includes('[7200s] @ ' + ((u + H) / 1000).toFixed(3)))).toHaveLength(1);
  });
});
