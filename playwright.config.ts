// The @grafana/plugin-e2e specs (tests/e2e/*.spec.ts) against a real Grafana: the docker-compose stack with the built
// plugin (docker compose -f docker-compose.yaml -f tests/e2e/docker-compose.e2e.yaml up -d), as create-plugin's
// template lays it out. They run in GitHub Actions (.github/workflows/e2e.yml), not in ./scripts/test.sh: see
// docs/e2e.md. `npm run e2e:grafana` runs them; `npm run e2e` is the browser-host suite (tests/browser).
import { dirname } from 'node:path';

import type { PluginOptions } from '@grafana/plugin-e2e';
import { defineConfig, devices } from '@playwright/test';

const pluginE2eAuth = `${dirname(require.resolve('@grafana/plugin-e2e'))}/auth`;

export default defineConfig<PluginOptions>({
  testDir: './tests/e2e',
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 2 : 0,
  // The editor spec changes the app's settings: one worker, so no spec sees them half-way.
  workers: 1,
  reporter: [['html', { open: 'never' }], ['list']],
  use: {
    baseURL: process.env.GRAFANA_URL || 'http://localhost:3000',
    trace: 'on-first-retry',
  },
  projects: [
    // Logs in to Grafana as admin/admin and stores the cookie for the specs.
    { name: 'auth', testDir: pluginE2eAuth, testMatch: [/.*\.js/] },
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], storageState: 'playwright/.auth/admin.json' },
      dependencies: ['auth'],
    },
  ],
});
