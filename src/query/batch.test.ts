import { batchedCounts, planBatch, PART_LABEL, withAtModifier } from './batch';
import { ChunkCache } from './cache';
import type { PromClient } from './client';
import { batchParts, partLabels } from './testing/batchParts';

const H = 3_600_000;
const T = Date.UTC(2026, 7, 16);
const counters = { bad: 'x{code=~"5.."}', total: 'x' };

describe('withAtModifier', () => {
  it('adds @ after each range, not inside label values', () => {
    expect(withAtModifier('sum(increase(x{a="[3600s]"}[3600s]))', '3600s', 1_700_000_000_500)).toBe(
      'sum(increase(x{a="[3600s]"}[3600s] @ 1700000000.500))'
    );
  });
});

describe('planBatch', () => {
  it('reads each piece once for both counters, tagged by role and piece', () => {
    const plan = planBatch(
      counters,
      [
        { start: T - 2 * H, end: T },
        { start: T - H, end: T },
      ],
      [],
      T,
      []
    );
    expect(plan.pieces).toHaveLength(2);
    expect(plan.ranges.map((r) => r.pieces)).toEqual([[0], [1]]);
    const parts = batchParts(plan.expr, T);
    expect(parts.map((p) => p.part)).toEqual(['total:0', 'other:0', 'total:1', 'other:1']);
    expect(parts[1].expr).toBe('sum(increase(x{code=~"5.."}[7200s]))');
    expect(plan.expr).toContain(`"${PART_LABEL}"`);
    expect(plan.expr.split(' or ')).toHaveLength(4);
  });

  it('subtracts excluded intervals, read at their own end with @, shared between ranges', () => {
    const exclusion = { from: T - 3 * H, to: T - 2 * H, reason: 'maintenance' };
    const plan = planBatch(
      counters,
      [
        { start: T - 4 * H, end: T },
        { start: T - 5 * H, end: T },
      ],
      [exclusion],
      T,
      ['route']
    );
    expect(plan.ranges.map((r) => r.pieces)).toEqual([
      [0, 1],
      [2, 1],
    ]);
    const excluded = batchParts(plan.expr, T).filter((p) => p.part.endsWith(':1'));
    expect(excluded.map((p) => p.at)).toEqual([T - 2 * H, T - 2 * H]);
    expect(plan.expr).toContain(`[3600s] @ ${(T - 2 * H) / 1000}.000`);
    expect(excluded[0].expr).toBe('sum by (route)(increase(x[3600s]))');
  });

  it('checks presence for an empty window', () => {
    const plan = planBatch(
      counters,
      [
        { start: T, end: T },
        { start: T - H, end: T },
      ],
      [],
      T,
      []
    );
    expect(plan.ranges[0]).toEqual({ pieces: [0], empty: true });
    expect(batchParts(plan.expr, T)[0]).toMatchObject({ part: 'presence:0', expr: 'count(x)' });
  });
});

describe('split counts in the batch', () => {
  // A stand-in that answers each increase part with the seconds it covers (so pieces add up to the range's seconds),
  // every split check with 2 series around the point, both on both sides (or unsafe at `unsafeAt`), and records what it
  // was asked.
  const fake = (unsafeAt?: number) => {
    const asked: string[][] = [];
    const readSeconds: number[] = []; // per request, the seconds its total parts cover
    const client: PromClient = {
      id: 'fake',
      range: async () => [],
      instant: async (expr, t) => {
        const parts = batchParts(expr, t, true);
        asked.push(parts.map((p) => p.part));
        readSeconds.push(0);
        return parts.flatMap(({ part, expr: e, at }) => {
          const m = /\[(\d+(?:\.\d+)?)s\]/.exec(e);
          let v: number | undefined;
          if (part.endsWith(':span')) {
            v = 2; // 2 series around the point, no reset
          } else if (part.endsWith(':both')) {
            v = at === unsafeAt ? 1 : 2; // the check's first range ends at p: one series misses a side of unsafeAt
          } else if (m && /^(total|other)/.test(part)) {
            v = part.startsWith('total') ? Number(m[1]) : Number(m[1]) / 100;
            readSeconds[readSeconds.length - 1] += part.startsWith('total') ? v : 0;
          }
          return v === undefined
            ? []
            : [
                {
                  fields: [
                    { name: 'Time', type: 'time', values: [t] },
                    { name: 'Value', type: 'number', values: [v], labels: partLabels(part) },
                  ],
                },
              ];
        });
      },
    };
    return { client, asked, readSeconds };
  };
  const start = T - 40 * 24 * H;
  const t = T + 30 * 60_000;

  // A lookback of 2 d 6 h 1 min: its settled middle (a, s] starts at a = T - 2 d 5 h, and from T - 2 d on it is made of
  // the window's own day pieces.
  const lookbackMs = 2 * 24 * H + 6 * H + 60_000;
  const a = T - 2 * 24 * H - 5 * H;

  it('reads the settled middle once, then from the cache, and adds the pieces up to the whole range', async () => {
    const { client, asked, readSeconds } = fake();
    const cache = new ChunkCache();
    const rangesAt = (u: number) => [
      { start, end: u },
      { start: u - lookbackMs, end: u },
    ];
    const first = await batchedCounts(client, counters, rangesAt(t), [], t, { cache, now: t });
    expect(first[0].get('')!.total).toBeCloseTo((t - start) / 1000, 6);
    expect(first[1].get('')!.total).toBeCloseTo(lookbackMs / 1000, 6);
    // The window once, plus only the lookback's head (31 min) and its piece before the first day cut (5 h): its
    // middle's days are the window's parts.
    expect(readSeconds[0]).toBeCloseTo((t - start + 5 * H + 31 * 60_000) / 1000, 6);
    const t2 = t + 30_000;
    const again = await batchedCounts(client, counters, rangesAt(t2), [], t2, { cache, now: t2 });
    expect(again[0].get('')!.total).toBeCloseTo((t + 30_000 - start) / 1000, 6);
    expect(asked).toHaveLength(2);
    // Only fresh pieces the second time: no settled middle, no split check.
    expect(asked[1].some((p) => p.startsWith('split:'))).toBe(false);
    expect(asked[1].filter((p) => p.startsWith('total'))).toHaveLength(2); // the shared tail, the lookback's head
  });

  it('reads again only the pieces cut at an unsafe point, without that cut', async () => {
    const { client, asked } = fake(a);
    const ranges = [
      { start, end: t },
      { start: t - lookbackMs, end: t },
    ];
    const [w, l] = await batchedCounts(client, counters, ranges, [], t, { cache: new ChunkCache(), now: t });
    expect(asked).toHaveLength(2);
    expect(asked[1].some((p) => p.startsWith('split:'))).toBe(false);
    // Only the lookback (the window is not cut at a): its head and first piece as one, and the tail; its days are
    // cached.
    expect(asked[1].filter((p) => p.startsWith('total'))).toHaveLength(2);
    expect(w.get('')!.total).toBeCloseTo((t - start) / 1000, 6);
    expect(l.get('')!.total).toBeCloseTo(lookbackMs / 1000, 6);
  });

  it('reads a range without its last split point when that one is unsafe (a scrape gap), with one more request', async () => {
    const s = Math.floor((t - 15 * 60_000) / H) * H;
    const { client, asked } = fake(s);
    const [c] = await batchedCounts(client, counters, [{ start, end: t }], [], t, { cache: new ChunkCache(), now: t });
    expect(asked).toHaveLength(2);
    // The last day piece and the tail as one; the other pieces come from the cache.
    expect(asked[1]).toHaveLength(2);
    expect(asked[1].every((p) => /^(total|other):0/.test(p))).toBe(true);
    expect(c.get('')!.total).toBeCloseTo((t - start) / 1000, 6);
  });
});
