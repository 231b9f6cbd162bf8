// The budget figure over time: the burn-down with its ideal line (calendar and fixed windows) or the remaining budget;
// 100% at each period start, policy levels as bands, exclusions shaded, overspend below 0.
import React, { useMemo } from 'react';

import { figureTitle, remainingModel } from '../viewModel';
import { ChartLayout, type ViewProps } from './ChartLayout';

export function TimeSeriesView(props: ViewProps) {
  const { budget, options } = props;
  const model = useMemo(() => remainingModel(budget, options.decimals), [budget, options.decimals]);
  return <ChartLayout {...props} model={model} caption={`${figureTitle(budget)} (error budget) of ${budget.title}`} />;
}
