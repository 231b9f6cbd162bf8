// Burndown -> OpenSLO -> Burndown is the identity on generated SLOs that OpenSLO can express: no groupBy,
// exclusions, policy, alerting or data source, no fixed window or composite, whole-minute durations, no-data slices
// counted good, comparisons other than == and !=. Latency histograms compare as PromQL (printed canonically), since
// the export writes them as `_bucket{le}` / `_count` selectors.

import fc from 'fast-check';

import { parsePromql, print } from '../promql';
import { sloFileArb } from '../slo/testdata/arbitrary';
import type { SloSpec } from '../slo/types';
import { exportOpenSlo } from './export';
import { importSpecs } from './index';

const MINUTE = 60_000;

function expressible(slo: SloSpec): SloSpec | undefined {
  if (slo.indicator.kind === 'composite' || slo.window.kind === 'fixed') {
    return undefined;
  }
  const indicator =
    slo.indicator.kind === 'threshold' && (slo.indicator.op === '==' || slo.indicator.op === '!=')
      ? { ...slo.indicator, op: '<' as const }
      : slo.indicator;
  const toMinutes = (ms: number) => Math.max(MINUTE, ms - (ms % MINUTE));
  const { datasource: _ds, ...rest } = slo;
  return {
    ...rest,
    indicator,
    window:
      slo.window.kind === 'rolling' ? { kind: 'rolling', durationMs: toMinutes(slo.window.durationMs) } : slo.window,
    ...(slo.timeslice
      ? { timeslice: { ...slo.timeslice, lengthMs: toMinutes(slo.timeslice.lengthMs), noData: 'good' as const } }
      : {}),
    groupBy: [],
    exclusions: [],
    policy: [],
    alerting: { page: false, ticket: false },
  };
}

function canonical(slo: SloSpec): SloSpec {
  return slo.indicator.kind === 'latency'
    ? { ...slo, indicator: { ...slo.indicator, histogram: print(parsePromql(slo.indicator.histogram).expr!) } }
    : slo;
}

describe('Burndown -> OpenSLO -> Burndown', () => {
  it.each(['yaml', 'json'] as const)('is the identity on what OpenSLO can express (%s)', (output) => {
    let exported = 0;
    fc.assert(
      fc.property(sloFileArb, (file) => {
        const slos = file.slos.map(expressible).filter((s): s is SloSpec => s !== undefined);
        fc.pre(slos.length > 0);
        const out = exportOpenSlo(slos, { output });
        expect(out.notes).toEqual([]);
        const back = importSpecs([{ file: `openslo.${output}`, text: out.documents }], { from: 'openslo' });
        expect(back.refusals).toEqual([]);
        expect(back.slos.map(canonical)).toEqual(slos.map(canonical));
        exported += slos.length;
      }),
      { numRuns: Number(process.env.ROUNDTRIP_RUNS ?? 150) }
    );
    // 150 runs of up to 4 SLOs each: most of them survive the filter (measured: several hundred per run).
    expect(exported).toBeGreaterThan(100);
  });

  it('says what it leaves out', () => {
    const slo: SloSpec = {
      id: 'a',
      name: 'A',
      labels: {},
      indicator: { kind: 'ratio', bad: 'e_total', total: 't_total' },
      objective: 0.99,
      window: { kind: 'fixed', from: 0, to: 86_400_000 },
      budgetingMethod: 'occurrences',
      groupBy: ['route'],
      exclusions: [],
      policy: [],
      alerting: { page: true, ticket: false },
    };
    const out = exportOpenSlo([slo, { ...slo, id: 'b', window: { kind: 'rolling', durationMs: 90_500 } }], {
      file: 'f.yaml',
    });
    expect(out.objects).toHaveLength(1);
    expect(out.notes.map((n) => `${n.sloId} ${n.path}: ${n.message}`)).toEqual([
      'a slos[0].window.fixed: not exported: OpenSLO has no fixed (from, to) windows',
      'b slos[1].window.rolling: carried approximately: OpenSLO durations are whole minutes; 1m30s500ms written as 2m',
      'b slos[1].groupBy: not exported: OpenSLO has no per-label SLOs',
      "b slos[1].alerting: not exported: Burndown's burn-rate tiers are not written as OpenSLO AlertPolicies",
    ]);
  });
});
