// fast-check generators of valid normalized SLO files (every rule of validate.ts respected), for round-trip and schema tests.

import fc from 'fast-check';

import {
  API_VERSION,
  CalendarUnit,
  ComparisonOp,
  Indicator,
  NoDataPolicy,
  PolicyLevel,
  SloFile,
  SloSpec,
  Weekday,
  WindowSpec,
} from '../types';

const text = fc
  .oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }))
  .filter((s) => s.trim() !== '');
// counter fields take linear expressions of counter selectors; threshold.expr any instant-vector expression
const counterPromql = fc.constantFrom(
  'errors_total',
  'http_requests_total{job="checkout",code=~"5.."}',
  "sum(x_total{a='b'})",
  'a_total{x="{[("} # comment with )',
  'sum by (route) (x_total) / 2',
  'x_total{a="line\\nbreak"}'
);
const gaugePromql = fc.constantFrom(
  'up',
  '  up == 0  ',
  "sum(rate(x_total{a='b'}[5m]))",
  'a_total{x="{[("} # comment with )',
  'sum by (route) (increase(x_total[1h])) / 2'
);
const histogram = fc.constantFrom(
  'h_seconds',
  'http_request_duration_seconds{job="checkout"}',
  "rpc_latency_seconds{method!~'Get.*'}"
);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
const positive = fc.double({ min: 1e-9, max: 1e9, noNaN: true });
const fraction = fc.double({ min: 0, max: 1, minExcluded: true, maxExcluded: true, noNaN: true });
const durationMs = fc.integer({ min: 1, max: 10 * 365 * 86_400_000 });
const epochMs = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) });
const interval = fc
  .tuple(epochMs, epochMs)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/);
const ops: ComparisonOp[] = ['<', '<=', '>', '>=', '==', '!='];
const units: CalendarUnit[] = ['day', 'week', 'month', 'quarter', 'year'];
const weekdays: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const noData: NoDataPolicy[] = ['good', 'bad', 'ignore'];

const windowArb: fc.Arbitrary<WindowSpec> = fc.oneof(
  durationMs.map((ms): WindowSpec => ({ kind: 'rolling', durationMs: ms })),
  interval.map((r): WindowSpec => ({ kind: 'fixed', ...r })),
  fc
    .record({
      unit: fc.constantFrom(...units),
      timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/New_York', 'Australia/Lord_Howe'),
      startMonth: fc.integer({ min: 1, max: 12 }),
      weekStart: fc.constantFrom(...weekdays),
    })
    .map(
      ({ unit, timeZone, startMonth, weekStart }): WindowSpec => ({
        kind: 'calendar',
        unit,
        timeZone,
        startMonth: unit === 'quarter' || unit === 'year' ? startMonth : 1,
        weekStart: unit === 'week' ? weekStart : 'monday',
      })
    )
);

function indicatorArb(earlierIds: string[]): fc.Arbitrary<Indicator> {
  const simple: Array<fc.Arbitrary<Indicator>> = [
    fc.record({ bad: counterPromql, total: counterPromql }).map((r): Indicator => ({ kind: 'ratio', ...r })),
    fc.record({ good: counterPromql, total: counterPromql }).map((r): Indicator => ({ kind: 'ratio', ...r })),
    fc.record({ histogram, threshold: positive }).map((r): Indicator => ({ kind: 'latency', ...r })),
    fc
      .record({ expr: gaugePromql, op: fc.constantFrom(...ops), value: finite })
      .map((r): Indicator => ({ kind: 'threshold', ...r })),
  ];
  if (earlierIds.length === 0) {
    return fc.oneof(...simple);
  }
  const composite = fc
    .uniqueArray(fc.constantFrom(...earlierIds), { minLength: 1, maxLength: earlierIds.length })
    .chain((slos) => fc.tuple(...slos.map((slo) => positive.map((weight) => ({ slo, weight })))))
    .map((components): Indicator => ({ kind: 'composite', components }));
  return fc.oneof(...simple, composite);
}

const policyArb: fc.Arbitrary<PolicyLevel[]> = fc
  .uniqueArray(
    fc.double({ min: 0, max: 1, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    { maxLength: 4 }
  )
  .chain((belows) =>
    fc.tuple(
      ...[...belows]
        .sort((a, b) => b - a)
        .map((below, i) =>
          fc
            .record({
              withBelow: fc.boolean(),
              burnRate: fc.option(fc.record({ above: positive, windowMs: durationMs }), { nil: undefined }),
              actions: fc.array(text, { maxLength: 2 }),
              exceptions: fc.uniqueArray(fc.constantFrom('security-fix', 'sev1-remediation', 'rollback', 'db-2'), {
                maxLength: 3,
              }),
              informs: fc.boolean(),
            })
            .map(({ withBelow, burnRate, actions, exceptions, informs }): PolicyLevel => {
              const keepBelow = withBelow || !burnRate;
              return {
                name: `level-${i}`,
                ...(keepBelow ? { below } : {}),
                ...(burnRate ? { burnRate } : {}),
                actions,
                // A level that does not block has no exceptions (the validator refuses both together).
                ...(informs ? { blocksReleases: false as const } : exceptions.length > 0 ? { exceptions } : {}),
              };
            })
        )
    )
  );

function sloArb(id: string, earlierIds: string[]): fc.Arbitrary<SloSpec> {
  return fc
    .record({
      name: text,
      service: fc.option(text, { nil: undefined }),
      description: fc.option(text, { nil: undefined }),
      labels: fc.dictionary(text, text, { maxKeys: 3 }),
      datasource: fc.option(fc.record({ uid: text, type: fc.option(text, { nil: undefined }) }), { nil: undefined }),
      indicator: indicatorArb(earlierIds),
      objective: fraction,
      window: windowArb,
      slices: fc.boolean(),
      timeslice: fc.record({
        lengthMs: durationMs,
        target: fc.double({ min: 0, max: 1, minExcluded: true, noNaN: true }),
        noData: fc.constantFrom(...noData),
      }),
      groupBy: fc.uniqueArray(labelName, { maxLength: 3 }),
      exclusions: fc.array(
        fc
          .record({ from: fc.constant(0), to: fc.constant(0), reason: text })
          .chain((e) => interval.map((r) => ({ ...r, reason: e.reason }))),
        {
          maxLength: 2,
        }
      ),
      policy: policyArb,
      alerting: fc.record({ page: fc.boolean(), ticket: fc.boolean(), runbook: fc.option(text, { nil: undefined }) }),
    })
    .map((r): SloSpec => {
      const kind = r.indicator.kind;
      const slices = kind === 'threshold' || (kind !== 'composite' && r.slices);
      const { runbook, ...flags } = r.alerting;
      return {
        id,
        name: r.name,
        ...(r.service !== undefined ? { service: r.service } : {}),
        ...(r.description !== undefined ? { description: r.description } : {}),
        labels: r.labels,
        ...(r.datasource
          ? { datasource: r.datasource.type === undefined ? { uid: r.datasource.uid } : r.datasource }
          : {}),
        indicator: r.indicator,
        objective: r.objective,
        window: r.window,
        budgetingMethod: slices ? 'timeslices' : 'occurrences',
        ...(slices ? { timeslice: kind === 'threshold' ? { ...r.timeslice, target: 1 } : r.timeslice } : {}),
        groupBy: kind === 'composite' ? [] : r.groupBy,
        exclusions: r.exclusions,
        policy: r.policy,
        alerting: runbook === undefined ? flags : { ...flags, runbook },
      };
    });
}

export const sloFileArb: fc.Arbitrary<SloFile> = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 0, maxLength: 4 })
  .chain((ids) => fc.tuple(...ids.map((id, i) => sloArb(id, ids.slice(0, i)))))
  .map((slos) => ({ apiVersion: API_VERSION, slos }));
