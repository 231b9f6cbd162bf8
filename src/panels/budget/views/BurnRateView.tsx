// Burn rates over the alert tiers' long windows, each tier's factor (scaled by W / 30 d) drawn as a dashed line in the
// series' colour; the figures name the tiers firing now (both long and short window above the factor).
import { css } from '@emotion/css';
import React, { useMemo } from 'react';

import { Badge } from '@grafana/ui';

import { testIds } from '../../../shared/testIds';
import { burnRateModel, mainGroup, statModel } from '../viewModel';
import { ChartLayout, type ViewProps } from './ChartLayout';
import { formatBurnRate } from '../../../shared/format';

const label = css({ opacity: 0.75, fontSize: '0.85em' });

export function BurnRateView(props: ViewProps) {
  const { budget, options } = props;
  const model = useMemo(() => burnRateModel(budget, options.decimals), [budget, options.decimals]);
  const stat = useMemo(() => statModel(budget), [budget]);
  const status = mainGroup(budget)?.status;
  const rate = status?.burnRates['1h'] ?? null;
  const extra = (
    <>
      <span>
        <span className={label}>Burn rate 1h </span>
        <span data-testid={testIds.burnRate} data-value={rate === null ? '' : String(rate)}>
          {formatBurnRate(rate, options.decimals)}
        </span>
      </span>
      {stat?.firingTiers.map((t) => (
        <Badge key={t} text={t} color={t.startsWith('page') ? 'red' : 'orange'} icon="fire" />
      ))}
    </>
  );
  return (
    <ChartLayout
      {...props}
      model={model}
      caption={`Burn rate over ${model.fields[0]?.name ?? 'the first alert window'} of ${budget.title}`}
      extraFigures={extra}
    />
  );
}
