// Episodes of the period (docs/semantics.md section 4, Episodes), the exclusions with their reasons, and the policy
// level with when it changed, as tables an incident review can cite.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { formatBurnRate, formatEvents, formatPercent, formatSpan } from '../../../shared/format';
import { pageTestIds } from '../../../shared/testIds';
import { formatRfc3339 } from '../../../slo';
import type { SloSpec } from '../../../slo/types';
import type { DetailData } from '../loadDetail';
import { DataTable } from '../../shared/DataTable';

const ids = pageTestIds.detail;

export function EpisodesTab({ spec, data }: { spec: SloSpec; data: DetailData }) {
  const styles = useStyles2(getStyles);
  const { episodes, period, policyChanges } = data;
  const exclusions = spec.exclusions.filter((e) => e.to > period.range.from && e.from < period.range.to);
  return (
    <div className={styles.column}>
      <section>
        <h4>Episodes ({episodes.length})</h4>
        <p className={styles.muted}>
          Stretches whose buckets burnt faster than 1× (quiet gaps up to 1 hour merged; excluded time never counts). The
          share is of the period&apos;s allowance of {formatEvents(data.allowedBad)} bad events. Edges are exact to one
          bucket ({formatSpan(data.budget.step ?? 0)}).
        </p>
        {episodes.length === 0 ? (
          <p>No budget-burning episode in this period.</p>
        ) : (
          <DataTable
            columns={['Start (UTC)', 'End (UTC)', 'Duration', 'Bad events', 'Share of budget', 'Peak burn rate']}
            aria-label="Episodes"
          >
            {episodes.map((e) => (
              <tr
                key={e.start}
                data-testid={ids.episode}
                data-start={e.start}
                data-end={e.end}
                data-bad={e.bad}
                data-share={e.budgetShare ?? ''}
              >
                <td>{formatRfc3339(e.start)}</td>
                <td>{formatRfc3339(e.end)}</td>
                <td>{formatSpan(e.end - e.start)}</td>
                <td>{formatEvents(e.bad)}</td>
                <td>{formatPercent(e.budgetShare)}</td>
                <td>{formatBurnRate(e.peakBurnRate, 1)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section>
        <h4>Exclusions ({exclusions.length})</h4>
        {exclusions.length === 0 ? (
          <p className={styles.muted}>No exclusion in this period.</p>
        ) : (
          <DataTable columns={['From (UTC)', 'To (UTC)', 'Reason']} aria-label="Exclusions">
            {exclusions.map((e) => (
              <tr key={e.from} data-testid={ids.exclusion}>
                <td>{formatRfc3339(e.from)}</td>
                <td>{formatRfc3339(e.to)}</td>
                <td>{e.reason || 'No reason given'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section>
        <h4>Policy level over the period</h4>
        {spec.policy.length === 0 ? (
          <p className={styles.muted}>This SLO has no policy.</p>
        ) : policyChanges.length === 0 ? (
          <p className={styles.muted}>No data in this period: the level is unknown.</p>
        ) : (
          <DataTable columns={['From (UTC)', 'Level', 'Actions']} aria-label="Policy changes">
            {policyChanges.map((c) => (
              <tr key={c.at} data-testid={ids.policyChange} data-level={c.level ?? ''} data-at={c.at}>
                <td>{formatRfc3339(c.at)}</td>
                <td>{c.level ?? 'OK'}</td>
                <td>{c.actions.join('; ')}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  column: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  muted: css({ color: theme.colors.text.secondary }),
});
