// A high-cardinality scenario for recorded mode (docs/recorded-mode.md): http_requests_total{job="hc"} on
// pods x routes x codes (8 x 25 x 5 = 1000 series), scraped every 60 s, with its exact truth. Events are counted per
// minute (the sample at each minute boundary holds every event up to it), so the truth over any minute-aligned
// (from, to] is exact. Like the main scenario: one pod's counters reset right after a scrape (the drop accounts for
// every event) and every series misses the scrapes of a 20-minute gap. Independent of scenario.ts: the main data stay
// byte-identical. Plain TypeScript, nothing from src/.

export const HC_JOB = 'hc';
export const HC_MINUTE_MS = 60_000;
export const HC_PODS = Array.from({ length: 8 }, (_, i) => `pod-${i}`);
export const HC_ROUTES = Array.from({ length: 25 }, (_, i) => `/r${i}`);
export const HC_CODES = ['200', '201', '404', '500', '503'] as const;
/** Bad events: 5xx. */
export const HC_BAD_CODES = new Set(['500', '503']);

export interface HighCardinality {
  startMs: number;
  /** Last scrape. */
  endMs: number;
  minutes: number;
  series: Array<{ pod: string; route: string; code: string }>;
  /** Events of series s in minute m ((start + m min, start + (m + 1) min]): counts[s * minutes + m]. */
  counts: Uint32Array;
  /** Scrapes in (gapFrom, gapTo) are missing. */
  gapFromMs: number;
  gapToMs: number;
  /** The pod whose counters reset right after the scrape at resetMs. */
  resetPod: string;
  resetMs: number;
  /** 5xx burst on one route: (incidentFromMs, incidentToMs]. */
  incidentFromMs: number;
  incidentToMs: number;
}

export const HC_DEFAULT_START_MS = Date.UTC(2026, 9, 1);
export const HC_DEFAULT_HOURS = 36;

/** Deterministic (no randomness): counts from small integer hashes of the series and minute. */
export function buildHighCardinality(startMs = HC_DEFAULT_START_MS, hours = HC_DEFAULT_HOURS): HighCardinality {
  const minutes = hours * 60;
  const series: HighCardinality['series'] = [];
  for (const pod of HC_PODS) {
    for (const route of HC_ROUTES) {
      for (const code of HC_CODES) {
        series.push({ pod, route, code });
      }
    }
  }
  const incidentFromMs = startMs + 20 * 3_600_000;
  const incidentToMs = incidentFromMs + 90 * HC_MINUTE_MS;
  const counts = new Uint32Array(series.length * minutes);
  series.forEach((s, i) => {
    const r = HC_ROUTES.indexOf(s.route);
    for (let m = 0; m < minutes; m++) {
      const end = startMs + (m + 1) * HC_MINUTE_MS;
      const diurnal = 1 + ((m / 60 + r) % 24 < 12 ? 1 : 0);
      let n: number;
      if (s.code === '200') {
        n = diurnal * (10 + ((i * 7 + m) % 11));
      } else if (s.code === '201') {
        n = (i + m) % 3;
      } else if (s.code === '404') {
        n = (i + m) % 5 === 0 ? 1 : 0;
      } else {
        n = (i * 13 + m) % 47 === 0 ? 1 : 0;
        if (s.route === '/r7' && end > incidentFromMs && end <= incidentToMs) {
          n += 3;
        }
      }
      counts[i * minutes + m] = n;
    }
  });
  return {
    startMs,
    endMs: startMs + minutes * HC_MINUTE_MS,
    minutes,
    series,
    counts,
    gapFromMs: startMs + 26 * 3_600_000,
    gapToMs: startMs + 26 * 3_600_000 + 21 * HC_MINUTE_MS,
    resetPod: 'pod-3',
    resetMs: startMs + 30 * 3_600_000 + 7 * HC_MINUTE_MS,
    incidentFromMs,
    incidentToMs,
  };
}

/** Exact events over the minute-aligned (fromMs, toMs], summed over the series `pick` accepts. */
export function hcTruth(
  hc: HighCardinality,
  fromMs: number,
  toMs: number,
  pick: (s: HighCardinality['series'][number]) => boolean = () => true
): number {
  if ((fromMs - hc.startMs) % HC_MINUTE_MS !== 0 || (toMs - hc.startMs) % HC_MINUTE_MS !== 0) {
    throw new Error('hcTruth: times must be whole minutes');
  }
  const a = Math.max(0, (fromMs - hc.startMs) / HC_MINUTE_MS);
  const b = Math.min(hc.minutes, (toMs - hc.startMs) / HC_MINUTE_MS);
  let sum = 0;
  hc.series.forEach((s, i) => {
    if (pick(s)) {
      for (let m = a; m < b; m++) {
        sum += hc.counts[i * hc.minutes + m];
      }
    }
  });
  return sum;
}

/** OpenMetrics text (for `promtool tsdb create-blocks-from openmetrics`), series by series, in time order. */
export function* hcOpenMetrics(hc: HighCardinality): Generator<string> {
  yield '# TYPE http_requests counter\n';
  for (let i = 0; i < hc.series.length; i++) {
    const s = hc.series[i];
    const labels = `http_requests_total{job="${HC_JOB}",instance="${s.pod}",route="${s.route}",code="${s.code}"}`;
    let value = 0;
    const lines: string[] = [];
    for (let m = 0; m <= hc.minutes; m++) {
      const t = hc.startMs + m * HC_MINUTE_MS;
      if (m > 0) {
        value += hc.counts[i * hc.minutes + m - 1];
      }
      if (!(t > hc.gapFromMs && t < hc.gapToMs)) {
        lines.push(`${labels} ${value} ${t / 1000}\n`);
      }
      if (s.pod === hc.resetPod && t === hc.resetMs) {
        value = 0;
      }
    }
    yield lines.join('');
  }
  yield '# EOF\n';
}

/** Samples of the scenario: what a backend must hold after loading it. */
export function hcSampleCount(hc: HighCardinality): number {
  let perSeries = 0;
  for (let m = 0; m <= hc.minutes; m++) {
    const t = hc.startMs + m * HC_MINUTE_MS;
    perSeries += t > hc.gapFromMs && t < hc.gapToMs ? 0 : 1;
  }
  return perSeries * hc.series.length;
}
