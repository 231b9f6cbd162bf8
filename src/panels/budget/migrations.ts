// Saved options survive later changes: each version step upgrades the shape, then every value is checked against the
// current one (an unknown value falls back to its default rather than breaking the panel).
import type { PanelMigrationHandler, PanelModel } from '@grafana/data';
import { LegendDisplayMode, TooltipDisplayMode } from '@grafana/schema';

import { defaultOptions, OPTIONS_VERSION, type BudgetPanelOptions } from './options';

type RawOptions = Record<string, unknown>;

/**
 * steps[v] turns options of version v into version v + 1. Append a step whenever OPTIONS_VERSION grows; never edit one
 * that shipped.
 */
const steps: Array<(o: RawOptions) => RawOptions> = [
  // 0 -> 1: the placeholder panel had no options (it showed the last number of its first query); start from the
  // defaults. Its single-number query is not an events query, so the panel moves to SLO mode.
  (o) => ({ ...o }),
  // 1 -> 2: calendar and fixed windows gain the burn-down (docs/semantics.md section 4) as their figure. Saved panels take
  // it too: their old figure ("if the period ended now") is what made a quarter look half spent on its first day, and it
  // stays one option away. Options that already name a figure (written by hand without a version) keep it.
  (o) => ({ figure: 'burndown', ...o }),
];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

function versionOf(o: RawOptions): number {
  const v = o.optionsVersion;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** Check every value against the current shape; keep what fits, default the rest. */
function normalize(o: RawOptions): BudgetPanelOptions {
  const d = defaultOptions;
  const legend = (typeof o.legend === 'object' && o.legend !== null ? o.legend : {}) as RawOptions;
  const tooltip = (typeof o.tooltip === 'object' && o.tooltip !== null ? o.tooltip : {}) as RawOptions;
  const decimals =
    typeof o.decimals === 'number' && Number.isInteger(o.decimals) && o.decimals >= 0 && o.decimals <= 10
      ? o.decimals
      : undefined;
  return {
    optionsVersion: OPTIONS_VERSION,
    mode: oneOf(o.mode, ['slo', 'query'], d.mode),
    view: oneOf(o.view, ['timeseries', 'stat', 'cumulative', 'burnRate'], d.view),
    figure: oneOf(o.figure, ['burndown', 'ifEndedNow'], d.figure),
    sloId: text(o.sloId, d.sloId),
    sloWindow: oneOf(o.sloWindow, ['slo', 'calendar', 'rolling', 'dashboard'], d.sloWindow),
    eventsRefId: text(o.eventsRefId, d.eventsRefId),
    eventsKind: oneOf(o.eventsKind, ['bad', 'good'], d.eventsKind),
    totalRefId: text(o.totalRefId, d.totalRefId),
    objective: text(o.objective, d.objective),
    queryWindow: oneOf(o.queryWindow, ['calendar', 'rolling', 'dashboard'], d.queryWindow),
    policy: text(o.policy, d.policy),
    calendarUnit: oneOf(o.calendarUnit, ['day', 'week', 'month', 'quarter', 'year'], d.calendarUnit),
    timeZone: text(o.timeZone, d.timeZone),
    rollingWindow: text(o.rollingWindow, d.rollingWindow),
    decimals,
    statGraph: oneOf(o.statGraph, ['sparkline', 'gauge', 'none'], d.statGraph),
    legend: {
      showLegend: typeof legend.showLegend === 'boolean' ? legend.showLegend : d.legend.showLegend,
      displayMode: oneOf(
        legend.displayMode,
        [LegendDisplayMode.List, LegendDisplayMode.Table, LegendDisplayMode.Hidden],
        d.legend.displayMode
      ),
      placement: oneOf(legend.placement, ['bottom', 'right'], d.legend.placement),
      calcs: Array.isArray(legend.calcs) ? legend.calcs.filter((c): c is string => typeof c === 'string') : [],
      ...(typeof legend.width === 'number' ? { width: legend.width } : {}),
    },
    tooltip: {
      mode: oneOf(
        tooltip.mode,
        [TooltipDisplayMode.Multi, TooltipDisplayMode.Single, TooltipDisplayMode.None],
        d.tooltip.mode
      ),
    },
  };
}

/**
 * Options of any saved version (or none) in the current shape. Options saved by a newer version than this one are
 * read as far as they fit; nothing is thrown.
 */
export function migrateOptions(saved: unknown): BudgetPanelOptions {
  let o: RawOptions =
    typeof saved === 'object' && saved !== null && !Array.isArray(saved) ? { ...(saved as RawOptions) } : {};
  for (let v = versionOf(o); v < OPTIONS_VERSION; v++) {
    o = steps[v](o);
  }
  return normalize(o);
}

/** Run the migration whenever the saved shape is not the current one, whatever the plugin version says. */
export function shouldMigrate(panel: PanelModel): boolean {
  const o = panel.options as RawOptions | undefined;
  return !o || o.optionsVersion !== OPTIONS_VERSION;
}

export const migrationHandler: PanelMigrationHandler<BudgetPanelOptions> = (panel) => migrateOptions(panel.options);

export const MIGRATION_STEPS = steps.length;
