// What the detail page plots over its period (docs/semantics.md sections 4-5), as the panel's PlotModel
// (src/panels/budget/viewModel.ts, which also gives the burn-rate and cumulative models): the burn-down with its ideal
// line, or the budget "if the period ended now" for rolling windows; the SLI against the objective. Points outside
// (from, to] are dropped; NaN is a gap (no data), never 100%.
import { withResetPoints, type BudgetSeries, type BurndownSeries } from '../../../engine';
import { formatRfc3339 } from '../../../slo';
import { inRange, type PlotField, type PlotModel, type Region } from '../../../shared/charts/plotModel';
import { policySteps } from '../../../shared/policyColors';
import type { PolicyLevel } from '../../../slo/types';

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

function model(time: number[], fields: PlotField[], regions: Region[]): PlotModel {
  return {
    time,
    fields,
    regions,
    table: time.map((t, i) => [formatRfc3339(t), fields[0].values[i] === null ? '' : String(fields[0].values[i])]),
    tableGroup: '',
  };
}

/** The burn-down and its ideal line (1 at the period start, 0 at its end), with the policy levels as bands. */
export function burndownModel(
  s: BurndownSeries,
  range: { from: number; to: number },
  policy: readonly PolicyLevel[],
  regions: Region[]
): PlotModel {
  const remaining = withResetPoints(s.time, s.remaining, s.resets);
  const ideal = withResetPoints(s.time, s.ideal, s.resets);
  const keep = inRange(remaining.time, range).map((i) => [remaining.time[i], i]);
  const time = keep.map(([t]) => t);
  return model(
    time,
    [
      {
        name: 'Burn-down',
        values: keep.map(([, i]) => orNull(remaining.values[i])),
        unit: 'percentunit',
        color: 'text',
        softMin: 0,
        softMax: 1,
        thresholds: policySteps(policy),
        thresholdsStyle: 'line+area',
      },
      {
        name: 'Ideal',
        values: keep.map(([, i]) => orNull(ideal.values[i])),
        unit: 'percentunit',
        color: 'blue',
        dashed: true,
        // Same unit and bounds as the burn-down, so both share one axis.
        softMin: 0,
        softMax: 1,
      },
    ],
    regions
  );
}

/** Budget left "if the period ended now" (rolling windows have no burn-down). */
export function remainingOnlyModel(
  s: BudgetSeries,
  range: { from: number; to: number },
  policy: readonly PolicyLevel[],
  regions: Region[]
): PlotModel {
  const pts = withResetPoints(s.time, s.remaining, s.resets);
  const keep = inRange(pts.time, range).map((i) => [pts.time[i], i]);
  return model(
    keep.map(([t]) => t),
    [
      {
        name: 'Budget left',
        values: keep.map(([, i]) => orNull(pts.values[i])),
        unit: 'percentunit',
        color: 'text',
        softMin: 0,
        softMax: 1,
        thresholds: policySteps(policy),
        thresholdsStyle: 'line+area',
      },
    ],
    regions
  );
}

/** The SLI of the window at each point, with the objective as a dashed line. */
export function sliModel(
  s: BudgetSeries,
  range: { from: number; to: number },
  target: number,
  regions: Region[]
): PlotModel {
  const keep = inRange(s.time, range);
  return model(
    keep.map((i) => s.time[i]),
    [
      {
        name: 'SLI',
        values: keep.map((i) => orNull(s.sli[i])),
        unit: 'percentunit',
        decimals: 3,
        color: 'green',
        softMin: target - (1 - target),
        softMax: 1,
        thresholds: [
          { value: -Infinity, color: 'transparent' },
          { value: target, color: 'red' },
        ],
        thresholdsStyle: 'dashed',
      },
    ],
    regions
  );
}
