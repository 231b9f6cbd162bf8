// Test ids of the app's pages, read by component tests and the browser tests' page objects (never CSS classes).
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
