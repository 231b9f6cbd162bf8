// Grafana's plugin settings HTTP API for this app: `GET /api/plugins/:pluginId/settings` and
// `POST /api/plugins/:pluginId/settings` (https://grafana.com/docs/grafana/latest/developers/http_api/plugin/).
// Grafana keeps no revision of its own and replaces what it is sent: the POST body is Grafana's UpdatePluginSettingCmd
// {enabled, pinned, jsonData, secureJsonData, version}; a missing `enabled` disables the app and a missing key of
// `jsonData` is gone, so every POST carries the whole settings (the repository builds it from a fresh GET).
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import pluginJson from '../../plugin.json';

export const APP_SETTINGS_URL = `/api/plugins/${pluginJson.id}/settings`;

/** What this app reads of the GET answer (Grafana's dtos.PluginSetting has more: info, includes, module...). */
export interface PluginSettings {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown>;
}

/** The POST body this app sends: Grafana's UpdatePluginSettingCmd without secrets (the app stores none). */
export interface PluginSettingsUpdate {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown>;
}

export interface PluginSettingsApi {
  get(): Promise<PluginSettings>;
  /** Resolves when Grafana stored the settings; rejects with Grafana's error otherwise (nothing stored). */
  post(update: PluginSettingsUpdate): Promise<void>;
}

interface PluginSettingsResponse {
  enabled?: boolean;
  pinned?: boolean;
  jsonData?: Record<string, unknown> | null;
}

/** The API through @grafana/runtime's backendSrv (Grafana's own HTTP client: session cookie, org header). */
export function grafanaPluginSettingsApi(url = APP_SETTINGS_URL): PluginSettingsApi {
  return {
    async get() {
      const s = await getBackendSrv().get<PluginSettingsResponse>(url, undefined, undefined, {
        showErrorAlert: false,
      });
      return {
        enabled: s?.enabled ?? false,
        pinned: s?.pinned ?? false,
        jsonData: s?.jsonData && typeof s.jsonData === 'object' ? s.jsonData : {},
      };
    },
    async post(update) {
      await lastValueFrom(
        getBackendSrv().fetch({ url, method: 'POST', data: update, showErrorAlert: false, showSuccessAlert: false })
      );
    },
  };
}

/** A readable message for a failed settings request (FetchError from Grafana, or any Error). */
export function settingsErrorMessage(e: unknown): string {
  const err = e as { status?: number; statusText?: string; data?: { message?: string }; message?: string };
  if (err?.data?.message) {
    return err.status ? `HTTP ${err.status}: ${err.data.message}` : err.data.message;
  }
  if (err?.status) {
    return `HTTP ${err.status} ${err.statusText ?? ''}`.trim();
  }
  return err?.message ?? String(e);
}
