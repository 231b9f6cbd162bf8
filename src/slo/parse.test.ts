import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import { parseSloDocument, parseSloObjects } from './parse';
import { doc, expectError, parseOk, parseOne, slo } from './testdata/documents';
import { formatSloError } from './types';

describe('parseSloDocument: the docs/semantics.md section 10 example', () => {
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

  it('reports problems without a position (no made-up :0:0) and with full paths, never half a result', () => {
    const { slos, errors } = parseSloObjects([valid, { ...valid, id: 'checkout', objective: 99.5, extra: true }], {
      file: 'jsonData',
    });
    expect(slos).toBeUndefined();
    expect(errors.map(formatSloError)).toEqual([
      'jsonData: slos[1].extra: unknown field "extra"; expected one of: id, name, service, description, labels, datasource, indicator, objective, window, budgetingMethod, timeslice, groupBy, exclusions, policy, alerting, mode',
      'jsonData: slos[1].id: duplicate id "checkout": already used by slos[0]',
      'jsonData: slos[1].objective: 99.5 is not a fraction: write 99.5% or 0.995',
    ]);
  });

  it('rejects something that is not a list', () => {
    expect(parseSloObjects({ slos: [] }).errors.map(formatSloError)).toEqual([
      '<input>: slos: expected a list of SLOs, got a mapping',
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

describe('several burndown/v1 documents in one text (---)', () => {
  const composite = slo({ id: 'id: journey', indicator: 'indicator: {composite: {components: [{slo: checkout}]}}' });

  it('are one file: SLOs concatenated in order, composites may name SLOs of another document', () => {
    const file = parseOk(`${doc(composite)}---\n${doc(slo())}---\n`);
    expect(file.slos.map((s) => s.id)).toEqual(['journey', 'checkout']);
    expect(file).toEqual({
      apiVersion: 'burndown/v1',
      slos: [...parseOk(doc(composite, slo())).slos],
    });
  });

  it('a single document with a leading --- is read as before', () => {
    expect(parseOk(`---\n${doc(slo())}`)).toEqual(parseOk(doc(slo())));
  });

  it('ids are unique across documents; errors count lines of the whole text, paths from each document', () => {
    const { file, errors } = parseSloDocument(
      `${doc(slo())}---\n${doc(slo({ objective: 'objective: 99.5' }), slo())}`,
      {
        file: 'multi.yaml',
      }
    );
    expect(file).toBeUndefined();
    // Document 2 starts at line 9 (after the 7 lines of document 1 and its ---).
    expect(errors.map(formatSloError)).toEqual([
      'multi.yaml:11:9: slos[0].id: duplicate id "checkout": already used by slos[0] at line 3',
      'multi.yaml:14:16: slos[0].objective: 99.5 is not a fraction: write 99.5% or 0.995',
      'multi.yaml:16:9: slos[1].id: duplicate id "checkout": already used by slos[0] at line 3',
    ]);
  });

  it('every document must be burndown/v1', () => {
    expectError(
      `${doc(slo())}---\napiVersion: »sloth/v1\nslos: []\n`,
      'apiVersion',
      'expected burndown/v1, got "sloth/v1"'
    );
  });

  it('a syntax error in one document is reported with its line, and nothing else is checked', () => {
    const { file, errors } = parseSloDocument(`${doc(slo({ objective: 'objective: 99.5' }))}---\nslos: [\n`, {
      file: 'multi.yaml',
    });
    expect(file).toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.message.startsWith('YAML syntax error') && e.line >= 9)).toBe(true);
  });

  it('a text of empty documents is an empty document', () => {
    expectError(`»---\n---\n`, '', 'the document is empty');
  });

  it('a composite that names itself across documents is still caught', () => {
    const self = slo({ id: 'id: journey', indicator: 'indicator: {composite: {components: [{slo: »journey}]}}' });
    expectError(
      `${doc(slo())}---\n${doc(self)}`,
      'slos[0].indicator.composite.components[0].slo',
      'cannot include itself'
    );
  });
});
