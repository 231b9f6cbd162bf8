// Which of an SLO's alerts fire now. Prometheus-rule alerts (`burndown rules` loaded into a Prometheus) are the series
// `ALERTS{alertstate="firing", slo="<id>"}`, read through the same data-source query path as every figure (a
// PromClient over `/api/ds/query`); their start is `ALERTS_FOR_STATE` (its value is the activeAt time in seconds).
// Grafana-managed rules are read from `GET /api/prometheus/grafana/api/v1/rules`, kept to the SLO's rule UIDs.
import { withMatchers } from '../../promql/build';
import { normalizeFrame, type FrameLike } from '../../query/frames';
import type { PromClient } from '../../query/client';
import { isSloRuleUid } from '../../rules/grafanaRules';
import type { AlertingHttp } from './alertingHttp';
import { GRAFANA_RULES_STATE_PATH, GrafanaAlertingError } from './alertingClient';

export interface FiringAlert {
  source: 'prometheus' | 'grafana';
  name: string;
  severity?: string;
  /** Epoch ms the alert became active, when known. */
  since?: number;
  /** The alert's value (Grafana: its evaluation string; Prometheus' ALERTS carries none). */
  value?: string;
  labels: Record<string, string>;
}

function values(frame: FrameLike): number[] {
  const f = frame.fields.find((x) => x.type === 'number');
  if (!f) {
    return [];
  }
  const v = f.values;
  return ('toArray' in v ? v.toArray() : Array.from(v)).map((x) => Number(x));
}

function labelsOf(frame: FrameLike): Record<string, string> {
  return frame.fields.find((x) => x.type === 'number')?.labels ?? {};
}

const identity = (labels: Record<string, string>) =>
  JSON.stringify(
    Object.entries(labels)
      .filter(([k]) => k !== 'alertstate' && k !== '__name__')
      .sort()
  );

export async function prometheusFiringAlerts(client: PromClient, sloId: string, t: number): Promise<FiringAlert[]> {
  const slo = { name: 'slo', op: '=' as const, value: sloId };
  const [alerts, forState] = await Promise.all([
    client.instant(withMatchers('ALERTS', [{ name: 'alertstate', op: '=', value: 'firing' }, slo]), t),
    client.instant(withMatchers('ALERTS_FOR_STATE', [slo]), t),
  ]);
  const since = new Map<string, number>();
  for (const frame of forState.map(normalizeFrame)) {
    const v = values(frame).pop();
    if (v !== undefined && Number.isFinite(v)) {
      since.set(identity(labelsOf(frame)), v * 1000);
    }
  }
  return alerts.map(normalizeFrame).map((frame) => {
    const labels = labelsOf(frame);
    return {
      source: 'prometheus' as const,
      name: labels.alertname ?? '',
      severity: labels.severity,
      since: since.get(identity(labels)),
      labels,
    };
  });
}

interface RulesStateAlert {
  labels?: Record<string, string>;
  state?: string;
  activeAt?: string;
  value?: string;
}

interface RulesStateRule {
  name?: string;
  uid?: string;
  alerts?: RulesStateAlert[];
}

export async function grafanaFiringAlerts(http: AlertingHttp, sloId: string): Promise<FiringAlert[]> {
  const res = await http.request('GET', GRAFANA_RULES_STATE_PATH);
  const data = res.data as { status?: string; data?: { groups?: Array<{ rules?: RulesStateRule[] }> } } | undefined;
  if (res.status < 200 || res.status >= 300 || data?.status !== 'success') {
    const message = (res.data as { message?: string; error?: string } | undefined) ?? {};
    throw new GrafanaAlertingError(
      res.status,
      `HTTP ${res.status} from GET ${GRAFANA_RULES_STATE_PATH}: ${
        message.message ?? message.error ?? 'not a rules answer'
      }`
    );
  }
  const out: FiringAlert[] = [];
  for (const rule of (data.data?.groups ?? []).flatMap((g) => g.rules ?? [])) {
    for (const a of rule.alerts ?? []) {
      const uid = rule.uid ?? a.labels?.__alert_rule_uid__ ?? '';
      // Grafana says "Alerting" (older versions "firing") for an instance past its pending period
      if (!isSloRuleUid(sloId, uid) || !/^(alerting|firing)$/i.test(a.state ?? '')) {
        continue;
      }
      const since = a.activeAt ? Date.parse(a.activeAt) : NaN;
      out.push({
        source: 'grafana',
        name: rule.name ?? uid,
        severity: a.labels?.severity,
        since: Number.isFinite(since) ? since : undefined,
        value: a.value,
        labels: a.labels ?? {},
      });
    }
  }
  return out;
}
