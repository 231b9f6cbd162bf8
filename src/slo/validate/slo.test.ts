// The orchestrator (slo.ts): SLO fields, unknown and required names, objective, and rules across parts.

import { doc, expectError, slo } from '../testdata/documents';

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
});

describe('composite SLOs', () => {
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
});
