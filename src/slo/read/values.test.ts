import fc from 'fast-check';

import { formatSloError } from '../types';
import { readContext, ReadContext } from './context';
import { readTimeZone } from './timeZone';
import { parseYamlDocuments, ValueNode } from './tree';
import {
  readBoolean,
  readDuration,
  readEach,
  readEnum,
  readFraction,
  readList,
  readMapping,
  readNumber,
  readPercent,
  readString,
  readTimestamp,
} from './values';

/** The value of `v:` in a one-line YAML document; the value starts at line 1, column 4. */
function value(yaml: string): ValueNode {
  const [doc] = parseYamlDocuments(`v: ${yaml}\n`);
  expect(doc.errors).toEqual([]);
  const root = doc.root!;
  if (root.kind !== 'map') {
    throw new Error('expected a mapping');
  }
  return root.entries[0].value;
}

type Reader = (ctx: ReadContext, node: ValueNode, path: string) => unknown;

function read(reader: Reader, yaml: string): { value: unknown; errors: string[] } {
  const ctx = readContext('v.yaml');
  const out = reader(ctx, value(yaml), 'spec.v');
  return { value: out, errors: ctx.errors.map(formatSloError) };
}

const ok = (v: unknown) => ({ value: v, errors: [] });
const bad = (message: string) => ({ value: undefined, errors: [`v.yaml:1:4: spec.v: ${message}`] });
const PERCENT = { min: 0, max: 1, minOpen: true, maxOpen: true };

describe('value readers', () => {
  it.each<[string, Reader, string, { value: unknown; errors: string[] }]>([
    ['string', readString, 'checkout', ok('checkout')],
    ['string from a number', readString, '1', bad('expected a string, got number 1; quote it: "1"')],
    ['non-empty string', (c, n, p) => readString(c, n, p, true), '" "', bad('must not be empty')],
    ['number', readNumber, '14.4', ok(14.4)],
    ['number from text', readNumber, '"14"', bad('expected a number, got "14"')],
    ['boolean', readBoolean, 'true', ok(true)],
    ['boolean from yes (YAML 1.2)', readBoolean, 'yes', bad('expected true or false, got "yes"')],
    ['list', (c, n, p) => readList(c, n, p, 'a list of names'), '[a, b]', { value: expect.any(Array), errors: [] }],
    [
      'list from a mapping',
      (c, n, p) => readList(c, n, p, 'a list of names'),
      '{a: 1}',
      bad('expected a list of names, got a mapping'),
    ],
    ['mapping', (c, n, p) => readMapping(c, n, p, 'labels')?.map((e) => e.key), '{a: 1, b: 2}', ok(['a', 'b'])],
    ['mapping from text', (c, n, p) => readMapping(c, n, p, 'labels'), 'x', bad('expected labels, got "x"')],
    [
      'enum',
      (c, n, p) => readEnum(c, n, p, ['Occurrences', 'Timeslices'], 'budgeting method'),
      'Timeslices',
      ok('Timeslices'),
    ],
    [
      'enum with a did-you-mean',
      (c, n, p) => readEnum(c, n, p, ['Occurrences', 'Timeslices'], 'budgeting method'),
      'Timeslice',
      bad('unknown budgeting method "Timeslice": expected one of Occurrences, Timeslices; did you mean "Timeslices"?'),
    ],
    ['duration', readDuration, '1h30m', ok(5_400_000)],
    [
      'duration in other words',
      readDuration,
      '30 days',
      bad('invalid duration "30 days": use Prometheus units ms, s, m, h, d, w, y, largest first (5m, 28d, 1h30m)'),
    ],
    ['zero duration', readDuration, '0s', bad('duration must be greater than 0')],
    ['percent', (c, n, p) => readFraction(c, n, p, PERCENT), '99.9%', ok(0.999)],
    ['fraction', (c, n, p) => readFraction(c, n, p, PERCENT), '0.999', ok(0.999)],
    [
      'bare percent number',
      (c, n, p) => readFraction(c, n, p, PERCENT),
      '99.9',
      bad('99.9 is not a fraction: write 99.9% or 0.999'),
    ],
    [
      'percent out of range',
      (c, n, p) => readFraction(c, n, p, PERCENT),
      '100%',
      bad('must be between 0% (exclusive) and 100% (exclusive), got 100%'),
    ],
    ['percent number (Sloth)', (c, n, p) => readPercent(c, n, p, PERCENT), '99.9', ok(0.999)],
    ['percent text (Pyrra)', (c, n, p) => readPercent(c, n, p, PERCENT), '"99.95"', ok(0.9995)],
    ['percent with %', (c, n, p) => readPercent(c, n, p, PERCENT), '99.9%', ok(0.999)],
    [
      'percent of 100',
      (c, n, p) => readPercent(c, n, p, PERCENT),
      '100',
      bad('must be between 0% (exclusive) and 100% (exclusive), got 100%'),
    ],
    [
      'percent from a word',
      (c, n, p) => readPercent(c, n, p, PERCENT),
      'high',
      bad('expected a percentage like 99.9, got "high"'),
    ],
    ['RFC 3339 time', readTimestamp, '2026-08-05T02:00:00+02:00', ok(Date.UTC(2026, 7, 5))],
    [
      'time without offset',
      readTimestamp,
      '2026-08-05T02:00:00',
      bad('invalid timestamp "2026-08-05T02:00:00": use RFC 3339 with an offset, e.g. 2026-08-05T02:00:00Z'),
    ],
    ['time zone', readTimeZone, 'Europe/Berlin', ok('Europe/Berlin')],
    [
      'time zone with a did-you-mean',
      readTimeZone,
      'Europe/Berln',
      bad('unknown time zone "Europe/Berln"; did you mean "Europe/Berlin"?'),
    ],
  ])('%s', (_, reader, yaml, expected) => {
    expect(read(reader, yaml)).toEqual(expected);
  });

  it('readPercent is exact: k/1000 percent is the double nearest to k/100000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), (k) => {
        const ctx = readContext();
        const percent = Number(`${k}e-3`);
        const node: ValueNode = { kind: 'scalar', pos: { line: 0, column: 0 }, value: percent };
        return readPercent(ctx, node, 'objective', PERCENT) === Number(`${k}e-5`) && ctx.errors.length === 0;
      }),
      { numRuns: 2000 }
    );
  });

  it('readEach reads every item with its own path and position', () => {
    const ctx = readContext('v.yaml');
    const out = readEach(ctx, value('[5m, 1x, 1h]'), 'windows', 'a list of durations', (item, path) =>
      readDuration(ctx, item, path)
    );
    expect(out).toEqual([300_000, undefined, 3_600_000]);
    expect(ctx.errors.map(formatSloError)).toEqual([
      'v.yaml:1:9: windows[1]: invalid duration "1x": use Prometheus units ms, s, m, h, d, w, y, largest first (5m, 28d, 1h30m)',
    ]);
  });
});
