import { render, screen, waitFor, within } from '@testing-library/react';
import React from 'react';

import {
  createTheme,
  dateTime,
  FieldType,
  LoadingState,
  toDataFrame,
  type PanelData,
  type PanelProps,
  type TimeRange,
} from '@grafana/data';

import { loadAppSlos, resetAppSlosCache } from '../../datasource/appSettings';
import { GrafanaPromClient } from '../../datasource/GrafanaPromClient';
import { ChunkCache } from '../../query';
import { BudgetPanel } from './BudgetPanel';
import type { SloModeDeps } from '../../shared/budget/sloBudget';
import { defaultOptions, type BudgetPanelOptions } from './options';
import { testIds } from '../../shared/testIds';
import {
  checkoutSlo,
  eventsBetween,
  fakeDsQuery,
  fakeSettings,
  installCanvasContext,
  type CounterModel,
} from './testing/fakeGrafana';

// Grafana's convention: mock @grafana/runtime's backend service (the app settings and /api/ds/query only).
const mockBackend = { get: jest.fn(), fetch: jest.fn() };
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => mockBackend,
}));

installCanvasContext();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const JULY = Date.UTC(2026, 6, 1);
const NOW = Date.UTC(2026, 6, 20, 12);

const model = (o: Partial<CounterModel> = {}): CounterModel => ({
  dataStart: Date.UTC(2026, 5, 1),
  totalPerSec: 10,
  bad: [{ from: 0, to: Infinity, badPerSec: 0.03 }],
  ...o,
});

function timeRange(from: number, to: number): TimeRange {
  return { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } };
}

function deps(m: CounterModel, slos: unknown[] = [checkoutSlo()]): SloModeDeps {
  resetAppSlosCache();
  mockBackend.get.mockReset().mockImplementation(fakeSettings(slos));
  mockBackend.fetch.mockReset().mockImplementation(fakeDsQuery(m));
  return {
    loadSlos: loadAppSlos,
    clientFor: (uid) => new GrafanaPromClient(uid),
    now: () => NOW,
    cache: new ChunkCache(),
  };
}

function renderPanel(o: {
  options?: Partial<BudgetPanelOptions>;
  deps?: SloModeDeps;
  data?: Partial<PanelData>;
  range?: TimeRange;
  width?: number;
  height?: number;
}) {
  const range = o.range ?? timeRange(NOW - 7 * DAY, NOW);
  const props = {
    id: 1,
    data: { series: [], state: LoadingState.Done, timeRange: range, ...o.data },
    timeRange: range,
    timeZone: 'utc',
    options: { ...defaultOptions, ...o.options },
    width: o.width ?? 800,
    height: o.height ?? 400,
    deps: o.deps,
  } as unknown as PanelProps<BudgetPanelOptions> & { deps?: SloModeDeps };
  return render(<BudgetPanel {...props} />);
}

/** The hidden table's rows as [time, value]. */
function tableRows(): string[][] {
  const table = screen.getByTestId(testIds.seriesTable);
  return Array.from(table.querySelectorAll('tr')).map((tr) =>
    Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')
  );
}

const exact = (m: CounterModel, t: number) =>
  1 - eventsBetween(m, JULY, t, 'bad') / eventsBetween(m, JULY, t, 'total') / 0.005;

describe('BudgetPanel in SLO mode', () => {
  it('shows loading until the data arrives, then the remaining budget over time ("if the period ended now")', async () => {
    const m = model();
    renderPanel({ deps: deps(m), options: { figure: 'ifEndedNow' } });
    expect(screen.getByTestId(testIds.loading)).toBeInTheDocument();
    const remaining = await screen.findByTestId(testIds.remaining);
    expect(screen.queryByTestId(testIds.loading)).not.toBeInTheDocument();
    // 0.3% bad against a 0.5% budget: 40% left all month, figures exact.
    expect(Number(remaining.getAttribute('data-value'))).toBeCloseTo(exact(m, NOW), 9);
    expect(remaining).toHaveTextContent('40.0%');
    expect(screen.getByTestId(testIds.policy)).toHaveAttribute('data-value', 'notify');
    // Grafana's TimeSeries drew it: its legend names the series.
    expect(within(screen.getByTestId(testIds.chart)).getByText('If the period ended now')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.ifEndedNow)).not.toBeInTheDocument();
    const rows = tableRows();
    expect(rows.length).toBeGreaterThan(10);
    for (const [time, value] of [rows[0], rows[rows.length - 1]]) {
      expect(Number(value)).toBeCloseTo(exact(m, Date.parse(time)), 9);
    }
    expect(rows[0][0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('draws the burn-down by default, with the ideal line and "if the period ended now" beside the figure', async () => {
    const m = model();
    renderPanel({ deps: deps(m) });
    const remaining = await screen.findByTestId(testIds.remaining);
    // 0.3% bad for 19.5 days against 0.5% of the whole month's (flat, so exactly forecast) traffic.
    const burndown = 1 - (0.003 * 19.5) / (0.005 * 31);
    expect(Number(remaining.getAttribute('data-value'))).toBeCloseTo(burndown, 6);
    expect(remaining).toHaveTextContent('62.3%');
    expect(Number(screen.getByTestId(testIds.ifEndedNow).getAttribute('data-value'))).toBeCloseTo(exact(m, NOW), 9);
    const chart = within(screen.getByTestId(testIds.chart));
    expect(chart.getByText('Burn-down')).toBeInTheDocument();
    expect(chart.getByText('Ideal burn-down')).toBeInTheDocument();
    const rows = tableRows();
    // The range is inside July: the first point is 1 h after the week's start, on a straight fall from 100%.
    const last = rows[rows.length - 1];
    expect(Number(last[1])).toBeCloseTo(1 - (0.003 * (Date.parse(last[0]) - JULY)) / (0.005 * 31 * DAY), 6);
  });

  it('shows the stat view with every figure ("if the period ended now")', async () => {
    const m = model();
    renderPanel({ deps: deps(m), options: { view: 'stat', figure: 'ifEndedNow' } });
    const remaining = await screen.findByTestId(testIds.remaining);
    expect(Number(remaining.getAttribute('data-value'))).toBeCloseTo(exact(m, NOW), 9);
    // 40% left is below the 50% "notify" level: the theme's yellow.
    expect(remaining).toHaveStyle({ color: createTheme().visualization.getColorByName('yellow') });
    expect(Number(screen.getByTestId(testIds.sli).getAttribute('data-value'))).toBeCloseTo(0.997, 12);
    expect(Number(screen.getByTestId(testIds.burnRate).getAttribute('data-value'))).toBeCloseTo(0.6, 9);
    expect(screen.getByTestId(testIds.exhaustion)).toHaveTextContent('Not this period');
    // 0.5% of July's 31 days.
    expect(Number(screen.getByTestId(testIds.budgetAsTime).getAttribute('data-value'))).toBeCloseTo(
      0.005 * 31 * DAY,
      6
    );
    expect(screen.getByTestId(testIds.budgetAsTime)).toHaveTextContent('3.7 h of full outage');
    expect(screen.getByTestId(testIds.policy)).toHaveTextContent('notify');
  });

  it('shows the burn-down in the stat view by default, with its sentence and "if the period ended now" named so', async () => {
    const m = model();
    renderPanel({ deps: deps(m), options: { view: 'stat' } });
    const remaining = await screen.findByTestId(testIds.remaining);
    expect(Number(remaining.getAttribute('data-value'))).toBeCloseTo(1 - (0.003 * 19.5) / (0.005 * 31), 6);
    expect(remaining).toHaveTextContent('Budget left');
    // 0.03/s x 19.5 days = 50,544 bad; 0.5% x 10/s x 31 days = 133,920 allowed, partly forecast.
    expect(screen.getByTestId(testIds.figureSentence)).toHaveTextContent(
      "62% of this month's budget left: 51 k of ~134 k allowed errors used"
    );
    expect(screen.getByTestId(testIds.ifEndedNow)).toHaveTextContent('If the period ended now: 40.0%');
  });

  it('shows a healthy rolling SLO burning below 1x as "Not at this rate", never "No data"', async () => {
    const m = model();
    const rolling = checkoutSlo({ window: { rolling: '28d' } });
    renderPanel({ deps: deps(m, [rolling]), options: { view: 'stat' } });
    await screen.findByTestId(testIds.remaining);
    expect(Number(screen.getByTestId(testIds.burnRate).getAttribute('data-value'))).toBeCloseTo(0.6, 9);
    expect(screen.getByTestId(testIds.exhaustion)).toHaveTextContent('Not at this rate');
    expect(screen.getByTestId(testIds.exhaustion)).not.toHaveTextContent('No data');
  });

  it('says "No policy" for an SLO without policy levels, and "OK" when no level is active', async () => {
    const m = model();
    const { unmount } = renderPanel({ deps: deps(m, [checkoutSlo({ policy: [] })]), options: { view: 'stat' } });
    await screen.findByTestId(testIds.remaining);
    expect(screen.getByTestId(testIds.policy)).toHaveTextContent('No policy');
    unmount();
    renderPanel({
      deps: deps(m, [checkoutSlo({ policy: [{ below: '10%', name: 'stop', actions: ['stop'] }] })]),
      options: { view: 'stat' },
    });
    await screen.findByTestId(testIds.remaining);
    expect(screen.getByTestId(testIds.policy)).toHaveTextContent('OK');
  });

  it('shows the remaining budget as a gauge when asked', async () => {
    const m = model();
    renderPanel({ deps: deps(m), options: { view: 'stat', statGraph: 'gauge' } });
    const remaining = await screen.findByTestId(testIds.remaining);
    expect(remaining).toHaveTextContent('62.3%');
    expect(screen.getByTestId(testIds.sli)).toBeInTheDocument();
  });

  it('shows cumulative bad events against allowed ones', async () => {
    const m = model();
    renderPanel({ deps: deps(m), options: { view: 'cumulative' } });
    await screen.findByTestId(testIds.remaining);
    const rows = tableRows();
    const [time, value] = rows[rows.length - 1];
    expect(Number(value)).toBeCloseTo(eventsBetween(m, JULY, Date.parse(time), 'bad'), 6);
  });

  it('shows burn rates', async () => {
    renderPanel({ deps: deps(model()), options: { view: 'burnRate' } });
    const rate = await screen.findByTestId(testIds.burnRate);
    expect(Number(rate.getAttribute('data-value'))).toBeCloseTo(0.6, 9);
    const rows = tableRows();
    expect(Number(rows[rows.length - 1][1])).toBeCloseTo(0.6, 9);
  });

  it('says "No data" rather than 100% when the counters do not exist', async () => {
    renderPanel({ deps: deps(model({ dataStart: NOW + DAY })) });
    expect(await screen.findByTestId(testIds.noData)).toHaveTextContent('No data');
    expect(screen.getByTestId(testIds.panel)).not.toHaveTextContent('100%');
  });

  it("shows the datasource's error message", async () => {
    renderPanel({ deps: deps(model({ error: 'bad_data: 1:14: parse error: unexpected "}"' })) });
    const error = await screen.findByTestId(testIds.error);
    expect(error).toHaveAttribute('data-kind', 'query');
    expect(error).toHaveTextContent('bad_data: 1:14: parse error: unexpected "}"');
  });

  it('says when the SLO no longer exists', async () => {
    renderPanel({ deps: deps(model()), options: { sloId: 'deleted-slo' } });
    const error = await screen.findByTestId(testIds.error);
    expect(error).toHaveAttribute('data-kind', 'unknown-slo');
    expect(error).toHaveTextContent('"deleted-slo" no longer exists');
  });

  it('says when the window needs data older than the data source holds: an icon on the figure, text in its label', async () => {
    renderPanel({ deps: deps(model({ dataStart: Date.UTC(2026, 6, 10) })) });
    const notice = await screen.findByTestId(testIds.notice);
    expect(notice).toHaveAttribute('data-kind', 'partial');
    expect(notice).toHaveAttribute('data-applies-to', 'figure');
    expect(notice).toHaveAttribute(
      'aria-label',
      'Partial: the window starts 2026-07-01 00:00, the data 2026-07-10 00:00; the figure counts the data only.'
    );
    // Compact: an icon, not a line of text.
    expect(notice).toHaveTextContent('');
  });
});

describe('BudgetPanel in query mode', () => {
  const T0 = Date.UTC(2026, 6, 1);
  const frame = (refId: string, values: number[]) =>
    toDataFrame({
      refId,
      fields: [
        { name: 'Time', type: FieldType.time, values: values.map((_, i) => T0 + (i + 1) * HOUR) },
        { name: 'Value', type: FieldType.number, values },
      ],
    });
  const range = timeRange(T0, T0 + 48 * HOUR);
  const queryOptions = {
    mode: 'query' as const,
    objective: '99%',
    queryWindow: 'calendar' as const,
    calendarUnit: 'day' as const,
    timeZone: 'UTC',
  };

  it('draws a sawtooth from the dashboard queries, 100% at each day start', () => {
    // 36 hours: the range ends inside day 2 (at midnight itself day 3 would have just started, at 100%).
    const bad = Array.from({ length: 36 }, (_, i) => (i < 24 ? 0.5 : 0.25));
    const upTo36h = timeRange(T0, T0 + 36 * HOUR);
    renderPanel({
      options: { ...queryOptions, figure: 'ifEndedNow' },
      range: upTo36h,
      data: { series: [frame('A', bad), frame('B', new Array(36).fill(100))], timeRange: upTo36h },
    });
    const rows = tableRows();
    const at = (iso: string) => rows.filter(([t]) => t === iso).map(([, v]) => Number(v));
    expect(at('2026-07-01T00:00:00Z')).toEqual([1]);
    const [closing, reset] = at('2026-07-02T00:00:00Z');
    expect(closing).toBeCloseTo(0.5, 12);
    expect(reset).toBe(1);
    expect(Number(screen.getByTestId(testIds.remaining).getAttribute('data-value'))).toBeCloseTo(0.75, 12);
  });

  it('draws the burn-down from the dashboard queries by default', () => {
    const bad = Array.from({ length: 36 }, (_, i) => (i < 24 ? 0.5 : 0.25));
    const upTo36h = timeRange(T0, T0 + 36 * HOUR);
    renderPanel({
      options: queryOptions,
      range: upTo36h,
      data: { series: [frame('A', bad), frame('B', new Array(36).fill(100))], timeRange: upTo36h },
    });
    // Day 2: 3 bad of 1% x (1,200 counted + 1,200 forecast from the same hours of day 1).
    expect(Number(screen.getByTestId(testIds.remaining).getAttribute('data-value'))).toBeCloseTo(0.875, 9);
    expect(Number(screen.getByTestId(testIds.ifEndedNow).getAttribute('data-value'))).toBeCloseTo(0.75, 12);
    const rows = tableRows();
    const at = (iso: string) => rows.filter(([t]) => t === iso).map(([, v]) => Number(v));
    expect(at('2026-07-01T00:00:00Z')).toEqual([1]);
    const [closing, reset] = at('2026-07-02T00:00:00Z');
    expect(closing).toBeCloseTo(0.5, 12);
    expect(reset).toBe(1);
  });

  it('shows the query error from the data source', () => {
    renderPanel({
      options: queryOptions,
      data: {
        series: [],
        state: LoadingState.Error,
        errors: [{ message: 'bad_data: invalid parameter "query"', refId: 'A' }],
      },
    });
    expect(screen.getByTestId(testIds.error)).toHaveTextContent('bad_data: invalid parameter "query"');
  });

  it('shows loading while the queries run, and no data when they return nothing', () => {
    const { rerender } = renderPanel({ options: queryOptions, data: { series: [], state: LoadingState.Loading } });
    expect(screen.getByTestId(testIds.loading)).toBeInTheDocument();
    rerender(
      <BudgetPanel
        {...({
          data: { series: [], state: LoadingState.Done, timeRange: range },
          timeRange: range,
          timeZone: 'utc',
          options: { ...defaultOptions, ...queryOptions },
          width: 800,
          height: 400,
        } as unknown as PanelProps<BudgetPanelOptions>)}
      />
    );
    expect(screen.getByTestId(testIds.noData)).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.loading)).not.toBeInTheDocument();
  });

  it('names a misconfigured option', () => {
    renderPanel({
      options: { ...queryOptions, objective: '100.5%' },
      data: { series: [frame('A', [1]), frame('B', [100])], timeRange: range },
    });
    const error = screen.getByTestId(testIds.error);
    expect(error).toHaveAttribute('data-kind', 'options');
    expect(within(error).getByText(/Objective/)).toBeInTheDocument();
  });
});

describe('BudgetPanel with a timeslice SLO', () => {
  it('shows its figures when a chart view is chosen, and says why', async () => {
    const slices = checkoutSlo({
      indicator: {
        ratio: {
          good: 'http_requests_total{job="checkout",code!~"5.."}',
          total: 'http_requests_total{job="checkout"}',
        },
      },
      budgetingMethod: 'timeslices',
      timeslice: { length: '1h', target: '99%', noData: 'good' },
    });
    renderPanel({ deps: deps(model(), [slices]) });
    await screen.findByTestId(testIds.remaining);
    await waitFor(() => expect(screen.getByTestId(testIds.notice)).toHaveAttribute('data-kind', 'chart'));
    expect(screen.getByTestId(testIds.exhaustion)).toBeInTheDocument();
  });
});
