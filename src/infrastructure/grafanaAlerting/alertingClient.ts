// Grafana-managed alert rules of one SLO through Grafana's HTTP API: folders (`GET /api/folders`), the alerting
// provisioning API (`/api/v1/provisioning/...`, https://grafana.com/docs/grafana/latest/developers/http_api/alerting_provisioning/)
// and the rule state Grafana serves in Prometheus' format (`GET /api/prometheus/grafana/api/v1/rules`). Thin: the
// bodies come from src/rules/grafanaRules.ts; Grafana's own error messages are passed on verbatim.
import {
  grafanaRuleGroup,
  isSloRuleUid,
  type GrafanaAlertRule,
  type GrafanaRuleTarget,
} from '../../rules/grafanaRules';
import type { SloSpec } from '../../slo/types';
import type { AlertingHttp } from './alertingHttp';

export const FOLDERS_PATH = '/api/folders';
export const ALERT_RULES_PATH = '/api/v1/provisioning/alert-rules';
export const GRAFANA_RULES_STATE_PATH = '/api/prometheus/grafana/api/v1/rules';

export function ruleGroupPath(folderUid: string, group: string): string {
  return `/api/v1/provisioning/folder/${encodeURIComponent(folderUid)}/rule-groups/${encodeURIComponent(group)}`;
}

export interface GrafanaFolder {
  uid: string;
  title: string;
}

/** A stored rule as Grafana answers it (ProvisionedAlertRule), as far as the app reads it. */
export interface StoredAlertRule extends Partial<GrafanaAlertRule> {
  uid: string;
  folderUID: string;
  ruleGroup: string;
  provenance?: string;
}

/** A Grafana answer that is not a success: the message is Grafana's own when it sent one. */
export class GrafanaAlertingError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'GrafanaAlertingError';
  }
}

function failure(method: string, path: string, status: number, data: unknown): GrafanaAlertingError {
  const message = (data as { message?: unknown } | undefined)?.message;
  const said = typeof message === 'string' && message !== '' ? message : JSON.stringify(data ?? null);
  return new GrafanaAlertingError(status, `HTTP ${status} from ${method} ${path}: ${said}`);
}

async function ok(http: AlertingHttp, method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown) {
  const res = await http.request(method, path, body);
  if (res.status < 200 || res.status >= 300) {
    throw failure(method, path, res.status, res.data);
  }
  return res.data;
}

export async function listFolders(http: AlertingHttp): Promise<GrafanaFolder[]> {
  const data = await ok(http, 'GET', FOLDERS_PATH);
  if (!Array.isArray(data)) {
    throw new GrafanaAlertingError(200, `GET ${FOLDERS_PATH} did not answer a list of folders`);
  }
  return data
    .filter((f): f is GrafanaFolder => typeof f?.uid === 'string')
    .map((f) => ({ uid: f.uid, title: f.title }));
}

/** The SLO's rules stored in Grafana (any folder and group), by their UID prefix. */
export async function sloAlertRules(http: AlertingHttp, sloId: string): Promise<StoredAlertRule[]> {
  const data = await ok(http, 'GET', ALERT_RULES_PATH);
  if (!Array.isArray(data)) {
    throw new GrafanaAlertingError(200, `GET ${ALERT_RULES_PATH} did not answer a list of rules`);
  }
  return (data as StoredAlertRule[]).filter((r) => typeof r?.uid === 'string' && isSloRuleUid(sloId, r.uid));
}

export interface UpsertResult {
  /** 'created' when none of the SLO's rules existed, else 'updated'. */
  action: 'created' | 'updated';
  uids: string[];
  /** Rules of the SLO deleted from another folder or group (a move). */
  moved: number;
}

/**
 * Creates or updates the SLO's rules in one rule group: GET the group (404: a new one), keep its rules that are not the
 * SLO's, put the SLO's current ones in, PUT the whole group. The SLO's rules in another folder or group are deleted
 * first, so the SLO never has two sets. Same UIDs every time: a second call updates.
 */
export async function upsertSloRuleGroup(
  http: AlertingHttp,
  spec: SloSpec,
  target: GrafanaRuleTarget
): Promise<UpsertResult> {
  const before = await sloAlertRules(http, spec.id);
  const elsewhere = before.filter((r) => r.folderUID !== target.folderUid || r.ruleGroup !== target.ruleGroup);
  const body = grafanaRuleGroup(spec, target);
  if (body.rules.length === 0) {
    throw new GrafanaAlertingError(0, `SLO ${spec.id} has alerting.page and alerting.ticket off: no rules to create`);
  }
  const path = ruleGroupPath(target.folderUid, target.ruleGroup);
  const existing = await http.request('GET', path);
  if (existing.status !== 404 && (existing.status < 200 || existing.status >= 300)) {
    throw failure('GET', path, existing.status, existing.data);
  }
  const others =
    existing.status === 404
      ? []
      : ((existing.data as { rules?: StoredAlertRule[] }).rules ?? []).filter((r) => !isSloRuleUid(spec.id, r.uid));
  for (const r of elsewhere) {
    await deleteRule(http, r.uid);
  }
  await ok(http, 'PUT', path, {
    ...body,
    interval: (existing.data as { interval?: number } | undefined)?.interval ?? body.interval,
    rules: [...others, ...body.rules],
  });
  return {
    action: before.length > 0 ? 'updated' : 'created',
    uids: body.rules.map((r) => r.uid),
    moved: elsewhere.length,
  };
}

async function deleteRule(http: AlertingHttp, uid: string): Promise<boolean> {
  const path = `${ALERT_RULES_PATH}/${encodeURIComponent(uid)}`;
  const res = await http.request('DELETE', path);
  if (res.status === 404) {
    return false; // already gone
  }
  if (res.status < 200 || res.status >= 300) {
    throw failure('DELETE', path, res.status, res.data);
  }
  return true;
}

/** Deletes every Grafana-managed rule of the SLO (all folders and groups); resolves with how many were deleted. */
export async function deleteSloAlertRules(http: AlertingHttp, sloId: string): Promise<number> {
  let deleted = 0;
  for (const r of await sloAlertRules(http, sloId)) {
    deleted += (await deleteRule(http, r.uid)) ? 1 : 0;
  }
  return deleted;
}
