// The row's budget trend: a small line of the remaining budget over the last week (domain/trend.ts), 0% marked.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { formatPercent } from '../../../shared/format';
import { pageTestIds } from '../../../shared/testIds';
import type { TrendPoints } from '../domain/overviewRow';
import { sparklinePath } from '../domain/trend';

const W = 96;
const H = 24;

export function Sparkline({ trend }: { trend?: TrendPoints }) {
  const styles = useStyles2(getStyles);
  if (!trend) {
    return <span className={styles.muted}>…</span>;
  }
  const path = sparklinePath(trend.value, W, H);
  const finite = trend.value.filter((v) => Number.isFinite(v));
  if (!path) {
    return (
      <span className={styles.muted} data-testid={pageTestIds.overview.trend} data-points={0}>
        –
      </span>
    );
  }
  const label = `Budget left over the last 7 days (window figure): ${formatPercent(finite[0])} to ${formatPercent(
    finite[finite.length - 1]
  )}`;
  return (
    <svg
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      data-testid={pageTestIds.overview.trend}
      data-points={finite.length}
    >
      <title>{label}</title>
      <path d={path} className={styles.line(finite[finite.length - 1] <= 0)} />
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  muted: css({ color: theme.colors.text.secondary }),
  line: (spent: boolean) =>
    css({
      fill: 'none',
      stroke: spent ? theme.colors.error.text : theme.colors.primary.text,
      strokeWidth: 1.5,
    }),
});
