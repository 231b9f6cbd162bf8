// The browser test host page: mounts the budget panel the way a Grafana dashboard would (at /), or the app's root
// page the way Grafana does (under /a/burndown-slo-app/, appHost.tsx), with the real @grafana/ui, @grafana/data,
// @grafana/runtime and @grafana/scenes code, a real theme and Grafana's global styles; only the server side is faked
// (fakeGrafana.ts). URL parameters: see params.ts. Used by tests/browser and `npm run screenshots`.
import React, { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { lastValueFrom } from 'rxjs';

import {
  applyFieldOverrides,
  CoreApp,
  createTheme,
  dateMath,
  dateTime,
  EventBusSrv,
  getPanelOptionsWithDefaults,
  LoadingState,
  rangeUtil,
  ThemeContext,
  type DataQueryRequest,
  type DataQuery,
  type DateTime,
  type FieldConfigSource,
  type GrafanaTheme2,
  type InterpolateFunction,
  type PanelData,
  type PanelModel,
  type PanelProps,
  type ScopedVars,
  type TimeRange,
} from '@grafana/data';
import { config, getBackendSrv, type BackendSrv } from '@grafana/runtime';
import { GlobalStyles, PanelChrome } from '@grafana/ui';

import { grafanaSloRepository } from '../../../src/infrastructure/settings';
import { plugin } from '../../../src/panels/budget/module';
import { AppHost, ConfigPageHost, installPluginPage } from './appHost';
import { installFakeGrafana, interpolate, type FakeGrafana } from './fakeGrafana';
import { hostTestIds, readHostParams, type HostParams } from './params';

declare global {
  interface Window {
    __burndownHost__?: {
      theme: GrafanaTheme2;
      params: HostParams;
      backendSrv: BackendSrv;
      /** The app's own settings repository, for tests that drive it against the faked endpoint. */
      settingsRepository: typeof grafanaSloRepository;
    };
  }
}

/** RFC3339, epoch ms, or relative to the (pinned) now, like a dashboard's time picker. */
function resolveTime(raw: string, roundUp: boolean, p: HostParams): DateTime {
  if (/^\d+$/.test(raw)) {
    return dateTime(Number(raw));
  }
  if (!raw.startsWith('now')) {
    const ms = Date.parse(raw);
    if (!Number.isFinite(ms)) {
      throw new Error(`bad time ${raw}`);
    }
    return dateTime(ms);
  }
  // The pinned instant itself, not Date.now() a few milliseconds later.
  const now = p.nowMs !== undefined ? dateTime(p.nowMs) : dateTime();
  const base = p.timeZone === 'utc' ? now.utc() : now;
  const t = raw === 'now' ? base : dateMath.parseDateMath(raw.slice(3), base, roundUp);
  if (!t || !t.isValid()) {
    throw new Error(`bad time ${raw}`);
  }
  return t;
}

function timeRangeOf(p: HostParams): TimeRange {
  return { from: resolveTime(p.from, false, p), to: resolveTime(p.to, true, p), raw: { from: p.from, to: p.to } };
}

/** What a dashboard's query runner does for the panel's queries: one request through the datasource, then field config. */
async function runPanelQueries(
  fake: FakeGrafana,
  p: HostParams,
  range: TimeRange,
  fieldConfig: FieldConfigSource,
  theme: GrafanaTheme2,
  replaceVariables: InterpolateFunction
): Promise<PanelData> {
  if (p.targets.length === 0) {
    return { state: LoadingState.Done, series: [], timeRange: range };
  }
  // Like a dashboard's query runner: as many points as the panel is wide, no finer than the datasource's scrape interval.
  const maxDataPoints = p.width;
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, maxDataPoints, fake.scrapeInterval);
  const scopedVars: ScopedVars = {
    __interval: { text: interval, value: interval },
    __interval_ms: { text: String(intervalMs), value: intervalMs },
  };
  const targets = p.targets.map((t, i) => ({
    refId: String.fromCharCode(65 + i),
    datasource: { uid: fake.settings.uid, type: fake.settings.type },
    ...t,
  })) as DataQuery[];
  const request: DataQueryRequest = {
    app: CoreApp.Dashboard,
    requestId: 'Q100',
    dashboardUID: 'burndown-test-host',
    panelId: 1,
    panelPluginId: 'burndown-budget-panel',
    range,
    interval,
    intervalMs,
    maxDataPoints,
    targets,
    timezone: p.timeZone,
    scopedVars,
    startTime: Date.now(),
  };
  const response = await lastValueFrom(fake.datasource.query(request));
  const errors = response.errors ?? (response.error ? [response.error] : undefined);
  const series = applyFieldOverrides({
    data: response.data,
    fieldConfig,
    fieldConfigRegistry: plugin.fieldConfigRegistry,
    replaceVariables,
    theme,
    timeZone: p.timeZone,
  });
  return {
    state: errors?.length ? LoadingState.Error : LoadingState.Done,
    series,
    errors,
    error: errors?.[0],
    request,
    timeRange: range,
  };
}

class ErrorBoundary extends React.Component<{ children: React.ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (this.state.error) {
      return <pre data-testid={hostTestIds.error}>{String(this.state.error.stack ?? this.state.error)}</pre>;
    }
    return this.props.children;
  }
}

interface PanelSetup {
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSource;
}

/**
 * What a dashboard does with saved panel JSON: the plugin's migration when it asks for one (PanelModel.pluginLoaded),
 * then the defaults of the options builder (getPanelOptionsWithDefaults).
 */
async function panelSetup(p: HostParams): Promise<PanelSetup> {
  const fieldConfig: FieldConfigSource = {
    defaults: p.fieldConfig?.defaults ?? {},
    overrides: (p.fieldConfig?.overrides as FieldConfigSource['overrides']) ?? [],
  };
  let options: Record<string, unknown> = p.options;
  const model = {
    id: 1,
    type: 'burndown-budget-panel',
    title: p.title,
    options,
    fieldConfig,
    targets: p.targets,
  } as unknown as PanelModel;
  if (plugin.onPanelMigration && plugin.shouldMigrate?.(model)) {
    options = (await plugin.onPanelMigration(model)) as Record<string, unknown>;
  }
  return getPanelOptionsWithDefaults({
    plugin,
    currentOptions: options,
    currentFieldConfig: fieldConfig,
    isAfterPluginChange: false,
  });
}

function BudgetPanelHost({
  p,
  fake,
  theme,
  setup,
}: {
  p: HostParams;
  fake: FakeGrafana;
  theme: GrafanaTheme2;
  setup: PanelSetup;
}) {
  const range = useMemo(() => timeRangeOf(p), [p]);
  const { options, fieldConfig } = setup;
  const eventBus = useMemo(() => new EventBusSrv(), []);
  const [data, setData] = useState<PanelData>({ state: LoadingState.Loading, series: [], timeRange: range });
  const [renderCounter, setRenderCounter] = useState(1);
  const [hostState, setHostState] = useState<'loading' | 'done'>('loading');

  const replaceVariables: InterpolateFunction = useMemo(
    () => (value, scopedVars) => interpolate(value, { ...data.request?.scopedVars, ...scopedVars }),
    [data.request]
  );

  useEffect(() => {
    fake.updateTimeRange(range);
    let cancelled = false;
    runPanelQueries(fake, p, range, fieldConfig, theme, (v, s) => interpolate(v, s))
      .catch(
        (e: Error) =>
          ({ state: LoadingState.Error, series: [], errors: [{ message: e.message }], timeRange: range } as PanelData)
      )
      .then((d) => {
        if (!cancelled) {
          setData(d);
          setRenderCounter((n) => n + 1);
          setHostState('done');
        }
      });
    return () => {
      cancelled = true;
    };
  }, [fake, p, range, fieldConfig, theme]);

  const Panel = plugin.panel as React.ComponentType<PanelProps> | null;
  if (!Panel) {
    throw new Error('the budget panel plugin has no panel component');
  }
  return (
    <div data-testid={hostTestIds.root} data-host-state={hostState} style={{ padding: 8, width: p.width + 16 }}>
      <PanelChrome
        width={p.width}
        height={p.height}
        title={p.title}
        loadingState={data.state}
        statusMessage={data.errors?.[0]?.message}
      >
        {(innerWidth, innerHeight) => (
          <Panel
            id={1}
            data={data}
            timeRange={data.timeRange}
            timeZone={p.timeZone}
            options={options}
            fieldConfig={fieldConfig}
            transparent={false}
            width={innerWidth}
            height={innerHeight}
            renderCounter={renderCounter}
            title={p.title}
            eventBus={eventBus}
            onOptionsChange={() => undefined}
            onFieldConfigChange={() => undefined}
            replaceVariables={replaceVariables}
            onChangeTimeRange={() => undefined}
          />
        )}
      </PanelChrome>
    </div>
  );
}

async function main(): Promise<void> {
  const container = document.getElementById('root')!;
  const root = createRoot(container);
  let p: HostParams;
  try {
    p = readHostParams(window.location.search, window.location.pathname);
  } catch (e) {
    root.render(<pre data-testid={hostTestIds.error}>{(e as Error).message}</pre>);
    return;
  }
  const fake = installFakeGrafana({ slos: p.slos, extraSlos: p.extraSlos, jsonData: p.jsonData });
  const theme = createTheme({ colors: { mode: p.theme } });
  // For tests, hooks of the host (not of the panel): the real theme object (named colours) and the faked backendSrv.
  window.__burndownHost__ = { theme, params: p, backendSrv: getBackendSrv(), settingsRepository: grafanaSloRepository };
  // Some @grafana/ui code reads the theme from config rather than from the context.
  config.theme2 = theme;
  config.theme = theme.v1;
  document.body.classList.add(p.theme === 'light' ? 'theme-light' : 'theme-dark');
  if (p.mount === 'app' || p.mount === 'config') {
    installPluginPage();
    root.render(
      <ThemeContext.Provider value={theme}>
        <GlobalStyles />
        <ErrorBoundary>
          <div data-testid={hostTestIds.root} data-host-state="done">
            {p.mount === 'app' ? <AppHost /> : <ConfigPageHost />}
          </div>
        </ErrorBoundary>
      </ThemeContext.Provider>
    );
    return;
  }
  let setup: PanelSetup;
  try {
    setup = await panelSetup(p);
  } catch (e) {
    root.render(<pre data-testid={hostTestIds.error}>{String((e as Error).stack ?? e)}</pre>);
    return;
  }
  root.render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <ErrorBoundary>
        <BudgetPanelHost p={p} fake={fake} theme={theme} setup={setup} />
      </ErrorBoundary>
    </ThemeContext.Provider>
  );
}

main().catch((e: unknown) => {
  const pre = document.createElement('pre');
  pre.dataset.testid = hostTestIds.error;
  pre.textContent = e instanceof Error ? e.stack ?? e.message : String(e);
  document.body.appendChild(pre);
});
