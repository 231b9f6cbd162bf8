// The app's SLOs for readers that only need the valid ones and the errors (the panel): the default repository over
// Grafana's settings API, and its answer cached for the page load.
import { config } from '@grafana/runtime';

import type { AppSlos } from './parseAppSlos';
import { grafanaPluginSettingsApi } from './pluginSettingsApi';
import { createSloSettingsRepository, type SloSettingsRepository } from './SloSettingsRepository';

let cached: Promise<AppSlos> | undefined;

/** Forget the cached settings (after the app's settings change, and in tests). */
export function resetAppSlosCache(): void {
  cached = undefined;
}

/** The repository over Grafana's plugin settings API, for the signed-in user of config.bootData. */
export function grafanaSloRepository(): SloSettingsRepository {
  return createSloSettingsRepository({
    api: grafanaPluginSettingsApi(),
    user: () => config.bootData?.user,
    onSaved: resetAppSlosCache,
  });
}

/**
 * The app's SLOs, fetched once per page load. A failed request is not cached, so the next panel render retries.
 * Rejects with the server's message when the settings cannot be read.
 */
export function loadAppSlos(): Promise<AppSlos> {
  if (!cached) {
    const request = grafanaSloRepository()
      .load()
      .then(({ slos, errors }) => ({ slos, errors }));
    cached = request;
    request.catch(() => {
      if (cached === request) {
        cached = undefined;
      }
    });
  }
  return cached;
}
