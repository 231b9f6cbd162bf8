// The loader's order of work with stand-in evaluators (the figures themselves are checked against the real
// Prometheus in tests/browser/app.overview.test.ts and bench/overview.bench.ts): figures of rows on screen, their
// trends, then the others' figures and trends; a calendar SLO's trend comes with its row; a failing SLO becomes an
// error row and the others go on, a failing trend is just absent, nothing arrives after cancelling.
import type { SloStatus } from '../../engine';
import { parseSloObjects, type SloSpec } from '../../slo';
import { trendState } from './domain/overviewRow';
import { loadStatuses, loadTrend, trendFromStatuses, TREND_SPAN_MS, type StatusDeps } from './loadStatuses';

/** `n` ratio SLOs s0..s(n-1) on `window`, or ids and windows given one by one. */
function specs(n: number | Array<[string, object]>, window: object = { rolling: '7d' }): SloSpec[] {
  const list: Array<[string, object]> =
    typeof n === 'number' ? Array.from({ length: n }, (_, i) => [`s${i}`, window]) : n;
  const { slos, errors } = parseSloObjects(
    list.map(([id, w]) => ({
      id,
      name: id.toUpperCase(),
      indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
      objective: '99%',
      window: w,
    }))
  );
  if (!slos) {
    throw new Error(JSON.stringify(errors));
  }
  return slos;
}

const status = (id: string): SloStatus =>
  ({
    id,
    group: {},
    remaining: 0.5,
    sli: 0.995,
    noData: false,
    burnRates: { '1h': 0.2 },
    timeToExhaustion: { state: 'not-burning', inMs: null },
    policy: null,
    diagnostics: [],
  } as unknown as SloStatus);

/** Stand-in deps; `log` records each call as it starts ("evaluate s1", "trend s1"). */
function deps(failing: string[] = [], failingTrend: string[] = []): { deps: StatusDeps; log: string[] } {
  const log: string[] = [];
  const client = { id: 'x', instant: jest.fn(), range: jest.fn() };
  return {
    log,
    deps: {
      clientFor: () => client,
      evaluate: async (_c, spec) => {
        log.push(`evaluate ${spec.id}`);
        await new Promise((r) => setTimeout(r, spec.id.length));
        if (failing.includes(spec.id)) {
          throw new Error(`${spec.id}: HTTP 502`);
        }
        return [status(spec.id)];
      },
      trend: async (_c, spec) => {
        log.push(`trend ${spec.id}`);
        await new Promise((r) => setTimeout(r, 1));
        if (failingTrend.includes(spec.id)) {
          throw new Error('range query failed');
        }
        return { time: [1, 2], value: [0.6, 0.5], stepMs: 1 };
      },
    },
  };
}

const byScreen = (onScreen: string[], rest: string[]) => () => ({ onScreen, rest });

describe('loadStatuses', () => {
  it('delivers every row and the trends of the SLOs that evaluated; a failing trend is just absent', async () => {
    const { deps: d } = deps(['s2'], ['s3']);
    const events: string[] = [];
    await loadStatuses(
      specs(6),
      0,
      (row) => events.push(`row ${row.id} ${row.status}`),
      d,
      () => false,
      (id, trend) => events.push(`trend ${id} ${trend ? trend.value.length : 'none'}`)
    );
    const rows = events.filter((e) => e.startsWith('row'));
    const trends = events.filter((e) => e.startsWith('trend'));
    expect(rows.sort()).toEqual([
      'row s0 healthy',
      'row s1 healthy',
      'row s2 error',
      'row s3 healthy',
      'row s4 healthy',
      'row s5 healthy',
    ]);
    expect(trends.sort()).toEqual(['trend s0 2', 'trend s1 2', 'trend s3 none', 'trend s4 2', 'trend s5 2']);
  });

  it("delivers a calendar SLO's trend with its row (no request, no second pass) before the other SLOs' figures", async () => {
    const { deps: d, log } = deps();
    d.concurrency = 1;
    const events: string[] = [];
    await loadStatuses(
      specs([
        ['c0', { calendar: 'quarter' }],
        ['r1', { rolling: '7d' }],
        ['r2', { rolling: '7d' }],
      ]),
      0,
      (row) => events.push(`row ${row.id} ${trendState(row)} ${row.trend?.value.length ?? '-'}`),
      d,
      () => false,
      (id) => events.push(`onTrend ${id}`),
      byScreen([], ['c0', 'r1', 'r2'])
    );
    expect(events[0]).toBe('row c0 done 2');
    expect(events).not.toContain('onTrend c0');
    expect(log.slice(0, 3)).toEqual(['evaluate c0', 'trend c0', 'evaluate r1']);
    // The rolling windows' trends (one request each) come by onTrend, after the figures of the rows before them.
    expect(events.slice(1)).toEqual(['row r1 pending -', 'row r2 pending -', 'onTrend r1', 'onTrend r2']);
  });

  it("reads the trends of rolling rows on screen before the other rows' figures, then the rest in display order", async () => {
    const { deps: d, log } = deps();
    d.concurrency = 1;
    await loadStatuses(
      specs(5),
      0,
      () => undefined,
      d,
      () => false,
      () => undefined,
      byScreen(['s3', 's1'], ['s0', 's4', 's2'])
    );
    expect(log).toEqual([
      'evaluate s3',
      'evaluate s1',
      'trend s3',
      'trend s1',
      'evaluate s0',
      'evaluate s4',
      'evaluate s2',
      'trend s0',
      'trend s4',
      'trend s2',
    ]);
  });

  it('keeps at most `concurrency` tasks at once, figures and trends together', async () => {
    const { deps: d } = deps();
    d.concurrency = 3;
    let running = 0;
    let most = 0;
    const counted =
      <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
      async (...a: A) => {
        most = Math.max(most, ++running);
        try {
          return await f(...a);
        } finally {
          running--;
        }
      };
    d.evaluate = counted(d.evaluate);
    d.trend = counted(d.trend!);
    let trends = 0;
    await loadStatuses(
      specs(12),
      0,
      () => undefined,
      d,
      () => false,
      () => trends++
    );
    expect(trends).toBe(12);
    expect(most).toBe(3);
  });

  it('evaluates in the order `order` gives, asked again before each task (a sort or a scroll reorders the rest)', async () => {
    const { deps: d } = deps();
    // Four at a time: the first four start before any row arrives.
    d.concurrency = 4;
    const started: string[] = [];
    const evaluate = d.evaluate;
    d.evaluate = (c, spec, t, o) => (started.push(spec.id), evaluate(c, spec, t, o));
    // The page shows s9..s0 (on screen first); when the first row arrives, a scroll brings s1 and s2 on screen.
    let order = { onScreen: ['s9', 's8'], rest: ['s7', 's6', 's5', 's4', 's3', 's2', 's1', 's0'] };
    let rows = 0;
    await loadStatuses(
      specs(10),
      0,
      () => {
        rows++;
        if (rows === 1) {
          order = { onScreen: ['s1', 's2'], rest: ['s9', 's8', 's7', 's6', 's5', 's4', 's3', 's0'] };
        }
      },
      d,
      () => false,
      undefined,
      () => order
    );
    expect(started.slice(0, 4)).toEqual(['s9', 's8', 's7', 's6']);
    expect(started.slice(4, 6)).toEqual(['s1', 's2']);
    expect(started.slice(6)).toEqual(['s5', 's4', 's3', 's0']);
  });

  it('stops delivering once cancelled: no row, no trend, no new task', async () => {
    const { deps: d, log } = deps();
    d.concurrency = 2;
    const events: string[] = [];
    let cancelled = false;
    await loadStatuses(
      specs(10),
      0,
      (row) => {
        events.push(row.id);
        cancelled = events.length >= 2;
      },
      d,
      () => cancelled,
      (id) => events.push(`trend ${id}`)
    );
    // Workers already waiting finish their task but say nothing.
    expect(events).toHaveLength(2);
    expect(log.filter((e) => e.startsWith('evaluate'))).toHaveLength(3);
  });

  it('says nothing of a trend read when the load is cancelled meanwhile', async () => {
    const { deps: d } = deps();
    d.concurrency = 1;
    const events: string[] = [];
    let cancelled = false;
    const trend = d.trend!;
    d.trend = (...a) => ((cancelled = true), trend(...a));
    await loadStatuses(
      specs(3),
      0,
      (row) => events.push(row.id),
      d,
      () => cancelled,
      (id) => events.push(`trend ${id}`),
      byScreen(['s0'], ['s1', 's2'])
    );
    expect(events).toEqual(['s0']);
  });
});

describe('loadTrend of calendar and fixed windows: no request (the hours come with the status)', () => {
  const DAY = 86_400_000;
  const noRequest = {
    id: 'none',
    instant: () => Promise.reject(new Error('the trend sent an instant query')),
    range: () => Promise.reject(new Error('the trend sent a range query')),
  };
  function spec(window: object, exclusions: object[] = []): SloSpec {
    const { slos, errors } = parseSloObjects([
      {
        id: 'x',
        name: 'X',
        indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
        objective: '99%',
        window,
        exclusions,
      },
    ]);
    if (!slos) {
      throw new Error(JSON.stringify(errors));
    }
    return slos[0];
  }
  const counted = (remaining: number): SloStatus =>
    ({ ...status('x'), bad: 10, total: 10_000, remaining } as unknown as SloStatus);

  it('statuses without the burn-down hours: no trend, and no read instead', async () => {
    const withExclusion = spec({ calendar: { unit: 'month' } }, [
      { from: '2026-08-05T02:00:00Z', to: '2026-08-05T03:00:00Z', reason: 'maintenance' },
    ]);
    const t = Date.parse('2026-08-06T00:00:00Z');
    await expect(loadTrend(noRequest, withExclusion, t, undefined, [counted(0.9)])).resolves.toBeUndefined();
  });

  it('a fixed window that ended before the week: the flat line of its final figure; one not started: none', () => {
    const fixed = spec({ fixed: { from: '2026-08-10T00:00:00Z', to: '2026-08-17T00:00:00Z' } });
    const t = Date.parse('2026-09-10T00:00:00Z');
    const trend = trendFromStatuses(fixed, t, [counted(0.4), counted(0.7)])!;
    expect(trend.value).toHaveLength(28);
    expect(new Set(trend.value)).toEqual(new Set([0.4]));
    expect(trend.time[0]).toBeGreaterThan(t - TREND_SPAN_MS);
    expect(trend.time[27]).toBeLessThanOrEqual(t);
    expect(trendFromStatuses(fixed, Date.parse('2026-08-01T00:00:00Z'), [counted(1)])).toBeUndefined();
    // No data is never drawn as a figure.
    expect(
      trendFromStatuses(fixed, t, [{ ...counted(1), bad: null, total: null, remaining: null } as SloStatus])
    ).toBeUndefined();
    expect(trend.time[1] - trend.time[0]).toBe(6 * 3_600_000);
    expect(t - trend.time[27]).toBeLessThan(DAY);
  });
});
