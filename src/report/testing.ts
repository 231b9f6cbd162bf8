// Test data for the report's pure parts: a report row that reads as a healthy complete month unless told otherwise.
import type { ReportSlo } from './model';

export const DAY_S = 86_400;

/** A complete month row, healthy by default; fields override. */
export function row(month: number, over: Partial<ReportSlo> = {}): ReportSlo {
  const start = `2026-${String(month).padStart(2, '0')}-01T00:00:00Z`;
  const end = `2026-${String(month + 1).padStart(2, '0')}-01T00:00:00Z`;
  return {
    id: 'api',
    name: 'API',
    service: 'api',
    labels: {},
    window: 'Calendar month (UTC)',
    period: { label: start.slice(0, 7), start, end },
    complete: true,
    evaluatedAt: end,
    objective: 0.999,
    met: true,
    sli: 0.9995,
    budgetUsed: 0.5,
    budgetRemaining: 0.5,
    budgetAsTimeSeconds: 1000,
    good: 999_500,
    bad: 500,
    total: 1_000_000,
    unit: 'events',
    episodeCount: 0,
    episodeSeconds: 0,
    episodes: [],
    policyLevels: ['notify', 'freeze', 'stop'],
    policy: [],
    alerts: [],
    alertingEnabled: true,
    noDataSeconds: 0,
    diagnostics: [],
    groups: [],
    historyNote: null,
    error: null,
    ...over,
  };
}
