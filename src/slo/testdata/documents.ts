// Builders and assertions for tests of burndown/v1 documents: small YAML texts with one marked error position.

import { parseSloDocument } from '../parse';
import { formatSloError, SloError, SloFile, SloSpec } from '../types';

// Test documents mark the expected error position with » (removed before parsing).
const MARK = '»';

export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

type SloField = 'id' | 'name' | 'indicator' | 'objective' | 'window';

const BASE: Record<SloField, string> = {
  id: 'id: checkout',
  name: 'name: Checkout',
  indicator: 'indicator: {ratio: {bad: errors_total, total: requests_total}}',
  objective: 'objective: 99.5%',
  window: 'window: {rolling: 28d}',
};

/** One SLO list item: the base fields (each replaceable, '' drops it) plus extra lines. */
export function slo(over: Partial<Record<SloField, string>> = {}, extra = ''): string {
  const fields = (Object.keys(BASE) as SloField[]).map((k) => over[k] ?? BASE[k]).filter((f) => f !== '');
  const body = [...fields, ...(extra ? [dedent(extra)] : [])]
    .join('\n')
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `  - ${body.slice(4)}\n`;
}

export function doc(...slos: string[]): string {
  return `apiVersion: burndown/v1\nslos:\n${slos.join('')}`;
}

/** The text without its » marker, and the marker's line and column. */
export function marked(source: string): { text: string; line: number; column: number } {
  const at = source.indexOf(MARK);
  if (at < 0) {
    throw new Error('test document has no » marker');
  }
  const before = source.slice(0, at);
  return { text: source.replace(MARK, ''), line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

export function parseOk(text: string): SloFile {
  const { file, errors } = parseSloDocument(text, { file: 'slos.yaml' });
  expect(errors.map(formatSloError)).toEqual([]);
  return file!;
}

export function parseOne(text: string): SloSpec {
  return parseOk(text).slos[0];
}

/** Parses a » marked document and expects exactly one error: at the marker, with this path and message fragment. */
export function expectError(source: string, path: string, message: string): SloError {
  const m = marked(source);
  const { file, errors } = parseSloDocument(m.text, { file: 'slos.yaml' });
  expect(file).toBeUndefined();
  expect(errors.map(formatSloError)).toHaveLength(1);
  expect(errors[0]).toMatchObject({ file: 'slos.yaml', line: m.line, column: m.column, path });
  expect(errors[0].message).toContain(message);
  return errors[0];
}
