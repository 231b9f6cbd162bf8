// The overview's budget trend in recorded mode (docs/recorded-mode.md) against a real Prometheus 2.42: the
// high-cardinality scenario (1000 series, 36 h) with the rules backfilled by promtool. The status' burn-down reads the
// hourly sums of the bad and total tiles in its one range request (src/query/forecast.ts: fetchHourlyBuckets,
// recordedChart.ts: recordedHourlyBuckets), so the trend sends no request and reads no raw week; it must equal the trend
// read apart (its own request of raw counters at 6 h steps, as before) and the generator's truth within TREND_TOLERANCE
// at every point with data. An SLO on a fixed window that began 11 days before the data, so the trend's week lies
// inside it (the scenario is 36 h long: 5 of the 28 points hold data). Then a second load: its counts ride in the mode
// decision's request (src/query/recorded.ts: expectedNewestTile), with the same figures. Last, a refresh 30 s later
// with a page cache reads only the fresh tiles and the edges, with the figures of an uncached load.
import { createForecaster, fullWindowAt, windowAt } from '../../src/engine';
import {
  ChunkCache,
  counterExprs,
  evaluateSlo,
  fetchTrafficHistory,
  hourlyHistoryOf,
  type SloStatus,
} from '../../src/query';
import { chartTrend, loadTrend } from '../../src/pages/Overview/loadStatuses';
import type { SloSpec } from '../../src/slo/types';
import { StatsClient } from '../../bench/promStats';
import { HC_BAD_CODES, hcTruth } from '../generator/highCardinality';
import { requireBinaries } from './rulesTools';
import { hcSpec, startHcBackend, type HcBackend } from './recordedHc';

const bins = requireBinaries(['prometheus', 'promtool'], 'recorded-mode trend test');
const describeHc = bins ? describe : describe.skip;

const HOUR = 3_600_000;
/** 0.1 percentage point of remaining budget: a sparkline pixel is about 3 pp. */
const TREND_TOLERANCE = 0.001;

/** hcSpec on a fixed window around the data (same id: the same tiles). */
const SPEC: SloSpec = {
  ...hcSpec('recorded'),
  window: { kind: 'fixed', from: Date.UTC(2026, 8, 20), to: Date.UTC(2026, 9, 20) },
};

describeHc('recorded mode: the overview trend from the tiles the burn-down read (1000 series)', () => {
  let be: HcBackend;
  let first: { t: number; statuses: SloStatus[] } | undefined;

  beforeAll(async () => {
    be = await startHcBackend([SPEC]);
  }, 300_000);

  afterAll(async () => {
    await be?.stop();
  });

  it('no raw week, no request of its own, equal to the trend read apart and to the truth', async () => {
    // On the trend's 6 h grid, so its last point is t (off it, the events after the last point go to the window's start).
    const t = be.hc.startMs + 30 * HOUR;
    const status = new StatsClient(be.url);
    const statuses = await evaluateSlo(status, SPEC, t, { now: be.hc.endMs, hourlyBad: true });
    const [s] = statuses;
    expect(s.answeredBy?.mode).toBe('recorded');
    // A first load: the burn-down's one range request (bad and total tiles, hourly, and the newest tile at t, `@`-pinned),
    // then the mode decision with the counts planned on that tile's grid (recordedStatus.ts: evaluateWithMode).
    expect([status.instants, status.ranges]).toEqual([1, 1]);

    // Its totals are the total-only tile history's, so the forecast is the same figure.
    const window = windowAt(t, SPEC.window);
    const end = { from: window.end, to: window.end };
    const totals = (
      await fetchTrafficHistory(new StatsClient(be.url), counterExprs(SPEC.indicator), end, 'UTC', {
        tilesOf: { spec: SPEC },
      })
    ).get('')!;
    expect(Array.from(hourlyHistoryOf(s.burndown)!.total)).toEqual(Array.from(totals.total));
    const f = createForecaster(totals, { timeZone: 'UTC' }).at(window.end, fullWindowAt(t, SPEC.window).end, {
      start: window.start,
      total: s.total!,
    });
    expect(s.burndown!.forecastTotal).toBe(f.total);

    const shared = new StatsClient(be.url);
    const fromTiles = (await loadTrend(shared, SPEC, t, undefined, statuses))!;
    expect(shared.requests).toBe(0);

    // The reference: the trend's own chart read (chartTrend; in recorded mode the chart's own dispatch, 3 requests here).
    const apart = new StatsClient(be.url);
    const read = (await chartTrend(apart, SPEC, t))!;

    expect(fromTiles.stepMs).toBe(read.stepMs);
    expect(fromTiles.time).toEqual(read.time);
    const bad = (s: (typeof be.hc.series)[number]) => HC_BAD_CODES.has(s.code);
    let worstApart = 0;
    let worstTruth = 0;
    let checked = 0;
    fromTiles.time.forEach((e, i) => {
      if (e <= be.hc.startMs) {
        return;
      }
      const v = fromTiles.value[i];
      const truth = 1 - hcTruth(be.hc, be.hc.startMs, e, bad) / (0.005 * hcTruth(be.hc, be.hc.startMs, e));
      expect(Number.isFinite(v)).toBe(true);
      if (process.env.DEBUG_TREND) {
        process.stdout.write(`${new Date(e).toISOString()} tiles ${v} apart ${read.value[i]} truth ${truth}\n`);
      }
      worstApart = Math.max(worstApart, Math.abs(v - read.value[i]));
      worstTruth = Math.max(worstTruth, Math.abs(v - truth));
      checked++;
    });
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(worstApart).toBeLessThanOrEqual(TREND_TOLERANCE);
    expect(worstTruth).toBeLessThanOrEqual(TREND_TOLERANCE);
    first = { t, statuses };
    // Which of the hourly read's two variants the burn-down took (tiles after the hour's edges when their phase > 0).
    const tile = (
      await new StatsClient(be.url).instant('timestamp(burndown:slo_events_total:tiles5m{slo="hc"})', t)
    )[0];
    const phase =
      (Number((tile?.fields.find((x) => x.type === 'number')?.values as ArrayLike<number>)?.[0]) * 1000) % 300_000;
    process.stdout.write(`tiles' phase against the 5-minute grid: ${(phase / 1000).toFixed(3)} s\n`);
    process.stdout.write(
      `recorded trend: ${checked} points with data, worst ${(worstApart * 100).toFixed(4)} pp from the trend read ` +
        `apart, ${(worstTruth * 100).toFixed(4)} pp from the truth; samples: status ${status.samples} ` +
        `(${status.requests} requests), trend from the tiles ${shared.samples}, trend read apart ${apart.samples}\n`
    );
  }, 300_000);

  it('a second load plans its counts on the tile the first saw: they ride in the decision request, same figures', async () => {
    // The second load takes the path of every load before the first load's reordering (decision with the counts, then
    // the burn-down's range request): its figures equal the first load's exactly (counts, remaining, burn-down).
    expect(first).toBeDefined();
    const again = new StatsClient(be.url);
    const statuses = await evaluateSlo(again, SPEC, first!.t, { now: be.hc.endMs, hourlyBad: true });
    // The mode decision with the counts, the burn-down's range request.
    expect([again.instants, again.ranges]).toEqual([1, 1]);
    const figures = (x: readonly SloStatus[]) => x.map((s) => [s.bad, s.total, s.remaining, s.burndown]);
    expect(figures(statuses)).toEqual(figures(first!.statuses));

    // Past the tiles' end (half an hour after the backfill stopped) the guess is not made: the decision, then the counts.
    const late = new StatsClient(be.url);
    const [s] = await evaluateSlo(late, SPEC, be.hc.endMs + HOUR / 2, { now: be.hc.endMs + HOUR / 2 });
    expect(late.instants).toBe(2);
    expect(s.diagnostics.map((d) => d.kind)).toContain('stale');
    // The same on the overview: the burn-down's range request first saw no tile at its last hour, so no guess either
    // (the decision, then the counts): no count read twice.
    const lateOverview = new StatsClient(be.url);
    await evaluateSlo(lateOverview, SPEC, be.hc.endMs + HOUR / 2, { now: be.hc.endMs + HOUR / 2, hourlyBad: true });
    expect([lateOverview.instants, lateOverview.ranges]).toEqual([2, 1]);
    process.stdout.write(
      `second load: ${again.requests} requests, ${again.samples} samples; half an hour after the tiles: ${late.requests} ` +
        `requests\n`
    );
  });

  it('a refresh 30 s later with the page cache: the settled tiles from the cache, the figures of an uncached load', async () => {
    // The settle line (15 min) falls inside the data: t = 30 h in, as the trend's; the refresh at t + 30 s.
    const t = be.hc.startMs + 30 * HOUR + 7 * 60_000;
    const cache = new ChunkCache();
    const load = new StatsClient(be.url);
    await evaluateSlo(load, SPEC, t, { now: t, cache, hourlyBad: true });
    const refresh = new StatsClient(be.url);
    const tileQueries: string[] = [];
    refresh.onQuery = (q) => tileQueries.push(q);
    const cached = await evaluateSlo(refresh, SPEC, t + 30_000, { now: t + 30_000, cache, hourlyBad: true });
    const uncached = new StatsClient(be.url);
    const plain = await evaluateSlo(uncached, SPEC, t + 30_000, { now: t + 30_000, hourlyBad: true });
    // Equal up to the order of float additions (the settled and the fresh tiles summed apart): 1e-12 relative.
    const figures = (x: readonly SloStatus[]) =>
      x.flatMap((s) => [s.bad, s.total, s.remaining, ...Object.values(s.burnRates)].map((v) => v ?? NaN));
    expect(figures(cached)).toHaveLength(figures(plain).length);
    figures(cached).forEach((v, i) => {
      expect(Math.abs(v - figures(plain)[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
    });
    // The window's tiles from its start to the last settled whole hour are not read again.
    const sums = tileQueries.join('\n').match(/sum_over_time\(burndown:slo_events_total:tiles5m\{[^}]*\}\[(\d+)s\] @/g);
    const longest = Math.max(...(sums ?? []).map((m) => Number(/\[(\d+)s\]/.exec(m)![1])));
    expect(longest).toBeLessThanOrEqual(2 * 3600);
    expect(refresh.samples).toBeLessThan(uncached.samples);
    process.stdout.write(
      `refresh +30 s with the page cache: ${refresh.samples} samples (${refresh.requests} requests), uncached ` +
        `${uncached.samples}, first load ${load.samples} (${load.requests} requests); longest tile sum read ${longest} s\n`
    );
  }, 300_000);
});
