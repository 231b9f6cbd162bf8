// SLOs -> Prometheus rule groups: error ratio over (t - L, t] per burn-rate window L, and alerts when the burn rate
// ratio / (1 - target) over both windows of a tier exceeds factor x W / 30 d (docs/semantics.md §5).
//
// Recording scheme (one group per SLO, evaluated in order):
//   level 1, from raw counters: burndown:slo_events_total:increase<L> and burndown:slo_events_bad:increase<L>
//     = sum by (groupBy) (increase(<counter>[L])): per series before the sum, so counter resets are safe;
//   level 2, reads level 1:     burndown:slo_error_ratio:ratio<L> = bad / total of the same window;
//   alerts read levels 1 and 2. Every recorded series carries slo, service (when set), window and the groupBy labels.
// Backfilling them with `promtool tsdb create-blocks-from rules` takes two passes (level 1, then level 2).
import { counterExprs, increaseQuery, withMatchers } from '../query/promql';
import { formatDuration } from '../slo/duration';
import { formatRfc3339 } from '../slo/rfc3339';
import type { SloSpec } from '../slo/types';
import { SRE_WORKBOOK_TIERS, type BurnRateTier } from '../engine/alertWindows';
import { ABSENT_FOR_MS, alertPlan, forDurationMs } from './alertPlan';
import { recordedRuleGroups } from './recorded';

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Rule[];
}

/** What `promtool check rules` and Prometheus' `rule_files` read. */
export interface RuleFile {
  groups: RuleGroup[];
}

/** A group with the comments that go above it in the YAML (what the rules cannot express). */
export interface CommentedGroup {
  group: RuleGroup;
  comments: string[];
}

export interface RuleOptions {
  /** The groups' evaluation interval (`1m`); the Prometheus global evaluation_interval when absent. */
  interval?: string;
}

export const BURN_ALERT = 'BurndownErrorBudgetBurn';
export const ABSENT_ALERT = 'BurndownSloDataAbsent';

export const RECORD_TOTAL = 'burndown:slo_events_total:increase';
export const RECORD_BAD = 'burndown:slo_events_bad:increase';
export const RECORD_RATIO = 'burndown:slo_error_ratio:ratio';

/** The windows the tier table uses (5m, 30m, 1h, 2h, 6h, 1d, 3d), shortest first. */
export const BURN_RATE_WINDOWS_MS: readonly number[] = [
  ...new Set(SRE_WORKBOOK_TIERS.flatMap((t) => [t.shortMs, t.longMs])),
].sort((a, b) => a - b);

/** `5m`, `1h`, `3d`: the suffix of the recorded names and the value of their `window` label. */
export function windowName(ms: number): string {
  return formatDuration(ms);
}

/**
 * Rule groups for every SLO of a file with `alerting.page` or `alerting.ticket` enabled, then the recorded-mode groups
 * of the SLOs with `mode: recorded` or `auto` (src/rules/recorded.ts; their interval is fixed).
 */
export function prometheusRules(specs: readonly SloSpec[], options: RuleOptions = {}): CommentedGroup[] {
  const alerting = specs.filter((s) => s.alerting.page || s.alerting.ticket).map((s) => sloRuleGroup(s, options));
  return [...alerting, ...recordedRuleGroups(specs.filter((s) => s.mode === 'recorded' || s.mode === 'auto'))];
}

/** The plain rule file (comments dropped). */
export function ruleFile(groups: readonly CommentedGroup[]): RuleFile {
  return { groups: groups.map((g) => g.group) };
}

export function sloRuleGroup(spec: SloSpec, options: RuleOptions = {}): CommentedGroup {
  const comments: string[] = [`SLO ${spec.id}: ${spec.name}, objective ${formatTarget(spec.objective)}.`];
  const rules: Rule[] = [];
  const name = `burndown-slo-${spec.id}`;
  const group = (): CommentedGroup => ({
    group: { name, ...(options.interval ? { interval: options.interval } : {}), rules },
    comments,
  });
  for (const e of spec.exclusions) {
    comments.push(
      `Exclusion ${formatRfc3339(e.from)} .. ${formatRfc3339(e.to)} (${
        e.reason
      }) is not expressed here: rules cannot ` +
        'remove a past or future interval; silence these alerts in Alertmanager for it.'
    );
  }
  const kind = spec.indicator.kind;
  if (kind === 'composite') {
    comments.push('Composite SLO: no rules of its own; alert on its components.');
    return group();
  }
  if (kind === 'threshold') {
    comments.push(
      'Threshold indicator: burn-rate alerts are not generated (its budget is counted in time slices, which ' +
        'rules cannot count over the SLO window); only the absent-data alert.'
    );
    rules.push(absentAlert(spec, spec.indicator.expr.trim()));
    return group();
  }
  const plan = alertPlan(spec);
  const windows = BURN_RATE_WINDOWS_MS.filter((w) => w <= plan.windowMs);
  for (const w of windows) {
    rules.push(...eventRecords(spec, w));
  }
  rules.push(absentAlert(spec, recorded(RECORD_TOTAL, BURN_RATE_WINDOWS_MS[0], spec)));
  if (spec.budgetingMethod === 'timeslices') {
    comments.push(
      'Timeslice SLO: the event counts above are recorded, but burn-rate alerts are not generated: its budget is in ' +
        'bad slices, and an event ratio is not the same burn rate.'
    );
    return group();
  }
  if (spec.window.kind === 'calendar') {
    comments.push(
      `Calendar ${spec.window.unit}: factors are scaled by the mean period length ${formatDuration(
        Math.round(plan.windowMs)
      )} / 30d.`
    );
  }
  for (const t of plan.dropped) {
    comments.push(
      `The ${t.severity} tier over ${windowName(t.longMs)} and ${windowName(t.shortMs)} is left out: its long window ` +
        'is longer than the SLO window.'
    );
  }
  if (spec.alerting.minBadEvents !== undefined) {
    comments.push(
      `Burn-rate alerts need at least ${spec.alerting.minBadEvents} bad events in their long window (alerting.minBadEvents).`
    );
  }
  for (const tier of plan.tiers) {
    rules.push(burnAlert(spec, tier, plan.windowMs));
  }
  return group();
}

function sloLabels(spec: SloSpec): Record<string, string> {
  return { slo: spec.id, ...(spec.service !== undefined ? { service: spec.service } : {}) };
}

/** A recorded series of this SLO: `<name><window>{slo="<id>"}`. */
function recorded(prefix: string, windowMs: number, spec: SloSpec): string {
  return withMatchers(`${prefix}${windowName(windowMs)}`, [{ name: 'slo', op: '=', value: spec.id }]);
}

function eventRecords(spec: SloSpec, windowMs: number): RecordingRule[] {
  const counters = counterExprs(spec.indicator);
  const labels = { ...sloLabels(spec), window: windowName(windowMs) };
  const total = increaseQuery(counters.total, windowMs, spec.groupBy);
  const bad =
    counters.bad !== undefined
      ? increaseQuery(counters.bad, windowMs, spec.groupBy)
      : // bad = total - good; extrapolation can make it dip below 0 by a fraction of an event
        `clamp_min(${total} - ${increaseQuery(counters.good!, windowMs, spec.groupBy)}, 0)`;
  return [
    { record: `${RECORD_TOTAL}${windowName(windowMs)}`, expr: total, labels },
    { record: `${RECORD_BAD}${windowName(windowMs)}`, expr: bad, labels },
    {
      record: `${RECORD_RATIO}${windowName(windowMs)}`,
      // reads the two rules above (level 2); 0/0 is NaN, which no alert threshold passes
      expr: `${recorded(RECORD_BAD, windowMs, spec)} / ${recorded(RECORD_TOTAL, windowMs, spec)}`,
      labels,
    },
  ];
}

function burnAlert(spec: SloSpec, tier: BurnRateTier, windowMs: number): AlertingRule {
  const budget = round(1 - spec.objective);
  const factor = round(tier.factor);
  const long = windowName(tier.longMs);
  const short = windowName(tier.shortMs);
  const shown = Number(tier.factor.toFixed(2));
  // the value of the first line, the long window's burn rate, is the alert's $value
  const burn = (w: number) => `(max without (window) (${recorded(RECORD_RATIO, w, spec)}) / ${budget} > ${factor})`;
  const lines = [burn(tier.longMs), 'and', burn(tier.shortMs)];
  if (spec.alerting.minBadEvents !== undefined) {
    lines.push(
      'and',
      `(max without (window) (${recorded(RECORD_BAD, tier.longMs, spec)}) >= ${spec.alerting.minBadEvents})`
    );
  }
  const windowText = windowDescription(spec);
  // Prometheus templates have no arithmetic: `query` evaluates it (budget share spent in the long window, and the
  // time a full budget lasts at this burn rate, rounded to the minute).
  const seconds = windowMs / 1000;
  const spentPct = `{{ with query (printf "%f * 100 * ${
    tier.longMs / 1000
  } / ${seconds}" $value) }}{{ . | first | value | printf "%.1f" }}{{ end }}`;
  const lasts = `{{ with query (printf "round(vector(${seconds} / %f), 60)" $value) }}{{ . | first | value | humanizeDuration }}{{ end }}`;
  return {
    alert: BURN_ALERT,
    expr: lines.join('\n'),
    for: formatDuration(forDurationMs(tier)),
    labels: {
      ...templateSafe(spec.labels),
      ...sloLabels(spec),
      severity: tier.severity,
      long_window: long,
      short_window: short,
    },
    annotations: {
      summary: `${subject(spec)}: error budget burning at {{ printf "%.1f" $value }}x over ${long} (${
        tier.severity
      } above ${shown}x)`,
      description:
        `In the last ${long} ${subject(spec)} spent ${spentPct}% of its ${windowText} error budget ` +
        `(objective ${formatTarget(spec.objective)}). At this rate a full budget runs out in ${lasts}. ` +
        `Both the ${long} and the ${short} burn rates are above ${shown}x (${round(
          (factor * tier.longMs * 100) / windowMs
        )}% of the budget in ${long}).`,
      ...(spec.alerting.runbook !== undefined ? { runbook_url: escapeTemplate(spec.alerting.runbook) } : {}),
    },
  };
}

/**
 * The SLO's total series is gone: `increase[5m]` returns nothing 5 m after the last sample (Prometheus' staleness
 * markers do not shorten a range), so the alert notifies about 15 m into a scrape outage. SLO-wide, not per group: one
 * route without traffic is no outage. Severity: the least urgent one the SLO enables.
 */
function absentAlert(spec: SloSpec, expr: string): AlertingRule {
  return {
    alert: ABSENT_ALERT,
    expr: `absent(${expr})`,
    for: formatDuration(ABSENT_FOR_MS),
    labels: {
      ...templateSafe(spec.labels),
      ...sloLabels(spec),
      severity: spec.alerting.ticket ? 'ticket' : 'page',
    },
    annotations: {
      summary: `${subject(spec)}: no data for its total events`,
      description:
        `Prometheus has no samples of ${escapeTemplate(counterText(spec))} for ${subject(spec)}: a scrape outage, a ` +
        'renamed metric or a dropped label. Its burn-rate alerts cannot fire while data is missing.',
      ...(spec.alerting.runbook !== undefined ? { runbook_url: escapeTemplate(spec.alerting.runbook) } : {}),
    },
  };
}

function counterText(spec: SloSpec): string {
  const ind = spec.indicator;
  return ind.kind === 'threshold' ? ind.expr.trim() : counterExprs(ind).total.trim();
}

/** The SLO's name (template-escaped), with the group's label values for groupBy SLOs. */
function subject(spec: SloSpec): string {
  const groups = spec.groupBy.map((g) => `${g}={{ $labels.${g} }}`).join(', ');
  return escapeTemplate(spec.name) + (groups ? ` (${groups})` : '');
}

/** Prometheus expands Go templates in alert labels and annotations: user text must not open one. */
export function escapeTemplate(text: string): string {
  return text.replace(/\{\{|\}\}/g, (m) => `{{ "${m}" }}`);
}

function templateSafe(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, escapeTemplate(v)]));
}

function windowDescription(spec: SloSpec): string {
  const w = spec.window;
  return w.kind === 'rolling'
    ? `rolling ${formatDuration(w.durationMs)}`
    : w.kind === 'calendar'
    ? `calendar ${w.unit}`
    : 'fixed-window';
}

function round(x: number): number {
  return Number(x.toPrecision(10));
}

function formatTarget(objective: number): string {
  return `${round(objective * 100)}%`;
}
