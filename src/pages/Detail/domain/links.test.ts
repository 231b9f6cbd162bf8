import type { SloSpec } from '../../../slo/types';
import { budgetDashboardJson, exploreUrl } from './links';

const spec = {
  id: 'checkout-month',
  name: 'Checkout availability',
  indicator: { kind: 'ratio', bad: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' },
  groupBy: [],
} as unknown as SloSpec;

describe('exploreUrl', () => {
  test('one pane with the bad and total events per 5 minutes on the SLO data source and the range', () => {
    const url = exploreUrl(spec, { uid: 'prom1', type: 'prometheus' }, { from: 1000, to: 2000 }, 3)!;
    const u = new URL(url, 'http://grafana');
    expect(u.pathname).toBe('/explore');
    expect(u.searchParams.get('schemaVersion')).toBe('1');
    expect(u.searchParams.get('orgId')).toBe('3');
    const panes = JSON.parse(u.searchParams.get('panes')!);
    expect(panes.a.datasource).toBe('prom1');
    expect(panes.a.range).toEqual({ from: '1000', to: '2000' });
    expect(panes.a.queries.map((q: { refId: string; expr: string }) => [q.refId, q.expr])).toEqual([
      ['A', 'sum(increase(http_requests_total{code=~"5.."}[300s]))'],
      ['B', 'sum(increase(http_requests_total[300s]))'],
    ]);
    expect(panes.a.queries[0].datasource).toEqual({ type: 'prometheus', uid: 'prom1' });
  });

  test('indicators without event counters have no Explore link', () => {
    expect(
      exploreUrl(
        { ...spec, indicator: { kind: 'composite' } } as unknown as SloSpec,
        { uid: 'x', type: 'prometheus' },
        { from: 0, to: 1 }
      )
    ).toBeUndefined();
  });
});

test('the dashboard JSON holds the budget panel in SLO mode for this SLO', () => {
  const d = JSON.parse(budgetDashboardJson(spec));
  expect(d.panels).toHaveLength(1);
  expect(d.panels[0]).toMatchObject({
    type: 'burndown-budget-panel',
    options: { mode: 'slo', sloId: 'checkout-month' },
  });
});
