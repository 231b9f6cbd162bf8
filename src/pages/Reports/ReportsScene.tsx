// Reports (/a/burndown-slo-app/reports): met or missed, budget used, episodes, policy time, alerts and recommendations
// per SLO over a period, from the same code as `burndown report` (docs/reports.md). The period (last week by default),
// the number of periods and the service live in the URL (?period=last-quarter&last=4&service=checkout), so a link
// reproduces the report.
import React from 'react';

import {
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';

import { grafanaSloRepository, settingsErrorMessage, type SloSettingsRepository } from '../../infrastructure/settings';
import type { Report } from '../../report/model';
import { PeriodError } from '../../report/period';
import type { SloSpec } from '../../slo';
import { defaultReportDeps, loadAppReport, type ReportDeps } from './loadAppReport';
import { ReportsView } from './ui/ReportsView';

export const DEFAULT_PERIOD = 'last-week';
export const MAX_LAST = 8;

export interface ReportsSceneState extends SceneObjectState {
  period: string;
  last: number;
  service: string;
  loading: boolean;
  slos: SloSpec[];
  report?: Report;
  error?: string;
}

export interface ReportsDeps {
  repository: () => SloSettingsRepository;
  report: ReportDeps;
  now: () => number;
}

const defaultDeps: ReportsDeps = {
  repository: grafanaSloRepository,
  report: defaultReportDeps,
  now: () => Date.now(),
};

function clampLast(v: unknown): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= MAX_LAST ? n : 1;
}

export class ReportsScene extends SceneObjectBase<ReportsSceneState> {
  static Component = ReportsSceneRenderer;

  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['period', 'last', 'service'] });
  /** Bumped by every refresh and on deactivation: only the latest load may set the report. */
  private generation = 0;
  private settingsLoaded = false;

  constructor(state: Partial<ReportsSceneState> = {}, private readonly deps: ReportsDeps = defaultDeps) {
    super({ period: DEFAULT_PERIOD, last: 1, service: '', loading: true, slos: [], ...state });
    this.addActivationHandler(() => {
      let active = true;
      this.loadSettings(() => active);
      return () => {
        active = false;
        this.generation++;
      };
    });
  }

  getUrlState(): SceneObjectUrlValues {
    return {
      period: this.state.period === DEFAULT_PERIOD ? undefined : this.state.period,
      last: this.state.last === 1 ? undefined : String(this.state.last),
      service: this.state.service || undefined,
    };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const period = typeof values.period === 'string' && values.period ? values.period : DEFAULT_PERIOD;
    const last = clampLast(values.last ?? 1);
    const service = typeof values.service === 'string' ? values.service : '';
    if (period !== this.state.period || last !== this.state.last || service !== this.state.service) {
      this.setState({ period, last, service });
      this.refresh();
    }
  }

  choose(change: Partial<Pick<ReportsSceneState, 'period' | 'last' | 'service'>>): void {
    this.setState(change);
    this.refresh();
  }

  private async loadSettings(isActive: () => boolean): Promise<void> {
    try {
      const snapshot = await this.deps.repository().load();
      if (isActive()) {
        this.settingsLoaded = true;
        this.setState({ slos: snapshot.slos });
        await this.refresh();
      }
    } catch (e) {
      if (isActive()) {
        this.setState({ loading: false, error: settingsErrorMessage(e) });
      }
    }
  }

  private async refresh(): Promise<void> {
    if (!this.settingsLoaded) {
      // The settings load refreshes once it has the SLOs.
      return;
    }
    const gen = ++this.generation;
    const { slos, period, last, service } = this.state;
    this.setState({ loading: true, error: undefined });
    try {
      const report = await loadAppReport(slos, { period, last, service }, this.deps.now(), this.deps.report);
      if (gen === this.generation) {
        this.setState({ loading: false, report });
      }
    } catch (e) {
      if (gen === this.generation) {
        const message = e instanceof PeriodError ? `Period: ${e.message}` : e instanceof Error ? e.message : String(e);
        this.setState({ loading: false, report: undefined, error: message });
      }
    }
  }
}

function ReportsSceneRenderer({ model }: SceneComponentProps<ReportsScene>) {
  const s = model.useState();
  const services = [...new Set(s.slos.map((x) => x.service).filter((x): x is string => !!x))].sort();
  return (
    <ReportsView
      period={s.period}
      last={s.last}
      service={s.service}
      services={services}
      loading={s.loading}
      report={s.report}
      error={s.error}
      onChange={(c) => model.choose(c)}
    />
  );
}
