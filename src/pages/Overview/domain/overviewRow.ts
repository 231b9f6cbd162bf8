// One row of the SLO overview: what a user reads about an SLO at a glance, from its statuses (one per group) as the
// query layer computes them (docs/semantics.md sections 4 and 5). Budget left is the burn-down for calendar and fixed
// windows (section 4, "burn-down") and the window's remaining budget otherwise. A grouped SLO keeps a row per group and
// shows its worst group. "No data" is its own status, never a healthy figure.
import type { Diagnostic, Exhaustion, SloStatus } from '../../../engine';
import { describeIndicator, describeWindow, groupName, policyState, type PolicyState } from '../../../shared/format';
import type { SloSpec, WindowSpec } from '../../../slo';
import { burnRateNow, classifyStatus, worstStatus, type OverviewStatus } from './overviewStatus';

export type WindowKind = WindowSpec['kind'];

/** Loading until its status is known. */
export type RowStatus = OverviewStatus | 'loading';

/** Which figure "budget left" is: the burn-down of the period, or the window's remaining budget. */
export type BudgetBasis = 'burndown' | 'window';

export interface GroupFigures {
  /** `route="/pay"` ('' for an ungrouped SLO). */
  name: string;
  labels: Record<string, string>;
  status: OverviewStatus;
  budgetLeft: number | null;
  /** The window's remaining budget ("if the period ended now"); equals budgetLeft for rolling windows. */
  remaining: number | null;
  /** The burn-down's forecast of the rest of the period's events (calendar and fixed windows). */
  forecastTotal: number | null;
  sli: number | null;
  burnRate: number | null;
  exhaustion: Exhaustion;
  policy: PolicyState;
  diagnostics: Diagnostic[];
}

export interface OverviewRow {
  id: string;
  name: string;
  service?: string;
  labels: Record<string, string>;
  objective: number;
  windowKind: WindowKind;
  windowText: string;
  sliText: string;
  budgetBasis: BudgetBasis;
  status: RowStatus;
  /** The worst group's figures (lowest budget left); undefined while loading or after an error. */
  worst?: GroupFigures;
  /** Every group, in the query layer's order (one for an ungrouped SLO). */
  groups: GroupFigures[];
  /** The policy as it reads on the row (the worst group's). */
  policy: PolicyState;
  /** The query error. */
  message?: string;
  /** Whether the SLO's kind has a budget trend (hasTrend). */
  hasTrend: boolean;
  /** Budget left over the last days (the window's remaining budget), oldest first; undefined until loaded. */
  trend?: TrendPoints;
}

/** A loaded trend without any point: the sparkline says "no trend" instead of waiting. */
export const NO_TREND: TrendPoints = { time: [], value: [], stepMs: 0 };

/** Where a row's trend is: still to come, in (possibly without points), or none to come (see trendState). */
export type TrendState = 'pending' | 'done' | 'none';

/** Whether an SLO has a budget trend: not composites, thresholds or timeslices (their budget is not a sum of counts). */
export function hasTrend(spec: SloSpec): boolean {
  return !(
    spec.indicator.kind === 'composite' ||
    spec.indicator.kind === 'threshold' ||
    spec.budgetingMethod === 'timeslices'
  );
}

/** The row's trend state: none for SLO kinds without a trend and for error rows; pending until its trend is in. */
export function trendState(row: OverviewRow): TrendState {
  if (!row.hasTrend || row.status === 'error') {
    return 'none';
  }
  return row.trend === undefined ? 'pending' : 'done';
}

export interface TrendPoints {
  time: number[];
  /** NaN where there is no data. */
  value: number[];
  stepMs: number;
}

function budgetBasis(spec: SloSpec): BudgetBasis {
  return spec.window.kind === 'rolling' ? 'window' : 'burndown';
}

function baseRow(spec: SloSpec): Omit<OverviewRow, 'status' | 'groups' | 'policy'> {
  return {
    id: spec.id,
    name: spec.name,
    service: spec.service,
    labels: spec.labels ?? {},
    objective: spec.objective,
    windowKind: spec.window.kind,
    windowText: describeWindow(spec.window),
    sliText: describeIndicator(spec.indicator),
    budgetBasis: budgetBasis(spec),
    hasTrend: hasTrend(spec),
  };
}

export function loadingRow(spec: SloSpec): OverviewRow {
  return { ...baseRow(spec), status: 'loading', groups: [], policy: policyState(spec.policy, null, true) };
}

export function errorRow(spec: SloSpec, message: string): OverviewRow {
  return { ...baseRow(spec), status: 'error', groups: [], policy: policyState(spec.policy, null, true), message };
}

/** Budget left of one status: the burn-down where the status carries one, else the window's remaining budget. */
export function budgetLeftOf(s: SloStatus): number | null {
  return s.burndown ? s.burndown.remaining : s.remaining;
}

export function groupFigures(spec: SloSpec, s: SloStatus): GroupFigures {
  const budgetLeft = s.noData ? null : budgetLeftOf(s);
  return {
    name: groupName(s.group),
    labels: s.group,
    status: classifyStatus({ kind: 'evaluated', status: s, budgetLeft }),
    budgetLeft,
    remaining: s.noData ? null : s.remaining,
    forecastTotal: s.burndown?.forecastTotal ?? null,
    sli: s.noData ? null : s.sli,
    burnRate: burnRateNow(s),
    exhaustion: s.timeToExhaustion,
    policy: policyState(spec.policy, s.policy, s.noData || budgetLeft === null),
    diagnostics: s.diagnostics,
  };
}

/** The row of an evaluated SLO: figures of its worst group (lowest budget left), status the worst of its groups. */
export function rowFromStatuses(spec: SloSpec, statuses: readonly SloStatus[]): OverviewRow {
  const groups = statuses.map((s) => groupFigures(spec, s));
  const worst =
    groups.reduce<GroupFigures | undefined>(
      (w, g) => (g.budgetLeft !== null && (w?.budgetLeft == null || g.budgetLeft < w.budgetLeft) ? g : w),
      undefined
    ) ?? groups[0];
  const status = worstStatus(groups.map((g) => g.status)) ?? 'noData';
  return {
    ...baseRow(spec),
    status,
    worst,
    groups,
    policy: worst?.policy ?? policyState(spec.policy, null, true),
  };
}

/** Every diagnostic of the row's groups, each kind and message once. */
export function rowDiagnostics(row: OverviewRow): Diagnostic[] {
  const seen = new Set<string>();
  return row.groups
    .flatMap((g) => g.diagnostics)
    .filter((d) => {
      const k = `${d.kind}\n${d.counter ?? ''}\n${d.message}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
}
