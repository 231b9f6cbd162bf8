// The pages' plain tables (the import preview, the report, the detail page's episodes, exclusions, policy changes and
// firing alerts) in one look: full width, ruled rows, muted header cells. Rows are the caller's `<tr>`s.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

export interface DataTableProps extends Omit<React.TableHTMLAttributes<HTMLTableElement>, 'className' | 'children'> {
  /** The header cells in order ('' for a column without a title). */
  columns: readonly React.ReactNode[];
  /** The body's rows. */
  children: React.ReactNode;
}

export function DataTable({ columns, children, ...table }: DataTableProps) {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table} {...table}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
});
