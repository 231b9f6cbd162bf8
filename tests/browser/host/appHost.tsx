// The app as Grafana mounts it: react-router over @grafana/runtime's locationService history (so Scenes' URL sync
// and the app's routes see one URL), LocationServiceProvider, the app's root page under /a/burndown-slo-app/*, and
// a PluginPage (Grafana's page chrome: here a title, the subtitle and the page's actions, on the theme's canvas).
import { css } from '@emotion/css';
import React, { useLayoutEffect, useState } from 'react';
import { Route, Router, Routes } from 'react-router-dom';

import { PluginType, type AppRootProps, type GrafanaTheme2 } from '@grafana/data';
import { locationService, LocationServiceProvider, type PluginPageProps } from '@grafana/runtime';
import { setPluginPage } from 'grafana-runtime-internal-plugin-page';
import { useStyles2 } from '@grafana/ui';

import { plugin } from '../../../src/module';
import type { AppJsonData } from '../../../src/types';
import { APP_PATH_PREFIX, CONFIG_PATH, hostAppTestIds } from './params';

/** Grafana's PluginPage, reduced to what a test can see: the title from pageNav, subtitle, actions, children. */
function HostPluginPage({ pageNav, subTitle, actions, children }: PluginPageProps) {
  const styles = useStyles2(getStyles);
  return (
    <main className={styles.page} data-testid={hostAppTestIds.page}>
      <header className={styles.header}>
        <h1 data-testid={hostAppTestIds.title}>{pageNav?.text}</h1>
        {actions}
      </header>
      {subTitle && <div className={styles.subTitle}>{subTitle}</div>}
      {children}
    </main>
  );
}

function GrafanaRouter({ children }: { children: React.ReactNode }) {
  const history = locationService.getHistory();
  const [location, setLocation] = useState(history.location);
  useLayoutEffect(() => history.listen((l: typeof history.location) => setLocation(l)), [history]);
  return (
    <LocationServiceProvider service={locationService}>
      <Router navigator={history} location={location}>
        {children}
      </Router>
    </LocationServiceProvider>
  );
}

/** What Grafana hands the root page; the app reads none of the deprecated props. */
function rootProps(): AppRootProps<AppJsonData> {
  return {
    basename: APP_PATH_PREFIX,
    meta: {
      id: 'burndown-slo-app',
      name: 'Burndown',
      type: PluginType.app,
      module: 'public/plugins/burndown-slo-app/module.js',
      baseUrl: 'public/plugins/burndown-slo-app',
      enabled: true,
      jsonData: {},
      info: {
        author: { name: 'Burndown contributors' },
        description: '',
        links: [],
        logos: { small: '', large: '' },
        screenshots: [],
        updated: '',
        version: '',
      },
    },
    query: {},
    path: APP_PATH_PREFIX,
    onNavChanged: () => undefined,
  } as unknown as AppRootProps<AppJsonData>;
}

export function AppHost() {
  const Root = plugin.root;
  if (!Root) {
    throw new Error('the app plugin has no root page');
  }
  return (
    <GrafanaRouter>
      <Routes>
        <Route path={`${APP_PATH_PREFIX}/*`} element={<Root {...rootProps()} />} />
      </Routes>
    </GrafanaRouter>
  );
}

/**
 * The app's config page as Grafana's plugin page shows it (/plugins/<id>?page=<config page id>, the first page
 * without one): the page's body with {plugin, query}, under a title. Grafana passes the plugin with the meta it loaded
 * from /api/plugins/<id>/settings; the Settings page reads the settings itself.
 */
export function ConfigPageHost() {
  const query = Object.fromEntries(new URLSearchParams(window.location.search));
  const pages = plugin.configPages ?? [];
  const page = pages.find((p) => p.id === query.page) ?? pages[0];
  if (!page) {
    throw new Error('the app plugin has no config page');
  }
  plugin.meta = rootProps().meta;
  const Body = page.body;
  return (
    <GrafanaRouter>
      <Routes>
        <Route
          path={CONFIG_PATH}
          element={
            <HostPluginPage pageNav={{ text: `Burndown: ${page.title}` }}>
              <Body plugin={plugin} query={query} />
            </HostPluginPage>
          }
        />
      </Routes>
    </GrafanaRouter>
  );
}

export function installPluginPage(): void {
  setPluginPage(HostPluginPage);
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2, 3), minHeight: '100vh', background: theme.colors.background.canvas }),
  header: css({ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }),
  subTitle: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(2) }),
});
