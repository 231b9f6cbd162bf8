// Entry points that turn `burndown/v1` text (YAML or JSON) or Grafana jsonData objects into the normalized SloFile (docs/semantics.md sections 7 and 10).

import { checkSloText } from './limits';
import { parseYamlDocuments, sortedByPosition, treeFromValue } from './read';
import { API_VERSION, SloError, SloFile, SloSpec } from './types';
import { checkCompositeRefs, validateContext, validateDocument, validateSloList } from './validate';

export interface ParseOptions {
  /** Names the source in errors (`file:line:col`). */
  file?: string;
}

/**
 * Parses and validates a whole text. Either `file` (every default filled) or a non-empty `errors`, never both:
 * every problem is reported at once, in document order, each with line:col. YAML syntax errors come back the same
 * way, and when there are any nothing else is checked.
 *
 * Several `burndown/v1` documents in one text (`---`) are one file: their SLOs are concatenated in order, ids are
 * unique across all of them and composites may name SLOs of any document. Field paths count from each document's
 * own `slos` list (`slos[0]` of the second document); positions count lines of the whole text. Empty documents
 * (a trailing `---`) are skipped; a text with no document at all is an error.
 */
export function parseSloDocument(text: string, opts: ParseOptions = {}): { file?: SloFile; errors: SloError[] } {
  const refused = checkSloText(text, opts.file);
  if (refused) {
    return { errors: [refused] };
  }
  const documents = parseYamlDocuments(text, opts);
  const syntaxErrors = documents.flatMap((d) => d.errors);
  if (syntaxErrors.length > 0) {
    return { errors: syntaxErrors };
  }
  const roots = documents.flatMap((d) => (d.root ? [d.root] : []));
  if (roots.length === 0) {
    return {
      errors: [
        {
          file: opts.file,
          line: 1,
          column: 1,
          path: '',
          message: 'the document is empty: expected apiVersion and slos',
        },
      ],
    };
  }
  const ctx = validateContext(opts.file);
  const lists = roots.map((root) => validateDocument(ctx, root));
  checkCompositeRefs(ctx);
  const errors = sortedByPosition(ctx.errors);
  if (errors.length > 0 || lists.some((slos) => !slos)) {
    return { errors };
  }
  return { file: { apiVersion: API_VERSION, slos: lists.flatMap((slos) => slos!) }, errors: [] };
}

/**
 * Validates SLO objects that never were text, such as Grafana's `jsonData.slos`. Errors carry line 0 and paths
 * `slos[i]...`. Either `slos` or a non-empty `errors`.
 */
export function parseSloObjects(raw: unknown, opts: ParseOptions = {}): { slos?: SloSpec[]; errors: SloError[] } {
  const ctx = validateContext(opts.file);
  const slos = validateSloList(ctx, treeFromValue(raw), 'slos');
  checkCompositeRefs(ctx);
  const errors = sortedByPosition(ctx.errors);
  return errors.length > 0 || !slos ? { errors } : { slos, errors: [] };
}
