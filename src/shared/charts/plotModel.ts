// The charts the panel and the pages draw, from the engine's output (docs/semantics.md sections 3-5): points with a
// 100% (or 0-event) point at each window reset, clipped to the displayed range; policy levels as threshold steps;
// exclusions as regions. Pure: no React, no theme. Moved from src/panels/budget/viewModel.ts so the detail page does
// not depend on the panel's internals; the panel re-exports it from there.
import { burnRateSeries, tiersForWindow, withResetPoints, type BudgetSeries, type SloStatus } from '../../engine';
import { formatFactor, groupName, IF_ENDED_NOW_LABEL, lookbackLabel } from '../format';
import { policySteps, type ColorName, type ThresholdStep } from '../policyColors';
import { formatRfc3339 } from '../../slo';
import type { BudgetGroup, PanelBudget } from '../budget/model';

export interface PlotField {
  name: string;
  values: Array<number | null>;
  unit: string;
  color: ColorName;
  decimals?: number;
  thresholds?: ThresholdStep[];
  /** How the thresholds are drawn: policy bands, or dashed alert lines. */
  thresholdsStyle?: 'line+area' | 'dashed';
  dashed?: boolean;
  fillOpacity?: number;
  /** The y axis shows at least [softMin, softMax]; data outside widens it (overspend below 0 stays visible). */
  softMin?: number;
  softMax?: number;
}

export interface Region {
  from: number;
  to: number;
  label: string;
}

export interface PlotModel {
  time: number[];
  fields: PlotField[];
  regions: Region[];
  /** The main series as [RFC 3339 time, raw value ('' = no data)]: the hidden table tests and screen readers read. */
  table: Array<[string, string]>;
  /** Labels of the group the table and single-group views show ('' when ungrouped). */
  tableGroup: string;
}

const PERCENT = 'percentunit';
export const BURN_RATE_UNIT = 'suffix:×';

/** The figure the views show at t: the burn-down when the budget's figure is the burn-down, else "if ended now". */
export function shownRemaining(budget: Pick<PanelBudget, 'figure'>, status: SloStatus): number | null {
  return budget.figure === 'burndown' && status.burndown ? status.burndown.remaining : status.remaining;
}

/** Why a status must not look healthy (docs/semantics.md section 4): stale data or no data; undefined when neither. */
export function unhealthy(status: SloStatus): 'stale' | 'no-data' | undefined {
  if (status.diagnostics.some((d) => d.kind === 'stale')) {
    return 'stale';
  }
  return status.noData ? 'no-data' : undefined;
}

/** Name of the figure shown: "Budget left" (burn-down), "If the period ended now", or "Remaining budget" (rolling). */
export function figureTitle(budget: Pick<PanelBudget, 'figure' | 'window' | 'unit'>): string {
  if (budget.figure === 'burndown') {
    return 'Budget left';
  }
  return budget.window.kind === 'rolling' ? 'Remaining budget' : IF_ENDED_NOW_LABEL;
}

/** The group a single-series view shows: the one with the least remaining budget (no data last), then by key. */
export function mainGroup(budget: PanelBudget): BudgetGroup | undefined {
  const score = (g: BudgetGroup) => {
    const shown = shownRemaining(budget, g.status);
    if (shown !== null) {
      return shown;
    }
    const r = (budget.figure === 'burndown' ? g.burndown?.remaining : undefined) ?? g.series?.remaining;
    for (let i = (r?.length ?? 0) - 1; i >= 0; i--) {
      if (r![i] === r![i]) {
        return r![i];
      }
    }
    return Infinity;
  };
  let best: BudgetGroup | undefined;
  for (const g of budget.groups) {
    if (!best || score(g) < score(best)) {
      best = g;
    }
  }
  return best;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function tableRows(time: readonly number[], values: ReadonlyArray<number | null>): Array<[string, string]> {
  return time.map((t, i) => [formatRfc3339(t), values[i] === null ? '' : String(values[i])]);
}

/** Indices of the points inside [from, to]. */
/** Indexes of the points inside [from, to], for a time axis from withResetPoints. */
export function inRange(time: ArrayLike<number>, range: { from: number; to: number }): number[] {
  const idx: number[] = [];
  for (let i = 0; i < time.length; i++) {
    // A range that starts on a period boundary shows the new period's 100% there, not the old period's closing point
    // (withResetPoints puts both at the boundary): a vertical line at the left edge would read as a drop.
    const closesOldPeriod = time[i] === range.from && time[i + 1] === time[i];
    if (time[i] >= range.from && time[i] <= range.to && !closesOldPeriod) {
      idx.push(i);
    }
  }
  return idx;
}

/**
 * The series' time axis with a point at each reset inserted exactly where withResetPoints puts it; `source[k]` is the
 * bucket index of point k, or -1 for an inserted reset point.
 */
export function alignWithResets(
  time: ArrayLike<number>,
  resets: readonly number[]
): { time: number[]; source: number[] } {
  const index = Array.from({ length: time.length }, (_, i) => i + 2);
  // withResetPoints gives reset points the value 1; bucket points carry their index + 2 here, so they never collide.
  const merged = withResetPoints(time, index, resets);
  return { time: merged.time, source: merged.values.map((v) => (v === 1 ? -1 : v - 2)) };
}

/** Exclusions that overlap the displayed range, clipped to it. */
export function exclusionRegions(budget: PanelBudget): Region[] {
  return budget.exclusions
    .filter((e) => e.to > budget.range.from && e.from < budget.range.to)
    .map((e) => ({
      from: Math.max(e.from, budget.range.from),
      to: Math.min(e.to, budget.range.to),
      label: e.reason || 'excluded',
    }));
}

const emptyPlot = (budget: PanelBudget): PlotModel => ({
  time: [],
  fields: [],
  regions: exclusionRegions(budget),
  table: [],
  tableGroup: '',
});

/** The ideal burn-down's colour: a quiet grey that reads on dark and light themes. */
export const IDEAL_COLOR = '#8e8e8e';

/**
 * The burn-down over time (docs/semantics.md section 4): one line per group from exactly 100% at each period start
 * (a reset point at every period boundary in the range), falling only with bad events, and the ideal straight line of
 * the main group from 100% at the period start to 0% at its end, dashed. Policy bands on the first line, unless the
 * main group is stale or has no data (never drawn as healthy).
 */
export function burndownModel(budget: PanelBudget, decimals?: number): PlotModel | undefined {
  const groups = budget.groups.filter((g): g is BudgetGroup & { burndown: NonNullable<BudgetGroup['burndown']> } =>
    Boolean(g.burndown)
  );
  const main = groups.find((g) => g === mainGroup({ ...budget, groups }));
  if (!main) {
    return undefined;
  }
  const s = main.burndown;
  const axis = withResetPoints(s.time, s.remaining, s.resets).time;
  const keep = inRange(axis, budget.range);
  const time = keep.map((i) => axis[i]);
  const bands = unhealthy(main.status)
    ? {}
    : { thresholds: policySteps(budget.policy), thresholdsStyle: 'line+area' as const };
  const fields: PlotField[] = groups.map((g, k) => {
    const pts = withResetPoints(g.burndown.time, g.burndown.remaining, g.burndown.resets).values;
    return {
      name: g.key === '' ? 'Burn-down' : groupName(g.labels),
      values: keep.map((i) => finiteOrNull(pts[i])),
      unit: PERCENT,
      decimals,
      color: groups.length === 1 ? 'text' : '',
      softMin: 0,
      softMax: 1,
      ...(k === 0 ? bands : {}),
    };
  });
  const ideal = withResetPoints(s.time, s.ideal, s.resets).values;
  fields.push({
    name: 'Ideal burn-down',
    values: keep.map((i) => finiteOrNull(ideal[i])),
    unit: PERCENT,
    decimals,
    color: IDEAL_COLOR,
    dashed: true,
    softMin: 0,
    softMax: 1,
  });
  return {
    time,
    fields,
    regions: exclusionRegions(budget),
    table: tableRows(time, fields[groups.indexOf(main)].values),
    tableGroup: groupName(main.labels),
  };
}

/**
 * The budget figure over time: the burn-down (with its ideal line) when that is the budget's figure, else the remaining
 * budget "if the period ended now": one line per group, policy bands on the first, 100% at each period start, not clamped.
 */
export function remainingModel(budget: PanelBudget, decimals?: number): PlotModel {
  if (budget.figure === 'burndown') {
    const burndown = burndownModel(budget, decimals);
    if (burndown) {
      return burndown;
    }
  }
  const groups = budget.groups.filter((g): g is BudgetGroup & { series: BudgetSeries } => g.series !== undefined);
  const main = groups.find((g) => g === mainGroup({ ...budget, groups }));
  if (!main) {
    return emptyPlot(budget);
  }
  // Every group shares the grid and the resets, hence the time axis.
  const axis = withResetPoints(main.series.time, main.series.remaining, main.series.resets).time;
  const keep = inRange(axis, budget.range);
  const time = keep.map((i) => axis[i]);
  const bands = unhealthy(main.status)
    ? {}
    : { thresholds: policySteps(budget.policy), thresholdsStyle: 'line+area' as const };
  const fields: PlotField[] = groups.map((g, k) => {
    const pts = withResetPoints(g.series.time, g.series.remaining, g.series.resets).values;
    return {
      name: g.key === '' ? figureTitle({ ...budget, figure: 'ifEndedNow' }) : groupName(g.labels),
      values: keep.map((i) => finiteOrNull(pts[i])),
      unit: PERCENT,
      decimals,
      color: groups.length === 1 ? 'text' : '',
      softMin: 0,
      softMax: 1,
      ...(k === 0 ? bands : {}),
    };
  });
  const mainIndex = groups.indexOf(main);
  return {
    time,
    fields,
    regions: exclusionRegions(budget),
    table: tableRows(time, fields[mainIndex].values),
    tableGroup: groupName(main.labels),
  };
}

/** Cumulative bad events against allowed bad events ((1 - target) x total), both 0 at each period start. */
export function cumulativeModel(budget: PanelBudget): PlotModel {
  const main = mainGroup({ ...budget, groups: budget.groups.filter((g) => g.series) });
  if (!main?.series) {
    return emptyPlot(budget);
  }
  const s = main.series;
  const aligned = alignWithResets(s.time, s.resets);
  const keep = inRange(aligned.time, budget.range);
  const time = keep.map((i) => aligned.time[i]);
  const pick = (arr: Float64Array) =>
    keep.map((i) => (aligned.source[i] < 0 ? 0 : finiteOrNull(arr[aligned.source[i]])));
  const bad = pick(s.bad);
  return {
    time,
    fields: [
      { name: 'Bad events', values: bad, unit: 'short', color: 'red', fillOpacity: 10 },
      { name: 'Allowed bad events', values: pick(s.allowedBad), unit: 'short', color: 'green', dashed: true },
    ],
    regions: exclusionRegions(budget),
    table: tableRows(time, bad),
    tableGroup: groupName(main.labels),
  };
}

const TIER_COLORS: ColorName[] = ['red', 'orange', 'yellow', 'blue'];

/**
 * Burn rate over each alert tier's long window, with every tier's factor (scaled by W / 30 d) as a dashed line in its
 * series' colour. A tier fires when the burn rate over its long and its short window both exceed the factor. The axis
 * shows at least the lowest factor; higher ones come into view when the burn rates approach them.
 */
export function burnRateModel(budget: PanelBudget, decimals?: number): PlotModel {
  const main = mainGroup({ ...budget, groups: budget.groups.filter((g) => g.buckets) });
  if (!main?.buckets) {
    return emptyPlot(budget);
  }
  const b = main.buckets;
  const axis = Array.from(main.series?.time ?? b.total.map((_, i) => b.firstEnd + i * b.step));
  const keep = inRange(axis, budget.range);
  const time = keep.map((i) => axis[i]);
  const tiers = tiersForWindow(budget.windowMs);
  const colors = tiers.map((_, k) => TIER_COLORS[k % TIER_COLORS.length]);
  // Grafana draws one set of thresholds per axis: the first series carries every tier's line.
  const lines: ThresholdStep[] = [
    { value: -Infinity, color: 'transparent' },
    ...tiers.map((t, k) => ({ value: t.factor, color: colors[k] })).sort((x, y) => x.value - y.value),
  ];
  const lowest = Math.min(...tiers.map((t) => t.factor));
  const fields: PlotField[] = tiers.map((tier, k) => {
    const rate = burnRateSeries(b, tier.longMs, budget.target, budget.exclusions);
    return {
      name: `${lookbackLabel(tier.longMs)} burn rate (${tier.severity} > ${formatFactor(tier.factor)})`,
      values: keep.map((i) => finiteOrNull(rate[i])),
      unit: BURN_RATE_UNIT,
      decimals,
      color: colors[k],
      softMin: 0,
      softMax: lowest * 1.25,
      ...(k === 0 ? { thresholds: lines, thresholdsStyle: 'dashed' as const } : {}),
    };
  });
  return {
    time,
    fields,
    regions: exclusionRegions(budget),
    table: tableRows(time, fields[0].values),
    tableGroup: groupName(main.labels),
  };
}
