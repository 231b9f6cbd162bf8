// budgeting.ts: budgeting method, time slices and exclusions.

import { doc, expectError, slo } from '../testdata/documents';

describe('indicator and budgeting method', () => {
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
