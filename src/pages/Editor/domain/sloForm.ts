// The editor's form model (docs/semantics.md section 10): an SloSpec <-> the strings and lists a form edits, and the
// form -> a `burndown/v1` document entry (what jsonData.slos holds). Values stay as typed (objective "99.5%",
// window "28d", times RFC 3339) so the one validator (src/slo, parseSloObjects) reads them as it reads a file, and
// its errors keep the document's field paths (`window.calendar.timeZone`), which are also the form's field keys.
import {
  formatDuration,
  formatPercent,
  formatRfc3339,
  type BudgetingMethod,
  type CalendarUnit,
  type ComparisonOp,
  type NoDataPolicy,
  type SloSpec,
  type Weekday,
} from '../../../slo';

export type IndicatorKind = 'ratio' | 'latency' | 'threshold' | 'composite';
export type WindowKind = 'rolling' | 'calendar' | 'fixed';

export interface PolicyLevelForm {
  name: string;
  below: string;
  burnRateAbove: string;
  burnRateWindow: string;
  /** One action per line. */
  actions: string;
  /** Comma-separated slugs. */
  exceptions: string;
  /** false: the level only informs; `burndown gate` lets releases through it. */
  blocksReleases: boolean;
}

export interface SloForm {
  id: string;
  name: string;
  service: string;
  description: string;
  labels: Array<{ key: string; value: string }>;
  datasourceUid: string;
  datasourceType: string;
  indicatorKind: IndicatorKind;
  /** Which event counter the ratio names besides total. */
  ratioEvents: 'bad' | 'good';
  ratioQuery: string;
  ratioTotal: string;
  histogram: string;
  latencyThreshold: string;
  thresholdExpr: string;
  thresholdOp: ComparisonOp;
  thresholdValue: string;
  components: Array<{ slo: string; weight: string }>;
  objective: string;
  windowKind: WindowKind;
  rolling: string;
  calendarUnit: CalendarUnit;
  timeZone: string;
  startMonth: string;
  weekStart: Weekday;
  fixedFrom: string;
  fixedTo: string;
  budgetingMethod: BudgetingMethod;
  sliceLength: string;
  sliceTarget: string;
  sliceNoData: NoDataPolicy;
  /** Comma-separated label names. */
  groupBy: string;
  exclusions: Array<{ from: string; to: string; reason: string }>;
  policy: PolicyLevelForm[];
  alertPage: boolean;
  alertTicket: boolean;
  runbook: string;
  minBadEvents: string;
}

/** A new SLO's starting point: a ratio over a 28-day rolling window at 99.5%, no policy. */
export function emptySloForm(): SloForm {
  return {
    id: '',
    name: '',
    service: '',
    description: '',
    labels: [],
    datasourceUid: '',
    datasourceType: '',
    indicatorKind: 'ratio',
    ratioEvents: 'bad',
    ratioQuery: '',
    ratioTotal: '',
    histogram: '',
    latencyThreshold: '',
    thresholdExpr: '',
    thresholdOp: '<',
    thresholdValue: '',
    components: [],
    objective: '99.5%',
    windowKind: 'rolling',
    rolling: '28d',
    calendarUnit: 'month',
    timeZone: 'UTC',
    startMonth: '1',
    weekStart: 'monday',
    fixedFrom: '',
    fixedTo: '',
    budgetingMethod: 'occurrences',
    sliceLength: '5m',
    sliceTarget: '99%',
    sliceNoData: 'ignore',
    groupBy: '',
    exclusions: [],
    policy: [],
    alertPage: false,
    alertTicket: false,
    runbook: '',
    minBadEvents: '',
  };
}

const list = (text: string, sep: RegExp) =>
  text
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A typed number stays text when it is not one, so the validator names the field. */
const numberOrText = (text: string): number | string => {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : text;
};

const optional = <K extends string>(key: K, text: string) =>
  (text.trim() !== '' ? { [key]: text.trim() } : {}) as Partial<Record<K, string>>;

/** The form's levels from a spec's policy (also for presets). */
export function policyForm(levels: SloSpec['policy']): PolicyLevelForm[] {
  return levels.map((l) => ({
    name: l.name,
    below: l.below !== undefined ? formatPercent(l.below) : '',
    burnRateAbove: l.burnRate ? String(l.burnRate.above) : '',
    burnRateWindow: l.burnRate ? formatDuration(l.burnRate.windowMs) : '',
    actions: l.actions.join('\n'),
    exceptions: (l.exceptions ?? []).join(', '),
    blocksReleases: l.blocksReleases !== false,
  }));
}

export function specToForm(spec: SloSpec): SloForm {
  const base = emptySloForm();
  const form: SloForm = {
    ...base,
    id: spec.id,
    name: spec.name,
    service: spec.service ?? '',
    description: spec.description ?? '',
    labels: Object.entries(spec.labels).map(([key, value]) => ({ key, value })),
    datasourceUid: spec.datasource?.uid ?? '',
    datasourceType: spec.datasource?.type ?? '',
    indicatorKind: spec.indicator.kind,
    objective: formatPercent(spec.objective),
    windowKind: spec.window.kind,
    budgetingMethod: spec.budgetingMethod,
    groupBy: spec.groupBy.join(', '),
    exclusions: spec.exclusions.map((e) => ({
      from: formatRfc3339(e.from),
      to: formatRfc3339(e.to),
      reason: e.reason,
    })),
    policy: policyForm(spec.policy),
    alertPage: spec.alerting.page,
    alertTicket: spec.alerting.ticket,
    runbook: spec.alerting.runbook ?? '',
    minBadEvents: spec.alerting.minBadEvents !== undefined ? String(spec.alerting.minBadEvents) : '',
  };
  const ind = spec.indicator;
  if (ind.kind === 'ratio') {
    form.ratioEvents = ind.bad !== undefined ? 'bad' : 'good';
    form.ratioQuery = ind.bad ?? ind.good ?? '';
    form.ratioTotal = ind.total;
  } else if (ind.kind === 'latency') {
    form.histogram = ind.histogram;
    form.latencyThreshold = String(ind.threshold);
  } else if (ind.kind === 'threshold') {
    form.thresholdExpr = ind.expr;
    form.thresholdOp = ind.op;
    form.thresholdValue = String(ind.value);
  } else {
    form.components = ind.components.map((c) => ({ slo: c.slo, weight: String(c.weight) }));
  }
  const w = spec.window;
  if (w.kind === 'rolling') {
    form.rolling = formatDuration(w.durationMs);
  } else if (w.kind === 'calendar') {
    form.calendarUnit = w.unit;
    form.timeZone = w.timeZone;
    form.startMonth = String(w.startMonth);
    form.weekStart = w.weekStart;
  } else {
    form.fixedFrom = formatRfc3339(w.from);
    form.fixedTo = formatRfc3339(w.to);
  }
  if (spec.timeslice) {
    form.sliceLength = formatDuration(spec.timeslice.lengthMs);
    form.sliceTarget = formatPercent(spec.timeslice.target);
    form.sliceNoData = spec.timeslice.noData;
  }
  return form;
}

function indicatorDocument(f: SloForm): Record<string, unknown> {
  switch (f.indicatorKind) {
    case 'ratio':
      return { ratio: { [f.ratioEvents]: f.ratioQuery, total: f.ratioTotal } };
    case 'latency':
      return { latency: { histogram: f.histogram, threshold: numberOrText(f.latencyThreshold) } };
    case 'threshold':
      return { threshold: { expr: f.thresholdExpr, op: f.thresholdOp, value: numberOrText(f.thresholdValue) } };
    case 'composite':
      return { composite: { components: f.components.map((c) => ({ slo: c.slo, weight: numberOrText(c.weight) })) } };
  }
}

function windowDocument(f: SloForm): Record<string, unknown> {
  switch (f.windowKind) {
    case 'rolling':
      return { rolling: f.rolling };
    case 'calendar':
      // Always the long form, so errors keep one path per field (window.calendar.timeZone).
      return {
        calendar: {
          unit: f.calendarUnit,
          // Empty: the SLO names no zone, so the app's default time zone (or UTC) applies.
          ...(f.timeZone.trim() === '' ? {} : { timeZone: f.timeZone }),
          // The validator refuses a start month outside quarters and years, a week start outside weeks.
          ...(f.calendarUnit === 'quarter' || f.calendarUnit === 'year'
            ? { startMonth: numberOrText(f.startMonth) }
            : {}),
          ...(f.calendarUnit === 'week' ? { weekStart: f.weekStart } : {}),
        },
      };
    case 'fixed':
      return { fixed: { from: f.fixedFrom, to: f.fixedTo } };
  }
}

/** The form as one `jsonData.slos` entry (document form); empty optional fields are left out. */
export function formToDocument(f: SloForm): Record<string, unknown> & { id: string } {
  const labels = Object.fromEntries(f.labels.filter((l) => l.key.trim() !== '').map((l) => [l.key.trim(), l.value]));
  const groupBy = list(f.groupBy, /,/);
  const timeslices = f.budgetingMethod === 'timeslices';
  return {
    id: f.id.trim(),
    name: f.name,
    ...optional('service', f.service),
    ...optional('description', f.description),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(f.datasourceUid
      ? { datasource: { uid: f.datasourceUid, ...(f.datasourceType ? { type: f.datasourceType } : {}) } }
      : {}),
    indicator: indicatorDocument(f),
    objective: f.objective,
    window: windowDocument(f),
    ...(timeslices
      ? {
          budgetingMethod: f.budgetingMethod,
          timeslice: {
            length: f.sliceLength,
            ...(f.indicatorKind !== 'threshold' ? { target: f.sliceTarget } : {}),
            noData: f.sliceNoData,
          },
        }
      : {}),
    ...(groupBy.length > 0 ? { groupBy } : {}),
    ...(f.exclusions.length > 0 ? { exclusions: f.exclusions.map((e) => ({ ...e })) } : {}),
    ...(f.policy.length > 0
      ? {
          policy: f.policy.map((l) => ({
            name: l.name,
            ...optional('below', l.below),
            ...(l.burnRateAbove.trim() !== '' || l.burnRateWindow.trim() !== ''
              ? { burnRate: { above: numberOrText(l.burnRateAbove), window: l.burnRateWindow } }
              : {}),
            actions: list(l.actions, /\n/),
            ...(list(l.exceptions, /,/).length > 0 ? { exceptions: list(l.exceptions, /,/) } : {}),
            ...(l.blocksReleases ? {} : { blocksReleases: false }),
          })),
        }
      : {}),
    ...(f.alertPage || f.alertTicket || f.runbook.trim() !== '' || f.minBadEvents.trim() !== ''
      ? {
          alerting: {
            page: f.alertPage,
            ticket: f.alertTicket,
            ...optional('runbook', f.runbook),
            ...(f.minBadEvents.trim() !== '' ? { minBadEvents: numberOrText(f.minBadEvents) } : {}),
          },
        }
      : {}),
  };
}
