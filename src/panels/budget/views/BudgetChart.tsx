// A PlotModel drawn with Grafana's own TimeSeries: its axes, legend and theme, Grafana's tooltip plugin, the dashboard's
// time zone, and exclusion intervals shaded behind the series.
import { css } from '@emotion/css';
import React, { useLayoutEffect, useMemo, useRef } from 'react';

import {
  colorManipulator,
  formattedValueToString,
  type DataFrame,
  type GrafanaTheme2,
  type TimeRange,
} from '@grafana/data';
import { TooltipDisplayMode, type TimeZone, type VizLegendOptions } from '@grafana/schema';
import { SeriesTable, TimeSeries, TooltipPlugin2, useStyles2, useTheme2, type UPlotConfigBuilder } from '@grafana/ui';

import type { PlotModel, Region } from '../viewModel';
import { plotFrame } from '../../../shared/charts/plotFrame';

type HoverMode = React.ComponentProps<typeof TooltipPlugin2>['hoverMode'];
// TooltipPlugin2's hover modes (a const enum @grafana/ui does not export): one series, or every series at the cursor's x.
const HOVER_ONE = 0 as HoverMode;
const HOVER_ALL = 1 as HoverMode;

export interface BudgetChartProps {
  model: PlotModel;
  width: number;
  height: number;
  timeRange: TimeRange;
  timeZone: TimeZone;
  legend: VizLegendOptions;
  tooltipMode: TooltipDisplayMode;
}

/** Shades each region on the plot's canvas before the series are drawn (over the threshold bands). */
function ExclusionShading({
  config,
  regions,
  theme,
}: {
  config: UPlotConfigBuilder;
  regions: Region[];
  theme: GrafanaTheme2;
}) {
  const current = useRef(regions);
  current.current = regions;
  useLayoutEffect(() => {
    const fill = colorManipulator.alpha(theme.colors.text.primary, theme.isDark ? 0.12 : 0.1);
    const edge = colorManipulator.alpha(theme.colors.text.primary, 0.35);
    config.addHook('drawClear', (u) => {
      const ctx = u.ctx;
      if (!ctx || current.current.length === 0) {
        return;
      }
      const { top, height, left, width } = u.bbox;
      ctx.save();
      for (const r of current.current) {
        const x0 = Math.max(left, u.valToPos(r.from, 'x', true));
        const x1 = Math.min(left + width, u.valToPos(r.to, 'x', true));
        if (x1 > x0) {
          ctx.fillStyle = fill;
          ctx.fillRect(x0, top, x1 - x0, height);
          ctx.fillStyle = edge;
          ctx.fillRect(x0, top, 1, height);
          ctx.fillRect(x1 - 1, top, 1, height);
        }
      }
      ctx.restore();
    });
  }, [config, theme]);
  return null;
}

function Tooltip({
  frame,
  dataIdxs,
  seriesIdx,
  mode,
  regions,
}: {
  frame: DataFrame;
  dataIdxs: Array<number | null>;
  seriesIdx: number | null;
  mode: TooltipDisplayMode;
  regions: Region[];
}) {
  const styles = useStyles2(getStyles);
  const xIdx = dataIdxs.find((i) => i !== null) ?? null;
  if (xIdx === null) {
    return null;
  }
  const timeField = frame.fields[0];
  const x = timeField.values[xIdx] as number;
  const rows = frame.fields.slice(1).flatMap((field, k) => {
    const i = k + 1;
    if (mode === TooltipDisplayMode.Single && seriesIdx !== null && i !== seriesIdx) {
      return [];
    }
    const di = dataIdxs[i];
    const v = di === null || di === undefined ? null : (field.values[di] as number | null);
    return [
      {
        label: field.config.displayName ?? field.name,
        color: field.display && v !== null ? field.display(v).color : undefined,
        value: v === null ? 'No data' : field.display ? formattedValueToString(field.display(v)) : String(v),
        isActive: i === seriesIdx,
      },
    ];
  });
  const excluded = regions.filter((r) => x >= r.from && x <= r.to);
  return (
    <div className={styles.tooltip}>
      <SeriesTable
        timestamp={timeField.display ? formattedValueToString(timeField.display(x)) : String(x)}
        series={rows}
      />
      {excluded.map((r, i) => (
        <div key={i} className={styles.excluded}>
          Excluded: {r.label}
        </div>
      ))}
    </div>
  );
}

export function BudgetChart({ model, width, height, timeRange, timeZone, legend, tooltipMode }: BudgetChartProps) {
  const theme = useTheme2();
  const frames = useMemo(() => [plotFrame(model, theme, timeZone)], [model, theme, timeZone]);
  if (model.time.length === 0 || width <= 0 || height <= 0) {
    return null;
  }
  return (
    <TimeSeries
      frames={frames}
      width={width}
      height={height}
      timeRange={timeRange}
      timeZone={timeZone}
      legend={legend}
      options={{ tooltipMode }}
    >
      {(config, alignedFrame) => (
        <>
          <ExclusionShading config={config} regions={model.regions} theme={theme} />
          {tooltipMode !== TooltipDisplayMode.None && (
            <TooltipPlugin2
              config={config}
              hoverMode={tooltipMode === TooltipDisplayMode.Single ? HOVER_ONE : HOVER_ALL}
              render={(u, dataIdxs, seriesIdx) => (
                <Tooltip
                  frame={alignedFrame}
                  dataIdxs={dataIdxs}
                  seriesIdx={seriesIdx}
                  mode={tooltipMode}
                  regions={model.regions}
                />
              )}
            />
          )}
        </>
      )}
    </TimeSeries>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
    padding: theme.spacing(1),
  }),
  excluded: css({
    marginTop: theme.spacing(0.5),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
