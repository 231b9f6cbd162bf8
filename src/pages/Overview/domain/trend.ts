// The overview's budget trend: the remaining budget series (docs/semantics.md section 4, "budget over time") of an
// SLO's worst group, cut to the trend's span, and drawn as a sparkline path.
import type { BudgetSeries } from '../../../engine';
import type { TrendPoints } from './overviewRow';

/** The series of the group whose last figure is lowest, from `from` on; undefined without any figure. */
export function worstTrend(series: readonly BudgetSeries[], from: number, stepMs: number): TrendPoints | undefined {
  let worst: TrendPoints | undefined;
  let worstLast = Infinity;
  for (const s of series) {
    const time: number[] = [];
    const value: number[] = [];
    s.time.forEach((t, i) => {
      if (t > from) {
        time.push(t);
        value.push(s.remaining[i]);
      }
    });
    const last = [...value].reverse().find((v) => !Number.isNaN(v));
    if (last !== undefined && last < worstLast) {
      worstLast = last;
      worst = { time, value, stepMs };
    }
  }
  return worst;
}

/**
 * SVG path of the values in a width x height box: y from min(0, lowest) to max(1, highest), so 100% and 0% sit at the
 * same place on every row unless a figure goes beyond them. A NaN breaks the line. '' when nothing is drawable.
 */
export function sparklinePath(values: readonly number[], width: number, height: number): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) {
    return '';
  }
  const lo = Math.min(0, ...finite);
  const hi = Math.max(1, ...finite);
  const x = (i: number) => (values.length === 1 ? width / 2 : (i / (values.length - 1)) * width);
  const y = (v: number) => height - ((v - lo) / (hi - lo)) * height;
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return path;
}
