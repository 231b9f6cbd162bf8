// An SLO's status at time t (DESIGN.md sections 3-5, 8): exact window counts, burn rates over fixed lookbacks, time to
// exhaustion, alert tiers and the active policy level. Timeslice SLOs are evaluated on slices fetched at the slice step.
import {
  activePolicyLevel,
  burnRate,
  compositeRemaining,
  evaluateTiers,
  exhaustionOccurrences,
  exhaustionRolling,
  exhaustionTimeslices,
  fullWindowAt,
  occurrencesBudget,
  ratioSlices,
  tallySlices,
  thresholdSlices,
  tiersForWindow,
  timeslicesBudgetAt,
  windowAt,
  exclusionMask,
  type Exhaustion,
  type Slices,
  type TierState,
  type TimeRange,
} from '../engine';
import type { PolicyLevel, SloSpec } from '../slo/types';
import { tagRole, type PromClient } from './client';
import { exactCounts, fetchBuckets, fetchGrid, type FetchOptions } from './fetch';
import { groupLabels } from './frames';
import { mapLimit } from './plan';
import { counterExprs, thresholdQuery } from './promql';

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

export interface SloStatus {
  id: string;
  /** Label values of this group ({} for an ungrouped SLO). */
  group: Record<string, string>;
  window: TimeRange;
  good: number | null;
  bad: number | null;
  total: number | null;
  sli: number | null;
  remaining: number | null;
  consumed: number | null;
  burnRates: Record<string, number | null>;
  timeToExhaustion: Exhaustion;
  policy: PolicyLevel | null;
  alerts: TierState[];
  noData: boolean;
  /** Composite SLOs: some component had no data. */
  partial?: boolean;
}

export interface EvaluateOptions extends FetchOptions {
  /** Other SLOs of the same file, for composites. */
  all?: readonly SloSpec[];
}

/** Fixed-length windows have one length; calendar windows use the length of the current period. */
function windowLengthAt(spec: SloSpec, t: number): number {
  const full = fullWindowAt(t, spec.window);
  return full.end - full.start;
}

function lookbacksFor(spec: SloSpec, tiers: ReturnType<typeof tiersForWindow>): number[] {
  const set = new Set<number>(REPORTED_BURN_RATES.map(([, ms]) => ms));
  for (const tier of tiers) {
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

function finish(
  spec: SloSpec,
  t: number,
  base: Omit<SloStatus, 'burnRates' | 'policy' | 'alerts' | 'timeToExhaustion'>,
  rateOver: (ms: number) => number | null,
  exhaustion: Exhaustion,
  tiers: ReturnType<typeof tiersForWindow>
): SloStatus {
  const burnRates = Object.fromEntries(REPORTED_BURN_RATES.map(([name, ms]) => [name, rateOver(ms)]));
  return {
    ...base,
    burnRates,
    timeToExhaustion: exhaustion,
    policy: activePolicyLevel(spec.policy, base.remaining, rateOver),
    alerts: evaluateTiers(tiers, rateOver),
  };
}

async function evaluateOccurrences(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: EvaluateOptions
): Promise<SloStatus[]> {
  const counters = counterExprs(spec.indicator);
  const window = windowAt(t, spec.window);
  const windowMs = windowLengthAt(spec, t);
  const tiers = tiersForWindow(windowMs);
  const lookbacks = lookbacksFor(spec, tiers);
  const o = { ...opts, groupBy: spec.groupBy };
  const [counts, ...byLookback] = await mapLimit(
    [window, ...lookbacks.map((ms) => ({ start: t - ms, end: t }))],
    2,
    (r) => exactCounts(client, counters, r, spec.exclusions, o)
  );
  const keys = new Set<string>([...counts.keys(), ...byLookback.flatMap((m) => [...m.keys()])]);
  if (keys.size === 0) {
    keys.add('');
  }
  return [...keys].sort().map((key) => {
    const c = counts.get(key);
    const figures = occurrencesBudget(c ?? { bad: NaN, total: NaN }, spec.objective, c !== undefined);
    const rateOver = (ms: number) => {
      const lb = byLookback[lookbacks.indexOf(ms)]?.get(key);
      return lb ? burnRate(lb, spec.objective) : null;
    };
    const current = byLookback[lookbacks.indexOf(EXHAUSTION_LOOKBACK_MS)]?.get(key);
    const full = fullWindowAt(t, spec.window);
    const exhaustion =
      spec.window.kind === 'rolling'
        ? exhaustionRolling(figures.remaining, rateOver(EXHAUSTION_LOOKBACK_MS), windowMs, t)
        : figures.remaining === null
        ? ({ state: 'unknown', inMs: null } as const)
        : exhaustionOccurrences({
            t,
            windowEnd: full.end,
            target: spec.objective,
            bad: c!.bad,
            total: c!.total,
            burnRate: rateOver(EXHAUSTION_LOOKBACK_MS),
            trafficRate: current ? current.total / EXHAUSTION_LOOKBACK_MS : 0,
          });
    return finish(
      spec,
      t,
      {
        id: spec.id,
        group: groupLabels(key, spec.groupBy),
        window,
        good: c ? c.good : null,
        bad: c ? c.bad : null,
        total: c ? c.total : null,
        ...figures,
        noData: figures.remaining === null,
      },
      rateOver,
      exhaustion,
      tiers
    );
  });
}

/** Slice verdicts per group on the slice grid covering (from, to]. */
async function fetchSlices(
  client: PromClient,
  spec: SloSpec,
  from: number,
  to: number,
  opts: EvaluateOptions
): Promise<Map<string, Slices>> {
  const slice = spec.timeslice!.lengthMs;
  const firstEnd = Math.floor(from / slice) * slice + slice;
  const count = Math.max(0, Math.floor((to - firstEnd) / slice) + 1);
  const grid = { firstEnd, step: slice, count };
  const out = new Map<string, Slices>();
  if (count === 0) {
    return out;
  }
  const o = { ...opts, groupBy: spec.groupBy };
  if (spec.indicator.kind === 'threshold') {
    const ind = spec.indicator;
    const values = await tagRole(fetchGrid(client, thresholdQuery(ind.expr, spec.groupBy), grid, o), 'expr');
    for (const [key, v] of values) {
      out.set(key, thresholdSlices(firstEnd, slice, v, ind.op, ind.value));
    }
    return out;
  }
  for (const g of await fetchBuckets(client, counterExprs(spec.indicator), grid, o)) {
    out.set(g.key, ratioSlices(g.buckets, spec.timeslice!.target));
  }
  return out;
}

async function evaluateTimeslices(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: EvaluateOptions
): Promise<SloStatus[]> {
  const ts = spec.timeslice!;
  const window = windowAt(t, spec.window);
  const windowMs = windowLengthAt(spec, t);
  const tiers = tiersForWindow(windowMs);
  const lookbacks = lookbacksFor(spec, tiers);
  const from = Math.min(window.start, t - lookbacks[lookbacks.length - 1]);
  const slicesByGroup = await fetchSlices(client, spec, from, t, opts);
  if (slicesByGroup.size === 0) {
    slicesByGroup.set('', { firstEnd: t, step: ts.lengthMs, verdict: new Int8Array(0) });
  }
  return [...slicesByGroup.keys()].sort().map((key) => {
    const s = slicesByGroup.get(key)!;
    const fig = timeslicesBudgetAt(s, spec.window, t, spec.objective, ts.noData, spec.exclusions);
    const excluded = exclusionMask(s, s.verdict.length, spec.exclusions);
    const rateOver = (ms: number) => {
      const lo = Math.floor((t - ms - s.firstEnd) / s.step) + 1;
      const hi = Math.floor((t - s.firstEnd) / s.step) + 1;
      const tally = tallySlices(s, lo, hi, ts.noData, excluded);
      const counted = tally.good + tally.bad;
      return tally.observed > 0 && counted > 0 ? tally.bad / counted / (1 - spec.objective) : null;
    };
    const full = fullWindowAt(t, spec.window);
    const exhaustion =
      fig.remaining === null
        ? ({ state: 'unknown', inMs: null } as const)
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
    return finish(
      spec,
      t,
      {
        id: spec.id,
        group: groupLabels(key, spec.groupBy),
        window,
        // timeslice SLOs count slices, not events
        good: fig.remaining === null ? null : fig.good,
        bad: fig.remaining === null ? null : fig.bad,
        total: fig.remaining === null ? null : fig.good + fig.bad,
        sli: fig.sli,
        remaining: fig.remaining,
        consumed: fig.consumed,
        noData: fig.remaining === null,
      },
      rateOver,
      exhaustion,
      tiers
    );
  });
}

async function evaluateComposite(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: EvaluateOptions
): Promise<SloStatus[]> {
  if (spec.indicator.kind !== 'composite') {
    throw new Error('not a composite');
  }
  const byId = new Map((opts.all ?? []).map((s) => [s.id, s]));
  const parts = await mapLimit(spec.indicator.components, 2, async (c) => {
    const component = byId.get(c.slo);
    if (!component) {
      throw new Error(`${spec.id}: indicator.composite.components: unknown SLO ${JSON.stringify(c.slo)}`);
    }
    const statuses = await evaluateSlo(client, component, t, opts);
    // a grouped component contributes the mean of its groups
    const withData = statuses.filter((s) => s.remaining !== null);
    const remaining = withData.length ? withData.reduce((a, s) => a + s.remaining!, 0) / withData.length : null;
    return { weight: c.weight, remaining };
  });
  const { remaining, partial } = compositeRemaining(parts);
  const windowMs = windowLengthAt(spec, t);
  const none = () => null;
  return [
    finish(
      spec,
      t,
      {
        id: spec.id,
        group: {},
        window: windowAt(t, spec.window),
        good: null,
        bad: null,
        total: null,
        sli: null,
        remaining,
        consumed: remaining === null ? null : 1 - remaining,
        noData: remaining === null,
        partial,
      },
      none,
      remaining === null
        ? { state: 'unknown', inMs: null }
        : remaining <= 0
        ? { state: 'exhausted', inMs: 0 }
        : { state: 'not-burning', inMs: null },
      tiersForWindow(windowMs)
    ),
  ];
}

/** Evaluate one SLO at time t: one status per group (one for an ungrouped SLO). */
export async function evaluateSlo(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: EvaluateOptions = {}
): Promise<SloStatus[]> {
  if (spec.indicator.kind === 'composite') {
    return evaluateComposite(client, spec, t, opts);
  }
  if (spec.budgetingMethod === 'timeslices') {
    return evaluateTimeslices(client, spec, t, opts);
  }
  return evaluateOccurrences(client, spec, t, opts);
}
