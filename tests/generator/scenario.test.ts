import { createHash } from 'node:crypto';

import { createEventModel, defaultTimeline, newConditions, QUANTITIES, shiftTimeline } from './model.ts';
import {
  type Scenario,
  type SeriesDef,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  SCRAPE_INTERVAL_MS,
  buildScenario,
  computeScenario,
  exposition,
  shiftDaysForEnd,
} from './scenario.ts';

jest.setTimeout(120_000);

let s: Scenario;
beforeAll(() => {
  s = buildScenario();
});

const at = (iso: string): number => Date.parse(iso);

function find(instance: string, quantity: SeriesDef['quantity'], list: SeriesDef[] = s.series): SeriesDef {
  const def = list.find((d) => d.instance === instance && d.quantity === quantity);
  if (!def) {
    throw new Error(`no series ${instance} ${quantity}`);
  }
  return def;
}

/** Sum over pods of counter differences between two scrape times (no reset handling). */
function counterDiff(quantity: SeriesDef['quantity'], fromMs: number, toMs: number): number {
  let sum = 0;
  for (const pod of s.instances) {
    const def = find(pod, quantity, s.allSeries);
    sum += s.counterValueAt(def, toMs) - s.counterValueAt(def, fromMs);
  }
  return sum;
}

function resetBetween(fromMs: number, toMs: number): boolean {
  return s.resets.some((r) => r.atMs >= fromMs && r.atMs < toMs);
}

/** Deterministic pseudo-random scrape times (a tiny LCG, independent of the model's PRNG). */
function sampleTimes(count: number, seed: number): number[] {
  let x = seed;
  const slots = (s.endMs - s.startMs) / SCRAPE_INTERVAL_MS;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(s.startMs + (x % slots) * SCRAPE_INTERVAL_MS);
  }
  return out;
}

describe('scenario shape', () => {
  it('spans 2026-05-25 to 2026-10-20 with 8 backfill series (18 in full) under 3.5M samples', () => {
    expect(new Date(s.startMs).toISOString()).toBe('2026-05-25T00:00:00.000Z');
    expect(new Date(s.endMs).toISOString()).toBe('2026-10-20T00:00:00.000Z');
    expect(s.series).toHaveLength(8);
    expect(s.allSeries).toHaveLength(18);
    const scrapes = (s.endMs - s.startMs) / SCRAPE_INTERVAL_MS + 1;
    const missing = s.gaps.reduce((n, g) => n + (g.toMs - g.fromMs) / SCRAPE_INTERVAL_MS - 1, 0);
    expect(s.sampleCount()).toBe((scrapes - missing) * 8);
    expect(s.sampleCount()).toBeLessThan(3_500_000);
  });

  it('has per-pod traffic between roughly 15 and 90 req/s and a background 5xx ratio of 0.1-0.3%', () => {
    // A quiet day: no incident, maintenance, reset or gap.
    const day = at('2026-07-07T00:00:00Z');
    const quietMinutes = [];
    for (let i = 0; i < 1440; i++) {
      const end = day + (i + 1) * MINUTE_MS;
      const idx = (end - s.truth.firstBucketEndMs) / s.truth.stepMs;
      quietMinutes.push({ total: s.truth.total[idx], bad: s.truth.bad[idx] });
    }
    const perPodRates = quietMinutes.map((m) => m.total / 60 / 2);
    expect(Math.min(...perPodRates)).toBeGreaterThan(14);
    expect(Math.max(...perPodRates)).toBeLessThan(90);
    const c = s.truthCounts(day, day + DAY_MS);
    expect(c.bad / c.total).toBeGreaterThan(0.001);
    expect(c.bad / c.total).toBeLessThan(0.003);
    expect(c.latencyBad / c.total).toBeGreaterThan(0.004);
    expect(c.latencyBad / c.total).toBeLessThan(0.006);
  });

  it('raises the 5xx ratio inside incidents and the maintenance window, and slows requests in the latency incident', () => {
    for (const inc of s.incidents) {
      const c = s.truthCounts(inc.fromMs, inc.toMs);
      if (inc.kind === 'errors') {
        expect(Math.abs(c.bad / c.total - inc.errorRatio)).toBeLessThan(0.01);
      } else {
        expect(c.bad / c.total).toBeLessThan(0.004);
        expect(Math.abs(c.latencyBad / c.total - inc.slowRatio)).toBeLessThan(0.01);
      }
    }
    for (const m of s.exclusions) {
      const c = s.truthCounts(m.fromMs, m.toMs);
      expect(Math.abs(c.bad / c.total - m.errorRatio)).toBeLessThan(0.01);
      expect((m.fromMs % HOUR_MS) + (m.toMs % HOUR_MS)).toBe(0);
    }
  });
});

describe('truth', () => {
  it('per-minute buckets add up to truthCounts', () => {
    const from = at('2026-08-12T09:00:00Z');
    const to = at('2026-08-12T13:00:00Z');
    const i0 = (from + MINUTE_MS - s.truth.firstBucketEndMs) / s.truth.stepMs;
    const i1 = (to - s.truth.firstBucketEndMs) / s.truth.stepMs;
    let total = 0;
    let bad = 0;
    let latencyGood = 0;
    for (let i = i0; i <= i1; i++) {
      total += s.truth.total[i];
      bad += s.truth.bad[i];
      latencyGood += s.truth.latencyGood[i];
    }
    expect(s.truthCounts(from, to)).toMatchObject({ total, bad, latencyGood });
  });

  it('equals counter differences wherever no reset happens in between', () => {
    const times = sampleTimes(400, 7);
    let checked = 0;
    for (let k = 0; k + 1 < times.length; k += 2) {
      const from = Math.min(times[k], times[k + 1]);
      const to = Math.max(times[k], times[k + 1]);
      if (resetBetween(from, to)) {
        continue;
      }
      checked++;
      const truth = s.truthCounts(from, to);
      expect(counterDiff('count', from, to)).toBe(truth.total);
      expect(counterDiff('bad', from, to)).toBe(truth.bad);
      expect(counterDiff('ok', from, to)).toBe(truth.good);
      expect(counterDiff('le0.25', from, to)).toBe(truth.latencyGood);
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('counts to the second: (from, to] splits add up for arbitrary seconds', () => {
    const a = at('2026-09-09T16:29:47Z');
    const b = at('2026-09-09T16:30:13Z');
    const c = at('2026-09-09T16:31:01Z');
    const ab = s.truthCounts(a, b);
    const bc = s.truthCounts(b, c);
    const ac = s.truthCounts(a, c);
    expect(ab.total + bc.total).toBe(ac.total);
    expect(ab.bad + bc.bad).toBe(ac.bad);
    expect(ab.total).toBeGreaterThan(0);
    // Sub-second parts are floored: events happen at integer seconds.
    expect(s.truthCounts(a + 999, b + 999)).toEqual(ab);
  });

  it('keeps counting through the scrape gap', () => {
    const g = s.gaps[0];
    expect(s.truthCounts(g.fromMs, g.toMs).total).toBeGreaterThan(10 * 60 * 20 * 2);
  });
});

describe('counter resets', () => {
  it('drop every counter of the restarted pod to 0 right after the scrape', () => {
    expect(s.resets).toHaveLength(2);
    for (const r of s.resets) {
      for (const def of s.allSeries.filter((d) => d.instance === r.instance)) {
        const before = s.counterValueAt(def, r.atMs);
        const next = s.counterValueAt(def, r.atMs + SCRAPE_INTERVAL_MS);
        expect(before).toBeGreaterThan(10_000);
        expect(next).toBeLessThan(before);
        // Within the first second after the restart at most one second of requests.
        expect(s.counterValueAt(def, r.atMs + 1000)).toBeLessThan(def.quantity === 'sum' ? 100 : 200);
        expect(s.isScraped(r.atMs)).toBe(true);
        expect(s.isScraped(r.atMs + SCRAPE_INTERVAL_MS)).toBe(true);
      }
    }
  });

  it('lose no event to an observer that treats a drop as a restart from 0', () => {
    for (const r of s.resets) {
      const from = r.atMs - 10 * SCRAPE_INTERVAL_MS;
      const to = r.atMs + 10 * SCRAPE_INTERVAL_MS;
      let observed = 0;
      for (const def of s.series.filter((d) => d.quantity === 'count')) {
        let prev = s.counterValueAt(def, from);
        for (let t = from + SCRAPE_INTERVAL_MS; t <= to; t += SCRAPE_INTERVAL_MS) {
          const v = s.counterValueAt(def, t);
          observed += v < prev ? v : v - prev;
          prev = v;
        }
      }
      expect(observed).toBe(s.truthCounts(from, to).total);
    }
  });
});

describe('exposition', () => {
  function lines(text: string): string[] {
    return text.split('\n').filter((l) => l.length > 0);
  }

  it('has no sample strictly inside the scrape gap and samples at both ends', () => {
    const g = s.gaps[0];
    const text = [...exposition(s, { fromMs: g.fromMs - HOUR_MS, toMs: g.toMs + HOUR_MS })].join('');
    const times = new Set<number>();
    for (const l of lines(text)) {
      if (!l.startsWith('#')) {
        times.add(Number(l.split(' ').pop()) * 1000);
      }
    }
    expect([...times].filter((t) => t > g.fromMs && t < g.toMs)).toEqual([]);
    expect(times.has(g.fromMs)).toBe(true);
    expect(times.has(g.toMs)).toBe(true);
    const slots = (g.toMs - g.fromMs + 2 * HOUR_MS) / SCRAPE_INTERVAL_MS + 1;
    expect(times.size).toBe(slots - ((g.toMs - g.fromMs) / SCRAPE_INTERVAL_MS - 1));
  });

  it('writes OpenMetrics sorted by series then time, with # TYPE and # EOF', () => {
    const from = at('2026-07-15T05:00:00Z');
    const to = at('2026-07-15T07:00:00Z');
    const all = lines([...exposition(s, { fromMs: from, toMs: to, seriesSet: 'full' })].join(''));
    expect(all[0]).toBe('# TYPE http_requests counter');
    expect(all[all.length - 1]).toBe('# EOF');
    expect(all.filter((l) => l.startsWith('# TYPE'))).toEqual([
      '# TYPE http_requests counter',
      '# TYPE http_request_duration_seconds histogram',
    ]);
    const samples = all.filter((l) => !l.startsWith('#'));
    expect(samples).toHaveLength(18 * 241);
    let lastSeries = '';
    let lastTime = -Infinity;
    const seen = new Set<string>();
    for (const l of samples) {
      const [series, value, ts] = l.split(' ');
      expect(Number.isFinite(Number(value))).toBe(true);
      if (series !== lastSeries) {
        expect(seen.has(series)).toBe(false);
        seen.add(series);
        lastSeries = series;
        lastTime = -Infinity;
      }
      expect(Number(ts)).toBeGreaterThan(lastTime);
      lastTime = Number(ts);
    }
    expect(samples[0]).toMatch(/^http_requests_total\{job="checkout",instance="pod-a",code="200"\} \d+ 1784091600$/);
  });

  it('writes millisecond timestamps in the prometheus-text-ms format', () => {
    const from = at('2026-07-15T05:00:00Z');
    const text = [...exposition(s, { fromMs: from, toMs: from, format: 'prometheus-text-ms' })].join('');
    const samples = lines(text).filter((l) => !l.startsWith('#'));
    expect(samples).toHaveLength(8);
    expect(samples.every((l) => l.endsWith(` ${from}`))).toBe(true);
    expect(text).not.toContain('# EOF');
  });

  it('keeps histogram buckets monotone', () => {
    for (const t of sampleTimes(50, 11)) {
      for (const pod of s.instances) {
        const v = (q: SeriesDef['quantity']) => s.counterValueAt(find(pod, q, s.allSeries), t);
        expect(v('le0.1')).toBeLessThanOrEqual(v('le0.25'));
        expect(v('le0.25')).toBeLessThanOrEqual(v('le0.5'));
        expect(v('le0.5')).toBeLessThanOrEqual(v('le1'));
        expect(v('le1')).toBeLessThanOrEqual(v('count'));
        expect(v('ok') + v('bad')).toBe(v('count'));
      }
    }
  });
});

describe('determinism', () => {
  function digest(sc: Scenario): string {
    const h = createHash('sha256');
    h.update(Buffer.from(sc.truth.total.buffer));
    h.update(Buffer.from(sc.truth.bad.buffer));
    h.update(Buffer.from(sc.truth.latencyGood.buffer));
    for (const chunk of exposition(sc, { fromMs: at('2026-08-12T00:00:00Z'), toMs: at('2026-08-13T00:00:00Z') })) {
      h.update(chunk);
    }
    return h.digest('hex');
  }

  it('gives the same hash for two independent builds', () => {
    expect(digest(computeScenario())).toBe(digest(s));
  });

  it('gives a different hash for another seed (the test can fail)', () => {
    const model = createEventModel(1, defaultTimeline());
    const other = createEventModel(2, defaultTimeline());
    const c = newConditions();
    const a = new Float64Array(QUANTITIES);
    const b = new Float64Array(QUANTITIES);
    let differ = 0;
    for (let r = 1; r <= 1000; r++) {
      model.secondEvents(0, r, model.conditionsAt(0, r, c), a);
      other.secondEvents(0, r, other.conditionsAt(0, r, c), b);
      differ += a[0] !== b[0] ? 1 : 0;
    }
    expect(differ).toBeGreaterThan(100);
  });

  it('produces the same events when the timeline is shifted by whole days', () => {
    const shift = 40 * DAY_MS;
    const base = createEventModel(7, defaultTimeline());
    const moved = createEventModel(7, shiftTimeline(defaultTimeline(), shift));
    const c1 = newConditions();
    const c2 = newConditions();
    const a = new Float64Array(QUANTITIES);
    const b = new Float64Array(QUANTITIES);
    const origin = s.startMs;
    for (const inc of s.incidents) {
      for (let sMs = inc.fromMs - 60_000; sMs <= inc.fromMs + 60_000; sMs += 1000) {
        const r = (sMs - origin) / 1000;
        base.secondEvents(1, r, base.conditionsAt(sMs, r, c1), a);
        moved.secondEvents(1, r, moved.conditionsAt(sMs + shift, r, c2), b);
        expect([...b]).toEqual([...a]);
      }
    }
  });

  it('shiftDaysForEnd ends the shifted model less than a day after the requested end', () => {
    const now = at('2026-11-21T13:14:44Z');
    const days = shiftDaysForEnd(now);
    const end = s.endMs + days * DAY_MS;
    expect(end).toBeGreaterThanOrEqual(now);
    expect(end - now).toBeLessThan(DAY_MS);
  });
});

describe('live values beyond the stored span', () => {
  it('continue the counters seamlessly after endMs', () => {
    const def = find('pod-a', 'count');
    const end = s.counterValueAt(def, s.endMs);
    const later = s.counterValueAt(def, s.endMs + HOUR_MS);
    const middle = s.counterValueAt(def, s.endMs + 30 * MINUTE_MS);
    expect(middle).toBeGreaterThan(end);
    expect(later).toBeGreaterThan(middle);
    // Asking again, and out of order, gives the same values.
    expect(s.counterValueAt(def, s.endMs + 30 * MINUTE_MS)).toBe(middle);
    expect(s.counterValueAt(def, s.endMs + HOUR_MS)).toBe(later);
  });
});
