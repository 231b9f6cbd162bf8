// The detail page's Alerts tab (/a/burndown-slo-app/slos/<id>?tab=alerts) in Chromium. Grafana's alerting endpoints
// are the browser host's fake (tests/browser/host/grafana/alertRules.ts, ruleGroups.ts, folders.ts,
// grafanaRulesState.ts), which checks every body against the documented schema (alertingSchema.ts); the data source is
// the real Prometheus with the generator's scenario.
//
// Firing Prometheus-rule alerts: the tab queries ALERTS{alertstate="firing", slo="<id>"} through /api/ds/query, and the
// real Prometheus answers. It answers an empty vector, and can only: the scenario's data lie in 2026-05..10 and the
// page's clock is pinned inside them, while Prometheus evaluates alerting rules only at its own wall-clock time, and
// `promtool tsdb create-blocks-from rules` backfills recording rules but not alerting rules (no ALERTS series). So
// no ALERTS series exists at the page's time even with the generated rules loaded; this test checks that the query
// reaches Prometheus, succeeds, and reads as "No alerts firing". Firing alerts from real rules are proven end to end
// in tests/integration/rules.alertmanager.test.ts; the listing of firing Grafana-managed alerts is checked here with
// the fake's rule state.

import { grafanaAlertRules, sloRuleUidPrefix } from '../../src/rules/grafanaRules';
import { parseSloDocument } from '../../src/slo';
import { describeInBrowser, HostBrowser, type HostRequest } from './env';
import { hostQuery } from './host/params';
import { AlertsTabPage } from './pages/AlertsTabPage';
import { ALERTS_NOW as NOW, ALERTS_SLO as SLO, ALERTS_SLO_ID as SLO_ID } from './pages/AlertsTabScenario';
import { DetailPage } from './pages/DetailPage';

/** The same SLO as the app parses it: the rule bodies the fake must hold. */
function expectedRules(folderUid: string, ruleGroup: string) {
  const { file, errors } = parseSloDocument(JSON.stringify({ apiVersion: 'burndown/v1', slos: [SLO] }));
  if (!file) {
    throw new Error(errors.map((e) => e.message).join('\n'));
  }
  return grafanaAlertRules(file.slos[0], { folderUid, ruleGroup, datasourceUid: DATASOURCE_UID });
}

/** The host's one Prometheus data source (host/grafana/dsQuery.ts: DATASOURCE_UID). */
const DATASOURCE_UID = 'prometheus';

const browser = new HostBrowser();
afterAll(() => browser.close());

async function openAlerts(req: HostRequest = {}) {
  const params = { now: NOW, slos: ['scenario-slos'], extraSlos: [SLO], ...req };
  const { page, problems } = await browser.open({ ...params, path: `/a/burndown-slo-app/slos/${SLO_ID}` });
  const { path: _p, ...host } = params as HostRequest;
  void _p;
  const alertsQueries: Array<{ status: number; body: string }> = [];
  page.on('response', async (r) => {
    if (new URL(r.url()).pathname === '/prom/api/v1/query' && (r.request().postData() ?? '').includes('ALERTS%7B')) {
      alertsQueries.push({ status: r.status(), body: await r.text().catch(() => '') });
    }
  });
  await page.goto(`${browser.hostUrl}/a/burndown-slo-app/slos/${SLO_ID}${hostQuery(host)}&tab=alerts`);
  const detail = await new DetailPage(page).settled();
  const alerts = await new AlertsTabPage(page).settled();
  return { page, detail, alerts, problems, alertsQueries };
}

describeInBrowser('app: the Alerts tab', () => {
  it('creates the Grafana rules in the chosen folder, updates them without duplicates, deletes them', async () => {
    const { alerts, problems } = await openAlerts();
    expect(await alerts.rulesCount()).toBe(0);
    expect(await alerts.writeAction()).toBe('create');

    await alerts.chooseFolder('Platform');
    await alerts.setGroup('slo-burn');
    const created = await alerts.write();
    const want = expectedRules('platform', 'slo-burn');
    process.stdout.write(`alerts: created -> ${created.text}\n`);
    expect(created.kind).toBe('success');
    expect(created.text).toContain(`Created ${want.length} Grafana alert rules in Platform / slo-burn`);
    let held = await alerts.fakeRules();
    expect(want).toHaveLength(5); // 4 burn-rate tiers (3d fits the 7-day window) and the absent-data rule
    expect(held.map((r) => r.uid).sort()).toEqual(want.map((r) => r.uid).sort());
    expect(held.every((r) => r.uid.startsWith(sloRuleUidPrefix(SLO_ID)))).toBe(true);
    for (const rule of want) {
      expect(held.find((r) => r.uid === rule.uid)).toEqual({
        ...rule,
        provenance: 'api',
        updated: expect.any(String),
      });
    }
    expect(await alerts.rulesCount()).toBe(5);
    expect(await alerts.location()).toBe('platform/slo-burn');
    expect(await alerts.writeAction()).toBe('update');

    const updated = await alerts.write();
    expect(updated.kind).toBe('success');
    expect(updated.text).toContain('Updated 5 Grafana alert rules in Platform / slo-burn');
    held = await alerts.fakeRules();
    expect(held).toHaveLength(5);
    expect(held.map((r) => r.uid).sort()).toEqual(want.map((r) => r.uid).sort());

    const deleted = await alerts.delete();
    expect(deleted).toMatchObject({ kind: 'success' });
    expect(deleted.text).toContain('Deleted 5 Grafana alert rules.');
    expect(await alerts.fakeRules()).toEqual([]);
    expect(await alerts.rulesCount()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("shows Grafana's validation message verbatim and stores nothing", async () => {
    const { alerts } = await openAlerts();
    await alerts.setGroup('g'.repeat(200));
    const refused = await alerts.write();
    process.stdout.write(`alerts: refused -> ${refused.text}\n`);
    expect(refused.kind).toBe('error');
    expect(refused.text).toContain('HTTP 400 from PUT /api/v1/provisioning/folder/slo-alerts/rule-groups/');
    expect(refused.text).toContain('invalid rule specification at index [0]: ruleGroup is longer than 190 characters');
    expect(await alerts.fakeRules()).toEqual([]);
  });

  it('lists firing alerts: Prometheus ALERTS from the real Prometheus, Grafana-managed ones from Grafana', async () => {
    const { page, alerts, alertsQueries } = await openAlerts();
    expect(await alerts.firingState()).toBe('done');
    expect(await alerts.firingText()).toContain('No alerts firing');
    // the ALERTS query reached the real Prometheus and was answered: success, an empty vector
    expect(alertsQueries.length).toBeGreaterThanOrEqual(1);
    for (const q of alertsQueries) {
      expect(q.status).toBe(200);
      expect(JSON.parse(q.body)).toMatchObject({ status: 'success', data: { resultType: 'vector', result: [] } });
    }

    await alerts.write();
    const page1h = expectedRules('slo-alerts', 'burndown-slos')[0];
    await alerts.fakeFiring(page1h.uid);
    // leave the tab and come back: it reads the firing alerts again
    await page.locator('[data-testid="burndown-detail-tab"][data-tab="definition"]').click();
    await alerts.open();
    const rows = await alerts.firing();
    process.stdout.write(`alerts: firing rows ${JSON.stringify(rows)}\n`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'grafana', name: page1h.title, severity: 'page' });
    expect(rows[0].text).toContain('since 2026-08-12 11:50 UTC');
  });

  it('shows the rules YAML with a download, and the active policy level with its actions and exceptions', async () => {
    const { alerts } = await openAlerts();
    const yaml = await alerts.yaml();
    expect(yaml).toContain(`name: burndown-slo-${SLO_ID}`);
    expect(yaml).toContain('alert: BurndownErrorBudgetBurn');
    const file = await alerts.downloadRules();
    expect(file.name).toBe(`${SLO_ID}-rules.yaml`);
    expect(file.text.trim()).toBe(yaml.trim());
    const policy = await alerts.policy();
    process.stdout.write(`alerts: policy -> ${policy}\n`);
    expect(policy).toMatch(
      /^Feature freeze: 24\.3% left, below 25%: freeze non-critical releases; exceptions: security-fix, sev1-remediation/
    );
  });

  it('a viewer sees the rules but no create or delete control', async () => {
    const { alerts } = await openAlerts({ role: 'Viewer' });
    expect(await alerts.canWrite()).toBe(false);
    expect(await alerts.root.innerText()).toContain('needs the alert.provisioning:write permission');
    expect(await alerts.yaml()).toContain('BurndownErrorBudgetBurn');
  });
});
