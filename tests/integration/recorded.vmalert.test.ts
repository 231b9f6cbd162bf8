// The recorded-mode rules unchanged in another ruler (docs/recorded-mode.md, "Other rulers"): the high-cardinality
// scenario imported into VictoriaMetrics, the rules of `burndown rules` replayed by vmalert (-replay.timeFrom/To, which
// writes the tiles back through remote write), then the status in recorded mode read from VictoriaMetrics and compared
// with the generator's exact truth (normal operation, across the scrape gap, across the counter reset).
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'node:http';

import { windowAt } from '../../src/engine';
import { counterExprs, fetchTrafficHistory, hourlyHistoryOf, HttpPromClient, type SloStatus } from '../../src/query';
import { StatsClient } from '../../bench/promStats';
import { evaluateSlo } from '../../src/query/status';
import { prometheusRules, rulesYaml } from '../../src/rules';
import {
  buildHighCardinality,
  HC_BAD_CODES,
  hcOpenMetrics,
  hcSampleCount,
  hcTruth,
} from '../generator/highCardinality';
import { hcSpec } from './recordedHc';
import { findBinary, freePort, httpGet, instantQuery, stopPid } from './servers';
import { run, tempDir, waitFor } from './rulesTools';

const HOUR = 3_600_000;
const VM = findBinary(process.env.VICTORIA_METRICS_BIN ?? 'victoria-metrics');
const VMALERT = findBinary(process.env.VMALERT_BIN ?? 'vmalert');
if ((!VM || !VMALERT) && process.env.CI === 'true') {
  throw new Error(
    'recorded.vmalert.test needs victoria-metrics and vmalert on PATH (apt-get install victoria-metrics)'
  );
}
const describeVm = VM && VMALERT ? describe : describe.skip;

/** Prometheus text with millisecond timestamps (what /api/v1/import/prometheus reads), from the OpenMetrics lines. */
function* promText(om: Iterable<string>): Generator<string> {
  for (const chunk of om) {
    const lines = chunk
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => {
        const i = l.lastIndexOf(' ');
        return `${l.slice(0, i)} ${Number(l.slice(i + 1)) * 1000}`;
      });
    if (lines.length > 0) {
      yield `${lines.join('\n')}\n`;
    }
  }
}

function post(url: string, body: Iterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    (async () => {
      for (const chunk of body) {
        if (!req.write(chunk)) {
          await new Promise((r) => req.once('drain', r));
        }
      }
      req.end();
    })().catch(reject);
  });
}

describeVm('recorded-mode rules in vmalert against VictoriaMetrics', () => {
  const hc = buildHighCardinality();
  const tmp = tempDir('recorded-vm');
  let vm: ChildProcess | undefined;
  let url = '';
  const report: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const fd = openSync(path.join(tmp.dir, 'victoria.log'), 'a');
    vm = spawn(
      VM!,
      [
        `-httpListenAddr=127.0.0.1:${port}`,
        `-storageDataPath=${path.join(tmp.dir, 'vm')}`,
        '-retentionPeriod=10y',
        '-search.disableCache',
        '-search.latencyOffset=0s',
      ],
      { stdio: ['ignore', fd, fd] }
    );
    await waitFor(
      'VictoriaMetrics /health',
      async () => (await httpGet(`${url}/health`, 2000)).status === 200,
      60_000,
      [vm]
    );
    expect(await post(`${url}/api/v1/import/prometheus`, promText(hcOpenMetrics(hc)))).toBe(204);
    await httpGet(`${url}/internal/force_flush`);
    const expected = hcSampleCount(hc);
    await waitFor(
      'VictoriaMetrics holds the scenario',
      async () => (await instantQuery(url, 'sum(count_over_time({job="hc"}[3d]))', hc.endMs))[0]?.value === expected,
      120_000,
      [vm]
    );
    const rules = path.join(tmp.dir, 'rules.yaml');
    writeFileSync(rules, rulesYaml(prometheusRules([hcSpec('recorded')])));
    const replay = await run(VMALERT!, [
      `-rule=${rules}`,
      `-datasource.url=${url}`,
      `-remoteWrite.url=${url}`,
      `-replay.timeFrom=${new Date(hc.startMs).toISOString()}`,
      `-replay.timeTo=${new Date(hc.endMs).toISOString()}`,
      '-replay.disableProgressBar',
      '-replay.rulesDelay=0s',
    ]);
    if (replay.code !== 0) {
      throw new Error(`vmalert replay: ${replay.output.slice(-1000)}`);
    }
    await httpGet(`${url}/internal/force_flush`);
    await waitFor(
      'VictoriaMetrics holds the tiles',
      async () =>
        ((
          await instantQuery(url, 'count_over_time(burndown:slo_events_total:tiles5m{slo="hc"}[2d])', hc.endMs)
        )[0]?.value ?? 0) > 400,
      60_000,
      [vm]
    );
  }, 600_000);

  afterAll(async () => {
    if (vm?.pid) {
      await stopPid(vm.pid);
    }
    tmp.remove();
    process.stdout.write(`recorded mode on VictoriaMetrics + vmalert: ${report.join('; ')}\n`);
  });

  // First in the file: the module's guesses start empty (no tile seen, no clock grid seen on this data source).
  it('a first load with the overview burn-down: 2 requests, the figures of the load that decides first', async () => {
    // The burn-down's range request goes first (recordedStatus.ts: evaluateWithMode), the counts planned on the newest
    // tile it saw ride in the decision; the reference load decides first (decision with the counts, then the range).
    const spec = {
      ...hcSpec('recorded'),
      window: { kind: 'fixed' as const, from: Date.UTC(2026, 8, 20), to: Date.UTC(2026, 9, 20) },
    };
    const t = hc.startMs + 30 * HOUR + 7 * 60_000;
    const first = new StatsClient(url);
    const statuses = await evaluateSlo(first, spec, t, { now: hc.endMs, hourlyBad: true });
    expect(statuses[0].answeredBy?.mode).toBe('recorded');
    expect([first.instants, first.ranges]).toEqual([1, 1]);
    const ref = new StatsClient(url);
    const reference = await evaluateSlo(ref, spec, t, { now: hc.endMs, hourlyBad: true });
    const figures = (x: readonly SloStatus[]) => x.map((s) => [s.bad, s.total, s.remaining, s.burnRates, s.burndown]);
    expect(figures(statuses)).toEqual(figures(reference));
    expect(statuses[0].burndown?.remaining).toEqual(expect.any(Number));
    // Its hours (tiles nearest each hour's edges, read without the newest tile) are the hours the forecast's own
    // history reads on the newest tile's phase (recordedChart.ts: tileSums).
    const end = windowAt(t, spec.window).end;
    const totals = await fetchTrafficHistory(
      new HttpPromClient(url),
      counterExprs(spec.indicator),
      { from: end, to: end },
      'UTC',
      {
        tilesOf: { spec },
      }
    );
    expect(Array.from(hourlyHistoryOf(statuses[0].burndown)!.total)).toEqual(Array.from(totals.get('')!.total));
    report.push(
      `first load with the burn-down: ${first.requests} requests (reference ${ref.requests}), remaining ` +
        `${statuses[0].remaining} = ${reference[0].remaining}, burn-down ${statuses[0].burndown?.remaining}`
    );
  });

  it.each([
    ['normal operation', 24],
    ['across the scrape gap', 27],
    ['across the counter reset', 36],
  ])('recorded mode answers within 0.1 pp of the truth: %s', async (what, hours) => {
    const t = hc.startMs + hours * HOUR;
    const [status] = await evaluateSlo(new HttpPromClient(url), hcSpec('recorded'), t);
    const total = hcTruth(hc, t - 24 * HOUR, t);
    const bad = hcTruth(hc, t - 24 * HOUR, t, (s) => HC_BAD_CODES.has(s.code));
    const remaining = 1 - bad / (0.005 * total);
    expect(status.answeredBy?.mode).toBe('recorded');
    const pp = Math.abs(status.remaining! - remaining) * 100;
    report.push(`${what}: ${pp.toFixed(5)} pp (total ${status.total} vs ${total}, bad ${status.bad} vs ${bad})`);
    expect(pp).toBeLessThanOrEqual(0.1);
  });
});
