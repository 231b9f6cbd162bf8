// What the Import page will create from an import (src/import: importSpecs): one row per imported SLO with its notes,
// whether it is chosen, whether its id already exists in the settings (a conflict: rename or skip), the id it is
// saved under, and what blocks it; the refused objects with their reasons; and the SLOs to save, in import order.
// Pure: the page keeps only the user's choices and derives everything else here.
import type { ImportNote, ImportResult } from '../../../import';
import type { SloDocumentSlo } from '../../../slo/document';
import { serializeSloFile, toSloDocumentSlo } from '../../../slo/serialize';
import { API_VERSION, type SloSpec } from '../../../slo/types';
import { SLO_ID_RE } from '../../../slo/validate';

export type ConflictResolution = 'rename' | 'skip';

/** What the user chose for one imported SLO (by its imported id). */
export interface ImportChoice {
  selected: boolean;
  /** For an id that exists in the settings: skip it (the default) or save it under `rename`. */
  resolution?: ConflictResolution;
  /** The new id as typed. */
  rename?: string;
}

export type ImportChoices = Readonly<Record<string, ImportChoice>>;

export interface ImportRow {
  /** The id the importer gave it. */
  id: string;
  spec: SloSpec;
  notes: ImportNote[];
  selected: boolean;
  /** Its id exists in the settings. */
  conflict: boolean;
  resolution?: ConflictResolution;
  /** The new id as typed (a conflict being renamed). */
  rename?: string;
  /** The id it is saved under; undefined when it is not saved (not chosen, skipped, or blocked). */
  savedId?: string;
  /** Why a chosen SLO cannot be saved (an invalid rename, a composite missing a component); blocks the import. */
  problem?: string;
}

/** One object the importer refused, with every reason; `sloId` when it would have had one. */
export interface RefusedRow {
  key: string;
  sloId?: string;
  refusals: ImportNote[];
}

export interface ImportPlan {
  rows: ImportRow[];
  refused: RefusedRow[];
  /** Notes that name no SLO. */
  otherNotes: ImportNote[];
  /** The SLOs to save, with their saved ids (composites point at their components' saved ids). */
  toSave: SloSpec[];
  /** Chosen rows that cannot be saved: nothing is imported until each is fixed, renamed, skipped or unchosen. */
  blocked: number;
}

export function defaultChoice(conflict: boolean): ImportChoice {
  return conflict ? { selected: true, resolution: 'skip' } : { selected: true };
}

/** `id-2`, `id-3`, ... : the first id taken by neither the settings nor another imported SLO. */
export function freeId(id: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const candidate = `${id}-${n}`;
    if (!taken.has(candidate)) {
      return candidate;
    }
  }
}

/** Why `id` cannot be a new SLO's id, or undefined when it can. */
export function renameProblem(id: string, taken: ReadonlySet<string>): string | undefined {
  if (id === '') {
    return 'type a new id';
  }
  if (!SLO_ID_RE.test(id)) {
    return `"${id}" is not a valid id: use lowercase letters, digits and "-"`;
  }
  if (taken.has(id)) {
    return `"${id}" is taken: pick another id`;
  }
  return undefined;
}

export function buildImportPlan(
  result: ImportResult,
  existingIds: readonly string[],
  choices: ImportChoices
): ImportPlan {
  const existing = new Set(existingIds);
  const importedIds = new Set(result.slos.map((s) => s.id));
  const rows: ImportRow[] = result.slos.map((spec) => {
    const conflict = existing.has(spec.id);
    const choice = choices[spec.id] ?? defaultChoice(conflict);
    return {
      id: spec.id,
      spec,
      notes: result.notes.filter((n) => n.sloId === spec.id),
      selected: choice.selected,
      conflict,
      resolution: conflict ? choice.resolution ?? 'skip' : undefined,
      rename: conflict ? choice.rename : undefined,
      savedId: choice.selected && !conflict ? spec.id : undefined,
    };
  });

  // Renames: a new id must be free in the settings and among every other imported SLO's id (saved or not).
  const renamed = new Map<string, string>();
  for (const row of rows.filter((r) => r.selected && r.conflict && r.resolution === 'rename')) {
    const id = (choices[row.id]?.rename ?? '').trim();
    const taken = new Set([...existing, ...importedIds, ...renamed.values()]);
    const problem = renameProblem(id, taken);
    if (problem) {
      row.problem = problem;
    } else {
      row.savedId = id;
      renamed.set(row.id, id);
    }
  }

  // A composite needs its components: saved with it (under their saved ids), or already in the settings.
  const savedIdOf = new Map(rows.filter((r) => r.savedId).map((r) => [r.id, r.savedId!]));
  for (const row of rows.filter((r) => r.savedId && r.spec.indicator.kind === 'composite')) {
    const indicator = row.spec.indicator;
    const missing =
      indicator.kind === 'composite'
        ? indicator.components.map((c) => c.slo).filter((id) => importedIds.has(id) && !savedIdOf.has(id))
        : [];
    if (missing.length > 0) {
      row.problem = `this composite needs ${missing.join(', ')}, which ${
        missing.length === 1 ? 'is' : 'are'
      } not imported: choose ${missing.length === 1 ? 'it' : 'them'} too, or leave the composite out`;
      row.savedId = undefined;
    }
  }

  const toSave = rows.filter((r) => r.savedId !== undefined).map((r) => withSavedIds(r.spec, r.savedId!, savedIdOf));
  return {
    rows,
    refused: groupRefusals(result.refusals),
    otherNotes: result.notes.filter((n) => n.sloId === undefined || !importedIds.has(n.sloId)),
    toSave,
    blocked: rows.filter((r) => r.selected && r.problem !== undefined).length,
  };
}

function withSavedIds(spec: SloSpec, id: string, savedIdOf: ReadonlyMap<string, string>): SloSpec {
  const indicator =
    spec.indicator.kind === 'composite'
      ? {
          ...spec.indicator,
          components: spec.indicator.components.map((c) => ({ ...c, slo: savedIdOf.get(c.slo) ?? c.slo })),
        }
      : spec.indicator;
  return { ...spec, id, indicator };
}

/** Refusals of one SLO together; a refusal that names no SLO (a file, a document) stands alone. */
function groupRefusals(refusals: readonly ImportNote[]): RefusedRow[] {
  const out: RefusedRow[] = [];
  for (const r of refusals) {
    const key = r.sloId !== undefined ? `slo:${r.sloId}` : `${r.file}:${r.line}:${r.column}:${r.path}`;
    const row = out.find((x) => x.key === key);
    if (row) {
      row.refusals.push(r);
    } else {
      out.push({ key, sloId: r.sloId, refusals: [r] });
    }
  }
  return out;
}

/** A jsonData.slos entry: the document form of one SLO (what provisioning files hold too). */
export type SloEntry = Record<string, unknown> & { id: string };

/** The SLOs to save as jsonData.slos entries. */
export function savedEntries(plan: ImportPlan): SloEntry[] {
  return plan.toSave.map((s) => {
    const entry: SloDocumentSlo = toSloDocumentSlo(s);
    return { ...(entry as unknown as Record<string, unknown>), id: s.id };
  });
}

/** The SLOs to save as one burndown/v1 document: what a provisioned setup pastes into its provisioning file. */
export function provisioningYaml(plan: ImportPlan): string {
  return serializeSloFile({ apiVersion: API_VERSION, slos: plan.toSave });
}
