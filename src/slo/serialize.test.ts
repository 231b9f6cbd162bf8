import fc from 'fast-check';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { parseSloDocument, parseSloObjects } from './parse';
import { serializeSloFile, toSloDocument } from './serialize';
import { sloFileArb } from './testdata/arbitrary';
import { formatSloError, SloFile } from './types';

const TESTDATA = join(__dirname, 'testdata');
const examples = readdirSync(TESTDATA).filter((f) => /\.(ya?ml|json)$/.test(f));

function parse(text: string): SloFile {
  const { file, errors } = parseSloDocument(text);
  expect(errors.map(formatSloError)).toEqual([]);
  return file!;
}

describe('serializeSloFile', () => {
  it('prints the DESIGN.md example in the documented shape', () => {
    const file = parse(readFileSync(join(TESTDATA, 'design-example.yaml'), 'utf8'));
    expect(serializeSloFile(file)).toBe(
      [
        'apiVersion: burndown/v1',
        'slos:',
        '  - id: checkout-availability',
        '    name: Checkout availability',
        '    service: checkout',
        '    description: Checkout requests that do not fail with a 5xx.',
        "    labels: {team: payments, tier: '1'}",
        '    datasource: {uid: prometheus}',
        '    indicator:',
        '      ratio:',
        '        bad: http_requests_total{job="checkout",code=~"5.."}',
        '        total: http_requests_total{job="checkout"}',
        '    objective: 99.5%',
        '    window:',
        '      calendar: {unit: quarter, timeZone: Europe/Berlin, startMonth: 9}',
        '    exclusions:',
        '      - {from: 2026-08-05T02:00:00Z, to: 2026-08-05T03:00:00Z, reason: planned maintenance}',
        '    policy:',
        "      - {below: 50%, name: notify, actions: ['notify #payments']}",
        '      - {below: 25%, name: freeze, actions: [freeze non-critical releases]}',
        '      - {below: 0%, name: stop, actions: [freeze all releases, postmortem required]}',
        '    alerting: {page: true, ticket: true, runbook: https://runbooks.example/checkout}',
        '',
      ].join('\n')
    );
  });

  it('leaves defaults out and prints durations in Prometheus units', () => {
    const file = parse(
      'apiVersion: burndown/v1\nslos:\n  - {id: a, name: A, indicator: {ratio: {good: g, total: t}}, objective: 0.999, window: {rolling: 90m}}\n'
    );
    expect(serializeSloFile(file)).toBe(
      [
        'apiVersion: burndown/v1',
        'slos:',
        '  - id: a',
        '    name: A',
        '    indicator:',
        '      ratio:',
        '        good: g',
        '        total: t',
        '    objective: 99.9%',
        '    window:',
        '      rolling: 1h30m',
        '',
      ].join('\n')
    );
  });

  it.each(examples)('round-trips testdata/%s', (name) => {
    const file = parse(readFileSync(join(TESTDATA, name), 'utf8'));
    expect(parse(serializeSloFile(file))).toStrictEqual(file);
  });

  it('round-trips generated SLO files through YAML text and through jsonData objects', () => {
    fc.assert(
      fc.property(sloFileArb, (file) => {
        const text = serializeSloFile(file);
        const back = parseSloDocument(text);
        expect(back.errors.map(formatSloError)).toEqual([]);
        expect(back.file).toStrictEqual(file);
        const objects = JSON.parse(JSON.stringify(toSloDocument(file).slos));
        expect(parseSloObjects(objects)).toStrictEqual({ slos: file.slos, errors: [] });
      }),
      { numRuns: 200 }
    );
  });

  it('keeps label names that look like YAML syntax', () => {
    const file = parse(
      'apiVersion: burndown/v1\nslos:\n  - {id: a, name: "- x: y", labels: {"<<": "*a", "? k": "&b"}, indicator: {ratio: {bad: b, total: t}}, objective: 0.5, window: {rolling: 1d}}\n'
    );
    expect(file.slos[0].labels).toEqual({ '<<': '*a', '? k': '&b' });
    expect(parse(serializeSloFile(file))).toStrictEqual(file);
  });

  it('escapes DEL and C1 controls, which the reader refuses raw', () => {
    const file = parse(
      'apiVersion: burndown/v1\nslos:\n  - {id: a, name: A, indicator: {ratio: {bad: b, total: t}}, objective: 0.5, window: {rolling: 1d}}\n'
    );
    const odd: SloFile = { ...file, slos: [{ ...file.slos[0], name: 'x\x7fy\x85', labels: { 'k\x80': '\x9f' } }] };
    const text = serializeSloFile(odd);
    expect(text).not.toMatch(/[\x7f-\x9f]/);
    expect(text).toContain('name: "x\\x7Fy\\x85"');
    expect(parse(text)).toStrictEqual(odd);
  });
});
