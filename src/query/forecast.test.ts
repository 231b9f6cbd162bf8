import type { SloSpec } from '../slo/types';
import type { PromClient } from './client';
import { fetchTrafficHistory, hasBurndown, hourlyHistoryOf, loadBurndown } from './forecast';
import type { FrameLike } from './frames';
import { batchParts, partLabels } from './testing/batchParts';

// A stand-in for the HTTP client in unit tests only (as in fetch.test.ts): it answers from a function of the query and
// time, part by part for tagged queries (fetchBuckets `together`), and records each request. The real Prometheus and
// VictoriaMetrics are exercised in tests/integration/burndown.test.ts.
class FunctionClient implements PromClient {
  readonly id = 'fn';
  readonly requests: Array<{ kind: string; expr: string; start: number; end: number; step: number }> = [];
  constructor(private readonly value: (expr: string, t: number) => number | undefined) {}

  private frame(expr: string, times: number[]): FrameLike[] {
    return batchParts(expr, 0).flatMap(({ part, expr: q }) => {
      const kept = times.filter((t) => this.value(q, t) !== undefined);
      return kept.length === 0
        ? []
        : [
            {
              fields: [
                { name: 'Time', type: 'time', values: kept },
                { name: 'Value', type: 'number', labels: partLabels(part), values: kept.map((t) => this.value(q, t)!) },
              ],
            },
          ];
    });
  }

  async instant(expr: string, t: number) {
    this.requests.push({ kind: 'instant', expr, start: t, end: t, step: 0 });
    return this.frame(expr, [t]);
  }

  async range(expr: string, start: number, end: number, step: number) {
    this.requests.push({ kind: 'range', expr, start, end, step });
    const times: number[] = [];
    for (let t = start; t <= end; t += step) {
      times.push(t);
    }
    return this.frame(expr, times);
  }
}

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function spec(window: SloSpec['window'], extra: Partial<SloSpec> = {}): SloSpec {
  return {
    id: 'checkout',
    name: 'Checkout',
    labels: {},
    indicator: { kind: 'ratio', bad: 'errors_total', total: 'requests_total' },
    objective: 0.99,
    window,
    budgetingMethod: 'occurrences',
    groupBy: [],
    exclusions: [],
    policy: [],
    alerting: { page: false, ticket: false },
    ...extra,
  } as SloSpec;
}

const month: SloSpec['window'] = {
  kind: 'calendar',
  unit: 'month',
  timeZone: 'Asia/Kolkata',
  startMonth: 1,
  weekStart: 'monday',
};

describe('fetchTrafficHistory', () => {
  it('reads one hourly range query whose hours are whole local hours (:30 UTC in Kolkata)', async () => {
    const client = new FunctionClient(() => 3600);
    const t = at('2026-08-12T10:20:00Z');
    const h = await fetchTrafficHistory(client, { bad: 'e', total: 'r' }, { from: t, to: t }, 'Asia/Kolkata');
    expect(client.requests).toHaveLength(1);
    const r = client.requests[0];
    expect(r.expr).toBe('sum(increase(r[3600s]))');
    expect(r.step).toBe(H);
    expect(r.end).toBe(at('2026-08-12T09:30:00Z'));
    expect((r.end - r.start) / H + 1).toBe(672);
    expect(h.get('')!.total).toHaveLength(672);
  });

  it('extends the grid back to a chart range, still one request under 11,000 points', async () => {
    const client = new FunctionClient(() => 1);
    const from = at('2026-07-01T00:00:00Z');
    const to = at('2026-10-01T00:00:00Z');
    const h = await fetchTrafficHistory(client, { bad: 'e', total: 'r' }, { from, to }, 'UTC');
    expect(client.requests).toHaveLength(1);
    expect(h.get('')!.firstEnd).toBeLessThanOrEqual(from - 4 * 168 * H + H);
  });
});

describe('loadBurndown', () => {
  it('does not apply to rolling windows or timeslices', async () => {
    const client = new FunctionClient(() => 1);
    expect(hasBurndown(spec({ kind: 'rolling', durationMs: 28 * 24 * H }))).toBe(false);
    expect(await loadBurndown(client, spec({ kind: 'rolling', durationMs: 28 * 24 * H }), at('2026-08-01'))).toEqual(
      []
    );
    expect(hasBurndown(spec(month, { budgetingMethod: 'timeslices' }))).toBe(false);
    expect(client.requests).toHaveLength(0);
  });

  it('is "no data", never 100%, when the total counter has no series', async () => {
    const client = new FunctionClient(() => undefined);
    const [s] = await loadBurndown(client, spec(month), at('2026-08-12T10:20:00Z'));
    expect(s.noData).toBe(true);
    expect(s.burndown.remaining).toBeNull();
  });

  it('combines the exact counts and the forecast: 1 - bad / ((1 - target) x (total + F))', async () => {
    // 1000 requests per hour, 2 bad per hour; instant increases over the elapsed part scale with its length.
    const start = at('2026-07-31T18:30:00Z'); // August starts at midnight in Kolkata (+05:30)
    const t = start + 100 * H;
    const client = new FunctionClient((expr, time) => {
      const range = /\[(\d+)s\]/.exec(expr);
      const hours = range ? Number(range[1]) / 3600 : 1;
      if (time > t) {
        return undefined;
      }
      return (expr.includes('errors_total') ? 2 : 1000) * hours;
    });
    const [s] = await loadBurndown(client, spec(month), t);
    const end = at('2026-08-31T18:30:00Z');
    expect(s.period).toEqual({ start, end });
    expect(s.burndown.usedBad).toBeCloseTo(200, 9);
    expect(s.burndown.forecastTotal).toBeCloseTo(1000 * ((end - t) / H), 6);
    expect(s.burndown.remaining).toBeCloseTo(1 - 200 / (0.01 * 1000 * ((end - start) / H)), 9);
    expect(s.forecast.method).toBe('weekly-profile');
  });
});

describe('hourlyHistoryOf', () => {
  it('gives the hours of bad and total that the burn-down read in its one range request', async () => {
    const t = at('2026-08-12T10:20:00Z');
    const client = new FunctionClient((expr) => (expr.includes('errors_total') ? 2 : 1000));
    const [s] = await loadBurndown(client, spec(month), t, { hourlyBad: true });
    const ranges = client.requests.filter((r) => r.kind === 'range');
    expect(ranges).toHaveLength(1);
    expect(ranges[0].expr).toContain('errors_total');
    expect(ranges[0].expr).toContain('requests_total');
    const h = hourlyHistoryOf(s.burndown)!;
    expect(h.step).toBe(H);
    expect(h.firstEnd + 671 * H).toBe(at('2026-08-12T09:30:00Z'));
    expect([...h.total.slice(0, 2)]).toEqual([1000, 1000]);
    expect([...h.bad.slice(-2)]).toEqual([2, 2]);
  });

  it("is not read unless asked (only the overview's trend uses it): the forecast needs totals only", async () => {
    const client = new FunctionClient((expr) => (expr.includes('errors_total') ? 2 : 1000));
    const [s] = await loadBurndown(client, spec(month), at('2026-08-12T10:20:00Z'));
    const ranges = client.requests.filter((r) => r.kind === 'range');
    expect(ranges.map((r) => r.expr)).toEqual(['sum(increase(requests_total[3600s]))']);
    expect(s.forecast.method).toBe('weekly-profile');
    expect(hourlyHistoryOf(s.burndown)).toBeUndefined();
  });

  it('is not read a week after the period ended: the forecast needs totals only', async () => {
    const client = new FunctionClient((expr) => (expr.includes('errors_total') ? 2 : 1000));
    const fixed = { kind: 'fixed', from: at('2026-08-01T00:00:00Z'), to: at('2026-08-08T00:00:00Z') } as const;
    const [s] = await loadBurndown(client, spec(fixed), at('2026-08-15T10:20:00Z'), { hourlyBad: true });
    const ranges = client.requests.filter((r) => r.kind === 'range');
    expect(ranges.map((r) => r.expr)).toEqual(['sum(increase(requests_total[3600s]))']);
    expect(s.burndown.forecastTotal).toBe(0);
    expect(hourlyHistoryOf(s.burndown)).toBeUndefined();
  });

  it("is read, in the same one request, within a week of a fixed window's end (the overview trend's last days)", async () => {
    const client = new FunctionClient((expr) => (expr.includes('errors_total') ? 2 : 1000));
    const fixed = { kind: 'fixed', from: at('2026-08-01T00:00:00Z'), to: at('2026-08-08T00:00:00Z') } as const;
    const [s] = await loadBurndown(client, spec(fixed), at('2026-08-12T10:20:00Z'), { hourlyBad: true });
    const ranges = client.requests.filter((r) => r.kind === 'range');
    expect(ranges).toHaveLength(1);
    expect(ranges[0].expr).toContain('errors_total');
    expect(s.burndown.forecastTotal).toBe(0);
    const h = hourlyHistoryOf(s.burndown)!;
    expect(h.firstEnd + (h.total.length - 1) * H).toBe(at('2026-08-08T00:00:00Z'));
  });

  it('in recorded mode sums the bad and total tiles by the hour, in one range request and no raw read', async () => {
    const t = at('2026-08-12T10:20:00Z');
    // Tiles of 5 minutes: 12 per hour, each of 100 events, 1 bad; sum_over_time over the hour gives their sums.
    const client = new FunctionClient((expr) => (expr.includes('slo_events_bad') ? 12 : 1200));
    const recorded = spec(month, { mode: 'recorded' });
    const counts = new Map([['', { bad: 10, good: 990, total: 1000 }]]);
    const [s] = await loadBurndown(client, recorded, t, {
      hourlyBad: true,
      counts,
      tilesOf: { spec: recorded, newestTile: at('2026-08-12T10:15:00Z') },
    });
    expect(client.requests).toHaveLength(1);
    const [r] = client.requests;
    expect(r.kind).toBe('range');
    expect(r.expr).toContain('burndown:slo_events_total:tiles5m{slo="checkout"}');
    expect(r.expr).toContain('burndown:slo_events_bad:tiles5m{slo="checkout"}');
    expect(r.expr).not.toContain('requests_total');
    const h = hourlyHistoryOf(s.burndown)!;
    expect(h.firstEnd + 671 * H).toBe(at('2026-08-12T09:30:00Z')); // whole hours in the window's zone
    expect([...h.total.slice(-2)]).toEqual([1200, 1200]);
    expect([...h.bad.slice(0, 2)]).toEqual([12, 12]);
    expect(s.forecast.method).toBe('weekly-profile');
  });

  it('has none for figures it did not make, nor for "no data"', async () => {
    const t = at('2026-08-12T10:20:00Z');
    const [s] = await loadBurndown(new FunctionClient(() => undefined), spec(month), t, { hourlyBad: true });
    expect(hourlyHistoryOf(s.burndown)).toBeUndefined();
    expect(hourlyHistoryOf(undefined)).toBeUndefined();
    expect(hourlyHistoryOf({ remaining: 1, allowedBad: 1, usedBad: 0, forecastTotal: 0 })).toBeUndefined();
  });
});
