// The settings repository: the app's SLOs in its plugin settings (docs/semantics.md section 7).
export { loadAppSlos, resetAppSlosCache, grafanaSloRepository } from './appSlos';
export { ConflictError, ReadOnlyError, SaveFailedError, SloValidationError } from './errors';
export { entryId, mergeSloChange, sameJson, type SloChange } from './mergeSloChange';
export { invalidSlos, parseAppSlos, type AppSlos, type InvalidSlo } from './parseAppSlos';
export { canWritePluginSettings, PLUGINS_WRITE, type GrafanaUserLike } from './permissions';
export {
  APP_SETTINGS_URL,
  grafanaPluginSettingsApi,
  settingsErrorMessage,
  type PluginSettings,
  type PluginSettingsApi,
  type PluginSettingsUpdate,
} from './pluginSettingsApi';
export {
  createSloSettingsRepository,
  PROVISIONED_KEY,
  REVISION_KEY,
  type RepositoryDeps,
  type SloSettingsRepository,
  type SloSettingsSnapshot,
} from './SloSettingsRepository';
export {
  applyAppDefaults,
  DEFAULT_DATASOURCE_KEY,
  DEFAULT_TIME_ZONE_KEY,
  namesTimeZone,
  readAppDefaults,
  withAppDefaults,
  type AppDefaults,
} from './appDefaults';
export { saveAppDefaults } from './saveAppDefaults';
