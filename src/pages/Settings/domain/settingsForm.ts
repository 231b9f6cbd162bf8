// The Settings page's form model: the app-wide defaults as the user edits them (src/infrastructure/settings/
// appDefaults.ts), their validation with a message per field, and what the page says about the SLOs of the settings.
import type { AppDefaults, SloSettingsSnapshot } from '../../../infrastructure/settings';
import { isTimeZone, type DatasourceRef } from '../../../slo';
import { PLUGIN_BASE_URL, ROUTES } from '../../../constants';

export interface SettingsForm {
  /** Unset: SLOs that name no data source read Grafana's default Prometheus data source. */
  datasource?: DatasourceRef;
  /** As typed; empty: calendar windows that name no time zone use UTC. */
  timeZone: string;
}

export type SettingsFormErrors = Partial<Record<keyof SettingsForm, string>>;

export function formFromDefaults(d: AppDefaults): SettingsForm {
  return { datasource: d.datasource, timeZone: d.timeZone ?? '' };
}

export function validateSettingsForm(f: SettingsForm): SettingsFormErrors {
  const tz = f.timeZone.trim();
  if (tz !== '' && !isTimeZone(tz)) {
    return { timeZone: `"${tz}" is not an IANA time zone (for example Europe/Berlin, America/New_York or UTC)` };
  }
  return {};
}

/** The defaults to save; only call with a form that validates. */
export function defaultsFromForm(f: SettingsForm): AppDefaults {
  const tz = f.timeZone.trim();
  return { ...(f.datasource ? { datasource: f.datasource } : {}), ...(tz ? { timeZone: tz } : {}) };
}

/** Whether Save is offered: provisioning rewrites the settings on restart, and the user needs plugins:write. */
export function settingsWritable(s: Pick<SloSettingsSnapshot, 'provisioned' | 'canWrite'>): boolean {
  return !s.provisioned && s.canWrite;
}

/** The overview filtered to the invalid SLOs, where each is listed with its errors. */
export const INVALID_SLOS_URL = `${PLUGIN_BASE_URL}/${ROUTES.Overview}?status=invalid`;
