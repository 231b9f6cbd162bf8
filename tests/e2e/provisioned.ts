// What the specs know of the docker-compose Grafana: the app's provisioned settings (provisioning/plugins/apps.yaml),
// read from the same file Grafana reads, and helpers for the app's plugin settings over Grafana's HTTP API
// (https://grafana.com/docs/grafana/latest/developers/http_api/plugin/).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { APIRequestContext } from '@playwright/test';
import { parse } from 'yaml';

export const PLUGIN_ID = 'burndown-slo-app';
export const SETTINGS_URL = `/api/plugins/${PLUGIN_ID}/settings`;

interface AppsFile {
  apps: Array<{ type: string; jsonData: { slos: Array<{ id: string; name: string }> } }>;
}

/** The SLOs provisioning gives the app, in file order. */
export function provisionedSlos(): Array<{ id: string; name: string }> {
  const file = path.resolve(__dirname, '../../provisioning/plugins/apps.yaml');
  const apps = (parse(readFileSync(file, 'utf8')) as AppsFile).apps;
  const app = apps.find((a) => a.type === PLUGIN_ID);
  if (!app) {
    throw new Error(`${file}: no app of type ${PLUGIN_ID}`);
  }
  return app.jsonData.slos;
}

export interface StoredSettings {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown>;
}

export async function getSettings(request: APIRequestContext): Promise<StoredSettings> {
  const res = await request.get(SETTINGS_URL);
  if (!res.ok()) {
    throw new Error(`GET ${SETTINGS_URL}: HTTP ${res.status()} ${await res.text()}`);
  }
  const s = (await res.json()) as StoredSettings;
  return { enabled: s.enabled, pinned: s.pinned, jsonData: s.jsonData ?? {} };
}

/** Replaces the settings (Grafana's POST replaces the whole jsonData: always send what GET answered, changed). */
export async function postSettings(request: APIRequestContext, s: StoredSettings): Promise<void> {
  const res = await request.post(SETTINGS_URL, { data: s });
  if (!res.ok()) {
    throw new Error(`POST ${SETTINGS_URL}: HTTP ${res.status()} ${await res.text()}`);
  }
}
