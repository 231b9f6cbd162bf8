// One row of the SLO overview: what a user reads about an SLO at a glance, from its statuses (one per group) as the
// query layer computes them (docs/semantics.md sections 4 and 5). A grouped SLO shows its worst group. "No data" is
// its own state, never a healthy figure.
import type { SloStatus } from '../../../query';
import { describeWindow } from '../../../shared/format';
import type { SloSpec } from '../../../slo';

export type RowState = 'loading' | 'healthy' | 'exhausted' | 'noData' | 'error';

export const ROW_STATE_TEXT: Record<RowState, string> = {
  loading: 'Loading',
  healthy: 'Within budget',
  exhausted: 'Budget exhausted',
  noData: 'No data',
  error: 'Query failed',
};

export interface OverviewRow {
  id: string;
  name: string;
  service?: string;
  labels: Record<string, string>;
  objective: number;
  windowText: string;
  state: RowState;
  /** Remaining budget fraction of the worst group (1 = 100%); null without data. */
  remaining: number | null;
  sli: number | null;
  /** Groups evaluated (1 for an ungrouped SLO). */
  groups: number;
  /** Why the figures are missing (the query error), or a caveat (a composite with a component without data). */
  message?: string;
}


function baseRow(spec: SloSpec): Omit<OverviewRow, 'state' | 'remaining' | 'sli' | 'groups'> {
  return {
    id: spec.id,
    name: spec.name,
    service: spec.service,
    labels: spec.labels ?? {},
    objective: spec.objective,
    windowText: describeWindow(spec.window),
  };
}

export function loadingRow(spec: SloSpec): OverviewRow {
  return { ...baseRow(spec), state: 'loading', remaining: null, sli: null, groups: 0 };
}

export function errorRow(spec: SloSpec, message: string): OverviewRow {
  return { ...baseRow(spec), state: 'error', remaining: null, sli: null, groups: 0, message };
}

/** The row of an evaluated SLO: its worst group (lowest remaining budget); no data when no group has a figure. */
export function rowFromStatuses(spec: SloSpec, statuses: readonly SloStatus[]): OverviewRow {
  const withData = statuses.filter((s) => !s.noData && s.remaining !== null);
  const worst = withData.reduce<SloStatus | undefined>(
    (w, s) => (w === undefined || s.remaining! < w.remaining! ? s : w),
    undefined
  );
  if (!worst) {
    return { ...baseRow(spec), state: 'noData', remaining: null, sli: null, groups: statuses.length };
  }
  return {
    ...baseRow(spec),
    state: worst.remaining! <= 0 ? 'exhausted' : 'healthy',
    remaining: worst.remaining,
    sli: worst.sli,
    groups: statuses.length,
    message: statuses.some((s) => s.partial) ? 'Some components have no data.' : undefined,
  };
}
