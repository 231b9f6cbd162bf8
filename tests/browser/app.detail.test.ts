// The SLO detail page (a Scenes drilldown of the overview, /a/burndown-slo-app/slos/<id>) in Chromium against the real
// Prometheus holding the generator's scenario behind the faked /api/ds/query. The figures of a complete past month
// equal the exact truth (tests/integration/truth.ts, docs/semantics.md section 9); the previous periods say met or
// missed as the truth does; the episodes table lists the scenario's incidents (docs/semantics.md section 4, Episodes);
// the URL restores period and tab; the definition tab shows the SLO's YAML; an unknown id says so with a link back.

import { countsOver, figuresFor, iso, scenario, sloById } from '../integration/truth';
import { describeInBrowser, HostBrowser, type HostRequest } from './env';
import { hostQuery } from './host/params';
import { DetailPage } from './pages/DetailPage';

const NOW = '2026-10-15T12:00:00Z';
const BASE = '/a/burndown-slo-app/slos';
const Z = (s: string) => Date.parse(s);

/** The monthly fixture's counters at a tighter objective, appended to the app's settings (jsonData.slos). */
const TIGHT = {
  id: 'checkout-month-tight',
  name: 'Checkout availability, calendar month, 99.75%',
  service: 'checkout',
  indicator: {
    ratio: { bad: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' },
  },
  objective: '99.75%',
  window: { calendar: { unit: 'month' } },
};

const browser = new HostBrowser();
afterAll(() => browser.close());

/** Opens `path` (with the app's own query, if any, after the host's parameters). */
async function openDetail(path: string, req: HostRequest = {}): Promise<{ detail: DetailPage; problems: string[] }> {
  const [bare, appQuery] = path.split('?');
  const params = { now: NOW, slos: ['scenario-slos'], ...req };
  const { page, problems } = await browser.open({ ...params, path: bare });
  if (appQuery) {
    // HostBrowser.open appends the host's query to the path; the app's keys follow it.
    const { path: _p, ...host } = params as HostRequest;
    void _p;
    await page.goto(`${browser.hostUrl}${bare}${hostQuery(host)}&${appQuery}`);
  }
  const detail = new DetailPage(page);
  try {
    await detail.settled();
  } catch (e) {
    throw new Error(`${(e as Error).message}\npage problems:\n${problems.join('\n')}`);
  }
  return { detail, problems };
}

/** The truth of a complete period (start, end] of a fixture SLO. */
function periodTruth(id: string, start: number, end: number) {
  const slo = sloById(id);
  return figuresFor(slo, countsOver(start, end, slo.exclusions));
}

describeInBrowser('app: SLO detail page', () => {
  it('shows a complete past month with the figures of the exact truth', async () => {
    const { detail, problems } = await openDetail(`${BASE}/checkout-month?period=2026-08-01T00:00:00Z`);
    expect(await detail.state()).toBe('done');
    expect(await detail.periodLabel()).toBe('2026-08');
    const want = periodTruth('checkout-month', Z('2026-08-01T00:00:00Z'), Z('2026-09-01T00:00:00Z'));
    const left = await detail.figure('budgetLeft');
    const sli = await detail.figure('sli');
    process.stdout.write(
      `detail 2026-08: budget left ${left} (truth ${want.remaining}), SLI ${sli} (truth ${want.sli})\n`
    );
    expect(Math.abs(left! - want.remaining)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(sli! - want.sli!)).toBeLessThanOrEqual(1e-9);
    const charts = await detail.charts();
    expect(charts.map((c) => c.kind)).toEqual(['burndown', 'sli', 'burnRate', 'cumulative']);
    expect(charts.every((c) => c.points > 100)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('shows the previous months as met or missed, with final SLI and budget used as the truth has them', async () => {
    // The monthly fixture meets 99.5% every month; the same counters at 99.75% miss June, August and September.
    const tight = { ...sloById('checkout-month'), id: TIGHT.id, objective: 0.9975 };
    const { detail } = await openDetail(`${BASE}/${TIGHT.id}`, { extraSlos: [TIGHT] });
    await detail.previousSettled();
    const cards = await detail.previous();
    expect(cards.map((c) => iso(c.start))).toEqual([
      '2026-09-01T00:00:00Z',
      '2026-08-01T00:00:00Z',
      '2026-07-01T00:00:00Z',
      '2026-06-01T00:00:00Z',
      '2026-05-01T00:00:00Z',
      '2026-04-01T00:00:00Z',
    ]);
    const verdicts: string[] = [];
    for (const c of cards) {
      if (c.end <= scenario.startMs) {
        // Before the scenario's data: no data, never "met".
        expect(c.met).toBeNull();
        expect(c.text).toMatch(/No data/);
        continue;
      }
      const want = figuresFor(tight, countsOver(Math.max(c.start, scenario.startMs), c.end, []));
      expect(c.met).toBe(want.remaining >= 0);
      expect(c.text).toMatch(want.remaining >= 0 ? /Met/ : /Missed/);
      expect(Math.abs(c.sli! - want.sli!)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(c.consumed! - (1 - want.remaining))).toBeLessThanOrEqual(1e-6);
      verdicts.push(
        `${iso(c.start).slice(0, 7)} ${c.met ? 'met' : 'missed'} (used ${(100 * c.consumed!).toFixed(1)}%)`
      );
    }
    process.stdout.write(`previous months at 99.75%: ${verdicts.join(', ')}\n`);
    expect(verdicts.filter((v) => v.includes('missed')).length).toBeGreaterThanOrEqual(1);
    expect(verdicts.filter((v) => v.includes(' met')).length).toBeGreaterThanOrEqual(1);
  });

  it('lists the incidents of the month as episodes, with the maintenance window, the policy changes', async () => {
    const { detail } = await openDetail(`${BASE}/checkout-month?period=2026-08-01T00:00:00Z&tab=episodes`);
    const episodes = await detail.episodes();
    const incident = scenario.incidents.find((i) => i.id === 'inc-august')!;
    const maintenance = scenario.exclusions[0];
    const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;
    // Start and end within one bucket of the incident's (docs/semantics.md section 4, Episodes).
    const bucket = await detail.step();
    expect(bucket).toBeGreaterThan(0);
    expect(episodes).toHaveLength(2);
    expect(near(episodes[0].start, maintenance.fromMs, bucket) && near(episodes[0].end, maintenance.toMs, bucket)).toBe(
      true
    );
    expect(near(episodes[1].start, incident.fromMs, bucket) && near(episodes[1].end, incident.toMs, bucket)).toBe(true);
    const month = periodTruth('checkout-month', Z('2026-08-01T00:00:00Z'), Z('2026-09-01T00:00:00Z'));
    const allowed = 0.005 * month.total;
    for (const e of episodes) {
      expect(e.share).toBeCloseTo(e.bad / allowed, 6);
    }
    process.stdout.write(
      `episodes 2026-08: ${episodes
        .map((e) => `${iso(e.start)}..${iso(e.end)} ${(100 * e.share!).toFixed(1)}%`)
        .join(', ')}\n`
    );
    expect(await detail.policyChanges()).not.toEqual([]);
  });

  it('lists an SLO’s exclusions with their reasons and leaves them out of the episodes', async () => {
    const { detail } = await openDetail(`${BASE}/checkout-excl?period=month:2026-08&tab=episodes`);
    const exclusions = await detail.exclusions();
    expect(exclusions).toHaveLength(1);
    expect(exclusions[0]).toMatch(/2026-08-05T02:00:00Z/);
    expect(exclusions[0]).toMatch(/maintenance/i);
    const episodes = await detail.episodes();
    expect(episodes.map((e) => iso(e.start).slice(0, 10))).toEqual(['2026-08-12']);
  });

  it('keeps period, tab and log scale in the URL: a previous month, the log scale and a tab survive a reload', async () => {
    const { detail } = await openDetail(`${BASE}/checkout-month`);
    await detail.previousSettled();
    await detail.choosePrevious(Z('2026-07-01T00:00:00Z'));
    await detail.page.waitForURL(/period=2026-07-01T00(%3A|:)00(%3A|:)00Z/);
    await detail.settled();
    await detail.setLogScale(true);
    await detail.page.waitForURL(/scale=log/);
    await detail.tab('definition');
    await detail.page.waitForURL(/tab=definition/);
    await detail.page.reload();
    await detail.settled();
    expect(await detail.periodLabel()).toBe('2026-07');
    expect(await detail.yaml()).toMatch(/id: checkout-month/);
    await detail.tab('budget');
    expect(await detail.logScale()).toBe(true);
    expect(new URL(detail.page.url()).searchParams.get('now')).toBe(NOW);
  });

  it('shows the definition as YAML with an Explore link on the SLO data source', async () => {
    const { detail } = await openDetail(`${BASE}/checkout-q-utc?tab=definition`);
    const yaml = await detail.yaml();
    expect(yaml).toMatch(/apiVersion: burndown\/v1/);
    expect(yaml).toMatch(/id: checkout-q-utc/);
    expect(yaml).toMatch(/objective: 99\.5%/);
    expect(yaml).toContain('http_requests_total{job="checkout",code=~"5.."}');
    const href = await detail.exploreHref();
    const panes = JSON.parse(new URL(href!, 'http://x').searchParams.get('panes')!);
    expect(panes.a.queries.map((q: { expr: string }) => q.expr)).toEqual([
      'sum(increase(http_requests_total{job="checkout",code=~"5.."}[300s]))',
      'sum(increase(http_requests_total{job="checkout"}[300s]))',
    ]);
  });

  it('says an unknown SLO id is not found, with a link back to the list', async () => {
    const { detail } = await openDetail(`${BASE}/no-such-slo`);
    expect(await detail.state()).toBe('not-found');
    expect(await detail.notFoundText()).toMatch(/no-such-slo/);
    await detail.page.getByRole('link', { name: 'Back to all SLOs' }).click();
    await detail.page.waitForURL((u) => u.pathname === BASE);
  });
});
