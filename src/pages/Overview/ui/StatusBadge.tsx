// A status as icon, text and colour together (never colour alone), and a diagnostic as a compact badge whose tooltip
// is the formatter's message.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2, type IconName } from '@grafana/ui';

import type { Diagnostic, DiagnosticKind } from '../../../engine';
import { diagnosticText } from '../../../shared/format';
import { pageTestIds } from '../../../shared/testIds';
import type { RowStatus } from '../domain/overviewRow';
import { STATUS_TEXT } from '../domain/overviewStatus';

const ids = pageTestIds.overview;

export const STATUS_ICON: Record<RowStatus, IconName> = {
  loading: 'fa fa-spinner',
  healthy: 'check-circle',
  burning: 'fire',
  exhausted: 'exclamation-circle',
  stale: 'clock-nine',
  noData: 'question-circle',
  invalid: 'exclamation-triangle',
  error: 'times-circle',
};

export function statusText(s: RowStatus): string {
  return s === 'loading' ? 'Loading' : STATUS_TEXT[s];
}

export function statusColour(theme: GrafanaTheme2, s: RowStatus): string {
  switch (s) {
    case 'loading':
      return theme.colors.text.secondary;
    case 'healthy':
      return theme.colors.success.text;
    case 'burning':
    case 'stale':
    case 'noData':
      return theme.colors.warning.text;
    case 'exhausted':
    case 'invalid':
    case 'error':
      return theme.colors.error.text;
  }
}

export function StatusBadge({ status, suffix }: { status: RowStatus; suffix?: string }) {
  const styles = useStyles2(getStyles);
  return (
    <span className={styles.status(status)} data-testid={ids.status} data-status={status}>
      <Icon name={STATUS_ICON[status]} /> {statusText(status)}
      {suffix && <span className={styles.suffix}>{suffix}</span>}
    </span>
  );
}

const DIAGNOSTIC_LABEL: Record<DiagnosticKind, string> = {
  'no-data': 'no data',
  partial: 'partial',
  'no-series': 'no series',
  stale: 'stale',
  'threshold-not-bucket-bound': 'threshold',
  'window-before-data': 'before data',
};

export function DiagnosticBadges({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  const styles = useStyles2(getStyles);
  if (diagnostics.length === 0) {
    return null;
  }
  return (
    <span className={styles.badges}>
      {diagnostics.map((d, i) => (
        <Tooltip key={i} content={diagnosticText(d)}>
          <span
            className={styles.badge}
            data-testid={ids.diagnostic}
            data-kind={d.kind}
            title={diagnosticText(d)}
            tabIndex={0}
          >
            {DIAGNOSTIC_LABEL[d.kind]}
            {d.counter ? ` (${d.counter})` : ''}
          </span>
        </Tooltip>
      ))}
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  status: (s: RowStatus) => css({ color: statusColour(theme, s), whiteSpace: 'nowrap' }),
  // "(worst of 12)" may wrap below the status in a narrow column; the status itself stays on one line.
  suffix: css({ whiteSpace: 'normal' }),
  badges: css({ display: 'inline-flex', flexWrap: 'wrap', gap: theme.spacing(0.5), marginLeft: theme.spacing(0.5) }),
  badge: css({
    border: `1px solid ${theme.colors.warning.border}`,
    color: theme.colors.warning.text,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0, 0.5),
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    cursor: 'help',
  }),
});
