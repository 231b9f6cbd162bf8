// The detail page's plain React view: header with the status figures, the period picker and the previous periods, then
// tabs (budget charts; episodes, exclusions and policy changes; the definition). Status is text and colour, never
// colour alone; every figure's words come from src/shared/format.ts.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, LoadingPlaceholder, Tab, TabsBar, TextLink, useStyles2 } from '@grafana/ui';

import { PLUGIN_BASE_URL, ROUTES } from '../../../constants';
import {
  answeredByText,
  describeWindow,
  diagnosticText,
  exhaustionText,
  formatBurnRate,
  formatPercent,
  policyActionsText,
  policyState,
  policySentence,
  policyText,
  sliDecimals,
} from '../../../shared/format';
import { pageTestIds } from '../../../shared/testIds';
import { SloEditActions } from '../../Editor/ui/EditorLinks';
import { deleteSloAlertRules } from '../../../infrastructure/grafanaAlerting';
import type { DetailSceneState, DetailTab } from '../DetailScene';
import type { PeriodChoice } from '../domain/period';
import { AlertsTab, type AlertsTabDeps } from './AlertsTab';
import { BudgetTab } from './BudgetTab';
import { DefinitionTab } from './DefinitionTab';
import { EpisodesTab } from './EpisodesTab';
import { PeriodPicker } from './PeriodPicker';

const ids = pageTestIds.detail;

export interface DetailViewProps {
  state: DetailSceneState;
  onChoice: (c: PeriodChoice) => void;
  onTab: (t: DetailTab) => void;
  onLogScale: (v: boolean) => void;
  /** The Alerts tab's Grafana and data-source access, and whether the user may write alert rules. */
  alerts?: { deps: AlertsTabDeps; canWrite: boolean };
}

const TAB_LABELS: Record<DetailTab, string> = {
  budget: 'Budget',
  episodes: 'Episodes and policy',
  definition: 'Definition',
  alerts: 'Alerts',
};

export function DetailView({ state: s, onChoice, onTab, onLogScale, alerts }: DetailViewProps) {
  const styles = useStyles2(getStyles);
  const root = {
    'data-testid': ids.root,
    'data-state': s.phase === 'done' && s.dataLoading ? 'loading' : s.phase,
    'data-slo-id': s.sloId,
    className: styles.page,
  };
  if (s.phase === 'not-found') {
    return (
      <div {...root}>
        <Alert severity="warning" title="SLO not found" data-testid={ids.notFound}>
          No SLO with id “{s.sloId}” is in the app&apos;s settings. It may have been renamed or deleted.{' '}
          <TextLink href={`${PLUGIN_BASE_URL}/${ROUTES.Overview}`}>Back to all SLOs</TextLink>
        </Alert>
      </div>
    );
  }
  if (!s.spec) {
    return (
      <div {...root}>
        {s.error ? (
          <Alert severity="error" title="The SLO could not be loaded" data-testid={ids.error}>
            {s.error}
          </Alert>
        ) : (
          <LoadingPlaceholder text="Loading SLO..." />
        )}
      </div>
    );
  }
  const spec = s.spec;
  const data = s.data;
  const status = data?.group?.status;
  const burndown = status?.burndown?.remaining;
  const left = burndown !== undefined ? burndown : status?.remaining ?? null;
  const pol = status ? policyState(spec.policy, status.policy, status.noData) : undefined;
  const decimals = sliDecimals(spec.objective);
  return (
    <div {...root} data-period={data ? data.period.label : ''} data-step={data?.budget.step ?? ''}>
      <header className={styles.header}>
        <div>
          <h2 className={styles.name}>{spec.name}</h2>
          {spec.description && <p className={styles.muted}>{spec.description}</p>}
          <p className={styles.muted}>
            Objective {formatPercent(spec.objective, decimals - 1)} · {describeWindow(spec.window)}
            {spec.service ? ` · service ${spec.service}` : ''}
          </p>
          <SloEditActions
            sloId={s.sloId}
            alsoDeleteAlertRules={
              alerts?.canWrite
                ? {
                    // Offered only to who may delete them; deleting none is harmless (0 rules).
                    label: 'Also delete its Grafana-managed alert rules (if any)',
                    run: async (id) => {
                      await deleteSloAlertRules(alerts.deps.http, id);
                    },
                  }
                : undefined
            }
          />
        </div>
        {status && data && (
          <dl className={styles.figures}>
            <Figure label={burndown !== undefined ? 'Budget left (burn-down)' : 'Budget left'}>
              <span data-testid={ids.budgetLeft} data-value={left ?? ''}>
                {formatPercent(left)}
              </span>
            </Figure>
            <Figure label="SLI">
              <span data-testid={ids.sli} data-value={status.sli ?? ''}>
                {formatPercent(status.sli, decimals)}
              </span>
            </Figure>
            <Figure label="Burn rate (1h)">{formatBurnRate(status.burnRates['1h'] ?? null)}</Figure>
            <Figure label="Exhaustion">{exhaustionText(status.timeToExhaustion).text}</Figure>
            <Figure label="Policy">
              <span data-testid={ids.policy} data-level={status.policy?.name ?? ''}>
                {pol ? policyText(pol) : ''}
              </span>
              {pol && policyActionsText(pol) && <div className={styles.muted}>{policyActionsText(pol)}</div>}
            </Figure>
          </dl>
        )}
        {status?.answeredBy && (
          // Recorded mode (docs/recorded-mode.md): which data answered, in the CLI's words.
          <div className={styles.muted} data-testid={ids.answeredBy} data-mode={status.answeredBy.mode}>
            {answeredByText(status.answeredBy)}
          </div>
        )}
      </header>
      {status?.diagnostics.map((d, i) => (
        <Alert key={i} severity="warning" title={diagnosticText(d)} data-testid={ids.diagnostic} data-kind={d.kind} />
      ))}
      {s.urlProblem && (
        <Alert severity="warning" title="The link's period could not be read; showing this period">
          {s.urlProblem}
        </Alert>
      )}
      <PeriodPicker
        spec={spec}
        choice={s.choice}
        previous={s.previous}
        previousError={s.previousError}
        onChoice={onChoice}
      />
      {s.error && (
        <Alert severity="error" title="This period could not be loaded" data-testid={ids.error}>
          {s.error}
        </Alert>
      )}
      <TabsBar>
        {(Object.keys(TAB_LABELS) as DetailTab[]).map((t) => (
          <Tab
            key={t}
            label={TAB_LABELS[t]}
            active={s.tab === t}
            onChangeTab={() => onTab(t)}
            data-testid={ids.tab}
            data-tab={t}
          />
        ))}
      </TabsBar>
      {!data && s.dataLoading && <LoadingPlaceholder text="Loading the period..." />}
      {data && s.tab === 'budget' && (
        <BudgetTab spec={spec} data={data} logScale={s.logScale} onLogScale={onLogScale} />
      )}
      {data && s.tab === 'episodes' && <EpisodesTab spec={spec} data={data} />}
      {s.tab === 'definition' && <DefinitionTab spec={spec} range={data?.period.range} datasource={data?.datasource} />}
      {s.tab === 'alerts' && alerts && (
        <AlertsTab
          spec={spec}
          datasource={data?.datasource}
          policy={pol ? policySentence(pol, left) : ''}
          canWrite={alerts.canWrite}
          deps={alerts.deps}
        />
      )}
      {status && (
        <p className={styles.muted}>
          {data!.period.label}: figures at {new Date(data!.budget.t).toISOString().slice(0, 16).replace('T', ' ')} UTC
          {status.noData ? ' · no data: never read as healthy' : ''}
          {status.noData && <Badge text="No data" color="orange" />}
        </p>
      )}
    </div>
  );
}

function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.figure}>
      <dt className={styles.muted}>{label}</dt>
      <dd className={styles.value}>{children}</dd>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  header: css({ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: theme.spacing(2) }),
  name: css({ margin: 0 }),
  muted: css({ color: theme.colors.text.secondary, margin: 0 }),
  figures: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(3), margin: 0 }),
  figure: css({ display: 'flex', flexDirection: 'column' }),
  value: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
});
