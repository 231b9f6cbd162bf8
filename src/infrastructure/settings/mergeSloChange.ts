// Per-SLO merge of one change into the settings as they are now (docs/semantics.md section 7). `base` is the list the
// caller loaded, `current` the list stored now. Only the changed SLO is compared: if it is as the caller saw it, the
// change applies to `current` and every other SLO stays as stored now (someone else's edits to other SLOs are kept);
// if it is not, a ConflictError names it. Entries are matched by `id`; invalid entries without one are never touched.
import { ConflictError } from './errors';

export type SloChange =
  /** Create or replace an SLO; `previousId` when an edit renames it. */
  { kind: 'put'; slo: Record<string, unknown> & { id: string }; previousId?: string } | { kind: 'delete'; id: string };

/** The `id` of an entry of jsonData.slos, when it has a string one. */
export function entryId(entry: unknown): string | undefined {
  const id = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Structural equality of JSON values; object key order does not matter (Grafana's JSON column may reorder). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bkeys = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return keys.length === bkeys.length && keys.every((k) => sameJson(ao[k], bo[k]));
}

/**
 * The new list, or undefined when the change is already in `current` (a delete of an SLO that is gone, a put of
 * exactly what is stored): nothing to write. Throws ConflictError when the SLO differs from what the caller loaded.
 */
export function mergeSloChange(base: unknown[], current: unknown[], change: SloChange): unknown[] | undefined {
  const target = change.kind === 'delete' ? change.id : change.previousId ?? change.slo.id;
  const baseEntry = base.find((e) => entryId(e) === target);
  const at = current.findIndex((e) => entryId(e) === target);
  const currentEntry = at >= 0 ? current[at] : undefined;

  if (change.kind === 'delete') {
    if (currentEntry === undefined) {
      return undefined;
    }
    if (baseEntry === undefined) {
      throw new ConflictError(target, 'created');
    }
    if (!sameJson(baseEntry, currentEntry)) {
      throw new ConflictError(target, 'changed');
    }
    return current.filter((_, i) => i !== at);
  }

  const { slo } = change;
  if (baseEntry === undefined) {
    // A new SLO: its id must still be free.
    if (currentEntry !== undefined) {
      throw new ConflictError(target, 'created');
    }
  } else if (currentEntry === undefined) {
    throw new ConflictError(target, 'deleted');
  } else if (!sameJson(baseEntry, currentEntry)) {
    throw new ConflictError(target, 'changed');
  }
  if (slo.id !== target && current.some((e) => entryId(e) === slo.id)) {
    throw new ConflictError(slo.id, base.some((e) => entryId(e) === slo.id) ? 'exists' : 'created');
  }
  if (currentEntry !== undefined && sameJson(currentEntry, slo)) {
    return undefined;
  }
  return at >= 0 ? current.map((e, i) => (i === at ? slo : e)) : [...current, slo];
}
