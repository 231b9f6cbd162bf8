// The error-budget panel (docs/semantics.md sections 3-5): data from an SLO or the dashboard's queries, drawn by the chosen view;
// loading, no data (never 100%), errors and partial data are states of their own.
import { css } from '@emotion/css';
import React, { useMemo } from 'react';

import type { PanelProps } from '@grafana/data';

import { hasNoData } from '../../shared/budget/model';
import { useBudget } from './data/useBudget';
import type { SloModeDeps } from '../../shared/budget/sloBudget';
import { migrateOptions } from './migrations';
import type { BudgetPanelOptions } from './options';
import { testIds } from '../../shared/testIds';
import { BurnRateView } from './views/BurnRateView';
import type { ViewProps } from './views/ChartLayout';
import { CumulativeView } from './views/CumulativeView';
import { ErrorState, Loading, NoData, Notices } from './views/PanelStates';
import { StatView } from './views/StatView';
import { TimeSeriesView } from './views/TimeSeriesView';

const VIEW_COMPONENTS: Record<BudgetPanelOptions['view'], React.ComponentType<ViewProps>> = {
  timeseries: TimeSeriesView,
  stat: StatView,
  cumulative: CumulativeView,
  burnRate: BurnRateView,
};

const wrapper = css({ position: 'relative', width: '100%', height: '100%', overflow: 'hidden' });

export type BudgetPanelProps = PanelProps<BudgetPanelOptions> & { deps?: SloModeDeps };

export function BudgetPanel(props: BudgetPanelProps) {
  const { width, height, timeRange, timeZone, data } = props;
  // Options straight from an older dashboard JSON (before the migration handler ran) still render.
  const options = useMemo(
    () => (props.options?.optionsVersion === undefined ? migrateOptions(props.options) : props.options),
    [props.options]
  );
  const state = useBudget({ data, options, timeRange, timeZone, deps: props.deps });
  const { budget, error, loading } = state;

  let body: React.ReactNode;
  if (error) {
    body = <ErrorState error={error} />;
  } else if (!budget) {
    body = loading ? <Loading width={width} overlay={false} /> : <NoData />;
  } else if (hasNoData(budget)) {
    body = (
      <>
        <Notices notices={budget.notices} />
        <NoData
          message={
            options.mode === 'query'
              ? 'The queries returned no events in this time range.'
              : `${budget.title} has no data in this window.`
          }
        />
      </>
    );
  } else {
    // Charts need buckets; SLOs without charts (timeslices, composites) show their figures.
    const chartless = budget.groups.every((g) => !g.series);
    const View = chartless ? StatView : VIEW_COMPONENTS[options.view] ?? TimeSeriesView;
    body = (
      <View budget={budget} options={options} width={width} height={height} timeRange={timeRange} timeZone={timeZone} />
    );
  }
  return (
    <div className={wrapper} data-testid={testIds.panel} data-mode={options.mode} data-view={options.view}>
      {loading && budget && !error && <Loading width={width} overlay />}
      {body}
    </div>
  );
}
