// The panel's default figure for a calendar quarter, in Chromium against the real Prometheus holding the generator's
// scenario (docs/semantics.md section 4): the burn-down restarts at exactly 100% at the quarter start and follows the
// truth's burn-down 1 - bad(start, t] / ((1 - target) x total of the whole quarter) within the forecast's error; the
// stat view says it in a sentence with "if the period ended now" beside it; a stale SLO shows "stale since ..." and no
// healthy colour.

import { formatCompactCount } from '../../src/shared/format';
import { testIds } from '../../src/shared/testIds';
import { at, countsOver, expectedAt, iso, sloById } from '../integration/truth';
import { describeInBrowser, HostBrowser, type HostRequest } from './env';
import { BudgetPanelPage } from './pages/BudgetPanelPage';
import { hueOf, sloPanel } from './scenarios';

/** The forecast's error on the scenario is 0.03 pp of burn-down at most (docs/burndown.md); points add bucketing. */
const FIGURE_TOLERANCE = 0.001; // 0.1 percentage point
const CHART_TOLERANCE = 0.005; // 0.5 percentage point, as the other chart tests

const browser = new HostBrowser();
afterAll(() => browser.close());

async function open(req: HostRequest): Promise<BudgetPanelPage> {
  const { page, problems } = await browser.open(req);
  const panel = new BudgetPanelPage(page);
  await panel.settled().catch((e: Error) => {
    throw new Error(`${e.message}\npage problems:\n${problems.join('\n')}`);
  });
  return panel;
}

const slo = sloById('checkout-q-utc');
const Q3 = { start: at('2026-07-01T00:00:00Z'), end: at('2026-10-01T00:00:00Z') };
const NOW = '2026-08-13T11:00:00Z';

/** The truth's burn-down at t in Q3: the whole quarter's allowance is known to the truth (no forecast). */
function truthBurndown(t: number): { remaining: number; usedBad: number; allowedBad: number } {
  const used = countsOver(Q3.start, t);
  const allowedBad = (1 - slo.objective) * countsOver(Q3.start, Q3.end).total;
  return { remaining: 1 - used.bad / allowedBad, usedBad: used.bad, allowedBad };
}

describeInBrowser('budget panel, burn-down (the default for calendar windows)', () => {
  it('draws the quarter from exactly 100% at its start, within the forecast error of the truth', async () => {
    // The range reaches into Q2: the chart resets at the Q3 start.
    const panel = await open(sloPanel('checkout-q-utc', { now: NOW, from: 'now-50d' }));
    expect(await panel.state()).toBe('ready');
    const chartText = await panel.byId(testIds.chart).innerText();
    expect(chartText).toContain('Burn-down');
    expect(chartText).toContain('Ideal burn-down');

    const points = await panel.seriesPoints();
    const atStart = points.filter((p) => p.time === Q3.start);
    // The bucket closing Q2, then the reset point: exactly 1.
    expect(atStart.length).toBe(2);
    expect(atStart[1].value).toBe(1);

    let worst = 0;
    let checked = 0;
    for (const p of points) {
      if (p.time <= Q3.start || p.time > at(NOW) || Number.isNaN(p.value)) {
        continue;
      }
      const dev = p.value - truthBurndown(p.time).remaining;
      if (!(Math.abs(dev) <= CHART_TOLERANCE)) {
        throw new Error(`point ${iso(p.time)}: ${p.value}, truth ${truthBurndown(p.time).remaining}`);
      }
      worst = Math.max(worst, Math.abs(dev));
      checked++;
    }
    const got = await panel.remaining();
    const want = truthBurndown(at(NOW)).remaining;
    process.stdout.write(
      `burn-down Q3 at ${NOW}: figure ${got.value} vs truth ${want} (${((got.value! - want) * 100).toFixed(4)} pp); ` +
        `${checked} points since the quarter start, worst ${(worst * 100).toFixed(4)} pp\n`
    );
    expect(checked).toBeGreaterThan(100);
    expect(Math.abs(got.value! - want)).toBeLessThanOrEqual(FIGURE_TOLERANCE);
    // "If the period ended now" is beside it, named so, and is the truth's `remaining`.
    const ifEndedNow = Number(await panel.byId(testIds.ifEndedNow).first().getAttribute('data-value'));
    expect(Math.abs(ifEndedNow - expectedAt(slo, at(NOW)).figures.remaining)).toBeLessThanOrEqual(FIGURE_TOLERANCE);
    // Q2 starts before the scenario's data, but the figure shown is Q3's, which is complete: no partial notice.
    expect(await panel.byId(testIds.notice).count()).toBe(0);
  });

  it('says the burn-down in a sentence in the stat view, with "if the period ended now" as a secondary line', async () => {
    const panel = await open(sloPanel('checkout-q-utc', { now: NOW, from: 'now-7d', view: 'stat' }));
    expect(await panel.state()).toBe('ready');
    const sentence = (await panel.byId(testIds.figureSentence).innerText()).trim();
    const truth = truthBurndown(at(NOW));
    process.stdout.write(`stat sentence: "${sentence}"; truth used ${truth.usedBad}, allowed ${truth.allowedBad}\n`);
    const m = /^(-?\d+)% of this quarter's budget left: (.+) of ~(.+) allowed errors used$/.exec(sentence);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(Math.round(truth.remaining * 100));
    expect(m![2]).toBe(formatCompactCount(truth.usedBad));
    // The allowance contains the forecast: its compact form may round either side of the truth's.
    const shown = parseCompact(m![3]);
    expect(Math.abs(shown / truth.allowedBad - 1)).toBeLessThan(0.06);
    const secondary = (await panel.byId(testIds.ifEndedNow).innerText()).trim();
    expect(secondary).toMatch(/^If the period ended now: -?\d+\.\d%$/);
    expect(await panel.byId(testIds.remaining).first().innerText()).toContain('Budget left');
  });

  it.each(['stat', 'timeseries'] as const)(
    'shows a stale SLO (data that stop) as "stale since ..." and never in a healthy colour (%s view)',
    async (view) => {
      // The scenario's last scrape is at 2026-10-20T00:00:00Z.
      const panel = await open(sloPanel('checkout-q-utc', { now: '2026-10-20T06:00:00Z', from: 'now-2d', view }));
      expect(await panel.state()).toBe('ready');
      const diagnostic = panel.byId(testIds.diagnostic).first();
      expect(await diagnostic.getAttribute('data-kind')).toBe('stale');
      expect(await diagnostic.innerText()).toContain('stale since 2026-10-20T00:00:00Z');
      const colour = await panel.remainingColor();
      const greens = await panel.themeColours('green');
      process.stdout.write(`stale (${view}): figure colour ${colour}, hue ${hueOf(colour).toFixed(0)}\n`);
      expect(greens).not.toContain(colour);
      const h = hueOf(colour);
      expect(h >= 75 && h <= 165).toBe(false);
      if (view === 'stat') {
        expect((await panel.byId(testIds.exhaustion).first().innerText()).trim()).not.toMatch(/Not burning/);
        expect((await panel.byId(testIds.policy).first().innerText()).trim()).not.toMatch(/\bOK\b/);
      }
    }
  );
});

/** "1.1 M" -> 1_100_000. */
function parseCompact(text: string): number {
  const m = /^(-?[\d.]+)(?: ([kMG]))?$/.exec(text.trim());
  if (!m) {
    throw new Error(`not a compact count: ${text}`);
  }
  return Number(m[1]) * (m[2] === 'k' ? 1e3 : m[2] === 'M' ? 1e6 : m[2] === 'G' ? 1e9 : 1);
}
