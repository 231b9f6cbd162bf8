// Saving the Settings page's defaults (appDefaults.ts) through Grafana's plugin settings API, by the same rules as the
// SLO repository (SloSettingsRepository.ts): one POST of the whole jsonData built from a fresh GET, so `slos` and every
// other key stay as stored now (not as the page loaded them); refused when provisioned (provisioning rewrites the
// settings on restart); a failed POST stores nothing.
import { withAppDefaults, type AppDefaults } from './appDefaults';
import { ReadOnlyError } from './errors';
import { settingsErrorMessage, type PluginSettings, type PluginSettingsApi } from './pluginSettingsApi';
import { PROVISIONED_KEY, REVISION_KEY } from './SloSettingsRepository';

/** Resolves with the settings as written; rejects with a ReadOnlyError or an Error carrying Grafana's message. */
export async function saveAppDefaults(api: PluginSettingsApi, defaults: AppDefaults): Promise<PluginSettings> {
  const current = await api.get();
  if (current.jsonData[PROVISIONED_KEY] === true) {
    throw new ReadOnlyError('provisioned');
  }
  const revision = current.jsonData[REVISION_KEY];
  const written: PluginSettings = {
    enabled: current.enabled,
    pinned: current.pinned,
    jsonData: {
      ...withAppDefaults(current.jsonData, defaults),
      [REVISION_KEY]: (typeof revision === 'number' && Number.isInteger(revision) && revision >= 0 ? revision : 0) + 1,
    },
  };
  try {
    await api.post(written);
  } catch (e) {
    if ((e as { status?: number })?.status === 403) {
      throw new ReadOnlyError('permission');
    }
    throw new Error(`The settings were not saved (nothing changed): ${settingsErrorMessage(e)}`);
  }
  return written;
}
