// What the views draw, from the engine's output (docs/semantics.md sections 3-5): the figures of the stat view,
// including the budget as time = (1 - target) x window length; the chart models (points with a 100% point at each
// window reset, policy bands, exclusion regions) live in src/shared/charts/plotModel.ts, re-exported here. Pure.
import { budgetAsTime, type Diagnostic } from '../../engine';
import {
  budgetAllowanceText,
  budgetLeftText,
  burndownText,
  policyText,
  exhaustionText,
  formatFactor,
  groupName,
  lookbackLabel,
  policyState,
  type ExhaustionText,
  type PolicyState,
} from '../../shared/format';
import { figureTitle, mainGroup, remainingModel, shownRemaining, unhealthy } from '../../shared/charts/plotModel';
import type { PolicyLevel } from '../../slo/types';
import type { PanelBudget } from '../../shared/budget/model';

// The figures' words come from the one formatting module; re-exported for the views.
export {
  exhaustionText,
  formatFactor,
  formatSpan,
  groupName,
  lookbackLabel,
  sliDecimals,
  windowLabel,
} from '../../shared/format';
export { policySteps, type ColorName, type ThresholdStep } from '../../shared/policyColors';

// The chart models live in src/shared/charts (the detail page draws them too).
export * from '../../shared/charts/plotModel';

export interface StatModel {
  /** The figure shown (the burn-down, or "if ended now"), as a raw fraction; null = no data. */
  remaining: number | null;
  /** What `remaining` is: "Budget left", "If the period ended now" or "Remaining budget". */
  title: string;
  /** The burn-down's sentence ("62% of this quarter's budget left: 410 k of ~1.1 M allowed errors used"). */
  sentence?: string;
  /** "If the period ended now" as a secondary figure, when the main one is the burn-down of events. */
  ifEndedNow?: number | null;
  /** Stale or no data: the figure must not look healthy. */
  unhealthy?: 'stale' | 'no-data';
  /** The status' diagnostics (shown in the formatter's words). */
  diagnostics: Diagnostic[];
  sli: number | null;
  /** Burn rate over the exhaustion lookback (1 h). */
  burnRate: number | null;
  burnRateLabel: string;
  exhaustion: ExhaustionText;
  /** The window's whole budget as time of full outage, and what is left of it. */
  budgetAsTime: { ms: number; text: string; left: string };
  /** No policy, OK, or the active level. */
  policyState: PolicyState;
  /** The policy as shown: the formatter's words, or "Stale". */
  policyText: string;
  policy: PolicyLevel | null;
  firingTiers: string[];
  /** Which group the figures are for, when the SLO is grouped ("worst of 3: route=..."). */
  groupNote: string;
  sparkline?: { time: number[]; values: Array<number | null> };
  /** The remaining-budget points, as the hidden table lists them. */
  table: Array<[string, string]>;
}

export function statModel(budget: PanelBudget): StatModel | undefined {
  const main = mainGroup(budget);
  if (!main) {
    return undefined;
  }
  const s = main.status;
  const plot = remainingModel({ ...budget, groups: [main] });
  const bd = budget.figure === 'burndown' ? s.burndown : undefined;
  const bad = unhealthy(s);
  const state = policyState(budget.policy, s.policy, s.noData);
  return {
    remaining: shownRemaining(budget, s),
    title: figureTitle(budget),
    sentence: bd
      ? burndownText(
          {
            remaining: bd.remaining,
            usedBad: bd.usedBad,
            allowedBad: bd.allowedBad,
            estimated: (bd.forecastTotal ?? 0) > 0,
          },
          budget.window,
          budget.unit
        )
      : undefined,
    ifEndedNow: bd && budget.unit === 'events' ? s.remaining : undefined,
    unhealthy: bad,
    diagnostics: s.diagnostics,
    sli: s.sli,
    burnRate: s.burnRates['1h'] ?? null,
    burnRateLabel: '1h',
    // Stale data is never "Not burning" or "OK" (as the CLI's table says).
    exhaustion: bad === 'stale' ? { text: 'Stale' } : exhaustionText(s.timeToExhaustion),
    budgetAsTime: budgetAsTimeFigures(budget, shownRemaining(budget, s)),
    policyState: state,
    policyText: bad === 'stale' && state.kind !== 'active' ? 'Stale' : policyText(state),
    policy: s.policy,
    firingTiers: s.alerts
      .filter((a) => a.firing)
      .map(
        (a) =>
          `${a.tier.severity}: ${lookbackLabel(a.tier.longMs)} and ${lookbackLabel(a.tier.shortMs)} > ${formatFactor(
            a.tier.factor
          )}`
      ),
    groupNote: budget.groups.length > 1 ? `worst of ${budget.groups.length}: ${groupName(main.labels)}` : '',
    sparkline: plot.time.length > 1 ? { time: plot.time, values: plot.fields[0].values } : undefined,
    table: plot.table,
  };
}

function budgetAsTimeFigures(budget: PanelBudget, remaining: number | null): StatModel['budgetAsTime'] {
  const b = budgetAsTime(budget.target, budget.windowMs, remaining);
  return { ms: b.allowanceMs, text: budgetAllowanceText(b, budget.window, budget.windowMs), left: budgetLeftText(b) };
}
