// The SLO overview (/a/burndown-slo-app/slos): every SLO of the settings with its figures at now, and every invalid
// SLO with its errors. SLOs come from the settings repository, figures and trends from the query layer
// (loadStatuses.ts). The view state (search, filters, sort, grouping: domain/overviewQuery.ts) lives in the URL, so
// a link or a reload shows the same view; which grouped SLOs are expanded does not.
import React from 'react';

import {
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';

import {
  grafanaSloRepository,
  settingsErrorMessage,
  type InvalidSlo,
  type SloSettingsRepository,
} from '../../infrastructure/settings';
import { loadingRow, NO_TREND, type OverviewRow, type TrendPoints } from './domain/overviewRow';
import {
  EMPTY_QUERY,
  loadOrder,
  matchesQuery,
  queryFromUrl,
  queryToUrl,
  sortRows,
  type OverviewQuery,
} from './domain/overviewQuery';
import { defaultStatusDeps } from './grafanaStatusDeps';
import { loadStatuses, OVERVIEW_MOUNT_MARK, type StatusDeps } from './loadStatuses';
import { OverviewView } from './ui/OverviewView';

export const OVERVIEW_URL_KEYS = ['search', 'service', 'label', 'window', 'status', 'policy', 'sort', 'group'];

export interface OverviewSceneState extends SceneObjectState {
  query: OverviewQuery;
  loading: boolean;
  rows: OverviewRow[];
  invalid: InvalidSlo[];
  /** When the settings could not be read. */
  error?: string;
  /** The instant the figures are for (epoch ms). */
  evaluatedAt?: number;
  provisioned: boolean;
  canWrite: boolean;
  /** Grouped SLOs whose groups are shown, and collapsed service sections (not in the URL). */
  expanded: string[];
  collapsedServices: string[];
}

export interface OverviewDeps {
  repository: () => SloSettingsRepository;
  status: StatusDeps;
  now: () => number;
}

const defaultDeps: OverviewDeps = {
  repository: grafanaSloRepository,
  status: defaultStatusDeps,
  now: () => Date.now(),
};

const toggle = (xs: string[], x: string) => (xs.includes(x) ? xs.filter((y) => y !== x) : [...xs, x]);

export class OverviewScene extends SceneObjectBase<OverviewSceneState> {
  static Component = OverviewSceneRenderer;

  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: OVERVIEW_URL_KEYS });

  constructor(state: Partial<OverviewSceneState> = {}, private readonly deps: OverviewDeps = defaultDeps) {
    super({
      query: EMPTY_QUERY,
      loading: true,
      rows: [],
      invalid: [],
      provisioned: false,
      canWrite: false,
      expanded: [],
      collapsedServices: [],
      ...state,
    });
    this.addActivationHandler(() => this.onActivate());
  }

  getUrlState(): SceneObjectUrlValues {
    return queryToUrl(this.state.query);
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const query = queryFromUrl(values, this.state.query);
    if (JSON.stringify(query) !== JSON.stringify(this.state.query)) {
      this.setState({ query });
    }
  }

  setQuery(change: Partial<OverviewQuery>): void {
    this.setState({ query: { ...this.state.query, ...change } });
  }

  toggleExpanded(id: string): void {
    this.setState({ expanded: toggle(this.state.expanded, id) });
  }

  toggleService(service: string): void {
    this.setState({ collapsedServices: toggle(this.state.collapsedServices, service) });
  }

  /** Rows on screen (the table's IntersectionObserver): evaluated first. Not state: it changes nothing shown. */
  private onScreen = new Set<string>();
  /** Bumped when onScreen changes, so the memoised load order knows to recompute. */
  private onScreenVersion = 0;

  setOnScreen(id: string, visible: boolean): void {
    if (this.onScreen.has(id) !== visible) {
      this.onScreenVersion++;
    }
    if (visible) {
      this.onScreen.add(id);
    } else {
      this.onScreen.delete(id);
    }
  }

  private cancelLoad?: () => void;

  /** Reads the settings and every figure again at now; the settled past comes from the page's cache. */
  refresh(): void {
    this.load();
  }

  /** The rows the query keeps, in its order; sorted once per change of rows or query, not once per render. */
  visibleRows(): OverviewRow[] {
    return this.visible(this.state.rows, this.state.query);
  }

  private visible = memoLast((rows: OverviewRow[], q: OverviewQuery) =>
    sortRows(
      rows.filter((r) => matchesQuery(r, q)),
      q.sort
    )
  );

  /** The load order, asked before every task (figures, trend): recomputed only when rows, query or on-screen rows change. */
  private order = memoLast((rows: OverviewRow[], q: OverviewQuery, _version: number) =>
    loadOrder(rows, q, this.onScreen)
  );

  private onActivate(): () => void {
    globalThis.performance?.mark?.(OVERVIEW_MOUNT_MARK);
    this.load();
    return () => this.cancelLoad?.();
  }

  private load(): void {
    this.cancelLoad?.();
    let cancelled = false;
    this.cancelLoad = () => {
      cancelled = true;
    };
    const load = async () => {
      this.setState({ loading: true, error: undefined });
      let snapshot;
      try {
        snapshot = await this.deps.repository().load();
      } catch (e) {
        if (!cancelled) {
          this.setState({ loading: false, error: settingsErrorMessage(e), rows: [], invalid: [] });
        }
        return;
      }
      if (cancelled) {
        return;
      }
      const t = this.deps.now();
      this.setState({
        rows: snapshot.slos.map(loadingRow),
        invalid: snapshot.invalid,
        evaluatedAt: t,
        provisioned: snapshot.provisioned,
        canWrite: snapshot.canWrite,
      });
      const setRow = this.arrivals(() => cancelled);
      await loadStatuses(
        snapshot.slos,
        t,
        (row) => setRow(row.id, () => row),
        this.deps.status,
        () => cancelled,
        (id, trend: TrendPoints | undefined) => setRow(id, (r) => ({ ...r, trend: trend ?? NO_TREND })),
        () => this.order(this.state.rows, this.state.query, this.onScreenVersion)
      );
      if (!cancelled) {
        setRow.flush();
        this.setState({ loading: false });
      }
    };
    load();
  }

  /**
   * Row updates gathered and applied together at most every ARRIVAL_BATCH_MS: each state update re-renders, re-sorts
   * and re-lays out the whole table, which at 200 SLOs cost more main thread than the figures themselves.
   */
  private arrivals(isCancelled: () => boolean) {
    const pending = new Map<string, Array<(r: OverviewRow) => OverviewRow>>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (pending.size === 0 || isCancelled()) {
        pending.clear();
        return;
      }
      const rows = this.state.rows.map((r) => (pending.get(r.id) ?? []).reduce((row, f) => f(row), r));
      pending.clear();
      this.setState({ rows });
    };
    const setRow = (id: string, f: (r: OverviewRow) => OverviewRow) => {
      pending.set(id, [...(pending.get(id) ?? []), f]);
      timer = timer ?? setTimeout(flush, ARRIVAL_BATCH_MS);
    };
    return Object.assign(setRow, { flush });
  }
}

/** `f` remembering its last arguments and result (compared by identity). */
function memoLast<A extends unknown[], R>(f: (...a: A) => R): (...a: A) => R {
  let last: { args: A; result: R } | undefined;
  return (...args: A) => {
    if (!last || args.length !== last.args.length || args.some((x, i) => x !== last!.args[i])) {
      last = { args, result: f(...args) };
    }
    return last.result;
  };
}

/** How long arriving figures wait to be shown together (a few frames: unnoticeable, and one layout instead of many). */
export const ARRIVAL_BATCH_MS = 50;

function OverviewSceneRenderer({ model }: SceneComponentProps<OverviewScene>) {
  const state = model.useState();
  return (
    <OverviewView
      query={state.query}
      onQuery={(q) => model.setQuery(q)}
      loading={state.loading}
      error={state.error}
      allRows={state.rows}
      rows={model.visibleRows()}
      invalid={state.invalid}
      evaluatedAt={state.evaluatedAt}
      provisioned={state.provisioned}
      canWrite={state.canWrite}
      expanded={state.expanded}
      onToggleExpanded={(id) => model.toggleExpanded(id)}
      collapsedServices={state.collapsedServices}
      onToggleService={(s) => model.toggleService(s)}
      onScreen={(id, visible) => model.setOnScreen(id, visible)}
      onRefresh={() => model.refresh()}
    />
  );
}
