// references.ts: unique ids and composite references (unknown ids, self-inclusion, cycles).

import { doc, expectError, slo } from '../testdata/documents';

describe('ids', () => {
  it('duplicate id', () => {
    expectError(
      doc(slo(), slo({ id: 'id: »checkout' })),
      'slos[1].id',
      'duplicate id "checkout": already used by slos[0] at line 3'
    );
  });
});

describe('composite references', () => {
  it('composite referencing an unknown SLO id', () => {
    expectError(
      doc(slo(), slo({ id: 'id: journey', indicator: 'indicator: {composite: {components: [{slo: »chekout}]}}' })),
      'slos[1].indicator.composite.components[0].slo',
      'unknown SLO id "chekout"; did you mean "checkout"?'
    );
  });

  it('composite including itself', () => {
    expectError(
      doc(slo({ indicator: 'indicator: {composite: {components: [{slo: »checkout}]}}' })),
      'slos[0].indicator.composite.components[0].slo',
      'a composite SLO cannot include itself'
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
});
