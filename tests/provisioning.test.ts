// The demo's provisioning must load as it stands: its SLOs pass the burndown/v1 parser, and every id the
// compose file, datasource and dashboard rely on matches the plugin manifests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

import { formatSloError, parseSloObjects } from '../src/slo';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const appPlugin = JSON.parse(read('src/plugin.json'));
const panelPlugin = JSON.parse(read('src/panels/budget/plugin.json'));

describe('provisioning', () => {
  const apps = parse(read('provisioning/plugins/apps.yaml'));
  const app = apps.apps.find((a: { type: string }) => a.type === appPlugin.id);

  it('provisions the app by its plugin id', () => {
    expect(app).toBeDefined();
    expect(app.disabled).toBe(false);
  });

  it('holds SLOs that the burndown/v1 parser accepts', () => {
    const { slos, errors } = parseSloObjects(app.jsonData.slos);
    expect(errors.map(formatSloError)).toEqual([]);
    expect(slos?.map((s) => [s.id, s.window.kind, s.budgetingMethod])).toEqual([
      ['checkout-availability', 'calendar', 'occurrences'],
      ['checkout-latency', 'rolling', 'occurrences'],
      ['checkout-availability-slices', 'calendar', 'timeslices'],
    ]);
  });

  it('points every SLO at the provisioned Prometheus datasource', () => {
    const datasources = parse(read('provisioning/datasources/prometheus.yaml')).datasources;
    const uids = datasources.map((d: { uid: string }) => d.uid);
    expect(uids).toContain('prometheus');
    for (const slo of app.jsonData.slos) {
      expect(uids).toContain(slo.datasource.uid);
    }
  });

  it('uses the nested panel by its plugin id in the demo dashboard', () => {
    const dashboard = JSON.parse(read('provisioning/dashboards/burndown-demo.json'));
    const types = dashboard.panels.map((p: { type: string }) => p.type);
    expect(types).toContain(panelPlugin.id);
  });

  it('lets Grafana in the compose demo load both unsigned plugins', () => {
    const compose = parse(read('docker-compose.yaml'));
    const allowed = String(compose.services.grafana.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).split(',');
    expect(allowed.sort()).toEqual([appPlugin.id, panelPlugin.id].sort());
  });
});
