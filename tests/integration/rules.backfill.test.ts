// The backfill procedure of docs/alerting.md, run for real: `promtool tsdb create-blocks-from rules` over the
// generated rules, twice (the ratio rules read the event-count rules), against Prometheus 2.42. After pass 1 the
// ratios are missing; after pass 2 they equal bad/total computed from the raw counters at every checked time, and the
// event counts written again by pass 2 are not doubled.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { prometheusRules, rulesYaml } from '../../src/rules';
import { parseSloDocument } from '../../src/slo';
import { freePort, httpGet, instantQuery, stopPid } from './servers';
import { openMetrics, requireBinaries, run, STEP_S, tempDir, waitFor } from './rulesTools';

const bins = requireBinaries(['prometheus', 'promtool'], 'rules backfill test');
const describeBackfill = bins ? describe : describe.skip;

const SLOS = `
apiVersion: burndown/v1
slos:
  - id: checkout
    name: Checkout availability
    service: checkout
    indicator:
      ratio:
        bad: http_requests_total{job="checkout",code=~"5.."}
        total: http_requests_total{job="checkout"}
    objective: 99.9%
    window: {rolling: 30d}
    groupBy: [route]
    alerting: {page: true}
`;

const TO_S = Date.parse('2026-11-01T00:00:00Z') / 1000;
const FROM_S = TO_S - 2 * 86_400;
const BACKFILL_FROM_S = TO_S - 86_400;
const EVAL_S = 900;

describeBackfill('backfilling the recording rules with promtool, two passes', () => {
  const tmp = tempDir('backfill');
  const data = path.join(tmp.dir, 'prometheus-data');
  const rules = path.join(tmp.dir, 'rules.yaml');
  const timings: string[] = [];
  let prom: { child: ChildProcess; url: string } | undefined;

  afterAll(async () => {
    if (prom) {
      await stopPid(prom.child.pid as number);
    }
    tmp.remove();
  });

  async function startPrometheus(): Promise<void> {
    if (prom) {
      await stopPid(prom.child.pid as number);
    }
    const port = await freePort();
    writeFileSync(path.join(tmp.dir, 'prometheus.yml'), 'global:\n  scrape_interval: 30s\n');
    const fd = openSync(path.join(tmp.dir, 'prometheus.log'), 'a');
    const child = spawn(
      bins!.prometheus,
      [
        `--config.file=${path.join(tmp.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${data}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=10y',
      ],
      { stdio: ['ignore', fd, fd] }
    );
    prom = { child, url: `http://127.0.0.1:${port}` };
    await waitFor(
      'Prometheus ready',
      async () => (await httpGet(`${prom!.url}/-/ready`, 2000)).status === 200,
      60_000,
      [child]
    );
  }

  /** One pass of `promtool tsdb create-blocks-from rules`, its blocks moved into Prometheus, which is restarted. */
  async function backfillPass(n: number): Promise<number> {
    const t0 = Date.now();
    const out = path.join(tmp.dir, `pass-${n}`);
    const res = await run(bins!.promtool, [
      'tsdb',
      'create-blocks-from',
      'rules',
      `--url=${prom!.url}`,
      `--start=${BACKFILL_FROM_S}`,
      `--end=${TO_S}`,
      `--eval-interval=${EVAL_S}s`,
      `--output-dir=${out}`,
      rules,
    ]);
    expect(res.code).toBe(0);
    const blocks = readdirSync(out);
    timings.push(`promtool ${n} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await stopPid(prom!.child.pid as number);
    timings.push(`stopped ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const b of blocks) {
      renameSync(path.join(out, b), path.join(data, b));
    }
    await startPrometheus();
    timings.push(`pass ${n} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return blocks.length;
  }

  const samplesOf = async (series: string) =>
    (await instantQuery(prom!.url, `count_over_time(${series}[3d])`, TO_S * 1000 + 1000)).map((r) => r.value);

  it('needs two passes and then matches the raw ratio', async () => {
    const { file } = parseSloDocument(SLOS, { file: 'backfill-slos.yaml' });
    writeFileSync(rules, rulesYaml(prometheusRules(file!.slos)));
    // /pay: an incident of 5% errors for two hours, and one failure every 10 minutes otherwise; /cart: one an hour.
    const incident = (t: number) => t > TO_S - 20 * 3600 && t <= TO_S - 18 * 3600;
    const om = path.join(tmp.dir, 'data.om');
    writeFileSync(
      om,
      openMetrics(FROM_S, TO_S, [
        { labels: 'job="checkout",route="/pay"', badAt: (t) => (incident(t) ? 5 : t % 600 === 0 ? 1 : 0) },
        { labels: 'job="checkout",route="/cart"', badAt: (t) => (t % 3600 === 0 ? 1 : 0) },
      ])
    );
    mkdirSync(data);
    const created = await run(bins!.promtool, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--max-block-duration=240h',
      om,
      data,
    ]);
    expect(created.code).toBe(0);
    await startPrometheus();

    const pay = (name: string) => `${name}{slo="checkout",route="/pay"}`;

    expect(await backfillPass(1)).toBeGreaterThan(0);
    const [evaluations] = await samplesOf(pay('burndown:slo_events_total:increase1h'));
    // one sample per evaluation over the day (promtool leaves out one end of [start, end])
    expect(evaluations).toBeGreaterThanOrEqual(86_400 / EVAL_S);
    expect(evaluations).toBeLessThanOrEqual(86_400 / EVAL_S + 1);
    expect(await samplesOf(pay('burndown:slo_error_ratio:ratio1h'))).toEqual([]);

    expect(await backfillPass(2)).toBeGreaterThan(0);
    expect(await samplesOf(pay('burndown:slo_error_ratio:ratio1h'))).toEqual([evaluations]);
    // pass 2 wrote the counts again at the same timestamps: merged, not doubled
    expect(await samplesOf(pay('burndown:slo_events_total:increase1h'))).toEqual([evaluations]);

    const raw = (w: string) =>
      `sum by (route)(increase(http_requests_total{job="checkout",code=~"5.."}[${w}])) / ` +
      `sum by (route)(increase(http_requests_total{job="checkout"}[${w}]))`;
    // promtool evaluates on the group's own grid (an offset per group, as Prometheus does): compare at its timestamps.
    let checked = 0;
    let worst = 0;
    for (const [w, record] of [
      ['1h', 'burndown:slo_error_ratio:ratio1h'],
      ['6h', 'burndown:slo_error_ratio:ratio6h'],
    ]) {
      const res = await httpGet(
        `${prom!.url}/api/v1/query?query=${encodeURIComponent(`${record}{slo="checkout"}[3d]`)}&time=${TO_S + 1}`
      );
      const series = JSON.parse(res.body).data.result as Array<{
        metric: Record<string, string>;
        values: Array<[number, string]>;
      }>;
      expect(series.map((x) => x.metric.route).sort()).toEqual(['/cart', '/pay']);
      for (const x of series) {
        // every hour of the day
        for (const [ts, text] of x.values.filter((_, i) => i % 4 === 0)) {
          const expected = (await instantQuery(prom!.url, raw(w), ts * 1000)).find(
            (r) => r.metric.route === x.metric.route
          )!;
          const diff = Math.abs(Number(text) - expected.value);
          worst = Math.max(worst, diff);
          expect(diff).toBeLessThanOrEqual(1e-15 + 1e-12 * Math.abs(expected.value));
          checked++;
        }
      }
    }
    expect(checked).toBe(2 * 2 * Math.ceil(evaluations / 4));
    // 10 minutes before the two-hour incident ends, the last recorded 1h ratio of /pay lies wholly inside it: 5%
    const during = await instantQuery(
      prom!.url,
      `last_over_time(${pay('burndown:slo_error_ratio:ratio1h')}[${EVAL_S}s])`,
      (TO_S - 18 * 3600 - 600) * 1000
    );
    expect(during[0].value).toBeCloseTo(0.05, 9);
    process.stdout.write(
      `rules backfill: ${checked} ratios match the raw query (worst |diff| ${worst}); scrapes every ${STEP_S} s (${timings.join(
        ', '
      )})\n`
    );
  }, 240_000);
});
