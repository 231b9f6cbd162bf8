import fc from 'fast-check';

import { checkPromql, checkSloQuery } from '../promql';
import { linearCounterText } from '../promql/arbitrary';
import { parseSloDocument, type SloSpec } from '../slo';
import { prometheusRules, type RecordingRule } from './prometheusRules';
import {
  buildTileQuery,
  RECORDED_BAD,
  RECORDED_TOTAL,
  recordedName,
  recordedRuleGroups,
  seriesTile,
  tileQuery,
} from './recorded';

function slos(body: string): { specs?: SloSpec[]; errors: string[] } {
  const { file, errors } = parseSloDocument(`apiVersion: burndown/v1\nslos:\n${body}`, { file: 'slos.yaml' });
  return { specs: file?.slos, errors: errors.map((e) => `${e.file}:${e.line}: ${e.path}: ${e.message}`) };
}

const slo = (id: string, extra: string, indicator = 'ratio: {bad: \'req_total{code="500"}\', total: req_total}') =>
  `  - id: ${id}\n    name: ${id}\n    service: web\n    indicator: {${indicator}}\n    objective: 99.9%\n    window: {rolling: 30d}\n${extra}`;

describe('recorded-mode rules', () => {
  it('writes a group only for SLOs with mode recorded or auto, after the alerting groups, at a fixed 5m interval', () => {
    const { specs } = slos(
      [
        slo('raw', '    alerting: {page: true}\n'),
        slo('rec', '    mode: recorded\n    groupBy: [route]\n'),
        slo('auto', '    mode: auto\n', 'ratio: {good: \'req_total{code!~"5.."}\', total: req_total}'),
      ].join('')
    );
    const groups = prometheusRules(specs!, { interval: '1m' }).map((g) => g.group);
    expect(groups.map((g) => [g.name, g.interval])).toEqual([
      ['burndown-slo-raw', '1m'],
      ['burndown-slo-rec-recorded', '5m'],
      ['burndown-slo-auto-recorded', '5m'],
    ]);
    const rec = groups[1].rules as RecordingRule[];
    expect(rec.map((r) => r.record)).toEqual(['burndown:slo_events_total:tiles5m', 'burndown:slo_events_bad:tiles5m']);
    expect(rec[0].labels).toEqual({ slo: 'rec', service: 'web' });
    expect(rec[0].expr.startsWith('sum by (route)(')).toBe(true);
    // good-counting SLOs record bad = total - good, never below 0
    expect((groups[2].rules[1] as RecordingRule).expr.startsWith('clamp_min(sum(')).toBe(true);
    // no clash with the burn-rate records (burndown:slo_events_*:increase<W>)
    const burnRecords = new Set(groups[0].rules.flatMap((r) => ('record' in r ? [r.record] : [])));
    expect(burnRecords.size).toBe(21);
    expect(rec.filter((r) => burnRecords.has(r.record))).toEqual([]);
    for (const r of [...rec, ...(groups[2].rules as RecordingRule[])]) {
      expect(checkPromql(r.expr).problems).toEqual([]);
    }
  });

  it('tiles chain sample to sample: last at t minus last at t - I, increase() only where a reset shows', () => {
    expect(seriesTile('x{a="b"}')).toBe(
      '((last_over_time(x{a="b"}[1h]) - last_over_time(x{a="b"}[1h] offset 5m)) >= 0 unless resets(x{a="b"}[5m]) > 0) ' +
        'or increase(x{a="b"}[5m])'
    );
    // every selector of a linear counter expression becomes its own tile; @ pins all of them
    const q = tileQuery('a_total + b_total{x="1"}', ['job'], { intervalMs: 60_000, lookbackMs: 600_000 }, '100.000');
    expect(q).toContain('last_over_time(a_total[10m] @ 100.000 offset 1m)');
    expect(q).toContain('increase(b_total{x="1"}[1m] @ 100.000)');
    expect(checkPromql(q).problems).toEqual([]);
    // the raw edges of recorded mode have any length: PromQL durations in ms
    const edge = tileQuery('a_total', [], { intervalMs: 37_500, lookbackMs: 300_000 }, '100.000');
    expect(edge).toContain('last_over_time(a_total[5m] @ 100.000 offset 37500ms)');
    expect(checkPromql(edge).problems).toEqual([]);
  });

  it('leaves out SLOs recorded mode cannot serve', () => {
    expect(recordedRuleGroups([])).toEqual([]);
    expect(recordedName(RECORDED_TOTAL, 3_600_000)).toBe('burndown:slo_events_total:tiles1h');
    expect(recordedName(RECORDED_BAD, 300_000)).toBe('burndown:slo_events_bad:tiles5m');
  });
});

describe('mode in the SLO file', () => {
  it('defaults to raw (absent from the spec) and accepts recorded and auto', () => {
    const { specs } = slos(slo('a', '') + slo('b', '    mode: recorded\n') + slo('c', '    mode: raw\n'));
    expect(specs!.map((s) => s.mode)).toEqual([undefined, 'recorded', undefined]);
  });

  it('names file, line and field for an unknown mode or an SLO that has no tiles', () => {
    expect(slos(slo('a', '    mode: recordd\n')).errors).toEqual([
      'slos.yaml:9: slos[0].mode: unknown mode "recordd": expected one of raw, recorded, auto; did you mean "recorded"?',
    ]);
    const threshold = slos(
      slo(
        't',
        '    mode: auto\n    budgetingMethod: timeslices\n    timeslice: {length: 1m}\n',
        "threshold: {expr: 'up', op: '==', value: 1}"
      )
    ).errors;
    expect(threshold).toEqual([
      'slos.yaml:9: slos[0].mode: mode auto needs a ratio or latency indicator, not threshold',
    ]);
  });
});

describe('tileQuery from templates', () => {
  it('is the directly built text for any counter expression, tile length, instant and shape, asked in any order', () => {
    fc.assert(
      fc.property(
        linearCounterText,
        fc.constantFrom([], ['job'], ['route', 'code']),
        fc.record({
          intervalMs: fc.option(fc.integer({ min: 1, max: 7 * 86_400_000 }), { nil: undefined }),
          lookbackMs: fc.option(fc.constantFrom(300_000, 600_000), { nil: undefined }),
          instant: fc.option(fc.boolean(), { nil: undefined }),
          unguarded: fc.option(fc.boolean(), { nil: undefined }),
        }),
        fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => (ms / 1000).toFixed(3)), {
          nil: undefined,
        }),
        (expr, groupBy, opts, at) => {
          if (!checkSloQuery(expr, 'counter').expr) {
            return;
          }
          // Twice: the second answer comes from the template the first one made.
          expect(tileQuery(expr, groupBy, opts, at)).toBe(buildTileQuery(expr, groupBy, opts, at));
          expect(tileQuery(expr, groupBy, opts, at)).toBe(buildTileQuery(expr, groupBy, opts, at));
        }
      ),
      { numRuns: 300 }
    );
  });

  it('builds directly an expression that holds a stand-in', () => {
    const expr = 'req_total{note="9999999999.999 9876543211ms"}';
    const opts = { intervalMs: 37_000, instant: true };
    expect(tileQuery(expr, [], opts, '1787227200.000')).toBe(buildTileQuery(expr, [], opts, '1787227200.000'));
    expect(tileQuery(expr, [], opts, '1787227200.000')).toContain('9999999999.999 9876543211ms');
  });
});
