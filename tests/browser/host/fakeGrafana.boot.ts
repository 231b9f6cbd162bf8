// The part of the faked Grafana surface that must exist before any Grafana module is evaluated: the first
// webpack entry of the host. What it fakes and why is documented in fakeGrafana.ts (the one list of fakes).
// No Grafana imports: everything here has to run before @grafana/runtime reads window.grafanaBootData.

import { permissionsOf } from './grafana/roles';
import { readHostParams } from './params';

declare global {
  interface Window {
    grafanaBootData?: unknown;
    __grafana_public_path__?: string;
    /** The real Date, kept by the clock shim (tests may compare). */
    __burndownRealDate__?: DateConstructor;
  }
}

const params = readHostParams(window.location.search, window.location.pathname);

/** now=RFC3339: Date starts at that instant; clock=frozen keeps it there (see fakeGrafana.ts). */
function installClock(nowMs: number, frozen: boolean): void {
  const RealDate = Date;
  const startReal = RealDate.now();
  const current = (): number => (frozen ? nowMs : nowMs + (RealDate.now() - startReal));
  class PinnedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) {
        super(current());
      } else {
        // @ts-expect-error Date's overloads take 1..7 arguments; they are passed through unchanged.
        super(...args);
      }
    }
    static now(): number {
      return current();
    }
  }
  window.__burndownRealDate__ = RealDate;
  window.Date = PinnedDate as DateConstructor;
}

if (params.nowMs !== undefined) {
  installClock(params.nowMs, params.frozenClock);
}

// Icons and fonts of @grafana/ui load from <public path>build/img/icons/ and <public path>fonts/; the host server
// serves the icons from @grafana/ui's package.
window.__grafana_public_path__ = '/public/';

// What Grafana's index.html puts on the page for @grafana/runtime's `config`.
window.grafanaBootData = {
  assets: { dark: '', light: '' },
  navTree: [],
  user: {
    id: 1,
    login: 'admin',
    name: 'Burndown test host',
    isSignedIn: true,
    isGrafanaAdmin: params.role === 'Admin',
    orgId: 1,
    orgName: 'Main Org.',
    orgRole: params.role,
    theme: params.theme,
    timezone: params.timeZone,
    weekStart: 'monday',
    locale: 'en-US',
    language: 'en-US',
    regionalFormat: 'en-US',
    permissions: permissionsOf(params.role),
  },
  settings: {
    appSubUrl: '',
    appUrl: `${window.location.origin}/`,
    buildInfo: { version: '12.4.10', commit: 'burndown-test-host', env: 'production', edition: 'Open Source' },
    featureToggles: {},
    defaultDatasource: 'Prometheus',
    datasources: {
      Prometheus: {
        id: 1,
        uid: 'prometheus',
        type: 'prometheus',
        name: 'Prometheus',
        isDefault: true,
        access: 'proxy',
        url: '/api/datasources/proxy/uid/prometheus',
        jsonData: {
          httpMethod: 'POST',
          timeInterval: '30s',
          prometheusType: 'Prometheus',
          prometheusVersion: '2.42.0',
        },
        meta: {
          id: 'prometheus',
          type: 'datasource',
          name: 'Prometheus',
          backend: true,
          metrics: true,
          info: { logos: {} },
        },
        readOnly: true,
      },
    },
    panels: {},
    apps: {},
  },
};

export {};
