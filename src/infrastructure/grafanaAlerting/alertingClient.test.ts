// The client against the browser host's fake of Grafana's alerting endpoints (the same handlers and schema the browser
// tests use: Grafana is the one thing faked).
import { alertRuleRoutes, type AlertingFake } from '../../../tests/browser/host/grafana/alertRules';
import { ruleProblems } from '../../../tests/browser/host/grafana/alertingSchema';
import { folderRoutes, HOST_FOLDERS } from '../../../tests/browser/host/grafana/folders';
import { grafanaRulesStateRoutes } from '../../../tests/browser/host/grafana/grafanaRulesState';
import type { Route } from '../../../tests/browser/host/grafana/http';
import { ruleGroupRoutes } from '../../../tests/browser/host/grafana/ruleGroups';
import { grafanaAlertRules, sloRuleUidPrefix } from '../../rules/grafanaRules';
import { parseSloDocument, type SloSpec } from '../../slo';
import {
  deleteSloAlertRules,
  GrafanaAlertingError,
  listFolders,
  sloAlertRules,
  upsertSloRuleGroup,
} from './alertingClient';
import type { AlertingHttp } from './alertingHttp';
import { grafanaFiringAlerts } from './firingAlerts';

function spec(id: string): SloSpec {
  const { file, errors } = parseSloDocument(`apiVersion: burndown/v1
slos:
  - id: ${id}
    name: ${id} availability
    indicator: {ratio: {bad: 'req_total{code="500"}', total: req_total}}
    objective: 99.9%
    window: {rolling: 30d}
    alerting: {page: true, ticket: true}
`);
  if (!file) {
    throw new Error(errors.map((e) => e.message).join('\n'));
  }
  return file.slos[0];
}

function fakeGrafana(mayWrite = true): { fake: AlertingFake; http: AlertingHttp; calls: string[] } {
  const fake: AlertingFake = {
    folders: HOST_FOLDERS,
    rules: new Map(),
    groups: new Map(),
    firing: new Set(),
    mayWrite: () => mayWrite,
    now: () => Date.parse('2026-08-13T11:00:00Z'),
  };
  const routes: Route[] = [
    ...folderRoutes(fake.folders),
    ...alertRuleRoutes(fake),
    ...ruleGroupRoutes(fake),
    ...grafanaRulesStateRoutes(fake),
  ];
  const calls: string[] = [];
  const http: AlertingHttp = {
    async request(method, path, body, headers) {
      calls.push(`${method} ${path}`);
      for (const r of routes) {
        const m = typeof r.path === 'string' ? (r.path === path ? [] : null) : r.path.exec(path)?.slice(1) ?? null;
        if (r.method === method && m) {
          // JSON round trip: what travels over HTTP
          const sent = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
          return r.handle(sent, { path, params: m.map(decodeURIComponent), headers: headers ?? {} });
        }
      }
      return { status: 404, data: { message: 'not found' } };
    },
  };
  return { fake, http, calls };
}

const api = spec('api');
const target = { folderUid: 'slo-alerts', ruleGroup: 'burndown', datasourceUid: 'prom' };

describe('Grafana alerting client', () => {
  it('lists folders', async () => {
    const { http } = fakeGrafana();
    expect(await listFolders(http)).toEqual(HOST_FOLDERS);
  });

  it('creates the rules once, then updates them: never a duplicate', async () => {
    const { fake, http } = fakeGrafana();
    const first = await upsertSloRuleGroup(http, api, target);
    expect(first.action).toBe('created');
    expect(fake.rules.size).toBe(5);
    const expected = grafanaAlertRules(api, target).map((r) => r.uid);
    expect([...fake.rules.keys()].sort()).toEqual([...expected].sort());
    expect(fake.rules.get(expected[0])).toMatchObject({ ...grafanaAlertRules(api, target)[0], provenance: 'api' });
    const second = await upsertSloRuleGroup(http, api, target);
    expect(second.action).toBe('updated');
    expect(fake.rules.size).toBe(5);
  });

  it('keeps the other rules of a shared group and of other SLOs', async () => {
    const { fake, http } = fakeGrafana();
    await upsertSloRuleGroup(http, spec('checkout'), target);
    await upsertSloRuleGroup(http, api, target);
    await upsertSloRuleGroup(http, api, target);
    expect(fake.rules.size).toBe(10);
    expect(await deleteSloAlertRules(http, 'api')).toBe(5);
    expect([...fake.rules.keys()].every((uid) => uid.startsWith(sloRuleUidPrefix('checkout')))).toBe(true);
    expect(await deleteSloAlertRules(http, 'api')).toBe(0);
  });

  it('moves the rules when another folder is chosen', async () => {
    const { fake, http } = fakeGrafana();
    await upsertSloRuleGroup(http, api, target);
    const moved = await upsertSloRuleGroup(http, api, { ...target, folderUid: 'platform', ruleGroup: 'slos' });
    expect(moved).toMatchObject({ action: 'updated', moved: 5 });
    expect([...fake.rules.values()].map((r) => `${r.folderUID}/${r.ruleGroup}`)).toEqual(
      Array(5).fill('platform/slos')
    );
    expect((await sloAlertRules(http, 'api')).length).toBe(5);
  });

  it("passes Grafana's validation message on verbatim", async () => {
    const { fake, http } = fakeGrafana();
    await expect(upsertSloRuleGroup(http, api, { ...target, intervalSeconds: 15 })).rejects.toThrow(
      'HTTP 400 from PUT /api/v1/provisioning/folder/slo-alerts/rule-groups/burndown: interval (15) should be non-zero and divided exactly by scheduler interval: 10'
    );
    expect(fake.rules.size).toBe(0);
    await expect(upsertSloRuleGroup(http, api, { ...target, folderUid: 'nope' })).rejects.toThrow(
      'HTTP 404 from PUT /api/v1/provisioning/folder/nope/rule-groups/burndown: folder nope not found'
    );
  });

  it('reports a 403 for a user without alert.provisioning:write', async () => {
    const { http } = fakeGrafana(false);
    const e = await upsertSloRuleGroup(http, api, target).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GrafanaAlertingError);
    expect((e as GrafanaAlertingError).status).toBe(403);
    expect((e as Error).message).toContain('Permissions needed: alert.provisioning:write');
  });

  it("reads the SLO's firing Grafana-managed alerts only", async () => {
    const { fake, http } = fakeGrafana();
    await upsertSloRuleGroup(http, api, target);
    await upsertSloRuleGroup(http, spec('checkout'), target);
    expect(await grafanaFiringAlerts(http, 'api')).toEqual([]);
    const page = grafanaAlertRules(api, target)[0];
    fake.firing.add(page.uid);
    fake.firing.add(grafanaAlertRules(spec('checkout'), target)[0].uid);
    const firing = await grafanaFiringAlerts(http, 'api');
    expect(firing).toHaveLength(1);
    expect(firing[0]).toMatchObject({
      source: 'grafana',
      name: page.title,
      severity: 'page',
      since: Date.parse('2026-08-13T10:50:00Z'),
    });
  });
});

describe('the fake answers the single-rule endpoints as Grafana does', () => {
  it('201 on POST, 409 on a second POST of the uid, 404 for unknown uids, provenance kept', async () => {
    const { fake, http } = fakeGrafana();
    const [rule] = grafanaAlertRules(api, target);
    expect((await http.request('POST', '/api/v1/provisioning/alert-rules', rule)).status).toBe(201);
    const again = await http.request('POST', '/api/v1/provisioning/alert-rules', rule);
    expect(again).toEqual({
      status: 409,
      data: { message: `failed to insert alert rule: a rule with UID ${rule.uid} already exists`, traceID: '' },
    });
    expect((await http.request('GET', `/api/v1/provisioning/alert-rules/${rule.uid}`)).data).toMatchObject({
      provenance: 'api',
    });
    expect((await http.request('PUT', '/api/v1/provisioning/alert-rules/unknown', rule)).status).toBe(404);
    const editable = await http.request('PUT', `/api/v1/provisioning/alert-rules/${rule.uid}`, rule, {
      'X-Disable-Provenance': 'true',
    });
    expect(editable.status).toBe(400);
    expect((editable.data as { message: string }).message).toContain("cannot change provenance from 'api' to ''");
    const bad = await http.request('PUT', `/api/v1/provisioning/alert-rules/${rule.uid}`, { ...rule, for: '1 hour' });
    expect(bad.status).toBe(400);
    expect((await http.request('PUT', `/api/v1/provisioning/alert-rules/${rule.uid}`, rule)).status).toBe(200);
    expect((await http.request('DELETE', `/api/v1/provisioning/alert-rules/${rule.uid}`)).status).toBe(204);
    expect((await http.request('DELETE', `/api/v1/provisioning/alert-rules/${rule.uid}`)).status).toBe(404);
    expect(fake.rules.size).toBe(0);
  });

  it('a rule posted with X-Disable-Provenance is editable ("")', async () => {
    const { fake, http } = fakeGrafana();
    const [rule] = grafanaAlertRules(api, target);
    await http.request('POST', '/api/v1/provisioning/alert-rules', rule, { 'X-Disable-Provenance': 'true' });
    expect(fake.rules.get(rule.uid)?.provenance).toBe('');
  });
});

describe('the fake refuses what Grafana refuses (alertingSchema)', () => {
  const rule = () => JSON.parse(JSON.stringify(grafanaAlertRules(api, target)[0])) as Record<string, unknown>;

  it('takes the generated rule', () => {
    expect(ruleProblems(rule())).toEqual([]);
  });

  it.each([
    [{ noDataState: 'No Data' }, 'unknown NoData state option No Data'],
    [{ execErrState: 'Err' }, 'unknown Exec Error state option Err'],
    [{ for: '5 minutes' }, 'for: not a valid duration string: "5 minutes"'],
    [{ for: undefined }, 'for: not a valid duration string: undefined'],
    [{ condition: 'Z' }, 'condition Z does not exist, must be one of [A B D]'],
    [{ uid: 'has space' }, 'UID contains invalid characters or is too long'],
    [{ uid: 'x'.repeat(41) }, 'UID contains invalid characters or is too long'],
    [{ title: '' }, 'title is required'],
    [{ labels: { a: 1 } }, 'labels must be a map of strings'],
    [{ data: [] }, 'no queries or expressions are found'],
    [{ colour: 'red' }, 'unknown field "colour" in the rule'],
  ])('refuses %j', (change, message) => {
    expect(ruleProblems({ ...rule(), ...change }).join('; ')).toContain(message);
  });

  it('refuses an expression that reads a refId the rule lacks, and duplicate refIds', () => {
    const r = rule();
    const data = r.data as Array<Record<string, unknown>>;
    expect(ruleProblems({ ...r, data: [data[0], data[2]] }).join('; ')).toContain(
      'D: expression reads B, which is not a refId of this rule'
    );
    expect(ruleProblems({ ...r, data: [data[0], data[0], data[1], data[2]] })).toContain('duplicate refId A');
  });
});
