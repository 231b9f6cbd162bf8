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
    /** One per SLO: data-slo-id, data-state (RowState), data-trend (TrendState: "pending" | "done" | "none"). */
    row: 'burndown-overview-row',
    /** data-value: the raw fraction; empty without data. */
    remaining: 'burndown-overview-remaining',
    sli: 'burndown-overview-sli',
    /** One per invalid SLO in the settings: data-index, data-trend "none". */
    invalid: 'burndown-overview-invalid',
    empty: 'burndown-overview-empty',
    error: 'burndown-overview-error',
    /** Budget left: data-value the figure, data-basis "burndown" or "window", data-window-remaining, data-forecast. */
    budgetLeft: 'burndown-overview-budget-left',
    burnRate: 'burndown-overview-burn-rate',
    exhaustion: 'burndown-overview-exhaustion',
    policy: 'burndown-overview-policy',
    /** Status text of a row, a group row or a service section: data-status. */
    status: 'burndown-overview-status',
    /** One badge per diagnostic: data-kind. */
    diagnostic: 'burndown-overview-diagnostic',
    /** The sparkline: data-points. */
    trend: 'burndown-overview-trend',
    /** The link to the SLO's detail page. */
    link: 'burndown-overview-link',
    /** Status filter chips: data-status, aria-pressed; and the count on each. */
    statusFilter: 'burndown-overview-status-filter',
    serviceFilter: 'burndown-overview-service-filter',
    labelFilter: 'burndown-overview-label-filter',
    windowFilter: 'burndown-overview-window-filter',
    policyFilter: 'burndown-overview-policy-filter',
    sort: 'burndown-overview-sort',
    groupByService: 'burndown-overview-group-by-service',
    /** A service section when grouped by service: data-service, data-count, data-status; its header toggles it. */
    serviceSection: 'burndown-overview-service',
    serviceToggle: 'burndown-overview-service-toggle',
    /** A grouped SLO's expand control (aria-expanded) and its group rows (data-group). */
    groupsToggle: 'burndown-overview-groups-toggle',
    groupRow: 'burndown-overview-group-row',
    /** Shown when a status filter hides the invalid SLOs. */
    invalidHidden: 'burndown-overview-invalid-hidden',
    /** No row matches the filters. */
    noMatch: 'burndown-overview-no-match',
    /** Reads every figure again. */
    refresh: 'burndown-overview-refresh',
    /** While a sort by budget or burn rate lacks some figures: data-sorted, data-total. */
    sortIncomplete: 'burndown-overview-sort-incomplete',
  },
  detail: {
    /** The page; data-state "loading" | "done" | "not-found" | "error"; data-slo-id; data-period (label); data-step (ms). */
    root: 'burndown-detail',
    notFound: 'burndown-detail-not-found',
    error: 'burndown-detail-error',
    /** Status figures at t; data-value: the raw fraction ('' without data). */
    budgetLeft: 'burndown-detail-budget-left',
    sli: 'burndown-detail-sli',
    policy: 'burndown-detail-policy',
    diagnostic: 'burndown-detail-diagnostic',
    /** Which data answered (recorded mode): data-mode "raw" | "recorded". */
    answeredBy: 'burndown-detail-answered-by',
    /** Period picker: data-kind on each option; the previous periods, one card each (data-start, data-met). */
    periodKind: 'burndown-detail-period-kind',
    monthInput: 'burndown-detail-month',
    rollingInput: 'burndown-detail-rolling',
    rangeFrom: 'burndown-detail-range-from',
    rangeTo: 'burndown-detail-range-to',
    applyRange: 'burndown-detail-apply-range',
    previous: 'burndown-detail-previous',
    /** One per chart: data-kind (burndown, sli, burnRate, cumulative), data-points. */
    chart: 'burndown-detail-chart',
    logScale: 'burndown-detail-log-scale',
    /** Tabs: data-tab. */
    tab: 'burndown-detail-tab',
    /** One row per episode: data-start, data-end (epoch ms), data-bad, data-share. */
    episode: 'burndown-detail-episode',
    exclusion: 'burndown-detail-exclusion',
    policyChange: 'burndown-detail-policy-change',
    yaml: 'burndown-detail-yaml',
    exploreLink: 'burndown-detail-explore',
    /** The Alerts tab: data-state "loading" | "done" | "error" (the SLO's Grafana rules read), data-rules (their count). */
    alerts: 'burndown-detail-alerts',
    alertsPolicy: 'burndown-detail-alerts-policy',
    rulesYaml: 'burndown-detail-rules-yaml',
    rulesDownload: 'burndown-detail-rules-download',
    alertsFolder: 'burndown-detail-alerts-folder',
    alertsGroup: 'burndown-detail-alerts-group',
    /** data-action "create" | "update". */
    alertsWrite: 'burndown-detail-alerts-write',
    alertsDelete: 'burndown-detail-alerts-delete',
    /** The outcome of the last write or delete: data-kind "success" | "error", Grafana's message verbatim. */
    alertsResult: 'burndown-detail-alerts-result',
    /** Firing now: data-state "loading" | "done" | "error"; one row each (data-source, data-name, data-severity). */
    firing: 'burndown-detail-firing',
    firingRow: 'burndown-detail-firing-row',
  },
  editor: {
    /** The page; data-state "loading" | "ready" | "saving" | "not-found" | "error"; data-mode "new" | "edit"; data-read-only. */
    root: 'burndown-editor',
    /** One per validation error, next to its field: data-path (the SLO's field path, '' for the whole SLO). */
    fieldError: 'burndown-editor-field-error',
    /** One per PromQL problem under a query field: data-path, data-line, data-column (1-based). */
    promqlMark: 'burndown-editor-promql-mark',
    /** A PromQL field's code editor (Monaco); data-ready "true" once Monaco is mounted. */
    promqlEditor: 'burndown-editor-promql-editor',
    /** Policy preset buttons: data-preset. */
    preset: 'burndown-editor-preset',
    /** The live preview; data-state "invalid" | "waiting" | "loading" | "done" | "error". */
    preview: 'burndown-editor-preview',
    /** Preview figures: data-value the raw fraction ('' without data); budget left also data-basis "burndown" | "window". */
    previewSli: 'burndown-editor-preview-sli',
    previewBudgetLeft: 'burndown-editor-preview-budget-left',
    /** One per diagnostic of the preview's status: data-kind. */
    previewDiagnostic: 'burndown-editor-preview-diagnostic',
    /** A refused or failed save: data-kind "conflict" | "failed" | "read-only" | "invalid". */
    saveError: 'burndown-editor-save-error',
    /** Shown after "Reload and re-apply": the draft is kept over the reloaded settings. */
    reapplied: 'burndown-editor-reapplied',
    /** A field someone else changed (conflict) or both changed (review after re-apply): data-field, data-both. */
    theirChange: 'burndown-editor-their-change',
    /** The read-only notice (provisioned, or no write permission): data-reason. */
    readOnly: 'burndown-editor-read-only',
    yaml: 'burndown-editor-yaml',
  },
  /** The editor's entry points on the overview and the detail page. */
  editorLinks: {
    create: 'burndown-create-slo',
    edit: 'burndown-edit-slo',
    delete: 'burndown-delete-slo',
    /** After a delete that kept the SLO's Grafana alert rules: says so; data-rules-kept "true". */
    deleted: 'burndown-slo-deleted',
  },
  reports: {
    /** The page; data-state "loading" until the report is made (or failed), then "done". */
    root: 'burndown-reports',
    periodInput: 'burndown-reports-period',
    exportCsv: 'burndown-reports-export-csv',
    exportJson: 'burndown-reports-export-json',
    print: 'burndown-reports-print',
    summary: 'burndown-reports-summary',
    /** One per SLO of the last period: data-slo-id, data-met ("true", "false" or empty), data-budget-used. */
    row: 'burndown-reports-row',
    episodesToggle: 'burndown-reports-episodes-toggle',
    episodes: 'burndown-reports-episodes',
    trend: 'burndown-reports-trend',
    recommendation: 'burndown-reports-recommendation',
    error: 'burndown-reports-error',
  },
  import: {
    /** The page; data-state "loading" | "ready" | "saving" | "saved" | "error"; data-read-only "true" when provisioned or not writable. */
    root: 'burndown-import',
    /** The format radio group (auto, sloth, pyrra, openslo). */
    format: 'burndown-import-format',
    paste: 'burndown-import-paste',
    /** The file dropzone (holds the file input); one item per uploaded file: data-file. */
    upload: 'burndown-import-upload',
    file: 'burndown-import-file',
    /** "n to import, n conflicts, n refused, n notes": data-to-save, data-conflicts, data-refused, data-notes, data-blocked. */
    summary: 'burndown-import-summary',
    /** One per imported SLO: data-slo-id, data-selected, data-conflict, data-saved-id ("" when not saved). */
    row: 'burndown-import-row',
    select: 'burndown-import-select',
    /** A conflict's rename or skip choice, and the new id's input; the rename's problem. */
    resolution: 'burndown-import-resolution',
    rename: 'burndown-import-rename',
    problem: 'burndown-import-problem',
    /** One per note or refusal: data-file, data-line, data-column, data-path. */
    note: 'burndown-import-note',
    /** One per refused object: data-slo-id (empty when it names none). */
    refused: 'burndown-import-refused',
    importButton: 'burndown-import-save',
    /** Read-only: the burndown/v1 YAML to paste into the provisioning file, and its copy button. */
    yaml: 'burndown-import-yaml',
    copyYaml: 'burndown-import-copy-yaml',
    /** After the save: data-ids (comma-separated), and the link to the overview. */
    saved: 'burndown-import-saved',
    overviewLink: 'burndown-import-overview-link',
    error: 'burndown-import-error',
  },
  /** The export control (overview: the filtered or all SLOs; detail: one SLO). */
  export: {
    /** The overview's "Export" toggle and "Import SLOs" link. */
    open: 'burndown-export-open',
    importLink: 'burndown-overview-import-link',
    /** data-state "loading" | "ready"; data-count: the SLOs exported. */
    root: 'burndown-export',
    scope: 'burndown-export-scope',
    target: 'burndown-export-target',
    download: 'burndown-export-download',
    copy: 'burndown-export-copy',
    /** One per note of what OpenSLO cannot express: data-slo-id, data-path. */
    note: 'burndown-export-note',
  },
  settings: {
    /** The app's config page; data-state "loading" | "done" | "error"; data-provisioned, data-can-write. */
    root: 'burndown-settings',
    error: 'burndown-settings-error',
    /** Notice that provisioning manages the settings (read-only), or that the app does. */
    source: 'burndown-settings-source',
    /** data-value: the count of valid / invalid SLOs in the settings. */
    validCount: 'burndown-settings-valid-count',
    invalidCount: 'burndown-settings-invalid-count',
    /** One per invalid SLO: data-index; and the link to the overview filtered to them. */
    invalid: 'burndown-settings-invalid',
    invalidLink: 'burndown-settings-invalid-link',
    datasource: 'burndown-settings-datasource',
    timeZone: 'burndown-settings-time-zone',
    /** A stored default that does not validate (it is not applied). */
    defaultError: 'burndown-settings-default-error',
    save: 'burndown-settings-save',
    /** Why there is no Save button (provisioned, or no plugins:write). */
    readOnly: 'burndown-settings-read-only',
    saveError: 'burndown-settings-save-error',
    saved: 'burndown-settings-saved',
  },
} as const;
