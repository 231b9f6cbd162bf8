// What an import gives back: the SLOs it could read, notes (read, but something was not carried over or only
// approximately) and refusals (an object that cannot be imported, refused whole), each with file, line, column and
// field path of its source.

import { formatSloError, type SloSpec } from '../slo/types';

export type ImportFormat = 'sloth' | 'pyrra' | 'openslo';

export interface ImportInput {
  /** Names the source in notes and refusals (`file:line:col`). */
  file: string;
  text: string;
}

export interface ImportOptions {
  /** `auto` decides per YAML document (detect.ts). */
  from: 'auto' | ImportFormat;
}

export interface ImportNote {
  file: string;
  /** 1-based; 0 when unknown. */
  line: number;
  column: number;
  /** Field path inside the source document, e.g. `slos[0].sli.events.error_query`. */
  path: string;
  message: string;
  /** The id the SLO has (notes) or would have had (refusals). */
  sloId?: string;
}

export interface ImportResult {
  /** Every one passes `burndown validate` (checked by importSpecs itself). */
  slos: SloSpec[];
  notes: ImportNote[];
  refusals: ImportNote[];
}

/** `file:line:col: path: message` (`file: path: message` without a position): the SLO errors' one format. */
export function formatImportNote(n: ImportNote): string {
  return formatSloError(n);
}
