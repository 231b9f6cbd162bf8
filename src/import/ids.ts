// Ids never collide silently: when two imported objects ask for the same id, each uses its scoped id if every one
// of them has a distinct one (Pyrra: `<namespace>-<name>`), else the later ones get `-2`, `-3`; every change is a
// note at the object's position.

import type { SloSpec } from '../slo/types';
import type { ImportNote } from './types';
import type { ImportedUnit } from './unit';

export interface Settled {
  unit: ImportedUnit;
  id: string;
  slos: SloSpec[];
  notes: ImportNote[];
}

export function settleIds(units: readonly ImportedUnit[]): { settled: Settled[]; refusals: ImportNote[] } {
  const byId = new Map<string, ImportedUnit[]>();
  for (const u of units) {
    byId.set(u.id, [...(byId.get(u.id) ?? []), u]);
  }
  const chosen = new Map<ImportedUnit, { id: string; why?: string }>();
  for (const [id, group] of byId) {
    if (group.length === 1) {
      chosen.set(group[0], { id });
      continue;
    }
    const scoped = group.map((u) => u.scopedId);
    const distinct = scoped.every((s) => s !== undefined) && new Set(scoped).size === group.length;
    group.forEach((u, i) => {
      if (distinct) {
        chosen.set(u, {
          id: u.scopedId!,
          why: `id "${id}" is asked for by ${group.length} objects: scoped by namespace as "${u.scopedId}"`,
        });
      } else if (i > 0) {
        chosen.set(u, {
          id: `${id}-${i + 1}`,
          why: `id "${id}" is already taken by ${where(group[0])}: renamed "${id}-${i + 1}"`,
        });
      } else {
        chosen.set(u, { id });
      }
    });
  }
  const taken = new Set<string>();
  const settled: Settled[] = [];
  const refusals: ImportNote[] = [];
  for (const unit of units) {
    let { id, why } = chosen.get(unit)!;
    // A renamed id may itself be taken (a-2 written by hand): count on.
    for (let n = 2; taken.has(id); n++) {
      id = `${unit.id}-${n}`;
      why = `id "${unit.id}" is already taken: renamed "${id}"`;
    }
    const slos = unit.build(id);
    const clash = slos.find((s) => taken.has(s.id));
    const at = { file: unit.file, line: unit.pos.line, column: unit.pos.column, path: unit.path, sloId: id };
    if (clash) {
      refusals.push({ ...at, message: `its SLO id "${clash.id}" is already taken by another imported SLO` });
      continue;
    }
    slos.forEach((s) => taken.add(s.id));
    const notes: ImportNote[] = unit.notes.map((e) => ({ ...e, file: e.file ?? unit.file, sloId: id }));
    why && notes.push({ ...at, message: why });
    settled.push({ unit, id, slos, notes });
  }
  return { settled, refusals };
}

function where(u: ImportedUnit): string {
  return `${u.file}:${u.pos.line}:${u.pos.column}`;
}
