// The `burndown/v1` document as written by people (docs/semantics.md section 10): the input shape before defaults and normalization.
// schema/burndown-v1.schema.json mirrors these interfaces; src/slo/schema.test.ts checks that both agree field by field.
// Every `Xxx` here is a JSON Schema definition of the same name; keep each field's type a name, a primitive,
// a literal union, an array or Record<string, string>.

import type { BudgetingMethod, CalendarUnit, ComparisonOp, NoDataPolicy, QueryMode, Weekday } from './types';

/** A whole file: `apiVersion: burndown/v1` and a list of SLOs. */
export interface SloDocument {
  apiVersion: 'burndown/v1';
  slos: SloDocumentSlo[];
}

/** One SLO as written; Grafana provisioning carries a list of these under `jsonData.slos`. */
export interface SloDocumentSlo {
  id: string;
  name: string;
  service?: string;
  description?: string;
  labels?: Record<string, string>;
  datasource?: DatasourceDocument;
  indicator: IndicatorDocument;
  objective: PercentOrFraction;
  window: WindowDocument;
  budgetingMethod?: BudgetingMethod;
  timeslice?: TimesliceDocument;
  groupBy?: string[];
  exclusions?: ExclusionDocument[];
  policy?: PolicyLevelDocument[];
  alerting?: AlertingDocument;
  mode?: QueryMode;
}

export interface DatasourceDocument {
  uid: string;
  type?: string;
}

/** Exactly one key. */
export interface IndicatorDocument {
  ratio?: RatioDocument;
  latency?: LatencyDocument;
  threshold?: ThresholdDocument;
  composite?: CompositeDocument;
}

/** Exactly one of bad or good, plus total. */
export interface RatioDocument {
  bad?: PromQL;
  good?: PromQL;
  total: PromQL;
}

export interface LatencyDocument {
  histogram: PromQL;
  /** Seconds; one of the histogram's `le` bounds. */
  threshold: number;
}

export interface ThresholdDocument {
  expr: PromQL;
  op: ComparisonOp;
  value: number;
}

export interface CompositeDocument {
  components: CompositeComponentDocument[];
}

export interface CompositeComponentDocument {
  slo: string;
  /** > 0, default 1. */
  weight?: number;
}

/** Exactly one key. `calendar: month` is short for `calendar: {unit: month}`. */
export interface WindowDocument {
  rolling?: Duration;
  calendar?: CalendarUnit | CalendarDocument;
  fixed?: FixedWindowDocument;
}

export interface CalendarDocument {
  unit: CalendarUnit;
  timeZone?: string;
  startMonth?: number;
  weekStart?: Weekday;
}

export interface FixedWindowDocument {
  from: Timestamp;
  to: Timestamp;
}

export interface TimesliceDocument {
  length: Duration;
  /** Required except for threshold indicators, whose op/value decide each slice. */
  target?: PercentOrFraction;
  noData?: NoDataPolicy;
}

export interface ExclusionDocument {
  from: Timestamp;
  to: Timestamp;
  reason: string;
}

/** At least one of below and burnRate. */
export interface PolicyLevelDocument {
  name: string;
  below?: PercentOrFraction;
  burnRate?: BurnRateConditionDocument;
  actions?: string[];
  /** Kinds of change that may still ship while the level is active: slugs such as `security-fix`. */
  exceptions?: string[];
  /** false: the level does not stop a release at `burndown gate` (a notify level); default true. */
  blocksReleases?: boolean;
}

export interface BurnRateConditionDocument {
  above: number;
  window: Duration;
}

export interface AlertingDocument {
  page?: boolean;
  ticket?: boolean;
  runbook?: string;
  minBadEvents?: number;
}

/** `99.5%`, `"99.5%"`, 0.995 or `"0.995"`. */
export type PercentOrFraction = number | string;
/** Prometheus units: `5m`, `28d`, `1h30m`. */
export type Duration = string;
/** RFC 3339 with an offset: `2026-08-05T02:00:00Z`. */
export type Timestamp = string;
/** A PromQL selector or expression. */
export type PromQL = string;
