// The SLO detail page (/a/burndown-slo-app/slos/<id>), a drilldown of the overview: one SLO's budget over a chosen
// period (domain/period.ts), its charts, episodes, exclusions, policy changes and definition. The period, the range,
// the tab and the log-scale toggle live in the URL (?period=..&start=..&end=..&tab=..&scale=log), so a link reproduces
// the view; the SLO id is the route's.
import React from 'react';

import {
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';

import { config } from '@grafana/runtime';

import { backendSrvAlertingHttp, canProvisionAlertRules } from '../../infrastructure/grafanaAlerting';
import type { AppSlos } from '../../infrastructure/settings';
import type { SloSpec } from '../../slo/types';
import { parsePeriod, periodUrlValues, previousPeriods, type PeriodChoice } from './domain/period';
import {
  defaultDetailDeps,
  loadDetail,
  loadPreviousPeriods,
  type DetailData,
  type DetailDeps,
  type PeriodResult,
} from './loadDetail';
import { DetailView } from './ui/DetailView';

export type DetailTab = 'budget' | 'episodes' | 'definition' | 'alerts';
export const DETAIL_TABS: DetailTab[] = ['budget', 'episodes', 'definition', 'alerts'];

export interface DetailSceneState extends SceneObjectState {
  sloId: string;
  choice: PeriodChoice;
  tab: DetailTab;
  logScale: boolean;
  /** A URL value that could not be read: shown, and the default used instead. */
  urlProblem?: string;
  phase: 'loading' | 'done' | 'not-found' | 'error';
  error?: string;
  app?: AppSlos;
  spec?: SloSpec;
  data?: DetailData;
  dataLoading: boolean;
  previous?: PeriodResult[];
  previousError?: string;
}

export class DetailScene extends SceneObjectBase<DetailSceneState> {
  static Component = DetailSceneRenderer;

  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['period', 'start', 'end', 'tab', 'scale'] });

  constructor(
    state: Pick<DetailSceneState, 'sloId'> & Partial<DetailSceneState>,
    private readonly deps: DetailDeps = defaultDetailDeps
  ) {
    super({
      choice: { kind: 'current' },
      tab: 'budget',
      logScale: false,
      phase: 'loading',
      dataLoading: false,
      ...state,
    });
    this.addActivationHandler(() => this.onActivate());
  }

  getUrlState(): SceneObjectUrlValues {
    return {
      ...periodUrlValues(this.state.choice),
      tab: this.state.tab === 'budget' ? undefined : this.state.tab,
      scale: this.state.logScale ? 'log' : undefined,
    };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
    const parsed = parsePeriod({ period: str('period'), start: str('start'), end: str('end') });
    const tab = DETAIL_TABS.find((t) => t === str('tab')) ?? 'budget';
    const next: Partial<DetailSceneState> = { tab, logScale: str('scale') === 'log' };
    if ('error' in parsed) {
      next.urlProblem = parsed.error;
      next.choice = { kind: 'current' };
    } else {
      next.urlProblem = undefined;
      next.choice = parsed;
    }
    const changed = JSON.stringify(next.choice) !== JSON.stringify(this.state.choice);
    this.setState(next);
    if (changed && this.state.spec) {
      this.loadPeriod();
    }
  }

  setChoice(choice: PeriodChoice): void {
    this.setState({ choice, urlProblem: undefined });
    this.loadPeriod();
  }

  setTab(tab: DetailTab): void {
    this.setState({ tab });
  }

  setLogScale(logScale: boolean): void {
    this.setState({ logScale });
  }

  /** What the Alerts tab talks to: Grafana's HTTP API and the SLO's data source, through the page's own deps. */
  readonly alertsDeps = {
    http: backendSrvAlertingHttp,
    promClient: (uid: string, type: string) => this.deps.clientFor(uid, type),
    now: () => this.deps.now(),
  };

  private loadToken = 0;

  private async loadPeriod(): Promise<void> {
    const { app, spec, choice } = this.state;
    if (!app || !spec) {
      return;
    }
    const token = ++this.loadToken;
    this.setState({ dataLoading: true, error: undefined });
    try {
      const data = await loadDetail(app, spec, choice, this.deps);
      if (token === this.loadToken) {
        this.setState({ data, dataLoading: false, phase: 'done' });
      }
    } catch (e) {
      if (token === this.loadToken) {
        this.setState({ dataLoading: false, phase: 'error', error: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  private onActivate(): void {
    const start = async () => {
      let app: AppSlos;
      try {
        app = await this.deps.loadSlos();
      } catch (e) {
        this.setState({ phase: 'error', error: `The app's settings could not be read: ${(e as Error).message}` });
        return;
      }
      const spec = app.slos.find((s) => s.id === this.state.sloId);
      if (!spec) {
        this.setState({ phase: 'not-found', app });
        return;
      }
      this.setState({ app, spec });
      const periods = previousPeriods(spec, this.deps.now());
      loadPreviousPeriods(app, spec, periods, this.deps).then(
        (previous) => this.setState({ previous }),
        (e) => this.setState({ previousError: e instanceof Error ? e.message : String(e) })
      );
      await this.loadPeriod();
    };
    start();
  }
}

function DetailSceneRenderer({ model }: SceneComponentProps<DetailScene>) {
  const s = model.useState();
  return (
    <DetailView
      state={s}
      onChoice={(c) => model.setChoice(c)}
      onTab={(t) => model.setTab(t)}
      onLogScale={(v) => model.setLogScale(v)}
      alerts={{ deps: model.alertsDeps, canWrite: canProvisionAlertRules(config.bootData?.user) }}
    />
  );
}
