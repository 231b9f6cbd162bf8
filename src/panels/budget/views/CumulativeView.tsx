// Cumulative bad events against allowed bad events ((1 - target) x total), both 0 at each period start: their gap is the
// budget left in events.
import { css } from '@emotion/css';
import React, { useMemo } from 'react';

import { formattedValueToString, getValueFormat } from '@grafana/data';

import { cumulativeModel, mainGroup } from '../viewModel';
import { ChartLayout, type ViewProps } from './ChartLayout';

const label = css({ opacity: 0.75, fontSize: '0.85em' });

export function CumulativeView(props: ViewProps) {
  const { budget } = props;
  const model = useMemo(() => cumulativeModel(budget), [budget]);
  const status = mainGroup(budget)?.status;
  const left =
    status && status.bad !== null && status.total !== null ? (1 - budget.target) * status.total - status.bad : null;
  const extra =
    left === null ? null : (
      <span>
        <span className={label}>Bad events left </span>
        {formattedValueToString(getValueFormat('short')(left, 0))}
      </span>
    );
  return (
    <ChartLayout {...props} model={model} caption={`Cumulative bad events of ${budget.title}`} extraFigures={extra} />
  );
}
