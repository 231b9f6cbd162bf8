// One chart of the detail page: a PlotModel (domain/charts.ts, the panel's view model) drawn with Grafana's TimeSeries
// as the panel draws it (plotFrame), as wide as its container, with exclusions shaded behind the series and an
// optional log-scale y axis (a 300x spike must not flatten the alert tiers).
import { css } from '@emotion/css';
import React, { useLayoutEffect, useMemo, useRef, useState } from 'react';

import { colorManipulator, dateTime, type GrafanaTheme2, type TimeRange } from '@grafana/data';
import {
  ScaleDistribution,
  type GraphFieldConfig,
  type TimeZone,
  type VizLegendOptions,
  LegendDisplayMode,
} from '@grafana/schema';
import { TimeSeries, useStyles2, useTheme2, type UPlotConfigBuilder } from '@grafana/ui';

import type { PlotModel, Region } from '../../../shared/charts/plotModel';
import { plotFrame } from '../../../shared/charts/plotFrame';
import { pageTestIds } from '../../../shared/testIds';

const LEGEND: VizLegendOptions = {
  showLegend: true,
  displayMode: LegendDisplayMode.List,
  placement: 'bottom',
  calcs: [],
};

export interface DetailChartProps {
  title: string;
  /** A test id of pageTestIds.detail.chart (one per chart). */
  kind: string;
  model: PlotModel;
  range: { from: number; to: number };
  timeZone: TimeZone;
  height?: number;
  logScale?: boolean;
}

function useWidth(): [React.RefObject<HTMLDivElement>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) {
      return;
    }
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

function Shading({ config, regions, theme }: { config: UPlotConfigBuilder; regions: Region[]; theme: GrafanaTheme2 }) {
  const current = useRef(regions);
  current.current = regions;
  useLayoutEffect(() => {
    const fill = colorManipulator.alpha(theme.colors.text.primary, theme.isDark ? 0.12 : 0.1);
    config.addHook('drawClear', (u) => {
      const { top, height, left, width } = u.bbox;
      u.ctx.save();
      u.ctx.fillStyle = fill;
      for (const r of current.current) {
        const x0 = Math.max(left, u.valToPos(r.from, 'x', true));
        const x1 = Math.min(left + width, u.valToPos(r.to, 'x', true));
        if (x1 > x0) {
          u.ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
        }
      }
      u.ctx.restore();
    });
  }, [config, theme]);
  return null;
}

export function DetailChart({ title, kind, model, range, timeZone, height = 240, logScale }: DetailChartProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const [ref, width] = useWidth();
  const frames = useMemo(() => {
    const frame = plotFrame(model, theme, timeZone);
    if (logScale) {
      for (const f of frame.fields.slice(1)) {
        const custom = (f.config.custom ?? {}) as GraphFieldConfig;
        // Zero burn rates have no place on a log axis; the soft minimum keeps 0.1x..max in view.
        f.config.custom = { ...custom, scaleDistribution: { type: ScaleDistribution.Log, log: 10 }, axisSoftMin: 0.1 };
      }
    }
    return [frame];
  }, [model, theme, timeZone, logScale]);
  const timeRange: TimeRange = useMemo(() => {
    const from = dateTime(range.from);
    const to = dateTime(range.to);
    return { from, to, raw: { from, to } };
  }, [range.from, range.to]);
  return (
    <section
      className={styles.box}
      data-testid={pageTestIds.detail.chart}
      data-kind={kind}
      data-points={model.time.length}
    >
      <h4 className={styles.title}>{title}</h4>
      <div ref={ref} className={styles.plot}>
        {model.time.length === 0 ? (
          <p className={styles.empty}>No data in this period.</p>
        ) : (
          width > 0 && (
            <TimeSeries
              frames={frames}
              width={width}
              height={height}
              timeRange={timeRange}
              timeZone={timeZone}
              legend={LEGEND}
            >
              {(config) => <Shading config={config} regions={model.regions} theme={theme} />}
            </TimeSeries>
          )
        )}
      </div>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1, 2),
  }),
  title: css({ fontSize: theme.typography.h5.fontSize, margin: theme.spacing(0, 0, 1) }),
  plot: css({ width: '100%' }),
  empty: css({ color: theme.colors.text.secondary }),
});
