// A save refused as a conflict (someone else saved the SLO since the form was opened), as a three-way comparison of
// form fields: base (the stored SLO when the form was opened), theirs (the stored SLO now) and yours (the form).
// "Reload and re-apply" starts from theirs and puts back every field you changed; a field both changed keeps yours
// and is flagged for review. Fields are the form's own (SloForm keys), lists compared whole (labels, policy levels).
import { emptySloForm, type SloForm } from './sloForm';

export type FormField = keyof SloForm;

/** The field's name as the form labels it. */
const LABELS: Record<FormField, string> = {
  id: 'Id',
  name: 'Name',
  service: 'Service',
  description: 'Description',
  labels: 'Labels',
  datasourceUid: 'Data source',
  datasourceType: 'Data source type',
  indicatorKind: 'Indicator',
  ratioEvents: 'Counted events',
  ratioQuery: 'Bad/good events',
  ratioTotal: 'Total events',
  histogram: 'Histogram',
  latencyThreshold: 'Latency threshold',
  thresholdExpr: 'Threshold expression',
  thresholdOp: 'Threshold comparison',
  thresholdValue: 'Threshold value',
  components: 'Components',
  objective: 'Objective',
  windowKind: 'Window',
  rolling: 'Rolling window',
  calendarUnit: 'Calendar unit',
  timeZone: 'Time zone',
  startMonth: 'Start month',
  weekStart: 'Week start',
  fixedFrom: 'Fixed window from',
  fixedTo: 'Fixed window to',
  budgetingMethod: 'Budgeting method',
  sliceLength: 'Time slice length',
  sliceTarget: 'Time slice target',
  sliceNoData: 'Time slice without data',
  groupBy: 'Group by',
  exclusions: 'Excluded intervals',
  policy: 'Policy levels',
  alertPage: 'Page alerts',
  alertTicket: 'Ticket alerts',
  runbook: 'Runbook',
  minBadEvents: 'Minimum bad events',
};

const FIELDS = Object.keys(emptySloForm()) as FormField[];

export interface FieldChange {
  field: FormField;
  label: string;
  /** The stored value now, as text. */
  theirs: string;
  /** The form's value, as text. */
  yours: string;
  /** You changed it too (to something else than theirs): "Reload and re-apply" keeps yours, to be reviewed. */
  both: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A field's value as one line: text quoted, switches on/off, lists item by item. */
export function fieldText(form: SloForm, field: FormField): string {
  const v = form[field];
  if (typeof v === 'boolean') {
    return v ? 'on' : 'off';
  }
  if (typeof v === 'string') {
    return v === '' ? '(empty)' : `"${v}"`;
  }
  switch (field) {
    case 'labels':
      return form.labels.map((l) => `${l.key}=${l.value}`).join(', ') || '(none)';
    case 'components':
      return form.components.map((c) => `${c.slo} x${c.weight}`).join(', ') || '(none)';
    case 'exclusions':
      return form.exclusions.map((e) => `${e.from} to ${e.to} (${e.reason})`).join('; ') || '(none)';
    case 'policy':
      return form.policy.map((l) => `${l.name}${l.below ? ` below ${l.below}` : ''}`).join(', ') || '(none)';
    default:
      return JSON.stringify(v);
  }
}

/**
 * The fields someone else changed since the form was opened (theirs differs from base), with what the form holds.
 * `theirs` undefined: the SLO is no longer stored (deleted or renamed): no field list.
 */
export function theirChanges(base: SloForm, theirs: SloForm | undefined, yours: SloForm): FieldChange[] {
  if (!theirs) {
    return [];
  }
  return FIELDS.filter((f) => !same(base[f], theirs[f])).map((field) => ({
    field,
    label: LABELS[field],
    theirs: fieldText(theirs, field),
    yours: fieldText(yours, field),
    both: !same(base[field], yours[field]) && !same(theirs[field], yours[field]),
  }));
}

/** Theirs with your changes put back on top; the fields both of you changed (differently) are to be reviewed. */
export function reapply(base: SloForm, theirs: SloForm, yours: SloForm): { form: SloForm; review: FieldChange[] } {
  const form = { ...theirs } as Record<FormField, unknown>;
  for (const f of FIELDS) {
    if (!same(base[f], yours[f])) {
      form[f] = yours[f];
    }
  }
  return { form: form as unknown as SloForm, review: theirChanges(base, theirs, yours).filter((c) => c.both) };
}
