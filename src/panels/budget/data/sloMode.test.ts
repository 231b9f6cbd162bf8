import { loadAppSlos, resetAppSlosCache } from '../../../datasource/appSettings';
import { GrafanaPromClient } from '../../../datasource/GrafanaPromClient';
import { ChunkCache, QueryError } from '../../../query';
import { defaultOptions, type BudgetPanelOptions } from '../options';
import { checkoutSlo, eventsBetween, fakeDsQuery, fakeSettings, type CounterModel } from '../testing/fakeGrafana';
import { remainingModel } from '../viewModel';
import { hasNoData, PanelConfigError } from '../../../shared/budget/model';
import { loadSloModeBudget, type SloModeDeps } from '../../../shared/budget/sloBudget';

// Grafana's convention: mock @grafana/runtime's backend service. The panel uses exactly two endpoints: the app's
// settings (get) and /api/ds/query (fetch), the same two the browser host fakes.
const mockBackend = { get: jest.fn(), fetch: jest.fn() };
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => mockBackend,
}));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const JULY = Date.UTC(2026, 6, 1);
const NOW = Date.UTC(2026, 6, 20, 12);

/** 10 requests/s from June 1; 0.2% of them fail, except a 2-hour incident on July 5 that fails 20%. */
const model = (o: Partial<CounterModel> = {}): CounterModel => ({
  dataStart: Date.UTC(2026, 5, 1),
  totalPerSec: 10,
  bad: [
    { from: Date.UTC(2026, 5, 1), to: Date.UTC(2026, 6, 5), badPerSec: 0.02 },
    { from: Date.UTC(2026, 6, 5), to: Date.UTC(2026, 6, 5, 2), badPerSec: 2 },
    { from: Date.UTC(2026, 6, 5, 2), to: Infinity, badPerSec: 0.02 },
  ],
  ...o,
});

/** The exact remaining budget of (start, t] under the model (99.5% objective). */
function exactRemaining(m: CounterModel, start: number, t: number): number {
  return 1 - eventsBetween(m, start, t, 'bad') / eventsBetween(m, start, t, 'total') / 0.005;
}

let log: Array<{ expr: string; from: number; to: number; range: boolean }>;

function setup(m: CounterModel, slos: unknown[] = [checkoutSlo()]): SloModeDeps {
  resetAppSlosCache();
  log = [];
  mockBackend.get.mockReset().mockImplementation(fakeSettings(slos));
  mockBackend.fetch.mockReset().mockImplementation(fakeDsQuery(m, log));
  return {
    loadSlos: loadAppSlos,
    clientFor: (uid) => new GrafanaPromClient(uid),
    now: () => NOW,
    cache: new ChunkCache(),
  };
}

const options = (o: Partial<BudgetPanelOptions> = {}): BudgetPanelOptions => ({ ...defaultOptions, ...o });
const lastWeek = { from: NOW - 7 * DAY, to: NOW };

describe('SLO mode', () => {
  it('counts the calendar period from its start whatever the dashboard range', async () => {
    const m = model();
    const deps = setup(m);
    const budget = await loadSloModeBudget(
      { options: options(), range: lastWeek, timeZone: 'utc', view: 'timeseries', figure: 'ifEndedNow' },
      deps
    );
    expect(budget.title).toBe('Checkout availability');
    // The July 5 incident lies before the displayed week but inside the period: it counts.
    const expected = exactRemaining(m, JULY, NOW);
    expect(exactRemaining(m, lastWeek.from, NOW)).toBeGreaterThan(expected + 0.1);
    expect(budget.groups[0].status.remaining).toBeCloseTo(expected, 9);
    // The chart queried from the period start (its first bucket ends one step after it) and its points agree.
    // (The status's burn-down also reads 4 weeks of hourly totals for its forecast: not a chart query.)
    const rangeQueries = log.filter(
      (q) => q.range && !q.expr.startsWith('sum(increase(http_requests_total{job="checkout"}[3600s]))')
    );
    expect(Math.min(...rangeQueries.map((q) => q.from))).toBe(JULY + budget.step!);
    const plot = remainingModel(budget);
    expect(plot.time[0]).toBeGreaterThanOrEqual(lastWeek.from);
    expect(plot.fields[0].values[0]).toBeCloseTo(exactRemaining(m, JULY, plot.time[0]), 9);
    expect(plot.fields[0].values[plot.time.length - 1]).toBeCloseTo(
      exactRemaining(m, JULY, plot.time[plot.time.length - 1]),
      9
    );
    expect(budget.notices).toEqual([]);
  });

  it('restarts at 100% at the period start inside the range', async () => {
    const m = model();
    const deps = setup(m);
    const range = { from: Date.UTC(2026, 5, 25), to: Date.UTC(2026, 6, 5, 12) };
    const budget = await loadSloModeBudget(
      { options: options(), range, timeZone: 'utc', view: 'timeseries', figure: 'ifEndedNow' },
      deps
    );
    const plot = remainingModel(budget);
    const atJuly = plot.time.flatMap((t, k) => (t === JULY ? [plot.fields[0].values[k]] : []));
    // The bucket closing June, then the 100% reset point.
    expect(atJuly[0]).toBeCloseTo(exactRemaining(m, Date.UTC(2026, 5, 1), JULY), 9);
    expect(atJuly[1]).toBe(1);
    expect(plot.fields[0].values[plot.time.length - 1]).toBeCloseTo(
      exactRemaining(m, JULY, plot.time[plot.time.length - 1]),
      9
    );
  });

  it('overrides the window: rolling W queries from the range start minus W', async () => {
    const m = model();
    const deps = setup(m);
    const budget = await loadSloModeBudget(
      {
        options: options({ sloWindow: 'rolling', rollingWindow: '3d' }),
        range: lastWeek,
        timeZone: 'utc',
        view: 'timeseries',
      },
      deps
    );
    expect(budget.window).toEqual({ kind: 'rolling', durationMs: 3 * DAY });
    expect(budget.groups[0].status.remaining).toBeCloseTo(exactRemaining(m, NOW - 3 * DAY, NOW), 9);
    expect(Math.min(...log.filter((q) => q.range).map((q) => q.from))).toBeLessThanOrEqual(
      lastWeek.from - 3 * DAY + budget.step!
    );
  });

  it('says when the window needs data from before the data source holds any', async () => {
    const m = model({ dataStart: Date.UTC(2026, 6, 10) });
    const deps = setup(m);
    const budget = await loadSloModeBudget(
      { options: options(), range: lastWeek, timeZone: 'utc', view: 'timeseries' },
      deps
    );
    expect(budget.notices).toEqual([
      {
        kind: 'partial',
        severity: 'warning',
        appliesTo: 'figure',
        text: 'Partial: the window starts 2026-07-01 00:00, the data 2026-07-10 00:00; the figure counts the data only.',
      },
    ]);
  });

  it('says nothing partial when only an earlier period in the chart is partial: the figure at t is complete', async () => {
    // Data from June 10; the range reaches into June, but the figure is July's, which has all its data.
    const m = model({ dataStart: Date.UTC(2026, 5, 10) });
    const deps = setup(m);
    const range = { from: Date.UTC(2026, 5, 25), to: NOW };
    const budget = await loadSloModeBudget({ options: options(), range, timeZone: 'utc', view: 'timeseries' }, deps);
    expect(budget.notices).toEqual([]);
  });

  it('draws the burn-down by default: exactly 100% at the period start, the ideal line, and the figure at t', async () => {
    const m = model();
    const deps = setup(m);
    const range = { from: Date.UTC(2026, 5, 25), to: NOW };
    const budget = await loadSloModeBudget({ options: options(), range, timeZone: 'utc', view: 'timeseries' }, deps);
    expect(budget.figure).toBe('burndown');
    const bd = budget.groups[0].status.burndown!;
    expect(bd.remaining).toBeGreaterThan(0);
    // The period's allowance: 0.5% of July's 31 days at 10/s, the rest of the month forecast (traffic is flat here).
    expect(bd.allowedBad!).toBeCloseTo(0.005 * 10 * 31 * 86400, -2);
    const plot = remainingModel(budget);
    expect(plot.fields.map((f) => f.name)).toEqual(['Burn-down', 'Ideal burn-down']);
    expect(plot.fields[1].dashed).toBe(true);
    const july = plot.time.flatMap((t, k) => (t === JULY ? [k] : []));
    // The bucket closing June (June's final result; the ideal reaches 0), then the reset to exactly 100% for both.
    expect(july).toHaveLength(2);
    expect(plot.fields[0].values[july[0]]).toBeCloseTo(exactRemaining(m, Date.UTC(2026, 5, 1), JULY), 6);
    expect(plot.fields[1].values[july[0]]).toBe(0);
    expect(plot.fields[0].values[july[1]]).toBe(1);
    expect(plot.fields[1].values[july[1]]).toBe(1);
    // The July 5 incident: the curve falls by its share of July's allowance, then stays flat (flat traffic).
    const last = plot.fields[0].values[plot.time.length - 1]!;
    expect(last).toBeCloseTo(bd.remaining!, 3);
    const usedByNow = eventsBetween(m, JULY, plot.time[plot.time.length - 1], 'bad');
    expect(last).toBeCloseTo(1 - usedByNow / (0.005 * 10 * 31 * 86400), 3);
    expect(plot.table.length).toBe(plot.time.length);
  });

  it('is no data, never 100%, when the counters do not exist', async () => {
    const deps = setup(model({ dataStart: NOW + DAY }));
    const budget = await loadSloModeBudget(
      { options: options(), range: lastWeek, timeZone: 'utc', view: 'stat' },
      deps
    );
    expect(budget.groups[0].status.remaining).toBeNull();
    expect(hasNoData(budget)).toBe(true);
  });

  it('names an SLO that no longer exists', async () => {
    const deps = setup(model());
    await expect(
      loadSloModeBudget(
        { options: options({ sloId: 'gone' }), range: lastWeek, timeZone: 'utc', view: 'timeseries' },
        deps
      )
    ).rejects.toMatchObject({
      kind: 'unknown-slo',
      message: expect.stringContaining('"gone" no longer exists'),
    });
    await expect(
      loadSloModeBudget(
        { options: options(), range: lastWeek, timeZone: 'utc', view: 'timeseries' },
        setup(model(), [])
      )
    ).rejects.toBeInstanceOf(PanelConfigError);
  });

  it("passes the datasource's own error message on", async () => {
    const deps = setup(model({ error: 'bad_data: 1:14: parse error: unexpected "}"' }));
    const failure = await loadSloModeBudget(
      { options: options(), range: lastWeek, timeZone: 'utc', view: 'timeseries' },
      deps
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryError);
    expect((failure as QueryError).message).toBe('bad_data: 1:14: parse error: unexpected "}"');
  });

  it('shows figures without a chart for timeslice SLOs', async () => {
    const slices = checkoutSlo({
      id: 'slices',
      indicator: {
        ratio: {
          good: 'http_requests_total{job="checkout",code!~"5.."}',
          total: 'http_requests_total{job="checkout"}',
        },
      },
      budgetingMethod: 'timeslices',
      timeslice: { length: '1h', target: '99%', noData: 'good' },
    });
    const deps = setup(model(), [slices]);
    const budget = await loadSloModeBudget(
      { options: options(), range: lastWeek, timeZone: 'utc', view: 'timeseries' },
      deps
    );
    expect(budget.groups.every((g) => g.series === undefined)).toBe(true);
    expect(budget.notices.map((n) => n.kind)).toEqual(['chart']);
    expect(budget.groups[0].status.remaining).not.toBeNull();
    // Timeslices already burn down: the same figure and words, counted in slices, allowance known in advance.
    expect(budget.figure).toBe('burndown');
    expect(budget.unit).toBe('slices');
    const bd = budget.groups[0].status.burndown!;
    expect(bd.remaining).toBe(budget.groups[0].status.remaining);
    expect(bd.usedBad).toBe(budget.groups[0].status.bad);
    // The objective (99.5%), not the slice target, sets the allowance: 0.5% of July's 744 hourly slices.
    expect(bd.allowedBad).toBeCloseTo(0.005 * 31 * 24, 9);
    expect(bd.forecastTotal).toBe(0);
  });

  it('keeps using valid SLOs when another one in the settings is invalid', async () => {
    const deps = setup(model(), [checkoutSlo(), checkoutSlo({ id: 'broken', objective: 'lots' })]);
    const budget = await loadSloModeBudget(
      { options: options({ sloId: 'checkout-availability' }), range: lastWeek, timeZone: 'utc', view: 'stat' },
      deps
    );
    expect(budget.notices.map((n) => n.kind)).toEqual(['settings']);
    expect(budget.groups[0].status.remaining).not.toBeNull();
  });

  it('fetches a longer history for the burn-rate view, so the 3-day burn rate is complete from the range start', async () => {
    const deps = setup(model());
    const budget = await loadSloModeBudget(
      { options: options({ view: 'burnRate' }), range: lastWeek, timeZone: 'utc', view: 'burnRate' },
      deps
    );
    expect(budget.groups[0].buckets!.firstEnd).toBeLessThanOrEqual(lastWeek.from - 3 * DAY + budget.step!);
  });
  it("reads an SLO that names no datasource from Grafana's default Prometheus data source, and says so", async () => {
    const deps = setup(model(), [{ ...checkoutSlo(), datasource: undefined }]);
    const used: string[] = [];
    const budget = await loadSloModeBudget(
      { options: options(), range: lastWeek, timeZone: 'utc', view: 'stat' },
      {
        ...deps,
        clientFor: (uid) => {
          used.push(uid);
          return new GrafanaPromClient(uid);
        },
        resolveDatasource: () => ({ uid: 'default-prom', type: 'prometheus', name: 'Prometheus', isDefault: true }),
      }
    );
    expect(used).toEqual(['default-prom']);
    expect(budget.notices.map((n) => n.text)).toContain(
      "Checkout availability names no data source: it is read from Grafana's default Prometheus data source, Prometheus."
    );
    expect(budget.groups[0].status.remaining).not.toBeNull();
  });
});
