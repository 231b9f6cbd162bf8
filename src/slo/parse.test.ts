import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import { parseSloDocument, parseSloObjects } from './parse';
import { formatSloError, SloError, SloFile, SloSpec } from './types';

// Test documents mark the expected error position with » (removed before parsing).
const MARK = '»';

function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

type SloField = 'id' | 'name' | 'indicator' | 'objective' | 'window';

const BASE: Record<SloField, string> = {
  id: 'id: checkout',
  name: 'name: Checkout',
  indicator: 'indicator: {ratio: {bad: errors_total, total: requests_total}}',
  objective: 'objective: 99.5%',
  window: 'window: {rolling: 28d}',
};

/** One SLO list item: the base fields (each replaceable, '' drops it) plus extra lines. */
function slo(over: Partial<Record<SloField, string>> = {}, extra = ''): string {
  const fields = (Object.keys(BASE) as SloField[]).map((k) => over[k] ?? BASE[k]).filter((f) => f !== '');
  const body = [...fields, ...(extra ? [dedent(extra)] : [])]
    .join('\n')
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `  - ${body.slice(4)}\n`;
}

function doc(...slos: string[]): string {
  return `apiVersion: burndown/v1\nslos:\n${slos.join('')}`;
}

function marked(source: string): { text: string; line: number; column: number } {
  const at = source.indexOf(MARK);
  if (at < 0) {
    throw new Error('test document has no » marker');
  }
  const before = source.slice(0, at);
  return { text: source.replace(MARK, ''), line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

function parseOk(text: string): SloFile {
  const { file, errors } = parseSloDocument(text, { file: 'slos.yaml' });
  expect(errors.map(formatSloError)).toEqual([]);
  return file!;
}

function parseOne(text: string): SloSpec {
  return parseOk(text).slos[0];
}

/** Parses a » marked document and expects exactly one error: at the marker, with this path and message fragment. */
function expectError(source: string, path: string, message: string): SloError {
  const m = marked(source);
  const { file, errors } = parseSloDocument(m.text, { file: 'slos.yaml' });
  expect(file).toBeUndefined();
  expect(errors.map(formatSloError)).toHaveLength(1);
  expect(errors[0]).toMatchObject({ file: 'slos.yaml', line: m.line, column: m.column, path });
  expect(errors[0].message).toContain(message);
  return errors[0];
}

describe('parseSloDocument: the DESIGN.md section 10 example', () => {
  it('parses to the expected normalized object', () => {
    const text = readFileSync(join(__dirname, 'testdata', 'design-example.yaml'), 'utf8');
    expect(parseOk(text)).toEqual({
      apiVersion: 'burndown/v1',
      slos: [
        {
          id: 'checkout-availability',
          name: 'Checkout availability',
          service: 'checkout',
          description: 'Checkout requests that do not fail with a 5xx.',
          labels: { team: 'payments', tier: '1' },
          datasource: { uid: 'prometheus' },
          indicator: {
            kind: 'ratio',
            bad: 'http_requests_total{job="checkout",code=~"5.."}',
            total: 'http_requests_total{job="checkout"}',
          },
          objective: 0.995,
          window: { kind: 'calendar', unit: 'quarter', timeZone: 'Europe/Berlin', startMonth: 9, weekStart: 'monday' },
          budgetingMethod: 'occurrences',
          groupBy: [],
          exclusions: [{ from: Date.UTC(2026, 7, 5, 2), to: Date.UTC(2026, 7, 5, 3), reason: 'planned maintenance' }],
          policy: [
            { below: 0.5, name: 'notify', actions: ['notify #payments'] },
            { below: 0.25, name: 'freeze', actions: ['freeze non-critical releases'] },
            { below: 0, name: 'stop', actions: ['freeze all releases', 'postmortem required'] },
          ],
          alerting: { page: true, ticket: true, runbook: 'https://runbooks.example/checkout' },
        },
      ],
    });
  });

  it('is the example DESIGN.md shows', () => {
    // DESIGN.md lives outside the repo (/work/shared); compare only where it is present. The copy may be reformatted
    // (prettier), so compare what both parse to.
    const designPath = join(__dirname, '..', '..', '..', 'shared', 'DESIGN.md');
    if (!existsSync(designPath)) {
      return;
    }
    const block = /## 10\.[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readFileSync(designPath, 'utf8'));
    expect(block).not.toBeNull();
    expect(parseOk(readFileSync(join(__dirname, 'testdata', 'design-example.yaml'), 'utf8'))).toEqual(
      parseOk(block![1])
    );
  });
});

describe('defaults', () => {
  it('fills every documented default', () => {
    const spec = parseOne(doc(slo()));
    expect(spec).toEqual({
      id: 'checkout',
      name: 'Checkout',
      labels: {},
      indicator: { kind: 'ratio', bad: 'errors_total', total: 'requests_total' },
      objective: 0.995,
      window: { kind: 'rolling', durationMs: 28 * 86_400_000 },
      budgetingMethod: 'occurrences',
      groupBy: [],
      exclusions: [],
      policy: [],
      alerting: { page: false, ticket: false },
    });
    expect(Object.keys(spec)).not.toEqual(expect.arrayContaining(['timeslice']));
  });

  it('calendar: month is short for {unit: month} with UTC, startMonth 1, weekStart monday', () => {
    const expected = { kind: 'calendar', unit: 'month', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };
    expect(parseOne(doc(slo({ window: 'window: {calendar: month}' }))).window).toEqual(expected);
    expect(parseOne(doc(slo({ window: 'window: {calendar: {unit: month}}' }))).window).toEqual(expected);
  });

  it('timeslice noData defaults to good; component weight to 1; policy actions to []', () => {
    const spec = parseOne(
      doc(
        slo(
          {},
          'budgetingMethod: timeslices\ntimeslice: {length: 5m, target: 99%}\npolicy:\n  - {below: 10%, name: low}'
        )
      )
    );
    expect(spec.timeslice).toEqual({ lengthMs: 300_000, target: 0.99, noData: 'good' });
    expect(spec.policy).toEqual([{ name: 'low', below: 0.1, actions: [] }]);
    const file = parseOk(
      doc(slo(), slo({ id: 'id: journey', indicator: 'indicator: {composite: {components: [{slo: checkout}]}}' }))
    );
    expect(file.slos[1].indicator).toEqual({ kind: 'composite', components: [{ slo: 'checkout', weight: 1 }] });
  });

  it('threshold indicators get a normalized slice target of 1 (their op and value decide)', () => {
    const spec = parseOne(
      doc(
        slo(
          { indicator: 'indicator: {threshold: {expr: probe_success, op: "==", value: 1}}' },
          'budgetingMethod: timeslices\ntimeslice: {length: 1m, noData: ignore}'
        )
      )
    );
    expect(spec.indicator).toEqual({ kind: 'threshold', expr: 'probe_success', op: '==', value: 1 });
    expect(spec.timeslice).toEqual({ lengthMs: 60_000, target: 1, noData: 'ignore' });
  });
});

describe('accepted forms', () => {
  it.each(['99.5%', '"99.5%"', '0.995', "'0.995'", '99.5 %'])('objective %s is 0.995', (text) => {
    expect(parseOne(doc(slo({ objective: `objective: ${text}` }))).objective).toBe(0.995);
  });

  it('policy below takes percentages or fractions, down to 0%', () => {
    const spec = parseOne(
      doc(
        slo(
          {},
          'policy:\n  - {below: 50%, name: a}\n  - {below: 0.25, name: b}\n  - {below: "10%", name: c}\n  - {below: 0%, name: d}'
        )
      )
    );
    expect(spec.policy.map((l) => l.below)).toEqual([0.5, 0.25, 0.1, 0]);
  });

  it('burn-rate levels and combined durations', () => {
    const spec = parseOne(
      doc(slo({ window: 'window: {rolling: 1h30m}' }, 'policy:\n  - {name: fast, burnRate: {above: 14.4, window: 1h}}'))
    );
    expect(spec.window).toEqual({ kind: 'rolling', durationMs: 5_400_000 });
    expect(spec.policy).toEqual([{ name: 'fast', burnRate: { above: 14.4, windowMs: 3_600_000 }, actions: [] }]);
  });

  it('YAML anchors, aliases and merge keys', () => {
    const file = parseOk(
      doc(
        slo({}, 'datasource: &prom {uid: prometheus}\nalerting: &alerts {page: true, ticket: true}'),
        slo({ id: 'id: second' }, 'datasource: *prom\nalerting:\n  <<: *alerts\n  ticket: false')
      )
    );
    expect(file.slos[1].datasource).toEqual({ uid: 'prometheus' });
    expect(file.slos[1].alerting).toEqual({ page: true, ticket: false });
  });

  it('fixed windows, offsets in timestamps, and grouping', () => {
    const spec = parseOne(
      doc(
        slo(
          { window: 'window: {fixed: {from: 2026-07-10T00:00:00+02:00, to: 2026-07-24T00:00:00Z}}' },
          'groupBy: [route, tenant_id]\nlabels: {team: payments, "tier": "1"}'
        )
      )
    );
    expect(spec.window).toEqual({ kind: 'fixed', from: Date.UTC(2026, 6, 9, 22), to: Date.UTC(2026, 6, 24) });
    expect(spec.groupBy).toEqual(['route', 'tenant_id']);
    expect(spec.labels).toEqual({ team: 'payments', tier: '1' });
  });
});

describe('document-level rules', () => {
  it('apiVersion missing', () => {
    expectError(`»slos: []\n`, 'apiVersion', 'required field is missing');
  });

  it('apiVersion wrong', () => {
    expectError(`apiVersion: »burndown/v2\nslos: []\n`, 'apiVersion', 'expected burndown/v1, got "burndown/v2"');
  });

  it('slos not a list', () => {
    expectError(`apiVersion: burndown/v1\nslos: »{id: x}\n`, 'slos', 'expected a list of SLOs, got a mapping');
  });

  it('the document is not a mapping', () => {
    expectError(`»- apiVersion: burndown/v1\n`, '', 'expected a mapping with apiVersion and slos, got a list');
  });

  it('an empty document', () => {
    expectError(`»\n`, '', 'the document is empty');
  });

  it('unknown top-level field lists the expected ones', () => {
    expectError(
      `apiVersion: burndown/v1\n»kind: SLO\nslos: []\n`,
      'kind',
      'unknown field "kind"; expected one of: apiVersion, slos'
    );
  });

  it('a YAML syntax error comes back as an error with its position, not an exception', () => {
    const e = expectError(doc(slo({ name: 'name: »"unterminated' })), '', 'YAML syntax error: Missing closing "quote');
    expect(formatSloError(e)).toBe('slos.yaml:4:11: <root>: YAML syntax error: Missing closing "quote');
  });

  it('a YAML syntax error inside a value reports where it is', () => {
    expectError(
      doc(
        slo(
          { indicator: 'indicator: {threshold: {expr: up, op: »>=, value: 1}}' },
          'budgetingMethod: timeslices\ntimeslice: {length: 1m}'
        )
      ),
      '',
      'Plain value cannot start with block scalar indicator > (put the value in quotes)'
    );
  });

  it('duplicate keys are syntax errors', () => {
    expectError(doc(slo({}, '»objective: 99%')), '', 'Map keys must be unique');
  });

  it('an alias bomb is refused instead of expanded', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`
      );
    }
    const { errors } = parseSloDocument(lines.join('\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('expands to more than');
  });

  it('reports every problem at once, in document order', () => {
    const m = doc(
      slo({ objective: 'objective: 99.5' }),
      slo({ id: 'id: Bad_Id', window: 'window: {rolling: 28days}' }),
      slo({ id: 'id: third', name: '' })
    );
    const { file, errors } = parseSloDocument(m, { file: 'slos.yaml' });
    expect(file).toBeUndefined();
    expect(errors.map(formatSloError)).toEqual([
      'slos.yaml:6:16: slos[0].objective: 99.5 is not a fraction: write 99.5% or 0.995',
      'slos.yaml:8:9: slos[1].id: invalid id "Bad_Id": use lowercase letters, digits and hyphens ([a-z0-9-]+)',
      'slos.yaml:12:23: slos[1].window.rolling: invalid duration "28days": use Prometheus units ms, s, m, h, d, w, y, largest first (5m, 28d, 1h30m)',
      'slos.yaml:13:5: slos[2].name: required field is missing',
    ]);
  });
});

describe('SLO fields', () => {
  it('unknown field with a did-you-mean', () => {
    expectError(
      doc(slo({}, '»budgetingMethd: occurrences')),
      'slos[0].budgetingMethd',
      'unknown field "budgetingMethd"; did you mean "budgetingMethod"?'
    );
  });

  it('unknown field matched case-insensitively', () => {
    expectError(doc(slo({}, 'alerting: {»Page: true}')), 'slos[0].alerting.Page', 'did you mean "page"?');
  });

  it('unknown field without a close match lists the fields', () => {
    expectError(
      doc(slo({}, '»owner: me')),
      'slos[0].owner',
      'unknown field "owner"; expected one of: id, name, service'
    );
  });

  it('unknown nested field', () => {
    expectError(doc(slo({ window: 'window: {»rollin: 28d}' })), 'slos[0].window.rollin', 'did you mean "rolling"?');
  });

  it('required field missing points at the SLO', () => {
    expectError(doc(slo({ id: '»id: checkout', objective: '' })), 'slos[0].objective', 'required field is missing');
  });

  it('a field with no value is reported at its key', () => {
    expectError(
      doc(slo({ objective: '»objective:' })),
      'slos[0].objective',
      'expected a percentage like 99.5% or a fraction like 0.995, got nothing'
    );
  });

  it('name must be a string', () => {
    expectError(doc(slo({ name: 'name: »123' })), 'slos[0].name', 'expected a string, got number 123; quote it: "123"');
  });

  it('id must match [a-z0-9-]+', () => {
    expectError(
      doc(slo({ id: 'id: »Checkout_API' })),
      'slos[0].id',
      'invalid id "Checkout_API": use lowercase letters, digits and hyphens'
    );
  });

  it('duplicate id', () => {
    expectError(
      doc(slo(), slo({ id: 'id: »checkout' })),
      'slos[1].id',
      'duplicate id "checkout": already used by slos[0] at line 3'
    );
  });

  it('objective 100% is outside (0, 1)', () => {
    expectError(
      doc(slo({ objective: 'objective: »100%' })),
      'slos[0].objective',
      'must be between 0% (exclusive) and 100% (exclusive), got 100%'
    );
  });

  it('objective 0 is outside (0, 1)', () => {
    expectError(
      doc(slo({ objective: 'objective: »0' })),
      'slos[0].objective',
      'must be between 0% (exclusive) and 100% (exclusive), got 0'
    );
  });

  it('objective 99.5 without % explains the fraction form', () => {
    expectError(
      doc(slo({ objective: 'objective: »99.5' })),
      'slos[0].objective',
      '99.5 is not a fraction: write 99.5% or 0.995'
    );
  });

  it('objective that is not a number', () => {
    expectError(
      doc(slo({ objective: 'objective: »high' })),
      'slos[0].objective',
      'expected a percentage like 99.5% or a fraction like 0.995, got "high"'
    );
  });

  it('labels must be a map', () => {
    expectError(
      doc(slo({}, 'labels: »[team]')),
      'slos[0].labels',
      'expected a mapping of label names to strings, got a list'
    );
  });

  it('label values must be strings', () => {
    expectError(
      doc(slo({}, 'labels: {team: a, tier: »1}')),
      'slos[0].labels.tier',
      'label values must be strings, got number 1; quote it: "1"'
    );
  });

  it('datasource without uid', () => {
    expectError(doc(slo({}, 'datasource: »{type: prometheus}')), 'slos[0].datasource.uid', 'required field is missing');
  });

  it('datasource with an empty uid', () => {
    expectError(doc(slo({}, 'datasource: {uid: »""}')), 'slos[0].datasource.uid', 'must not be empty');
  });

  it('groupBy not a list', () => {
    expectError(doc(slo({}, 'groupBy: »route')), 'slos[0].groupBy', 'expected a list of label names, got "route"');
  });

  it('groupBy with an invalid label name', () => {
    expectError(
      doc(slo({}, 'groupBy: [route, »route-name]')),
      'slos[0].groupBy[1]',
      '"route-name" is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)'
    );
  });

  it('groupBy with a repeated label', () => {
    expectError(doc(slo({}, 'groupBy: [route, »route]')), 'slos[0].groupBy[1]', '"route" is listed twice');
  });

  it('alerting flags must be booleans', () => {
    expectError(doc(slo({}, 'alerting: {page: »yes}')), 'slos[0].alerting.page', 'expected true or false, got "yes"');
  });

  it('alerting.minBadEvents must be a whole number >= 1', () => {
    expectError(
      doc(slo({}, 'alerting: {page: true, minBadEvents: »2.5}')),
      'slos[0].alerting.minBadEvents',
      'must be a whole number >= 1, got 2.5'
    );
    const { file } = parseSloDocument(doc(slo({}, 'alerting: {page: true, minBadEvents: 10}')));
    expect(file!.slos[0].alerting).toEqual({ page: true, ticket: false, minBadEvents: 10 });
  });
});

describe('indicators', () => {
  it('ratio without total', () => {
    expectError(
      doc(slo({ indicator: 'indicator: {ratio: »{bad: errors_total}}' })),
      'slos[0].indicator.ratio.total',
      'required field is missing'
    );
  });

  it('ratio with both bad and good', () => {
    expectError(
      doc(slo({ indicator: 'indicator: {ratio: {bad: e_total, »good: g_total, total: t_total}}' })),
      'slos[0].indicator.ratio.good',
      'give either bad or good events, not both'
    );
  });

  it('ratio with neither bad nor good', () => {
    expectError(
      doc(slo({ indicator: 'indicator: {ratio: »{total: t_total}}' })),
      'slos[0].indicator.ratio.bad',
      'a ratio needs bad or good events, plus total'
    );
  });

  it('indicator with no kind', () => {
    expectError(
      doc(slo({ indicator: 'indicator: »{}' })),
      'slos[0].indicator',
      'an indicator needs one of: ratio, latency, threshold, composite'
    );
  });

  it('indicator with two kinds', () => {
    expectError(
      doc(slo({ indicator: 'indicator:\n  ratio: {bad: e, total: t}\n  »latency: {histogram: h, threshold: 1}' })),
      'slos[0].indicator.latency',
      'an indicator has exactly one kind: remove latency or ratio'
    );
  });

  it('latency threshold not a number', () => {
    expectError(
      doc(slo({ indicator: `indicator: {latency: {histogram: 'h_seconds{job="a"}', threshold: »250ms}}` })),
      'slos[0].indicator.latency.threshold',
      'expected a number of seconds (a histogram le bound such as 0.25), got "250ms"'
    );
  });

  it('latency threshold must be positive', () => {
    expectError(
      doc(slo({ indicator: 'indicator: {latency: {histogram: h_seconds, threshold: »0}}' })),
      'slos[0].indicator.latency.threshold',
      'must be greater than 0, got 0'
    );
  });

  it('latency histogram given as its _bucket series', () => {
    expectError(
      doc(slo({ indicator: 'indicator:\n  latency:\n    histogram: »h_seconds_bucket{job="a"}\n    threshold: 0.5' })),
      'slos[0].indicator.latency.histogram',
      `give the histogram's base name ("h_seconds"): _bucket and _count are added`
    );
  });

  it('latency histogram that is an expression, not a selector', () => {
    expectError(
      doc(slo({ indicator: 'indicator:\n  latency:\n    histogram: »sum(rate(h_seconds[5m]))\n    threshold: 0.5' })),
      'slos[0].indicator.latency.histogram',
      'expected a histogram selector such as http_request_duration_seconds{job="checkout"}'
    );
  });

  const timeslices = 'budgetingMethod: timeslices\ntimeslice: {length: 5m}';

  it('threshold op outside < <= > >= == !=', () => {
    expectError(
      doc(slo({ indicator: 'indicator: {threshold: {expr: up, op: »"=", value: 1}}' }, timeslices)),
      'slos[0].indicator.threshold.op',
      'unknown comparison "=": expected one of <, <=, >, >=, ==, !='
    );
  });

  it('threshold value must be a number', () => {
    expectError(
      doc(slo({ indicator: 'indicator: {threshold: {expr: up, op: "==", value: »"1"}}' }, timeslices)),
      'slos[0].indicator.threshold.value',
      'expected a number, got "1"'
    );
  });

  it('threshold indicator without the timeslices method', () => {
    expectError(
      doc(slo({ indicator: '»indicator: {threshold: {expr: up, op: "==", value: 1}}' })),
      'slos[0].budgetingMethod',
      'threshold indicators are judged per time slice: set budgetingMethod: timeslices and a timeslice block'
    );
  });

  it('threshold indicator with budgetingMethod: occurrences', () => {
    expectError(
      doc(
        slo({ indicator: 'indicator: {threshold: {expr: up, op: "==", value: 1}}' }, 'budgetingMethod: »occurrences')
      ),
      'slos[0].budgetingMethod',
      'threshold indicators are judged per time slice'
    );
  });

  it('empty PromQL', () => {
    expectError(
      doc(slo({ indicator: 'indicator: {ratio: {bad: »"", total: t_total}}' })),
      'slos[0].indicator.ratio.bad',
      'empty PromQL expression'
    );
  });

  it('unbalanced brace in PromQL points at the brace', () => {
    expectError(
      doc(
        slo({ indicator: `indicator:\n  ratio:\n    bad: 'errors_total»{job="checkout"'\n    total: requests_total` })
      ),
      'slos[0].indicator.ratio.bad',
      'unclosed left brace'
    );
  });

  it('unbalanced bracket in plain PromQL', () => {
    expectError(
      doc(
        slo({ indicator: 'indicator:\n  ratio:\n    bad: errors_total\n    total: sum(rate(requests_total[5m]))»)' })
      ),
      'slos[0].indicator.ratio.total',
      "unexpected right parenthesis ')'"
    );
  });

  it('unterminated quote in PromQL', () => {
    expectError(
      doc(
        slo({ indicator: `indicator:\n  ratio:\n    bad: errors_total\n    total: 'requests_total{job=»"checkout}'` })
      ),
      'slos[0].indicator.ratio.total',
      'unterminated quoted string'
    );
  });

  it('PromQL problems in strings with escapes point inside the string', () => {
    expectError(
      doc(slo({ indicator: 'indicator:\n  ratio:\n    bad: errors_total\n    total: "requests_total{job=\\"a\\"»]"' })),
      'slos[0].indicator.ratio.total',
      "unexpected right bracket ']'"
    );
  });

  it('composite referencing an unknown SLO id', () => {
    expectError(
      doc(slo(), slo({ id: 'id: journey', indicator: 'indicator: {composite: {components: [{slo: »chekout}]}}' })),
      'slos[1].indicator.composite.components[0].slo',
      'unknown SLO id "chekout"; did you mean "checkout"?'
    );
  });

  it('composite component with weight <= 0', () => {
    expectError(
      doc(
        slo(),
        slo({ id: 'id: journey', indicator: 'indicator: {composite: {components: [{slo: checkout, weight: »0}]}}' })
      ),
      'slos[1].indicator.composite.components[0].weight',
      'must be greater than 0, got 0'
    );
  });

  it('composite component with a negative weight', () => {
    expectError(
      doc(
        slo(),
        slo({ id: 'id: journey', indicator: 'indicator: {composite: {components: [{slo: checkout, weight: »-2}]}}' })
      ),
      'slos[1].indicator.composite.components[0].weight',
      'must be greater than 0, got -2'
    );
  });

  it('composite without components', () => {
    expectError(
      doc(slo({ indicator: 'indicator: {composite: {components: »[]}}' })),
      'slos[0].indicator.composite.components',
      'a composite needs at least one component'
    );
  });

  it('composite including itself', () => {
    expectError(
      doc(slo({ indicator: 'indicator: {composite: {components: [{slo: »checkout}]}}' })),
      'slos[0].indicator.composite.components[0].slo',
      'a composite SLO cannot include itself'
    );
  });

  it('composite listing a component twice', () => {
    expectError(
      doc(
        slo(),
        slo({ id: 'id: j', indicator: 'indicator: {composite: {components: [{slo: checkout}, {slo: »checkout}]}}' })
      ),
      'slos[1].indicator.composite.components[1].slo',
      '"checkout" is already a component of this composite'
    );
  });

  it('composites that form a cycle', () => {
    expectError(
      doc(
        slo(),
        slo({ id: 'id: a', indicator: 'indicator: {composite: {components: [{slo: checkout}, {slo: »b}]}}' }),
        slo({ id: 'id: b', indicator: 'indicator: {composite: {components: [{slo: a}]}}' })
      ),
      'slos[1].indicator.composite.components[1].slo',
      'composite SLOs form a cycle: a -> b -> a'
    );
  });

  it('composites cannot be grouped', () => {
    expectError(
      doc(
        slo(),
        slo({ id: 'id: j', indicator: 'indicator: {composite: {components: [{slo: checkout}]}}' }, '»groupBy: [route]')
      ),
      'slos[1].groupBy',
      'composite SLOs cannot be grouped'
    );
  });

  it('composites have no slices of their own', () => {
    expectError(
      doc(
        slo(),
        slo(
          { id: 'id: j', indicator: 'indicator: {composite: {components: [{slo: checkout}]}}' },
          'budgetingMethod: »timeslices\ntimeslice: {length: 5m, target: 99%}'
        )
      ),
      'slos[1].budgetingMethod',
      'composite SLOs combine their components'
    );
  });
});

describe('windows', () => {
  it('bad duration', () => {
    expectError(
      doc(slo({ window: 'window: {rolling: »28days}' })),
      'slos[0].window.rolling',
      'invalid duration "28days": use Prometheus units ms, s, m, h, d, w, y'
    );
  });

  it('duration written as a number', () => {
    expectError(doc(slo({ window: 'window: {rolling: »28}' })), 'slos[0].window.rolling', 'invalid duration number 28');
  });

  it('zero duration', () => {
    expectError(
      doc(slo({ window: 'window: {rolling: »0s}' })),
      'slos[0].window.rolling',
      'duration must be greater than 0'
    );
  });

  it('window with no kind', () => {
    expectError(
      doc(slo({ window: 'window: »{}' })),
      'slos[0].window',
      'a window needs one of: rolling, calendar, fixed'
    );
  });

  it('window with two kinds', () => {
    expectError(
      doc(slo({ window: 'window: {rolling: 28d, »calendar: month}' })),
      'slos[0].window.calendar',
      'a window has exactly one kind: remove calendar or rolling'
    );
  });

  it('window that is not a mapping', () => {
    expectError(
      doc(slo({ window: 'window: »28d' })),
      'slos[0].window',
      'expected a mapping with one of rolling, calendar, fixed, got "28d"'
    );
  });

  it('invalid calendar unit (shorthand)', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: »months}' })),
      'slos[0].window.calendar',
      'unknown calendar unit "months": expected one of day, week, month, quarter, year; did you mean "month"?'
    );
  });

  it('invalid calendar unit (mapping)', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: »fortnight}}' })),
      'slos[0].window.calendar.unit',
      'unknown calendar unit "fortnight"'
    );
  });

  it('unknown time zone', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: month, timeZone: »Europe/Berln}}' })),
      'slos[0].window.calendar.timeZone',
      'unknown time zone "Europe/Berln"; did you mean "Europe/Berlin"?'
    );
  });

  it('startMonth above 12', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: quarter, startMonth: »13}}' })),
      'slos[0].window.calendar.startMonth',
      'expected a month number from 1 to 12, got 13'
    );
  });

  it('startMonth below 1', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: year, startMonth: »0}}' })),
      'slos[0].window.calendar.startMonth',
      'expected a month number from 1 to 12, got 0'
    );
  });

  it('startMonth on a unit that has none', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: month, »startMonth: 9}}' })),
      'slos[0].window.calendar.startMonth',
      'startMonth applies to quarter and year windows, not month'
    );
  });

  it('invalid weekStart', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: week, weekStart: »Sunday}}' })),
      'slos[0].window.calendar.weekStart',
      'unknown weekday "Sunday": expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday; did you mean "sunday"?'
    );
  });

  it('weekStart on a unit other than week', () => {
    expectError(
      doc(slo({ window: 'window: {calendar: {unit: day, »weekStart: sunday}}' })),
      'slos[0].window.calendar.weekStart',
      'weekStart applies to week windows, not day'
    );
  });

  it('fixed window with from >= to', () => {
    expectError(
      doc(slo({ window: 'window: {fixed: {from: 2026-07-24T00:00:00Z, to: »2026-07-10T00:00:00Z}}' })),
      'slos[0].window.fixed.to',
      'must be later than from'
    );
  });

  it('fixed window with an unparsable time', () => {
    expectError(
      doc(slo({ window: 'window: {fixed: {from: »2026-07-10, to: 2026-07-24T00:00:00Z}}' })),
      'slos[0].window.fixed.from',
      'invalid timestamp "2026-07-10": use RFC 3339 with an offset, e.g. 2026-08-05T02:00:00Z'
    );
  });
});

describe('budgeting method and time slices', () => {
  it('unknown budgeting method', () => {
    expectError(
      doc(slo({}, 'budgetingMethod: »timeslice')),
      'slos[0].budgetingMethod',
      'unknown budgeting method "timeslice": expected one of occurrences, timeslices; did you mean "timeslices"?'
    );
  });

  it('timeslices without a timeslice block', () => {
    expectError(
      doc(slo({}, 'budgetingMethod: »timeslices')),
      'slos[0].timeslice',
      'budgetingMethod: timeslices needs a timeslice block, e.g. {length: 5m, target: 99%}'
    );
  });

  it('timeslice without length', () => {
    expectError(
      doc(slo({}, 'budgetingMethod: timeslices\ntimeslice: »{target: 99%}')),
      'slos[0].timeslice.length',
      'required field is missing'
    );
  });

  it('timeslice without target for a ratio', () => {
    expectError(
      doc(slo({}, 'budgetingMethod: timeslices\ntimeslice: »{length: 5m}')),
      'slos[0].timeslice.target',
      'required field is missing'
    );
  });

  it('timeslice target given for a threshold indicator', () => {
    expectError(
      doc(
        slo(
          { indicator: 'indicator: {threshold: {expr: up, op: "==", value: 1}}' },
          'budgetingMethod: timeslices\ntimeslice: {length: 5m, »target: 99%}'
        )
      ),
      'slos[0].timeslice.target',
      'not used by threshold indicators: their op and value decide each slice'
    );
  });

  it('timeslice target above 100%', () => {
    expectError(
      doc(slo({}, 'budgetingMethod: timeslices\ntimeslice: {length: 5m, target: »101%}')),
      'slos[0].timeslice.target',
      'must be between 0% (exclusive) and 100% (inclusive), got 101%'
    );
  });

  it('timeslice length that is not a duration', () => {
    expectError(
      doc(slo({}, 'budgetingMethod: timeslices\ntimeslice: {length: »5 minutes, target: 99%}')),
      'slos[0].timeslice.length',
      'invalid duration "5 minutes"'
    );
  });

  it('unknown noData policy', () => {
    expectError(
      doc(slo({}, 'budgetingMethod: timeslices\ntimeslice: {length: 5m, target: 99%, noData: »skip}')),
      'slos[0].timeslice.noData',
      'unknown no-data policy "skip": expected one of good, bad, ignore'
    );
  });

  it('a timeslice block with the occurrences method', () => {
    expectError(
      doc(slo({}, '»timeslice: {length: 5m, target: 99%}')),
      'slos[0].timeslice',
      'timeslice is only used with budgetingMethod: timeslices'
    );
  });
});

describe('exclusions', () => {
  it('from >= to', () => {
    expectError(
      doc(slo({}, 'exclusions:\n  - {from: 2026-08-05T03:00:00Z, to: »2026-08-05T03:00:00Z, reason: x}')),
      'slos[0].exclusions[0].to',
      'must be later than from'
    );
  });

  it('unparsable RFC 3339', () => {
    expectError(
      doc(slo({}, 'exclusions:\n  - {from: »"2026-08-05 02:00", to: 2026-08-05T03:00:00Z, reason: x}')),
      'slos[0].exclusions[0].from',
      'invalid timestamp "2026-08-05 02:00": use RFC 3339'
    );
  });

  it('impossible date', () => {
    expectError(
      doc(slo({}, 'exclusions:\n  - {from: »2026-02-30T00:00:00Z, to: 2026-03-01T00:00:00Z, reason: x}')),
      'slos[0].exclusions[0].from',
      'invalid timestamp "2026-02-30T00:00:00Z"'
    );
  });

  it('missing reason', () => {
    expectError(
      doc(slo({}, 'exclusions:\n  - »{from: 2026-08-05T02:00:00Z, to: 2026-08-05T03:00:00Z}')),
      'slos[0].exclusions[0].reason',
      'required field is missing'
    );
  });
});

describe('policy', () => {
  it('below without % explains the fraction form', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: »50, name: notify}')),
      'slos[0].policy[0].below',
      '50 is not a fraction: write 50% or 0.5'
    );
  });

  it('below above 100%', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: »150%, name: notify}')),
      'slos[0].policy[0].below',
      'must be between 0% (inclusive) and 100% (inclusive), got 150%'
    );
  });

  it('levels out of order', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 25%, name: freeze}\n  - {below: »50%, name: notify}')),
      'slos[0].policy[1].below',
      'levels go from least to most severe, so below must decrease: 50% is not below 25% (slos[0].policy[0])'
    );
  });

  it('levels with equal below', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 25%, name: freeze}\n  - {below: »0.25, name: stop}')),
      'slos[0].policy[1].below',
      '25% is not below 25%'
    );
  });

  it('a level with neither below nor burnRate', () => {
    expectError(
      doc(slo({}, 'policy:\n  - »{name: notify, actions: [x]}')),
      'slos[0].policy[0].below',
      'a policy level needs below (remaining budget) or burnRate, or both'
    );
  });

  it('duplicate level names', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 50%, name: notify}\n  - {below: 25%, name: »notify}')),
      'slos[0].policy[1].name',
      'duplicate policy level name "notify" (also slos[0].policy[0])'
    );
  });

  it('burnRate with a bad window', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {name: fast, burnRate: {above: 14.4, window: »1 hour}}')),
      'slos[0].policy[0].burnRate.window',
      'invalid duration "1 hour"'
    );
  });

  it('burnRate above must be positive', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {name: fast, burnRate: {above: »0, window: 1h}}')),
      'slos[0].policy[0].burnRate.above',
      'must be greater than 0, got 0'
    );
  });

  it('actions must be strings', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 0%, name: stop, actions: [»{notify: team}]}')),
      'slos[0].policy[0].actions[0]',
      'expected a string, got a mapping'
    );
  });
});

describe('JSON input', () => {
  const json = (objective: string) =>
    [
      '{',
      '  "apiVersion": "burndown/v1",',
      '  "slos": [',
      '    {',
      '      "id": "checkout", "name": "Checkout",',
      '      "indicator": {"ratio": {"bad": "errors_total{code=\\"500\\"}", "total": "requests_total"}},',
      `      "objective": ${objective},`,
      '      "window": {"calendar": {"unit": "quarter", "startMonth": 9}}',
      '    }',
      '  ]',
      '}',
    ].join('\n');

  it('parses', () => {
    const spec = parseOne(json('"99.5%"'));
    expect(spec.objective).toBe(0.995);
    expect(spec.indicator).toEqual({ kind: 'ratio', bad: 'errors_total{code="500"}', total: 'requests_total' });
  });

  it('reports positions in .json files', () => {
    expectError(json('»99.5'), 'slos[0].objective', '99.5 is not a fraction');
  });

  it('reports unknown fields at the key in JSON', () => {
    expectError(json('0.995, »"objectiv": 1'), 'slos[0].objectiv', 'did you mean "objective"?');
  });

  it('accepts tab-indented JSON', () => {
    expect(parseOne(json('0.995').replace(/ {2}/g, '\t')).objective).toBe(0.995);
  });

  it('reports JSON syntax errors with a position', () => {
    const { errors } = parseSloDocument('{\n  "apiVersion": "burndown/v1",\n  "slos": [\n}\n', { file: 'slos.json' });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ file: 'slos.json', line: 4, path: '' });
    expect(errors[0].message).toContain('YAML syntax error');
  });
});

describe('parseSloObjects (Grafana jsonData.slos)', () => {
  const valid = {
    id: 'checkout',
    name: 'Checkout',
    indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
    objective: '99.5%',
    window: { calendar: 'month' },
  };

  it('normalizes a list of SLO objects', () => {
    const { slos, errors } = parseSloObjects([valid]);
    expect(errors).toEqual([]);
    expect(slos).toEqual([parseOne(doc(slo({ window: 'window: {calendar: month}' })))]);
  });

  it('reports problems with line 0 and full paths, never half a result', () => {
    const { slos, errors } = parseSloObjects([valid, { ...valid, id: 'checkout', objective: 99.5, extra: true }], {
      file: 'jsonData',
    });
    expect(slos).toBeUndefined();
    expect(errors.map(formatSloError)).toEqual([
      'jsonData:0:0: slos[1].extra: unknown field "extra"; expected one of: id, name, service, description, labels, datasource, indicator, objective, window, budgetingMethod, timeslice, groupBy, exclusions, policy, alerting',
      'jsonData:0:0: slos[1].id: duplicate id "checkout": already used by slos[0]',
      'jsonData:0:0: slos[1].objective: 99.5 is not a fraction: write 99.5% or 0.995',
    ]);
  });

  it('rejects something that is not a list', () => {
    expect(parseSloObjects({ slos: [] }).errors.map(formatSloError)).toEqual([
      '<input>:0:0: slos: expected a list of SLOs, got a mapping',
    ]);
  });

  it('accepts Date objects for timestamps and skips undefined members', () => {
    const { slos, errors } = parseSloObjects([
      {
        ...valid,
        service: undefined,
        window: { fixed: { from: new Date(Date.UTC(2026, 0, 1)), to: '2026-02-01T00:00:00Z' } },
      },
    ]);
    expect(errors).toEqual([]);
    expect(slos![0].window).toEqual({ kind: 'fixed', from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) });
    expect(slos![0]).not.toHaveProperty('service');
  });
});
