// Faked alert rules of Grafana's alerting provisioning HTTP API
// (https://grafana.com/docs/grafana/latest/developers/http_api/alerting_provisioning/#alert-rules):
//   GET    /api/v1/provisioning/alert-rules          200, every rule (ProvisionedAlertRules)
//   GET    /api/v1/provisioning/alert-rules/{uid}    200 ProvisionedAlertRule, 404 unknown uid
//   POST   /api/v1/provisioning/alert-rules          201 created, 400 ValidationError, 409 the uid exists
//   PUT    /api/v1/provisioning/alert-rules/{uid}    200 updated, 400, 404 unknown uid
//   DELETE /api/v1/provisioning/alert-rules/{uid}    204, 404 unknown uid
// Bodies are checked against alertingSchema.ts. Errors are Grafana's JSON {message, traceID}. Provenance as documented
// for the X-Disable-Provenance header: without it a rule written here is "api" (read-only in Grafana's UI); with it
// "" (editable); a rule that is "api" cannot be made editable by a later write ("cannot change provenance").
// Writes need the RBAC action alert.provisioning:write (Grafana's Admin role), else 403. The store is this page's
// memory, with a test hook: window.__burndownAlerting__ (rules, groups, firing).
import type { GrafanaFolder } from './folders';
import type { Handled, RequestInfo, Route } from './http';
import { ruleProblems } from './alertingSchema';

export const PROVISIONING_WRITE = 'alert.provisioning:write';

export interface StoredRule extends Record<string, unknown> {
  uid: string;
  folderUID: string;
  ruleGroup: string;
  title: string;
  provenance: string;
}

export interface AlertingFake {
  folders: GrafanaFolder[];
  rules: Map<string, StoredRule>;
  /** Evaluation interval (seconds) per `folderUid/group`. */
  groups: Map<string, number>;
  /** UIDs whose instances the rules-state endpoint reports as firing (Grafana's evaluation cannot run here). */
  firing: Set<string>;
  mayWrite(): boolean;
  now(): number;
}

export const groupKey = (folderUid: string, group: string) => `${folderUid}/${group}`;

export function grafanaError(status: number, message: string): Handled {
  return { status, data: { message, traceID: '' } };
}

export const FORBIDDEN = grafanaError(
  403,
  `You'll need additional permissions to perform this action. Permissions needed: ${PROVISIONING_WRITE}`
);

/** X-Disable-Provenance: any value makes the rule editable in Grafana's UI (provenance ""). */
export function provenanceOf(req: RequestInfo): string {
  const key = Object.keys(req.headers).find((k) => k.toLowerCase() === 'x-disable-provenance');
  return key !== undefined ? '' : 'api';
}

export function provenanceProblem(stored: StoredRule | undefined, next: string): string | undefined {
  return stored && stored.provenance === 'api' && next !== 'api'
    ? `cannot change provenance from '${stored.provenance}' to '${next}'`
    : undefined;
}

export function store(fake: AlertingFake, body: Record<string, unknown>, provenance: string): StoredRule {
  const rule = { ...body, provenance, updated: new Date(fake.now()).toISOString() } as unknown as StoredRule;
  fake.rules.set(rule.uid, rule);
  const key = groupKey(rule.folderUID, rule.ruleGroup);
  if (!fake.groups.has(key)) {
    fake.groups.set(key, 60);
  }
  return rule;
}

function folderProblem(fake: AlertingFake, folderUid: unknown): string | undefined {
  return fake.folders.some((f) => f.uid === folderUid) ? undefined : `folder ${String(folderUid)} does not exist`;
}

let generated = 0;

/** A write handler: 403 for users without alert.provisioning:write, as Grafana answers. */
export function writer(fake: AlertingFake, handle: Route['handle']): Route['handle'] {
  return (body, req) => (fake.mayWrite() ? handle(body, req) : FORBIDDEN);
}

export function alertRuleRoutes(fake: AlertingFake): Route[] {
  const one = /^\/api\/v1\/provisioning\/alert-rules\/([^/]+)$/;
  return [
    {
      method: 'GET',
      path: '/api/v1/provisioning/alert-rules',
      handle: () => ({ status: 200, data: [...fake.rules.values()] }),
    },
    {
      method: 'GET',
      path: one,
      handle: (_b, req) => {
        const rule = fake.rules.get(req.params[0]);
        return rule ? { status: 200, data: rule } : grafanaError(404, 'rule not found');
      },
    },
    {
      method: 'POST',
      path: '/api/v1/provisioning/alert-rules',
      handle: writer(fake, (body, req) => {
        const problems = ruleProblems(body);
        const b = body as Record<string, unknown>;
        const folder = problems.length === 0 ? folderProblem(fake, b.folderUID) : undefined;
        if (problems.length > 0 || folder) {
          return grafanaError(400, `invalid alert rule: ${[...problems, folder].filter(Boolean).join('; ')}`);
        }
        const uid = typeof b.uid === 'string' && b.uid !== '' ? b.uid : `gen${++generated}`;
        if (fake.rules.has(uid)) {
          return grafanaError(409, `failed to insert alert rule: a rule with UID ${uid} already exists`);
        }
        return { status: 201, data: store(fake, { ...b, uid }, provenanceOf(req)) };
      }),
    },
    {
      method: 'PUT',
      path: one,
      handle: writer(fake, (body, req) => {
        const uid = req.params[0];
        const stored = fake.rules.get(uid);
        if (!stored) {
          return grafanaError(404, 'rule not found');
        }
        const b = body as Record<string, unknown>;
        const problems = ruleProblems(body);
        const more = [
          problems.length === 0 ? folderProblem(fake, b.folderUID) : undefined,
          provenanceProblem(stored, provenanceOf(req)),
          b.uid !== undefined && b.uid !== uid ? `the body's uid ${String(b.uid)} is not the path's ${uid}` : undefined,
        ].filter((p): p is string => p !== undefined);
        if (problems.length > 0 || more.length > 0) {
          return grafanaError(400, `invalid alert rule: ${[...problems, ...more].join('; ')}`);
        }
        return { status: 200, data: store(fake, { ...b, uid }, provenanceOf(req)) };
      }),
    },
    {
      method: 'DELETE',
      path: one,
      handle: writer(fake, (_b, req) => {
        if (!fake.rules.delete(req.params[0])) {
          return grafanaError(404, 'rule not found');
        }
        return { status: 204, data: undefined };
      }),
    },
  ];
}
