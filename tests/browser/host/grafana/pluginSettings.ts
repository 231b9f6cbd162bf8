// Faked `GET /api/plugins/:pluginId/settings` and `POST /api/plugins/:pluginId/settings` (Grafana's HTTP API,
// https://grafana.com/docs/grafana/latest/developers/http_api/plugin/; handlers GetPluginSettingByID and
// UpdatePluginSetting). Like Grafana, it keeps no revision and no history: GET answers what is stored, POST replaces
// it with what it is sent (the app's revision logic lives in src/infrastructure/settings, not here).
// Stored per browser tab in sessionStorage, so a reload sees what was saved and a fresh page starts from the fixtures:
// initially {enabled, pinned, jsonData: {slos}} with the SLOs of tests/fixtures/<name>.yaml (host parameter slos=a,b),
// parsed by the host server, plus the host parameters extraSlos (raw entries appended, e.g. an invalid one) and
// jsonData (keys merged, e.g. {"provisioned": true}).
// The POST body is checked against Grafana's UpdatePluginSettingCmd {enabled, pinned, jsonData, secureJsonData,
// version}: an unknown field is refused (Grafana would ignore it silently), and `enabled`, `pinned` and `jsonData`
// are required (Grafana would take a missing one as false / empty: the app would be disabled or its SLOs wiped).
// The user needs plugins:write (Grafana's RBAC action for this route) else 403, as Grafana answers.
import type { Handled } from './http';
import { currentUserMayWritePlugins } from './user';

export const APP_ID = 'burndown-slo-app';
export const SETTINGS_PATH = `/api/plugins/${APP_ID}/settings`;

const UPDATE_FIELDS = new Set(['enabled', 'pinned', 'jsonData', 'secureJsonData', 'version']);

export interface SettingsSeed {
  /** tests/fixtures names whose SLOs are the app's jsonData.slos. */
  slos: string[];
  /** Raw entries appended to jsonData.slos. */
  extraSlos?: unknown[];
  /** Keys merged into jsonData. */
  jsonData?: Record<string, unknown>;
}

interface StoredSettings {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown>;
}

const storageKey = (seed: SettingsSeed) => `burndown-host:settings:${JSON.stringify(seed)}`;

async function stored(seed: SettingsSeed): Promise<StoredSettings> {
  const saved = window.sessionStorage.getItem(storageKey(seed));
  if (saved) {
    return JSON.parse(saved) as StoredSettings;
  }
  const res = await window.fetch(`/host/settings?slos=${encodeURIComponent(seed.slos.join(','))}`);
  const fromFixtures = (await res.json()) as StoredSettings;
  const slos = [...((fromFixtures.jsonData.slos as unknown[]) ?? []), ...(seed.extraSlos ?? [])];
  return { ...fromFixtures, jsonData: { ...fromFixtures.jsonData, ...seed.jsonData, slos } };
}

/** Grafana's dtos.PluginSetting, with the fields an app reads. */
export async function getPluginSettings(seed: SettingsSeed): Promise<Handled> {
  const s = await stored(seed);
  return {
    status: 200,
    data: {
      id: APP_ID,
      type: 'app',
      name: 'Burndown',
      enabled: s.enabled,
      pinned: s.pinned,
      jsonData: s.jsonData,
      secureJsonFields: {},
    },
  };
}

/**
 * Test hook: the next POST answers this status (e.g. 500, as a Grafana whose database is down answers) and stores
 * nothing. Set from a test with sessionStorage.setItem(FAIL_NEXT_POST_KEY, '500'); used once.
 */
export const FAIL_NEXT_POST_KEY = 'burndown-host:fail-next-settings-post';

export async function postPluginSettings(seed: SettingsSeed, body: unknown): Promise<Handled> {
  const fail = window.sessionStorage.getItem(FAIL_NEXT_POST_KEY);
  if (fail) {
    window.sessionStorage.removeItem(FAIL_NEXT_POST_KEY);
    return { status: Number(fail), data: { message: 'Failed to update plugin settings' } };
  }
  if (!currentUserMayWritePlugins()) {
    return {
      status: 403,
      data: { message: "You'll need additional permissions to perform this action. Permissions needed: plugins:write" },
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, data: { message: 'bad request data' } };
  }
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !UPDATE_FIELDS.has(k));
  const problems = [
    ...unknown.map((k) => `unknown field ${k}`),
    ...(['enabled', 'pinned'] as const).filter((k) => typeof b[k] !== 'boolean').map((k) => `${k} must be a boolean`),
    ...(typeof b.jsonData !== 'object' || b.jsonData === null || Array.isArray(b.jsonData)
      ? ['jsonData must be an object']
      : []),
  ];
  if (problems.length > 0) {
    return { status: 400, data: { message: `bad request data: ${problems.join('; ')}` } };
  }
  const next: StoredSettings = {
    enabled: b.enabled as boolean,
    pinned: b.pinned as boolean,
    jsonData: b.jsonData as Record<string, unknown>,
  };
  window.sessionStorage.setItem(storageKey(seed), JSON.stringify(next));
  return { status: 200, data: { message: 'Plugin settings updated' } };
}
