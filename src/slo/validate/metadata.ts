// What names and labels an SLO: id, name, service, description, labels, datasource and groupBy (docs/semantics.md section 10).

import type { DatasourceDocument, SloDocumentSlo } from '../document';
import {
  describeValue,
  Fields,
  itemPath,
  joinPath,
  keysOf,
  readFields,
  readList,
  readString,
  report,
  requireField,
  type ValueNode,
} from '../read';
import type { DatasourceRef } from '../types';
import type { ValidateContext } from './context';
import { checkId } from './references';

export const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const DATASOURCE_FIELDS = keysOf<DatasourceDocument>({ uid: true, type: true });

export interface Metadata {
  id?: string;
  name?: string;
  service?: string;
  description?: string;
  labels?: Record<string, string>;
  datasource?: DatasourceRef;
}

/** The naming fields of SLO number `index`; each is undefined when absent or invalid (errors reported). */
export function validateMetadata(
  ctx: ValidateContext,
  f: Fields<keyof SloDocumentSlo & string>,
  node: ValueNode,
  path: string,
  index: number
): Metadata {
  const idEntry = requireField(ctx, f, 'id', node, path);
  let id: string | undefined;
  if (idEntry) {
    id = readString(ctx, idEntry.value, joinPath(path, 'id'));
    if (id !== undefined) {
      checkId(ctx, id, index, idEntry.value.pos, joinPath(path, 'id'));
    }
  }
  const nameEntry = requireField(ctx, f, 'name', node, path);
  const name = nameEntry && readString(ctx, nameEntry.value, joinPath(path, 'name'), true);
  const service = f.service && readString(ctx, f.service.value, joinPath(path, 'service'));
  const description = f.description && readString(ctx, f.description.value, joinPath(path, 'description'));
  const labels = f.labels ? validateLabels(ctx, f.labels.value, joinPath(path, 'labels')) : {};
  const datasource = f.datasource && validateDatasource(ctx, f.datasource.value, joinPath(path, 'datasource'));
  return { id, name, service, description, labels, datasource };
}

/** A mapping of non-empty label names to string values (numbers and booleans get a hint to quote them). */
export function validateLabels(
  ctx: ValidateContext,
  node: ValueNode,
  path: string
): Record<string, string> | undefined {
  if (node.kind !== 'map') {
    report(ctx, node.pos, path, `expected a mapping of label names to strings, got ${describeValue(node)}`);
    return undefined;
  }
  const out: Record<string, string> = {};
  let ok = true;
  for (const entry of node.entries) {
    const p = joinPath(path, entry.key);
    if (entry.key === '') {
      report(ctx, entry.keyPos, p, 'label names must not be empty');
      ok = false;
    }
    const v = entry.value;
    if (v.kind !== 'scalar' || typeof v.value !== 'string') {
      const hint =
        v.kind === 'scalar' && (typeof v.value === 'number' || typeof v.value === 'boolean')
          ? `; quote it: "${v.value}"`
          : '';
      report(ctx, v.pos, p, `label values must be strings, got ${describeValue(v)}${hint}`);
      ok = false;
    } else {
      // defineProperty, not assignment: a label named "__proto__" must stay a label, not replace the prototype
      Object.defineProperty(out, entry.key, { value: v.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return ok ? out : undefined;
}

/** `{uid, type?}` with a non-empty uid. */
export function validateDatasource(ctx: ValidateContext, node: ValueNode, path: string): DatasourceRef | undefined {
  const f = readFields(ctx, node, path, DATASOURCE_FIELDS, 'a mapping with uid');
  const u = f && requireField(ctx, f, 'uid', node, path);
  const uid = u && readString(ctx, u.value, joinPath(path, 'uid'), true);
  const type = f?.type && readString(ctx, f.type.value, joinPath(path, 'type'), true);
  if (uid === undefined || (f?.type && type === undefined)) {
    return undefined;
  }
  return type === undefined ? { uid } : { uid, type };
}

/** Unique, valid Prometheus label names. */
export function validateGroupBy(ctx: ValidateContext, node: ValueNode, path: string): string[] | undefined {
  const items = readList(ctx, node, path, 'a list of label names');
  if (!items) {
    return undefined;
  }
  const before = ctx.errors.length;
  const seen = new Set<string>();
  const names = items.map((item, i) => {
    const p = itemPath(path, i);
    const name = readString(ctx, item, p);
    if (name === undefined) {
      return '';
    }
    if (!LABEL_NAME_RE.test(name)) {
      report(ctx, item.pos, p, `"${name}" is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)`);
    } else if (seen.has(name)) {
      report(ctx, item.pos, p, `"${name}" is listed twice`);
    }
    seen.add(name);
    return name;
  });
  return ctx.errors.length > before ? undefined : names;
}
