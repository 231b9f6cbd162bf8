// A PlotModel as the DataFrame Grafana's TimeSeries draws: a time field and number fields whose config carries unit,
// decimals, colour, thresholds (policy bands or alert lines) and the graph style; display processors use the theme and
// the dashboard's time zone, as the panels Grafana applies field overrides for.
import {
  FieldColorModeId,
  FieldType,
  getDisplayProcessor,
  ThresholdsMode,
  type DataFrame,
  type Field,
  type FieldConfig,
  type GrafanaTheme2,
} from '@grafana/data';
import {
  GraphDrawStyle,
  GraphThresholdsStyleMode,
  LineInterpolation,
  VisibilityMode,
  type GraphFieldConfig,
  type TimeZone,
} from '@grafana/schema';

import type { PlotModel } from './plotModel';

const PALETTE = ['green', 'yellow', 'blue', 'orange', 'red', 'purple'];

export function plotFrame(model: PlotModel, theme: GrafanaTheme2, timeZone: TimeZone): DataFrame {
  const time: Field = { name: 'Time', type: FieldType.time, values: model.time, config: {} };
  time.display = getDisplayProcessor({ field: time, theme, timeZone });
  const fields: Field[] = model.fields.map((f, k) => {
    const custom: GraphFieldConfig = {
      drawStyle: GraphDrawStyle.Line,
      lineInterpolation: LineInterpolation.Linear,
      lineWidth: f.dashed ? 1 : 2,
      fillOpacity: f.fillOpacity ?? 0,
      showPoints: VisibilityMode.Never,
      spanNulls: false,
      axisSoftMin: f.softMin,
      axisSoftMax: f.softMax,
      ...(f.dashed ? { lineStyle: { fill: 'dash', dash: [10, 10] } } : {}),
      ...(f.thresholdsStyle
        ? {
            thresholdsStyle: {
              mode:
                f.thresholdsStyle === 'dashed' ? GraphThresholdsStyleMode.Dashed : GraphThresholdsStyleMode.LineAndArea,
            },
          }
        : {}),
    };
    const config: FieldConfig<GraphFieldConfig> = {
      displayName: f.name,
      unit: f.unit,
      decimals: f.decimals,
      color: { mode: FieldColorModeId.Fixed, fixedColor: f.color || PALETTE[k % PALETTE.length] },
      custom,
      ...(f.thresholds
        ? {
            thresholds: {
              mode: ThresholdsMode.Absolute,
              steps: f.thresholds.map((s) => ({ value: s.value, color: s.color })),
            },
          }
        : {}),
    };
    const field: Field = { name: f.name, type: FieldType.number, values: f.values, config };
    field.display = getDisplayProcessor({ field, theme, timeZone });
    return field;
  });
  return { name: 'burndown', fields: [time, ...fields], length: model.time.length };
}
