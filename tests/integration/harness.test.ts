// The harness itself: both backends hold the scenario, and raw PromQL over it matches the exact
// truth (docs/semantics.md sections 8 and 9). Independent of Burndown's own code.

import { buildScenario } from '../generator/scenario.ts';
import { describeEachBackend } from './backends';
import { instantQuery } from './servers';

const at = (iso: string): number => Date.parse(iso);
const s = buildScenario();

async function scalar(url: string, query: string, timeMs: number): Promise<number | undefined> {
  const res = await instantQuery(url, query, timeMs);
  if (res.length > 1) {
    throw new Error(`${query}: ${res.length} series`);
  }
  return res[0]?.value;
}

describeEachBackend('scenario data in the backend', (backend) => {
  const q = (query: string, timeMs: number) => scalar(backend.url, query, timeMs);

  it('sum(increase(http_requests_total[1h])) equals the truth at scrape-aligned times', async () => {
    // Quiet hours, an incident, the hour after a reset, the hour right after the gap.
    const times = [
      '2026-06-01T12:00:00Z',
      '2026-06-17T14:30:00Z',
      '2026-07-15T06:30:00Z',
      '2026-08-12T12:10:00Z',
      '2026-09-09T17:00:00Z',
      '2026-10-19T23:00:00Z',
    ];
    for (const t of times.map(at)) {
      const truth = s.truthCounts(t - 3_600_000, t);
      // Samples sit exactly at both ends of [t - 1h, t]: no extrapolation, the answer is exact.
      expect(await q('sum(increase(http_requests_total{job="checkout"}[1h]))', t)).toBeCloseTo(truth.total, 6);
      expect(await q('sum(increase(http_requests_total{job="checkout",code=~"5.."}[1h]))', t)).toBeCloseTo(
        truth.bad,
        6
      );
      expect(
        await q('sum(increase(http_request_duration_seconds_bucket{job="checkout",le="0.25"}[1h]))', t)
      ).toBeCloseTo(truth.latencyGood, 6);
      expect(await q('sum(increase(http_request_duration_seconds_count{job="checkout"}[1h]))', t)).toBeCloseTo(
        truth.total,
        6
      );
    }
  });

  it('matches the truth within extrapolation at a time between scrapes', async () => {
    const t = at('2026-08-20T12:00:10Z');
    const truth = s.truthCounts(t - 3_600_000, t);
    const got = (await q('sum(increase(http_requests_total{job="checkout"}[1h]))', t)) ?? NaN;
    // Prometheus extrapolates 3570 s of samples to 3600 s; VictoriaMetrics counts from the sample before the window.
    expect(Math.abs(got - truth.total) / truth.total).toBeLessThan(0.02);
  });

  it('counts whole quarters exactly through the resets and the gap with one range', async () => {
    const from = at('2026-07-01T00:00:00Z');
    const to = at('2026-10-01T00:00:00Z');
    const truth = s.truthCounts(from, to);
    expect(await q('sum(increase(http_requests_total{job="checkout"}[92d]))', to)).toBeCloseTo(truth.total, 3);
    expect(await q('sum(increase(http_requests_total{job="checkout",code="500"}[92d]))', to)).toBeCloseTo(truth.bad, 3);
  });

  it('loses the events of a scrape gap that spans the edge of a 1h window (docs/semantics.md section 8)', async () => {
    // (11:00, 12:00] holds the last 10 minutes of the gap: both backends start counting at 11:10.
    const t = at('2026-08-12T12:00:00Z');
    const truth = s.truthCounts(t - 3_600_000, t);
    const got = (await q('sum(increase(http_requests_total{job="checkout"}[1h]))', t)) ?? NaN;
    const lost = 1 - got / truth.total;
    process.stdout.write(
      `${backend.name}: 1h increase ending ${new Date(t).toISOString()} lost ${(lost * 100).toFixed(1)}% of the truth\n`
    );
    expect(lost).toBeGreaterThan(0.05);
  });

  it('has no sample inside the scrape gap', async () => {
    const g = s.gaps[0];
    // Every sample strictly between the two samples that bound the gap.
    const inside = await q('sum(count_over_time({job="checkout"}[19m]))', g.toMs - 30_000);
    expect(inside ?? 0).toBe(0);
    // Prometheus 2.42 range selectors include their left end ([t - 20m, t]); VictoriaMetrics' do not.
    const around = await q('sum(count_over_time({job="checkout"}[20m]))', g.toMs);
    expect(around).toBe((backend.name === 'prometheus' ? 2 : 1) * s.series.length);
  });

  it('shows each restart as one counter reset per series of the pod', async () => {
    for (const r of s.resets) {
      const res = await instantQuery(
        backend.url,
        `resets(http_requests_total{instance="${r.instance}"}[10m])`,
        r.atMs + 300_000
      );
      expect(res.map((x) => x.value)).toEqual([1, 1]);
    }
  });
});
