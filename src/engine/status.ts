// The status of one SLO at time t (docs/semantics.md sections 3-5), from counts per lookback: SLI, remaining and consumed
// over windowAt(t), burn rates by name over (t - L, t], time to exhaustion per window kind, alert tiers, the active
// policy level, the budget as time, and diagnostics. The one definition used by the CLI, the panel and the pages;
// callers only fetch counts (exact instant counts, chart buckets or slices) and hand them over.
import type { PolicyLevel, SloSpec, WindowSpec } from '../slo/types';
import { evaluateTiers, tiersForWindow, type BurnRateTier, type TierState } from './alertWindows';
import { occurrencesBudget } from './budget';
import { budgetAsTime, type BudgetAsTime } from './budgetTime';
import type { BurndownFigures } from './burndown';
import { compositeExhaustion, compositeRemaining, groupMeanRemaining } from './composite';
import { exclusionMask } from './exclusions';
import {
  exhaustionBurndown,
  exhaustionOccurrences,
  exhaustionRolling,
  exhaustionTimeslices,
  type Exhaustion,
} from './exhaustion';
import { burnRate } from './figures';
import { activePolicyLevel } from './policy';
import { timeslicesBudgetAt, timesliceBurnRate, type Slices } from './timeslices';
import type { EventCounts } from './types';
import { fullWindowAt, windowAt, type TimeRange } from './windows';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The burn rates every status reports, by name. */
export const REPORTED_BURN_RATES: ReadonlyArray<[string, number]> = [
  ['1h', HOUR],
  ['6h', 6 * HOUR],
  ['1d', DAY],
  ['3d', 3 * DAY],
];

/** Lookback of the "current" burn rate used for time to exhaustion. */
export const EXHAUSTION_LOOKBACK_MS = HOUR;

/** What a diagnostic is about. Filled by the query layer and the engine; rendered by src/shared/format. */
export type DiagnosticKind =
  /** The figure has no data (the total counter has no samples in the window). */
  | 'no-data'
  /** A composite whose components partly lack data: the figure averages the others. */
  | 'partial'
  /** A counter matched no series in the window. */
  | 'no-series'
  /** The newest sample of total is older than a few scrape intervals. */
  | 'stale'
  /** A latency threshold that is not one of the histogram's bucket bounds. */
  | 'threshold-not-bucket-bound'
  /** The window starts before the oldest data. */
  | 'window-before-data';

/** The indicator counter a diagnostic concerns (the same names as the query layer's counter roles). */
export type DiagnosticCounter = 'bad' | 'good' | 'total' | 'expr';

export interface Diagnostic {
  kind: DiagnosticKind;
  counter?: DiagnosticCounter;
  message: string;
}

export interface SloStatus {
  id: string;
  /** Label values of this group ({} for an ungrouped SLO). */
  group: Record<string, string>;
  window: TimeRange;
  /** Length of the window that applies at t: the current calendar period, the fixed window, or W. */
  windowMs: number;
  /** Events (slices for timeslice SLOs); null without data. */
  good: number | null;
  bad: number | null;
  total: number | null;
  sli: number | null;
  remaining: number | null;
  consumed: number | null;
  /** Burn rates by name (REPORTED_BURN_RATES); null without events in the lookback. */
  burnRates: Record<string, number | null>;
  timeToExhaustion: Exhaustion;
  policy: PolicyLevel | null;
  alerts: TierState[];
  budgetAsTime: BudgetAsTime;
  noData: boolean;
  /** Composite SLOs: some component had no data. */
  partial?: boolean;
  /**
   * The burn-down (section 4) for calendar and fixed windows of ratio and latency occurrences: the share of the period's
   * estimated allowance left. Absent where it does not apply; `remaining` above keeps "if the period ended now".
   */
  burndown?: BurndownFigures;
  diagnostics: Diagnostic[];
  /** Which data answered, for SLOs with `mode: recorded | auto` (docs/recorded-mode.md); absent = raw counters. */
  answeredBy?: { mode: 'raw' | 'recorded'; reason: string };
}

/** The parts of an SLO the status needs (the panel's query mode builds one without an SloSpec). */
export type StatusSpec = Pick<SloSpec, 'id' | 'objective' | 'window' | 'policy'>;

/** Length of the window at t: calendar windows use the length of the current period. */
export function windowLengthAt(window: WindowSpec, t: number): number {
  const full = fullWindowAt(t, window);
  return full.end - full.start;
}

/** Every lookback a status reads: the reported burn rates, both windows of each alert tier, and policy burn rates. */
export function statusLookbacks(spec: Pick<SloSpec, 'policy' | 'window'>, t: number): number[] {
  const set = new Set<number>(REPORTED_BURN_RATES.map(([, ms]) => ms));
  for (const tier of tiersForWindow(windowLengthAt(spec.window, t))) {
    set.add(tier.longMs);
    set.add(tier.shortMs);
  }
  for (const level of spec.policy) {
    if (level.burnRate) {
      set.add(level.burnRate.windowMs);
    }
  }
  return [...set].sort((a, b) => a - b);
}

export const NO_DATA_DIAGNOSTIC: Diagnostic = {
  kind: 'no-data',
  counter: 'total',
  message: 'no data: the total counter has no samples in the window',
};

interface Figures {
  good: number | null;
  bad: number | null;
  total: number | null;
  sli: number | null;
  remaining: number | null;
  consumed: number | null;
}

function assemble(
  spec: StatusSpec,
  t: number,
  group: Record<string, string>,
  figures: Figures,
  rateOver: (ms: number) => number | null,
  timeToExhaustion: Exhaustion,
  tiers: BurnRateTier[],
  windowMs: number,
  diagnostics: Diagnostic[],
  partial?: boolean
): SloStatus {
  const noData = figures.remaining === null;
  const status: SloStatus = {
    id: spec.id,
    group,
    window: windowAt(t, spec.window),
    windowMs,
    ...figures,
    burnRates: Object.fromEntries(REPORTED_BURN_RATES.map(([name, ms]) => [name, rateOver(ms)])),
    timeToExhaustion,
    policy: activePolicyLevel(spec.policy, figures.remaining, rateOver),
    alerts: evaluateTiers(tiers, rateOver),
    budgetAsTime: budgetAsTime(spec.objective, windowMs, figures.remaining),
    noData,
    diagnostics:
      noData && !diagnostics.some((d) => d.kind === 'no-data' || d.kind === 'threshold-not-bucket-bound')
        ? [...diagnostics, NO_DATA_DIAGNOSTIC]
        : diagnostics,
  };
  if (partial !== undefined) {
    status.partial = partial;
  }
  return status;
}

export interface OccurrencesStatusInput {
  spec: StatusSpec;
  t: number;
  group?: Record<string, string>;
  /** Events in windowAt(t), exclusions removed; null when total has no data there (never shown as 100%). */
  counts: EventCounts | null;
  /** Events in (t - L, t] for a lookback L of statusLookbacks; null or undefined without data. */
  countsOver: (lookbackMs: number) => EventCounts | null | undefined;
  /** The burn-down at t, where it applies (calendar and fixed windows); absent otherwise. */
  burndown?: BurndownFigures;
  /**
   * Which figure policy levels' `below` reads where the burn-down is given (section 5, Policy): 'burndown' (default),
   * the figure every surface shows first; 'remaining' for a view that shows "if the period ended now" instead (the
   * panel's `figure: ifEndedNow`), so a level never contradicts the figure beside it.
   */
  policyFrom?: 'burndown' | 'remaining';
  diagnostics?: Diagnostic[];
}

/** Status of an occurrences SLO (ratio or latency) from event counts. */
export function occurrencesStatus(x: OccurrencesStatusInput): SloStatus {
  const { spec, t, counts: c } = x;
  const full = fullWindowAt(t, spec.window);
  const windowMs = full.end - full.start;
  const figures = occurrencesBudget(c ?? { bad: NaN, total: NaN }, spec.objective, c !== null);
  const rateOver = (ms: number) => {
    const lb = x.countsOver(ms);
    return lb ? burnRate(lb, spec.objective) : null;
  };
  const current = x.countsOver(EXHAUSTION_LOOKBACK_MS);
  let exhaustion: Exhaustion;
  if (spec.window.kind === 'rolling') {
    exhaustion = exhaustionRolling(figures.remaining, rateOver(EXHAUSTION_LOOKBACK_MS), windowMs, t);
  } else if (figures.remaining === null || c === null) {
    exhaustion = { state: 'unknown', inMs: null };
  } else {
    exhaustion = exhaustionOccurrences({
      t,
      windowEnd: full.end,
      target: spec.objective,
      bad: c.bad,
      total: c.total,
      burnRate: rateOver(EXHAUSTION_LOOKBACK_MS),
      trafficRate: current && current.total > 0 ? current.total / EXHAUSTION_LOOKBACK_MS : 0,
    });
  }
  const noData = figures.remaining === null;
  const status = assemble(
    spec,
    t,
    x.group ?? {},
    {
      good: noData ? null : c!.total - c!.bad,
      bad: noData ? null : c!.bad,
      total: noData ? null : c!.total,
      ...figures,
    },
    rateOver,
    exhaustion,
    tiersForWindow(windowMs),
    windowMs,
    x.diagnostics ?? []
  );
  if (x.burndown) {
    // Without data for the status there is no burn-down either: never 100% from nothing.
    status.burndown = noData ? { remaining: null, allowedBad: null, usedBad: null, forecastTotal: null } : x.burndown;
    if (x.policyFrom !== 'remaining') {
      status.policy = activePolicyLevel(spec.policy, policyFigure(status), rateOver);
      // Exhaustion of the figure shown: when the burn-down reaches zero at the current rate of bad events.
      const b = status.burndown;
      if (b.usedBad !== null && b.allowedBad !== null) {
        status.timeToExhaustion = exhaustionBurndown({
          t,
          windowEnd: full.end,
          usedBad: b.usedBad,
          allowedBad: b.allowedBad,
          badRate: current ? current.bad / EXHAUSTION_LOOKBACK_MS : null,
        });
      }
    }
  }
  return status;
}

/**
 * The budget figure a policy level's `below` is compared with (docs/semantics.md section 5, Policy): the burn-down
 * where the status has one (calendar and fixed windows of occurrences), else `remaining`. A burn-down without a
 * figure (no forecast) falls back to `remaining`, which is exact for the elapsed part.
 */
export function policyFigure(s: Pick<SloStatus, 'remaining' | 'burndown'>): number | null {
  return s.burndown?.remaining ?? s.remaining;
}

export interface TimeslicesStatusInput {
  spec: StatusSpec & Pick<SloSpec, 'exclusions'> & { timeslice: NonNullable<SloSpec['timeslice']> };
  t: number;
  group?: Record<string, string>;
  /** Verdicts on the slice grid, covering the window and the longest lookback. */
  slices: Slices;
  diagnostics?: Diagnostic[];
}

/** Status of a timeslice SLO from slice verdicts: good, bad and total count slices, not events. */
export function timeslicesStatus(x: TimeslicesStatusInput): SloStatus {
  const { spec, t, slices: s } = x;
  const ts = spec.timeslice;
  const full = fullWindowAt(t, spec.window);
  const windowMs = full.end - full.start;
  const fig = timeslicesBudgetAt(s, spec.window, t, spec.objective, ts.noData, spec.exclusions);
  const excluded = exclusionMask(s, s.verdict.length, spec.exclusions);
  const rateOver = (ms: number) => timesliceBurnRate(s, t, ms, spec.objective, ts.noData, excluded);
  const exhaustion: Exhaustion =
    fig.remaining === null
      ? { state: 'unknown', inMs: null }
      : spec.window.kind === 'rolling'
      ? exhaustionRolling(fig.remaining, rateOver(EXHAUSTION_LOOKBACK_MS), windowMs, t)
      : exhaustionTimeslices({
          t,
          windowEnd: full.end,
          target: spec.objective,
          badSlices: fig.bad,
          slicesInWindow: fig.slicesInWindow,
          sliceMs: ts.lengthMs,
          burnRate: rateOver(EXHAUSTION_LOOKBACK_MS),
        });
  const noData = fig.remaining === null;
  return assemble(
    spec,
    t,
    x.group ?? {},
    {
      good: noData ? null : fig.good,
      bad: noData ? null : fig.bad,
      total: noData ? null : fig.good + fig.bad,
      sli: fig.sli,
      remaining: fig.remaining,
      consumed: fig.consumed,
    },
    rateOver,
    exhaustion,
    tiersForWindow(windowMs),
    windowMs,
    x.diagnostics ?? []
  );
}

export interface CompositePartStatus {
  /** The component SLO's id. */
  id: string;
  weight: number;
  /** The component's statuses, one per group. */
  statuses: readonly SloStatus[];
}

/** Status of a composite SLO from its components' statuses (a grouped component counts as the mean of its groups). */
export function compositeStatus(x: { spec: StatusSpec; t: number; parts: readonly CompositePartStatus[] }): SloStatus {
  const { spec, t } = x;
  const parts = x.parts.map((p) => ({
    id: p.id,
    weight: p.weight,
    remaining: groupMeanRemaining(p.statuses.map((s) => s.remaining)),
  }));
  const { remaining, partial } = compositeRemaining(parts);
  const windowMs = windowLengthAt(spec.window, t);
  const missing = parts.filter((p) => p.remaining === null).map((p) => p.id);
  const diagnostics: Diagnostic[] =
    partial && remaining !== null
      ? [
          {
            kind: 'partial',
            message: `no data for component${missing.length === 1 ? '' : 's'} ${missing.join(
              ', '
            )}: the figure averages the others`,
          },
        ]
      : remaining === null
      ? [{ kind: 'no-data', message: 'no data: no component of this composite has data' }]
      : [];
  return assemble(
    spec,
    t,
    {},
    {
      good: null,
      bad: null,
      total: null,
      sli: null,
      remaining,
      consumed: remaining === null ? null : 1 - remaining,
    },
    () => null,
    compositeExhaustion(remaining),
    tiersForWindow(windowMs),
    windowMs,
    diagnostics,
    partial
  );
}
