// `burndown rules` output against Prometheus' own rule tooling: `promtool check rules` over the fixtures and a
// spread of generated SLOs, and `promtool test rules` unit tests per tier (docs/semantics.md §5, docs/alerting.md).
// promtool evaluates the generated rules on synthetic series minute by minute, with the real `for` durations.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { stringify } from 'yaml';

import { prometheusRules, rulesYaml } from '../../src/rules';
import { parseSloDocument, type SloSpec } from '../../src/slo';
import { ROOT } from './servers';
import { requireBinaries, run, tempDir } from './rulesTools';

const bins = requireBinaries(['promtool'], 'promtool rule tests');
const describeWithPromtool = bins ? describe : describe.skip;

function parse(text: string, file: string): SloSpec[] {
  const { file: parsed, errors } = parseSloDocument(text, { file });
  if (!parsed) {
    throw new Error(errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join('\n'));
  }
  return parsed.slos;
}

const API_SLO = `
apiVersion: burndown/v1
slos:
  - id: api
    name: API availability
    service: api
    labels: {team: web}
    indicator:
      ratio:
        bad: http_requests_total{job="api",code=~"5.."}
        total: http_requests_total{job="api"}
    objective: 99.9%
    window: {rolling: 30d}
    alerting: {page: true, ticket: true, runbook: https://runbooks.example/api}
`;

const NIGHT_SLOS = `
apiVersion: burndown/v1
slos:
  - id: night
    name: Night batch
    indicator:
      ratio:
        bad: http_requests_total{job="night",code=~"5.."}
        total: http_requests_total{job="night"}
    objective: 99.9%
    window: {rolling: 30d}
    alerting: {page: true, ticket: true}
  - id: night-guarded
    name: Night batch (guarded)
    indicator:
      ratio:
        bad: http_requests_total{job="night",code=~"5.."}
        total: http_requests_total{job="night"}
    objective: 99.9%
    window: {rolling: 30d}
    alerting: {page: true, ticket: true, minBadEvents: 10}
`;

/** 1000 requests a minute on job="api", of which `burn` per minute fail: a burn rate of `burn` at 99.9%. */
function apiSeries(burn: number, minutes: number) {
  return [
    { series: 'http_requests_total{job="api",code="500"}', values: `0+${burn}x${minutes}` },
    { series: 'http_requests_total{job="api",code="200"}', values: `0+${1000 - burn}x${minutes}` },
  ];
}

const API_LABELS = { team: 'web', slo: 'api', service: 'api' };
const RUNBOOK = { runbook_url: 'https://runbooks.example/api' };

function burnAlert(
  severity: string,
  long: string,
  short: string,
  summary: string,
  description: string
): Record<string, unknown> {
  return {
    exp_labels: { ...API_LABELS, severity, long_window: long, short_window: short },
    exp_annotations: { summary, description, ...RUNBOOK },
  };
}

const PAGE_1H = burnAlert(
  'page',
  '1h',
  '5m',
  'API availability: error budget burning at 20.0x over 1h (page above 14.4x)',
  'In the last 1h API availability spent 2.8% of its rolling 30d error budget (objective 99.9%). At this rate a ' +
    'full budget runs out in 1d 12h 0m 0s. Both the 1h and the 5m burn rates are above 14.4x (2% of the budget in 1h).'
);
const PAGE_6H = burnAlert(
  'page',
  '6h',
  '30m',
  'API availability: error budget burning at 20.0x over 6h (page above 6x)',
  'In the last 6h API availability spent 16.7% of its rolling 30d error budget (objective 99.9%). At this rate a ' +
    'full budget runs out in 1d 12h 0m 0s. Both the 6h and the 30m burn rates are above 6x (5% of the budget in 6h).'
);
const TICKET_3D_2X = burnAlert(
  'ticket',
  '3d',
  '6h',
  'API availability: error budget burning at 2.0x over 3d (ticket above 1x)',
  'In the last 3d API availability spent 20.0% of its rolling 30d error budget (objective 99.9%). At this rate a ' +
    'full budget runs out in 15d 0h 0m 0s. Both the 3d and the 6h burn rates are above 1x (10% of the budget in 3d).'
);
const ABSENT = {
  exp_labels: { ...API_LABELS, severity: 'ticket' },
  exp_annotations: {
    summary: 'API availability: no data for its total events',
    description:
      'Prometheus has no samples of http_requests_total{job="api"} for API availability: a scrape outage, a renamed ' +
      'metric or a dropped label. Its burn-rate alerts cannot fire while data is missing.',
    ...RUNBOOK,
  },
};

const burnAt = (evalTime: string, expAlerts: unknown[]) => ({
  eval_time: evalTime,
  alertname: 'BurndownErrorBudgetBurn',
  exp_alerts: expAlerts,
});
const absentAt = (evalTime: string, expAlerts: unknown[]) => ({
  eval_time: evalTime,
  alertname: 'BurndownSloDataAbsent',
  exp_alerts: expAlerts,
});

const API_TESTS = [
  {
    name: '20x burn pages within 5 minutes (1h/5m tier, for 2m), then the 6h/30m tier; tickets wait for their for',
    interval: '1m',
    input_series: apiSeries(20, 120),
    alert_rule_test: [burnAt('2m', []), burnAt('5m', [PAGE_1H]), burnAt('20m', [PAGE_1H, PAGE_6H]), absentAt('5m', [])],
  },
  {
    // After 6 healthy hours the 1h burn rate reaches 14.4x only 43.2 minutes into a 20x burn (20 x 44/60 > 14.4 at
    // minute 44), then for: 2m: the page comes at minute 46.
    name: '20x burn after a healthy history pages 46 minutes in',
    interval: '1m',
    input_series: [
      { series: 'http_requests_total{job="api",code="500"}', values: '0x360 20+20x120' },
      { series: 'http_requests_total{job="api",code="200"}', values: '0+1000x360 360980+980x120' },
    ],
    alert_rule_test: [
      burnAt('6h', []),
      burnAt('405m', []),
      burnAt('410m', [
        burnAlert(
          'page',
          '1h',
          '5m',
          'API availability: error budget burning at 16.7x over 1h (page above 14.4x)',
          'In the last 1h API availability spent 2.3% of its rolling 30d error budget (objective 99.9%). At this ' +
            'rate a full budget runs out in 1d 19h 12m 0s. Both the 1h and the 5m burn rates are above 14.4x (2% ' +
            'of the budget in 1h).'
        ),
      ]),
    ],
  },
  {
    name: 'steady 2x burn opens the 3d/6h ticket and never pages',
    interval: '1m',
    input_series: apiSeries(2, 720),
    alert_rule_test: [
      burnAt('10m', []),
      burnAt('1h', []),
      burnAt('2h', [TICKET_3D_2X]),
      burnAt('6h', [TICKET_3D_2X]),
      burnAt('12h', [TICKET_3D_2X]),
    ],
  },
  {
    name: '0.5x burn never alerts',
    interval: '1m',
    input_series: apiSeries(0.5, 720),
    alert_rule_test: ['5m', '1h', '3h', '6h', '12h'].flatMap((t) => [burnAt(t, []), absentAt(t, [])]),
  },
  {
    name: 'scrape outage: the absent-data alert fires, no burn alert',
    interval: '1m',
    input_series: [
      { series: 'http_requests_total{job="api",code="500"}', values: '0x60 stale' },
      { series: 'http_requests_total{job="api",code="200"}', values: '0+1000x60 stale' },
    ],
    alert_rule_test: [absentAt('62m', []), absentAt('80m', [ABSENT]), burnAt('80m', []), absentAt('3h', [ABSENT])],
  },
];

const NIGHT_PAGE = {
  exp_labels: { slo: 'night', severity: 'page', long_window: '1h', short_window: '5m' },
  exp_annotations: {
    summary: 'Night batch: error budget burning at 1000.0x over 1h (page above 14.4x)',
    description:
      'In the last 1h Night batch spent 138.9% of its rolling 30d error budget (objective 99.9%). At this rate a full ' +
      'budget runs out in 43m 0s. Both the 1h and the 5m burn rates are above 14.4x (2% of the budget in 1h).',
  },
};

const NIGHT_PAGE_6H = {
  exp_labels: { slo: 'night', severity: 'page', long_window: '6h', short_window: '30m' },
  exp_annotations: {
    summary: 'Night batch: error budget burning at 1000.0x over 6h (page above 6x)',
    description:
      'In the last 6h Night batch spent 833.3% of its rolling 30d error budget (objective 99.9%). At this rate a full ' +
      'budget runs out in 43m 0s. Both the 6h and the 30m burn rates are above 6x (5% of the budget in 6h).',
  },
};

const nightTicket = (long: string, short: string, factor: number, spent: string, share: number) => ({
  exp_labels: { slo: 'night', severity: 'ticket', long_window: long, short_window: short },
  exp_annotations: {
    summary: `Night batch: error budget burning at 1000.0x over ${long} (ticket above ${factor}x)`,
    description:
      `In the last ${long} Night batch spent ${spent}% of its rolling 30d error budget (objective 99.9%). At this rate ` +
      `a full budget runs out in 43m 0s. Both the ${long} and the ${short} burn rates are above ${factor}x ` +
      `(${share}% of the budget in ${long}).`,
  },
});

const NIGHT_TESTS = [
  {
    name: '3 failed requests at night: pages without the guard, not with minBadEvents: 10',
    interval: '1m',
    input_series: [
      { series: 'http_requests_total{job="night",code="500"}', values: '0x30 1 2 3x150' },
      { series: 'http_requests_total{job="night",code="200"}', values: '0x183' },
    ],
    // the unguarded SLO's 6h/30m page follows after its for: 15m, its tickets after 1h; the guarded SLO never alerts
    alert_rule_test: [
      burnAt('29m', []),
      burnAt('35m', [NIGHT_PAGE]),
      burnAt('50m', [NIGHT_PAGE_6H]),
      burnAt('2h', [nightTicket('1d', '2h', 3, '3333.3', 10), nightTicket('3d', '6h', 1, '10000.0', 10)]),
    ],
  },
];

function writePromtoolTest(dir: string, name: string, specs: SloSpec[], tests: unknown[]): string {
  writeFileSync(path.join(dir, `${name}.rules.yaml`), rulesYaml(prometheusRules(specs)));
  const file = path.join(dir, `${name}.test.yaml`);
  writeFileSync(
    file,
    stringify({ rule_files: [`${name}.rules.yaml`], evaluation_interval: '1m', tests }, { lineWidth: 0 })
  );
  return file;
}

describeWithPromtool('promtool test rules over the generated rules', () => {
  const tmp = tempDir('promtool');
  afterAll(() => tmp.remove());

  it.each([
    ['api', API_SLO, API_TESTS],
    ['night', NIGHT_SLOS, NIGHT_TESTS],
  ])('%s: every tier behaves as specified', async (name, text, tests) => {
    const file = writePromtoolTest(tmp.dir, name, parse(text as string, `${name}.yaml`), tests as unknown[]);
    const res = await run(bins!.promtool, ['test', 'rules', file], tmp.dir);
    expect(res.output).toContain('SUCCESS');
    expect(res.code).toBe(0);
  });

  it('fails when an expectation is wrong (a 0.5x burn expected to page): the harness can fail', async () => {
    const wrong = [{ ...API_TESTS[2], alert_rule_test: [burnAt('1h', [PAGE_1H])] }];
    const file = writePromtoolTest(tmp.dir, 'wrong', parse(API_SLO, 'api.yaml'), wrong);
    const res = await run(bins!.promtool, ['test', 'rules', file], tmp.dir);
    expect(res.code).not.toBe(0);
    expect(res.output).toContain('FAILED');
  });
});

const SPREAD = `
apiVersion: burndown/v1
slos:
  - id: routes
    name: "Checkout {{ per }} route"
    service: checkout
    labels: {team: "pay{{x}}", tier: "1"}
    indicator:
      ratio:
        good: http_requests_total{job="checkout",code!~"5.."}
        total: http_requests_total{job="checkout"}
    objective: 99.5%
    window: {rolling: 7d}
    groupBy: [route, method]
    alerting: {page: true, ticket: false, minBadEvents: 5}
  - id: latency
    name: Checkout latency
    indicator:
      latency: {histogram: 'http_request_duration_seconds{job="checkout"}', threshold: 0.25}
    objective: 0.99
    window:
      calendar: {unit: month, timeZone: Europe/Berlin}
    exclusions:
      - {from: 2026-08-05T02:00:00Z, to: 2026-08-05T03:00:00Z, reason: planned maintenance}
    alerting: {page: false, ticket: true}
  - id: daily
    name: Daily batch
    indicator:
      ratio: {bad: 'jobs_total{result="failed"}', total: 'jobs_total + jobs_skipped_total'}
    objective: 99%
    window:
      calendar: {unit: day}
    alerting: {page: true, ticket: true}
  - id: experiment
    name: Experiment
    indicator:
      ratio: {bad: 'requests_total{code="500"}', total: requests_total}
    objective: 99%
    window:
      fixed: {from: 2026-07-10T00:00:00Z, to: 2026-07-24T00:00:00Z}
    alerting: {page: true, ticket: true}
  - id: slices
    name: Slices
    indicator:
      ratio: {bad: 'requests_total{code="500"}', total: requests_total}
    objective: 99%
    window: {rolling: 28d}
    budgetingMethod: timeslices
    timeslice: {length: 5m, target: 0.95, noData: good}
    alerting: {page: true, ticket: true}
  - id: freshness
    name: Freshness
    indicator:
      threshold: {expr: time() - last_success_timestamp_seconds, op: "<=", value: 3600}
    objective: 99%
    window: {rolling: 28d}
    budgetingMethod: timeslices
    timeslice: {length: 5m, noData: bad}
    alerting: {page: false, ticket: true}
  - id: silent
    name: No alerting
    indicator:
      ratio: {bad: 'requests_total{code="500"}', total: requests_total}
    objective: 99%
    window: {rolling: 28d}
`;

describeWithPromtool('promtool check rules', () => {
  const tmp = tempDir('check');
  afterAll(() => tmp.remove());

  async function check(name: string, specs: SloSpec[]): Promise<string> {
    const yaml = rulesYaml(prometheusRules(specs));
    const file = path.join(tmp.dir, `${name}.rules.yaml`);
    writeFileSync(file, yaml);
    const res = await run(bins!.promtool, ['check', 'rules', file]);
    expect(res.output).toContain('SUCCESS');
    expect(res.code).toBe(0);
    return yaml;
  }

  it('accepts the rules for every SLO of the scenario fixture (alerting switched on)', async () => {
    const fixture = path.join(ROOT, 'tests/fixtures/scenario-slos.yaml');
    const specs = parse(readFileSync(fixture, 'utf8'), fixture).map((s) => ({
      ...s,
      alerting: { ...s.alerting, page: true, ticket: true },
    }));
    const yaml = await check('scenario', specs);
    expect(yaml.match(/^ {2}- name: /gm)).toHaveLength(specs.length);
  });

  it('accepts good-based, latency, groupBy, calendar, fixed, timeslice, threshold SLOs and template text in names', async () => {
    const yaml = await check('spread', parse(SPREAD, 'spread.yaml'));
    // The day window leaves out the 3d tier, the timeslice and threshold SLOs get no burn alerts, `silent` no group.
    expect(yaml).toContain('The ticket tier over 3d and 6h is left out');
    expect(yaml).toContain(
      'Timeslice SLO: the event counts above are recorded, but burn-rate alerts are not generated'
    );
    expect(yaml).toContain('Threshold indicator: burn-rate alerts are not generated');
    expect(yaml).toContain('Exclusion 2026-08-05T02:00:00Z .. 2026-08-05T03:00:00Z (planned maintenance)');
    expect(yaml).not.toContain('burndown-slo-silent');
  });

  it('rejects a broken rule file: the check can fail', async () => {
    const file = path.join(tmp.dir, 'broken.rules.yaml');
    writeFileSync(file, 'groups:\n  - name: x\n    rules:\n      - record: a:b\n        expr: sum(rate(x[5m])\n');
    const res = await run(bins!.promtool, ['check', 'rules', file]);
    expect(res.code).not.toBe(0);
  });
});
