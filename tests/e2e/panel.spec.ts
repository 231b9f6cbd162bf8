// The error-budget panel in a dashboard of the docker-compose Grafana (aligned with tests/browser/budgetPanel.*): the
// provisioned demo dashboard's first panel (SLO mode) renders its figure in the panel editor.
import { expect, test } from '@grafana/plugin-e2e';

import { testIds } from '../../src/shared/testIds';

test('the error-budget panel renders in a dashboard', async ({ readProvisionedDashboard, gotoPanelEditPage }) => {
  const dashboard = await readProvisionedDashboard({ fileName: 'burndown-demo.json' });
  const panelEdit = await gotoPanelEditPage({ dashboard, id: '1' });
  const panel = panelEdit.panel.locator.getByTestId(testIds.panel);
  await expect(panel).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId(testIds.error)).toHaveCount(0);
  // The figure carries its raw fraction; the demo's Prometheus holds ~100 days of data, so it is a number.
  await expect(panel.getByTestId(testIds.remaining).first()).toHaveAttribute('data-value', /^-?\d/, {
    timeout: 60_000,
  });
});
