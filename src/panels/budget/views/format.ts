// Grafana's own unit formatting for the figures the views print, and the colour a policy level gives a remaining budget.
import { formattedValueToString, getValueFormat, type GrafanaTheme2 } from '@grafana/data';

import { BURN_RATE_UNIT, policySteps } from '../viewModel';
import type { PolicyLevel } from '../../../slo/types';

export function formatFraction(v: number | null, decimals?: number): string {
  return v === null ? 'No data' : formattedValueToString(getValueFormat('percentunit')(v, decimals ?? 1));
}

export function formatBurnRate(v: number | null, decimals?: number): string {
  return v === null ? 'No data' : formattedValueToString(getValueFormat(BURN_RATE_UNIT)(v, decimals ?? 2));
}

/** The policy band colour of a remaining budget (the theme's text colour without data). */
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
