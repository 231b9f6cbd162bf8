import fc from 'fast-check';
import { ChunkCache } from './cache';
import { QueryError, type PromClient } from './client';
import { exactCounts, fetchBuckets, fetchGrid } from './fetch';
import type { FrameLike } from './frames';

// A stand-in for the HTTP client in unit tests only: it answers range queries from a function of
// time and records each request (the real Prometheus is exercised in tests/integration).
class FunctionClient implements PromClient {
  readonly id = 'fn';
  readonly requests: Array<{ expr: string; start?: number; end?: number; step?: number; t?: number }> = [];
  constructor(private readonly value: (expr: string, t: number) => number | undefined) {}

  private frame(expr: string, times: number[]): FrameLike[] {
    const kept = times.filter((t) => this.value(expr, t) !== undefined);
    if (kept.length === 0) {
      return [];
    }
    return [
      {
        fields: [
          { name: 'Time', type: 'time', values: kept },
          { name: 'Value', type: 'number', labels: {}, values: kept.map((t) => this.value(expr, t)!) },
        ],
      },
    ];
  }

  async instant(expr: string, t: number) {
    this.requests.push({ expr, t });
    return this.frame(expr, [t]);
  }

  async range(expr: string, start: number, end: number, step: number) {
    this.requests.push({ expr, start, end, step });
    const times: number[] = [];
    for (let t = start; t <= end; t += step) {
      times.push(t);
    }
    return this.frame(expr, times);
  }
}

const MIN = 60_000;

describe('fetchGrid', () => {
  it('gives the same grid whatever the chunk size, and no request exceeds it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 700 }),
        async (count, maxPoints) => {
          const value = (_: string, t: number) => ((t / MIN) % 7 === 3 ? undefined : (t / MIN) % 11);
          const grid = { firstEnd: 1_000 * MIN, step: MIN, count };
          const whole = await fetchGrid(new FunctionClient(value), 'x', grid, { maxPointsPerRequest: 11_000 });
          const client = new FunctionClient(value);
          const chunked = await fetchGrid(client, 'x', grid, { maxPointsPerRequest: maxPoints, concurrency: 3 });
          expect([...(chunked.get('') ?? [])]).toEqual([...(whole.get('') ?? [])]);
          for (const r of client.requests) {
            expect((r.end! - r.start!) / r.step! + 1).toBeLessThanOrEqual(maxPoints);
          }
        }
      ),
      { numRuns: 40 }
    );
  });

  it('serves settled chunks from the cache and refetches recent ones', async () => {
    const client = new FunctionClient(() => 1);
    const cache = new ChunkCache(100, 10 * MIN);
    const grid = { firstEnd: 0, step: MIN, count: 100 };
    const now = 200 * MIN;
    await fetchGrid(client, 'x', grid, { cache, now, maxPointsPerRequest: 50 });
    await fetchGrid(client, 'x', grid, { cache, now, maxPointsPerRequest: 50 });
    expect(client.requests).toHaveLength(2);
    const recent = { firstEnd: 150 * MIN, step: MIN, count: 50 };
    await fetchGrid(client, 'x', recent, { cache, now, maxPointsPerRequest: 50 });
    await fetchGrid(client, 'x', recent, { cache, now, maxPointsPerRequest: 50 });
    expect(client.requests).toHaveLength(4);
  });

  it('caches the settled points of a chunk that reaches into the recent past, and asks only for the rest', async () => {
    const client = new FunctionClient((_e, t) => t / MIN);
    const cache = new ChunkCache(100, 10 * MIN);
    const grid = { firstEnd: 150 * MIN, step: MIN, count: 50 };
    const first = await fetchGrid(client, 'x', grid, { cache, now: 200 * MIN });
    const again = await fetchGrid(client, 'x', grid, { cache, now: 200 * MIN + 30_000 });
    expect(client.requests.map((r) => [r.start! / MIN, r.end! / MIN])).toEqual([
      [150, 199],
      [191, 199],
    ]);
    expect([...again.get('')!]).toEqual([...first.get('')!]);
    expect(first.get('')![49]).toBe(199);
  });
});

describe('fetchBuckets', () => {
  it('derives bad = total - good for good-event indicators and treats a missing bad series as 0 bad', async () => {
    const client = new FunctionClient((expr, t) => {
      if (expr.includes('total_metric')) {
        return t === 2 * MIN ? undefined : 100;
      }
      if (expr.includes('good_metric')) {
        return 97;
      }
      return undefined;
    });
    const grid = { firstEnd: MIN, step: MIN, count: 3 };
    const [g] = await fetchBuckets(client, { good: 'good_metric', total: 'total_metric' }, grid);
    expect([...g.buckets.total]).toEqual([100, NaN, 100]);
    expect([...g.buckets.bad]).toEqual([3, NaN, 3]);
    const [h] = await fetchBuckets(client, { bad: 'missing_metric', total: 'total_metric' }, grid);
    expect([...h.buckets.bad]).toEqual([0, NaN, 0]);
  });

  it('tags a failing query with the counter it was for', async () => {
    const client: PromClient = {
      id: 'failing',
      instant: async () => [],
      range: async (expr) => {
        if (expr.includes('bad_metric')) {
          throw new QueryError('rejected', 'bad_data: parse error', expr);
        }
        return [];
      },
    };
    await expect(
      fetchBuckets(client, { bad: 'bad_metric', total: 't' }, { firstEnd: 0, step: MIN, count: 2 })
    ).rejects.toMatchObject({
      role: 'bad',
      kind: 'rejected',
    });
  });
});

describe('exactCounts', () => {
  it('subtracts excluded intervals measured over exactly their own range', async () => {
    // events at 10/min for total and 1/min for bad: increase over a range is proportional to its length
    const client = new FunctionClient(() => 0);
    client.instant = async (expr: string, t: number) => {
      client.requests.push({ expr, t });
      const seconds = Number(/\[(\d+)s\]/.exec(expr)![1]);
      const perMin = expr.includes('t_metric') ? 10 : 1;
      return [
        {
          fields: [
            { name: 'Time', type: 'time', values: [t] },
            { name: 'Value', type: 'number', values: [(perMin * seconds) / 60] },
          ],
        },
      ];
    };
    const counts = await exactCounts(client, { bad: 'b_metric', total: 't_metric' }, { start: 0, end: 100 * MIN }, [
      { from: 10 * MIN, to: 20 * MIN, reason: 'maintenance' },
      { from: 90 * MIN, to: 130 * MIN, reason: 'clipped at the window end' },
    ]);
    expect(counts.get('')).toEqual({ total: 10 * 80, bad: 80, good: 720 });
  });

  it('reports zero events (not no data) at the instant a window starts when the counters exist', async () => {
    const client = new FunctionClient((expr) => (expr.startsWith('count') ? 2 : undefined));
    const counts = await exactCounts(client, { bad: 'b', total: 't' }, { start: 5 * MIN, end: 5 * MIN });
    expect(counts.get('')).toEqual({ bad: 0, good: 0, total: 0 });
    const none = await exactCounts(
      new FunctionClient(() => undefined),
      { bad: 'b', total: 't' },
      { start: 5 * MIN, end: 5 * MIN }
    );
    expect(none.size).toBe(0);
  });
});
