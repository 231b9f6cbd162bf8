// Importing SLOs from Sloth, Pyrra and OpenSLO files, and exporting Burndown SLOs to OpenSLO. Pure: takes texts
// with file names, returns values (no Node, network, Grafana or React), so the CLI and the app's Import page share it.

import { checkSloText } from '../slo/limits';
import { parseSloDocument } from '../slo/parse';
import { parseYamlDocuments } from '../slo/read';
import { serializeSloFile } from '../slo/serialize';
import { API_VERSION, type SloSpec } from '../slo/types';
import { detectFormat } from './detect';
import { settleIds } from './ids';
import { openSloObjects, readOpenSlo, type OpenSloObject } from './openslo';
import { readPyrraObject } from './pyrra';
import { readSlothDocument } from './sloth';
import type { ImportInput, ImportNote, ImportOptions, ImportResult } from './types';
import { emptyOutcome, toImportNote, type ReadOutcome } from './unit';

export { exportOpenSlo, jsonText } from './export';
export type { ExportOptions, ExportResult } from './export';
export { exportSlos } from './exportSlos';
export type { ExportTarget, SlosExport } from './exportSlos';
export { formatImportNote } from './types';
export type { ImportFormat, ImportInput, ImportNote, ImportOptions, ImportResult } from './types';

const NAMES = { sloth: 'Sloth', pyrra: 'Pyrra', openslo: 'OpenSLO' };

/**
 * Reads every document of every input; OpenSLO references resolve across all of them. An object that cannot be
 * imported is refused whole and the rest still imports; every SLO returned passes `burndown validate` (checked here:
 * one that does not is refused with the validator's message).
 */
export function importSpecs(inputs: readonly ImportInput[], opts: ImportOptions = { from: 'auto' }): ImportResult {
  const all = emptyOutcome();
  const openslo: OpenSloObject[] = [];
  const add = (o: ReadOutcome) => {
    all.units.push(...o.units);
    all.notes.push(...o.notes);
    all.refusals.push(...o.refusals);
  };
  for (const { file, text } of inputs) {
    const refused = checkSloText(text, file);
    if (refused) {
      all.refusals.push(toImportNote(refused, file));
      continue;
    }
    const documents = parseYamlDocuments(text, { file });
    if (documents.every((d) => !d.root) && documents.every((d) => d.errors.length === 0)) {
      all.refusals.push({ file, line: 1, column: 1, path: '', message: 'the file holds no document' });
    }
    for (const doc of documents) {
      if (doc.errors.length > 0) {
        all.refusals.push(...doc.errors.map((e) => toImportNote(e, file)));
        continue;
      }
      const root = doc.root;
      if (!root) {
        continue;
      }
      const detected = detectFormat(root);
      if ('refusal' in detected) {
        const key = root.kind === 'map' ? root.entries.find((e) => e.key === detected.path) : undefined;
        const at = key?.keyPos ?? root.pos;
        all.refusals.push({ file, line: at.line, column: at.column, path: detected.path, message: detected.refusal });
        continue;
      }
      if (opts.from !== 'auto' && detected.format !== opts.from) {
        all.refusals.push({
          file,
          line: root.pos.line,
          column: root.pos.column,
          path: '',
          message: `a ${NAMES[detected.format]} document, not ${NAMES[opts.from]} (--from ${
            opts.from
          }): drop --from or give the right format`,
        });
        continue;
      }
      switch (detected.format) {
        case 'sloth':
          add(readSlothDocument(root, file));
          break;
        case 'pyrra':
          add(readPyrraObject(root, file));
          break;
        case 'openslo':
          openslo.push(...openSloObjects(root, file));
          break;
      }
    }
  }
  add(readOpenSlo(openslo));
  const { settled, refusals } = settleIds(all.units);
  all.refusals.push(...refusals);
  const slos: SloSpec[] = [];
  for (const s of settled) {
    const problems = validationProblems(s.slos);
    if (problems.length > 0) {
      const at = {
        file: s.unit.file,
        line: s.unit.pos.line,
        column: s.unit.pos.column,
        path: s.unit.path,
        sloId: s.id,
      };
      all.refusals.push(
        ...problems.map((m) => ({ ...at, message: `the imported SLO does not pass burndown validate: ${m}` }))
      );
      continue;
    }
    slos.push(...s.slos);
    all.notes.push(...s.notes);
  }
  const order = inputs.map((i) => i.file);
  return { slos, notes: sorted(all.notes, order), refusals: sorted(all.refusals, order) };
}

/** What `burndown validate` says of these SLOs written as a file ([] when they pass). */
function validationProblems(slos: SloSpec[]): string[] {
  const { errors } = parseSloDocument(serializeSloFile({ apiVersion: API_VERSION, slos }));
  return errors.map((e) => `${e.path}: ${e.message}`);
}

/** By file (in input order), then position. */
function sorted(list: ImportNote[], files: string[]): ImportNote[] {
  return list
    .map((n, i) => ({ n, i }))
    .sort(
      (a, b) =>
        files.indexOf(a.n.file) - files.indexOf(b.n.file) || a.n.line - b.n.line || a.n.column - b.n.column || a.i - b.i
    )
    .map(({ n }) => n);
}
