// The panel's states besides a result: loading, no data (never 100%), errors with the datasource's own message, and
// notices about partial data (retention, a window reaching before the queries, a misaligned step).
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingBar, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import type { Notice } from '../../../shared/budget/model';
import { testIds } from '../../../shared/testIds';

export type PanelErrorKind = 'query' | 'unknown-slo' | 'no-slos' | 'settings' | 'options';

export interface PanelError {
  kind: PanelErrorKind;
  title: string;
  message: string;
  /** The query that failed, when known. */
  detail?: string;
}

/** First load: a placeholder; a reload with a result on screen: Grafana's thin loading bar on top of it. */
export function Loading({ width, overlay }: { width: number; overlay: boolean }) {
  const styles = useStyles2(getStyles);
  if (overlay) {
    return (
      <div className={styles.loadingBar} data-testid={testIds.loading}>
        <LoadingBar width={width} ariaLabel="Loading error budget" />
      </div>
    );
  }
  return (
    <div className={styles.center} data-testid={testIds.loading}>
      <LoadingPlaceholder text="Loading error budget…" />
    </div>
  );
}

export function NoData({ message }: { message?: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.center} data-testid={testIds.noData}>
      <span className={styles.noData}>No data</span>
      {message && <span className={styles.secondary}>{message}</span>}
    </div>
  );
}

export function ErrorState({ error }: { error: PanelError }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.errorWrap}>
      <Alert title={error.title} severity="error" data-testid={testIds.error} data-kind={error.kind} bottomSpacing={0}>
        <div className={styles.message}>{error.message}</div>
        {error.detail && <code className={styles.detail}>{error.detail}</code>}
      </Alert>
    </div>
  );
}

/** Notices about the chart or the settings, one line each (the whole text in the title); figure notices go next to it. */
export function Notices({ notices }: { notices: Notice[] }) {
  const styles = useStyles2(getStyles);
  const shown = notices.filter((n) => n.appliesTo !== 'figure');
  if (shown.length === 0) {
    return null;
  }
  return (
    <div className={styles.notices}>
      {shown.map((n, i) => (
        <div
          key={i}
          className={`${styles.oneLine} ${n.severity === 'warning' ? styles.warning : styles.info}`}
          data-testid={testIds.notice}
          data-kind={n.kind}
          title={n.text}
          role="note"
        >
          {n.text}
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  center: css({
    width: '100%',
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: theme.spacing(0.5),
    textAlign: 'center',
  }),
  loadingBar: css({
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    zIndex: 1,
  }),
  noData: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.h4.fontSize,
  }),
  secondary: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    maxWidth: '90%',
  }),
  errorWrap: css({
    width: '100%',
    height: '100%',
    overflow: 'auto',
    padding: theme.spacing(1),
  }),
  message: css({
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  }),
  detail: css({
    display: 'block',
    marginTop: theme.spacing(1),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  notices: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.25),
    padding: theme.spacing(0.25, 0.5),
    fontSize: theme.typography.bodySmall.fontSize,
    flexShrink: 0,
  }),
  oneLine: css({
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  warning: css({
    color: theme.colors.warning.text,
  }),
  info: css({
    color: theme.colors.text.secondary,
  }),
});
