// An SLO -> Grafana-managed alert rules of the alerting provisioning HTTP API (docs/semantics.md §5): the same tiers
// as the Prometheus rules (alertPlan: factor x W / 30 d, both windows above it, optional minBadEvents) and the same
// PromQL, with the recording rules of sloRuleGroup inlined (a Grafana rule queries the data source, which need not
// hold Burndown's recorded series). Per tier: A = burn rate over the long window, B = over the short one, C = bad
// events over the long window (when minBadEvents is set); D = Grafana's math expression `$A > f && $B > f [&& $C >= n]`
// is the condition. The absent-data rule is the Prometheus one, inlined, with `$A > 0` as its condition.
// Rule UIDs are derived from the SLO id alone (sloRuleUidPrefix), so creating twice updates and never duplicates.
import { withMatchers } from '../query/promql';
import { formatDuration } from '../slo/duration';
import type { SloSpec } from '../slo/types';
import type { BurnRateTier } from '../engine/alertWindows';
import { alertPlan, forDurationMs } from './alertPlan';
import {
  ABSENT_ALERT,
  type AlertingRule,
  BURN_ALERT,
  escapeTemplate,
  RECORD_BAD,
  RECORD_RATIO,
  type RecordingRule,
  sloRuleGroup,
  windowName,
} from './prometheusRules';

/** Grafana's `data[]` entry (AlertQuery): a data source query or a server-side expression (`__expr__`). */
export interface GrafanaAlertQuery {
  refId: string;
  queryType: string;
  /** Seconds before the evaluation time. */
  relativeTimeRange: { from: number; to: number };
  datasourceUid: string;
  model: Record<string, unknown>;
}

export type NoDataState = 'Alerting' | 'NoData' | 'OK' | 'KeepLast';
export type ExecErrState = 'OK' | 'Alerting' | 'Error' | 'KeepLast';

/** The body of `POST /api/v1/provisioning/alert-rules` and of each rule of a rule group (ProvisionedAlertRule). */
export interface GrafanaAlertRule {
  uid: string;
  title: string;
  folderUID: string;
  ruleGroup: string;
  condition: string;
  data: GrafanaAlertQuery[];
  noDataState: NoDataState;
  execErrState: ExecErrState;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  isPaused: boolean;
}

/** The body of `PUT /api/v1/provisioning/folder/{folderUid}/rule-groups/{group}` (AlertRuleGroup). */
export interface GrafanaRuleGroup {
  title: string;
  folderUid: string;
  /** Evaluation interval in seconds. */
  interval: number;
  rules: GrafanaAlertRule[];
}

/** Where the rules go and what they query. */
export interface GrafanaRuleTarget {
  folderUid: string;
  ruleGroup: string;
  /** The SLO's Prometheus data source. */
  datasourceUid: string;
  /** Evaluation interval of the group in seconds (default 60). */
  intervalSeconds?: number;
}

export const EXPR_DATASOURCE = '__expr__';
/** Grafana's short UIDs: at most 40 characters of [a-zA-Z0-9_-] (util.IsValidShortUID). */
export const GRAFANA_UID_MAX = 40;
export const GRAFANA_UID_RE = /^[a-zA-Z0-9_-]+$/;
const UID_PREFIX = 'bd-';
/** Longest tier suffix: `p1h`, `t3d`, `abs`. */
const SUFFIX_MAX = 3;
const HASH_LENGTH = 8;

/** FNV-1a over the id's UTF-16 units, 8 hex digits: tells apart ids whose readable part is cut or rewritten. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(HASH_LENGTH, '0');
}

/**
 * `bd-<readable id>-<hash>-`: every rule UID of the SLO starts with it. The readable part keeps [a-zA-Z0-9_-] of the id
 * (others become `_`), cut so that prefix + suffix fit Grafana's 40 characters; the hash of the whole id keeps two ids
 * that read alike apart.
 */
export function sloRuleUidPrefix(sloId: string): string {
  const room = GRAFANA_UID_MAX - UID_PREFIX.length - HASH_LENGTH - 2 - SUFFIX_MAX;
  const readable = sloId.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, room);
  return `${UID_PREFIX}${readable}-${fnv1a(sloId)}-`;
}

/** `p1h`, `p6h`, `t1d`, `t3d`: severity and long window of the unscaled tier, stable when the SLO window changes. */
export function tierSuffix(tier: BurnRateTier): string {
  return `${tier.severity === 'page' ? 'p' : 't'}${windowName(tier.longMs)}`;
}

export const ABSENT_SUFFIX = 'abs';

export function sloRuleUid(sloId: string, suffix: string): string {
  return sloRuleUidPrefix(sloId) + suffix;
}

/** Grafana's rule group body for one SLO's rules. */
export function grafanaRuleGroup(spec: SloSpec, target: GrafanaRuleTarget): GrafanaRuleGroup {
  return {
    title: target.ruleGroup,
    folderUid: target.folderUid,
    interval: target.intervalSeconds ?? 60,
    rules: grafanaAlertRules(spec, target),
  };
}

/** The Grafana-managed rules of an SLO with alerting on: one per burn-rate tier of its plan, and the absent-data rule. */
export function grafanaAlertRules(spec: SloSpec, target: GrafanaRuleTarget): GrafanaAlertRule[] {
  if (!spec.alerting.page && !spec.alerting.ticket) {
    return []; // as prometheusRules: alerting is off
  }
  const group = sloRuleGroup(spec).group;
  const records = new Map(
    group.rules.filter((r): r is RecordingRule => 'record' in r).map((r) => [r.record, r.expr] as const)
  );
  const alerts = group.rules.filter((r): r is AlertingRule => 'alert' in r);
  const inline = (expr: string): string => inlineRecords(expr, records, spec.id);
  const out: GrafanaAlertRule[] = [];
  const burns = alerts.filter((a) => a.alert === BURN_ALERT);
  const plan = alertPlan(spec);
  for (const tier of plan.tiers) {
    const rule = burns.find(
      (a) => a.labels.severity === tier.severity && a.labels.long_window === windowName(tier.longMs)
    );
    if (rule) {
      out.push(burnRule(spec, target, tier, plan.windowMs, rule, inline));
    }
  }
  const absent = alerts.find((a) => a.alert === ABSENT_ALERT);
  if (absent) {
    out.push(absentRule(spec, target, absent, inline));
  }
  return out;
}

/** Replaces every `<recorded name>{slo="<id>"}` by its recording rule's expression, recursively (level 2 reads 1). */
function inlineRecords(expr: string, records: ReadonlyMap<string, string>, sloId: string): string {
  let out = expr;
  for (let level = 0; level < 3; level++) {
    for (const [name, body] of records) {
      const selector = withMatchers(name, [{ name: 'slo', op: '=', value: sloId }]);
      out = out.split(selector).join(`(${body})`);
    }
  }
  return out;
}

function promQuery(refId: string, expr: string, rangeSeconds: number, datasourceUid: string): GrafanaAlertQuery {
  return {
    refId,
    queryType: '',
    relativeTimeRange: { from: rangeSeconds, to: 0 },
    datasourceUid,
    model: {
      refId,
      expr,
      instant: true,
      range: false,
      datasource: { type: 'prometheus', uid: datasourceUid },
      intervalMs: 60_000,
      maxDataPoints: 43_200,
    },
  };
}

function mathExpression(refId: string, expression: string): GrafanaAlertQuery {
  return {
    refId,
    queryType: '',
    relativeTimeRange: { from: 0, to: 0 },
    datasourceUid: EXPR_DATASOURCE,
    model: { refId, type: 'math', expression, datasource: { type: EXPR_DATASOURCE, uid: EXPR_DATASOURCE } },
  };
}

function round(x: number): number {
  return Number(x.toPrecision(10));
}

function burnRule(
  spec: SloSpec,
  target: GrafanaRuleTarget,
  tier: BurnRateTier,
  windowMs: number,
  prom: AlertingRule,
  inline: (expr: string) => string
): GrafanaAlertRule {
  const budget = round(1 - spec.objective);
  const factor = round(tier.factor);
  const long = windowName(tier.longMs);
  const short = windowName(tier.shortMs);
  const ratio = (ms: number) => inline(withMatchers(`${RECORD_RATIO}${windowName(ms)}`, sloMatcher(spec)));
  const rangeOf = (ms: number) => Math.round(ms / 1000);
  const data = [
    promQuery('A', `${ratio(tier.longMs)} / ${budget}`, rangeOf(tier.longMs), target.datasourceUid),
    promQuery('B', `${ratio(tier.shortMs)} / ${budget}`, rangeOf(tier.shortMs), target.datasourceUid),
  ];
  const terms = [`$A > ${factor}`, `$B > ${factor}`];
  if (spec.alerting.minBadEvents !== undefined) {
    const bad = inline(withMatchers(`${RECORD_BAD}${long}`, sloMatcher(spec)));
    data.push(promQuery('C', bad, rangeOf(tier.longMs), target.datasourceUid));
    terms.push(`$C >= ${spec.alerting.minBadEvents}`);
  }
  data.push(mathExpression('D', terms.join(' && ')));
  const shown = Number(tier.factor.toFixed(2));
  const lasts = formatDuration(Math.round(windowMs / tier.factor / 60_000) * 60_000);
  return {
    uid: sloRuleUid(spec.id, tierSuffix(tier)),
    title: `${spec.name} (${spec.id}): ${tier.severity} burn over ${long} and ${short}`,
    folderUID: target.folderUid,
    ruleGroup: target.ruleGroup,
    condition: 'D',
    data,
    // no series at all is the absent-data rule's alert; a failing query is Grafana's DatasourceError, never silence
    noDataState: 'OK',
    execErrState: 'Error',
    for: prom.for ?? formatDuration(forDurationMs(tier)),
    labels: prom.labels,
    annotations: {
      summary:
        `${subject(spec)}: error budget burning at {{ printf "%.1f" $values.A.Value }}x over ${long} ` +
        `(${tier.severity} above ${shown}x)`,
      description:
        `Burn rate {{ printf "%.1f" $values.A.Value }}x over ${long} and {{ printf "%.1f" $values.B.Value }}x over ` +
        `${short}, both above ${shown}x (objective ${round(spec.objective * 100)}%). At ${shown}x a full budget ` +
        `lasts ${lasts}; this tier spends ${round((factor * tier.longMs * 100) / windowMs)}% of it in ${long}.`,
      ...(prom.annotations.runbook_url !== undefined ? { runbook_url: prom.annotations.runbook_url } : {}),
    },
    isPaused: false,
  };
}

function absentRule(
  spec: SloSpec,
  target: GrafanaRuleTarget,
  prom: AlertingRule,
  inline: (expr: string) => string
): GrafanaAlertRule {
  return {
    uid: sloRuleUid(spec.id, ABSENT_SUFFIX),
    title: `${spec.name} (${spec.id}): no data`,
    folderUID: target.folderUid,
    ruleGroup: target.ruleGroup,
    condition: 'B',
    data: [promQuery('A', inline(prom.expr), 600, target.datasourceUid), mathExpression('B', '$A > 0')],
    // absent() answers nothing while the series exist: that is the healthy case here
    noDataState: 'OK',
    execErrState: 'Error',
    for: prom.for ?? '10m',
    labels: prom.labels,
    annotations: prom.annotations,
    isPaused: false,
  };
}

function sloMatcher(spec: SloSpec) {
  return [{ name: 'slo', op: '=' as const, value: spec.id }];
}

function subject(spec: SloSpec): string {
  const groups = spec.groupBy.map((g) => `${g}={{ $labels.${g} }}`).join(', ');
  return escapeTemplate(spec.name) + (groups ? ` (${groups})` : '');
}

/** Every UID this SLO's rules may have (all tiers, enabled or not): what deleting the SLO's rules looks for. */
export function isSloRuleUid(sloId: string, uid: string): boolean {
  return uid.startsWith(sloRuleUidPrefix(sloId));
}
