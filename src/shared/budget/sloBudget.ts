// The SLO budget loader shared by the panel's SLO mode and the app's pages (docs/semantics.md sections 3, 7, 8): it
// queries the SLO's Prometheus datasource itself, for exactly the range its window needs (from the period start, or
// from - W), so a calendar period starts at 100% whatever the displayed range; figures come from the engine's status
// over exact batched counts (evaluateSlo), charts from reconciled per-step buckets (loadBudgetChart).
import { loadAppSlos, type AppSlos } from '../../datasource/appSettings';
import { GrafanaPromClient } from '../../datasource/GrafanaPromClient';
import { burndownSeries, occurrencesStatus, SRE_WORKBOOK_TIERS, timesliceAllowedBad, windowAt } from '../../engine';
import {
  defaultDatasourceNotice,
  resolveSloDatasource,
  type ResolvedDatasource,
} from '../../infrastructure/datasources/resolveSloDatasource';
import {
  ChunkCache,
  PAGE_CACHE,
  counterExprs,
  evaluateSlo,
  fetchTrafficHistory,
  forecastTimeZone,
  groupKey,
  hasBurndown,
  loadBudgetChart,
  type ChartData,
  type PromClient,
  type SloStatus,
} from '../../query';
import { formatSloError, type SloSpec } from '../../slo';
import { PanelConfigError, type BudgetFigure, type BudgetGroup, type Notice, type PanelBudget } from './model';
import { partialFigureNotice } from './notices';
import {
  resolveDashboardTimeZone,
  resolveWindow,
  windowLengthAt,
  type WindowChoice,
  type WindowOverrides,
} from './window';

export interface SloModeDeps {
  loadSlos: () => Promise<AppSlos>;
  clientFor: (datasourceUid: string, datasourceType?: string) => PromClient;
  now: () => number;
  cache?: ChunkCache;
  /** The SLO's data source; Grafana's default Prometheus one when it names none. */
  resolveDatasource?: (spec: SloSpec) => ResolvedDatasource;
}

/** Settled counts and chunks, shared by every panel on the page, the overview and the detail page (query/cache.ts). */
const pageCache = PAGE_CACHE;

export const defaultSloModeDeps: SloModeDeps = {
  loadSlos: loadAppSlos,
  clientFor: (uid, type) => new GrafanaPromClient(uid, type),
  now: () => Date.now(),
  cache: pageCache,
  resolveDatasource: resolveSloDatasource,
};

export interface SloModeRequest {
  /** Which SLO ('' = the first) and which window (the SLO's, or an override). */
  options: WindowOverrides & { sloId: string; sloWindow: WindowChoice };
  range: { from: number; to: number };
  /** The dashboard's zone as Grafana gives it. */
  timeZone: string;
  /** The burn-rate view needs chart data from the longest lookback before the range. */
  view: string;
  /** The figure asked for (default 'burndown'): the burn-down curve costs one more range query (hourly totals). */
  figure?: BudgetFigure;
}

/** Views that draw the budget figure over time (and so need the burn-down curve). */
const FIGURE_VIEWS = new Set(['timeseries', 'stat']);

/** Budget charts exist for occurrence-based ratio and latency SLOs (src/query/chart.ts). */
export function chartable(spec: SloSpec): boolean {
  return (
    (spec.indicator.kind === 'ratio' || spec.indicator.kind === 'latency') && spec.budgetingMethod === 'occurrences'
  );
}

/** The longest burn-rate lookback the burn-rate view draws: its series need data from that far before the range. */
export const BURN_RATE_LOOKBACK_MS = Math.max(...SRE_WORKBOOK_TIERS.map((t) => t.longMs));

/** The SLO the options name ('' = the first), or a PanelConfigError that says why there is none. */
export function pickSlo(app: AppSlos, sloId: string): SloSpec {
  const invalid = app.errors.length
    ? ` ${app.errors.length} problem(s) in the app's SLO settings: ${app.errors
        .slice(0, 3)
        .map(formatSloError)
        .join('; ')}`
    : '';
  if (app.slos.length === 0) {
    throw new PanelConfigError(
      'no-slos',
      `The Burndown app has no valid SLOs. Add SLOs in the app, or switch the panel to query mode.${invalid}`
    );
  }
  if (!sloId) {
    return app.slos[0];
  }
  const spec = app.slos.find((s) => s.id === sloId);
  if (!spec) {
    throw new PanelConfigError(
      'unknown-slo',
      `SLO ${JSON.stringify(
        sloId
      )} no longer exists in the Burndown app. Pick another SLO in the panel options.${invalid}`
    );
  }
  return spec;
}

export async function loadSloModeBudget(
  req: SloModeRequest,
  deps: SloModeDeps = defaultSloModeDeps
): Promise<PanelBudget> {
  const { options: o, range } = req;
  const app = await deps.loadSlos();
  const own = pickSlo(app, o.sloId);
  const zone = resolveDashboardTimeZone(req.timeZone);
  const ownZone = own.window.kind === 'calendar' ? own.window.timeZone : zone;
  const window = resolveWindow(o.sloWindow, o, range, own.window, ownZone);
  const spec: SloSpec = { ...own, window };
  let ds: ResolvedDatasource;
  try {
    ds = (deps.resolveDatasource ?? resolveSloDatasource)(spec);
  } catch (e) {
    throw new PanelConfigError('settings', (e as Error).message);
  }
  const client = deps.clientFor(ds.uid, ds.type);
  const now = deps.now();
  const t = Math.min(now, range.to);
  const fetchOpts = { cache: deps.cache };
  const withChart = chartable(spec);
  const chartFrom = req.view === 'burnRate' ? range.from - BURN_RATE_LOOKBACK_MS : range.from;
  const wantsBurndown = (req.figure ?? 'burndown') === 'burndown';
  const curve = wantsBurndown && withChart && hasBurndown(spec) && FIGURE_VIEWS.has(req.view);
  const chartLoad = withChart
    ? loadBudgetChart(client, spec, { from: chartFrom, to: range.to, now }, fetchOpts)
    : Promise.resolve<ChartData | undefined>(undefined);
  // The forecast's hourly totals from 4 weeks before the chart's first period: one range query, sent alongside.
  const curveHistory =
    curve && window.kind !== 'rolling'
      ? fetchTrafficHistory(
          client,
          counterExprs(spec.indicator),
          { from: chartFrom, to: t },
          forecastTimeZone(window),
          {
            ...fetchOpts,
            groupBy: spec.groupBy,
            tilesOf: { spec },
          }
        )
      : undefined;
  // The status' burn-down takes its 4 weeks of hours from the curve's history, else from the chart's hourly tail.
  const history = curveHistory ?? chartLoad.then((c) => c?.hourly);
  const [statuses, chart, histories] = await Promise.all([
    // The policy level reads the figure the panel shows (docs/semantics.md section 5, Policy).
    evaluateSlo(client, spec, t, {
      ...fetchOpts,
      // The chart's "now": its settled pieces are then the status' and serve it (src/query/chartPieces.ts).
      now,
      all: app.slos,
      policyFrom: wantsBurndown ? 'burndown' : 'remaining',
      history: history.catch(() => undefined),
    }),
    chartLoad,
    curveHistory,
  ]);
  const notices: Notice[] = [];
  if (ds.isDefault) {
    notices.push({ kind: 'settings', severity: 'info', text: defaultDatasourceNotice(spec.name, ds) });
  }
  if (!withChart) {
    notices.push({
      kind: 'chart',
      severity: 'info',
      text: `Charts cover occurrence-based ratio and latency SLOs; ${spec.name} is ${
        spec.budgetingMethod === 'timeslices' ? 'timeslice-based' : `a ${spec.indicator.kind} SLO`
      }, so the panel shows its figures.`,
    });
  }
  if (app.errors.length) {
    notices.push({
      kind: 'settings',
      severity: 'warning',
      text: `${app.errors.length} problem(s) in the app's SLO settings (other SLOs): ${app.errors
        .slice(0, 3)
        .map(formatSloError)
        .join('; ')}`,
    });
  }
  const groups = mergeGroups(spec, statuses, chart, t);
  if (chart) {
    // Only the window of the figure at t: an earlier period that is partly in the chart does not make the figure partial.
    const needFrom = Math.max(windowAt(t, window).start, chart.dataFrom);
    for (const g of groups) {
      const notice = g.buckets && partialFigureNotice(g.buckets, needFrom, t, zone);
      if (notice) {
        notices.push(notice);
        break;
      }
    }
  }
  if (histories && window.kind !== 'rolling') {
    for (const g of groups) {
      const history = histories.get(g.key);
      if (g.buckets && history) {
        g.burndown = burndownSeries(g.buckets, window, spec.objective, history, {
          exclusions: spec.exclusions,
          timeZone: forecastTimeZone(window),
        });
      }
    }
  }
  const timeslices = spec.budgetingMethod === 'timeslices' && spec.timeslice !== undefined;
  if (timeslices && window.kind !== 'rolling') {
    // Timeslices already burn down: their allowance is known in advance (section 4), so the same view and words apply.
    const allowedBad = timesliceAllowedBad(window, t, spec.objective, spec.timeslice!.lengthMs, spec.exclusions);
    for (const g of groups) {
      const s = g.status;
      g.status = {
        ...s,
        burndown: {
          remaining: s.remaining,
          usedBad: s.bad,
          allowedBad: s.remaining === null ? null : allowedBad,
          forecastTotal: 0,
        },
      };
    }
  }
  for (const s of statuses) {
    if (s.partial) {
      notices.push({
        kind: 'partial',
        severity: 'warning',
        text: 'Some components of this composite SLO have no data: the figure averages the others.',
      });
      break;
    }
  }
  return {
    title: spec.name,
    target: spec.objective,
    window,
    policy: spec.policy,
    exclusions: spec.exclusions,
    groups,
    range,
    t,
    windowMs: windowLengthAt(window, t),
    step: chart?.step,
    notices,
    figure: wantsBurndown && groups.some((g) => g.status.burndown !== undefined) ? 'burndown' : 'ifEndedNow',
    unit: timeslices ? 'slices' : 'events',
  };
}

/** One group per label combination seen by the figures or the chart. */
function mergeGroups(spec: SloSpec, statuses: SloStatus[], chart: ChartData | undefined, t: number): BudgetGroup[] {
  const byKey = new Map<string, BudgetGroup>();
  for (const status of statuses) {
    const key = groupKey(status.group, spec.groupBy);
    byKey.set(key, { key, labels: status.group, status });
  }
  for (const g of chart?.groups ?? []) {
    const existing = byKey.get(g.key);
    if (existing) {
      existing.buckets = g.buckets;
      existing.series = g.series;
    } else if (g.series.remaining.some((v) => v === v)) {
      // A group that has chart data but nothing in the current window.
      byKey.set(g.key, {
        key: g.key,
        labels: g.labels,
        buckets: g.buckets,
        series: g.series,
        status: noDataStatus(spec, g.labels, t),
      });
    }
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function noDataStatus(spec: SloSpec, group: Record<string, string>, t: number): SloStatus {
  return occurrencesStatus({ spec, t, group, counts: null, countsOver: () => null });
}
