// Panel set-ups the browser tests and the screenshot script share: the options of SLO mode and query mode
// (src/panels/budget/options.ts), and the truth at a chart point (docs/semantics.md sections 3, 9).

import type { HostRequest } from './env';
import { countsOver, figuresFor, scenario, windowAt, type ExpectedSlo } from '../integration/truth';

export type View = 'timeseries' | 'stat' | 'cumulative' | 'burnRate';
export const VIEWS: View[] = ['timeseries', 'stat', 'cumulative', 'burnRate'];

/** SLO mode on a fixture SLO, the dashboard range (from, to] and the clock pinned at `now` (default: to). */
export function sloPanel(
  sloId: string,
  p: { now: string; from: string; to?: string; view?: View } & HostRequest
): HostRequest {
  const { view, ...rest } = p;
  return {
    to: 'now',
    ...rest,
    options: { mode: 'slo', sloId, view: view ?? 'timeseries', ...(p.options ?? {}) },
    slos: p.slos ?? ['scenario-slos'],
  };
}

/** The events query mode expects: per-step increases, [$__interval] so each point counts its own step. */
export const BAD_QUERY = 'sum(increase(http_requests_total{job="checkout",code=~"5.."}[$__interval]))';
export const TOTAL_QUERY = 'sum(increase(http_requests_total{job="checkout"}[$__interval]))';

/** Query mode with the dashboard's own queries A (bad) and B (total). */
export function queryPanel(
  options: Record<string, unknown>,
  p: { now: string; from: string; to?: string; view?: View } & HostRequest
): HostRequest {
  const { view, ...rest } = p;
  return {
    to: 'now',
    ...rest,
    targets: [
      { refId: 'A', expr: BAD_QUERY, range: true, instant: false },
      { refId: 'B', expr: TOTAL_QUERY, range: true, instant: false },
    ],
    options: {
      mode: 'query',
      eventsRefId: 'A',
      eventsKind: 'bad',
      totalRefId: 'B',
      objective: '99.5%',
      view: view ?? 'timeseries',
      ...options,
    },
  };
}

/**
 * Truth at a chart point t_i (the chart convention: the bucket ending on a period boundary closes the old period),
 * counting events after `dataFrom` only; undefined where the window holds no events.
 */
export function truthAtPoint(slo: ExpectedSlo, t: number, dataFrom = scenario.startMs): number | undefined {
  const w = windowAt(slo, t, true);
  if (!w || w.end <= w.start) {
    return undefined;
  }
  const f = figuresFor(slo, countsOver(Math.max(w.start, dataFrom, scenario.startMs), w.end, slo.exclusions));
  return f.total > 0 ? f.remaining : undefined;
}

/** Hue (degrees) of a CSS rgb()/rgba() colour; NaN for grey. */
export function hueOf(css: string): number {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) {
    throw new Error(`not an rgb colour: ${css}`);
  }
  const [r, g, b] = [Number(m[1]) / 255, Number(m[2]) / 255, Number(m[3]) / 255];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  if (d < 0.08) {
    return NaN;
  }
  let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h *= 60;
  return h < 0 ? h + 360 : h;
}

/**
 * SLOs the overview's tests and screenshots append to the settings (host parameter extraSlos): a grouped SLO (one
 * budget per pod) and one whose selectors match nothing, in a second service.
 */
export const OVERVIEW_EXTRA_SLOS = [
  {
    id: 'checkout-by-pod',
    name: 'Checkout availability by pod',
    service: 'checkout',
    labels: { team: 'payments' },
    indicator: {
      ratio: { bad: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' },
    },
    objective: '99.5%',
    window: { rolling: '28d' },
    groupBy: ['instance'],
  },
  {
    id: 'search-nodata',
    name: 'Search availability (never scraped)',
    service: 'search',
    labels: { team: 'discovery' },
    indicator: {
      ratio: { bad: 'http_requests_total{job="search",code=~"5.."}', total: 'http_requests_total{job="search"}' },
    },
    objective: '99.9%',
    window: { calendar: { unit: 'month' } },
  },
];
