// Recorded mode's charts, forecast history and diagnostics against a real Prometheus 2.42 (docs/recorded-mode.md): the
// high-cardinality scenario (1000 series), the rules backfilled with promtool up to 30 minutes before the data end
// (the last buckets come from raw data). The recorded chart's budget series is compared with the raw chart's and with
// the generator's exact truth at every point, and its samples (Prometheus stats=all) with the raw chart's; the
// forecast's hourly history from tiles with the raw one. Then what must never read healthy: a bad or good selector
// that matches nothing, a total that matches nothing, and a window before the data.
import { loadBudgetChart, type ChartData, evaluateSlo, fetchTrafficHistory, counterExprs } from '../../src/query';
import { decideMode } from '../../src/query/recorded';
import type { SloSpec } from '../../src/slo/types';
import { StatsClient } from '../../bench/promStats';
import { HC_BAD_CODES, hcTruth, type HighCardinality } from '../generator/highCardinality';
import { requireBinaries } from './rulesTools';
import { hcSpec, startHcBackend, type HcBackend } from './recordedHc';

const bins = requireBinaries(['prometheus', 'promtool'], 'recorded-mode chart test');
const describeHc = bins ? describe : describe.skip;

const HOUR = 3_600_000;
const MIN = 60_000;

/** hcSpec with other counters (a subset of the series keeps the extra rules' backfill cheap). */
function variant(id: string, indicator: SloSpec['indicator']): SloSpec {
  return { ...hcSpec('recorded'), id, indicator };
}
const POD0 = 'http_requests_total{job="hc",instance="pod-0"}';
const NO_BAD = variant('hc-nobad', { kind: 'ratio', bad: 'http_requests_total{job="hc",code="599"}', total: POD0 });
const NO_GOOD = variant('hc-nogood', { kind: 'ratio', good: 'http_requests_total{job="hc",code="299"}', total: POD0 });
const NOTHING = variant('hc-nothing', {
  kind: 'ratio',
  bad: 'http_requests_total{job="none",code="500"}',
  total: 'http_requests_total{job="none"}',
});

/** Exact remaining of the rolling 1-day 99.5% window ending at each minute-aligned time, from per-minute sums. */
function truthRemaining(hc: HighCardinality): (t: number) => number {
  const total = new Float64Array(hc.minutes + 1);
  const bad = new Float64Array(hc.minutes + 1);
  hc.series.forEach((s, i) => {
    for (let m = 0; m < hc.minutes; m++) {
      total[m + 1] += hc.counts[i * hc.minutes + m];
      bad[m + 1] += HC_BAD_CODES.has(s.code) ? hc.counts[i * hc.minutes + m] : 0;
    }
  });
  for (let m = 1; m <= hc.minutes; m++) {
    total[m] += total[m - 1];
    bad[m] += bad[m - 1];
  }
  return (t) => {
    const b = (t - hc.startMs) / MIN;
    const a = Math.max(0, b - 24 * 60);
    return 1 - (bad[b] - bad[a]) / (0.005 * (total[b] - total[a]));
  };
}

describeHc('recorded mode: charts, forecast history and diagnostics from the tiles (1000 series)', () => {
  let be: HcBackend;
  const report: string[] = [];

  beforeAll(async () => {
    be = await startHcBackend([hcSpec('recorded'), NO_BAD, NO_GOOD, NOTHING], {
      backfillToMs: Date.UTC(2026, 9, 2, 11, 30),
    });
  }, 300_000);

  afterAll(async () => {
    await be?.stop();
    process.stdout.write(`recorded mode, charts: ${report.join('; ')} (setup ${JSON.stringify(be?.timings)})\n`);
  });

  it('the recorded chart equals the raw chart and the truth within 0.1 pp at every point, reading far fewer samples', async () => {
    const now = be.hc.endMs;
    const req = { from: be.hc.startMs + 24 * HOUR, to: now, now, targetBuckets: 144 };
    const rawClient = new StatsClient(be.url);
    const raw = await loadBudgetChart(rawClient, hcSpec('raw'), req);
    const recClient = new StatsClient(be.url);
    const rec = await loadBudgetChart(recClient, hcSpec('recorded'), req);
    const series = (c: ChartData) => c.groups[0].series;
    expect(rec.step).toBe(raw.step);
    expect(series(rec).time).toEqual(series(raw).time);
    const truth = truthRemaining(be.hc);
    let worstRaw = 0;
    let worstTruth = 0;
    let compared = 0;
    series(rec).time.forEach((t, i) => {
      if (t < req.from) {
        return;
      }
      const r = series(rec).remaining[i];
      expect(Number.isFinite(r)).toBe(true);
      worstRaw = Math.max(worstRaw, Math.abs(r - series(raw).remaining[i]) * 100);
      worstTruth = Math.max(worstTruth, Math.abs(r - truth(t)) * 100);
      compared++;
      if (process.env.DEBUG_CHART) {
        process.stdout.write(
          `${new Date(t).toISOString()} rec ${r} raw ${series(raw).remaining[i]} truth ${truth(t)}\n`
        );
      }
    });
    expect(compared).toBe(145);
    expect(worstRaw).toBeLessThanOrEqual(0.1);
    expect(worstTruth).toBeLessThanOrEqual(0.1);
    expect(recClient.samples * 20).toBeLessThan(rawClient.samples);
    report.push(
      `chart (12 h view, 5m buckets, ${compared} points): worst ${worstRaw.toFixed(4)} pp from raw, ` +
        `${worstTruth.toFixed(4)} pp from the truth; samples raw ${rawClient.samples} (${
          rawClient.requests
        } requests), ` +
        `recorded ${recClient.samples} (${recClient.requests} requests)`
    );
  }, 120_000);

  it('the forecast history from tiles matches the raw hourly totals', async () => {
    const t = be.hc.startMs + 30 * HOUR;
    const counters = counterExprs(hcSpec('raw').indicator);
    const range = { from: t, to: t };
    const rawClient = new StatsClient(be.url);
    const raw = (await fetchTrafficHistory(rawClient, counters, range, 'UTC')).get('')!;
    const recClient = new StatsClient(be.url);
    const rec = (
      await fetchTrafficHistory(recClient, counters, range, 'UTC', { tilesOf: { spec: hcSpec('recorded') } })
    ).get('')!;
    expect(rec.firstEnd).toBe(raw.firstEnd);
    let worst = 0;
    let hours = 0;
    Array.from(rec.total).forEach((v, i) => {
      const end = rec.firstEnd + i * HOUR;
      // whole hours of data, away from its first hour (raw increase() extrapolates there; the tiles start after it)
      if (end - HOUR > be.hc.startMs + HOUR && end <= t) {
        const truth = hcTruth(be.hc, end - HOUR, end);
        worst = Math.max(worst, Math.abs(v - truth) / truth);
        hours++;
      }
    });
    expect(hours).toBeGreaterThanOrEqual(26);
    // Each hour holds the tiles nearest its edges: up to half a tile of events moves to the next hour, a few percent
    // where the scenario's rate doubles at the hour (its diurnal step), 0.1% when the tiles sit on the hour.
    expect(worst).toBeLessThan(0.05);
    const { newestTile } = await decideMode(recClient, hcSpec('recorded'), t, HOUR);
    const phase = (newestTile! % 300_000) / 1000;
    report.push(
      `forecast history: ${hours} hours, worst ${(worst * 100).toFixed(3)}% from the truth (tiles at ${phase} s past ` +
        `the 5-minute grid); samples raw ` +
        `${rawClient.samples}, recorded ${recClient.samples}`
    );
  });

  it('a bad selector that matches nothing is said, as in raw mode', async () => {
    const t = be.hc.startMs + 25 * HOUR;
    const [rec] = await evaluateSlo(new StatsClient(be.url), NO_BAD, t);
    const [raw] = await evaluateSlo(new StatsClient(be.url), { ...NO_BAD, mode: 'raw' }, t);
    expect(rec.answeredBy?.mode).toBe('recorded');
    expect(rec.diagnostics.map((d) => `${d.kind}:${d.counter}`)).toContain('no-series:bad');
    expect(raw.diagnostics.map((d) => `${d.kind}:${d.counter}`)).toContain('no-series:bad');
    expect(Math.abs(rec.total! - raw.total!) / raw.total!).toBeLessThan(1e-4);
    expect(rec.remaining).toBe(1);
    report.push(
      `no bad series: total ${rec.total} (raw ${raw.total}); ${rec.diagnostics.map((d) => d.message).join(' / ')}`
    );
  });

  it('a good selector that matches nothing is no data, never healthy or all bad', async () => {
    const t = be.hc.startMs + 24 * HOUR;
    const [rec] = await evaluateSlo(new StatsClient(be.url), NO_GOOD, t);
    expect(rec.answeredBy?.mode).toBe('recorded');
    expect(rec.remaining).toBeNull();
    expect(rec.diagnostics.map((d) => d.kind)).toContain('no-data');
    const chart = await loadBudgetChart(new StatsClient(be.url), NO_GOOD, { from: t - HOUR, to: t, now: t });
    expect(chart.groups.every((g) => g.series.remaining.every((r) => !Number.isFinite(r) || r <= 0))).toBe(true);
    report.push(`no good series: remaining ${rec.remaining}, ${rec.diagnostics.map((d) => d.kind).join(', ')}`);
  });

  it.each([
    ['a total selector that matches nothing', NOTHING, Date.UTC(2026, 9, 2, 0)],
    ['a window before the data', hcSpec('recorded'), Date.UTC(2026, 8, 30, 12)],
  ])('%s reads no data, from raw mode, instead of failing on missing tiles', async (what, spec, t) => {
    const [status] = await evaluateSlo(new StatsClient(be.url), spec, t);
    expect(status.answeredBy?.mode).toBe('raw');
    expect(status.answeredBy?.reason).toContain('no tiles and no series of total');
    expect(status.remaining).toBeNull();
    expect(status.diagnostics.map((d) => d.kind)).toContain('no-data');
    report.push(`${what}: ${status.answeredBy?.reason}; ${status.diagnostics.map((d) => d.message).join(' / ')}`);
  });

  it('a window that starts before the data says how much of it the tiles cover', async () => {
    const t = be.hc.startMs + 2 * HOUR;
    const [status] = await evaluateSlo(new StatsClient(be.url), hcSpec('recorded'), t);
    expect(status.answeredBy?.mode).toBe('recorded');
    expect(status.diagnostics.map((d) => d.kind)).toContain('partial');
    report.push(`window before the data start: ${status.diagnostics.map((d) => d.message).join(' / ')}`);
  });
});
