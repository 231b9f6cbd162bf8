// The SLOs of the app's settings (docs/semantics.md section 7): `jsonData.slos` validated with src/slo, keeping every
// valid SLO when some are invalid, and every invalid one listed with its errors (never hidden, never shown as healthy).
import { parseSloObjects, type SloError, type SloSpec } from '../../slo';

export interface AppSlos {
  /** Every SLO that validates. An invalid SLO does not hide the valid ones. */
  slos: SloSpec[];
  /** Problems with `jsonData.slos`, paths relative to it (`slos[2].objective`). */
  errors: SloError[];
}

/** One entry of `jsonData.slos` that does not validate, with what the list shows for it. */
export interface InvalidSlo {
  /** Position in `jsonData.slos`. */
  index: number;
  /** Its `id` and `name` when they are strings (they may be what is wrong). */
  id?: string;
  name?: string;
  errors: SloError[];
}

const INDEX_RE = /^slos\[(\d+)\]/;

/** The position in `jsonData.slos` an error names, or undefined for a problem with the list as a whole. */
export function errorIndex(e: SloError): number | undefined {
  const m = INDEX_RE.exec(e.path);
  return m ? Number(m[1]) : undefined;
}

/**
 * Validate `jsonData.slos`, keeping the valid SLOs when some are not: SLOs named by an error are left out and the rest
 * validated again (a composite may depend on a dropped SLO), until what remains is clean.
 */
export function parseAppSlos(raw: unknown): AppSlos {
  if (raw === undefined || raw === null) {
    return { slos: [], errors: [] };
  }
  const first = parseSloObjects(raw, { file: 'jsonData' });
  if (first.slos) {
    return { slos: first.slos, errors: [] };
  }
  if (!Array.isArray(raw)) {
    return { slos: [], errors: first.errors };
  }
  const errors = [...first.errors];
  let kept = raw.map((_, i) => i);
  let pending = first.errors;
  while (pending.length > 0) {
    const bad = new Set<number>();
    for (const e of pending) {
      const i = errorIndex(e);
      if (i === undefined) {
        // A problem with the list as a whole: nothing can be trusted.
        return { slos: [], errors };
      }
      bad.add(kept[i]);
    }
    kept = kept.filter((i) => !bad.has(i));
    if (kept.length === 0) {
      return { slos: [], errors };
    }
    const again = parseSloObjects(
      kept.map((i) => raw[i]),
      { file: 'jsonData' }
    );
    if (again.slos) {
      return { slos: again.slos, errors };
    }
    // Report further problems with the original positions.
    pending = again.errors;
    for (const e of again.errors) {
      const i = errorIndex(e);
      const path = i !== undefined ? e.path.replace(INDEX_RE, `slos[${kept[i]}]`) : e.path;
      if (!errors.some((x) => x.path === path && x.message === e.message)) {
        errors.push({ ...e, path });
      }
    }
  }
  return { slos: [], errors };
}

/** The invalid entries of `jsonData.slos`, one per position named by an error, in list order. */
export function invalidSlos(raw: unknown, errors: SloError[]): InvalidSlo[] {
  const list = Array.isArray(raw) ? raw : [];
  const byIndex = new Map<number, SloError[]>();
  for (const e of errors) {
    const i = errorIndex(e);
    if (i !== undefined) {
      byIndex.set(i, [...(byIndex.get(i) ?? []), e]);
    }
  }
  return [...byIndex.keys()]
    .sort((a, b) => a - b)
    .map((index) => {
      const entry = list[index] as Record<string, unknown> | undefined;
      const str = (k: string) => (entry && typeof entry[k] === 'string' ? (entry[k] as string) : undefined);
      return { index, id: str('id'), name: str('name'), errors: byIndex.get(index)! };
    });
}
