// The SLO table of the overview: name, service, objective, window, remaining budget, SLI and status per SLO.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';

import { pageTestIds } from '../../../shared/testIds';
import { formatPercent, sliDecimals } from '../../../shared/format';
import { formatPercent as formatObjective } from '../../../slo/percent';
import { ROW_STATE_TEXT, type OverviewRow, type RowState } from '../domain/overviewRow';

const ids = pageTestIds.overview;

export function SloTable({ rows }: { rows: OverviewRow[] }) {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table} aria-label="SLOs">
      <thead>
        <tr>
          <th>Name</th>
          <th>Service</th>
          <th>Objective</th>
          <th>Window</th>
          <th className={styles.number}>Budget left</th>
          <th className={styles.number}>SLI</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={ids.row} data-slo-id={r.id} data-state={r.state}>
            <td>
              <div>{r.name}</div>
              <div className={styles.muted}>{r.id}</div>
            </td>
            <td>{r.service ?? <span className={styles.muted}>–</span>}</td>
            <td>{formatObjective(r.objective)}</td>
            <td>{r.windowText}</td>
            <td className={styles.number} data-testid={ids.remaining} data-value={r.remaining ?? ''}>
              {formatPercent(r.remaining, 2)}
            </td>
            <td className={styles.number} data-testid={ids.sli} data-value={r.sli ?? ''}>
              {formatPercent(r.sli, sliDecimals(r.objective))}
            </td>
            <td>
              <span className={styles.state(r.state)}>
                <Icon name={STATE_ICON[r.state]} /> {ROW_STATE_TEXT[r.state]}
              </span>
              {r.groups > 1 && <span className={styles.muted}> (worst of {r.groups} groups)</span>}
              {r.message && (
                <Tooltip content={r.message}>
                  <span className={styles.muted}>
                    {' '}
                    <Icon name="info-circle" aria-label={r.message} />
                  </span>
                </Tooltip>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const STATE_ICON: Record<
  RowState,
  'check-circle' | 'exclamation-circle' | 'question-circle' | 'fa fa-spinner' | 'times-circle'
> = {
  loading: 'fa fa-spinner',
  healthy: 'check-circle',
  exhausted: 'exclamation-circle',
  noData: 'question-circle',
  error: 'times-circle',
};

const getStyles = (theme: GrafanaTheme2) => {
  const colour: Record<RowState, string> = {
    loading: theme.colors.text.secondary,
    healthy: theme.colors.success.text,
    exhausted: theme.colors.error.text,
    noData: theme.colors.warning.text,
    error: theme.colors.error.text,
  };
  return {
    table: css({
      width: '100%',
      borderCollapse: 'collapse',
      background: theme.colors.background.primary,
      border: `1px solid ${theme.colors.border.weak}`,
      'th, td': {
        padding: theme.spacing(1, 1.5),
        borderBottom: `1px solid ${theme.colors.border.weak}`,
        textAlign: 'left',
        verticalAlign: 'top',
      },
      th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
    }),
    number: css({ textAlign: 'right !important' as 'right', fontVariantNumeric: 'tabular-nums' }),
    muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
    state: (s: RowState) => css({ color: colour[s], whiteSpace: 'nowrap' }),
  };
};
