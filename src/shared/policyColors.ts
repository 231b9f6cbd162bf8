// Policy levels as colours (docs/semantics.md section 5): threshold steps on remaining budget, and the colour a remaining
// budget takes in the theme. Shared by the panel and the pages; the theme is only a type here.
import type { GrafanaTheme2 } from '@grafana/data';

import type { PolicyLevel } from '../slo/types';

/** A named colour of Grafana's palette ('green', 'red', 'text'...), resolved by the theme when drawn. */
export type ColorName = string;

export interface ThresholdStep {
  /** -Infinity for the base step. */
  value: number;
  color: ColorName;
}

/**
 * Policy levels as threshold steps on remaining budget: above the highest level green, then one colour per level,
 * ending in red for the most severe. Without levels, red below 0.
 */
export function policySteps(policy: readonly PolicyLevel[]): ThresholdStep[] {
  const belows = [...new Set(policy.map((l) => l.below).filter((b): b is number => b !== undefined))].sort(
    (a, b) => b - a
  );
  if (belows.length === 0) {
    return [
      { value: -Infinity, color: 'red' },
      { value: 0, color: 'green' },
    ];
  }
  const ramp = ['yellow', 'orange', 'red'];
  const colors = belows.map((_, i) => ramp[Math.max(0, ramp.length - belows.length + i)]);
  // colors[i] applies below belows[i]; steps go upward from -Infinity.
  const steps: ThresholdStep[] = [{ value: -Infinity, color: colors[colors.length - 1] }];
  for (let i = belows.length - 1; i >= 0; i--) {
    steps.push({ value: belows[i], color: i === 0 ? 'green' : colors[i - 1] });
  }
  return steps;
}

/** The policy band colour of a remaining budget (the theme's secondary text colour without data). */
export function remainingColor(remaining: number | null, policy: readonly PolicyLevel[], theme: GrafanaTheme2): string {
  if (remaining === null) {
    return theme.colors.text.secondary;
  }
  let color = 'text';
  for (const step of policySteps(policy)) {
    if (remaining >= step.value) {
      color = step.color;
    }
  }
  return theme.visualization.getColorByName(color);
}
