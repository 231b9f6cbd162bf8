// Notices about data the figure at t cannot fully see: its window starts before the data source's oldest data
// (retention) or before the queries; attached to the figure (docs/semantics.md section 4).
import { dateTimeFormat } from '@grafana/data';

import { bucketCount, bucketEnd, type Buckets } from '../../engine';
import type { Notice } from './model';

/** A time as the dashboard shows it. */
export function formatInstant(ms: number, timeZone: string): string {
  return dateTimeFormat(ms, { timeZone, format: 'YYYY-MM-DD HH:mm' });
}

/** Start of the first bucket holding data, or undefined when none does. */
export function firstDataStart(b: Buckets): number | undefined {
  const n = bucketCount(b);
  for (let i = 0; i < n; i++) {
    if (b.total[i] === b.total[i]) {
      return bucketEnd(b, i) - b.step;
    }
  }
  return undefined;
}

/**
 * The figure at t is partial when its window needs data from `needFrom` but the buckets up to t have data only from
 * later on (the window starts before the first sample, or before the data source's retention): a notice attached to the
 * figure, short enough for one line. Earlier periods that are only partly in the chart do not count.
 */
export function partialFigureNotice(b: Buckets, needFrom: number, t: number, timeZone: string): Notice | undefined {
  const start = firstDataStart(b);
  // One leading empty bucket is a scrape's timing, not a partial window.
  if (start === undefined || start > t || start - Math.max(needFrom, b.firstEnd - b.step) < 2 * b.step) {
    return undefined;
  }
  return {
    kind: 'partial',
    severity: 'warning',
    appliesTo: 'figure',
    text: `Partial: the window starts ${formatInstant(needFrom, timeZone)}, the data ${formatInstant(
      start,
      timeZone
    )}; the figure counts the data only.`,
  };
}
