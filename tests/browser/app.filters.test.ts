// The overview's filter comboboxes (src/pages/Overview/ui/OverviewFilters.tsx, Grafana's MultiCombobox and Combobox)
// driven as a user does: type, Enter. Each choice lands in the URL and filters the rows; the label filter takes a
// typed key=value; the sort combobox shows its choice. Data: the generator's scenario in the real Prometheus.

import { describeInBrowser, HostBrowser } from './env';
import { OverviewPage } from './pages/OverviewPage';
import { OVERVIEW_EXTRA_SLOS } from './scenarios';

const NOW = '2026-08-13T11:00:00Z';

const browser = new HostBrowser();
afterAll(() => browser.close());

describeInBrowser('app: the overview filter comboboxes', () => {
  it('filters by service, window kind and a typed label; sorts; all in the URL', async () => {
    const { page, problems } = await browser.open({
      now: NOW,
      slos: ['scenario-slos'],
      extraSlos: OVERVIEW_EXTRA_SLOS,
      path: '/a/burndown-slo-app/slos',
    });
    const overview = await new OverviewPage(page).settled();
    const all = await overview.rowIds();
    expect(all).toEqual(expect.arrayContaining(['search-nodata', 'checkout-by-pod', 'checkout-rolling']));

    await overview.filterBy('serviceFilter', ['search']);
    await page.waitForURL(/[?&]service=search/);
    expect(await overview.rowIds()).toEqual(['search-nodata']);
    await overview.filterBy('serviceFilter', ['checkout']);
    await page.waitForURL(/[?&]service=search&service=checkout/);
    expect((await overview.rowIds()).sort()).toEqual([...all].sort());

    await overview.filterBy('windowFilter', ['Rolling']);
    await page.waitForURL(/[?&]window=rolling/);
    const rolling = await overview.rowIds();
    expect(rolling).toContain('checkout-rolling');
    expect(rolling).not.toContain('checkout-month');

    await overview.filterBy('labelFilter', ['team=payments']);
    await page.waitForURL(/[?&]label=team%3Dpayments/);
    expect(await overview.rowIds()).toEqual(['checkout-by-pod']);

    await overview.sortBy('Name (Z-A)');
    await page.waitForURL(/[?&]sort=name-desc/);
    expect(await overview.sortText()).toBe('Name (Z-A)');
    expect(overview.appParams()).toEqual({
      service: ['search', 'checkout'],
      window: ['rolling'],
      label: ['team=payments'],
      sort: ['name-desc'],
    });
    expect(problems).toEqual([]);
  });
});
