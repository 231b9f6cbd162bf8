// Public API of the SLO file module: parse + validate `burndown/v1` documents, serialize them back (docs/semantics.md section 10).
// Importers read their own formats with the positioned readers: import them from './read' (src/slo/read).

export * from './types';
export type * from './document';
export { parseSloDocument, parseSloObjects } from './parse';
export type { ParseOptions } from './parse';
export { serializeSloFile, toSloDocument, toSloDocumentSlo } from './serialize';
export { formatDuration, parseDuration } from './duration';
export { formatPercent, parsePercentOrFraction } from './percent';
export { formatRfc3339, parseRfc3339 } from './rfc3339';
export {
  BUDGETING_METHODS,
  CALENDAR_UNITS,
  COMPARISON_OPS,
  LABEL_NAME_RE,
  NO_DATA_POLICIES,
  SLO_ID_RE,
  WEEKDAYS,
} from './validate';
export { isTimeZone, parseYamlDocuments } from './read';
export type { TextDocument } from './read';
export { POLICY_PRESETS, policyPreset } from './policyPresets';
export type { PolicyPreset, PolicyPresetId } from './policyPresets';
export { EXCEPTION_SLUG } from './validate/policy';
