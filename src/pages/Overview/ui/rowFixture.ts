// A calendar-quarter SLO's overview row still loading, for the overview's component tests.
import type { OverviewRow } from '../domain/overviewRow';

export function loadingRowFixture(id: string): OverviewRow {
  return {
    id,
    name: `SLO ${id}`,
    labels: {},
    objective: 0.995,
    windowKind: 'calendar',
    windowText: 'Calendar quarter (UTC)',
    sliText: 'Ratio bad/total',
    budgetBasis: 'burndown',
    hasTrend: true,
    status: 'loading',
    groups: [],
    policy: { kind: 'none' },
  };
}
