// Faked rule groups of Grafana's alerting provisioning HTTP API
// (https://grafana.com/docs/grafana/latest/developers/http_api/alerting_provisioning/, "Get a rule group" and
// "Update the interval of a rule group", which takes the whole AlertRuleGroup {title, folderUid, interval, rules}):
//   GET /api/v1/provisioning/folder/{folderUid}/rule-groups/{group}   200 AlertRuleGroup, 404 no such group
//   PUT /api/v1/provisioning/folder/{folderUid}/rule-groups/{group}   200 the group as stored, 400, 403
// A PUT replaces the group: rules of the group missing from the body are deleted, rules with a known uid are updated,
// others created. A uid that lives in another folder or group is refused (400): the rule must be deleted there first.
// Bodies are checked against alertingSchema.ts; provenance as in alertRules.ts.
import type { Route } from './http';
import { ruleGroupProblems } from './alertingSchema';
import {
  type AlertingFake,
  grafanaError,
  groupKey,
  provenanceOf,
  provenanceProblem,
  store,
  writer,
} from './alertRules';

const PATH = /^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/;

function groupOf(fake: AlertingFake, folderUid: string, group: string) {
  const rules = [...fake.rules.values()].filter((r) => r.folderUID === folderUid && r.ruleGroup === group);
  return { title: group, folderUid, interval: fake.groups.get(groupKey(folderUid, group)) ?? 60, rules };
}

export function ruleGroupRoutes(fake: AlertingFake): Route[] {
  return [
    {
      method: 'GET',
      path: PATH,
      handle: (_b, req) => {
        const [folderUid, group] = req.params;
        const g = groupOf(fake, folderUid, group);
        return g.rules.length > 0 ? { status: 200, data: g } : grafanaError(404, 'rule group does not exist');
      },
    },
    {
      method: 'PUT',
      path: PATH,
      handle: writer(fake, (body, req) => {
        const [folderUid, group] = req.params;
        if (!fake.folders.some((f) => f.uid === folderUid)) {
          return grafanaError(404, `folder ${folderUid} not found`);
        }
        const problems = ruleGroupProblems(body, folderUid, group);
        const b = body as { interval: number; rules: Array<Record<string, unknown> & { uid?: string }> };
        const provenance = provenanceOf(req);
        if (problems.length === 0) {
          b.rules.forEach((r, i) => {
            const stored = r.uid ? fake.rules.get(r.uid) : undefined;
            if (stored && (stored.folderUID !== folderUid || stored.ruleGroup !== group)) {
              problems.push(
                `invalid rule specification at index [${i}]: rule ${r.uid} belongs to group ${stored.ruleGroup} in folder ${stored.folderUID}`
              );
            }
            const p = provenanceProblem(stored, provenance);
            if (p) {
              problems.push(p);
            }
          });
        }
        if (problems.length > 0) {
          return grafanaError(400, problems.join('; '));
        }
        const keep = new Set(b.rules.map((r) => r.uid).filter(Boolean));
        for (const r of groupOf(fake, folderUid, group).rules) {
          if (!keep.has(r.uid)) {
            fake.rules.delete(r.uid);
          }
        }
        fake.groups.set(groupKey(folderUid, group), b.interval);
        b.rules.forEach((r, i) => store(fake, { ...r, uid: r.uid || `${group}-${i}-${Date.now()}` }, provenance));
        return { status: 200, data: groupOf(fake, folderUid, group) };
      }),
    },
  ];
}
