// The line above a chart: the figure at t (the burn-down or the remaining budget, coloured by policy unless stale or
// without data), "if the period ended now" beside the burn-down, the SLI and the active policy level, so the number
// people read does not depend on the chart's bucket resolution. A partial window is an icon next to the figure.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2, useTheme2 } from '@grafana/ui';

import type { Notice } from '../../../shared/budget/model';
import type { PolicyLevel } from '../../../slo/types';
import { testIds } from '../../../shared/testIds';
import { formatPercent, IF_ENDED_NOW_LABEL } from '../../../shared/format';
import { remainingColor } from '../../../shared/policyColors';
import { FigureNoticeIcons } from './FigureNotes';

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
  /** Name of the figure ("Budget left", "If the period ended now", "Remaining budget"). */
  title?: string;
  /** "If the period ended now" beside the burn-down (undefined: not shown). */
  ifEndedNow?: number | null;
  /** Stale or no data: the figure takes no policy colour. */
  unhealthy?: 'stale' | 'no-data';
  /** Notices; those that apply to the figure are shown as icons next to it. */
  notices?: Notice[];
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
  title,
  ifEndedNow,
  unhealthy,
  notices,
}: FigureStripProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const color =
    unhealthy === 'stale'
      ? theme.colors.warning.text
      : unhealthy === 'no-data'
      ? theme.colors.text.secondary
      : remainingColor(remaining, policyLevels, theme);
  return (
    <div className={styles.strip}>
      <span className={styles.figure}>
        <span className={styles.label}>{title ?? 'Remaining'}</span>
        <span
          className={styles.value}
          style={{ color }}
          data-testid={testIds.remaining}
          data-value={remaining === null ? '' : String(remaining)}
        >
          {formatPercent(remaining, decimals)}
        </span>
        {notices && <FigureNoticeIcons notices={notices} />}
      </span>
      {ifEndedNow !== undefined && (
        <span className={styles.figure}>
          <span className={styles.label}>{IF_ENDED_NOW_LABEL}</span>
          <span
            className={styles.secondaryValue}
            data-testid={testIds.ifEndedNow}
            data-value={ifEndedNow === null ? '' : String(ifEndedNow)}
          >
            {formatPercent(ifEndedNow, decimals)}
          </span>
        </span>
      )}
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
  secondaryValue: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.body.fontSize,
  }),
});
