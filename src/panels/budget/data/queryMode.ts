// Query mode (docs/semantics.md sections 2-4): the dashboard's own queries return per-step increases of bad (or good) and total
// events; their frames become buckets on the grid of their time field, then the engine's budget series and figures.
import type { DataFrame } from '@grafana/data';

import {
  budgetSeries,
  burndownSeries,
  forecastHistoryGrid,
  hourlyHistory,
  periodBoundaries,
  windowAt,
  type Buckets,
  type BurndownFigures,
  type BurndownSeries,
} from '../../../engine';
import {
  forecastTimeZone,
  framesToGrid,
  normalizeFrame,
  type FrameJSON,
  type FrameLike,
  type Grid,
} from '../../../query';
import { formatDuration, formatPercent, parsePercentOrFraction } from '../../../slo';
import type { PolicyLevel, WindowSpec } from '../../../slo/types';
import type { BudgetPanelOptions } from '../options';
import { statusFromBuckets } from './figures';
import { PanelConfigError, type Notice, type PanelBudget } from '../../../shared/budget/model';
import { formatInstant, partialFigureNotice } from '../../../shared/budget/notices';
import { resolveDashboardTimeZone, resolveWindow, windowLengthAt } from '../../../shared/budget/window';

/** A Grafana DataFrame, or the query layer's structural frame types. */
type Frame = DataFrame | ((FrameLike | FrameJSON) & { refId?: string });

export interface QueryModeInput {
  frames: readonly Frame[];
  options: BudgetPanelOptions;
  range: { from: number; to: number };
  /** The dashboard's zone as Grafana gives it ('browser', 'utc', or an IANA name). */
  timeZone: string;
  now: number;
  /** refIds of the panel's queries (data.request.targets), to tell "no such query" from "no data". */
  refIds?: readonly string[];
  /** The query interval Grafana used (data.request.intervalMs), when the frames hold too few points to show the step. */
  intervalMs?: number;
}

/** "50%, 25%, 0%" -> policy levels, least severe first. */
export function parsePolicy(text: string): PolicyLevel[] {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const levels = parts.map((p) => {
    const below = parsePercentOrFraction(p);
    if (below === undefined || below > 1 || below < -10) {
      throw new PanelConfigError('options', `Policy thresholds: ${JSON.stringify(p)} is not a percentage such as 25%`);
    }
    return below;
  });
  return [...new Set(levels)]
    .sort((a, b) => b - a)
    .map((below) => ({ name: `below ${formatPercent(below)}`, below, actions: [] }));
}

export function parseObjective(text: string): number {
  const target = parsePercentOrFraction(text);
  if (target === undefined || !(target > 0 && target < 1)) {
    throw new PanelConfigError(
      'options',
      `Objective: ${JSON.stringify(text)} is not a target between 0% and 100%, such as 99.9%`
    );
  }
  return target;
}

function timesOf(frame: Frame): number[] {
  const time = normalizeFrame(frame).fields.find((x) => x.type === 'time');
  if (!time) {
    return [];
  }
  const v = time.values as ArrayLike<number | null | undefined> | { toArray(): Array<number | null | undefined> };
  const arr =
    'toArray' in v && typeof v.toArray === 'function' ? v.toArray() : (v as ArrayLike<number | null | undefined>);
  const out: number[] = [];
  for (let i = 0; i < arr.length; i++) {
    const t = arr[i];
    if (typeof t === 'number' && Number.isFinite(t)) {
      out.push(t);
    }
  }
  return out;
}

/**
 * The bucket grid of the frames: step = the smallest gap between consecutive points of any series (Prometheus range
 * queries put points every step), from the first to the last point.
 */
export function inferGrid(frames: readonly Frame[], fallbackStep?: number): Grid | undefined {
  let step = Infinity;
  let first = Infinity;
  let last = -Infinity;
  for (const frame of frames) {
    const times = timesOf(frame);
    for (let i = 0; i < times.length; i++) {
      first = Math.min(first, times[i]);
      last = Math.max(last, times[i]);
      if (i > 0 && times[i] > times[i - 1]) {
        step = Math.min(step, times[i] - times[i - 1]);
      }
    }
  }
  if (!Number.isFinite(first)) {
    return undefined;
  }
  if (!Number.isFinite(step)) {
    if (!fallbackStep || !(fallbackStep > 0)) {
      return undefined;
    }
    step = fallbackStep;
  }
  return { firstEnd: first, step, count: Math.round((last - first) / step) + 1 };
}

/** bad = events (or total - good); a missing events series where total has a sample counts 0. */
export function combineEvents(
  total: Float64Array,
  events: Float64Array | undefined,
  kind: 'bad' | 'good'
): Float64Array {
  const bad = new Float64Array(total.length);
  for (let i = 0; i < total.length; i++) {
    const t = total[i];
    const e = events ? events[i] : NaN;
    const v = e === e ? e : 0;
    bad[i] = t !== t ? NaN : kind === 'good' ? Math.min(t, Math.max(0, t - v)) : v;
  }
  return bad;
}

function stepNotices(b: Buckets, window: WindowSpec, zone: string): Notice[] {
  const dataStart = b.firstEnd - b.step;
  const lastEnd = b.firstEnd + (b.total.length - 1) * b.step;
  if (window.kind !== 'calendar') {
    return [];
  }
  const misaligned = periodBoundaries(dataStart, lastEnd, window).find(
    (edge) => (((edge - b.firstEnd) % b.step) + b.step) % b.step !== 0
  );
  if (misaligned === undefined) {
    return [];
  }
  return [
    {
      kind: 'step',
      severity: 'warning',
      text: `The query step (${formatDuration(b.step)}) does not divide the period boundary at ${formatInstant(
        misaligned,
        zone
      )} in ${
        window.timeZone
      }: a bucket that straddles a boundary counts in the period where it ends. Set the query's min interval to a step that does (1h, or 15m for half-hour zones).`,
    },
  ];
}

/**
 * The figure at t is partial when its window (the current period, the last W, the fixed window) starts before the
 * queries do, or before the data they return; an earlier period only partly in the chart does not make it so.
 */
function figureNotice(b: Buckets, window: WindowSpec, t: number, zone: string): Notice | undefined {
  const dataStart = b.firstEnd - b.step;
  const needFrom = windowAt(t, window).start;
  if (needFrom < dataStart && t > dataStart) {
    const what =
      window.kind === 'calendar'
        ? `the ${window.unit} started`
        : window.kind === 'rolling'
        ? `the ${formatDuration(window.durationMs)} window starts`
        : 'the window starts';
    return {
      kind: 'partial',
      severity: 'info',
      appliesTo: 'figure',
      text: `Partial: ${what} ${formatInstant(needFrom, zone)}, the queries ${formatInstant(
        dataStart,
        zone
      )}; the figure counts from there only.`,
    };
  }
  return partialFigureNotice(b, needFrom, t, zone);
}

/**
 * The burn-down curve of the panel's own buckets (docs/semantics.md section 4). Query mode has no hourly range query: the
 * forecast's history is the buckets themselves summed into hours, so early in the range the forecast falls back to a
 * partial profile or the elapsed rate.
 */
function queryBurndown(b: Buckets, window: WindowSpec, target: number, t: number): BurndownSeries | undefined {
  if (window.kind === 'rolling') {
    return undefined;
  }
  const zone = forecastTimeZone(window);
  const hourEnd = forecastHistoryGrid(t, zone, 1).firstEnd;
  return burndownSeries(b, window, target, hourlyHistory(b, hourEnd), { timeZone: zone });
}

/** The burn-down figures at the last point at or before t. */
function burndownAt(s: BurndownSeries, t: number): BurndownFigures | undefined {
  for (let i = s.time.length - 1; i >= 0; i--) {
    if (s.time[i] <= t) {
      const r = s.remaining[i];
      return r === r
        ? { remaining: r, usedBad: s.usedBad[i], allowedBad: s.allowedBad[i], forecastTotal: s.forecastTotal[i] }
        : { remaining: null, usedBad: null, allowedBad: null, forecastTotal: null };
    }
  }
  return undefined;
}

export function queryModeBudget(input: QueryModeInput): PanelBudget {
  const { options: o, range } = input;
  const target = parseObjective(o.objective);
  const policy = parsePolicy(o.policy);
  if (o.eventsRefId === o.totalRefId) {
    throw new PanelConfigError(
      'options',
      `Events query and Total query are both ${JSON.stringify(o.totalRefId)}: pick two different queries`
    );
  }
  const zone = resolveDashboardTimeZone(input.timeZone);
  const window = resolveWindow(o.queryWindow, o, range, undefined, zone);
  const t = Math.min(input.now, range.to);
  const base = {
    title: 'Queries',
    target,
    window,
    policy,
    exclusions: [],
    range,
    t,
    windowMs: windowLengthAt(window, t),
    notices: [] as Notice[],
    figure: 'ifEndedNow' as const,
    unit: 'events' as const,
  };
  const known = new Set([
    ...(input.refIds ?? []),
    ...input.frames.map((f) => f.refId).filter((r): r is string => Boolean(r)),
  ]);
  for (const [label, id] of [
    ['Total query', o.totalRefId],
    ['Events query', o.eventsRefId],
  ] as const) {
    if (known.size > 0 && !known.has(id)) {
      throw new PanelConfigError(
        'options',
        `${label}: the panel has no query ${JSON.stringify(id)} (queries: ${[...known]
          .sort()
          .join(', ')}). Choose the refId of the query that counts ${
          label === 'Total query' ? 'all' : o.eventsKind
        } events.`
      );
    }
  }
  const totalFrames = input.frames.filter((f) => f.refId === o.totalRefId);
  const eventFrames = input.frames.filter((f) => f.refId === o.eventsRefId);
  const grid = inferGrid([...totalFrames, ...eventFrames], input.intervalMs);
  if (!grid) {
    return { ...base, groups: [] };
  }
  const total = framesToGrid(totalFrames, grid).get('');
  if (!total) {
    return { ...base, groups: [], step: grid.step };
  }
  const events = framesToGrid(eventFrames, grid).get('');
  const buckets: Buckets = {
    firstEnd: grid.firstEnd,
    step: grid.step,
    bad: combineEvents(total, events, o.eventsKind),
    total,
  };
  const series = budgetSeries(buckets, window, target);
  const burndown = o.figure === 'burndown' ? queryBurndown(buckets, window, target, t) : undefined;
  const at = burndown && burndownAt(burndown, t);
  const status = statusFromBuckets({ id: 'queries', buckets, window, target, policy, t, burndown: at || undefined });
  const notices = stepNotices(buckets, window, zone);
  const partial = figureNotice(buckets, window, t, zone);
  if (partial) {
    notices.push(partial);
  }
  return {
    ...base,
    notices,
    step: grid.step,
    figure: at ? 'burndown' : 'ifEndedNow',
    groups: [{ key: '', labels: {}, buckets, series, burndown: at ? burndown : undefined, status }],
  };
}
