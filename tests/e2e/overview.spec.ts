// The overview against the docker-compose Grafana (aligned with tests/browser/app.overview.test.ts): every
// provisioned SLO is listed, and a search lands in the URL and survives a reload.
import { expect, test } from '@grafana/plugin-e2e';

import { pageTestIds } from '../../src/shared/testIds';
import { PLUGIN_ID, provisionedSlos } from './provisioned';

const ids = pageTestIds.overview;

test('the overview lists the provisioned SLOs, and a search lands in the URL', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: PLUGIN_ID, path: '/slos' });
  const root = page.getByTestId(ids.root);
  await expect(root).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const slos = provisionedSlos();
  for (const slo of slos) {
    await expect(page.locator(`[data-testid="${ids.row}"][data-slo-id="${slo.id}"]`)).toHaveCount(1);
  }

  await page.getByTestId(ids.search).fill('latency');
  await expect(page).toHaveURL(/[?&]search=latency\b/);
  const latency = slos.filter((s) => /latency/i.test(`${s.id} ${s.name}`));
  await expect(page.getByTestId(ids.row)).toHaveCount(latency.length);

  await page.reload();
  await expect(page.getByTestId(ids.search)).toHaveValue('latency');
  await expect(page.getByTestId(ids.row)).toHaveCount(latency.length);
});
