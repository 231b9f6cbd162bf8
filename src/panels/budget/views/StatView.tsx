// Stat view: the budget figure as a big value (sparkline behind it, or a gauge), coloured by policy level (never by a
// healthy colour when stale or without data): the burn-down for calendar and fixed windows, with its sentence and "if
// the period ended now" as a secondary line; then the SLI, burn rate, time to exhaustion, budget as time and active
// policy level as smaller values, as Grafana's stat panel lays out several values.
import { css } from '@emotion/css';
import React, { useLayoutEffect, useMemo, useRef, useState } from 'react';

import {
  dateTimeFormat,
  FieldColorModeId,
  FieldType,
  getDisplayProcessor,
  ThresholdsMode,
  VizOrientation,
  type DisplayValue,
  type Field,
  type FieldConfig,
  type FieldSparkline,
  type GrafanaTheme2,
  type TimeRange,
} from '@grafana/data';
import { BarGaugeDisplayMode } from '@grafana/schema';
import {
  BarGauge,
  BigValue,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  useStyles2,
  useTheme2,
} from '@grafana/ui';

import { testIds } from '../../../shared/testIds';
import { formatSpan, policySteps, sliDecimals, statModel, windowLabel, type StatModel } from '../viewModel';
import type { ViewProps } from './ChartLayout';
import { formatBurnRate, formatPercent, ifEndedNowText, policyActionsText } from '../../../shared/format';
import { remainingColor } from '../../../shared/policyColors';
import { DiagnosticLines, FigureNoticeIcons } from './FigureNotes';
import { HiddenSeriesTable } from './HiddenSeriesTable';
import { NoData, Notices } from './PanelStates';

/** The colour of a figure that must not look healthy: warning for stale data, secondary text without data. */
function unhealthyColor(stat: StatModel, theme: GrafanaTheme2): string | undefined {
  return stat.unhealthy === 'stale'
    ? theme.colors.warning.text
    : stat.unhealthy === 'no-data'
    ? theme.colors.text.secondary
    : undefined;
}

function remainingConfig(props: ViewProps, fixedColor?: string): FieldConfig {
  if (fixedColor) {
    // One colour whatever the value: the gauge and sparkline of stale data are not green either.
    return {
      unit: 'percentunit',
      decimals: props.options.decimals ?? 1,
      min: 0,
      max: 1,
      color: { mode: FieldColorModeId.Fixed, fixedColor },
      thresholds: { mode: ThresholdsMode.Absolute, steps: [{ value: -Infinity, color: fixedColor }] },
    };
  }
  return {
    unit: 'percentunit',
    decimals: props.options.decimals ?? 1,
    min: 0,
    max: 1,
    color: { mode: FieldColorModeId.Thresholds },
    thresholds: {
      mode: ThresholdsMode.Absolute,
      steps: policySteps(props.budget.policy).map((s) => ({ value: s.value, color: s.color })),
    },
  };
}

/** The remaining-budget points as BigValue's sparkline, its y range spanning overspend below 0. */
function sparklineOf(
  points: NonNullable<StatModel['sparkline']>,
  config: FieldConfig,
  timeRange: TimeRange
): FieldSparkline {
  const finite = points.values.filter((v): v is number => v !== null);
  const min = Math.min(0, ...finite);
  const max = Math.max(1, ...finite);
  return {
    x: { name: 'Time', type: FieldType.time, values: points.time, config: {} },
    y: {
      name: 'Remaining budget',
      type: FieldType.number,
      values: points.values,
      config,
      state: { range: { min, max, delta: max - min } },
    },
    timeRange,
  };
}

function remainingDisplay(stat: StatModel, config: FieldConfig, theme: GrafanaTheme2): DisplayValue {
  if (stat.remaining === null) {
    return { text: 'No data', numeric: NaN, color: theme.colors.text.secondary, title: stat.title };
  }
  const field: Field = { name: stat.title, type: FieldType.number, values: [stat.remaining], config };
  return { ...getDisplayProcessor({ field, theme })(stat.remaining), title: stat.title };
}

interface Tile {
  id: string;
  value: string;
  title: string;
  dataValue: string;
  hint?: string;
  color?: string;
}

function tiles(stat: StatModel, props: ViewProps, theme: GrafanaTheme2): Tile[] {
  const { budget, options, timeZone } = props;
  const at = stat.exhaustion.at;
  return [
    {
      id: testIds.sli,
      title: 'SLI',
      value: stat.sli === null ? '–' : formatPercent(stat.sli, options.decimals ?? sliDecimals(budget.target)),
      dataValue: stat.sli === null ? '' : String(stat.sli),
      hint: `objective ${formatPercent(budget.target, sliDecimals(budget.target) - 1)}`,
    },
    {
      id: testIds.burnRate,
      title: `Burn rate (${stat.burnRateLabel})`,
      value: formatBurnRate(stat.burnRate, options.decimals),
      dataValue: stat.burnRate === null ? '' : String(stat.burnRate),
      color: stat.burnRate !== null && stat.burnRate > 1 ? theme.visualization.getColorByName('orange') : undefined,
    },
    {
      id: testIds.exhaustion,
      title: 'Budget exhausted',
      value: stat.exhaustion.text,
      dataValue: stat.exhaustion.text,
      hint: at !== undefined ? dateTimeFormat(at, { timeZone }) : undefined,
      color:
        stat.exhaustion.text === 'Exhausted'
          ? theme.visualization.getColorByName('red')
          : stat.unhealthy === 'stale'
          ? theme.colors.warning.text
          : undefined,
    },
    {
      id: testIds.budgetAsTime,
      title: `Budget per ${windowLabel(budget.window, budget.windowMs)}`,
      value: `${formatSpan(stat.budgetAsTime.ms)} of full outage`,
      dataValue: String(stat.budgetAsTime.ms),
      hint: `${stat.budgetAsTime.text}; ${stat.budgetAsTime.left}`,
    },
    {
      id: testIds.policy,
      title: 'Policy',
      value: stat.policyText,
      dataValue: stat.policy?.name ?? '',
      hint: policyActionsText(stat.policyState) || undefined,
      color:
        unhealthyColor(stat, theme) ?? (stat.policy ? remainingColor(stat.remaining, budget.policy, theme) : undefined),
    },
  ];
}

export function StatView(props: ViewProps) {
  const { budget, options, width, height, timeRange } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const stat = useMemo(() => statModel(budget), [budget]);
  // Notices wrap on narrow panels: the values get the height they leave.
  const header = useRef<HTMLDivElement>(null);
  const [headerHeight, setHeaderHeight] = useState(0);
  useLayoutEffect(() => {
    const measured = header.current?.offsetHeight ?? 0;
    if (measured !== headerHeight) {
      setHeaderHeight(measured);
    }
  }, [headerHeight, width, budget]);
  if (!stat) {
    return <NoData />;
  }
  const config = remainingConfig(props, unhealthyColor(stat, theme));
  const value = remainingDisplay(stat, config, theme);
  const h = Math.max(0, height - headerHeight);
  const wide = width >= 1.5 * h;
  const compact = h < 110 || width < 180;
  const mainW = compact ? width : wide ? Math.floor(width * 0.42) : width;
  const mainH = compact ? h : wide ? h : Math.floor(h * 0.5);
  const restW = compact ? 0 : wide ? width - mainW : width;
  const restH = compact ? 0 : wide ? h : h - mainH;
  const list = tiles(stat, props, theme);
  const cols = wide ? (restW > 480 ? 3 : 2) : Math.max(1, Math.min(list.length, Math.floor(restW / 130)));
  const rows = Math.ceil(list.length / cols);
  const tileW = Math.floor(restW / cols) - 4;
  const tileH = Math.floor(restH / rows) - 4;
  const sparkline =
    options.statGraph === 'sparkline' && stat.sparkline ? sparklineOf(stat.sparkline, config, timeRange) : undefined;
  return (
    <div className={styles.wrap}>
      <div ref={header}>
        <DiagnosticLines diagnostics={stat.diagnostics} />
        <Notices notices={budget.notices} />
        {(stat.sentence !== undefined || budget.notices.some((n) => n.appliesTo === 'figure')) && (
          <div className={styles.line}>
            <FigureNoticeIcons notices={budget.notices} />
            {stat.sentence !== undefined && (
              <span
                className={styles.ellipsis}
                data-testid={testIds.figureSentence}
                data-value={stat.remaining === null ? '' : String(stat.remaining)}
                title={stat.sentence}
              >
                {stat.sentence}
              </span>
            )}
          </div>
        )}
        {stat.ifEndedNow !== undefined && (
          <div
            className={`${styles.line} ${styles.secondary}`}
            data-testid={testIds.ifEndedNow}
            data-value={stat.ifEndedNow === null ? '' : String(stat.ifEndedNow)}
          >
            <span className={styles.ellipsis}>{ifEndedNowText(stat.ifEndedNow, options.decimals ?? 1)}</span>
          </div>
        )}
      </div>
      <div className={styles.body} style={{ flexDirection: wide ? 'row' : 'column' }}>
        {/* The policy colour on the figure as a whole: BigValue colours the number, not the % after it. */}
        <div
          data-testid={testIds.remaining}
          data-value={stat.remaining === null ? '' : String(stat.remaining)}
          title={stat.groupNote || undefined}
          style={{ color: value.color }}
        >
          {options.statGraph === 'gauge' ? (
            <BarGauge
              theme={theme}
              width={mainW}
              height={mainH}
              field={config}
              value={value}
              orientation={wide ? VizOrientation.Vertical : VizOrientation.Horizontal}
              displayMode={BarGaugeDisplayMode.Gradient}
              showUnfilled
              isOverflow={false}
            />
          ) : (
            <BigValue
              theme={theme}
              width={mainW}
              height={mainH}
              value={value}
              sparkline={sparkline}
              colorMode={BigValueColorMode.Value}
              graphMode={sparkline ? BigValueGraphMode.Area : BigValueGraphMode.None}
              textMode={BigValueTextMode.ValueAndName}
            />
          )}
        </div>
        {!compact && (
          <div
            className={styles.grid}
            style={{ gridTemplateColumns: `repeat(${cols}, 1fr)`, width: restW, height: restH }}
          >
            {list.map((tile) => (
              <div key={tile.id} data-testid={tile.id} data-value={tile.dataValue} title={tile.hint}>
                <BigValue
                  theme={theme}
                  width={Math.max(0, tileW)}
                  height={Math.max(0, tileH)}
                  value={{
                    text: tile.value,
                    numeric: NaN,
                    title: tile.title,
                    color: tile.color ?? theme.colors.text.primary,
                  }}
                  colorMode={BigValueColorMode.Value}
                  graphMode={BigValueGraphMode.None}
                  textMode={BigValueTextMode.ValueAndName}
                  count={list.length}
                  // Secondary figures stay smaller than the remaining budget.
                  text={{
                    titleSize: Math.min(14, Math.max(10, tileH / 7)),
                    valueSize: Math.min(28, Math.max(12, tileH / 3)),
                  }}
                />
              </div>
            ))}
          </div>
        )}
        {compact && (
          // Small panels show the remaining budget only; the other figures stay available to tests and screen readers.
          <div className={styles.hidden}>
            {list.map((tile) => (
              <span key={tile.id} data-testid={tile.id} data-value={tile.dataValue}>
                {tile.title}: {tile.value}
              </span>
            ))}
          </div>
        )}
      </div>
      <HiddenSeriesTable caption={`${stat.title} (error budget) of ${budget.title}`} rows={stat.table} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ display: 'flex', flexDirection: 'column', width: '100%', height: '100%', position: 'relative' }),
  body: css({ display: 'flex', flex: '1 1 auto', minHeight: 0 }),
  grid: css({ display: 'grid', gap: 4 }),
  line: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0, 0.5),
    minWidth: 0,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  ellipsis: css({ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }),
  secondary: css({ color: theme.colors.text.secondary }),
  hidden: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
  }),
});
