// The burn-down's forecast history taken from the chart's hourly tail (src/query/chart.ts: hourlyTail; docs/semantics.md
// section 8): the chart reads its last 4 weeks at 1 h steps and sums its buckets from those hours, so the status'
// burn-down does not read them again. Checked on both backends, at instants whose tail holds the scrape gap and the
// counter resets, against the same chart read at its own step and the history read on its own:
// - the hours the chart hands over equal fetchTrafficHistory's, value for value;
// - every chart point stays within 0.05 pp of remaining budget of the chart read without the tail (worst printed);
// - the status' burn-down figures with the chart's hours equal those with its own read, and so do their forecasts.
import { windowAt } from '../../src/engine';
import {
  counterExprs,
  evaluateSlo,
  fetchTrafficHistory,
  forecastTimeZone,
  historiesOn,
  HttpPromClient,
  loadBudgetChart,
} from '../../src/query';
import { describeEachBackend } from './backends';
import { fixtureSpecs } from './fixtureSpecs';
import { at, DeviationLog, iso } from './truth';

const POINT_TOLERANCE_PP = 0.05;

const specs = fixtureSpecs();

/** SLO and "now": tails that hold the scrape gap (08-12 10:50-11:10) or pod-a's restart (07-15 06:00). */
const CASES: Array<[string, string]> = [
  ['checkout-q-utc', '2026-08-20T12:00:00Z'],
  ['checkout-q-utc', '2026-08-05T00:00:00Z'],
  ['checkout-q-utc', '2026-08-13T00:00:00Z'],
  ['checkout-q-berlin', '2026-08-20T12:00:00Z'],
  ['checkout-month', '2026-08-29T07:00:00Z'],
  ['checkout-latency', '2026-08-20T12:00:00Z'],
];

const pointLog = new DeviationLog('Chart with the hourly tail vs read at its own step: worst point difference (pp)');

afterAll(() => process.stdout.write(`\n${pointLog.table()}\n\n`));

describeEachBackend('the burn-down history from the chart', (backend) => {
  const client = new HttpPromClient(backend.url);

  it.each(CASES)('%s at %s', async (id, nowIso) => {
    const spec = specs.get(id)!;
    const now = at(nowIso);
    const window = windowAt(now, spec.window);
    const req = { from: window.start, to: now, now };
    const [chart, plain] = await Promise.all([
      loadBudgetChart(client, spec, req),
      loadBudgetChart(client, spec, { ...req, hourlyTail: false }),
    ]);
    expect(chart.hourly).toBeDefined();
    expect(chart.step % 3_600_000).toBe(0);

    // The hours handed over are the ones the forecast reads on its own.
    const zone = forecastTimeZone(spec.window);
    const own = await fetchTrafficHistory(client, counterExprs(spec.indicator), { from: now, to: now }, zone, { now });
    const ownHistory = own.get('')!;
    const grid = { firstEnd: ownHistory.firstEnd, step: 3_600_000, count: ownHistory.total.length };
    const shared = historiesOn(chart.hourly, grid)?.get('');
    expect(shared).toBeDefined();
    expect(Array.from(shared!.total)).toEqual(Array.from(ownHistory.total));

    // Every chart point against the chart read at its own step.
    const a = chart.groups[0].series;
    const b = plain.groups[0].series;
    expect(Array.from(a.time)).toEqual(Array.from(b.time));
    let worst = 0;
    let worstAt = 0;
    for (let i = 0; i < a.time.length; i++) {
      const d = Math.abs(a.remaining[i] - b.remaining[i]) * 100;
      if (d > worst) {
        worst = d;
        worstAt = a.time[i];
      }
    }
    pointLog.add(backend.name, `${id}@${nowIso.slice(5, 13)}`, worst, iso(worstAt));
    expect(worst).toBeLessThanOrEqual(POINT_TOLERANCE_PP);

    // The status' burn-down with the chart's hours is the one with its own read.
    const [withChart, alone] = await Promise.all([
      evaluateSlo(client, spec, now, { now, history: Promise.resolve(chart.hourly) }),
      evaluateSlo(client, spec, now, { now }),
    ]);
    expect(withChart.map((s) => s.burndown)).toEqual(alone.map((s) => s.burndown));
    expect(withChart[0].burndown?.forecastTotal).toBeGreaterThan(0);
  });
});
