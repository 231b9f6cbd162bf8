// Test ids shared by the panel's unit tests and the browser tests (tests/browser), one module so they cannot drift.
export const testIds = {
  panel: 'burndown-budget-panel',
  loading: 'burndown-loading',
  noData: 'burndown-no-data',
  error: 'burndown-error',
  /** Remaining budget figure; carries the raw fraction in `data-value` ("" when there is no data). */
  remaining: 'burndown-remaining',
  sli: 'burndown-sli',
  burnRate: 'burndown-burn-rate',
  exhaustion: 'burndown-exhaustion',
  budgetAsTime: 'burndown-budget-as-time',
  policy: 'burndown-policy',
  chart: 'burndown-chart',
  /** Visually hidden table of the plotted points (time, value): readable by screen readers and tests alike. */
  seriesTable: 'burndown-series-table',
  /** Partial-data notices (retention, a window reaching before the queries, a misaligned step); `data-kind` says which. */
  notice: 'burndown-notice',
} as const;
