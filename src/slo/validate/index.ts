// Validation of `burndown/v1` into SloSpec, by concern: metadata, indicator, window, budgeting, policy, references,
// and the orchestrator (slo.ts) that runs them.

export { BUDGETING_METHODS, NO_DATA_POLICIES, validateExclusions, validateTimeslice } from './budgeting';
export { validateContext } from './context';
export type { ValidateContext } from './context';
export { checkPromqlField, COMPARISON_OPS, validateIndicator } from './indicator';
export { LABEL_NAME_RE, validateDatasource, validateGroupBy, validateLabels } from './metadata';
export { validateAlerting, validatePolicy } from './policy';
export { checkCompositeRefs, SLO_ID_RE } from './references';
export { validateDocument, validateSlo, validateSloList } from './slo';
export { CALENDAR_UNITS, validateWindow, WEEKDAYS } from './window';
