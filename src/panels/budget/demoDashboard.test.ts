// The demo dashboard uses the panel in both modes with options the current shape accepts as they are, SLO ids the app
// provisions, and query-mode refIds its queries have, written as per-step increases.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

import { migrateOptions } from './migrations';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Panel {
  type: string;
  title: string;
  options: Record<string, unknown>;
  targets?: Array<{ refId: string; expr: string }>;
}

const dashboard = JSON.parse(read('provisioning/dashboards/burndown-demo.json')) as { panels: Panel[] };
const panels = dashboard.panels.filter((p) => p.type === 'burndown-budget-panel');
const provisioned = (parse(read('provisioning/plugins/apps.yaml')).apps[0].jsonData.slos as Array<{ id: string }>).map(
  (s) => s.id
);

describe('demo dashboard', () => {
  it('uses the panel in SLO mode and in query mode, with every view', () => {
    expect(new Set(panels.map((p) => p.options.mode))).toEqual(new Set(['slo', 'query']));
    expect(new Set(panels.map((p) => p.options.view))).toEqual(
      new Set(['timeseries', 'stat', 'cumulative', 'burnRate'])
    );
  });

  it.each(panels.map((p) => [p.title, p] as const))('%s: options fit the current shape as written', (_, panel) => {
    const migrated = migrateOptions(panel.options) as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(panel.options)) {
      expect([key, migrated[key]]).toEqual([key, value]);
    }
  });

  it('names SLOs the app provisions', () => {
    for (const p of panels.filter((x) => x.options.mode === 'slo')) {
      expect(provisioned).toContain(p.options.sloId);
    }
  });

  it('gives query-mode panels the refIds they read, as per-step increases', () => {
    for (const p of panels.filter((x) => x.options.mode === 'query')) {
      const refIds = (p.targets ?? []).map((t) => t.refId);
      expect(refIds).toContain(p.options.eventsRefId);
      expect(refIds).toContain(p.options.totalRefId);
      for (const t of p.targets ?? []) {
        expect(t.expr).toMatch(/^sum\(increase\(.+\[\$__interval\]\)\)$/);
      }
    }
  });
});
