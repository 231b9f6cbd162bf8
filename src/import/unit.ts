// One importable object (a Sloth SLO, a Pyrra object, an OpenSLO SLO) on its way to Burndown SLOs: where it came
// from, the id it asks for, and how to build its SLOs once ids.ts has settled the id. Shared readers for the
// formats: labels with non-string values, ids from foreign names, notes from read contexts.

import { note, readMapping, type Position, type ReadContext, type ValueNode } from '../slo/read';
import type { SloError, SloSpec } from '../slo/types';
import type { ImportNote } from './types';

export interface ImportedUnit {
  file: string;
  pos: Position;
  /** Field path of the object in its document ('' for a whole document). */
  path: string;
  /** The id the format gives the SLO (Sloth `<service>-<name>`, Pyrra and OpenSLO `metadata.name`). */
  id: string;
  /** The id to use when two objects ask for the same `id` (Pyrra: `<namespace>-<name>`). */
  scopedId?: string;
  /** The SLOs of the object under its final id (a composite: the composite first, then its components). */
  build: (id: string) => SloSpec[];
  notes: SloError[];
}

/** Everything read from one input, before ids are settled. */
export interface ReadOutcome {
  units: ImportedUnit[];
  notes: ImportNote[];
  refusals: ImportNote[];
}

export function emptyOutcome(): ReadOutcome {
  return { units: [], notes: [], refusals: [] };
}

export function toImportNote(e: SloError, file: string, sloId?: string): ImportNote {
  return {
    file: e.file ?? file,
    line: e.line,
    column: e.column,
    path: e.path,
    message: e.message,
    ...(sloId !== undefined ? { sloId } : {}),
  };
}

/** Burndown ids are [a-z0-9-]+: a valid id is kept; else lower case, every other run of characters becomes one '-'. */
export function slugId(name: string): string {
  if (/^[a-z0-9-]+$/.test(name)) {
    return name;
  }
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'slo' : slug;
}

/**
 * Labels as Burndown keeps them: string values. Numbers and booleans become their text; lists (OpenSLO allows
 * `team: [a, b]`) are joined with ',' and noted; anything else is dropped with a note.
 */
export function readLabelValues(ctx: ReadContext, node: ValueNode, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readMapping(ctx, node, path, 'a mapping of label names to values') ?? []) {
    const p = `${path}.${entry.key}`;
    const v = entry.value;
    if (v.kind === 'scalar' && ['string', 'number', 'boolean'].includes(typeof v.value)) {
      setLabel(out, entry.key, String(v.value));
    } else if (v.kind === 'seq' && v.items.every((i) => i.kind === 'scalar' && i.value !== null)) {
      const text = v.items.map((i) => String((i as { value: unknown }).value)).join(',');
      setLabel(out, entry.key, text);
      note(ctx, v.pos, p, `a list of label values is not a Burndown label value: joined as "${text}"`);
    } else {
      note(ctx, v.pos, p, 'not a label value (a string, number or boolean): not carried over');
    }
  }
  return out;
}

function setLabel(labels: Record<string, string>, key: string, value: string): void {
  // defineProperty: a label named "__proto__" stays a label
  Object.defineProperty(labels, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A note for each present field that Burndown does not carry over, all with the same reason. */
export function noteFields(
  ctx: ReadContext,
  fields: Partial<Record<string, { keyPos: Position }>>,
  keys: readonly string[],
  path: string,
  reason: string
): void {
  for (const key of keys) {
    const entry = fields[key];
    if (entry) {
      note(ctx, entry.keyPos, path ? `${path}.${key}` : key, `not carried over: ${reason}`);
    }
  }
}
