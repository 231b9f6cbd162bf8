/*
 * THE faked Grafana surface of the browser test host: everything the panel and the app's pages would get from a
 * Grafana server, which cannot run on these machines. Used only by tests/browser and local preview. Everything else
 * on the page is the real thing: @grafana/ui, @grafana/data, @grafana/scenes, @grafana/runtime's own code
 * (DataSourceWithBackend, toDataQueryResponse, backendSrv consumers, locationService), themes and global styles.
 *
 * Faked, each in its own file, with why:
 *  - window.grafanaBootData (fakeGrafana.boot.ts): Grafana's index.html writes it before any plugin code runs;
 *    @grafana/runtime's `config` reads it at import (user theme/timezone/role, one Prometheus datasource).
 *  - Date (fakeGrafana.boot.ts, URL parameter now=RFC3339 or epoch ms): the scenario's data lie in 2026-05..10, so
 *    tests pin the wall clock. Date.now() and `new Date()` start at `now` and run on in real time (rxjs and
 *    lodash debouncing need a moving clock); clock=frozen keeps them at `now` exactly.
 *  - window.__grafana_public_path__ (fakeGrafana.boot.ts): where @grafana/ui loads icon SVGs from; the host server
 *    serves them from @grafana/ui's package. Grafana's fonts are not in npm packages: text falls back to sans-serif.
 *  - setBackendSrv (grafana/http.ts), the one door to Grafana's HTTP API, with one file per endpoint:
 *      POST /api/ds/query                      grafana/dsQuery.ts (step and $__interval rules: grafana/promStep.ts)
 *      GET, POST /api/plugins/:id/settings     grafana/pluginSettings.ts (stores what is POSTed, no revision)
 *      GET /api/user                           grafana/user.ts (the role's RBAC permissions are in bootData)
 *      GET /api/folders                        grafana/folders.ts
 *      /api/v1/provisioning/alert-rules[/uid]  grafana/alertRules.ts (bodies checked by grafana/alertingSchema.ts)
 *      /api/v1/provisioning/folder/:f/rule-groups/:g   grafana/ruleGroups.ts
 *      GET /api/prometheus/grafana/api/v1/rules        grafana/grafanaRulesState.ts
 *    anything else answers 404 and logs.
 *  - setDataSourceSrv: one datasource, the Prometheus above, as a real DataSourceWithBackend (so query mode runs
 *    Grafana's own request and response code), and Grafana's default; Grafana's frontend Prometheus plugin (query
 *    editor, legend processing) is not loaded.
 *  - standardEditorsRegistry: Grafana core registers its option editors (radio, select, text...) at start, and
 *    PanelPlugin.defaults looks them up while it reads the options builder; the host registers the same ids with
 *    editors that render nothing, because it shows no panel editor.
 *  - setTemplateSrv: no dashboard variables; replaces the built-ins $__interval, $__interval_ms, $__range,
 *    $__range_s, $__range_ms, $__from, $__to and scoped variables, leaves everything else as written.
 *  - setPluginPage (index.tsx, app mode): Grafana's page chrome around an app page; the host's shows the title.
 *  - config.theme2 / config.theme (index.tsx): set to the page's theme, as Grafana does for the signed-in user.
 * Not fakes but test hooks of the host page: window.__burndownHost__ (theme, params, this backendSrv) and
 * window.__burndownRequests__ (every request answered here, with its status).
 */
import {
  standardEditorsRegistry,
  type DataSourceInstanceSettings,
  type DataSourceRef,
  type ScopedVars,
  type TimeRange,
} from '@grafana/data';
import { config, DataSourceWithBackend, setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';

import { alertRuleRoutes, PROVISIONING_WRITE, type AlertingFake } from './grafana/alertRules';
import { DATASOURCE_UID, dsQuery } from './grafana/dsQuery';
import { folderRoutes, HOST_FOLDERS } from './grafana/folders';
import { grafanaRulesStateRoutes } from './grafana/grafanaRulesState';
import { ruleGroupRoutes } from './grafana/ruleGroups';
import { makeBackendSrv } from './grafana/http';
import { getPluginSettings, postPluginSettings, SETTINGS_PATH, type SettingsSeed } from './grafana/pluginSettings';
import { formatInterval, scrapeIntervalMs } from './grafana/promStep';
import { getUser } from './grafana/user';

export { APP_ID } from './grafana/pluginSettings';
export { DATASOURCE_UID };
export type { RecordedRequest } from './grafana/http';

/** What the app's settings start as (see grafana/pluginSettings.ts). */
export type FakeGrafanaOptions = SettingsSeed;

// ---------------------------------------------------------------------------------------------------------------
// templateSrv and datasourceSrv

let currentRange: TimeRange | undefined;

/** Built-in and scoped variables; anything else stays as written (there are no dashboard variables). */
export function interpolate(target: string | undefined, scopedVars?: ScopedVars): string {
  if (!target) {
    return target ?? '';
  }
  const builtins: Record<string, string> = {};
  if (currentRange) {
    const rangeMs = currentRange.to.valueOf() - currentRange.from.valueOf();
    builtins.__range_ms = String(rangeMs);
    builtins.__range_s = String(Math.round(rangeMs / 1000));
    builtins.__range = `${Math.round(rangeMs / 1000)}s`;
    builtins.__from = String(currentRange.from.valueOf());
    builtins.__to = String(currentRange.to.valueOf());
  }
  return target.replace(/\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)\]\]/g, (match, a, b, c) => {
    const name = (a ?? b ?? c) as string;
    const scoped = scopedVars?.[name];
    if (scoped !== undefined) {
      return String(scoped.value ?? scoped.text ?? '');
    }
    return builtins[name] ?? match;
  });
}

export class HostPrometheus extends DataSourceWithBackend {}

export interface FakeGrafana {
  datasource: HostPrometheus;
  settings: DataSourceInstanceSettings;
  /** The datasource's scrape interval ("30s"): the lower limit of a panel's query interval. */
  scrapeInterval: string;
  updateTimeRange(range: TimeRange): void;
}

/** The ids PanelOptionsEditorBuilder's add* methods look up (@grafana/data), each with an editor that renders nothing. */
const OPTION_EDITOR_IDS = [
  'boolean',
  'color',
  'dashboard-uid',
  'field-name',
  'multi-select',
  'number',
  'radio',
  'select',
  'slider',
  'strings',
  'text',
  'timezone',
  'unit',
];

function registerOptionEditors(): void {
  standardEditorsRegistry.setInit(() => OPTION_EDITOR_IDS.map((id) => ({ id, name: id, editor: () => null })));
}

declare global {
  interface Window {
    /** The faked alerting store (grafana/alertRules.ts), for tests. */
    __burndownAlerting__?: AlertingFake;
  }
}

export function installFakeGrafana(opts: FakeGrafanaOptions): FakeGrafana {
  registerOptionEditors();
  const alerting: AlertingFake = (window.__burndownAlerting__ = {
    folders: HOST_FOLDERS,
    rules: new Map(),
    groups: new Map(),
    firing: new Set(),
    mayWrite: () => config.bootData.user.permissions?.[PROVISIONING_WRITE] === true,
    now: () => Date.now(),
  });
  setBackendSrv(
    makeBackendSrv([
      { method: 'POST', path: '/api/ds/query', handle: dsQuery },
      { method: 'GET', path: SETTINGS_PATH, handle: () => getPluginSettings(opts) },
      { method: 'POST', path: SETTINGS_PATH, handle: (body) => postPluginSettings(opts, body) },
      { method: 'GET', path: '/api/user', handle: getUser },
      ...folderRoutes(alerting.folders),
      ...alertRuleRoutes(alerting),
      ...ruleGroupRoutes(alerting),
      ...grafanaRulesStateRoutes(alerting),
    ])
  );

  const settings = { ...(config.datasources.Prometheus as DataSourceInstanceSettings) };
  settings.rawRef = { uid: settings.uid, type: settings.type };
  const datasource = new HostPrometheus(settings);
  const find = (ref?: DataSourceRef | string | null): DataSourceInstanceSettings | undefined => {
    if (ref === undefined || ref === null || ref === 'default') {
      return settings;
    }
    const key = typeof ref === 'string' ? ref : ref.uid;
    return key === undefined || key === settings.uid || key === settings.name ? settings : undefined;
  };
  setDataSourceSrv({
    get: async (ref) => {
      if (!find(ref)) {
        throw new Error(`Datasource ${JSON.stringify(ref)} was not found`);
      }
      return datasource;
    },
    getInstanceSettings: find,
    getList: () => [settings],
    reload: () => undefined,
    registerRuntimeDataSource: () => {
      throw new Error('[fakeGrafana] runtime datasources are not faked');
    },
  });

  setTemplateSrv({
    getVariables: () => [],
    replace: (target, scopedVars) => interpolate(target, scopedVars),
    containsTemplate: (target) => !!target && /\$\w|\$\{|\[\[/.test(target),
    updateTimeRange: (range) => {
      currentRange = range;
    },
  });

  return {
    datasource,
    settings,
    scrapeInterval: formatInterval(scrapeIntervalMs()),
    updateTimeRange: (range) => {
      currentRange = range;
    },
  };
}
