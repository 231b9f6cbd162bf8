// Burndown SLOs as a file to download or copy: the burndown/v1 document (src/slo/serialize.ts, as the CLI's import
// writes it) or OpenSLO v1 documents (export.ts, as `burndown export --to openslo` writes them), with the notes of what
// OpenSLO cannot express. The one renderer behind every export control of the app.
import { serializeSloFile } from '../slo/serialize';
import { API_VERSION, type SloSpec } from '../slo/types';
import { exportOpenSlo } from './export';
import type { ImportNote } from './types';

export type ExportTarget = 'burndown' | 'openslo';

export interface SlosExport {
  text: string;
  /** `<base>.burndown.yaml` or `<base>.openslo.yaml`. */
  fileName: string;
  mimeType: string;
  /** What OpenSLO cannot express, per SLO (none for burndown/v1). */
  notes: ImportNote[];
  /** How many SLOs are in the text (OpenSLO leaves out those it cannot express at all, with a note). */
  written: number;
}

export function exportSlos(slos: readonly SloSpec[], target: ExportTarget, baseName = 'slos'): SlosExport {
  const mimeType = 'application/yaml';
  if (target === 'burndown') {
    const text = serializeSloFile({ apiVersion: API_VERSION, slos: [...slos] });
    return { text, fileName: `${baseName}.burndown.yaml`, mimeType, notes: [], written: slos.length };
  }
  const result = exportOpenSlo(slos, { output: 'yaml', file: `${baseName}.burndown.yaml` });
  return {
    text: result.documents,
    fileName: `${baseName}.openslo.yaml`,
    mimeType,
    notes: result.notes,
    written: result.objects.length,
  };
}
