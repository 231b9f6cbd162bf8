// Grafana's step choice and $__interval handling for Prometheus queries (pkg/promlib, pkg/gtime), as far as a panel
// can reach them: what `POST /api/ds/query` (dsQuery.ts) does to a query model before it asks Prometheus. The budget
// panel's query mode depends on these rules: its browser tests compare with the truth at the step Grafana picks.
import { rangeUtil, type DataSourceRef } from '@grafana/data';
import { config } from '@grafana/runtime';

/** Grafana's default when the datasource has no scrape interval set. */
const DEFAULT_SCRAPE_INTERVAL_MS = 15_000;
/** pkg/promlib: never more points than this per series. */
const SAFE_RESOLUTION = 11_000;

/** The datasource's scrape interval (jsonData.timeInterval, "30s" like the demo's provisioning), else 15 s. */
export function scrapeIntervalMs(): number {
  const ds = config.datasources.Prometheus as { jsonData?: { timeInterval?: string } } | undefined;
  return parseInterval(ds?.jsonData?.timeInterval) ?? DEFAULT_SCRAPE_INTERVAL_MS;
}

/** The fields of a Prometheus query model Grafana's backend reads (a model may carry more: legendFormat, format...). */
export interface PromQueryModel {
  refId?: string;
  expr?: string;
  instant?: boolean;
  range?: boolean;
  interval?: string;
  intervalMs?: number;
  maxDataPoints?: number;
  intervalFactor?: number;
  utcOffsetSec?: number;
  datasource?: DataSourceRef | string | null;
}

// Durations, the way Grafana's backend formats and parses them

/** gtime.FormatInterval: the largest whole unit, truncated (90 min prints as "1h"). */
export function formatInterval(ms: number): string {
  const units: Array<[string, number]> = [
    ['y', 365 * 86_400_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  for (const [unit, size] of units) {
    if (ms >= size) {
      return `${Math.floor(ms / size)}${unit}`;
    }
  }
  return '1ms';
}

/** Go's time.Duration.String() for whole milliseconds ("1h0m0s", "1m30s", "250ms"). */
export function goDuration(ms: number): string {
  if (ms < 1000) {
    return `${ms}ms`;
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}

/** Grafana duration strings ("30s", "5m", "1d", ">1m"); undefined when empty or not a duration. */
export function parseInterval(s: unknown): number | undefined {
  if (typeof s !== 'string') {
    return undefined;
  }
  const t = s.replace(/^[<>]/, '').trim();
  if (t === '' || t === '0s' || t.startsWith('$')) {
    return undefined;
  }
  try {
    return rangeUtil.intervalToMs(t);
  } catch {
    return undefined;
  }
}

const isVariable = (s: unknown) =>
  typeof s === 'string' && /^\$\{?__(interval|interval_ms|rate_interval|rate_interval_ms)\}?$/.test(s);

/** The request's from/to: epoch ms strings (what Grafana's frontend sends) or relative times. */

/** pkg/promlib calculatePrometheusInterval, for the parts a panel can reach. */
export function prometheusStep(q: PromQueryModel, fromMs: number, toMs: number): number {
  const manual = !isVariable(q.interval) ? parseInterval(q.interval) : undefined;
  if (manual !== undefined) {
    return manual;
  }
  // gtime.GetIntervalFrom: intervalMs, else the datasource's scrape interval (none set: 15 s).
  const minInterval = typeof q.intervalMs === 'number' && q.intervalMs > 0 ? q.intervalMs : scrapeIntervalMs();
  const span = toMs - fromMs;
  const maxDataPoints = typeof q.maxDataPoints === 'number' && q.maxDataPoints > 0 ? q.maxDataPoints : 100;
  const raw = span / maxDataPoints;
  const calculated = raw < minInterval ? minInterval : rangeUtil.roundInterval(raw);
  const safe = rangeUtil.roundInterval(span / SAFE_RESOLUTION);
  const factor = q.intervalFactor && q.intervalFactor > 0 ? q.intervalFactor : 1;
  return Math.max(calculated, safe) * factor;
}

/** pkg/promlib InterpolateVariables. */
export function interpolateBackendVariables(expr: string, stepMs: number, intervalMs: number, rangeMs: number): string {
  const rangeS = Math.round(rangeMs / 1000);
  const scrape = scrapeIntervalMs();
  const rate = Math.max(intervalMs + scrape, 4 * scrape);
  const pairs: Array<[string, string]> = [
    ['__interval_ms', String(stepMs)],
    ['__interval', formatInterval(stepMs)],
    ['__range_ms', String(rangeMs)],
    ['__range_s', String(rangeS)],
    ['__range', `${rangeS}s`],
    ['__rate_interval_ms', String(rate)],
    ['__rate_interval', goDuration(rate)],
  ];
  let out = expr;
  for (const [name, value] of pairs) {
    out = out.split(`\${${name}}`).join(value).split(`$${name}`).join(value);
  }
  return out;
}
