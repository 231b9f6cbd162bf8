// Reading a mapping's fields: known names, required ones, "exactly one of", and what to do with unknown names
// (error, note or ignore), with a did-you-mean.

import { joinPath, note, ReadContext, report } from './context';
import { suggestion } from './suggest';
import type { MapEntry, ValueNode } from './tree';
import { describeValue } from './describe';

/** The entries of a mapping's known fields, by name (key and value positions included). */
export type Fields<K extends string> = Partial<Record<K, MapEntry>>;

/**
 * What to do with a field that is not in the known list: `error` refuses the input (burndown/v1), `note` reads it
 * and remarks that the field was not used (importers: nothing silent), `ignore` skips it (e.g. Kubernetes `status`).
 */
export type UnknownFieldPolicy = 'error' | 'note' | 'ignore';

export interface FieldsOptions {
  unknown?: UnknownFieldPolicy;
}

/**
 * The known fields of a mapping. A node that is not a mapping is an error (`expected <expected>, got ...`) and gives
 * undefined. Unknown fields are handled by `opts.unknown` (default `error`), with a did-you-mean or the known list.
 */
export function readFields<K extends string>(
  ctx: ReadContext,
  node: ValueNode,
  path: string,
  known: readonly K[],
  expected: string,
  opts: FieldsOptions = {}
): Fields<K> | undefined {
  if (node.kind !== 'map') {
    report(ctx, node.pos, path, `expected ${expected}, got ${describeValue(node)}`);
    return undefined;
  }
  const policy = opts.unknown ?? 'error';
  const out: Fields<K> = {};
  for (const entry of node.entries) {
    if ((known as readonly string[]).includes(entry.key)) {
      out[entry.key as K] = entry;
    } else if (policy !== 'ignore') {
      const hint = suggestion(entry.key, known) || `; expected one of: ${known.join(', ')}`;
      const put = policy === 'error' ? report : note;
      put(ctx, entry.keyPos, joinPath(path, entry.key), `unknown field "${entry.key}"${hint}`);
    }
  }
  return out;
}

/** The entry of a required field; when it is missing, an error at the parent mapping. */
export function requireField<K extends string>(
  ctx: ReadContext,
  f: Fields<K>,
  key: K,
  parent: ValueNode,
  path: string
): MapEntry | undefined {
  const entry = f[key];
  if (!entry) {
    report(ctx, parent.pos, joinPath(path, key), 'required field is missing');
  }
  return entry;
}

/**
 * Which one of `kinds` the mapping holds (`indicator: {ratio: ...}`). None: an error unless the mapping has other
 * (unknown, already reported) fields. Two or more: an error at the second, naming both.
 */
export function exactlyOne<K extends string>(
  ctx: ReadContext,
  f: Fields<K>,
  node: ValueNode,
  path: string,
  kinds: readonly K[],
  what: string
): K | undefined {
  const present = kinds.filter((k) => f[k]);
  if (present.length === 0) {
    if (!(node.kind === 'map' && node.entries.length > 0)) {
      report(ctx, node.pos, path, `${what} needs one of: ${kinds.join(', ')}`);
    }
    return undefined;
  }
  if (present.length > 1) {
    const [first, second] = present;
    report(
      ctx,
      f[second]!.keyPos,
      joinPath(path, second),
      `${what} has exactly one kind: remove ${second} or ${first}`
    );
    return undefined;
  }
  return present[0];
}

/** Field name lists checked by the compiler against a document type: a missing or extra name does not compile. */
export const keysOf = <T>(known: Record<keyof T, true>) => Object.keys(known) as Array<keyof T & string>;

/** The members of a string union, checked by the compiler the same way. */
export const keysOfUnion = <T extends string>(known: Record<T, true>) => Object.keys(known) as T[];
