import { render, screen } from '@testing-library/react';
import React from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';

import { AppPlugin, AppRootProps, PluginType } from '@grafana/data';

import { plugin } from './module';
import { sloNames } from './pages/App';
import type { AppJsonData } from './types';

// Opt in to v7 behaviour so react-router does not warn on every render.
const routerFuture = { v7_startTransition: true, v7_relativeSplatPath: true };

// Only the props the app reads; the deprecated `path`, `query` and `onNavChanged` are left out.
function rootProps(jsonData: AppJsonData): AppRootProps<AppJsonData> {
  const props = {
    basename: '/a/burndown-slo-app',
    meta: {
      id: 'burndown-slo-app',
      name: 'Burndown',
      type: PluginType.app,
      module: 'public/plugins/burndown-slo-app/module.js',
      baseUrl: 'public/plugins/burndown-slo-app',
      info: {
        author: { name: 'test' },
        description: '',
        links: [],
        logos: { small: '', large: '' },
        screenshots: [],
        updated: '',
        version: '',
      },
      jsonData,
    },
  };
  return props as unknown as AppRootProps<AppJsonData>;
}

// Grafana mounts the app's root page under /a/<plugin id>/*.
function renderApp(path: string, jsonData: AppJsonData) {
  const Root = plugin.root!;
  return render(
    <MemoryRouter initialEntries={[`/a/burndown-slo-app${path}`]} future={routerFuture}>
      <Routes>
        <Route path="/a/burndown-slo-app/*" element={<Root {...rootProps(jsonData)} />} />
      </Routes>
    </MemoryRouter>
  );
}

describe('app module', () => {
  it('exports an AppPlugin with a root page', () => {
    expect(plugin).toBeInstanceOf(AppPlugin);
    expect(plugin.root).toBeDefined();
  });

  it('lists the configured SLOs on the overview page', () => {
    const slos = [{ id: 'checkout-availability', name: 'Checkout availability' }, { id: 'checkout-latency' }];
    renderApp('/overview', { slos });
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Checkout availability', 'checkout-latency']);
  });

  it('redirects unknown paths to the overview and says when nothing is configured', () => {
    renderApp('/nowhere/deeper', {});
    expect(screen.getByTestId('burndown-overview')).toHaveTextContent('No SLOs configured yet');
  });
});

describe('sloNames', () => {
  it('prefers name, then id, then position', () => {
    expect(sloNames({ slos: [{ name: 'A', id: 'a' }, { id: 'b' }, { name: ' ' }, 'junk'] })).toEqual([
      'A',
      'b',
      'SLO #3',
      'SLO #4',
    ]);
  });

  it('returns nothing for missing or malformed settings', () => {
    expect(sloNames(undefined)).toEqual([]);
    expect(sloNames({ slos: 'nope' as unknown as unknown[] })).toEqual([]);
  });
});
