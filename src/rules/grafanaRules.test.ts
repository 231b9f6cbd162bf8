import { checkPromql } from '../promql';
import { parseSloDocument, type SloSpec } from '../slo';
import { alertPlan } from './alertPlan';
import {
  GRAFANA_UID_MAX,
  GRAFANA_UID_RE,
  grafanaAlertRules,
  grafanaRuleGroup,
  isSloRuleUid,
  sloRuleUid,
  sloRuleUidPrefix,
} from './grafanaRules';
import { ABSENT_ALERT, type AlertingRule, BURN_ALERT, sloRuleGroup } from './prometheusRules';

function slo(extra: string, id = 'api'): SloSpec {
  const { file, errors } = parseSloDocument(`apiVersion: burndown/v1
slos:
  - id: ${JSON.stringify(id)}
    name: API
    service: api
    labels: {team: web}
    indicator: {ratio: {bad: 'req_total{code="500"}', total: req_total}}
    objective: 99.9%
    window: {rolling: 30d}
${extra
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`);
  if (!file) {
    throw new Error(errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  }
  return file.slos[0];
}

const target = { folderUid: 'slo-folder', ruleGroup: 'burndown', datasourceUid: 'prom-uid' };

describe('grafanaAlertRules', () => {
  const spec = slo('alerting: {page: true, ticket: true, runbook: https://runbooks.example/api}');
  const rules = grafanaAlertRules(spec, target);

  it('has one rule per tier of the plan and the absent-data rule, with stable UIDs', () => {
    expect(rules.map((r) => r.uid)).toEqual([
      `${sloRuleUidPrefix('api')}p1h`,
      `${sloRuleUidPrefix('api')}p6h`,
      `${sloRuleUidPrefix('api')}t1d`,
      `${sloRuleUidPrefix('api')}t3d`,
      `${sloRuleUidPrefix('api')}abs`,
    ]);
    expect(grafanaAlertRules(spec, { ...target, folderUid: 'other' }).map((r) => r.uid)).toEqual(
      rules.map((r) => r.uid)
    );
    expect(rules).toHaveLength(alertPlan(spec).tiers.length + 1);
  });

  it('condition D needs both windows above the factor; queries are valid PromQL on the SLO data source', () => {
    const page = rules[0];
    expect(page.condition).toBe('D');
    expect(page.data.map((d) => d.refId)).toEqual(['A', 'B', 'D']);
    expect(page.data[2].model).toMatchObject({ type: 'math', expression: '$A > 14.4 && $B > 14.4' });
    expect(page.data[2].datasourceUid).toBe('__expr__');
    for (const q of page.data.slice(0, 2)) {
      expect(q.datasourceUid).toBe('prom-uid');
      const expr = q.model.expr as string;
      expect(checkPromql(expr).problems).toEqual([]);
      expect(expr).not.toContain('burndown:'); // recorded series are inlined
    }
    expect(page.data[0].model.expr).toBe(
      '((sum(increase(req_total{code="500"}[3600s]))) / (sum(increase(req_total[3600s])))) / 0.001'
    );
    expect(page.data[0].relativeTimeRange).toEqual({ from: 3600, to: 0 });
    expect(page.data[1].model.expr).toContain('[300s]');
  });

  it('carries the Prometheus rules labels, for and runbook', () => {
    const prom = sloRuleGroup(spec).group.rules.filter((r): r is AlertingRule => 'alert' in r);
    const promPage = prom.find((r) => r.alert === BURN_ALERT && r.labels.long_window === '1h')!;
    expect(rules[0].labels).toEqual(promPage.labels);
    expect(rules[0].labels).toMatchObject({ severity: 'page', slo: 'api', service: 'api', team: 'web' });
    expect(rules[0].for).toBe(promPage.for);
    expect(rules[2].labels.severity).toBe('ticket');
    expect(rules[0].annotations.runbook_url).toBe('https://runbooks.example/api');
    expect(rules[0].annotations.summary).toContain('{{ printf "%.1f" $values.A.Value }}x over 1h');
    expect(rules[0].annotations.description).toContain('lasts 2d2h');
    const absent = rules[4];
    const promAbsent = prom.find((r) => r.alert === ABSENT_ALERT)!;
    expect(absent.labels).toEqual(promAbsent.labels);
    expect(absent.data[0].model.expr).toBe('absent((sum(increase(req_total[300s]))))');
    expect(absent.condition).toBe('B');
    expect(rules.every((r) => r.folderUID === 'slo-folder' && r.ruleGroup === 'burndown' && !r.isPaused)).toBe(true);
  });

  it('adds the minBadEvents guard as C', () => {
    const guarded = grafanaAlertRules(slo('alerting: {page: true, minBadEvents: 20}'), target);
    expect(guarded).toHaveLength(3);
    expect(guarded[0].data.map((d) => d.refId)).toEqual(['A', 'B', 'C', 'D']);
    expect(guarded[0].data[2].model.expr).toBe('(sum(increase(req_total{code="500"}[3600s])))');
    expect(guarded[0].data[3].model.expression).toBe('$A > 14.4 && $B > 14.4 && $C >= 20');
  });

  it('scales factors to the window and drops tiers longer than it', () => {
    const day = slo('alerting: {page: true, ticket: true}');
    const daySpec: SloSpec = { ...day, window: { kind: 'rolling', durationMs: 86_400_000 } };
    const dayRules = grafanaAlertRules(daySpec, target);
    expect(dayRules.map((r) => r.uid.slice(-3))).toEqual(['p1h', 'p6h', 't1d', 'abs']);
    expect(dayRules[0].data[2].model.expression).toBe('$A > 0.48 && $B > 0.48');
  });

  it('writes no rules without alerting, and only the absent rule for a threshold SLO', () => {
    expect(grafanaAlertRules(slo('alerting: {page: false, ticket: false}'), target)).toEqual([]);
    const threshold: SloSpec = {
      ...spec,
      budgetingMethod: 'timeslices',
      indicator: { kind: 'threshold', expr: 'up{job="api"}', op: '>=', value: 1 },
    };
    const only = grafanaAlertRules(threshold, target);
    expect(only.map((r) => r.uid)).toEqual([`${sloRuleUidPrefix('api')}abs`]);
    expect(only[0].data[0].model.expr).toBe('absent(up{job="api"})');
  });

  it('uses groupBy labels in the summary', () => {
    const grouped = grafanaAlertRules(slo('groupBy: [route]\nalerting: {page: true}'), target);
    expect(grouped[0].annotations.summary).toContain('API (route={{ $labels.route }})');
    expect(grouped[0].data[0].model.expr).toContain('sum by (route)');
  });

  it('is a rule group body with the interval', () => {
    const group = grafanaRuleGroup(spec, { ...target, intervalSeconds: 30 });
    expect(group).toMatchObject({ title: 'burndown', folderUid: 'slo-folder', interval: 30 });
    expect(group.rules).toHaveLength(5);
  });
});

describe('sloRuleUid', () => {
  const odd = [
    'api',
    'checkout.availability/eu-west',
    'ünïcödé SLO with spaces',
    'x'.repeat(200),
    `${'x'.repeat(30)}-a`,
    `${'x'.repeat(30)}-b`,
    'a.b',
    'a_b',
  ];

  it('fits Grafana uid limits for long and odd ids', () => {
    for (const id of odd) {
      for (const suffix of ['p1h', 't3d', 'abs']) {
        const uid = sloRuleUid(id, suffix);
        expect(uid.length).toBeLessThanOrEqual(GRAFANA_UID_MAX);
        expect(uid).toMatch(GRAFANA_UID_RE);
      }
    }
  });

  it('is deterministic and tells ids apart that read alike after cutting or rewriting', () => {
    expect(sloRuleUid('a.b', 'abs')).toBe(sloRuleUid('a.b', 'abs'));
    const prefixes = new Set(odd.map(sloRuleUidPrefix));
    expect(prefixes.size).toBe(odd.length);
    expect(sloRuleUidPrefix('api')).toMatch(/^bd-api-[0-9a-f]{8}-$/);
  });

  it('recognises the SLO own UIDs only', () => {
    expect(isSloRuleUid('api', sloRuleUid('api', 'p1h'))).toBe(true);
    expect(isSloRuleUid('ap', sloRuleUid('api', 'p1h'))).toBe(false);
    expect(isSloRuleUid('api', 'some-other-rule')).toBe(false);
  });
});
