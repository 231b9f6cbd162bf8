// The plotted points of the main series as a visually hidden table: screen readers read the chart, browser tests compare
// it with exact truth. Rows are <tr><td>RFC 3339 time</td><td>raw value ('' = no data)</td></tr>; the caption says what.
import { css } from '@emotion/css';
import React from 'react';

import { testIds } from '../../../shared/testIds';

const visuallyHidden = css({
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
});

export interface HiddenSeriesTableProps {
  caption: string;
  rows: Array<[string, string]>;
  /** Labels of the group shown, for grouped SLOs. */
  group?: string;
}

export function HiddenSeriesTable({ caption, rows, group }: HiddenSeriesTableProps) {
  return (
    <table className={visuallyHidden} data-testid={testIds.seriesTable} data-group={group || undefined}>
      <caption>{caption} (time, value as a fraction; empty = no data)</caption>
      <tbody>
        {rows.map(([time, value], i) => (
          <tr key={i}>
            <td>{time}</td>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
