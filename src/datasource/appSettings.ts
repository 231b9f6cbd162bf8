// Moved to src/infrastructure/settings (the settings repository); kept so existing imports keep working.
export {
  APP_SETTINGS_URL,
  loadAppSlos,
  parseAppSlos,
  resetAppSlosCache,
  settingsErrorMessage,
  type AppSlos,
} from '../infrastructure/settings';
