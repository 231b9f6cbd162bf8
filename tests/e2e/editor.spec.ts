// The SLO editor against the docker-compose Grafana (aligned with the browser-host editor flows): a provisioned SLO
// opens read-only; with the settings no longer marked provisioned, an edited objective is saved and a reload shows
// it. The demo provisions the app (jsonData.provisioned: true), so the second test clears the flag through Grafana's
// plugin settings API first and puts the settings back afterwards (Grafana would also restore them on restart).
import { expect, test } from '@grafana/plugin-e2e';

import { getSettings, PLUGIN_ID, postSettings, type StoredSettings } from './provisioned';

const SLO = 'checkout-latency';
const EDIT = `/slos/${SLO}/edit`;

test.describe.configure({ mode: 'serial' });

test('a provisioned SLO opens read-only', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: PLUGIN_ID, path: EDIT });
  await expect(page.getByLabel('Objective')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Save SLO', disabled: false })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete SLO', disabled: false })).toHaveCount(0);
});

test.describe('with the settings managed in the app', () => {
  let original: StoredSettings;

  test.beforeAll(async ({ request }) => {
    original = await getSettings(request);
    await postSettings(request, { ...original, jsonData: { ...original.jsonData, provisioned: false } });
  });

  test.afterAll(async ({ request }) => {
    await postSettings(request, original);
  });

  test('editing the objective, saving and reloading shows it', async ({ gotoAppPage, page, request }) => {
    await gotoAppPage({ pluginId: PLUGIN_ID, path: EDIT });
    await expect(page.getByLabel('Id')).toHaveValue(SLO, { timeout: 60_000 });
    await expect(page.getByLabel('Name')).not.toHaveValue('');
    const objective = page.getByLabel('Objective');
    await objective.fill('98.5%');
    await page.getByRole('button', { name: 'Save SLO' }).click();

    await expect
      .poll(async () => {
        const slos = (await getSettings(request)).jsonData.slos as Array<{ id: string; objective: unknown }>;
        return String(slos.find((s) => s.id === SLO)?.objective);
      })
      .toMatch(/^(98\.5%|0\.985)$/);

    await page.reload();
    await expect(page.getByLabel('Objective')).toHaveValue(/98\.5/, { timeout: 60_000 });
  });
});
