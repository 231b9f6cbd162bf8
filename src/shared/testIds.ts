// Test ids of the panel and the app's pages, shared by component tests and the browser tests' page objects
// (tests/browser), one module so they cannot drift. Tests read the UI through these, never through CSS classes.
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
  /** The burn-down's sentence ("62% of this quarter's budget left: ..."); `data-value` is the raw burn-down. */
  figureSentence: 'burndown-figure-sentence',
  /** The "if the period ended now" figure next to the burn-down; `data-value` is the raw fraction. */
  ifEndedNow: 'burndown-if-ended-now',
  /** One per diagnostic of the status (stale, no series...); `data-kind` is the diagnostic's kind. */
  diagnostic: 'burndown-diagnostic',
} as const;

/** The app's pages. */
export const pageTestIds = {
  overview: {
    /** The page; data-state "loading" until the settings and every SLO's status are known, then "done". */
    root: 'burndown-overview',
    search: 'burndown-overview-search',
    /** One per SLO: data-slo-id, data-state (RowState). */
    row: 'burndown-overview-row',
    /** data-value: the raw fraction; empty without data. */
    remaining: 'burndown-overview-remaining',
    sli: 'burndown-overview-sli',
    /** One per invalid SLO in the settings: data-index. */
    invalid: 'burndown-overview-invalid',
    empty: 'burndown-overview-empty',
    error: 'burndown-overview-error',
  },
} as const;
