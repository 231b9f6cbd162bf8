// Recorded mode at high cardinality against a real Prometheus 2.42 (docs/recorded-mode.md): 1000 series, the rules of
// `burndown rules` backfilled with promtool (the last 30 minutes left unrecorded, so the raw tail is exercised), and
// --query.max-samples=50000. Raw mode fails with a message naming recorded mode; recorded mode answers within
// 0.1 pp of the generator's exact truth in normal operation, across the scrape gap, and across the counter reset.
import { CountingPromClient, HttpPromClient, QueryError } from '../../src/query';
import { evaluateSlo } from '../../src/query/status';
import { HC_BAD_CODES, hcTruth } from '../generator/highCardinality';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from './servers';
import { requireBinaries, run, tempDir } from './rulesTools';
import { hcSpec, startHcBackend, type HcBackend } from './recordedHc';

const bins = requireBinaries(['prometheus', 'promtool'], 'recorded-mode high-cardinality test');
const describeHc = bins ? describe : describe.skip;

const HOUR = 3_600_000;
const MAX_SAMPLES = 50_000;

describeHc('recorded mode at high cardinality (1000 series, --query.max-samples=50000)', () => {
  let be: HcBackend;
  const report: string[] = [];

  beforeAll(async () => {
    const probe = hcSpec('recorded');
    // backfilled up to 30 minutes before the data end: the rest comes from raw data
    be = await startHcBackend([probe], { maxSamples: MAX_SAMPLES, backfillToMs: Date.UTC(2026, 9, 2, 11, 30) });
  }, 300_000);

  afterAll(async () => {
    await be?.stop();
    process.stdout.write(
      `recorded mode, high cardinality: ${report.join('; ')} (setup ${JSON.stringify(be?.timings)})\n`
    );
  });

  const truthRemaining = (t: number) => {
    const total = hcTruth(be.hc, t - 24 * HOUR, t);
    const bad = hcTruth(be.hc, t - 24 * HOUR, t, (s) => HC_BAD_CODES.has(s.code));
    return { total, bad, remaining: 1 - bad / (0.005 * total) };
  };

  it('raw mode fails on --query.max-samples, and the message names recorded mode and how to enable it', async () => {
    const t = be.hc.startMs + 24 * HOUR;
    const err = await evaluateSlo(new HttpPromClient(be.url), hcSpec('raw'), t).then(
      () => undefined,
      (e: unknown) => e
    );
    expect(err).toBeInstanceOf(QueryError);
    const message = (err as Error).message;
    expect(message).toMatch(/too many samples/);
    expect(message).toContain('set `mode: recorded` (or `auto`)');
    expect(message).toContain('burndown rules --file');
    report.push(`raw: ${message.slice(0, 90)}...`);
  });

  // Total within 1e-4 of the truth, 1e-3 for a window that starts at the data start: the tile there may be the
  // increase() fallback of a series without a previous sample (extrapolated), when its edge is subtracted from it.
  it.each([
    ['normal operation', 25, 1e-4],
    ['a window from the data start', 24, 1e-3],
    ['across the scrape gap', 27, 1e-4],
    ['across the counter reset, with 30 unrecorded minutes', 36, 1e-4],
  ])('recorded mode answers within 0.1 pp of the truth: %s', async (what, hours, totalTolerance) => {
    const t = be.hc.startMs + hours * HOUR;
    const [status] = await evaluateSlo(new HttpPromClient(be.url), hcSpec('recorded'), t);
    const truth = truthRemaining(t);
    expect(status.answeredBy?.mode).toBe('recorded');
    const pp = Math.abs(status.remaining! - truth.remaining) * 100;
    expect(pp).toBeLessThanOrEqual(0.1);
    expect(Math.abs(status.total! - truth.total) / truth.total).toBeLessThan(totalTolerance);
    report.push(
      `${what}: ${pp.toFixed(5)} pp (total ${status.total} vs ${truth.total}, bad ${status.bad} vs ${truth.bad})`
    );
  });

  // The raw edges are plain sample differences (2 samples per series); pod-3's reset (right after the scrape at
  // 30:07) makes an edge's sum negative, and that edge is read again with the reset guard (one more request).
  it('a counter reset inside a raw edge: the edge is read again with the reset guard, within 0.1 pp', async () => {
    const reread: number[] = [];
    for (const minutes of [1, 2, 3, 4, 5]) {
      const t = be.hc.resetMs + minutes * 60_000;
      const client = new CountingPromClient(new HttpPromClient(be.url));
      const [status] = await evaluateSlo(client, hcSpec('recorded'), t);
      const truth = truthRemaining(t);
      expect(status.answeredBy?.mode).toBe('recorded');
      expect(Math.abs(status.remaining! - truth.remaining) * 100).toBeLessThanOrEqual(0.1);
      expect(Math.abs(status.total! - truth.total) / truth.total).toBeLessThan(1e-4);
      expect(client.requests).toBeLessThanOrEqual(3);
      // The re-read is the last request (the second where the counts rode in the decision's: recorded.ts,
      // expectedNewestTile).
      const guarded = client.queries.findIndex((q) => /resets\(/.test(q));
      if (guarded >= 0) {
        expect(guarded).toBe(client.requests - 1);
        reread.push(minutes);
      }
      report.push(
        `reset + ${minutes} min: ${(Math.abs(status.remaining! - truth.remaining) * 100).toFixed(5)} pp ` +
          `(total ${status.total} vs ${truth.total}), ${client.requests} requests`
      );
    }
    // the tail (newest tile, t] holds the reset for at least the first minute after it, whatever the tiles' phase
    expect(reread.length).toBeGreaterThan(0);
  });

  it('`burndown budget` reads the backfilled tiles and says so; in raw mode it exits 3 naming recorded mode', async () => {
    const tmp = tempDir('recorded-cli');
    try {
      const slos = (mode: string) =>
        `apiVersion: burndown/v1\nslos:\n  - id: hc\n    name: HC\n    indicator:\n      ratio:\n` +
        `        bad: http_requests_total{job="hc",code=~"5.."}\n        total: http_requests_total{job="hc"}\n` +
        `    objective: 99.5%\n    window: {rolling: 1d}\n    mode: ${mode}\n`;
      const file = (mode: string) => {
        const f = path.join(tmp.dir, `${mode}.yaml`);
        writeFileSync(f, slos(mode));
        return f;
      };
      const t = be.hc.startMs + 27 * HOUR;
      const cli = (mode: string, output: string) =>
        run(
          path.join(ROOT, 'node_modules', '.bin', 'tsx'),
          [
            'src/cli/main.ts',
            'budget',
            '--prometheus',
            be.url,
            '--file',
            file(mode),
            '--at',
            new Date(t).toISOString(),
            '--output',
            output,
          ],
          ROOT
        );
      const json = await cli('recorded', 'json');
      expect(json.code).toBe(0);
      const [row] = JSON.parse(json.output.slice(json.output.indexOf('['))) as Array<{
        remaining: number;
        mode: string;
        modeReason: string;
      }>;
      expect(row.mode).toBe('recorded');
      expect(Math.abs(row.remaining - truthRemaining(t).remaining) * 100).toBeLessThanOrEqual(0.1);
      const table = await cli('recorded', 'table');
      expect(table.output).toContain('mode:\n  hc: answered by recorded tiles (mode recorded)');
      const raw = await cli('raw', 'json');
      expect(raw.code).toBe(3);
      expect(raw.output).toContain('set `mode: recorded` (or `auto`)');
      report.push(`CLI budget: remaining ${row.remaining} (${row.modeReason}); raw exit ${raw.code}`);
    } finally {
      tmp.remove();
    }
  });

  it('auto reads the tiles when raw would read too many samples, and says so', async () => {
    const t = be.hc.startMs + 24 * HOUR;
    const client = new HttpPromClient(be.url);
    const [auto] = await evaluateSlo(client, hcSpec('auto'), t, { recorded: { autoMaxRawSamples: 100_000 } });
    expect(auto.answeredBy?.mode).toBe('recorded');
    expect(auto.answeredBy?.reason).toMatch(
      /^recorded tiles \(mode auto: raw would read ~\d+ samples, more than 100000\)$/
    );
    // with a generous threshold auto tries raw, which this Prometheus refuses: the error still names recorded mode
    await expect(evaluateSlo(client, hcSpec('auto'), t, { recorded: { autoMaxRawSamples: 1e12 } })).rejects.toThrow(
      /set `mode: recorded`/
    );
    report.push(`auto: ${auto.answeredBy?.reason}`);
  });
});
