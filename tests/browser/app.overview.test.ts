// The app mounted as Grafana mounts it (/a/burndown-slo-app/...), in Chromium, with its first Scenes page: the SLO
// overview reads the SLOs through the settings repository (faked GET /api/plugins/:id/settings) and their status
// through the query layer (evaluateSlo over /api/ds/query) against the real Prometheus holding the generator's
// scenario. Its figures must equal the exact truth the CLI's integration tests use (docs/semantics.md section 9); its search
// text lives in the URL and survives a reload; the theme applies; an invalid SLO is listed with its error.

import { expectedAt, iso, sloById, windowAt } from '../integration/truth';
import { describeInBrowser, HostBrowser, type HostRequest } from './env';
import { OverviewPage } from './pages/OverviewPage';

const FIGURE_TOLERANCE = 0.001; // 0.1 percentage point of remaining budget
const NOW = '2026-08-13T11:00:00Z';
const SCENARIO_IDS = [
  'checkout-q-utc',
  'checkout-q-berlin',
  'checkout-fiscal',
  'checkout-month',
  'checkout-rolling',
  'checkout-fixed',
  'checkout-excl',
  'checkout-latency',
];

const browser = new HostBrowser();
afterAll(() => browser.close());

async function openOverview(req: HostRequest = {}): Promise<{ overview: OverviewPage; problems: string[] }> {
  const { page, problems } = await browser.open({
    now: NOW,
    slos: ['scenario-slos', 'invalid-slos'],
    path: '/a/burndown-slo-app/slos',
    ...req,
  });
  const overview = new OverviewPage(page);
  try {
    await overview.settled();
  } catch (e) {
    throw new Error(`${(e as Error).message}\npage problems:\n${problems.join('\n')}`);
  }
  return { overview, problems };
}

describeInBrowser('app: SLO overview (Scenes page)', () => {
  it('mounts the root page under /a/burndown-slo-app and redirects to /slos', async () => {
    const { overview, problems } = await openOverview({ path: '/a/burndown-slo-app' });
    expect(new URL(overview.page.url()).pathname).toBe('/a/burndown-slo-app/slos');
    expect(await overview.title()).toBe('Service level objectives');
    expect(problems).toEqual([]);
  });

  it('shows every SLO with the figures of the exact truth at the time it evaluated, and the invalid SLO with its error', async () => {
    const { overview, problems } = await openOverview();
    const t = await overview.evaluatedAt();
    expect(Math.abs(t - Date.parse(NOW))).toBeLessThan(60_000);
    const rows = await overview.rows();
    expect(rows.map((r) => r.id)).toEqual(SCENARIO_IDS);

    let worst = 0;
    for (const row of rows) {
      const slo = sloById(row.id);
      if (!windowAt(slo, t)) {
        // The fixed window has not started: no figure, and never "healthy".
        expect([row.state, row.remaining]).toEqual(['noData', null]);
        continue;
      }
      const want = expectedAt(slo, t).figures;
      expect(row.remaining).not.toBeNull();
      const dev = Math.abs(row.remaining! - want.remaining);
      if (!(dev <= FIGURE_TOLERANCE)) {
        throw new Error(`${row.id} at ${iso(t)}: overview shows ${row.remaining}, truth ${want.remaining}`);
      }
      if (want.sli !== null) {
        expect(Math.abs(row.sli! - want.sli)).toBeLessThanOrEqual(FIGURE_TOLERANCE * 0.005);
      }
      expect(row.state).toBe(want.remaining > 0 ? 'healthy' : 'exhausted');
      worst = Math.max(worst, dev);
    }
    process.stdout.write(
      `overview at ${iso(t)}: ${rows.length} SLOs, worst remaining deviation ${(worst * 100).toFixed(5)} pp\n`
    );

    const invalid = await overview.invalidSlos();
    expect(invalid).toHaveLength(1);
    expect(invalid[0].index).toBe(8);
    expect(invalid[0].text).toMatch(/checkout-invalid/);
    expect(invalid[0].text).toMatch(/slos\[8\]\.objective/);
    // It read the settings once, through the plugin settings API, and queried only /api/ds/query.
    const requests = await overview.grafanaRequests();
    expect(requests.filter((r) => r.url.includes('/api/plugins/'))).toHaveLength(1);
    expect(new Set(requests.map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname} ${r.status}`))).toEqual(
      new Set(['GET /api/plugins/burndown-slo-app/settings 200', 'POST /api/ds/query 200'])
    );
    expect(problems).toEqual([]);
  });

  it('keeps the search text in the URL, and a reload shows the same filtered list', async () => {
    const { overview } = await openOverview();
    await overview.search('quarter berlin');
    await overview.page.waitForURL(/[?&]search=quarter(\+|%20)berlin/);
    expect(await overview.rowIds()).toEqual(['checkout-q-berlin']);
    await overview.page.reload();
    await overview.settled();
    expect(await overview.searchText()).toBe('quarter berlin');
    expect(await overview.rowIds()).toEqual(['checkout-q-berlin']);
    // The host's own parameters (the pinned clock, the fixtures) survived next to the app's state.
    expect(new URL(overview.page.url()).searchParams.get('now')).toBe(NOW);
  });

  it.each(['light', 'dark'] as const)('applies the %s theme: canvas and table backgrounds', async (theme) => {
    const { overview } = await openOverview({ theme });
    const got = await overview.backgrounds();
    const want = await overview.themeBackgrounds();
    expect(got.body).toBe(want.canvas);
    expect(got.page).toBe(want.canvas);
    expect(got.table).toBe(want.primary);
    const [r, g, b] = (got.page.match(/\d+/g) ?? []).map(Number);
    const luminance = (r + g + b) / 3;
    expect(theme === 'light' ? luminance > 200 : luminance < 60).toBe(true);
  });
});
