import { readFileSync } from 'fs';
import { join } from 'path';

import { parseSloDocument, policyPreset, type SloSpec } from '../../../slo';
import { emptySloForm, formToDocument, policyForm, specToForm } from './sloForm';
import { formFieldPaths, placeErrors, promqlMarks, validateForm } from './validateForm';

const ROOT = join(__dirname, '../../../..');
const FILES = [
  'tests/fixtures/scenario-slos.yaml',
  'tests/fixtures/diagnostics-slos.yaml',
  'tests/fixtures/gate-slos.yaml',
  'src/slo/testdata/design-example.yaml',
  'src/slo/testdata/latency-rolling.yaml',
  'src/slo/testdata/threshold-timeslices.yaml',
  'src/slo/testdata/composite.yaml',
];

function specsOf(file: string): SloSpec[] {
  const { file: parsed, errors } = parseSloDocument(readFileSync(join(ROOT, file), 'utf8'));
  expect(errors).toEqual([]);
  return parsed!.slos;
}

describe('spec -> form -> spec', () => {
  it.each(FILES)('is the identity on every SLO of %s', (file) => {
    const specs = specsOf(file);
    expect(specs.length).toBeGreaterThan(0);
    specs.forEach((spec, i) => {
      const others = specs.filter((_, j) => j !== i);
      const { spec: back, errors } = validateForm(specToForm(spec), others);
      expect(errors).toEqual([]);
      expect(back).toEqual(spec);
    });
  });
});

/** A valid ratio draft to break one field at a time. */
function valid() {
  return {
    ...emptySloForm(),
    id: 'checkout',
    name: 'Checkout',
    ratioQuery: 'http_requests_total{code=~"5.."}',
    ratioTotal: 'http_requests_total',
  };
}

describe('validateForm', () => {
  it('accepts a complete draft and gives the spec', () => {
    const v = validateForm(valid());
    expect(v.errors).toEqual([]);
    expect(v.spec?.objective).toBeCloseTo(0.995, 12);
    expect(v.document).toMatchObject({ id: 'checkout', objective: '99.5%', window: { rolling: '28d' } });
  });

  // Each broken field and the form field its error must land on.
  const cases: Array<[string, (f: ReturnType<typeof valid>) => void, string]> = [
    ['id with capitals', (f) => (f.id = 'Checkout'), 'id'],
    ['empty name', (f) => (f.name = ''), 'name'],
    ['objective out of range', (f) => (f.objective = '120%'), 'objective'],
    ['rolling duration typo', (f) => (f.rolling = '28x'), 'window.rolling'],
    ['missing total', (f) => (f.ratioTotal = ''), 'indicator.ratio.total'],
    ['rate() in a counter field', (f) => (f.ratioQuery = 'rate(errors_total[5m])'), 'indicator.ratio.bad'],
    [
      'unknown time zone',
      (f) => {
        f.windowKind = 'calendar';
        f.timeZone = 'Europe/Berlln';
      },
      'window.calendar.timeZone',
    ],
    [
      'start month 13',
      (f) => {
        f.windowKind = 'calendar';
        f.calendarUnit = 'quarter';
        f.startMonth = '13';
      },
      'window.calendar.startMonth',
    ],
    [
      'fixed window ending before it starts',
      (f) => {
        f.windowKind = 'fixed';
        f.fixedFrom = '2026-08-02T00:00:00Z';
        f.fixedTo = '2026-08-01T00:00:00Z';
      },
      'window.fixed.to',
    ],
    [
      'latency threshold not a number',
      (f) => {
        f.indicatorKind = 'latency';
        f.histogram = 'http_request_duration_seconds';
        f.latencyThreshold = 'fast';
      },
      'indicator.latency.threshold',
    ],
    [
      'exclusion without a reason',
      (f) => (f.exclusions = [{ from: '2026-08-01T00:00:00Z', to: '2026-08-01T01:00:00Z', reason: '' }]),
      'exclusions[0].reason',
    ],
    [
      'policy level below 150%',
      (f) => (f.policy = policyForm(policyPreset('balanced')).map((l, i) => (i === 1 ? { ...l, below: '150%' } : l))),
      'policy[1].below',
    ],
    [
      'exception that is not a slug',
      (f) => (f.policy = [{ ...policyForm(policyPreset('balanced'))[0], exceptions: 'Security Fix' }]),
      'policy[0].exceptions',
    ],
    ['min bad events negative', (f) => (f.minBadEvents = '-3'), 'alerting.minBadEvents'],
    ['group by a bad label name', (f) => (f.groupBy = 'team-name'), 'groupBy'],
  ];

  it.each(cases)('%s: the error lands on its field', (_, breakIt, field) => {
    const form = valid();
    breakIt(form);
    const { errors, spec } = validateForm(form);
    expect(spec).toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    const placed = placeErrors(errors, formFieldPaths(form));
    expect([...placed.keys()]).toContain(field);
    // Nothing of this case is left without a field.
    expect(placed.get('') ?? []).toEqual([]);
  });

  it('refuses an id another SLO already has, on the id field', () => {
    const other = validateForm({ ...valid(), id: 'taken' }).spec!;
    const { errors } = validateForm({ ...valid(), id: 'taken' }, [other]);
    expect(placeErrors(errors, formFieldPaths(valid())).get('id')?.[0].message).toMatch(/duplicate id "taken"/);
  });

  it('leaves empty optional fields out of the document', () => {
    const doc = formToDocument(valid());
    expect(Object.keys(doc)).toEqual(['id', 'name', 'indicator', 'objective', 'window']);
  });

  it('keeps a preset editable: the copy changes, the preset does not', () => {
    const levels = policyForm(policyPreset('conservative'));
    expect(levels.map((l) => l.below)).toEqual(['50%', '30%', '10%']);
    const edited = validateForm({ ...valid(), policy: levels.map((l, i) => (i === 0 ? { ...l, below: '60%' } : l)) });
    expect(edited.spec?.policy.map((l) => l.below)).toEqual([0.6, 0.3, 0.1]);
    expect(edited.spec?.policy[1].exceptions).toEqual(['security-fix', 'sev1-remediation']);
    expect(policyForm(policyPreset('conservative'))[0].below).toBe('50%');
  });
});

describe('promqlMarks', () => {
  it('marks a syntax error at its line and column', () => {
    const marks = promqlMarks('sum(http_requests_total\n  {code=~"5.."', 'counter');
    expect(marks.length).toBeGreaterThan(0);
    expect(marks[0].line).toBe(2);
    expect(marks[0].column).toBeGreaterThan(1);
  });

  it('has nothing to say about a valid selector or an empty field', () => {
    expect(promqlMarks('http_requests_total{job="checkout"}', 'counter')).toEqual([]);
    expect(promqlMarks('', 'counter')).toEqual([]);
  });
});
