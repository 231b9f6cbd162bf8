// The overview's budget trend (src/pages/Overview/loadStatuses.ts: loadTrend) against a real Prometheus and
// VictoriaMetrics loaded with the scenario: for calendar windows the trend sums the hours of bad and total that the
// status' burn-down read (src/query/forecast.ts: hourlyHistoryOf) and sends no request; it must equal the trend read
// as before (its own request of the week at 6 h steps, plus the status' exact counts) within TREND_TOLERANCE, in
// ordinary weeks and in the weeks of both counter resets. Across the scrape gap Prometheus' hourly increases lose the
// gap's events (its 6 h increase spans the gap, VictoriaMetrics' increase loses nothing): the status' exact counts put
// them at the window's start instead, so the points before the gap's hour sit lower, by at most GAP_TOLERANCE, and
// the points after it agree again. Deviations are printed.

import { createForecaster, fullWindowAt, windowAt } from '../../src/engine';
import {
  counterExprs,
  evaluateSlo,
  fetchTrafficHistory,
  forecastTimeZone,
  hourlyHistoryOf,
  HttpPromClient,
  type PromClient,
} from '../../src/query';
import { chartTrend, loadTrend } from '../../src/pages/Overview/loadStatuses';
import { describeEachBackend } from './backends';
import { fixtureSpecs } from './fixtureSpecs';
import { at, DeviationLog, scenario } from './truth';

/** 0.05 percentage point of remaining budget: a sparkline pixel is about 3 pp. */
const TREND_TOLERANCE = 0.0005;
const DAY = 86_400_000;
/** Before the scrape gap, on Prometheus: the gap's events (inside inc-august) counted at the window's start. */
const GAP_TOLERANCE = 0.035;
/**
 * A counter reset in the window (pod-a 07-15, pod-b 09-09): the old read's raw 2 h increases from the window's start
 * count it differently from the status' exact counts on VictoriaMetrics (0.054 pp seen, checkout-q-berlin at 07-20).
 */
const RESET_TOLERANCE = 0.001;

/** A real client that counts what it is asked (not a stand-in: every request reaches the backend). */
function counting(inner: PromClient) {
  const log: Array<'instant' | 'range'> = [];
  const client: PromClient = {
    id: inner.id,
    instant: (expr, t) => {
      log.push('instant');
      return inner.instant(expr, t);
    },
    range: (expr, start, end, step) => {
      log.push('range');
      return inner.range(expr, start, end, step);
    },
  };
  return { client, log };
}

/** SLOs and times: an ordinary week, the scrape gap's (08-12 10:50-11:10), pod-a's restart (07-15), pod-b's (09-09). */
const CASES: Array<[string, string]> = [
  ['checkout-q-utc', '2026-08-20T12:00:00Z'],
  ['checkout-q-utc', '2026-08-12T13:20:00Z'],
  ['checkout-q-berlin', '2026-08-12T12:00:00Z'],
  ['checkout-q-berlin', '2026-07-20T06:45:00Z'],
  ['checkout-month', '2026-09-12T00:00:00Z'],
  ['checkout-fiscal', '2026-09-20T09:00:00Z'],
  ['checkout-latency', '2026-08-20T12:00:00Z'],
  // The maintenance exclusion (08-05 02:00-03:00) inside the trend's week.
  ['checkout-excl', '2026-08-05T12:00:00Z'],
  ['checkout-excl', '2026-08-09T00:00:00Z'],
  // A window of 2 days, and of 3 days in Europe/Berlin: the points before the month are NaN, not last month's.
  ['checkout-month', '2026-09-03T00:00:00Z'],
  ['checkout-month-berlin', '2026-10-03T22:00:00Z'],
  // The fixed window (08-10 to 08-17) ended inside the trend's week.
  ['checkout-fixed', '2026-08-20T12:00:00Z'],
];

const trendLog = new DeviationLog(
  "Overview trend from what the status read vs the trend's own request: worst difference (percentage points)"
);

afterAll(() => {
  process.stdout.write(`\n${trendLog.table()}\n\n`);
});

function specsWithBerlinMonth() {
  const specs = fixtureSpecs();
  const month = specs.get('checkout-month')!;
  const window = { ...month.window, timeZone: 'Europe/Berlin' } as typeof month.window;
  specs.set('checkout-month-berlin', { ...month, id: 'checkout-month-berlin', window });
  return specs;
}

describeEachBackend('overview trend', (backend) => {
  const specs = specsWithBerlinMonth();
  const http = new HttpPromClient(backend.url);

  it.each(CASES)('%s at %s: no request of its own, equal to the trend read apart', async (id, tIso) => {
    const spec = specs.get(id)!;
    const t = at(tIso);
    const opts = { now: scenario.endMs };
    const status = counting(http);
    const statuses = await evaluateSlo(status.client, spec, t, { ...opts, hourlyBad: true });
    // The status: the batched instant query and the burn-down's one range query (bad and total, hourly).
    expect(status.log.filter((k) => k === 'range')).toHaveLength(1);
    expect(status.log).toHaveLength(2);

    // Its totals are the total-only history's, so the forecast is the same figure.
    const [s] = statuses;
    const window = windowAt(t, spec.window);
    const zone = forecastTimeZone(spec.window);
    const end = { from: window.end, to: window.end };
    const totals = (await fetchTrafficHistory(http, counterExprs(spec.indicator), end, zone, opts)).get('')!;
    expect(Array.from(hourlyHistoryOf(s.burndown)!.total)).toEqual(Array.from(totals.total));
    if (window.end === t) {
      const f = createForecaster(totals, { timeZone: zone, exclusions: spec.exclusions }).at(
        window.end,
        fullWindowAt(t, spec.window).end,
        { start: window.start, total: s.total! }
      );
      expect(s.burndown!.forecastTotal).toBe(f.total);
    }

    const shared = counting(http);
    const fromHours = await loadTrend(shared.client, spec, t, undefined, statuses);
    expect(shared.log).toEqual([]);

    // As before: the trend's own chart read (one range request of bad and total from the window's start, 6 h steps).
    const apart = counting(http);
    const read = await chartTrend(apart.client, spec, t);
    expect(apart.log).toEqual(['range']);

    expect(fromHours!.stepMs).toBe(read!.stepMs);
    expect(fromHours!.time).toEqual(read!.time);
    // 28 points of 6 h; 84 of 2 h where the window starts off the 6 h UTC grid (Europe/Berlin, 22:00Z).
    expect([28, 84]).toContain(fromHours!.value.length);
    let checked = 0;
    fromHours!.value.forEach((v, i) => {
      const x = fromHours!.time[i];
      if (x <= window.start) {
        // Before the window: the previous period is not read again.
        expect(v).toBeNaN();
        return;
      }
      const w = read!.value[i];
      expect(Number.isNaN(v)).toBe(Number.isNaN(w));
      if (!Number.isNaN(w)) {
        trendLog.add(backend.name, id, (v - w) * 100, `${tIso} point ${new Date(x).toISOString()}`);
        const beforeGap = scenario.gaps.some((g) => x < g.toMs + 3_600_000 && g.fromMs > t - 8 * DAY && g.fromMs < t);
        const reset = scenario.resets.some((r) => r.atMs > window.start && r.atMs <= t);
        const tolerance = beforeGap ? GAP_TOLERANCE : reset ? RESET_TOLERANCE : TREND_TOLERANCE;
        expect(Math.abs(v - w)).toBeLessThanOrEqual(tolerance);
        checked++;
      }
    });
    expect(checked).toBeGreaterThanOrEqual(Math.min(27, Math.floor((t - window.start) / fromHours!.stepMs)));
  });

  it('a fixed window that ended before the week: the flat line of its final figure, no request', async () => {
    const spec = specs.get('checkout-fixed')!;
    const t = at('2026-09-10T00:00:00Z');
    const statuses = await evaluateSlo(http, spec, t, { now: scenario.endMs, hourlyBad: true });
    const shared = counting(http);
    const trend = await loadTrend(shared.client, spec, t, undefined, statuses);
    expect(shared.log).toEqual([]);
    const read = await chartTrend(http, spec, t);
    expect(trend!.time).toEqual(read!.time);
    expect(new Set(trend!.value)).toEqual(new Set([statuses[0].remaining]));
    read!.value.forEach((w) => {
      trendLog.add(backend.name, 'checkout-fixed (ended)', (statuses[0].remaining! - w) * 100, 'flat');
      expect(Math.abs(statuses[0].remaining! - w)).toBeLessThanOrEqual(TREND_TOLERANCE);
    });
  });

  it('rolling windows: the status batch and the trend read, 2 requests per SLO', async () => {
    const spec = specs.get('checkout-rolling')!;
    const t = at('2026-08-20T12:00:00Z');
    const c = counting(http);
    const statuses = await evaluateSlo(c.client, spec, t, { now: scenario.endMs, hourlyBad: true });
    const trend = await loadTrend(c.client, spec, t, undefined, statuses);
    expect(trend!.value.filter((v) => !Number.isNaN(v)).length).toBeGreaterThanOrEqual(27);
    expect(c.log).toEqual(['instant', 'range']);
  });
});
