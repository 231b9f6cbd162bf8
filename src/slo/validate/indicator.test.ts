// indicator.ts: ratio, latency, threshold and composite indicators, and the PromQL field check.

import { parseYamlDocuments, readContext } from '../read';
import { doc, expectError, slo } from '../testdata/documents';
import { formatSloError } from '../types';
import { checkPromqlField } from './indicator';

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
});

describe('checkPromqlField', () => {
  it('returns the expression, or reports the problem at its character in the source', () => {
    const root = parseYamlDocuments('good: rate(x[5m])\nbad: sum(rate(x[5m]) by\n')[0].root!;
    if (root.kind !== 'map') {
      throw new Error('expected a mapping');
    }
    const ctx = readContext('q.yaml');
    // a gauge expression may be any instant vector; a counter field may not apply rate() itself
    expect(checkPromqlField(ctx, root.entries[0].value, 'good', 'gauge')).toBe('rate(x[5m])');
    expect(checkPromqlField(ctx, root.entries[0].value, 'good', 'counter')).toBeUndefined();
    expect(checkPromqlField(ctx, root.entries[1].value, 'bad', 'gauge')).toBeUndefined();
    expect(ctx.errors.map(formatSloError)).toEqual([
      expect.stringMatching(/^q\.yaml:1:7: good: .*give the counter selector; Burndown applies increase\(\) itself/),
      expect.stringMatching(/^q\.yaml:2:\d+: bad: /),
    ]);
  });
});
