// The budget panel in SLO mode, in Chromium, against the real Prometheus holding the generator's scenario: what it
// shows must match the exact truth (docs/semantics.md section 9): 100% at a period start, the remaining figure within
// 0.1 pp at chosen times, every plotted point within 0.5 pp, and 100% reset points at period boundaries.

import { at, expectedAt, iso, sloById } from '../integration/truth';
import { describeInBrowser, HostBrowser } from './env';
import { BudgetPanelPage } from './pages/BudgetPanelPage';
import { sloPanel, truthAtPoint } from './scenarios';

const FIGURE_TOLERANCE = 0.001; // 0.1 percentage point
const CHART_TOLERANCE = 0.005; // 0.5 percentage point

const browser = new HostBrowser();
afterAll(() => browser.close());

async function openSlo(...args: Parameters<typeof sloPanel>): Promise<BudgetPanelPage> {
  const { page, problems } = await browser.open(sloPanel(...args));
  const panel = new BudgetPanelPage(page);
  try {
    await panel.settled();
  } catch (e) {
    throw new Error(`${(e as Error).message}\npage problems:\n${problems.join('\n')}`);
  }
  return panel;
}

describeInBrowser('budget panel, SLO mode', () => {
  it('shows exactly 100% when now is the start of a quarter', async () => {
    const panel = await openSlo('checkout-q-utc', { now: '2026-07-01T00:00:00Z', from: 'now-7d', view: 'stat' });
    expect(await panel.state()).toBe('ready');
    const r = await panel.remaining();
    expect(r.value).toBe(1);
    expect(r.percent).toMatch(/^100(\.0+)?\s?%$/);
  });

  // SLO, pinned now, displayed range: the figure at now and every plotted point against the truth.
  const CASES = [
    { slo: 'checkout-q-utc', now: '2026-08-13T11:00:00Z', from: 'now-30d', why: 'the day after the scrape gap' },
    {
      slo: 'checkout-q-berlin',
      now: '2026-07-05T22:00:00Z',
      from: 'now-10d',
      why: 'a Berlin quarter start inside the range',
    },
    { slo: 'checkout-month', now: '2026-08-06T00:00:00Z', from: 'now-10d', why: 'a month boundary inside the range' },
    {
      slo: 'checkout-rolling',
      now: '2026-09-10T00:00:00Z',
      from: 'now-14d',
      why: 'a rolling window over the September restart',
    },
  ];

  it.each(CASES)('$slo at $now ($why): figure within 0.1 pp, points within 0.5 pp', async (c) => {
    const slo = sloById(c.slo);
    const t = at(c.now);
    // The figure "if the period ended now" (the truth's `remaining`); the burn-down has its own test file.
    const panel = await openSlo(c.slo, { now: c.now, from: c.from, options: { figure: 'ifEndedNow' } });
    expect(await panel.state()).toBe('ready');

    const want = expectedAt(slo, t).figures.remaining;
    const got = await panel.remaining();
    expect(got.value).not.toBeNull();
    if (!(Math.abs(got.value! - want) <= FIGURE_TOLERANCE)) {
      throw new Error(`${c.slo} at ${c.now}: panel shows ${got.value} (${got.text}), truth ${want}`);
    }

    const points = await panel.seriesPoints();
    const fromMs = t - parseRange(c.from);
    let checked = 0;
    let worst = 0;
    for (const p of points) {
      if (p.time < fromMs || p.time > t || Number.isNaN(p.value)) {
        continue;
      }
      const truth = truthAtPoint(slo, p.time);
      if (truth === undefined) {
        // A window without events: only a period that has just started may show a value, and that is 100%.
        expect(p.value).toBe(1);
        continue;
      }
      const dev = p.value - truth;
      if (Math.abs(dev) > CHART_TOLERANCE && !(p.value === 1 && isPeriodStart(slo, p.time))) {
        throw new Error(`${c.slo}: point ${iso(p.time)} is ${p.value}, truth ${truth} (${(dev * 100).toFixed(3)} pp)`);
      }
      if (!(p.value === 1 && isPeriodStart(slo, p.time))) {
        worst = Math.max(worst, Math.abs(dev));
        checked++;
      }
    }
    process.stdout.write(
      `${c.slo} at ${c.now}: figure ${got.value} vs ${want}; ${checked} points, worst ${(worst * 100).toFixed(4)} pp\n`
    );
    expect(checked).toBeGreaterThan(20);

    // Every period start inside the range is plotted as a 100% reset point.
    if (slo.window.kind === 'calendar') {
      for (const start of slo.window.periodStarts.filter((s) => s > fromMs && s <= t)) {
        const at100 = points.filter((p) => p.time === start && p.value === 1);
        if (at100.length === 0) {
          throw new Error(`${c.slo}: no 100% reset point at the period start ${iso(start)}`);
        }
      }
    }
  });
});

function isPeriodStart(slo: ReturnType<typeof sloById>, t: number): boolean {
  return slo.window.kind === 'calendar' && slo.window.periodStarts.includes(t);
}

/** "now-30d" -> 30 days in ms (the tests only use whole days). */
function parseRange(from: string): number {
  const m = /^now-(\d+)d$/.exec(from);
  if (!m) {
    throw new Error(`unsupported range ${from}`);
  }
  return Number(m[1]) * 86_400_000;
}
