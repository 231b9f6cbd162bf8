// The budget panel in query mode, in Chromium: the dashboard's own queries (per-step increases of bad and total
// events) run through the faked /api/ds/query against the real Prometheus, and a calendar-month window restarts at
// 100% on the month boundary (docs/semantics.md section 3); plotted points match the truth within 0.5 pp (section 9).

import { at, iso, sloById } from '../integration/truth';
import { describeInBrowser, HostBrowser } from './env';
import { BudgetPanelPage } from './pages/BudgetPanelPage';
import { queryPanel, truthAtPoint } from './scenarios';

const CHART_TOLERANCE = 0.005; // 0.5 percentage point

const browser = new HostBrowser();
afterAll(() => browser.close());

describeInBrowser('budget panel, query mode', () => {
  it('restarts a calendar-month window at 100% on the month boundary', async () => {
    const month = sloById('checkout-month'); // the same objective (99.5%) and window (calendar month, UTC)
    const from = '2026-07-25T00:00:00Z';
    const to = '2026-08-08T00:00:00Z';
    const boundary = at('2026-08-01T00:00:00Z');
    const { page, problems } = await browser.open(
      queryPanel(
        { queryWindow: 'calendar', calendarUnit: 'month', timeZone: 'UTC', figure: 'ifEndedNow' },
        { now: to, from, to }
      )
    );
    const panel = new BudgetPanelPage(page);
    await panel.settled().catch((e: Error) => {
      throw new Error(`${e.message}\n${problems.join('\n')}`);
    });
    expect(await panel.state()).toBe('ready');

    const points = (await panel.seriesPoints()).filter((p) => !Number.isNaN(p.value));
    expect(points.length).toBeGreaterThan(50);
    const atBoundary = points.filter((p) => p.time === boundary);
    expect(atBoundary.length).toBeGreaterThan(0);
    // The last point at the boundary is the new period's start: exactly 100%.
    expect(atBoundary[atBoundary.length - 1].value).toBe(1);
    const before = points.filter((p) => p.time < boundary);
    expect(before.length).toBeGreaterThan(0);
    expect(before[before.length - 1].value).toBeLessThan(1);

    // The queries start one step before the first point: the first period counts events from there on.
    const times = [...new Set(points.map((p) => p.time))].sort((a, b) => a - b);
    const step = Math.min(...times.slice(1).map((x, i) => x - times[i]));
    const dataFrom = times[0] - step;
    let worst = 0;
    let checked = 0;
    for (const p of points) {
      if (p.time === boundary && p.value === 1) {
        continue;
      }
      const truth = truthAtPoint(month, p.time, dataFrom);
      if (truth === undefined) {
        continue;
      }
      const dev = p.value - truth;
      if (!(Math.abs(dev) <= CHART_TOLERANCE)) {
        throw new Error(
          `point ${iso(p.time)}: ${p.value}, truth ${truth} (${(dev * 100).toFixed(3)} pp, step ${step / 60_000} min)`
        );
      }
      worst = Math.max(worst, Math.abs(dev));
      checked++;
    }
    process.stdout.write(
      `query mode: ${checked} points at a ${step / 60_000} min step, worst ${(worst * 100).toFixed(4)} pp\n`
    );
    expect(checked).toBeGreaterThan(50);

    const r = await panel.remaining();
    const truthNow = truthAtPoint(month, at(to), dataFrom)!;
    expect(Math.abs(r.value! - truthNow)).toBeLessThanOrEqual(CHART_TOLERANCE);
  });
});
