import { checkPromql } from '../promql';
import type { SloSpec } from '../slo/types';
import { PART_LABEL } from './frames';
import { clockGuessHeld, clockNewestTile, decideMode, expectedNewestTile, recordedCountParts } from './recorded';

const MIN = 60_000;
const spec: SloSpec = {
  id: 'hc',
  name: 'hc',
  labels: {},
  indicator: { kind: 'ratio', bad: 'req_total{code="500"}', total: 'req_total' },
  objective: 0.995,
  window: { kind: 'rolling', durationMs: 24 * 60 * MIN },
  budgetingMethod: 'occurrences',
  groupBy: ['route'],
  exclusions: [],
  policy: [],
  alerting: { page: false, ticket: false },
  mode: 'recorded',
};

describe('recorded counts: the parts of a range', () => {
  // tiles every 5 minutes, 20 s past the minute; t 37 s past the newest tile
  const newest = 1_000 * 5 * MIN + 20_000;
  const t = newest + 37_000;
  const { parts } = recordedCountParts(spec, [{ start: t - 60 * MIN, end: t }], newest, 5 * MIN);
  const byName = new Map(parts.map((p) => [p.name, p]));

  it('reads each raw edge as the difference of two instant samples per series, with a reset-safe alternative', () => {
    // start edge: (t - 1h, its nearest grid point] is (newest - 1h, newest - 1h + 37 s]: subtracted from the tiles
    const start = byName.get('total:0:0')!;
    expect(start.sign).toBe(-1);
    const at = ((newest - 60 * MIN + 37_000) / 1000).toFixed(3);
    expect(start.query).toBe(`sum by (route)((req_total @ ${at} - req_total @ ${at} offset 37s))`);
    // no range selector: 2 samples per series whatever the edge's length
    expect(start.query).not.toMatch(/\[/);
    expect(start.guarded).toContain(`resets(req_total[37s] @ ${at})`);
    expect(start.guarded).toContain(`increase(req_total[37s] @ ${at})`);
    // tail: (newest, t], added
    const tail = byName.get('total:0:1')!;
    expect(tail.sign).toBe(1);
    expect(tail.query).toContain(`req_total @ ${(t / 1000).toFixed(3)} offset 37s`);
    expect(byName.get('other:0:1')!.query).toContain('req_total{code="500"} @');
    for (const p of parts) {
      expect(checkPromql(p.query).problems).toEqual([]);
      if (p.guarded !== undefined) {
        expect(checkPromql(p.guarded).problems).toEqual([]);
      }
    }
  });

  it('reads the tiles in between as one sum, without a reset-safe alternative', () => {
    expect(byName.get('total:0:2')!.query).toContain(
      'sum_over_time(burndown:slo_events_total:tiles5m{slo="hc"}[3600s]'
    );
    expect(byName.get('total:0:2')!.guarded).toBeUndefined();
    // 12 tiles from newest - 55 min to newest
    expect(parts.some((p) => p.name === 'tiles:0:2:12')).toBe(true);
    expect(parts.some((p) => p.settled)).toBe(false);
  });
});

describe('recorded counts with a page cache: the tiles split at a settled whole hour', () => {
  // A day's range; settled up to 20 min past an hour: the split is the last tile at or before that whole hour.
  const HOUR = 60 * MIN;
  const newest = 2_000 * HOUR + 20_000;
  const t = newest + 37_000;
  const settledUntil = 1_999 * HOUR + 20 * MIN;
  const whole = recordedCountParts(spec, [{ start: t - 24 * HOUR, end: t }], newest, 5 * MIN);
  const split = recordedCountParts(spec, [{ start: t - 24 * HOUR, end: t }], newest, 5 * MIN, settledUntil);
  const byName = new Map(split.parts.map((p) => [p.name, p]));

  it('reads the settled tiles up to the split, pinned with @, and the fresh ones after it', () => {
    // settled: tiles up to 1999 h - 5 min + 20 s (the last grid point at or before 1999 h); fresh: from there to newest
    const lastSettled = 1_999 * HOUR - 5 * MIN + 20_000;
    const settled = byName.get('total:0:2')!;
    expect(settled.settled).toBe(true);
    expect(settled.query).toContain(`@ ${((lastSettled + 2.5 * MIN) / 1000).toFixed(3)}`);
    const fresh = byName.get('total:0:3')!;
    expect(fresh.settled).toBeUndefined();
    expect(fresh.query).toContain(`@ ${((newest + 2.5 * MIN) / 1000).toFixed(3)}`);
    // 13 fresh tiles (lastSettled + 5 min .. newest), the settled ones the rest of the unsplit count
    const expected = (ps: typeof split.parts) =>
      ps.filter((p) => p.name.startsWith('tiles:')).map((p) => Number(p.name.split(':')[3]));
    expect(expected(split.parts)).toEqual([expected(whole.parts)[0] - 13, 13]);
    // the edges are the same parts either way
    const edges = (ps: typeof split.parts) => ps.filter((p) => p.guarded !== undefined).map((p) => p.query);
    expect(edges(split.parts)).toEqual(edges(whole.parts));
    for (const p of split.parts) {
      expect(checkPromql(p.query).problems).toEqual([]);
    }
  });

  it('keeps the settled query the same for the hour (a refresh finds it in the cache)', () => {
    const later = recordedCountParts(
      spec,
      [{ start: t - 24 * HOUR, end: t }],
      newest,
      5 * MIN,
      settledUntil + 30 * MIN
    );
    expect(later.parts.find((p) => p.name === 'total:0:2')!.query).toBe(byName.get('total:0:2')!.query);
  });

  it('a range wholly settled is one settled part; one starting after the split is one fresh part', () => {
    const old = recordedCountParts(spec, [{ start: t - 24 * HOUR, end: t - 3 * HOUR }], newest, 5 * MIN, settledUntil);
    expect(old.parts.filter((p) => p.settled).map((p) => p.name)).toEqual(['total:0:2', 'other:0:2', 'tiles:0:2:252']);
    const recent = recordedCountParts(spec, [{ start: t - 30 * MIN, end: t }], newest, 5 * MIN, settledUntil);
    expect(recent.parts.some((p) => p.settled)).toBe(false);
  });
});

describe('clockNewestTile: a first load guesses the tiles on the clock grid where they were seen on it', () => {
  const answering = (id: string, newest: number) => ({
    id,
    async instant() {
      return [
        {
          fields: [
            { name: 'Time', type: 'time', values: [0] },
            { name: 'Value', type: 'number', labels: { [PART_LABEL]: 'newest' }, values: [newest / 1000] },
          ],
        },
      ];
    },
    range: async () => [],
  });

  it('none until a tile on the grid was seen, then the last multiple of the interval, until a guess fails', async () => {
    const client = answering('unit-clock', 1_000 * 5 * MIN);
    expect(clockNewestTile(client, 1_000 * 5 * MIN + 37_000, 5 * MIN)).toBeUndefined();
    await decideMode(client, spec, 1_000 * 5 * MIN + 37_000, 60 * MIN);
    expect(clockNewestTile(client, 1_001 * 5 * MIN + 37_000, 5 * MIN)).toBe(1_001 * 5 * MIN);
    clockGuessHeld(client, true);
    expect(clockNewestTile(client, 1_001 * 5 * MIN, 5 * MIN)).toBe(1_001 * 5 * MIN);
    clockGuessHeld(client, false);
    expect(clockNewestTile(client, 1_001 * 5 * MIN + 37_000, 5 * MIN)).toBeUndefined();
  });

  it('makes no guess where the tiles are off the grid (Prometheus offsets each group)', async () => {
    const client = answering('unit-offclock', 1_000 * 5 * MIN + 20_000);
    await decideMode(client, spec, 1_000 * 5 * MIN + 37_000, 60 * MIN);
    expect(clockNewestTile(client, 1_001 * 5 * MIN + 37_000, 5 * MIN)).toBeUndefined();
  });
});

describe('expectedNewestTile: the tile a count is planned on before the decision', () => {
  // A client that answers the decision's newest-tile part only (a unit stand-in: the requests it sends are what is
  // checked here; tests/integration/recorded.trend.test.ts runs the same against Prometheus).
  const newest = 1_000 * 5 * MIN + 20_000;
  const client = {
    id: 'unit-expected',
    sent: [] as string[],
    async instant(expr: string) {
      this.sent.push(expr);
      return [
        {
          fields: [
            { name: 'Time', type: 'time', values: [0] },
            { name: 'Value', type: 'number', labels: { [PART_LABEL]: 'newest' }, values: [newest / 1000] },
          ],
        },
      ];
    },
    async range() {
      return [];
    },
  };

  it('is none before a decision, then the last point of the seen tile grid, and none once that tile is stale', async () => {
    expect(expectedNewestTile(client, spec, newest + 37_000, 5 * MIN)).toBeUndefined();
    const d = await decideMode(client, spec, newest + 37_000, 60 * MIN, {}, [
      'label_replace(vector(1), "x", "y", "", "")',
    ]);
    expect(d.newestTile).toBe(newest);
    // the extra query went in the decision's one request
    expect(client.sent).toHaveLength(1);
    expect(client.sent[0]).toContain('vector(1)');
    expect(expectedNewestTile(client, spec, newest + 37_000, 5 * MIN)).toBe(newest);
    expect(expectedNewestTile(client, spec, newest + 6 * MIN, 5 * MIN)).toBe(newest + 5 * MIN);
    expect(expectedNewestTile(client, spec, newest + 11 * MIN, 5 * MIN)).toBeUndefined();
    expect(expectedNewestTile({ ...client, id: 'other' }, spec, newest + 37_000, 5 * MIN)).toBeUndefined();
  });
});
