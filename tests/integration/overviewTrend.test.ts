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
import { loadTrend } from '../../src/pages/Overview/loadStatuses';
import { describeEachBackend } from './backends';
import { fixtureSpecs } from './fixtureSpecs';
import { at, DeviationLog, scenario } from './truth';

/** 0.05 percentage point of remaining budget: a sparkline pixel is about 3 pp. */
const TREND_TOLERANCE = 0.0005;
const DAY = 86_400_000;
/** Before the scrape gap, on Prometheus: the gap's events (inside inc-august) counted at the window's start. */
const GAP_TOLERANCE = 0.035;

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
];

const trendLog = new DeviationLog(
  "Overview trend from the burn-down's hours vs the trend's own request: worst difference (percentage points)"
);

afterAll(() => {
  process.stdout.write(`\n${trendLog.table()}\n\n`);
});

describeEachBackend('overview trend', (backend) => {
  const specs = fixtureSpecs();
  const http = new HttpPromClient(backend.url);

  it.each(CASES)('%s at %s: no request of its own, equal to the trend read apart', async (id, tIso) => {
    const spec = specs.get(id)!;
    const t = at(tIso);
    const opts = { now: scenario.endMs };
    const status = counting(http);
    const statuses = await evaluateSlo(status.client, spec, t, { ...opts, hourlyBad: true });
    // The status: the batched instant query and the burn-down's one range query (bad and total, hourly).
    expect(status.log.filter((k) => k === 'range')).toHaveLength(1);

    // Its totals are the total-only history's, so the forecast is the same figure.
    const [s] = statuses;
    const window = windowAt(t, spec.window);
    const zone = forecastTimeZone(spec.window);
    const end = { from: window.end, to: window.end };
    const totals = (await fetchTrafficHistory(http, counterExprs(spec.indicator), end, zone, opts)).get('')!;
    expect(Array.from(hourlyHistoryOf(s.burndown)!.total)).toEqual(Array.from(totals.total));
    const f = createForecaster(totals, { timeZone: zone }).at(window.end, fullWindowAt(t, spec.window).end, {
      start: window.start,
      total: s.total!,
    });
    expect(s.burndown!.forecastTotal).toBe(f.total);

    const shared = counting(http);
    const fromHours = await loadTrend(shared.client, spec, t, undefined, statuses);
    expect(shared.log).toEqual([]);

    // As before: copies of the figures carry no hours, so the trend reads its week itself (one range request).
    const apart = counting(http);
    const unshared = statuses.map((s) => ({ ...s, burndown: s.burndown && { ...s.burndown } }));
    const read = await loadTrend(apart.client, spec, t, undefined, unshared);
    expect(apart.log).toEqual(['range']);

    expect(fromHours!.stepMs).toBe(read!.stepMs);
    expect(fromHours!.time).toEqual(read!.time);
    expect(fromHours!.value.length).toBeGreaterThanOrEqual(27);
    let checked = 0;
    fromHours!.value.forEach((v, i) => {
      const w = read!.value[i];
      expect(Number.isNaN(v)).toBe(Number.isNaN(w));
      if (!Number.isNaN(w)) {
        trendLog.add(backend.name, id, (v - w) * 100, `${tIso} point ${new Date(fromHours!.time[i]).toISOString()}`);
        const beforeGap = scenario.gaps.some((g) => fromHours!.time[i] < g.toMs + 3_600_000 && g.fromMs > t - 8 * DAY);
        expect(Math.abs(v - w)).toBeLessThanOrEqual(beforeGap ? GAP_TOLERANCE : TREND_TOLERANCE);
        checked++;
      }
    });
    expect(checked).toBeGreaterThanOrEqual(27);
  });
});
