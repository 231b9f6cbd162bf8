// Validation as you type: the draft goes through the same validator as the CLI (src/slo parseSloObjects, docs/semantics.md
// section 10) next to the other SLOs of the settings (ids must be unique, composites name them), and each SloError is
// placed on the form field whose document path is the longest prefix of the error's path.
import { checkSloQuery, type SloQueryRole } from '../../../promql';
import { positionAt } from '../../shared/promqlEditor/promqlMarkers';
import { parseSloObjects, toSloDocumentSlo, type SloError, type SloSpec } from '../../../slo';
import { formToDocument, type SloForm } from './sloForm';

export interface FormValidation {
  /** The draft as a jsonData.slos entry: what a save writes. */
  document: Record<string, unknown> & { id: string };
  /** Set exactly when there are no errors. */
  spec?: SloSpec;
  /** Paths relative to the SLO (`window.calendar.timeZone`). */
  errors: SloError[];
}

/**
 * Validates the draft among `others` (the other valid SLOs of the settings, without the one being edited).
 * Paths lose their `slos[i].` prefix; lines are 0 (the draft never was text).
 */
export function validateForm(form: SloForm, others: SloSpec[] = []): FormValidation {
  const document = formToDocument(form);
  const index = others.length;
  const prefix = `slos[${index}]`;
  const { slos, errors } = parseSloObjects([...others.map(toSloDocumentSlo), document]);
  const own = errors
    .filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`))
    .map((e) => ({ ...e, path: e.path.slice(prefix.length).replace(/^\./, '') }));
  // A problem in another SLO (it validated when loaded) can only come from the draft, e.g. a composite cycle.
  const elsewhere = errors.filter((e) => !e.path.startsWith(prefix)).map((e) => ({ ...e, path: '' }));
  const all = [...own, ...elsewhere];
  return all.length === 0 && slos ? { document, spec: slos[index], errors: [] } : { document, errors: all };
}

/** `policy[1].below` is under `policy[1]` and `policy`, not under `polic`. */
function isUnder(path: string, field: string): boolean {
  return field === '' || path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
}

/**
 * Each error on the field that shows it: the longest field path the error's path lies under (a missing
 * `indicator.ratio.total` lands on that field's own path when the form shows it). Errors under no field go to ''.
 */
export function placeErrors(errors: SloError[], fieldPaths: readonly string[]): Map<string, SloError[]> {
  const placed = new Map<string, SloError[]>();
  const byLength = [...fieldPaths].sort((a, b) => b.length - a.length);
  for (const e of errors) {
    const field = byLength.find((f) => isUnder(e.path, f)) ?? '';
    placed.set(field, [...(placed.get(field) ?? []), e]);
  }
  return placed;
}

/** The document paths of every field the form shows for this draft (the editor renders exactly these). */
export function formFieldPaths(form: SloForm): string[] {
  const paths = ['id', 'name', 'service', 'description', 'labels', 'datasource', 'indicator', 'objective', 'window'];
  switch (form.indicatorKind) {
    case 'ratio':
      paths.push(`indicator.ratio.${form.ratioEvents}`, 'indicator.ratio.total', 'indicator.ratio');
      break;
    case 'latency':
      paths.push('indicator.latency.histogram', 'indicator.latency.threshold', 'indicator.latency');
      break;
    case 'threshold':
      paths.push('indicator.threshold.expr', 'indicator.threshold.op', 'indicator.threshold.value');
      break;
    case 'composite':
      paths.push('indicator.composite.components');
      break;
  }
  switch (form.windowKind) {
    case 'rolling':
      paths.push('window.rolling');
      break;
    case 'calendar':
      paths.push('window.calendar', 'window.calendar.unit', 'window.calendar.timeZone');
      if (form.calendarUnit === 'quarter' || form.calendarUnit === 'year') {
        paths.push('window.calendar.startMonth');
      }
      if (form.calendarUnit === 'week') {
        paths.push('window.calendar.weekStart');
      }
      break;
    case 'fixed':
      paths.push('window.fixed', 'window.fixed.from', 'window.fixed.to');
      break;
  }
  paths.push('budgetingMethod', 'groupBy', 'exclusions', 'policy', 'alerting');
  if (form.budgetingMethod === 'timeslices') {
    paths.push('timeslice', 'timeslice.length', 'timeslice.target', 'timeslice.noData');
  }
  form.exclusions.forEach((_, i) => paths.push(...['from', 'to', 'reason'].map((k) => `exclusions[${i}].${k}`)));
  form.policy.forEach((_, i) =>
    paths.push(
      `policy[${i}]`,
      ...['name', 'below', 'burnRate.above', 'burnRate.window', 'actions', 'exceptions'].map((k) => `policy[${i}].${k}`)
    )
  );
  paths.push('alerting.page', 'alerting.ticket', 'alerting.runbook', 'alerting.minBadEvents');
  return paths;
}

export interface PromqlMark {
  line: number;
  column: number;
  /** Offsets into the text, for highlighting. */
  from: number;
  to: number;
  message: string;
}

/** The PromQL module's problems in one query field, at their line:col in the field's text (1-based). */
export function promqlMarks(text: string, role: SloQueryRole): PromqlMark[] {
  if (text.trim() === '') {
    return [];
  }
  return checkSloQuery(text, role).problems.map((p) => {
    const { lineNumber, column } = positionAt(text, p.from);
    return { line: lineNumber, column, from: p.from, to: p.to, message: p.message };
  });
}
