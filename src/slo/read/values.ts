// Typed readers for one value: each returns the value, or reports a positioned error and returns undefined.
// Formats follow docs/semantics.md section 10 (durations, percentages, RFC 3339 times).

import { parseDuration } from '../duration';
import { formatPercent, parsePercentOrFraction } from '../percent';
import { parseRfc3339 } from '../rfc3339';
import { itemPath, joinPath, ReadContext, report } from './context';
import { describeValue } from './describe';
import { Fields, requireField } from './fields';
import { suggestion } from './suggest';
import type { MapEntry, ValueNode } from './tree';

/** A string; numbers and booleans get a hint to quote them. `nonEmpty` also refuses blank text. */
export function readString(ctx: ReadContext, node: ValueNode, path: string, nonEmpty = false): string | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') {
    const hint =
      node.kind === 'scalar' && (typeof node.value === 'number' || typeof node.value === 'boolean')
        ? `; quote it: "${node.value}"`
        : '';
    report(ctx, node.pos, path, `expected a string, got ${describeValue(node)}${hint}`);
    return undefined;
  }
  if (nonEmpty && node.value.trim() === '') {
    report(ctx, node.pos, path, 'must not be empty');
    return undefined;
  }
  return node.value;
}

/** A finite number (not a numeric string). */
export function readNumber(ctx: ReadContext, node: ValueNode, path: string): number | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'number' || !Number.isFinite(node.value)) {
    report(ctx, node.pos, path, `expected a number, got ${describeValue(node)}`);
    return undefined;
  }
  return node.value;
}

export function readBoolean(ctx: ReadContext, node: ValueNode, path: string): boolean | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'boolean') {
    report(ctx, node.pos, path, `expected true or false, got ${describeValue(node)}`);
    return undefined;
  }
  return node.value;
}

/** The items of a list; `expected` words the error (`a list of SLOs`). */
export function readList(ctx: ReadContext, node: ValueNode, path: string, expected: string): ValueNode[] | undefined {
  if (node.kind !== 'seq') {
    report(ctx, node.pos, path, `expected ${expected}, got ${describeValue(node)}`);
    return undefined;
  }
  return node.items;
}

/** The entries of a mapping with free keys (labels, annotations); for known keys use readFields. */
export function readMapping(ctx: ReadContext, node: ValueNode, path: string, expected: string): MapEntry[] | undefined {
  if (node.kind !== 'map') {
    report(ctx, node.pos, path, `expected ${expected}, got ${describeValue(node)}`);
    return undefined;
  }
  return node.entries;
}

/** One of a fixed set of values, with a did-you-mean; `what` names the set in the error (`calendar unit`). */
export function readEnum<T extends string>(
  ctx: ReadContext,
  node: ValueNode,
  path: string,
  allowed: readonly T[],
  what: string
): T | undefined {
  if (node.kind === 'scalar' && (allowed as readonly unknown[]).includes(node.value)) {
    return node.value as T;
  }
  const got = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
  const hint = got !== undefined ? suggestion(got, allowed) : '';
  report(ctx, node.pos, path, `unknown ${what} ${describeValue(node)}: expected one of ${allowed.join(', ')}${hint}`);
  return undefined;
}

/** A Prometheus duration (`5m`, `28d`, `1h30m`) in milliseconds, greater than 0. */
export function readDuration(ctx: ReadContext, node: ValueNode, path: string): number | undefined {
  const text = node.kind === 'scalar' ? node.value : undefined;
  const ms = typeof text === 'string' ? parseDuration(text) : undefined;
  if (ms === undefined) {
    report(
      ctx,
      node.pos,
      path,
      `invalid duration ${describeValue(
        node
      )}: use Prometheus units ms, s, m, h, d, w, y, largest first (5m, 28d, 1h30m)`
    );
    return undefined;
  }
  if (ms <= 0) {
    report(ctx, node.pos, path, 'duration must be greater than 0');
    return undefined;
  }
  return ms;
}

/** An RFC 3339 time with an offset (or a YAML/JS Date), in epoch milliseconds. */
export function readTimestamp(ctx: ReadContext, node: ValueNode, path: string): number | undefined {
  let ms: number | undefined;
  if (node.kind === 'scalar' && node.value instanceof Date && !Number.isNaN(node.value.getTime())) {
    ms = node.value.getTime();
  } else if (node.kind === 'scalar' && typeof node.value === 'string') {
    ms = parseRfc3339(node.value);
  }
  if (ms === undefined) {
    report(
      ctx,
      node.pos,
      path,
      `invalid timestamp ${describeValue(node)}: use RFC 3339 with an offset, e.g. 2026-08-05T02:00:00Z`
    );
  }
  return ms;
}

/** Required `from` and `to` fields of a mapping, as times with from < to. */
export function readInterval(
  ctx: ReadContext,
  f: Fields<'from' | 'to'>,
  node: ValueNode,
  path: string
): { from: number; to: number } | undefined {
  const a = requireField(ctx, f, 'from', node, path);
  const b = requireField(ctx, f, 'to', node, path);
  const from = a && readTimestamp(ctx, a.value, joinPath(path, 'from'));
  const to = b && readTimestamp(ctx, b.value, joinPath(path, 'to'));
  if (from === undefined || to === undefined) {
    return undefined;
  }
  if (from >= to) {
    report(ctx, b!.value.pos, joinPath(path, 'to'), 'must be later than from');
    return undefined;
  }
  return { from, to };
}

/** Bounds of a fraction; open ends exclude the bound (`objective` is in (0, 1)). */
export interface FractionRange {
  min: number;
  max: number;
  minOpen: boolean;
  maxOpen: boolean;
}

/**
 * A percentage (`99.5%`, `"99.5%"`) or a fraction (`0.995`, `"0.995"`) as an exact fraction. A bare number in (1, 100]
 * is refused with both correct forms, since `99.5` is ambiguous.
 */
export function readFraction(
  ctx: ReadContext,
  node: ValueNode,
  path: string,
  range: FractionRange
): number | undefined {
  const raw = node.kind === 'scalar' ? node.value : undefined;
  const value = parsePercentOrFraction(raw);
  if (value === undefined) {
    report(
      ctx,
      node.pos,
      path,
      `expected a percentage like 99.5% or a fraction like 0.995, got ${describeValue(node)}`
    );
    return undefined;
  }
  const isPercent = typeof raw === 'string' && raw.trim().endsWith('%');
  if (!isPercent && value > 1 && value <= 100) {
    report(ctx, node.pos, path, `${value} is not a fraction: write ${value}% or ${fractionText(value)}`);
    return undefined;
  }
  return inRange(ctx, node, path, value, range, isPercent ? String(raw).trim() : String(value));
}

/**
 * A percentage written as a number, with or without `%` (Sloth's `objective: 99.9`, Pyrra's `target: "99.9"`), as an
 * exact fraction: 99.9 is 0.999 (read from the decimal text, not divided by 100). Importers use it; burndown/v1 does not.
 */
export function readPercent(ctx: ReadContext, node: ValueNode, path: string, range: FractionRange): number | undefined {
  const raw = node.kind === 'scalar' ? node.value : undefined;
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(/\s*%$/, '') : '';
  const value = parsePercentOrFraction(`${text}%`);
  if (value === undefined) {
    report(ctx, node.pos, path, `expected a percentage like 99.9, got ${describeValue(node)}`);
    return undefined;
  }
  return inRange(ctx, node, path, value, range, `${text}%`);
}

function inRange(
  ctx: ReadContext,
  node: ValueNode,
  path: string,
  value: number,
  range: FractionRange,
  written: string
): number | undefined {
  const tooLow = range.minOpen ? value <= range.min : value < range.min;
  const tooHigh = range.maxOpen ? value >= range.max : value > range.max;
  if (tooLow || tooHigh) {
    const lo = `${formatPercent(range.min)} ${range.minOpen ? '(exclusive)' : '(inclusive)'}`;
    const hi = `${formatPercent(range.max)} ${range.maxOpen ? '(exclusive)' : '(inclusive)'}`;
    report(ctx, node.pos, path, `must be between ${lo} and ${hi}, got ${written}`);
    return undefined;
  }
  return value;
}

function fractionText(percent: number): string {
  return String(parsePercentOrFraction(`${percent}%`));
}

/** Reads every item of a list with `read`; undefined (after reporting) when the node is not a list. */
export function readEach<T>(
  ctx: ReadContext,
  node: ValueNode,
  path: string,
  expected: string,
  read: (item: ValueNode, path: string, index: number) => T
): T[] | undefined {
  return readList(ctx, node, path, expected)?.map((item, i) => read(item, itemPath(path, i), i));
}
