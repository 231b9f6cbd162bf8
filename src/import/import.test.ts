// Hand-written specs for what the upstream examples do not show: exact objectives, id collisions, non-string
// labels, Pyrra's alerting, labels and indicator kinds, OpenSLO references across files, composites, calendars,
// thresholds and v2alpha.

import { parseSloDocument } from '../slo/parse';
import { serializeSloFile } from '../slo/serialize';
import { importSpecs, type ImportInput } from './index';

const DAY = 24 * 3600 * 1000;

function run(...inputs: Array<[file: string, text: string]>) {
  const result = importSpecs(
    inputs.map(([file, text]): ImportInput => ({ file, text })),
    { from: 'auto' }
  );
  // Every imported result passes the burndown/v1 validator.
  expect(parseSloDocument(serializeSloFile({ apiVersion: 'burndown/v1', slos: result.slos })).errors).toEqual([]);
  return result;
}

const where = (n: { line: number; column: number; path: string; message: string }) =>
  `${n.line}:${n.column} ${n.path}: ${n.message}`;

function sloth(service: string, name: string, objective: string, extra = ''): string {
  return `version: prometheus/v1
service: ${service}
slos:
  - name: ${name}
    objective: ${objective}
    sli:
      events:
        error_query: sum(rate(e_total[{{.window}}]))
        total_query: sum(rate(t_total[{{.window}}]))
${extra}`;
}

function pyrra(name: string, namespace: string | undefined, target: string, indicator: string, extra = ''): string {
  return `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  target: ${target}
  window: 4w
  indicator:
${indicator}
${extra}`;
}

const PYRRA_RATIO = `    ratio:
      errors: {metric: 'e_total{code=~"5.."}'}
      total: {metric: e_total}`;

describe('exact objectives', () => {
  it.each([
    ['99.9', 0.999],
    ['99.99', 0.9999],
    ['99.95', 0.9995],
    ['"99.0"', 0.99],
    ['95', 0.95],
  ])('Sloth objective %s is exactly %s', (text, value) => {
    expect(run(['s.yml', sloth('svc', 'a', text)]).slos[0].objective).toBe(value);
  });

  it.each([
    ["'99.0'", 0.99],
    ['"99.99"', 0.9999],
    ['"99.95"', 0.9995],
    ['"99.9"', 0.999],
  ])('Pyrra target %s is exactly %s', (text, value) => {
    expect(run(['p.yaml', pyrra('a', 'ns', text, PYRRA_RATIO)]).slos[0].objective).toBe(value);
  });

  it('refuses an objective of 100 or more, naming the field', () => {
    const r = run(['s.yml', sloth('svc', 'a', '100')]);
    expect(r.refusals.map(where)).toEqual([
      '5:16 slos[0].objective: must be between 0% (exclusive) and 100% (exclusive), got 100%',
    ]);
  });
});

describe('Sloth', () => {
  it('ids are <service>-<name>; the same name in two services does not collide', () => {
    const r = run(['s.yml', `${sloth('a', 'avail', '99')}---\n${sloth('b', 'avail', '99')}`]);
    expect(r.slos.map((s) => s.id)).toEqual(['a-avail', 'b-avail']);
  });

  it('the same service and name twice: the second is renamed, with a note at its position', () => {
    const r = run(['one.yml', sloth('a', 'avail', '99')], ['two.yml', sloth('a', 'avail', '99.5')]);
    expect(r.slos.map((s) => [s.id, s.objective])).toEqual([
      ['a-avail', 0.99],
      ['a-avail-2', 0.995],
    ]);
    expect(r.notes.filter((n) => n.file === 'two.yml' && /already taken/.test(n.message)).map(where)).toEqual([
      '4:5 slos[0]: id "a-avail" is already taken by one.yml:4:5: renamed "a-avail-2"',
    ]);
  });

  it('non-string label values become strings; the 30-day window is a note', () => {
    const r = run(['s.yml', `labels: {tier: 2, canary: true, ratio: 0.5}\n${sloth('a', 'x', '99')}`]);
    expect(r.slos[0].labels).toEqual({ tier: '2', canary: 'true', ratio: '0.5' });
    expect(r.slos[0].window).toEqual({ kind: 'rolling', durationMs: 30 * DAY });
    expect(r.notes.map(where)).toContain(
      "5:5 slos[0]: Sloth files hold no SLO period: imported with Sloth's default, 30 days rolling (window: {rolling: 30d})"
    );
  });

  it('one refused SLO does not stop the others of the spec', () => {
    const text = `${sloth('a', 'good', '99')}  - name: plugged
    objective: 99
    sli: {plugin: {id: x}}
`;
    const r = run(['s.yml', text]);
    expect(r.slos.map((s) => s.id)).toEqual(['a-good']);
    expect(r.refusals.map((n) => [n.sloId, n.path])).toEqual([['a-plugged', 'slos[1].sli.plugin']]);
  });
});

describe('Pyrra', () => {
  it('two objects with one name in two namespaces are scoped by namespace, with notes', () => {
    const r = run(
      ['a.yaml', pyrra('api', 'team-a', '"99"', PYRRA_RATIO)],
      ['b.yaml', pyrra('api', 'team-b', '"99"', PYRRA_RATIO)]
    );
    expect(r.slos.map((s) => s.id)).toEqual(['team-a-api', 'team-b-api']);
    expect(r.notes.filter((n) => /scoped by namespace/.test(n.message)).map((n) => `${n.file} ${n.message}`)).toEqual([
      'a.yaml id "api" is asked for by 2 objects: scoped by namespace as "team-a-api"',
      'b.yaml id "api" is asked for by 2 objects: scoped by namespace as "team-b-api"',
    ]);
  });

  it('pyrra.dev/ labels are SLO labels, others and alerting are notes; grouping is groupBy', () => {
    const text = pyrra(
      'api',
      'ns',
      '"99"',
      `    ratio:
      errors: {metric: 'e_total{code=~"5.."}'}
      total: {metric: e_total}
      grouping: [route, method]`,
      `  alerting:
    disabled: false
    burnrates: true`
    ).replace('metadata:\n', 'metadata:\n  labels:\n    pyrra.dev/team: payments\n    prometheus: k8s\n');
    const r = run(['p.yaml', text]);
    expect(r.slos[0].labels).toEqual({ team: 'payments' });
    expect(r.slos[0].groupBy).toEqual(['route', 'method']);
    expect(r.notes.map(where)).toEqual([
      '6:5 metadata.labels.prometheus: not carried over: a Kubernetes label of the object; only pyrra.dev/-prefixed labels are SLO labels',
      "17:3 spec.alerting: not carried over: Pyrra's alerting block (burn rates, absent alerts, alert name) has no Burndown equivalent; set Burndown's alerting yourself",
    ]);
  });

  it('latency with different matchers on bucket and count stays a good/total ratio', () => {
    const r = run([
      'p.yaml',
      pyrra(
        'lat',
        undefined,
        '"99"',
        `    latency:
      success: {metric: 'h_seconds_bucket{job="a",le="0.5"}'}
      total: {metric: 'h_seconds_count{job="b"}'}`
      ),
    ]);
    expect(r.slos[0].indicator).toEqual({
      kind: 'ratio',
      good: 'h_seconds_bucket{job="a",le="0.5"}',
      total: 'h_seconds_count{job="b"}',
    });
  });

  it.each([
    [
      `    latencyNative:
      latency: "0.5"
      total: {metric: 'h_seconds{job="a"}'}`,
      '10:5 spec.indicator.latencyNative: latencyNative reads native histograms (histogram_fraction), which Burndown cannot count as events: use a classic histogram (latency)',
    ],
    [
      `    bool_gauge:
      metric: probe_success`,
      '10:5 spec.indicator.bool_gauge: bool_gauge averages samples of a 0/1 gauge, not counters of events: Burndown cannot measure it as a ratio',
    ],
  ])('refuses what is not a counter of events', (indicator, refusal) => {
    const r = run(['p.yaml', pyrra('x', 'ns', '"99"', indicator)]);
    expect(r.slos).toEqual([]);
    expect(r.refusals.map(where)).toEqual([refusal]);
  });
});

const SLI_FILE = `apiVersion: openslo/v1
kind: SLI
metadata: {name: checkout-sli}
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        metricSourceRef: prom
        spec: {query: 'sum(rate(http_requests_total{code=~"5.."}[5m]))'}
    total:
      metricSource:
        metricSourceRef: prom
        spec: {query: sum(http_requests_total)}
---
apiVersion: openslo/v1
kind: DataSource
metadata: {name: prom}
spec: {type: Prometheus, connectionDetails: [{url: 'http://prometheus:9090'}]}
`;

function openSlo(name: string, body: string): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata: {name: ${name}}
spec:
${body}`;
}

describe('OpenSLO', () => {
  it('resolves indicatorRef and metricSourceRef across files; a fixed rate range is noted', () => {
    const slo = openSlo(
      'checkout',
      `  indicatorRef: checkout-sli
  timeWindow: [{duration: 1M, isRolling: false, calendar: {startTime: '2024-01-01 00:00:00', timeZone: Europe/Berlin}}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.999}]
`
    );
    const r = run(['slo.yaml', slo], ['sli.yaml', SLI_FILE]);
    expect(r.refusals).toEqual([]);
    expect(r.slos).toEqual([
      {
        id: 'checkout',
        name: 'checkout',
        labels: {},
        indicator: { kind: 'ratio', bad: 'sum(http_requests_total{code=~"5.."})', total: 'sum(http_requests_total)' },
        objective: 0.999,
        window: { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin', startMonth: 1, weekStart: 'monday' },
        budgetingMethod: 'occurrences',
        groupBy: [],
        exclusions: [],
        policy: [],
        alerting: { page: false, ticket: false },
      },
    ]);
    expect(r.notes.filter((n) => n.file === 'sli.yaml').map(where)).toEqual(
      [
        '10:23 spec.ratioMetric.bad.metricSource.spec.query: carried approximately: the rate over [5m] became its counter; Burndown counts events over its own windows',
        "9:9 spec.ratioMetric.bad.metricSource.metricSourceRef: not carried over: Burndown reads from --prometheus or the SLO's Grafana data source",
        "13:9 spec.ratioMetric.total.metricSource.metricSourceRef: not carried over: Burndown reads from --prometheus or the SLO's Grafana data source",
        '16:1 : DataSource prom is not an SLO: Burndown has no such object, nothing imported (its type was used)',
      ].sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    );
  });

  it('composite objectives become a composite SLO with one component per objective, weighted', () => {
    const slo = openSlo(
      'shop',
      `  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives:
    - {displayName: Checkout, target: 0.99, compositeWeight: 2, indicatorRef: checkout-sli}
    - displayName: Search
      target: 0.995
      indicator:
        metadata: {name: search}
        spec:
          ratioMetric:
            counter: true
            good: {metricSource: {type: Prometheus, spec: {query: 'search_total{code="200"}'}}}
            total: {metricSource: {type: Prometheus, spec: {query: search_total}}}
`
    );
    const r = run(['slo.yaml', slo], ['sli.yaml', SLI_FILE]);
    expect(r.refusals).toEqual([]);
    expect(r.slos.map((s) => [s.id, s.name, s.objective, s.indicator])).toEqual([
      [
        'shop',
        'shop',
        0.995,
        {
          kind: 'composite',
          components: [
            { slo: 'shop-1', weight: 2 },
            { slo: 'shop-2', weight: 1 },
          ],
        },
      ],
      [
        'shop-1',
        'Checkout',
        0.99,
        { kind: 'ratio', bad: 'sum(http_requests_total{code=~"5.."})', total: 'sum(http_requests_total)' },
      ],
      ['shop-2', 'Search', 0.995, { kind: 'ratio', good: 'search_total{code="200"}', total: 'search_total' }],
    ]);
    expect(r.slos.every((s) => s.window.kind === 'rolling' && s.window.durationMs === 28 * DAY)).toBe(true);
  });

  it('thresholdMetric with Timeslices is a threshold SLO; with Occurrences it is refused', () => {
    const body = (method: string) => `  indicator:
    metadata: {name: latency}
    spec:
      thresholdMetric:
        metricSource: {type: Prometheus, spec: {query: 'histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))'}}
  timeWindow: [{duration: 1w, isRolling: false, calendar: {startTime: '2024-01-03 00:00:00', timeZone: UTC}}]
  budgetingMethod: ${method}
  objectives: [{op: lt, value: 0.5, target: 0.99, timeSliceWindow: 5m}]
`;
    const ok = run(['t.yaml', openSlo('lat', body('Timeslices'))]);
    expect(ok.slos.map((s) => [s.indicator, s.window, s.budgetingMethod, s.timeslice])).toEqual([
      [
        { kind: 'threshold', expr: 'histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))', op: '<', value: 0.5 },
        { kind: 'calendar', unit: 'week', timeZone: 'UTC', startMonth: 1, weekStart: 'wednesday' },
        'timeslices',
        { lengthMs: 5 * 60_000, target: 1, noData: 'good' },
      ],
    ]);
    const refused = run(['t.yaml', openSlo('lat', body('Occurrences'))]);
    expect(refused.refusals.map(where)).toEqual([
      '12:16 spec.objectives[0]: Burndown judges a thresholdMetric per time slice: only budgetingMethod Timeslices can be imported',
    ]);
  });

  it('v2alpha is read with the v1 fields and a note; an unknown kind is refused', () => {
    const r = run([
      'v2.yaml',
      `${openSlo(
        'a',
        `  indicator: {metadata: {name: i}, spec: {ratioMetric: {counter: true, good: {metricSource: {type: prometheus, spec: {query: ok_total}}}, total: {metricSource: {type: prometheus, spec: {query: all_total}}}}}}
  timeWindow: [{duration: 7d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.9}]
`
      ).replace('openslo/v1', 'openslo/v2alpha')}---\napiVersion: openslo/v1\nkind: Dashboard\nmetadata: {name: d}\n`,
    ]);
    expect(r.slos.map((s) => s.id)).toEqual(['a']);
    expect(r.notes.map(where)).toContain(
      '1:1 apiVersion: openslo/v2alpha is a draft: read as openslo/v1 plus its sli/sliRef and dataSourceRef/<source> forms'
    );
    expect(r.refusals.map(where)).toEqual([
      '10:1 kind: unknown OpenSLO kind "Dashboard": expected SLO, SLI, Service, DataSource, AlertPolicy, AlertCondition or AlertNotificationTarget',
    ]);
  });
});

describe('OpenSLO v2alpha1 draft forms', () => {
  const V2_SLI = `apiVersion: openslo/v2alpha1
kind: SLI
metadata: {name: errors}
spec:
  ratioMetric:
    counter: true
    bad: {dataSourceRef: prom, spec: {query: 'sum(rate(e_total[5m]))'}}
    total: {prometheus: {url: 'http://p:9090'}, spec: {query: t_total}}
---
apiVersion: openslo/v2alpha1
kind: DataSource
metadata: {name: prom}
spec: {prometheus: {url: 'http://p:9090'}}
---
apiVersion: openslo/v2alpha1
kind: DataSource
metadata: {name: dd}
spec: {datadog: {apiKey: k}}
`;
  const slo = (ref: string) => `apiVersion: openslo/v2alpha1
kind: SLO
metadata: {name: v2}
spec:
  sliRef: ${ref}
  timeWindow: [{duration: 1w, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.99}]
`;

  it('reads sliRef, dataSourceRef to a v2 DataSource and an inline <source> block', () => {
    const r = run(['slo.yaml', slo('errors')], ['sli.yaml', V2_SLI]);
    expect(r.refusals).toEqual([]);
    expect(r.slos.map((s) => [s.id, s.indicator, s.window])).toEqual([
      ['v2', { kind: 'ratio', bad: 'sum(e_total)', total: 't_total' }, { kind: 'rolling', durationMs: 7 * DAY }],
    ]);
  });

  it('refuses a v2 source of another type, at its key', () => {
    const sli = V2_SLI.replace('dataSourceRef: prom', 'dataSourceRef: dd');
    const r = run(['slo.yaml', slo('errors')], ['sli.yaml', sli]);
    expect(r.refusals.map((n) => `${n.file} ${where(n)}`)).toEqual([
      'sli.yaml 7:26 spec.ratioMetric.bad.dataSourceRef: data source type datadog is not Prometheus: Burndown reads Prometheus-compatible APIs only',
    ]);
  });
});

describe('--from', () => {
  it('refuses a document of another format, naming both', () => {
    const r = importSpecs([{ file: 's.yml', text: sloth('a', 'b', '99') }], { from: 'pyrra' });
    expect(r.refusals.map(where)).toEqual([
      '1:1 : a Sloth document, not Pyrra (--from pyrra): drop --from or give the right format',
    ]);
  });

  it('a YAML syntax error is a refusal with its position', () => {
    const r = importSpecs([{ file: 'bad.yml', text: 'version: "prometheus/v1\n' }], { from: 'auto' });
    expect(r.refusals).toHaveLength(1);
    expect(r.refusals[0]).toMatchObject({ file: 'bad.yml', line: 1, column: 10 });
  });
});
