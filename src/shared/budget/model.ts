// What both data modes hand to the views: per group, the buckets, the engine's budget series and the figures at t.
import type { BudgetSeries, Buckets, BurndownSeries } from '../../engine';
import type { SloStatus } from '../../query';
import type { Exclusion, PolicyLevel, WindowSpec } from '../../slo/types';

export interface BudgetGroup {
  /** '' for an ungrouped SLO or query mode. */
  key: string;
  labels: Record<string, string>;
  /** Absent when charts are not available for the SLO (timeslices, threshold or composite indicators). */
  buckets?: Buckets;
  series?: BudgetSeries;
  /** The burn-down curve (docs/semantics.md section 4), when the budget's figure is the burn-down and charts exist. */
  burndown?: BurndownSeries;
  /** Figures at `t` (exact instant counts in SLO mode, from the buckets in query mode). */
  status: SloStatus;
}

export type NoticeKind = 'partial' | 'retention' | 'step' | 'settings' | 'chart';

export interface Notice {
  kind: NoticeKind;
  severity: 'info' | 'warning';
  text: string;
  /** 'figure': it concerns the figure at t (shown next to it, compactly); otherwise it concerns the chart. */
  appliesTo?: 'figure';
}

/**
 * The budget figure the views show (docs/semantics.md section 4): 'burndown' for calendar and fixed windows (and timeslices,
 * which already burn down) when the options ask for it and the status has it; 'ifEndedNow' otherwise (rolling windows).
 */
export type BudgetFigure = 'burndown' | 'ifEndedNow';

export interface PanelBudget {
  /** The SLO's name, or "Queries". */
  title: string;
  target: number;
  window: WindowSpec;
  policy: PolicyLevel[];
  exclusions: Exclusion[];
  groups: BudgetGroup[];
  /** The displayed range (the dashboard's time range). */
  range: { from: number; to: number };
  /** Where the figures are evaluated: min(now, range.to). */
  t: number;
  /** Length of the window at t (the current calendar period, the fixed window, W): budget as time, alert factors. */
  windowMs: number;
  /** Bucket width of the series (ms), when there are series. */
  step?: number;
  notices: Notice[];
  /** The figure the views show; `status.burndown` holds it at t when 'burndown'. */
  figure: BudgetFigure;
  /** What the budget counts: events, or time slices (timeslice SLOs). */
  unit: 'events' | 'slices';
}

/** No group has a figure or a plotted point: show "No data", never 100%. */
export function hasNoData(budget: PanelBudget): boolean {
  return budget.groups.every(
    (g) => g.status.remaining === null && (!g.series || !g.series.remaining.some((v) => v === v))
  );
}

/** A problem with the panel's options or the app's settings: shown as an error with this message. */
export class PanelConfigError extends Error {
  constructor(readonly kind: 'unknown-slo' | 'no-slos' | 'settings' | 'options', message: string) {
    super(message);
    this.name = 'PanelConfigError';
  }
}
