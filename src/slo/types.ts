// The normalized SLO model (docs/semantics.md sections 1 and 10). Parsing turns a `burndown/v1`
// document into these types with every default filled; the engine, query layer, CLI and UI
// only ever see this shape. Times are epoch milliseconds, durations milliseconds.

export const API_VERSION = 'burndown/v1';

export interface SloFile {
  apiVersion: typeof API_VERSION;
  slos: SloSpec[];
}

export interface SloSpec {
  /** [a-z0-9-]+, unique within a file. */
  id: string;
  name: string;
  service?: string;
  description?: string;
  labels: Record<string, string>;
  /** Grafana datasource reference; the CLI ignores it and takes --prometheus. */
  datasource?: DatasourceRef;
  indicator: Indicator;
  /** Target as a fraction in (0, 1): 99.5% -> 0.995. */
  objective: number;
  window: WindowSpec;
  budgetingMethod: BudgetingMethod;
  /** Present exactly when budgetingMethod is 'timeslices'. */
  timeslice?: TimesliceSpec;
  /** Label names: one SLO instance per combination of their values. */
  groupBy: string[];
  exclusions: Exclusion[];
  /** Ordered from least to most severe. */
  policy: PolicyLevel[];
  alerting: AlertingSpec;
  /** How figures are read (docs/recorded-mode.md); absent = 'raw'. */
  mode?: QueryMode;
}

export interface DatasourceRef {
  uid: string;
  type?: string;
}

export type Indicator = RatioIndicator | LatencyIndicator | ThresholdIndicator | CompositeIndicator;

/** Events as counters: exactly one of `bad` or `good`, plus `total` (selectors or linear expressions of counters). */
export interface RatioIndicator {
  kind: 'ratio';
  bad?: string;
  good?: string;
  total: string;
}

/** good = `<histogram>_bucket{...,le="<threshold>"}`, total = `<histogram>_count{...}`. */
export interface LatencyIndicator {
  kind: 'latency';
  /** Histogram base name with optional matchers, e.g. `http_request_duration_seconds{job="checkout"}`. */
  histogram: string;
  /** Upper bound in seconds; must equal one of the histogram's `le` values. */
  threshold: number;
}

export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** A gauge or expression compared per time slice; only meaningful with timeslices. */
export interface ThresholdIndicator {
  kind: 'threshold';
  expr: string;
  op: ComparisonOp;
  value: number;
}

/** remaining = sum(w_k * remaining_k) / sum(w_k) over other SLOs of the same file. */
export interface CompositeIndicator {
  kind: 'composite';
  components: Array<{ slo: string; weight: number }>;
}

export type WindowSpec = RollingWindow | CalendarWindow | FixedWindow;

export interface RollingWindow {
  kind: 'rolling';
  durationMs: number;
}

export type CalendarUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface CalendarWindow {
  kind: 'calendar';
  unit: CalendarUnit;
  /** IANA zone, default 'UTC'. */
  timeZone: string;
  /** 1-12: the month a quarter or year cycle starts in (quarters Sep/Dec/Mar/Jun for 9). Default 1. */
  startMonth: number;
  /** Default 'monday' (ISO). */
  weekStart: Weekday;
}

export interface FixedWindow {
  kind: 'fixed';
  from: number;
  to: number;
}

export type BudgetingMethod = 'occurrences' | 'timeslices';

/** raw: counters read directly; recorded: the recorded tiles of `burndown rules`; auto: recorded when raw is too large. */
export type QueryMode = 'raw' | 'recorded' | 'auto';

export type NoDataPolicy = 'good' | 'bad' | 'ignore';

export interface TimesliceSpec {
  lengthMs: number;
  /** A slice is good when its ratio (good/total) is >= target; for threshold indicators the condition decides. */
  target: number;
  noData: NoDataPolicy;
}

export interface Exclusion {
  from: number;
  to: number;
  reason: string;
}

export interface PolicyLevel {
  name: string;
  /** Active when remaining budget (fraction) is below this. */
  below?: number;
  /** Or when the burn rate over `window` is above `above`. */
  burnRate?: { above: number; windowMs: number };
  actions: string[];
  /** Kinds of change (slugs such as `security-fix`) that may still ship while this level is active; absent: none. */
  exceptions?: string[];
  /** `false`: the level informs (notify the team) and a release gate lets releases through; absent: it blocks. */
  blocksReleases?: false;
}

export interface AlertingSpec {
  page: boolean;
  ticket: boolean;
  runbook?: string;
  /** Burn-rate alerts stay silent while the long window holds fewer bad events than this (quiet hours, tiny traffic). */
  minBadEvents?: number;
}

/**
 * A problem in an SLO document: rendered as `file:line:col: path: message` by the CLI and the UI alike, or
 * `file: path: message` when it has no position (settings jsonData, export notes), never a made-up `:0:0`.
 */
export interface SloError {
  file?: string;
  /** 1-based; 0 when the position is unknown. */
  line: number;
  column: number;
  /** Field path, e.g. `slos[0].window.calendar.timeZone`. */
  path: string;
  message: string;
}

export function formatSloError(e: SloError): string {
  const file = e.file ?? '<input>';
  const where = e.line > 0 ? [file, e.line, e.column].join(':') : file;
  return `${where}: ${e.path || '<root>'}: ${e.message}`;
}
