// "Delete SLO" on the detail page (src/pages/Editor/ui/EditorLinks.tsx) in Chromium. The settings are the browser
// host's fake plugin settings endpoint (host/grafana/pluginSettings.ts); Grafana's alert rules are the fake of the
// alerting provisioning API (host/grafana/alertRules.ts), which checks bodies against the documented schema and
// answers DELETE /api/v1/provisioning/alert-rules/{uid} with 204 or 404. The data source is the real Prometheus with
// the generator's scenario. Cancel changes nothing; "Also delete its Grafana-managed alert rules" removes exactly
// this SLO's rules and keeps another SLO's; without it the rules stay and the page says so. Viewers and provisioned
// settings get no Delete (also in app.editor.test.ts).

import type { Page } from 'playwright-core';

import { grafanaAlertRules, sloRuleUidPrefix } from '../../src/rules/grafanaRules';
import { parseSloDocument } from '../../src/slo';
import { pageTestIds } from '../../src/shared/testIds';
import { describeInBrowser, HostBrowser, type HostRequest } from './env';
import { AlertsTabPage } from './pages/AlertsTabPage';
import { ALERTS_NOW as NOW, ALERTS_SLO as SLO, ALERTS_SLO_ID as SLO_ID } from './pages/AlertsTabScenario';
import { DeleteSloDialog } from './pages/DeleteSloDialog';
import { DetailPage } from './pages/DetailPage';
import { OverviewPage } from './pages/OverviewPage';

const SETTINGS = '/api/plugins/burndown-slo-app/settings';
const RULES = '/api/v1/provisioning/alert-rules';
/** A second SLO whose Grafana rules must survive the first one's delete. */
const OTHER = { ...SLO, id: 'checkout-outage-week-b', name: 'Checkout, the same week, second copy' };

const browser = new HostBrowser();
afterAll(() => browser.close());

/** The Grafana rule bodies of an SLO as the app builds them (host/grafana/dsQuery.ts: DATASOURCE_UID "prometheus"). */
function rulesOf(raw: typeof SLO) {
  const { file, errors } = parseSloDocument(JSON.stringify({ apiVersion: 'burndown/v1', slos: [raw] }));
  if (!file) {
    throw new Error(errors.map((e) => e.message).join('\n'));
  }
  return grafanaAlertRules(file.slos[0], {
    folderUid: 'slo-alerts',
    ruleGroup: 'burndown-slos',
    datasourceUid: 'prometheus',
  });
}

async function openDetail(req: HostRequest = {}) {
  const { page, problems } = await browser.open({
    now: NOW,
    slos: ['scenario-slos'],
    extraSlos: [SLO, OTHER],
    path: `/a/burndown-slo-app/slos/${SLO_ID}`,
    ...req,
  });
  await new DetailPage(page).settled();
  return { page, problems, dialog: new DeleteSloDialog(page) };
}

/** The ids of the SLOs in the stored settings, read through the fake's GET as the app reads them. */
async function storedIds(page: Page): Promise<string[]> {
  return page.evaluate(async (url) => {
    const s = await window.__burndownHost__!.backendSrv.get<{ jsonData: { slos: Array<{ id: string }> } }>(url);
    return s.jsonData.slos.map((e) => e.id);
  }, SETTINGS);
}

/** Creates this SLO's rules on the Alerts tab (the app's own way) and the other SLO's through the documented POST. */
async function createRules(page: Page): Promise<{ mine: string[]; other: string[] }> {
  const alerts = await new AlertsTabPage(page).open();
  const created = await alerts.write();
  expect(created.kind).toBe('success');
  const other = rulesOf(OTHER);
  await page.evaluate(
    async ({ url, bodies }) => {
      for (const b of bodies) {
        await window.__burndownHost__!.backendSrv.post(url, b);
      }
    },
    { url: RULES, bodies: other }
  );
  const held = (await alerts.fakeRules()).map((r) => r.uid);
  const mine = held.filter((u) => u.startsWith(sloRuleUidPrefix(SLO_ID)));
  expect(mine.sort()).toEqual(
    rulesOf(SLO)
      .map((r) => r.uid)
      .sort()
  );
  expect(held.filter((u) => u.startsWith(sloRuleUidPrefix(OTHER.id)))).toHaveLength(other.length);
  return { mine, other: other.map((r) => r.uid) };
}

async function requestsSince(page: Page, n: number) {
  return page.evaluate((from) => (window.__burndownRequests__ ?? []).slice(from), n);
}

const requestCount = (page: Page) => page.evaluate(() => window.__burndownRequests__?.length ?? 0);

describeInBrowser('app: delete an SLO', () => {
  it('cancel changes nothing; confirming with its alert rules deletes exactly them, and the overview drops it', async () => {
    const { page, dialog, problems } = await openDetail();
    const { mine, other } = await createRules(page);
    expect(mine).toHaveLength(5);
    const alerts = new AlertsTabPage(page);
    const before = await storedIds(page);
    expect(before).toContain(SLO_ID);

    const n0 = await requestCount(page);
    expect(await dialog.open()).toBe(`Delete SLO ${SLO_ID}?`);
    expect(await dialog.rulesCheckbox.isChecked()).toBe(true);
    await dialog.cancel();
    expect(await requestsSince(page, n0)).toEqual([]);
    expect(await storedIds(page)).toEqual(before);
    expect((await alerts.fakeRules()).length).toBe(10);

    await dialog.open();
    const n1 = await requestCount(page);
    await dialog.confirm();
    await page.waitForURL(/\/a\/burndown-slo-app\/slos(\?|$)/);
    const sent = await requestsSince(page, n1);
    process.stdout.write(`delete with rules: ${JSON.stringify(sent.map((r) => `${r.method} ${r.url} ${r.status}`))}\n`);
    // The settings are written once, without the SLO (a fresh GET, then one POST of the whole jsonData), before any
    // rule is touched; the overview's own read follows.
    const settingsPost = sent.findIndex((r) => r.method === 'POST' && r.url.startsWith(SETTINGS));
    expect(sent.filter((r) => r.method === 'POST' && r.url.startsWith(SETTINGS))).toHaveLength(1);
    expect(sent[settingsPost - 1]).toMatchObject({ method: 'GET', url: SETTINGS, status: 200 });
    expect(sent[settingsPost].status).toBe(200);
    expect(sent.findIndex((r) => r.url.startsWith(RULES))).toBeGreaterThan(settingsPost);
    // Then the rules: one list, and one documented DELETE per rule of this SLO, each answered 204.
    const deletes = sent.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.url).sort()).toEqual(mine.map((u) => `${RULES}/${u}`).sort());
    expect(deletes.every((r) => r.status === 204)).toBe(true);
    expect(sent.filter((r) => r.status >= 400)).toEqual([]);
    expect(await storedIds(page)).toEqual(before.filter((id) => id !== SLO_ID));
    expect((await alerts.fakeRules()).map((r) => r.uid).sort()).toEqual([...other].sort());

    const overview = await new OverviewPage(page).settled();
    const rows = await overview.rowIds();
    expect(rows).not.toContain(SLO_ID);
    expect(rows).toContain(OTHER.id);
    expect(problems).toEqual([]);
  });

  it('without its alert rules: the SLO goes, the rules stay, and the page says so', async () => {
    const { page, dialog, problems } = await openDetail();
    const { mine, other } = await createRules(page);
    const before = await storedIds(page);
    await dialog.open();
    await dialog.alsoDeleteRules(false);
    const n1 = await requestCount(page);
    await dialog.confirm();
    const notice = await dialog.deletedNotice();
    process.stdout.write(`delete without rules: ${notice.text.replace(/\s+/g, ' ')}\n`);
    expect(notice.rulesKept).toBe('true');
    expect(notice.text).toContain(`SLO "${SLO_ID}" is deleted`);
    expect(notice.text).toContain('alert rules were kept');
    expect(notice.text).toContain(sloRuleUidPrefix(SLO_ID));
    const sent = await requestsSince(page, n1);
    expect(sent.filter((r) => r.url.startsWith(RULES))).toEqual([]);
    expect(await storedIds(page)).toEqual(before.filter((id) => id !== SLO_ID));
    const held = (await new AlertsTabPage(page).fakeRules()).map((r) => r.uid).sort();
    expect(held).toEqual([...mine, ...other].sort());
    expect(await page.getByTestId(pageTestIds.editorLinks.delete).count()).toBe(0);

    await page.getByRole('link', { name: 'Back to the overview' }).click();
    const rows = await (await new OverviewPage(page).settled()).rowIds();
    expect(rows).not.toContain(SLO_ID);
    expect(rows).toContain(OTHER.id);
    expect(problems).toEqual([]);
  });

  it('offers no Delete to a viewer or on provisioned settings', async () => {
    for (const req of [{ role: 'Viewer' }, { jsonData: { provisioned: true } }] as HostRequest[]) {
      const { page, dialog } = await openDetail(req);
      expect(await page.getByTestId(pageTestIds.editorLinks.edit).count()).toBe(0);
      expect(await dialog.button.count()).toBe(0);
      await page.close();
    }
  });
});
