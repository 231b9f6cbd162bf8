// What the budget panel shows besides numbers, in Chromium: policy colours from the theme, the datasource's own
// error message when Prometheus rejects a query, and "No data" (never 100%) when the counters do not exist
// (docs/semantics.md sections 2 and 5).

import { at, expectedAt, expectedPolicy, sloById } from '../integration/truth';
import { describeInBrowser, HostBrowser } from './env';
import { BudgetPanelPage } from './pages/BudgetPanelPage';
import { hueOf, queryPanel, sloPanel } from './scenarios';
import { readBrowserState } from './state';

const browser = new HostBrowser();
afterAll(() => browser.close());

async function open(params: Parameters<HostBrowser['open']>[0]): Promise<BudgetPanelPage> {
  const { page, problems } = await browser.open(params);
  const panel = new BudgetPanelPage(page);
  await panel.settled().catch((e: Error) => {
    throw new Error(`${e.message}\n${problems.join('\n')}`);
  });
  return panel;
}

const isGreen = (h: number) => h >= 75 && h <= 165;
const isRed = (h: number) => h >= 335 || h <= 20;

/** Prometheus' own words for a broken selector, without the position prefix ("1:41: parse error: ..."). */
async function prometheusParseError(selector: string): Promise<string> {
  const url = `${readBrowserState()!.prometheusUrl}/api/v1/query?query=${encodeURIComponent(selector)}`;
  const body = (await (await fetch(url)).json()) as { status: string; error?: string };
  expect(body.status).toBe('error');
  return body.error!.replace(/^.*?\d+:\d+: /, '');
}

describeInBrowser('budget panel states', () => {
  describe.each(['dark', 'light'] as const)('policy colours, %s theme', (theme) => {
    it('colours a healthy budget green and an overspent one red', async () => {
      const healthy = { slo: 'checkout-q-utc', now: '2026-07-06T00:00:00Z' };
      const overspent = { slo: 'checkout-fixed', now: '2026-08-12T12:00:00Z' };
      // The scenario must put them on either side of the policy, or the test proves nothing.
      const hTruth = expectedAt(sloById(healthy.slo), at(healthy.now)).figures.remaining;
      const oTruth = expectedAt(sloById(overspent.slo), at(overspent.now)).figures.remaining;
      expect(expectedPolicy(sloById(healthy.slo), hTruth).name).toBeNull();
      expect(expectedPolicy(sloById(overspent.slo), oTruth).name).toBe('stop');

      const colours: string[] = [];
      let greens: string[] = [];
      let reds: string[] = [];
      for (const c of [healthy, overspent]) {
        // The truth above is "if the period ended now": the panel shows that figure.
        const panel = await open(
          sloPanel(c.slo, { now: c.now, from: 'now-2d', view: 'stat', theme, options: { figure: 'ifEndedNow' } })
        );
        expect(await panel.state()).toBe('ready');
        colours.push(await panel.remainingColor());
        greens = await panel.themeColours('green');
        reds = await panel.themeColours('red');
      }
      const [h, o] = colours.map(hueOf);
      process.stdout.write(
        `${theme}: healthy ${colours[0]} (hue ${h.toFixed(0)}), overspent ${colours[1]} (hue ${o.toFixed(0)})\n`
      );
      expect(colours[0]).not.toBe(colours[1]);
      expect(isGreen(h)).toBe(true);
      expect(isRed(o)).toBe(true);
      // Not just any green and red: the theme's own.
      expect(greens).toContain(colours[0]);
      expect(reds).toContain(colours[1]);
    });
  });

  it("shows Prometheus' message when it rejects the SLO's query", async () => {
    const panel = await open(
      sloPanel('checkout-bad-promql', { now: '2026-08-13T11:00:00Z', from: 'now-7d', slos: ['promql-error-slos'] })
    );
    expect(await panel.state()).toBe('error');
    // The SLO file validates (a reversed class range is left to the backend); its bad selector's regex does not compile.
    const want = await prometheusParseError('http_requests_total{job="checkout",code=~"[5-1].."}');
    const text = await panel.errorText();
    expect(text).toContain(want);
    expect(await panel.byId('burndown-remaining').count()).toBe(0);
  });

  it("shows the datasource's message when a dashboard query fails", async () => {
    const broken = queryPanel({ queryWindow: 'dashboard' }, { now: '2026-08-13T11:00:00Z', from: 'now-2d' });
    broken.targets = [
      { refId: 'A', expr: 'sum(increase(http_requests_total{job="checkout" code=~"5.."}[$__interval]))', range: true },
      { refId: 'B', expr: 'sum(increase(http_requests_total{job="checkout"}[$__interval]))', range: true },
    ];
    const panel = await open(broken);
    expect(await panel.state()).toBe('error');
    expect(await panel.errorText()).toContain(await prometheusParseError('x{job="checkout" code=~"5.."}'));
  });

  it('shows No data, not 100%, for counters that do not exist', async () => {
    const panel = await open(
      sloPanel('checkout-nodata', { now: '2026-08-13T11:00:00Z', from: 'now-7d', slos: ['nodata-slos'] })
    );
    expect(await panel.state()).toBe('noData');
    const text = await panel.text();
    expect(text).toMatch(/no data/i);
    expect(text).not.toMatch(/100(\.0+)?\s?%/);
    if ((await panel.byId('burndown-remaining').count()) > 0) {
      expect((await panel.remaining()).value).toBeNull();
    }
  });
});
