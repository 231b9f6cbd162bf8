import { parse as parseYaml } from 'yaml';

import { parseSloDocument, type SloSpec } from '../slo';
import { alertPlan, alertWindowMs, forDurationMs } from './alertPlan';
import {
  ABSENT_ALERT,
  type AlertingRule,
  BURN_ALERT,
  BURN_RATE_WINDOWS_MS,
  escapeTemplate,
  prometheusRules,
  type RecordingRule,
  ruleFile,
  sloRuleGroup,
} from './prometheusRules';
import { rulesYaml } from './yaml';

const DAY = 86_400_000;

function slos(body: string): SloSpec[] {
  const { file, errors } = parseSloDocument(`apiVersion: burndown/v1\nslos:\n${body}`);
  if (!file) {
    throw new Error(errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  }
  return file.slos;
}

const one = (extra: string, indicator = 'ratio: {bad: \'req_total{code="500"}\', total: req_total}') =>
  slos(`  - id: api
    name: API
    service: api
    labels: {team: web}
    indicator: {${indicator}}
    objective: 99.9%
    window: {rolling: 30d}
${extra
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`)[0];

const alerts = (spec: SloSpec) => sloRuleGroup(spec).group.rules.filter((r): r is AlertingRule => 'alert' in r);
const records = (spec: SloSpec) => sloRuleGroup(spec).group.rules.filter((r): r is RecordingRule => 'record' in r);

describe('alert windows', () => {
  it('uses the mean calendar period and the exact rolling and fixed lengths', () => {
    expect(alertWindowMs({ kind: 'rolling', durationMs: 28 * DAY })).toBe(28 * DAY);
    expect(alertWindowMs({ kind: 'fixed', from: 0, to: 14 * DAY })).toBe(14 * DAY);
    const cal = { kind: 'calendar', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' } as const;
    expect(alertWindowMs({ ...cal, unit: 'month' }) / DAY).toBeCloseTo(30.436875, 9);
    expect(alertWindowMs({ ...cal, unit: 'quarter' }) / DAY).toBeCloseTo(91.310625, 9);
    expect(alertWindowMs({ ...cal, unit: 'week' })).toBe(7 * DAY);
  });

  it('scales factors by W / 30d, keeps enabled severities, drops tiers longer than the window', () => {
    const weekly = one('alerting: {page: true, ticket: false}').alerting;
    const plan = alertPlan({ ...one(''), window: { kind: 'rolling', durationMs: 7 * DAY }, alerting: weekly });
    expect(plan.tiers.map((t) => [t.severity, Number(t.factor.toFixed(4))])).toEqual([
      ['page', 3.36],
      ['page', 1.4],
    ]);
    const daily = alertPlan({
      ...one('alerting: {page: true, ticket: true}'),
      window: { kind: 'calendar', unit: 'day', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' },
    });
    expect(daily.dropped.map((t) => t.longMs)).toEqual([3 * DAY]);
    expect(daily.tiers).toHaveLength(3);
  });

  it('gives each tier a `for` of about half its short window, at most 1h', () => {
    const minutes = alertPlan(one('alerting: {page: true, ticket: true}')).tiers.map((t) => forDurationMs(t) / 60_000);
    expect(minutes).toEqual([2, 15, 60, 60]);
  });
});

describe('recording rules', () => {
  it('records events and ratios for the seven windows with slo, service and window labels', () => {
    const rec = records(one('alerting: {page: true}'));
    expect(BURN_RATE_WINDOWS_MS.map((w) => w / 60_000)).toEqual([5, 30, 60, 120, 360, 1440, 4320]);
    expect(rec).toHaveLength(21);
    expect(rec[0]).toEqual({
      record: 'burndown:slo_events_total:increase5m',
      expr: 'sum(increase(req_total[300s]))',
      labels: { slo: 'api', service: 'api', window: '5m' },
    });
    expect(rec[1].expr).toBe('sum(increase(req_total{code="500"}[300s]))');
    expect(rec[2].expr).toBe(
      'burndown:slo_events_bad:increase5m{slo="api"} / burndown:slo_events_total:increase5m{slo="api"}'
    );
    expect(rec.map((r) => r.labels.window).filter((w, i, a) => a.indexOf(w) === i)).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
    ]);
  });

  it('sums by the groupBy labels and derives bad from good per series before the sum', () => {
    const rec = records(
      one('groupBy: [route]\nalerting: {page: true}', 'ratio: {good: \'req_total{code!="500"}\', total: req_total}')
    );
    expect(rec[1].expr).toBe(
      'clamp_min(sum by (route)(increase(req_total[300s])) - sum by (route)(increase(req_total{code!="500"}[300s])), 0)'
    );
  });
});

describe('alerts', () => {
  it('pages when both windows exceed the factor, with the SLO labels, severity and a runbook', () => {
    const [page] = alerts(one('alerting: {page: true, runbook: https://runbooks.example/api}')).filter(
      (a) => a.alert === BURN_ALERT
    );
    expect(page.expr).toBe(
      [
        '(max without (window) (burndown:slo_error_ratio:ratio1h{slo="api"}) / 0.001 > 14.4)',
        'and',
        '(max without (window) (burndown:slo_error_ratio:ratio5m{slo="api"}) / 0.001 > 14.4)',
      ].join('\n')
    );
    expect(page.for).toBe('2m');
    expect(page.labels).toEqual({
      team: 'web',
      slo: 'api',
      service: 'api',
      severity: 'page',
      long_window: '1h',
      short_window: '5m',
    });
    expect(page.annotations.runbook_url).toBe('https://runbooks.example/api');
    expect(page.annotations.summary).toContain('burning at {{ printf "%.1f" $value }}x over 1h');
  });

  it('adds the minBadEvents guard on the long window only when set', () => {
    const guarded = alerts(one('alerting: {page: true, ticket: true, minBadEvents: 10}')).filter(
      (a) => a.alert === BURN_ALERT
    );
    expect(guarded).toHaveLength(4);
    expect(guarded[3].expr).toContain('(max without (window) (burndown:slo_events_bad:increase3d{slo="api"}) >= 10)');
    expect(alerts(one('alerting: {page: true}')).some((a) => a.expr.includes('>= '))).toBe(false);
  });

  it('has an absent-data alert on the SLO total, with the least urgent enabled severity', () => {
    const absent = alerts(one('alerting: {page: true, ticket: true}')).find((a) => a.alert === ABSENT_ALERT)!;
    expect(absent.expr).toBe('absent(burndown:slo_events_total:increase5m{slo="api"})');
    expect(absent.labels.severity).toBe('ticket');
    expect(alerts(one('alerting: {page: true}')).find((a) => a.alert === ABSENT_ALERT)!.labels.severity).toBe('page');
  });

  it('generates only the absent-data alert for threshold SLOs and no burn alerts for timeslices', () => {
    const threshold = one(
      'budgetingMethod: timeslices\ntimeslice: {length: 5m, noData: good}\nalerting: {page: true}',
      'threshold: {expr: probe_success, op: "==", value: 1}'
    );
    expect(sloRuleGroup(threshold).group.rules.map((r) => ('alert' in r ? r.alert : r.record))).toEqual([ABSENT_ALERT]);
    const slices = one(
      'budgetingMethod: timeslices\ntimeslice: {length: 5m, target: 0.99, noData: good}\nalerting: {page: true}'
    );
    expect(alerts(slices).map((a) => a.alert)).toEqual([ABSENT_ALERT]);
    expect(sloRuleGroup(slices).comments.join('\n')).toContain('burn-rate alerts are not generated');
  });

  it('names exclusions it cannot express and skips SLOs without alerting', () => {
    const excluded = one(
      'exclusions:\n  - {from: 2026-08-05T02:00:00Z, to: 2026-08-05T03:00:00Z, reason: maintenance}\nalerting: {ticket: true}'
    );
    expect(sloRuleGroup(excluded).comments.join('\n')).toContain(
      'Exclusion 2026-08-05T02:00:00Z .. 2026-08-05T03:00:00Z (maintenance) is not expressed here'
    );
    expect(prometheusRules([one(''), excluded]).map((g) => g.group.name)).toEqual(['burndown-slo-api']);
  });

  it('escapes template braces in user text', () => {
    expect(escapeTemplate('a {{ b }} c')).toBe('a {{ "{{" }} b {{ "}}" }} c');
    const spec = { ...one('alerting: {page: true}'), name: 'API {{ evil }}' };
    expect(alerts(spec)[0].annotations.summary.startsWith('API {{ "{{" }} evil {{ "}}" }}:')).toBe(true);
  });
});

describe('rulesYaml', () => {
  it('round-trips to the rule file, without YAML aliases, with the two-pass backfill note', () => {
    const groups = prometheusRules([one('groupBy: [route]\nalerting: {page: true, ticket: true}')], { interval: '1m' });
    const text = rulesYaml(groups);
    expect(parseYaml(text)).toEqual(ruleFile(groups));
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text).toContain('backfilling with `promtool tsdb create-blocks-from rules` needs two passes');
    expect(text).toContain('  - name: burndown-slo-api\n    interval: 1m\n');
  });

  it('says so when no SLO has alerting enabled', () => {
    expect(parseYaml(rulesYaml([]))).toEqual({ groups: [] });
    expect(rulesYaml([])).toContain('No SLO has alerting.page or alerting.ticket enabled');
  });
});
