import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  createSloSettingsRepository,
  type PluginSettings,
  type PluginSettingsApi,
} from '../../infrastructure/settings';
import { ImportScene } from './ImportScene';

/** Sloth: checkout-availability and checkout-rolling, on the scenario's counters. */
const SLOTH = readFileSync(path.join(__dirname, '../../../tests/fixtures/import-app/checkout-sloth.yml'), 'utf8');

const existing = (id: string) => ({
  id,
  name: `existing ${id}`,
  indicator: { ratio: { bad: 'x_total{code="5"}', total: 'x_total' } },
  objective: '99%',
  window: { rolling: '28d' },
});

/** Grafana's settings endpoint: GET answers what is stored, POST replaces it. */
function settingsStore(jsonData: Record<string, unknown>) {
  const store = {
    stored: { enabled: true, pinned: false, jsonData } as PluginSettings,
    posts: 0,
  };
  const api: PluginSettingsApi = {
    get: async () => JSON.parse(JSON.stringify(store.stored)),
    post: async (u) => {
      store.posts++;
      store.stored = JSON.parse(JSON.stringify(u));
    },
  };
  const admin = { isSignedIn: true, orgRole: 'Admin' };
  return {
    store,
    scene: new ImportScene({}, { repository: () => createSloSettingsRepository({ api, user: () => admin }) }),
  };
}

const storedIds = (s: PluginSettings) => (s.jsonData.slos as Array<{ id: string }>).map((x) => x.id);

describe('ImportScene', () => {
  it('previews the pasted text and saves the chosen SLOs in one write', async () => {
    const { store, scene } = settingsStore({ slos: [existing('a')] });
    await scene.reload();
    scene.setPasted(SLOTH);
    expect(scene.plan()?.rows.map((r) => r.id)).toEqual(['checkout-availability', 'checkout-rolling']);
    scene.choose('checkout-rolling', { selected: false });
    await scene.importChosen();
    expect(store.posts).toBe(1);
    expect(storedIds(store.stored)).toEqual(['a', 'checkout-availability']);
    expect(scene.state.savedIds).toEqual(['checkout-availability']);
    expect(scene.state.error).toBeUndefined();
  });

  it('on a concurrent change saves nothing, says so, reloads and shows the taken id as a conflict to rename', async () => {
    const { store, scene } = settingsStore({ slos: [existing('a')] });
    await scene.reload();
    scene.setPasted(SLOTH);
    // Someone creates checkout-rolling between the page's load and its save.
    store.stored.jsonData.slos = [existing('a'), existing('checkout-rolling')];
    await scene.importChosen();
    expect(store.posts).toBe(0);
    expect(scene.state.error).toMatch(/An SLO with id "checkout-rolling" was created by someone else/);
    const row = scene.plan()!.rows[1];
    expect([row.conflict, row.resolution, row.savedId]).toEqual([true, 'skip', undefined]);
    // Rename starts from a free id; importing then saves both in one write.
    scene.choose('checkout-rolling', { resolution: 'rename' });
    expect(scene.plan()!.rows[1].savedId).toBe('checkout-rolling-2');
    await scene.importChosen();
    expect(store.posts).toBe(1);
    expect(storedIds(store.stored)).toEqual(['a', 'checkout-rolling', 'checkout-availability', 'checkout-rolling-2']);
  });

  it('uploaded files join the pasted text; the format choice lives in the URL', () => {
    const { scene } = settingsStore({ slos: [] });
    scene.addFiles([{ file: 'sloth.yml', text: SLOTH }]);
    expect(scene.plan()?.rows).toHaveLength(2);
    scene.updateFromUrl({ from: 'pyrra' });
    expect(scene.state.from).toBe('pyrra');
    expect(scene.plan()?.rows).toHaveLength(0);
    expect(scene.plan()?.refused[0].refusals[0].message).toMatch(/a Sloth document, not Pyrra/);
    expect(scene.getUrlState()).toEqual({ from: 'pyrra' });
    scene.removeFile('sloth.yml');
    expect(scene.plan()).toBeUndefined();
  });
});
