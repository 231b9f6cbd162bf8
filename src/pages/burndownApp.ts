// The app's Scenes: one SceneApp whose pages are the app's features, as Grafana's drilldown apps build theirs.
// SceneApp routes its pages with react-router inside the app root, wraps each in PluginPage and keeps the state of
// the page's scene objects in the URL (URL sync).
import { EmbeddedScene, SceneApp, SceneAppPage, type SceneAppPageLike } from '@grafana/scenes';

import { PLUGIN_BASE_URL, ROUTES, sloDetailUrl, sloEditUrl, sloNewUrl } from '../constants';
import { DetailScene } from './Detail/DetailScene';
import { EditorScene } from './Editor/EditorScene';
import { ImportScene } from './Import/ImportScene';
import { OverviewScene } from './Overview/OverviewScene';
import { ReportsScene } from './Reports/ReportsScene';

export function buildOverviewPage(): SceneAppPage {
  return new SceneAppPage({
    title: 'Service level objectives',
    subTitle: 'Every SLO with its budget left now, and every SLO in the settings that does not validate.',
    url: `${PLUGIN_BASE_URL}/${ROUTES.Overview}`,
    // Relative to the app root's route for /slos/* (App.tsx).
    routePath: '*',
    getScene: () => new EmbeddedScene({ body: new OverviewScene() }),
    drilldowns: [
      // react-router ranks the static `new` above `:sloId`, so "new" is never read as an SLO id.
      { routePath: 'new', getPage: (_match, parent) => buildNewSloPage(parent) },
      { routePath: ':sloId', getPage: (match, parent) => buildDetailPage(match.params.sloId, parent) },
      {
        routePath: ':sloId/edit',
        getPage: (match, parent) => buildEditSloPage(match.params.sloId, buildDetailPage(match.params.sloId, parent)),
      },
    ],
  });
}

/** The editor for a new SLO (/slos/new), a drilldown of the overview. */
export function buildNewSloPage(parent: SceneAppPageLike): SceneAppPage {
  return new SceneAppPage({
    title: 'New SLO',
    url: sloNewUrl(),
    routePath: 'new',
    getParentPage: () => parent,
    getScene: () => new EmbeddedScene({ body: new EditorScene({ mode: 'new' }) }),
  });
}

/** The editor of one SLO (/slos/<id>/edit); its breadcrumb leads back to the SLO's detail page. */
export function buildEditSloPage(sloId: string, detail: SceneAppPageLike): SceneAppPage {
  return new SceneAppPage({
    title: `Edit ${sloId}`,
    url: sloEditUrl(sloId),
    routePath: ':sloId/edit',
    getParentPage: () => detail,
    getScene: () => new EmbeddedScene({ body: new EditorScene({ mode: 'edit', sloId }) }),
  });
}

/** The SLO detail page (/slos/<id>), a drilldown of the overview: its breadcrumb leads back to the list. */
export function buildDetailPage(sloId: string, parent: SceneAppPageLike): SceneAppPage {
  return new SceneAppPage({
    title: sloId,
    url: sloDetailUrl(sloId),
    routePath: ':sloId',
    getParentPage: () => parent,
    getScene: () => new EmbeddedScene({ body: new DetailScene({ sloId }) }),
  });
}

export function buildReportsPage(): SceneAppPage {
  return new SceneAppPage({
    title: 'Reports',
    subTitle: 'Met or missed, budget used, episodes and recommendations per SLO over a period, for the weekly review.',
    url: `${PLUGIN_BASE_URL}/${ROUTES.Reports}`,
    // Relative to the app root's route for /reports/* (App.tsx).
    routePath: '*',
    getScene: () => new EmbeddedScene({ body: new ReportsScene() }),
  });
}

export function buildBurndownApp(): SceneApp {
  return new SceneApp({
    name: 'burndown',
    pages: [buildOverviewPage()],
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}

/** The Reports page's own SceneApp, mounted under /reports/* (each top-level route of App.tsx has its SceneApp). */
export function buildReportsApp(): SceneApp {
  return new SceneApp({
    name: 'burndown-reports',
    pages: [buildReportsPage()],
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}

export function buildImportPage(): SceneAppPage {
  return new SceneAppPage({
    title: 'Import SLOs',
    subTitle:
      'From Sloth, Pyrra and OpenSLO files: preview what will be created, with every note, then save in one write.',
    url: `${PLUGIN_BASE_URL}/${ROUTES.Import}`,
    // Relative to the app root's route for /import/* (App.tsx).
    routePath: '*',
    getScene: () => new EmbeddedScene({ body: new ImportScene() }),
  });
}

/** The Import page's own SceneApp, mounted under /import/*. */
export function buildImportApp(): SceneApp {
  return new SceneApp({
    name: 'burndown-import',
    pages: [buildImportPage()],
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}
