// The app's config page against the docker-compose Grafana (aligned with tests/browser/app.settings.test.ts): it
// renders on Grafana's plugin page, counts the provisioned SLOs and, since the demo is provisioned, offers no Save.
import { expect, test } from '@grafana/plugin-e2e';

import { pageTestIds } from '../../src/shared/testIds';
import { PLUGIN_ID, provisionedSlos } from './provisioned';

const ids = pageTestIds.settings;

test('the settings page renders, read-only for the provisioned demo', async ({ gotoAppConfigPage, page }) => {
  await gotoAppConfigPage({ pluginId: PLUGIN_ID });
  const root = page.getByTestId(ids.root);
  await expect(root).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId(ids.validCount)).toHaveAttribute('data-value', String(provisionedSlos().length));
  await expect(page.getByTestId(ids.invalidCount)).toHaveAttribute('data-value', '0');
  await expect(root).toHaveAttribute('data-provisioned', 'true');
  await expect(page.getByTestId(ids.source)).toContainText('Managed by provisioning');
  await expect(page.getByTestId(ids.save)).toHaveCount(0);
  await expect(page.getByLabel('Default time zone')).toBeDisabled();
});
