// What validation keeps across the SLOs of a file: the ids seen so far and the composite references to check at the end.

import { type Position, ReadContext, readContext } from '../read';

export interface SloIdEntry {
  id: string;
  /** Index of the SLO in the whole file (across its documents). */
  index: number;
  pos: Position;
  path: string;
}

export interface CompositeRef {
  /** Index of the composite SLO that names `slo`. */
  owner: number;
  slo: string;
  pos: Position;
  path: string;
}

export interface ValidateContext extends ReadContext {
  ids: SloIdEntry[];
  compositeRefs: CompositeRef[];
  /** SLOs read so far, so the SLOs of several documents are numbered as one list. */
  sloCount: number;
}

export function validateContext(file?: string): ValidateContext {
  return { ...readContext(file), ids: [], compositeRefs: [], sloCount: 0 };
}
