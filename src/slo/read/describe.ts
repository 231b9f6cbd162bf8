// How a value looks in an error message, so every reader words "got ..." the same way.

import type { ValueNode } from './tree';

/** `a mapping`, `a list`, `"text"`, `number 99.5`, `true`, `nothing`, `date 2026-01-01T00:00:00.000Z`. */
export function describeValue(node: ValueNode): string {
  if (node.kind === 'map') {
    return 'a mapping';
  }
  if (node.kind === 'seq') {
    return 'a list';
  }
  const v = node.value;
  if (v === null || v === undefined) {
    return 'nothing';
  }
  if (typeof v === 'string') {
    return JSON.stringify(v);
  }
  if (typeof v === 'number') {
    return `number ${v}`;
  }
  if (v instanceof Date) {
    return `date ${v.toISOString()}`;
  }
  return String(v);
}
