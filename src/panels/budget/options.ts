// The panel's options: their versioned shape, defaults that work at once, and the editor with a description for each.
import type { PanelOptionsEditorBuilder, SelectableValue } from '@grafana/data';
import { LegendDisplayMode, TooltipDisplayMode, type VizLegendOptions } from '@grafana/schema';

import { loadAppSlos } from '../../datasource/appSettings';
import type { CalendarUnit } from '../../slo/types';

/** Bump when the shape changes, and add a step to migrations.ts. */
export const OPTIONS_VERSION = 2;

export type DataMode = 'slo' | 'query';
export type ViewKind = 'timeseries' | 'stat' | 'cumulative' | 'burnRate';
/** SLO mode: 'slo' keeps the SLO's own window; the others override it. */
export type SloWindowChoice = 'slo' | 'calendar' | 'rolling' | 'dashboard';
/** Query mode: calendar periods inside the range, a rolling window, or the dashboard range as one fixed window. */
export type QueryWindowChoice = 'calendar' | 'rolling' | 'dashboard';
export type EventsKind = 'bad' | 'good';
export type StatGraph = 'sparkline' | 'gauge' | 'none';
/**
 * Which budget figure calendar and fixed windows show (docs/semantics.md section 4): the burn-down (100% at the period
 * start, falling only with bad events) or the budget as if the period ended now. Rolling windows have only the latter.
 */
export type BudgetFigureChoice = 'burndown' | 'ifEndedNow';

export interface BudgetPanelOptions {
  /** Shape version of these options (migrations.ts). */
  optionsVersion: number;
  mode: DataMode;
  view: ViewKind;
  figure: BudgetFigureChoice;

  // SLO mode
  /** Id of an SLO in the app's settings; '' = the first one. */
  sloId: string;
  sloWindow: SloWindowChoice;

  // Query mode
  /** refId of the query that returns bad (or good) events per step. */
  eventsRefId: string;
  eventsKind: EventsKind;
  /** refId of the query that returns all events per step. */
  totalRefId: string;
  /** Objective as typed: "99.9%" or "0.999". */
  objective: string;
  queryWindow: QueryWindowChoice;
  /** Budget policy thresholds on remaining budget, e.g. "50%, 25%, 0%". */
  policy: string;

  // Window settings used by overrides (SLO mode) and query mode
  calendarUnit: CalendarUnit;
  /** IANA zone of calendar periods; '' = the SLO's zone (SLO mode) or the dashboard's (query mode). */
  timeZone: string;
  /** Prometheus duration, e.g. "28d". */
  rollingWindow: string;

  // Display
  /** Decimals of percentages and rates; undefined = automatic. */
  decimals?: number;
  statGraph: StatGraph;
  legend: VizLegendOptions;
  tooltip: { mode: TooltipDisplayMode };
}

export const defaultOptions: BudgetPanelOptions = {
  optionsVersion: OPTIONS_VERSION,
  mode: 'slo',
  view: 'timeseries',
  figure: 'burndown',
  sloId: '',
  sloWindow: 'slo',
  eventsRefId: 'A',
  eventsKind: 'bad',
  totalRefId: 'B',
  objective: '99.9%',
  queryWindow: 'dashboard',
  policy: '50%, 25%, 0%',
  calendarUnit: 'month',
  timeZone: '',
  rollingWindow: '28d',
  decimals: undefined,
  statGraph: 'sparkline',
  legend: { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] },
  tooltip: { mode: TooltipDisplayMode.Multi },
};

export const VIEWS: Array<SelectableValue<ViewKind>> = [
  {
    value: 'timeseries',
    label: 'Remaining budget',
    description: 'Remaining error budget over time, with policy thresholds and exclusions',
  },
  {
    value: 'stat',
    label: 'Stat',
    description: 'Remaining budget, SLI, burn rate, time to exhaustion and the budget as time',
  },
  { value: 'cumulative', label: 'Bad vs allowed', description: 'Cumulative bad events against allowed bad events' },
  { value: 'burnRate', label: 'Burn rates', description: 'Multi-window burn rates with the alerting thresholds' },
];

const CALENDAR_UNITS: Array<SelectableValue<CalendarUnit>> = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'year', label: 'Year' },
];

/** refIds of the panel's queries, for the query-mode selects. */
export function refIdOptions(data: Array<{ refId?: string }> | undefined): Array<SelectableValue<string>> {
  const ids = [...new Set((data ?? []).map((f) => f.refId).filter((r): r is string => Boolean(r)))].sort();
  return ids.map((id) => ({ value: id, label: id }));
}

/** The SLO picker's choices, from the app's settings. */
export async function sloChoices(): Promise<Array<SelectableValue<string>>> {
  const { slos } = await loadAppSlos();
  return [
    { value: '', label: 'First SLO', description: slos[0] ? slos[0].name : 'the app has no SLOs yet' },
    ...slos.map((s) => ({ value: s.id, label: s.name, description: [s.service, s.id].filter(Boolean).join(' · ') })),
  ];
}

const isSlo = (o: BudgetPanelOptions) => o.mode !== 'query';
const isQuery = (o: BudgetPanelOptions) => o.mode === 'query';
const windowKind = (o: BudgetPanelOptions) => (isQuery(o) ? o.queryWindow : o.sloWindow);

export function buildOptions(builder: PanelOptionsEditorBuilder<BudgetPanelOptions>): void {
  const data = ['Data'];
  const win = ['Window'];
  const display = ['Display'];
  builder
    .addRadio({
      path: 'mode',
      name: 'Data',
      category: data,
      description:
        "SLO: a Burndown SLO; the panel queries its data source itself, from the start of the window. Queries: the events come from this panel's queries.",
      defaultValue: defaultOptions.mode,
      settings: {
        options: [
          { value: 'slo', label: 'SLO' },
          { value: 'query', label: 'Queries' },
        ],
      },
    })
    .addSelect({
      path: 'sloId',
      name: 'SLO',
      category: data,
      description: 'An SLO that the Burndown app knows (provisioned or saved in the app).',
      defaultValue: defaultOptions.sloId,
      settings: { options: [], getOptions: sloChoices, allowCustomValue: true },
      showIf: isSlo,
    })
    .addSelect({
      path: 'eventsRefId',
      name: 'Events query',
      category: data,
      description:
        'refId of the query that returns bad (or good) events per step, e.g. sum(increase(http_requests_total{code=~"5.."}[$__interval])). Use [$__interval], not $__rate_interval: each point must count the events of its own step.',
      defaultValue: defaultOptions.eventsRefId,
      settings: { options: [], getOptions: async (ctx) => refIdOptions(ctx.data), allowCustomValue: true },
      showIf: isQuery,
    })
    .addRadio({
      path: 'eventsKind',
      name: 'Events are',
      category: data,
      description: 'Whether the events query counts bad events (errors) or good events (bad = total - good).',
      defaultValue: defaultOptions.eventsKind,
      settings: {
        options: [
          { value: 'bad', label: 'Bad' },
          { value: 'good', label: 'Good' },
        ],
      },
      showIf: isQuery,
    })
    .addSelect({
      path: 'totalRefId',
      name: 'Total query',
      category: data,
      description:
        'refId of the query that returns all events per step, e.g. sum(increase(http_requests_total[$__interval])).',
      defaultValue: defaultOptions.totalRefId,
      settings: { options: [], getOptions: async (ctx) => refIdOptions(ctx.data), allowCustomValue: true },
      showIf: isQuery,
    })
    .addTextInput({
      path: 'objective',
      name: 'Objective',
      category: data,
      description: 'Target share of good events: 99.9% or 0.999. The error budget is 1 - objective.',
      defaultValue: defaultOptions.objective,
      settings: { placeholder: '99.9%' },
      showIf: isQuery,
    })
    .addTextInput({
      path: 'policy',
      name: 'Policy thresholds',
      category: data,
      description: 'Remaining-budget levels drawn as bands and used for colours, e.g. "50%, 25%, 0%".',
      defaultValue: defaultOptions.policy,
      showIf: isQuery,
    })
    .addRadio({
      path: 'sloWindow',
      name: 'Window',
      category: win,
      description:
        "The SLO's own window, or an override: calendar periods, a rolling window, or the dashboard's time range as one fixed window.",
      defaultValue: defaultOptions.sloWindow,
      settings: {
        options: [
          { value: 'slo', label: "SLO's" },
          { value: 'calendar', label: 'Calendar' },
          { value: 'rolling', label: 'Rolling' },
          { value: 'dashboard', label: 'Time range' },
        ],
      },
      showIf: isSlo,
    })
    .addRadio({
      path: 'queryWindow',
      name: 'Window',
      category: win,
      description:
        'Calendar: each period inside the time range starts at 100% (a sawtooth). Rolling: the last W at each point. Time range: the whole dashboard range as one window (an experiment, an incident).',
      defaultValue: defaultOptions.queryWindow,
      settings: {
        options: [
          { value: 'calendar', label: 'Calendar' },
          { value: 'rolling', label: 'Rolling' },
          { value: 'dashboard', label: 'Time range' },
        ],
      },
      showIf: isQuery,
    })
    .addSelect({
      path: 'calendarUnit',
      name: 'Period',
      category: win,
      description: 'Length of a calendar period.',
      defaultValue: defaultOptions.calendarUnit,
      settings: { options: CALENDAR_UNITS },
      showIf: (o) => windowKind(o) === 'calendar',
    })
    .addTextInput({
      path: 'timeZone',
      name: 'Period time zone',
      category: win,
      description:
        "IANA zone in which periods start (e.g. Europe/Berlin). Empty: the SLO's own zone in SLO mode, the dashboard's zone with queries.",
      defaultValue: defaultOptions.timeZone,
      settings: { placeholder: 'Europe/Berlin' },
      showIf: (o) => windowKind(o) === 'calendar',
    })
    .addTextInput({
      path: 'rollingWindow',
      name: 'Rolling window',
      category: win,
      description: 'Length W of the rolling window as a Prometheus duration: 28d, 7d, 1h.',
      defaultValue: defaultOptions.rollingWindow,
      settings: { placeholder: '28d' },
      showIf: (o) => windowKind(o) === 'rolling',
    })
    .addRadio({
      path: 'view',
      name: 'View',
      category: display,
      description: 'What the panel draws.',
      defaultValue: defaultOptions.view,
      settings: { options: VIEWS },
    })
    .addRadio({
      path: 'figure',
      name: 'Budget figure',
      category: display,
      description:
        'Calendar and fixed windows. Burn-down: 100% at the period start, falling only with bad events, against the ideal straight line (the allowance includes a forecast of the rest of the period). If the period ended now: the budget over the elapsed part only; it rises as good traffic accumulates. Rolling windows always show the latter.',
      defaultValue: defaultOptions.figure,
      settings: {
        options: [
          { value: 'burndown', label: 'Burn-down' },
          { value: 'ifEndedNow', label: 'If the period ended now' },
        ],
      },
      showIf: (o) => o.view === 'timeseries' || o.view === 'stat',
    })
    .addRadio({
      path: 'statGraph',
      name: 'Graph',
      category: display,
      description: 'Stat view: a sparkline of the remaining budget behind the value, a gauge, or the value alone.',
      defaultValue: defaultOptions.statGraph,
      settings: {
        options: [
          { value: 'sparkline', label: 'Sparkline' },
          { value: 'gauge', label: 'Gauge' },
          { value: 'none', label: 'None' },
        ],
      },
      showIf: (o) => o.view === 'stat',
    })
    .addNumberInput({
      path: 'decimals',
      name: 'Decimals',
      category: display,
      description: 'Decimals of percentages and burn rates. Empty: automatic.',
      settings: { placeholder: 'auto', min: 0, max: 6, integer: true },
    })
    .addBooleanSwitch({
      path: 'legend.showLegend',
      name: 'Legend',
      category: display,
      description: 'Show the legend under chart views.',
      defaultValue: defaultOptions.legend.showLegend,
      showIf: (o) => o.view !== 'stat',
    })
    .addRadio({
      path: 'legend.placement',
      name: 'Legend placement',
      category: display,
      defaultValue: defaultOptions.legend.placement,
      settings: {
        options: [
          { value: 'bottom', label: 'Bottom' },
          { value: 'right', label: 'Right' },
        ],
      },
      showIf: (o) => o.view !== 'stat' && o.legend?.showLegend !== false,
    })
    .addRadio({
      path: 'tooltip.mode',
      name: 'Tooltip',
      category: display,
      description: 'Chart views: all series at the hovered time, the nearest one, or no tooltip.',
      defaultValue: defaultOptions.tooltip.mode,
      settings: {
        options: [
          { value: TooltipDisplayMode.Multi, label: 'All' },
          { value: TooltipDisplayMode.Single, label: 'Single' },
          { value: TooltipDisplayMode.None, label: 'Hidden' },
        ],
      },
      showIf: (o) => o.view !== 'stat',
    });
  // Keeps the version in saved options without an editor for it.
  builder.addCustomEditor({
    id: 'optionsVersion',
    path: 'optionsVersion',
    name: 'Options version',
    defaultValue: OPTIONS_VERSION,
    editor: () => null,
    showIf: () => false,
  });
}
