// Recorded mode in the browser (docs/recorded-mode.md): a `mode: recorded` SLO on the high-cardinality scenario (1000
// series) whose tiles promtool backfilled (tests/integration/recordedHc.ts, as the integration tests do), served by
// a second host server in front of that Prometheus. The overview and the detail page must show the figures of the
// generator's exact truth and the detail page must say that recorded tiles answered; the Prometheus they talk to runs
// with --query.max-samples=50000, which refuses the raw query (tests/integration/recorded.highCardinality.test.ts), so
// a page that read raw data would fail.
import { HC_BAD_CODES, hcTruth } from '../generator/highCardinality';
import { hcSpec, startHcBackend, type HcBackend } from '../integration/recordedHc';
import { pageTestIds } from '../../src/shared/testIds';
import { buildHost } from './build';
import { describeInBrowser, HostBrowser, type HostRequest } from './env';
import { DetailPage } from './pages/DetailPage';
import { OverviewPage } from './pages/OverviewPage';
import { startHostServer, type HostServer } from './server';

const HOUR = 3_600_000;
const NOW = '2026-10-02T11:00:00Z';
const TOLERANCE = 0.001; // 0.1 percentage point of budget

/** The SLO as the app's settings hold it (burndown/v1 entry). */
const RECORDED_SLO = {
  id: 'hc',
  name: 'High-cardinality availability',
  service: 'hc',
  indicator: {
    ratio: { bad: 'http_requests_total{job="hc",code=~"5.."}', total: 'http_requests_total{job="hc"}' },
  },
  objective: '99.5%',
  window: { rolling: '1d' },
  mode: 'recorded',
  datasource: { uid: 'prometheus' },
};

/** HostBrowser on this file's own host server (the shared one talks to the generator's main Prometheus). */
class RecordedHostBrowser extends HostBrowser {
  url = '';
  override get hostUrl(): string {
    return this.url;
  }
}

const browser = new RecordedHostBrowser();
let be: HcBackend | undefined;
let server: HostServer | undefined;
const report: string[] = [];

const request: HostRequest = { now: NOW, frozenClock: true, extraSlos: [RECORDED_SLO] };

describeInBrowser('app: a recorded-mode SLO at high cardinality', () => {
  beforeAll(async () => {
    const [backend, host] = await Promise.all([
      startHcBackend([hcSpec('recorded')], { maxSamples: 50_000 }),
      buildHost(),
    ]);
    be = backend;
    server = await startHostServer({ hostDir: host.dir, prometheusUrl: be.url });
    browser.url = server.url;
  }, 300_000);

  afterAll(async () => {
    await browser.close();
    await server?.close();
    await be?.stop();
    process.stdout.write(`recorded mode in the browser: ${report.join('; ')} (setup ${JSON.stringify(be?.timings)})\n`);
  });

  const truth = () => {
    const t = Date.parse(NOW);
    const total = hcTruth(be!.hc, t - 24 * HOUR, t);
    const bad = hcTruth(be!.hc, t - 24 * HOUR, t, (s) => HC_BAD_CODES.has(s.code));
    return { remaining: 1 - bad / (0.005 * total), sli: 1 - bad / total };
  };

  it('the overview shows the truth from the tiles, with its trend', async () => {
    const { page, problems } = await browser.open({ ...request, path: '/a/burndown-slo-app/slos' });
    const overview = new OverviewPage(page);
    await overview.settled();
    // The host always lists the default fixture's SLOs too (no data on this Prometheus): find this one's row.
    const hcRow = page.locator(`[data-testid="${pageTestIds.overview.row}"][data-slo-id="hc"]`);
    await hcRow.locator(`[data-testid="${pageTestIds.overview.trend}"]`).waitFor({ timeout: 90_000 });
    const row = (await overview.rows()).find((r) => r.id === 'hc')!;
    expect(row.state).not.toBe('error');
    const want = truth();
    expect(Math.abs(row.remaining! - want.remaining)).toBeLessThanOrEqual(TOLERANCE);
    // 7 days in 6-hour points, of which the data's 35 hours fill 5 or 6 (a NaN sparkline has 0)
    expect(row.trendPoints).toBeGreaterThanOrEqual(5);
    expect(problems).toEqual([]);
    report.push(`overview: ${row.remaining} vs truth ${want.remaining.toFixed(6)}, trend ${row.trendPoints} points`);
  });

  it('the detail page shows the truth, its charts, and that recorded tiles answered', async () => {
    const { page, problems } = await browser.open({ ...request, path: '/a/burndown-slo-app/slos/hc' });
    const detail = new DetailPage(page);
    await detail.settled();
    expect(await detail.state()).toBe('done');
    const want = truth();
    const left = await detail.figure('budgetLeft');
    const sli = await detail.figure('sli');
    expect(Math.abs(left! - want.remaining)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(sli! - want.sli)).toBeLessThanOrEqual(1e-5);
    const mode = page.getByTestId(pageTestIds.detail.answeredBy);
    expect(await mode.getAttribute('data-mode')).toBe('recorded');
    expect(await mode.innerText()).toBe('answered by recorded tiles (mode recorded)');
    const charts = await detail.charts();
    expect(charts.length).toBeGreaterThan(0);
    expect(charts.every((c) => c.points > 10)).toBe(true);
    expect(problems).toEqual([]);
    report.push(
      `detail: budget left ${left} vs truth ${want.remaining.toFixed(6)}, SLI ${sli} vs ${want.sli.toFixed(6)}, ` +
        `"${await mode.innerText()}", charts ${charts.map((c) => `${c.kind}:${c.points}`).join(', ')}`
    );
  });
});
