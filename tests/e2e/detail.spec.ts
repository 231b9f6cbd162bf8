// The SLO detail page against the docker-compose Grafana (aligned with tests/browser/app.detail.test.ts): the
// burn-down is drawn, and choosing a previous period changes the figures and lands in the URL.
import { expect, test } from '@grafana/plugin-e2e';

import { pageTestIds } from '../../src/shared/testIds';
import { PLUGIN_ID } from './provisioned';

const ids = pageTestIds.detail;

test('the detail page shows the burn-down, and a period change lands in the URL', async ({ gotoAppPage, page }) => {
  // A calendar-quarter SLO of provisioning/plugins/apps.yaml: it has a burn-down and previous quarters.
  await gotoAppPage({ pluginId: PLUGIN_ID, path: '/slos/checkout-availability' });
  const root = page.getByTestId(ids.root);
  await expect(root).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.locator(`[data-testid="${ids.chart}"][data-kind="burndown"]`)).toBeVisible();
  const before = await root.getAttribute('data-period');

  const previous = page.getByTestId(ids.previous).first();
  await expect(previous).toBeVisible({ timeout: 60_000 });
  await previous.click();
  await expect(page).toHaveURL(/[?&]period=/);
  await expect(root).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(root).not.toHaveAttribute('data-period', before ?? '');
  await expect(previous).toHaveAttribute('aria-pressed', 'true');
});
