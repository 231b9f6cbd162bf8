// The SLO overview (/a/burndown-slo-app/slos): every SLO of the settings with its objective, window and status at
// now, and every invalid SLO with its errors. SLOs come from the settings repository, figures from the query layer
// (loadStatuses.ts). The search text lives in the URL (?search=...), so a link or a reload shows the same list.
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
import { loadingRow, type OverviewRow } from './domain/overviewRow';
import { matchesSearch } from './domain/searchSlos';
import { defaultStatusDeps, loadStatuses, type StatusDeps } from './loadStatuses';
import { OverviewView } from './ui/OverviewView';

export interface OverviewSceneState extends SceneObjectState {
  search: string;
  loading: boolean;
  rows: OverviewRow[];
  invalid: InvalidSlo[];
  /** When the settings could not be read. */
  error?: string;
  /** The instant the figures are for (epoch ms). */
  evaluatedAt?: number;
  provisioned: boolean;
  canWrite: boolean;
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

export class OverviewScene extends SceneObjectBase<OverviewSceneState> {
  static Component = OverviewSceneRenderer;

  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['search'] });

  constructor(state: Partial<OverviewSceneState> = {}, private readonly deps: OverviewDeps = defaultDeps) {
    super({ search: '', loading: true, rows: [], invalid: [], provisioned: false, canWrite: false, ...state });
    this.addActivationHandler(() => this.onActivate());
  }

  getUrlState(): SceneObjectUrlValues {
    return { search: this.state.search || undefined };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const search = typeof values.search === 'string' ? values.search : '';
    if (search !== this.state.search) {
      this.setState({ search });
    }
  }

  setSearch(search: string): void {
    this.setState({ search });
  }

  /** The rows the search keeps, in settings order. */
  visibleRows(): OverviewRow[] {
    return this.state.rows.filter((r) => matchesSearch(r, this.state.search));
  }

  private onActivate(): () => void {
    let cancelled = false;
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
      await loadStatuses(
        snapshot.slos,
        t,
        (row) => this.setState({ rows: this.state.rows.map((r) => (r.id === row.id ? row : r)) }),
        this.deps.status,
        () => cancelled
      );
      if (!cancelled) {
        this.setState({ loading: false });
      }
    };
    load();
    return () => {
      cancelled = true;
    };
  }
}

function OverviewSceneRenderer({ model }: SceneComponentProps<OverviewScene>) {
  const state = model.useState();
  return (
    <OverviewView
      search={state.search}
      onSearch={(s) => model.setSearch(s)}
      loading={state.loading}
      error={state.error}
      rows={model.visibleRows()}
      total={state.rows.length}
      invalid={state.invalid}
      evaluatedAt={state.evaluatedAt}
      provisioned={state.provisioned}
    />
  );
}
