// The loader's order of work with stand-in evaluators (the figures themselves are checked against the real
// Prometheus in tests/browser/app.overview.test.ts and bench/overview.bench.ts): every row before any trend, a failing
// SLO becomes an error row and the others go on, a failing trend is just absent, nothing arrives after cancelling.
import type { SloStatus } from '../../engine';
import { parseSloObjects, type SloSpec } from '../../slo';
import { loadStatuses, loadTrend, trendFromStatuses, TREND_SPAN_MS, type StatusDeps } from './loadStatuses';

function specs(n: number): SloSpec[] {
  const { slos, errors } = parseSloObjects(
    Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      name: `S${i}`,
      indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
      objective: '99%',
      window: { rolling: '7d' },
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

function deps(failing: string[] = [], failingTrend: string[] = []): { deps: StatusDeps; log: string[] } {
  const log: string[] = [];
  const client = { id: 'x', instant: jest.fn(), range: jest.fn() };
  return {
    log,
    deps: {
      clientFor: () => client,
      evaluate: async (_c, spec) => {
        await new Promise((r) => setTimeout(r, spec.id.length));
        if (failing.includes(spec.id)) {
          throw new Error(`${spec.id}: HTTP 502`);
        }
        return [status(spec.id)];
      },
      trend: async (_c, spec) => {
        if (failingTrend.includes(spec.id)) {
          throw new Error('range query failed');
        }
        return { time: [1, 2], value: [0.6, 0.5], stepMs: 1 };
      },
    },
  };
}

describe('loadStatuses', () => {
  it('delivers every row, then the trends of the SLOs that evaluated', async () => {
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
    expect(events.findIndex((e) => e.startsWith('trend'))).toBe(6);
    expect(trends.sort()).toEqual(['trend s0 2', 'trend s1 2', 'trend s3 none', 'trend s4 2', 'trend s5 2']);
  });

  it('evaluates in the order `first` gives, asked again before each SLO (a sort or a scroll reorders the rest)', async () => {
    const { deps: d } = deps();
    // Four at a time: the first four start before any row arrives.
    d.concurrency = 4;
    const started: string[] = [];
    const evaluate = d.evaluate;
    d.evaluate = (c, spec, t, o) => (started.push(spec.id), evaluate(c, spec, t, o));
    // The page shows s9..s0 (on screen first); when the first row arrives, a scroll brings s1 and s2 on screen.
    let order = ['s9', 's8', 's7', 's6', 's5', 's4', 's3', 's2', 's1', 's0'];
    let rows = 0;
    await loadStatuses(
      specs(10),
      0,
      () => {
        rows++;
        if (rows === 1) {
          order = ['s1', 's2', ...order.filter((id) => id !== 's1' && id !== 's2')];
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

  it('stops delivering once cancelled', async () => {
    const { deps: d } = deps();
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
    // Workers already waiting finish their SLO but say nothing.
    expect(events).toHaveLength(2);
    expect(events.filter((e) => e.startsWith('trend'))).toEqual([]);
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
