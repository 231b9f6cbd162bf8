import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import React, { useLayoutEffect, useState } from 'react';
import { Route, Router, Routes } from 'react-router-dom';
import { of } from 'rxjs';

import { AppPlugin, AppRootProps, PluginType } from '@grafana/data';
import { locationService, LocationServiceProvider } from '@grafana/runtime';

import { plugin } from './module';
import { pageTestIds } from './shared/testIds';
import type { AppJsonData } from './types';

// Grafana's convention: mock @grafana/runtime's backend service. The app reads its settings (get) and queries
// Prometheus through /api/ds/query (fetch), which answers with no series here: every SLO must read "No data".
const mockBackend = { get: jest.fn(), fetch: jest.fn() };
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => mockBackend,
}));

const ids = pageTestIds.overview;

const slo = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `SLO ${id}`,
  service: id === 'pay' ? 'payments' : 'checkout',
  datasource: { uid: 'prometheus' },
  indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
  objective: '99.5%',
  window: { calendar: { unit: 'quarter' } },
  ...extra,
});

function rootProps(): AppRootProps<AppJsonData> {
  return {
    basename: '/a/burndown-slo-app',
    meta: { id: 'burndown-slo-app', name: 'Burndown', type: PluginType.app, jsonData: {} },
  } as unknown as AppRootProps<AppJsonData>;
}

/** Grafana's router: react-router over locationService's history, so Scenes' URL sync and routes see one URL. */
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

function renderApp(url: string) {
  locationService.push(url);
  const Root = plugin.root!;
  return render(
    <GrafanaRouter>
      <Routes>
        <Route path="/a/burndown-slo-app/*" element={<Root {...rootProps()} />} />
      </Routes>
    </GrafanaRouter>
  );
}

beforeEach(() => {
  mockBackend.get.mockReset().mockResolvedValue({
    enabled: true,
    pinned: true,
    jsonData: { slos: [slo('shop'), slo('pay'), slo('broken', { objective: '150%' })] },
  });
  mockBackend.fetch.mockReset().mockImplementation(() => of({ data: { results: { A: { status: 200, frames: [] } } } }));
});

describe('app module', () => {
  it('exports an AppPlugin with a root page', () => {
    expect(plugin).toBeInstanceOf(AppPlugin);
    expect(plugin.root).toBeDefined();
  });

  it('redirects to the overview, which lists valid SLOs with no data as "No data" and invalid ones with errors', async () => {
    renderApp('/a/burndown-slo-app/nowhere/deeper');
    await waitFor(() => expect(locationService.getLocation().pathname).toBe('/a/burndown-slo-app/slos'));
    await waitFor(() => expect(screen.getByTestId(ids.root)).toHaveAttribute('data-state', 'done'), {
      timeout: 10_000,
    });
    const rows = screen.getAllByTestId(ids.row);
    // By name by default: "SLO pay" before "SLO shop".
    expect(rows.map((r) => r.getAttribute('data-slo-id'))).toEqual(['pay', 'shop']);
    for (const r of rows) {
      expect(r).toHaveAttribute('data-state', 'noData');
      expect(within(r).getByTestId(ids.remaining)).toHaveAttribute('data-value', '');
      expect(r).toHaveTextContent('No data');
    }
    const invalid = screen.getByTestId(ids.invalid);
    expect(invalid).toHaveAttribute('data-index', '2');
    expect(invalid).toHaveTextContent(/slos\[2\]\.objective/);
  });

  it('keeps the search text in the URL and filters by it', async () => {
    renderApp('/a/burndown-slo-app/slos?search=payments');
    await waitFor(() => expect(screen.getAllByTestId(ids.row)).toHaveLength(1));
    expect(screen.getByTestId(ids.row)).toHaveAttribute('data-slo-id', 'pay');
    const input = screen.getByTestId(ids.search) as HTMLInputElement;
    expect(input.value).toBe('payments');
    fireEvent.change(input, { target: { value: 'shop' } });
    await waitFor(() => expect(locationService.getSearchObject().search).toBe('shop'));
    expect(screen.getAllByTestId(ids.row).map((r) => r.getAttribute('data-slo-id'))).toEqual(['shop']);
  });
});
