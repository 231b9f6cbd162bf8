// Shared frame of the chart views: figures and notices on top, the chart in the height that is left, the hidden table of
// the plotted points.
import { css } from '@emotion/css';
import React, { useLayoutEffect, useRef, useState } from 'react';

import type { TimeRange } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

import type { PanelBudget } from '../../../shared/budget/model';
import type { BudgetPanelOptions } from '../options';
import { testIds } from '../../../shared/testIds';
import {
  figureTitle,
  groupName,
  mainGroup,
  shownRemaining,
  sliDecimals,
  unhealthy,
  type PlotModel,
} from '../viewModel';
import { BudgetChart } from './BudgetChart';
import { FigureStrip } from './FigureStrip';
import { HiddenSeriesTable } from './HiddenSeriesTable';
import { DiagnosticLines } from './FigureNotes';
import { NoData, Notices } from './PanelStates';

export interface ViewProps {
  budget: PanelBudget;
  options: BudgetPanelOptions;
  width: number;
  height: number;
  timeRange: TimeRange;
  timeZone: TimeZone;
}

const styles = {
  column: css({ display: 'flex', flexDirection: 'column', width: '100%', height: '100%', position: 'relative' }),
  chart: css({ flex: '1 1 auto', minHeight: 0 }),
};

export function ChartLayout({
  budget,
  options,
  width,
  height,
  timeRange,
  timeZone,
  model,
  caption,
  extraFigures,
}: ViewProps & {
  model: PlotModel;
  caption: string;
  extraFigures?: React.ReactNode;
}) {
  const header = useRef<HTMLDivElement>(null);
  const [headerHeight, setHeaderHeight] = useState(0);
  // The figures and notices wrap on narrow panels: the chart gets the height they leave.
  useLayoutEffect(() => {
    const h = header.current?.offsetHeight ?? 0;
    if (h !== headerHeight) {
      setHeaderHeight(h);
    }
  }, [headerHeight, width, budget, extraFigures]);
  const main = mainGroup(budget);
  const status = main?.status;
  const burndown = budget.figure === 'burndown' && status?.burndown !== undefined;
  return (
    <div className={styles.column}>
      <div ref={header}>
        <FigureStrip
          title={figureTitle(budget)}
          remaining={status ? shownRemaining(budget, status) : null}
          ifEndedNow={burndown && budget.unit === 'events' ? status!.remaining : undefined}
          unhealthy={status && unhealthy(status)}
          notices={budget.notices}
          sli={status?.sli ?? null}
          sliDecimals={sliDecimals(budget.target)}
          decimals={options.decimals}
          policy={status?.policy ?? null}
          policyLevels={budget.policy}
          note={
            budget.groups.length > 1 && main ? `worst of ${budget.groups.length}: ${groupName(main.labels)}` : undefined
          }
        >
          {extraFigures}
        </FigureStrip>
        <DiagnosticLines diagnostics={status?.diagnostics ?? []} />
        <Notices notices={budget.notices} />
      </div>
      <div className={styles.chart} data-testid={testIds.chart}>
        {model.time.length === 0 ? (
          <NoData message="Nothing to plot in this time range." />
        ) : (
          <BudgetChart
            model={model}
            width={width}
            height={Math.max(0, height - headerHeight)}
            timeRange={timeRange}
            timeZone={timeZone}
            legend={options.legend}
            tooltipMode={options.tooltip.mode}
          />
        )}
      </div>
      <HiddenSeriesTable caption={caption} rows={model.table} group={model.tableGroup} />
    </div>
  );
}
