// The app's root page (AppPlugin.setRootPage): Grafana mounts it under /a/burndown-slo-app/*. Each feature's route
// renders the app's SceneApp (burndownApp.ts); unknown paths go to the overview.
import React from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

import type { AppRootProps } from '@grafana/data';
import { useSceneApp } from '@grafana/scenes';

import { PLUGIN_BASE_URL, ROUTES } from '../constants';
import type { AppJsonData } from '../types';
import { buildBurndownApp, buildImportApp, buildReportsApp } from './burndownApp';

function BurndownScenes() {
  const app = useSceneApp(buildBurndownApp);
  return <app.Component model={app} />;
}

function ReportsScenes() {
  const app = useSceneApp(buildReportsApp);
  return <app.Component model={app} />;
}

function ImportScenes() {
  const app = useSceneApp(buildImportApp);
  return <app.Component model={app} />;
}

export function App(_props: AppRootProps<AppJsonData>) {
  return (
    <Routes>
      <Route path={`${ROUTES.Overview}/*`} element={<BurndownScenes />} />
      <Route path={`${ROUTES.Reports}/*`} element={<ReportsScenes />} />
      <Route path={`${ROUTES.Import}/*`} element={<ImportScenes />} />
      {/* Absolute, so the redirect does not depend on how react-router resolves paths inside splat routes. */}
      <Route path="*" element={<Navigate to={`${PLUGIN_BASE_URL}/${ROUTES.Overview}`} replace />} />
    </Routes>
  );
}
