// The app mounted as Grafana mounts it (/a/burndown-slo-app/...), in Chromium: the SLO overview reads the SLOs through
// the settings repository (faked GET /api/plugins/:id/settings) and their status through the query layer (over the
// faked /api/ds/query) against the real Prometheus holding the generator's scenario. Its figures must equal the exact
// truth the integration tests use (docs/semantics.md section 9): the burn-down for calendar and fixed windows (with the
// forecast the page used), the window's remaining budget for rolling ones. Filters, sort and grouping live in the URL
// and survive a reload; a grouped SLO folds its groups; an invalid SLO is listed with its error; stale data reads stale.

import { countsOver, expectedAt, expectedBurnRate, figuresFor, iso, sloById, windowAt } from '../integration/truth';
import { describeInBrowser, HostBrowser, type HostRequest } from './env';
import { OverviewPage } from './pages/OverviewPage';
import { OVERVIEW_EXTRA_SLOS } from './scenarios';

const FIGURE_TOLERANCE = 0.001; // 0.1 percentage point of budget
const NOW = '2026-08-13T11:00:00Z';
/** Inside the scenario's 20-minute scrape gap (2026-08-12 10:50-11:10Z): the newest sample is 15 minutes old. */
const IN_GAP = '2026-08-12T11:05:00Z';
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

/** Appended to the settings after the scenario's SLOs and the invalid one (indexes 9 and 10). */
const EXTRA_SLOS = OVERVIEW_EXTRA_SLOS;
const ALL_IDS = [...SCENARIO_IDS, 'checkout-by-pod', 'search-nodata'];

const browser = new HostBrowser();
afterAll(() => browser.close());

async function openOverview(
  req: HostRequest = {},
  query = ''
): Promise<{ overview: OverviewPage; problems: string[] }> {
  const { page, problems } = await browser.open({
    now: NOW,
    slos: ['scenario-slos', 'invalid-slos'],
    extraSlos: EXTRA_SLOS,
    path: '/a/burndown-slo-app/slos',
    ...req,
  });
  if (query) {
    await page.goto(`${page.url()}&${query}`);
  }
  const overview = new OverviewPage(page);
  try {
    await overview.settled();
  } catch (e) {
    throw new Error(`${(e as Error).message}\npage problems:\n${problems.join('\n')}`);
  }
  return { overview, problems };
}

const sorted = (xs: string[]) => [...xs].sort();

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
    expect(sorted(rows.map((r) => r.id))).toEqual(sorted(ALL_IDS));

    let worstWindow = 0;
    let worstBudget = 0;
    for (const row of rows.filter((r) => SCENARIO_IDS.includes(r.id))) {
      const slo = sloById(row.id);
      expect(row.href).toBe(`/a/burndown-slo-app/slos/${row.id}`);
      if (!windowAt(slo, t)) {
        // A fixed window that has not started: no figure, and never "healthy".
        expect([row.state, row.remaining]).toEqual(['noData', null]);
        continue;
      }
      const { window, figures: want } = expectedAt(slo, t);
      // The window's remaining budget ("if the period ended now").
      const devWindow = Math.abs(row.windowRemaining! - want.remaining);
      if (!(devWindow <= FIGURE_TOLERANCE)) {
        throw new Error(`${row.id} at ${iso(t)}: window remaining ${row.windowRemaining}, truth ${want.remaining}`);
      }
      worstWindow = Math.max(worstWindow, devWindow);
      // Budget left: the burn-down for calendar and fixed windows, with the forecast the page used.
      let budget = want.remaining;
      if (slo.window.kind === 'rolling') {
        expect(row.basis).toBe('window');
        expect(row.forecast).toBeNull();
      } else {
        expect(row.basis).toBe('burndown');
        expect(row.forecast).not.toBeNull();
        const f = figuresFor(slo, countsOver(window.start, window.end, slo.exclusions));
        budget = 1 - f.bad / ((1 - slo.objective) * (f.total + row.forecast!));
      }
      const devBudget = Math.abs(row.remaining! - budget);
      if (!(devBudget <= FIGURE_TOLERANCE)) {
        throw new Error(`${row.id} at ${iso(t)}: budget left ${row.remaining} (${row.basis}), truth ${budget}`);
      }
      worstBudget = Math.max(worstBudget, devBudget);
      if (want.sli !== null) {
        expect(Math.abs(row.sli! - want.sli)).toBeLessThanOrEqual(FIGURE_TOLERANCE * 0.005);
      }
      // Burn rate now (1 h) within what the samples can tell, and the status that follows from both figures.
      const rate = expectedBurnRate(slo, t, 3600_000);
      if (rate) {
        expect(row.burnRate).toBeGreaterThanOrEqual(rate.lo - 0.01);
        expect(row.burnRate).toBeLessThanOrEqual(rate.hi + 0.01);
      }
      const status = budget <= 0 ? 'exhausted' : row.burnRate! > 1 ? 'burning' : 'healthy';
      expect([row.id, row.state]).toEqual([row.id, status]);
      expect(row.statusText).toMatch(/^(Healthy|Burning|Exhausted)/);
      expect(row.exhaustion).not.toBe('');
      expect(row.policy).not.toBe('');
      expect(row.trendPoints).toBeGreaterThan(10);
      expect([row.id, row.trendState]).toEqual([row.id, 'done']);
    }
    // Loaded, no row waits for its trend: done, or none (kinds without a trend, error rows).
    expect(rows.filter((r) => !['done', 'none'].includes(r.trendState)).map((r) => r.id)).toEqual([]);
    process.stdout.write(
      `overview at ${iso(t)}: ${rows.length} SLOs, worst deviation ${(worstBudget * 100).toFixed(
        5
      )} pp (budget left), ` + `${(worstWindow * 100).toFixed(5)} pp (window remaining)\n`
    );

    // A selector that matches nothing: no data, with its diagnostics, never healthy.
    const nodata = rows.find((r) => r.id === 'search-nodata')!;
    expect([nodata.state, nodata.statusText, nodata.remaining]).toEqual(['noData', 'No data', null]);
    expect(nodata.diagnostics.length).toBeGreaterThan(0);

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
    process.stdout.write(
      `overview requests: ${requests.filter((r) => r.url.includes('/api/ds/query')).length} POST /api/ds/query for ` +
        `${rows.length} SLOs (figures and trends)\n`
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

  it('filters by status, sorts by budget left and groups by service; the URL carries all of it through a reload', async () => {
    const { overview } = await openOverview();
    const all = await overview.rows();
    // Default: by name.
    expect((await overview.rows()).map((r) => r.id)).toEqual(
      [...all].sort((a, b) => a.text.split('\n')[0].localeCompare(b.text.split('\n')[0], 'en')).map((r) => r.id)
    );

    // Sort by budget left, lowest first: figures ascending, rows without a figure last.
    await overview.sortBy('Budget left (lowest first)');
    await overview.page.waitForURL(/[?&]sort=budget-asc/);
    const bySort = await overview.rows();
    const figures = bySort.filter((r) => r.remaining !== null).map((r) => r.remaining!);
    expect(figures).toEqual([...figures].sort((a, b) => a - b));
    expect(bySort.slice(figures.length).every((r) => r.remaining === null)).toBe(true);

    // Status filter: only the chosen statuses remain; the invalid SLOs leave with a notice.
    const healthy = all.filter((r) => r.state === 'healthy').map((r) => r.id);
    expect(healthy.length).toBeGreaterThan(0);
    await overview.toggleStatus('healthy');
    await overview.page.waitForURL(/[?&]status=healthy/);
    expect(sorted(await overview.rowIds())).toEqual(sorted(healthy));
    expect(await overview.invalidSlos()).toHaveLength(0);
    expect(await overview.invalidHidden()).toBe(true);
    await overview.toggleStatus('invalid');
    await overview.page.waitForURL(/[?&]status=invalid/);
    expect(await overview.invalidSlos()).toHaveLength(1);

    // Group by service: one section per service with its count and worst status.
    await overview.toggleStatus('healthy');
    await overview.toggleStatus('invalid');
    await overview.groupByService(true);
    await overview.page.waitForURL(/[?&]group=service/);
    const sections = await overview.serviceSections();
    expect(sections.map((s) => [s.service, s.count])).toEqual([
      ['checkout', ALL_IDS.length - 1],
      ['search', 1],
    ]);
    expect(sections[1].status).toBe('noData');
    expect(sections[1].text).toMatch(/1 SLO/);
    expect(sections[1].text).toMatch(/No data/);
    await overview.toggleService('checkout');
    expect((await overview.serviceSections())[0].rowIds).toEqual([]);
    await overview.toggleService('checkout');

    const params = overview.appParams();
    expect(params).toEqual({ sort: ['budget-asc'], group: ['service'] });
    const before = (await overview.serviceSections()).map((s) => [s.service, s.rowIds]);
    await overview.page.reload();
    await overview.settled();
    expect(overview.appParams()).toEqual(params);
    expect((await overview.serviceSections()).map((s) => [s.service, s.rowIds])).toEqual(before);
    expect(await overview.sortText()).toBe('Budget left (lowest first)');
  });

  it('a link with filters reproduces the view: label, window kind and status', async () => {
    const { overview } = await openOverview({}, 'label=team%3Dpayments&window=rolling');
    expect(await overview.rowIds()).toEqual(['checkout-by-pod']);
    const { overview: o2 } = await openOverview({}, 'window=calendar&window=fixed&status=noData&status=invalid');
    expect(await o2.rowIds()).toEqual(['search-nodata']);
    expect(await o2.invalidSlos()).toHaveLength(1);
    const chips = await o2.statusChips();
    expect(chips.filter((c) => c.pressed).map((c) => c.status)).toEqual(['noData', 'invalid']);
  });

  it('a grouped SLO shows its worst group and folds a row per group, expanded on demand', async () => {
    const { overview } = await openOverview({}, 'search=by-pod');
    const [row] = await overview.rows();
    expect(row.id).toBe('checkout-by-pod');
    const toggle = overview.groupsToggle('checkout-by-pod');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await overview.groupRows('checkout-by-pod')).toEqual([]);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const groups = await overview.groupRows('checkout-by-pod');
    expect(groups.map((g) => g.group)).toEqual(['instance="pod-a"', 'instance="pod-b"']);
    // The SLO's row shows the worst group's figure.
    expect(row.remaining).toBe(Math.min(...groups.map((g) => g.remaining!)));
    expect(row.text).toMatch(/worst of 2/);
  });

  it('reads stale, not healthy, when the newest samples are older than the staleness limit', async () => {
    const { overview } = await openOverview({ now: IN_GAP }, 'search=q-utc');
    const [row] = await overview.rows();
    expect(row.id).toBe('checkout-q-utc');
    expect(row.remaining).toBeGreaterThan(0);
    expect([row.state, row.statusText]).toEqual(['stale', 'Stale']);
    expect(row.diagnostics).toContain('stale');
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
