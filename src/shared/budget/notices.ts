// Notices about data the figures cannot fully see: a window reaching before the data source's oldest data (retention),
// a calendar period or rolling window that starts before the queried range, a step that does not tile period boundaries.
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
 * When the window needs data from `needFrom` but the buckets only have data from later on (the first buckets are no
 * data, two or more), the data source does not hold (or no longer holds) the start of the window.
 */
export function retentionNotice(b: Buckets, needFrom: number, timeZone: string): Notice | undefined {
  const start = firstDataStart(b);
  // One leading empty bucket is a scrape's timing, not retention.
  if (start === undefined || start - Math.max(needFrom, b.firstEnd - b.step) < 2 * b.step) {
    return undefined;
  }
  return {
    kind: 'retention',
    severity: 'warning',
    text: `The window needs data from ${formatInstant(
      needFrom,
      timeZone
    )}; the data source has data from ${formatInstant(start, timeZone)}. Figures cover the available part only.`,
  };
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
