// Every real Sloth, Pyrra and OpenSLO file in tests/fixtures/import (copied from the upstream projects, see its
// README) imports with exactly these ids, objectives, windows and queries, or is refused exactly here and why.
// Every imported result is run through the burndown/v1 validator.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { parseSloDocument } from '../slo/parse';
import { serializeSloFile } from '../slo/serialize';
import type { Indicator, SloSpec, WindowSpec } from '../slo/types';
import { importSpecs } from './index';
import { formatImportNote } from './types';

const DIR = path.join(__dirname, '../../tests/fixtures/import');
const DAY = 24 * 3600 * 1000;
const rolling = (days: number): WindowSpec => ({ kind: 'rolling', durationMs: days * DAY });
const ratio = (bad: string, total: string): Indicator => ({ kind: 'ratio', bad, total });

type Expected = Array<[id: string, objective: number, window: WindowSpec, indicator: Indicator]>;

const SLOTH_BAD = 'sum(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"})';
const SLOTH_TOTAL = 'sum(http_request_duration_seconds_count{job="myservice"})';
const SLOTH_GS: Expected = [['myservice-requests-availability', 0.999, rolling(30), ratio(SLOTH_BAD, SLOTH_TOTAL)]];

const IMPORTED: Record<string, Expected> = {
  'sloth/getting-started.yml': SLOTH_GS,
  'sloth/k8s-getting-started.yml': SLOTH_GS,
  'sloth/slo-plugin-getting-started.yml': SLOTH_GS,
  'sloth/slo-plugin-k8s-getting-started.yml': SLOTH_GS,
  'sloth/contrib-denominator-corrected.yaml': [['svc01-slo1', 0.999, rolling(30), ratio(SLOTH_BAD, SLOTH_TOTAL)]],
  'sloth/multifile.yml': [
    ['myservice-requests-availability', 0.999, rolling(30), ratio(SLOTH_BAD, SLOTH_TOTAL)],
    ['myservice2-requests-availability', 0.9999, rolling(30), ratio(SLOTH_BAD, SLOTH_TOTAL)],
  ],
  'sloth/no-alerts.yml': [
    [
      'myapp-http-availability',
      0.9999,
      rolling(30),
      ratio(
        'sum(http_request_duration_seconds_count{job="myapp",code=~"(5..|429)"})',
        'sum(http_request_duration_seconds_count{job="myapp"})'
      ),
    ],
  ],
  'pyrra/caddy-response-latency.yaml': [
    [
      'caddy-response-latency',
      0.9,
      rolling(28),
      {
        kind: 'latency',
        histogram: 'caddy_http_response_duration_seconds{job="caddy",handler="subroute",code!~"5.."}',
        threshold: 0.05,
      },
    ],
  ],
  'pyrra/prometheus-http.yaml': [
    [
      'prometheus-api-query',
      0.99,
      rolling(7),
      ratio(
        'prometheus_http_requests_total{handler=~"/api.*",code=~"5.."}',
        'prometheus_http_requests_total{handler=~"/api.*"}'
      ),
    ],
  ],
  'pyrra/pyrra-filesystem-errors.yaml': [
    [
      'pyrra-filesystem-errors',
      0.99,
      rolling(7),
      ratio('pyrra_filesystem_reconciles_errors_total', 'pyrra_filesystem_reconciles_total'),
    ],
  ],
  'pyrra/pyrra-kubernetes-errors.yaml': [
    [
      'pyrra-kubernetes-errors',
      0.99,
      rolling(7),
      ratio(
        'controller_runtime_reconcile_total{controller="servicelevelobjective",result="error"}',
        'controller_runtime_reconcile_total{controller="servicelevelobjective"}'
      ),
    ],
  ],
  'pyrra/thanos-grpc.yaml': [
    [
      'thanos-store',
      0.995,
      rolling(7),
      ratio(
        'grpc_server_handled_total{grpc_service="thanos.Store",grpc_method="Series",namespace="monitoring",job="thanos-store",grpc_code=~"Aborted|Unavailable|Internal|Unknown|Unimplemented|DataLoss"}',
        'grpc_server_handled_total{grpc_service="thanos.Store",grpc_method="Series",namespace="monitoring",job="thanos-store"}'
      ),
    ],
  ],
  'pyrra/thanos-http.yaml': [
    [
      'thanos-query',
      0.99,
      rolling(28),
      ratio(
        'http_requests_total{job="thanos-query",handler=~"query|query_range",code=~"5.."}',
        'http_requests_total{job="thanos-query",handler=~"query|query_range"}'
      ),
    ],
  ],
  'pyrra/slo-apiserver-read-namespace-latency.yaml': [
    [
      'apiserver-read-namespace-latency',
      0.99,
      rolling(14),
      {
        kind: 'latency',
        histogram: 'apiserver_request_sli_duration_seconds{component="apiserver",scope=~"namespace|",verb=~"LIST|GET"}',
        threshold: 5,
      },
    ],
  ],
  'pyrra/slo-apiserver-read-resource-latency.yaml': [
    [
      'apiserver-read-resource-latency',
      0.99,
      rolling(14),
      { kind: 'latency', histogram: 'apiserver_request_sli_duration_seconds{verb=~"LIST|GET"}', threshold: 0.1 },
    ],
  ],
  'pyrra/slo-apiserver-read-response-errors.yaml': [
    [
      'apiserver-read-response-errors',
      0.99,
      rolling(14),
      ratio(
        'apiserver_request_total{component="apiserver",verb=~"LIST|GET",code=~"5.."}',
        'apiserver_request_total{component="apiserver",verb=~"LIST|GET"}'
      ),
    ],
  ],
  'pyrra/slo-apiserver-write-response-errors.yaml': [
    [
      'apiserver-write-response-errors',
      0.99,
      rolling(14),
      ratio(
        'apiserver_request_total{component="apiserver",verb=~"POST|PUT|PATCH|DELETE",code=~"5.."}',
        'apiserver_request_total{component="apiserver",verb=~"POST|PUT|PATCH|DELETE"}'
      ),
    ],
  ],
  'pyrra/slo-coredns-response-errors.yaml': [
    [
      'coredns-response-errors',
      0.9999,
      rolling(14),
      ratio(
        'coredns_dns_responses_total{job="kube-dns",rcode="SERVFAIL"}',
        'coredns_dns_responses_total{job="kube-dns"}'
      ),
    ],
  ],
  'pyrra/slo-kubelet-request-errors.yaml': [
    [
      'kubelet-request-errors',
      0.99,
      rolling(14),
      ratio('rest_client_requests_total{job="kubelet",code=~"5.."}', 'rest_client_requests_total{job="kubelet"}'),
    ],
  ],
  'pyrra/slo-kubelet-runtime-errors.yaml': [
    [
      'kubelet-runtime-errors',
      0.99,
      rolling(14),
      ratio(
        'kubelet_runtime_operations_errors_total{job="kubelet"}',
        'kubelet_runtime_operations_total{job="kubelet"}'
      ),
    ],
  ],
  'pyrra/slo-prometheus-notification-errors.yaml': [
    [
      'prometheus-notification-errors',
      0.99,
      rolling(14),
      ratio(
        'prometheus_notifications_errors_total{job="prometheus-k8s"}',
        'prometheus_notifications_sent_total{job="prometheus-k8s"}'
      ),
    ],
  ],
  'pyrra/slo-prometheus-operator-http-errors.yaml': [
    [
      'prometheus-operator-http-errors',
      0.995,
      rolling(14),
      ratio(
        'prometheus_operator_kubernetes_client_http_requests_total{job="prometheus-operator",status_code=~"5.."}',
        'prometheus_operator_kubernetes_client_http_requests_total{job="prometheus-operator"}'
      ),
    ],
  ],
  'pyrra/slo-prometheus-rule-evaluation-failures.yaml': [
    [
      'prometheus-rule-evaluation-failures',
      0.9999,
      rolling(14),
      ratio(
        'prometheus_rule_evaluation_failures_total{job="prometheus-k8s"}',
        'prometheus_rule_evaluations_total{job="prometheus-k8s"}'
      ),
    ],
  ],
  'pyrra/apiserver-request-latency.yaml': [
    [
      'apiserver-read-resource-request-latency',
      0.99,
      rolling(14),
      {
        kind: 'latency',
        histogram: 'apiserver_request_duration_seconds{job="apiserver",scope=~"resource|",verb=~"LIST|GET"}',
        threshold: 1,
      },
    ],
  ],
  'pyrra/coredns-response-errors.yaml': [
    [
      'coredns-response-errors',
      0.9999,
      rolling(14),
      ratio(
        'coredns_dns_responses_total{job="coredns",rcode="SERVFAIL"}',
        'coredns_dns_responses_total{job="coredns"}'
      ),
    ],
  ],
  'pyrra/prometheus-http-errors.yaml': [
    [
      'prometheus-http-errors',
      0.9999,
      rolling(14),
      ratio(
        'prometheus_http_requests_total{job="prometheus-k8s",code=~"5.."}',
        'prometheus_http_requests_total{job="prometheus-k8s"}'
      ),
    ],
  ],
  'pyrra/pyrra-http-errors.yaml': [
    [
      'pyrra-api-errors',
      0.99,
      rolling(14),
      ratio('http_requests_total{job="pyrra",code=~"5.."}', 'http_requests_total{job="pyrra"}'),
    ],
  ],
  'openslo/openslo-getting-started.yml': [
    [
      'sloth-slo-my-service',
      0.999,
      rolling(30),
      {
        kind: 'ratio',
        good: 'sum(http_request_duration_seconds_count{job="myservice",code!~"(5..|429)"})',
        total: SLOTH_TOTAL,
      },
    ],
  ],
  'openslo/slos.yaml': [
    [
      'web-availability',
      0.995,
      { kind: 'calendar', unit: 'week', timeZone: 'America/New_York', startMonth: 1, weekStart: 'saturday' },
      {
        kind: 'ratio',
        good: 'sum(http_requests{k8s_cluster="prod",component="web",code=~"2xx|4xx"})',
        total: 'sum(http_requests{k8s_cluster="prod",component="web"})',
      },
    ],
  ],
};

/** `line:col path: message` of each refusal, exactly. */
const REFUSED: Record<string, string[]> = {
  'sloth/_gen/getting-started.yml': [
    "6:1 groups: a Prometheus rules file (such as Sloth's or Pyrra's generated output), not an SLO spec: import the spec it was generated from",
  ],
  'sloth/_gen/raw-home-wifi.yml': [
    "6:1 groups: a Prometheus rules file (such as Sloth's or Pyrra's generated output), not an SLO spec: import the spec it was generated from",
  ],
  'sloth/windows/custom-30d.yaml': [
    "2:1 kind: kind AlertWindows is Sloth's table of burn-rate alert windows, not an SLO spec: nothing to import",
  ],
  'sloth/home-wifi.yml': [
    '34:22 slos[0].sli.events.error_query: (count(unifipoller_client_satisfaction_ratio < 0.75))[{{.window}}:] is a subquery (it counts samples of a gauge), not a counter rate: Burndown measures counters of events',
    '35:22 slos[0].sli.events.total_query: (count(unifipoller_client_satisfaction_ratio))[{{.window}}:] is a subquery (it counts samples of a gauge), not a counter rate: Burndown measures counters of events',
    '50:22 slos[1].sli.events.error_query: (count(unifipoller_client_satisfaction_ratio < 0.5))[{{.window}}:] is a subquery (it counts samples of a gauge), not a counter rate: Burndown measures counters of events',
    '51:22 slos[1].sli.events.total_query: (count(unifipoller_client_satisfaction_ratio))[{{.window}}:] is a subquery (it counts samples of a gauge), not a counter rate: Burndown measures counters of events',
  ],
  'sloth/raw-home-wifi.yml': [
    '28:28 slos[0].sli.raw.error_ratio_query: a raw error ratio is not a count of events: Burndown needs bad (or good) and total counters; rewrite the SLI as events',
  ],
  'sloth/plugin-getting-started.yml': [
    '13:7 slos[0].sli.plugin: a Sloth SLI plugin builds its queries inside Sloth: the file has no query to import; write the SLO with events (error and total queries)',
  ],
  'openslo/occurences-slo.yaml': [
    '17:17 spec.indicator.spec.thresholdMetric.metricSource.type: a placeholder metric source (type: Any) has no query to import',
  ],
  'openslo/ratio-timeslices.yaml': [
    '18:19 spec.indicator.spec.ratioMetric.good.metricSource.type: a placeholder metric source (type: Any) has no query to import',
    '23:19 spec.indicator.spec.ratioMetric.total.metricSource.type: a placeholder metric source (type: Any) has no query to import',
    '29:20 spec.budgetingMethod: RatioTimeslices (the mean of per-slice ratios) has no Burndown equivalent: Burndown budgets Occurrences or Timeslices',
  ],
  'openslo/timeslices-slo.yaml': [
    '16:19 spec.indicator.spec.ratioMetric.good.metricSource.type: a placeholder metric source (type: Any) has no query to import',
    '21:19 spec.indicator.spec.ratioMetric.total.metricSource.type: a placeholder metric source (type: Any) has no query to import',
  ],
  'openslo/slo-composite-indicatorRef-rolling-no-alerts.yaml': [
    '17:21 spec.objectives[0].indicatorRef: no SLI named "indicatorRefString" in the input: give the file that defines it too',
    '21:21 spec.objectives[1].indicatorRef: no SLI named "indicatorRefString" in the input: give the file that defines it too',
  ],
  'openslo/slo-indicatorRef-rolling-cloudwatch.yaml': [
    '8:17 spec.indicatorRef: no SLI named "foo-sli" in the input: give the file that defines it too',
  ],
  'openslo/slo-indicatorref-rolling-no-alerts.yaml': [
    '9:17 spec.indicatorRef: no SLI named "indicatorRefString" in the input: give the file that defines it too',
  ],
  'openslo/slo-no-indicatorref-rolling-no-alerts.yaml': [
    '19:19 spec.indicator.spec.ratioMetric.good.metricSource.type: data source type Datadog is not Prometheus: Burndown reads Prometheus-compatible APIs only',
    '25:19 spec.indicator.spec.ratioMetric.total.metricSource.type: data source type Datadog is not Prometheus: Burndown reads Prometheus-compatible APIs only',
  ],
};

/** Files with neither SLOs nor refusals: only objects Burndown has no use for, each named in a note. */
const NOTES_ONLY: Record<string, number> = {
  'openslo/alert_conditions.yaml': 2,
  'openslo/alert_notification_targets.yaml': 2,
  'openslo/alert_policies.yaml': 3,
  'openslo/data_sources.yaml': 2,
  'openslo/services.yaml': 2,
  'openslo/sli-description-ratio-good-metricsourceref.yaml': 1,
};

function exampleFiles(dir = DIR, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? exampleFiles(full, rel) : name === 'README.md' ? [] : [rel];
  });
}

function importFile(file: string) {
  return importSpecs([{ file, text: readFileSync(path.join(DIR, file), 'utf8') }], { from: 'auto' });
}

function expectValid(slos: SloSpec[]) {
  const { errors } = parseSloDocument(serializeSloFile({ apiVersion: 'burndown/v1', slos }));
  expect(errors).toEqual([]);
}

describe('the example files', () => {
  it('are 48, and each has an expectation below', () => {
    const files = exampleFiles().sort();
    expect(files).toHaveLength(48);
    const covered = [...Object.keys(IMPORTED), ...Object.keys(REFUSED), ...Object.keys(NOTES_ONLY)].sort();
    expect(covered).toEqual(files);
  });

  it.each(Object.keys(IMPORTED))('%s imports exactly', (file) => {
    const result = importFile(file);
    expect(result.refusals.map(formatImportNote)).toEqual([]);
    expect(result.slos.map((s) => [s.id, s.objective, s.window, s.indicator])).toEqual(IMPORTED[file]);
    expectValid(result.slos);
  });

  it.each(Object.keys(REFUSED))('%s is refused exactly', (file) => {
    const result = importFile(file);
    expect(result.slos).toEqual([]);
    expect(result.refusals.map((n) => `${n.line}:${n.column} ${n.path}: ${n.message}`)).toEqual(REFUSED[file]);
    expect(result.refusals.every((n) => n.file === file)).toBe(true);
  });

  it.each(Object.keys(NOTES_ONLY))('%s holds no SLO: one note per object', (file) => {
    const result = importFile(file);
    expect(result.slos).toEqual([]);
    expect(result.refusals).toEqual([]);
    expect(result.notes).toHaveLength(NOTES_ONLY[file]);
  });

  it('all at once: the rest imports, duplicate ids are renamed with a note, every result validates', () => {
    const files = exampleFiles().sort();
    const result = importSpecs(
      files.map((file) => ({ file, text: readFileSync(path.join(DIR, file), 'utf8') })),
      { from: 'auto' }
    );
    const ids = result.slos.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Sloth's getting-started SLO appears in 5 files (one service, one name): the later four are renamed.
    expect(ids.filter((id) => id.startsWith('myservice-requests-availability')).sort()).toEqual([
      'myservice-requests-availability',
      'myservice-requests-availability-2',
      'myservice-requests-availability-3',
      'myservice-requests-availability-4',
      'myservice-requests-availability-5',
    ]);
    // Two Pyrra coredns-response-errors in the same namespace: scoping cannot separate them, so -2.
    expect(ids.filter((id) => id.startsWith('coredns-response-errors'))).toEqual([
      'coredns-response-errors',
      'coredns-response-errors-2',
    ]);
    expect(result.notes.filter((n) => /already taken/.test(n.message))).toHaveLength(5);
    expectValid(result.slos);
  });
});
