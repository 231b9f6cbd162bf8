// Entry points that turn `burndown/v1` text (YAML or JSON) or Grafana jsonData objects into the normalized SloFile (DESIGN.md sections 7 and 10).

import { checkSloText } from './limits';
import { treeFromText, treeFromValue } from './tree';
import { API_VERSION, SloError, SloFile, SloSpec } from './types';
import { Validator } from './validate';

export interface ParseOptions {
  /** Names the source in errors (`file:line:col`). */
  file?: string;
}

/**
 * Parses and validates a whole document. Either `file` (every default filled) or a non-empty `errors`, never both:
 * every problem is reported at once, in document order, each with line:col. YAML syntax errors come back the same way.
 */
export function parseSloDocument(text: string, opts: ParseOptions = {}): { file?: SloFile; errors: SloError[] } {
  const refused = checkSloText(text, opts.file);
  if (refused) {
    return { errors: [refused] };
  }
  const tree = treeFromText(text);
  if (!tree.root) {
    return {
      errors: tree.problems.map((p) => ({
        file: opts.file,
        line: p.pos.line,
        column: p.pos.column,
        path: '',
        message: p.message,
      })),
    };
  }
  const validator = new Validator(opts.file);
  const slos = validator.document(tree.root);
  const errors = validator.sortedErrors();
  return errors.length > 0 || !slos ? { errors } : { file: { apiVersion: API_VERSION, slos }, errors: [] };
}

/**
 * Validates SLO objects that never were text, such as Grafana's `jsonData.slos`. Errors carry line 0 and paths
 * `slos[i]...`. Either `slos` or a non-empty `errors`.
 */
export function parseSloObjects(raw: unknown, opts: ParseOptions = {}): { slos?: SloSpec[]; errors: SloError[] } {
  const validator = new Validator(opts.file);
  const slos = validator.sloList(treeFromValue(raw), 'slos');
  const errors = validator.sortedErrors();
  return errors.length > 0 || !slos ? { errors } : { slos, errors: [] };
}
