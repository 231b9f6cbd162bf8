// The line above a chart: the exact remaining budget (coloured by policy), the SLI and the active policy level, so the
// number people read does not depend on the chart's bucket resolution.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2, useTheme2 } from '@grafana/ui';

import type { PolicyLevel } from '../../../slo/types';
import { testIds } from '../../../shared/testIds';
import { formatPercent } from '../../../shared/format';
import { remainingColor } from '../../../shared/policyColors';

export interface FigureStripProps {
  remaining: number | null;
  sli: number | null;
  sliDecimals: number;
  decimals?: number;
  policy: PolicyLevel | null;
  policyLevels: readonly PolicyLevel[];
  /** Extra figures for the view (burn rate...). */
  children?: React.ReactNode;
  note?: string;
}

export function FigureStrip({
  remaining,
  sli,
  sliDecimals,
  decimals,
  policy,
  policyLevels,
  children,
  note,
}: FigureStripProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  return (
    <div className={styles.strip}>
      <span className={styles.figure}>
        <span className={styles.label}>Remaining</span>
        <span
          className={styles.value}
          style={{ color: remainingColor(remaining, policyLevels, theme) }}
          data-testid={testIds.remaining}
          data-value={remaining === null ? '' : String(remaining)}
        >
          {formatPercent(remaining, decimals)}
        </span>
      </span>
      <span className={styles.figure}>
        <span className={styles.label}>SLI</span>
        <span className={styles.value} data-testid={testIds.sli} data-value={sli === null ? '' : String(sli)}>
          {sli === null ? '–' : formatPercent(sli, decimals ?? sliDecimals)}
        </span>
      </span>
      {children}
      <span data-testid={testIds.policy} data-value={policy?.name ?? ''}>
        {policy && (
          <Badge
            text={policy.name}
            color={policyLevels[policyLevels.length - 1]?.name === policy.name ? 'red' : 'orange'}
            icon="exclamation-triangle"
            tooltip={policy.actions.join('; ') || undefined}
          />
        )}
      </span>
      {note && <span className={styles.label}>{note}</span>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  strip: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 2),
    padding: theme.spacing(0, 0.5, 0.5),
    flexShrink: 0,
  }),
  figure: css({
    display: 'inline-flex',
    alignItems: 'baseline',
    gap: theme.spacing(0.75),
  }),
  label: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  value: css({
    fontSize: theme.typography.h5.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
  }),
});
