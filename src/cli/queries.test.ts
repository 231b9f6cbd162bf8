// No SLO file that `validate` accepts may make `budget` fail with an internal error (exit 4): PromQL problems are
// validation errors (exit 1) with file:line:col inside the expression.
import fc from 'fast-check';

import { linearCounterText, promqlText, selectorText } from '../promql/arbitrary';
import type { PromClient } from '../query';
import { EXIT_BACKEND, EXIT_INVALID, EXIT_OK, EXIT_USAGE, run, type Io } from './main';

/** Answers every query with an empty result: not Prometheus, just enough for budget to reach query building. */
const emptyClient: PromClient = { id: 'empty', instant: async () => [], range: async () => [] };

function harness(text: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: () => text,
    now: () => Date.UTC(2026, 9, 11),
    client: () => emptyClient,
  };
  return { io, out, err };
}

/** A YAML scalar holding `expr`: plain when YAML keeps it verbatim, else double-quoted or a block literal. */
function yamlScalar(expr: string, style: 'quoted' | 'block', indent: string): string {
  const blockSafe =
    style === 'block' && expr.trim() !== '' && !/^[ \t]/.test(expr) && !/[\r\t]/.test(expr) && !/\n[ \t]*\n/.test(expr);
  if (blockSafe) {
    return `|-\n${expr
      .split('\n')
      .map((l) => `${indent}${l}`)
      .join('\n')}`;
  }
  return JSON.stringify(expr);
}

const sloFile = fc
  .tuple(
    fc.constantFrom('ratio-bad', 'ratio-good', 'latency', 'threshold'),
    fc.oneof(promqlText, linearCounterText, selectorText),
    fc.oneof(linearCounterText, selectorText, promqlText),
    fc.constantFrom<'quoted' | 'block'>('quoted', 'block'),
    fc.constantFrom([], ['job'])
  )
  .map(([kind, a, b, style, groupBy]) => {
    const q = (expr: string) => yamlScalar(expr, style, '          ');
    const indicator =
      kind === 'latency'
        ? `latency:\n        histogram: ${q(a)}\n        threshold: 0.25`
        : kind === 'threshold'
        ? `threshold:\n        expr: ${q(a)}\n        op: ">="\n        value: 1`
        : `ratio:\n        ${kind === 'ratio-bad' ? 'bad' : 'good'}: ${q(a)}\n        total: ${q(b)}`;
    return [
      'apiVersion: burndown/v1',
      'slos:',
      '  - id: generated',
      '    name: Generated',
      '    indicator:',
      `      ${indicator}`,
      '    objective: 99%',
      '    window: {rolling: 7d}',
      ...(kind === 'threshold' ? ['    budgetingMethod: timeslices', '    timeslice: {length: 5m}'] : []),
      ...(groupBy.length ? [`    groupBy: [${groupBy.join(', ')}]`] : []),
      '',
    ].join('\n');
  });

describe('validate and budget agree on PromQL', () => {
  it.each([
    ['sum(rate(x_total[5m]))', 4, 'rate() over a counter'],
    ['x_total offset 1h', 8, 'offset is not supported'],
    ['x_total or vector(1)', 8, 'set operator or'],
    ['x_total # comment }', 0, ''],
  ])('%s: validate and budget both exit 1 at the construct, or both go on', async (expr, index, message) => {
    const text = [
      'apiVersion: burndown/v1',
      'slos:',
      '  - id: checkout',
      '    name: Checkout',
      '    indicator:',
      '      ratio:',
      `        bad: ${JSON.stringify(expr)}`,
      '        total: requests_total',
      '    objective: 99%',
      '    window: {rolling: 7d}',
      '',
    ].join('\n');
    const v = harness(text);
    const validated = await run(['validate', 'slos.yaml'], v.io);
    const b = harness(text);
    const budget = await run(['budget', '--prometheus', 'http://x', '--file', 'slos.yaml'], b.io);
    if (message) {
      expect(validated).toBe(EXIT_INVALID);
      expect(budget).toBe(EXIT_INVALID);
      // the expression starts at column 15, after `        bad: "`; `index` counts from there
      expect(v.err[0]).toBe(`slos.yaml:7:${15 + index}: slos[0].indicator.ratio.bad: ${v.err[0].split('.bad: ')[1]}`);
      expect(v.err[0]).toContain(message);
    } else {
      expect(validated).toBe(EXIT_OK);
      expect(budget).toBe(EXIT_OK);
    }
  });

  it('no generated file that validates makes budget exit 4 or throw', async () => {
    let tried = 0;
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(sloFile, async (text) => {
        tried++;
        const v = harness(text);
        const validated = await run(['validate', 'slos.yaml'], v.io);
        expect([EXIT_OK, EXIT_INVALID]).toContain(validated);
        if (validated !== EXIT_OK) {
          return;
        }
        valid++;
        const b = harness(text);
        const code = await run(['budget', '--prometheus', 'http://x', '--file', 'slos.yaml'], b.io);
        expect([EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BACKEND]).toContain(code);
        expect(code).toBe(EXIT_OK);
      }),
      { numRuns: 300 }
    );
    console.log(`CLI property: ${tried} generated SLO files, ${valid} validated and went through budget`);
    expect(valid).toBeGreaterThan(30);
  });
});
