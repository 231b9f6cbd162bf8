// The detail page's data for one SLO and period: figures and charts from the shared budget loader
// (src/shared/budget/sloBudget.ts: exact batched status + reconciled buckets), the burn-down curve with its ideal line
// (src/engine/burndown.ts over the traffic history of src/query/forecast.ts), the period's episodes
// (src/engine/episodes.ts) and policy changes; and the complete previous periods' final figures (one batched status
// query each, src/query/status.ts). No formula lives here.
import {
  burndownSeries,
  burnRateSeries,
  findEpisodes,
  prefixSums,
  type Buckets,
  type BurndownSeries,
  type Episode,
} from '../../engine';
import type { AppSlos } from '../../infrastructure/settings';
import { resolveSloDatasource } from '../../infrastructure/datasources/resolveSloDatasource';
import {
  counterExprs,
  evaluateSlo,
  fetchTrafficHistory,
  forecastTimeZone,
  hasBurndown,
  type SloStatus,
} from '../../query';
import type { BudgetGroup, PanelBudget } from '../../shared/budget/model';
import { defaultSloModeDeps, loadSloModeBudget, type SloModeDeps } from '../../shared/budget/sloBudget';
import type { SloSpec } from '../../slo/types';
import { periodPolicyChanges, type PolicyChange } from './domain/policyChanges';
import { sloZone, type PeriodChoice, type PreviousPeriod, type ResolvedPeriod, resolvePeriod } from './domain/period';

export type DetailDeps = SloModeDeps;
export const defaultDetailDeps: DetailDeps = defaultSloModeDeps;

export interface DetailData {
  period: ResolvedPeriod;
  budget: PanelBudget;
  /** The group the page shows (the one with the least budget left). */
  group?: BudgetGroup;
  /** The burn-down over the range (calendar and fixed windows of ratio and latency occurrences). */
  burndown?: BurndownSeries;
  episodes: Episode[];
  /** The allowance the episodes' shares are of: the burn-down's estimate, else (1 - target) x the window's events. */
  allowedBad: number | null;
  policyChanges: PolicyChange[];
  /** The data source the SLO reads (its own, or Grafana's default Prometheus one). */
  datasource: { uid: string; type: string };
}

/** Buckets whose end lies in (from, to]. */
export function bucketsWithin(b: Buckets, from: number, to: number): Buckets {
  const first = Math.max(0, Math.floor((from - b.firstEnd) / b.step) + 1);
  const last = Math.min(b.total.length - 1, Math.floor((to - b.firstEnd) / b.step));
  const end = Math.max(first, last + 1);
  return {
    firstEnd: b.firstEnd + first * b.step,
    step: b.step,
    bad: b.bad.slice(first, end),
    total: b.total.slice(first, end),
  };
}

function worstGroup(groups: BudgetGroup[]): BudgetGroup | undefined {
  const score = (g: BudgetGroup) => g.status.burndown?.remaining ?? g.status.remaining ?? Infinity;
  return [...groups].sort((a, b) => score(a) - score(b))[0];
}

export async function loadDetail(
  app: AppSlos,
  own: SloSpec,
  choice: PeriodChoice,
  deps: DetailDeps = defaultDetailDeps
): Promise<DetailData> {
  const now = deps.now();
  const period = resolvePeriod(own, choice, now);
  const budget = await loadSloModeBudget(
    {
      options: { sloId: own.id, sloWindow: period.sloWindow, ...period.overrides },
      range: period.range,
      timeZone: sloZone(own),
      // The burn-rate chart needs its longest lookback before the range.
      view: 'burnRate',
    },
    { ...deps, loadSlos: async () => app }
  );
  const spec: SloSpec = { ...own, window: budget.window };
  const group = worstGroup(budget.groups);
  const status = group?.status;
  const b = group?.buckets;

  const ds = (deps.resolveDatasource ?? resolveSloDatasource)(spec);
  let burndown: BurndownSeries | undefined;
  if (b && hasBurndown(spec) && spec.window.kind !== 'rolling') {
    const client = deps.clientFor(ds.uid, ds.type);
    const lastEnd = b.firstEnd + (b.total.length - 1) * b.step;
    const zone = forecastTimeZone(spec.window);
    const histories = await fetchTrafficHistory(
      client,
      counterExprs(spec.indicator),
      { from: b.firstEnd, to: lastEnd },
      zone,
      {
        cache: deps.cache,
        groupBy: spec.groupBy,
        tilesOf: { spec },
      }
    );
    const history = histories.get(group!.key);
    if (history) {
      burndown = burndownSeries(b, spec.window, spec.objective, history, {
        exclusions: spec.exclusions,
        timeZone: zone,
      });
    }
  }

  const allowedBad = allowanceOf(spec, status);
  const episodes = b
    ? findEpisodes(bucketsWithin(b, period.range.from, Math.min(period.range.to, budget.t)), spec.objective, {
        exclusions: spec.exclusions,
        ...(allowedBad !== null ? { allowedBad } : {}),
      })
    : [];

  let changes: PolicyChange[] = [];
  const series = burndown ?? group?.series;
  if (b && series) {
    const prefix = prefixSums(b, spec.exclusions);
    const rates = new Map<number, Float64Array>();
    const rateAt = (i: number, ms: number) => {
      if (!rates.has(ms)) {
        rates.set(ms, burnRateSeries(b, ms, spec.objective, spec.exclusions, prefix));
      }
      const v = rates.get(ms)![i];
      return v === v ? v : null;
    };
    changes = periodPolicyChanges(series, { from: period.range.from, to: budget.t }, spec.policy, rateAt);
  }
  return {
    period,
    budget,
    group,
    burndown,
    episodes,
    allowedBad,
    policyChanges: changes,
    datasource: { uid: ds.uid, type: ds.type },
  };
}

/** The period's allowance of bad events at t (docs/semantics.md section 4). */
function allowanceOf(spec: SloSpec, status: SloStatus | undefined): number | null {
  if (!status) {
    return null;
  }
  if (status.burndown?.allowedBad !== undefined && status.burndown.allowedBad !== null) {
    return status.burndown.allowedBad;
  }
  return status.total !== null ? (1 - spec.objective) * status.total : null;
}

export interface PeriodResult {
  period: PreviousPeriod;
  /** Final figures of the period; null without data. */
  sli: number | null;
  remaining: number | null;
  consumed: number | null;
  /** remaining >= 0 (SLI at or above the objective); null without data. */
  met: boolean | null;
}

/** The final figures of each complete period: the SLO over the fixed window (start, end], evaluated at its end. */
export async function loadPreviousPeriods(
  app: AppSlos,
  spec: SloSpec,
  periods: PreviousPeriod[],
  deps: DetailDeps = defaultDetailDeps
): Promise<PeriodResult[]> {
  const ds = (deps.resolveDatasource ?? resolveSloDatasource)(spec);
  const client = deps.clientFor(ds.uid, ds.type);
  return Promise.all(
    periods.map(async (period) => {
      const statuses = await evaluateSlo(
        client,
        { ...spec, window: { kind: 'fixed', from: period.start, to: period.end } },
        period.end,
        { cache: deps.cache, all: app.slos }
      );
      const worst = [...statuses].sort((a, b) => (a.remaining ?? Infinity) - (b.remaining ?? Infinity))[0];
      const remaining = worst?.remaining ?? null;
      return {
        period,
        sli: worst?.sli ?? null,
        remaining,
        consumed: worst?.consumed ?? null,
        met: remaining === null ? null : remaining >= 0,
      };
    })
  );
}
