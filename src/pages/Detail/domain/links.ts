// Links out of the detail page. Explore: Grafana's documented pane URL (grafana.com/docs/grafana/latest/explore/
// get-started-with-explore/, "Generate Explore URLs from external tools": /explore?schemaVersion=1&panes={...}&orgId=N)
// with the SLO's bad and total events per 5 minutes. Dashboard: a dashboard model holding the error-budget panel in SLO
// mode, for Dashboards > New > Import (grafana.com/docs/grafana/latest/dashboards/build-dashboards/import-dashboards/).
import { counterExprs, increaseQuery } from '../../../query';
import type { SloSpec } from '../../../slo/types';

const FIVE_MIN = 5 * 60_000;
export const BUDGET_PANEL_ID = 'burndown-budget-panel';

export interface DatasourceRef {
  uid: string;
  type: string;
}

/** Explore with the SLO's counters as queries A (bad or good) and B (total) over [from, to] (epoch ms). */
export function exploreUrl(
  spec: SloSpec,
  ds: DatasourceRef,
  range: { from: number; to: number },
  orgId = 1
): string | undefined {
  if (spec.indicator.kind !== 'ratio' && spec.indicator.kind !== 'latency') {
    return undefined;
  }
  const c = counterExprs(spec.indicator);
  const events = c.bad ?? c.good!;
  const datasource = { type: ds.type, uid: ds.uid };
  const panes = {
    a: {
      datasource: ds.uid,
      queries: [
        {
          refId: 'A',
          datasource,
          expr: increaseQuery(events, FIVE_MIN, spec.groupBy),
          legendFormat: c.bad ? 'bad' : 'good',
        },
        { refId: 'B', datasource, expr: increaseQuery(c.total, FIVE_MIN, spec.groupBy), legendFormat: 'total' },
      ],
      range: { from: String(range.from), to: String(range.to) },
    },
  };
  const q = new URLSearchParams({ schemaVersion: '1', panes: JSON.stringify(panes), orgId: String(orgId) });
  return `/explore?${q.toString()}`;
}

/** A dashboard with this SLO's error-budget panel (burn-down view), as JSON to import. */
export function budgetDashboardJson(spec: Pick<SloSpec, 'id' | 'name'>): string {
  const dashboard = {
    title: `SLO: ${spec.name}`,
    tags: ['slo', 'burndown'],
    time: { from: 'now-30d', to: 'now' },
    schemaVersion: 39,
    panels: [
      {
        type: BUDGET_PANEL_ID,
        title: spec.name,
        gridPos: { x: 0, y: 0, w: 24, h: 10 },
        options: { mode: 'slo', sloId: spec.id, sloWindow: 'slo', view: 'timeseries' },
      },
    ],
  };
  return JSON.stringify(dashboard, null, 2);
}
