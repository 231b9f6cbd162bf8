// What qualifies the figure at t, next to it and compact: a partial window as an icon with its text in a tooltip, and
// the status' diagnostics (stale, no series, threshold not a bucket bound) in the formatter's words, one line each.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';

import type { Diagnostic } from '../../../engine';
import type { Notice } from '../../../shared/budget/model';
import { diagnosticText } from '../../../shared/format';
import { testIds } from '../../../shared/testIds';

/** The notices that concern the figure at t, as icons: their text is in the tooltip and the aria label. */
export function FigureNoticeIcons({ notices }: { notices: Notice[] }) {
  const styles = useStyles2(getStyles);
  return (
    <>
      {notices
        .filter((n) => n.appliesTo === 'figure')
        .map((n, i) => (
          <Tooltip key={i} content={n.text}>
            <span
              className={styles.icon}
              data-testid={testIds.notice}
              data-kind={n.kind}
              data-applies-to="figure"
              role="note"
              aria-label={n.text}
              tabIndex={0}
            >
              <Icon name={n.severity === 'warning' ? 'exclamation-triangle' : 'info-circle'} size="sm" />
            </span>
          </Tooltip>
        ))}
    </>
  );
}

/** The status' diagnostics, one ellipsised line each (the whole text in the title). */
export function DiagnosticLines({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  const styles = useStyles2(getStyles);
  if (diagnostics.length === 0) {
    return null;
  }
  return (
    <div className={styles.lines}>
      {diagnostics.map((d, i) => {
        const text = diagnosticText(d);
        return (
          <div
            key={i}
            className={styles.line}
            data-testid={testIds.diagnostic}
            data-kind={d.kind}
            title={text}
            role="note"
          >
            {text}
          </div>
        );
      })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  icon: css({ color: theme.colors.warning.text, display: 'inline-flex', alignItems: 'center', cursor: 'help' }),
  lines: css({ display: 'flex', flexDirection: 'column', padding: theme.spacing(0, 0.5), flexShrink: 0 }),
  line: css({
    color: theme.colors.warning.text,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
});
