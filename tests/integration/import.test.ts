// SLOs imported from Sloth and Pyrra specs written for the scenario's counters, evaluated by `burndown budget`
// against the real Prometheus 2.42, give the same figures as the equivalent hand-written Burndown SLOs
// (docs/import.md; tests/fixtures/scenario-slos.yaml for checkout-rolling).

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describeWithBackends, getBackends } from './backends';
import { ROOT } from './servers';
import { FIXTURE } from './truth';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['src/cli/main.ts', ...args],
      { cwd: ROOT, maxBuffer: 64 << 20, timeout: 300_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr })
    );
  });
}

const SLOTH = `version: prometheus/v1
service: checkout
slos:
  - name: availability
    objective: 99.5
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
    alerting:
      page_alert: {disable: true}
      ticket_alert: {disable: true}
`;

const PYRRA = `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata: {name: checkout-errors, namespace: shop}
spec:
  target: "99.5"
  window: 4w
  indicator:
    ratio:
      errors: {metric: 'http_requests_total{job="checkout",code=~"5.."}'}
      total: {metric: 'http_requests_total{job="checkout"}'}
---
apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata: {name: checkout-latency, namespace: shop}
spec:
  target: "99"
  window: 28d
  indicator:
    latency:
      success: {metric: 'http_request_duration_seconds_bucket{job="checkout",le="0.25"}'}
      total: {metric: 'http_request_duration_seconds_count{job="checkout"}'}
`;

/** The same SLOs written by hand (the Pyrra ratio one is the scenario's checkout-rolling, read from its file). */
const HAND_WRITTEN = `apiVersion: burndown/v1
slos:
  - id: checkout-availability
    name: hand-written Sloth equivalent
    indicator:
      ratio:
        bad: http_requests_total{job="checkout",code=~"5.."}
        total: http_requests_total{job="checkout"}
    objective: 99.5%
    window: {rolling: 30d}
  - id: checkout-latency
    name: hand-written Pyrra latency equivalent
    indicator:
      latency: {histogram: 'http_request_duration_seconds{job="checkout"}', threshold: 0.25}
    objective: 99%
    window: {rolling: 28d}
`;

const TIMES = ['2026-06-18T00:00:00Z', '2026-07-23T00:00:00Z', '2026-08-13T11:00:00Z', '2026-09-10T00:00:00Z'];
const FIGURES = ['window', 'good', 'bad', 'total', 'sli', 'remaining', 'consumed', 'burnRates', 'timeToExhaustion'];

type Status = Record<string, unknown> & { id: string };

describeWithBackends('imported Sloth and Pyrra SLOs against the real Prometheus', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'burndown-import-'));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const imported = path.join(dir, 'imported.yaml');
  const hand = file('hand.yaml', HAND_WRITTEN);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const r = await runCli(['import', file('sloth.yml', SLOTH), file('pyrra.yaml', PYRRA)]);
    expect(r.stderr).toMatch(/burndown: imported 3 SLOs, 1 note, 0 refused\n$/);
    expect(r.code).toBe(0);
    writeFileSync(imported, r.stdout);
  });

  it('imports the three SLOs with the expected ids and indicators', () => {
    const text = readFileSync(imported, 'utf8');
    expect(text).toContain('id: checkout-availability');
    expect(text).toContain('id: checkout-errors');
    expect(text).toContain('histogram: http_request_duration_seconds{job="checkout"}');
  });

  async function budget(fileName: string, slo: string, t: string): Promise<Status> {
    const prometheus = getBackends().prometheus!;
    const r = await runCli([
      'budget',
      '--prometheus',
      prometheus,
      '--file',
      fileName,
      '--slo',
      slo,
      '--at',
      t,
      '--output',
      'json',
    ]);
    if (r.code !== 0) {
      throw new Error(`budget ${fileName} ${slo} at ${t}: exit ${r.code}: ${r.stderr}`);
    }
    const list = JSON.parse(r.stdout) as Status[];
    expect(list).toHaveLength(1);
    return list[0];
  }

  const figures = (s: Status) => Object.fromEntries(FIGURES.map((k) => [k, s[k]]));

  it.each(TIMES)('Sloth availability = hand-written rolling 30d at %s', async (t) => {
    const a = await budget(imported, 'checkout-availability', t);
    const b = await budget(hand, 'checkout-availability', t);
    expect(typeof a.total).toBe('number');
    expect(a.total).toBeGreaterThan(0);
    expect(figures(a)).toEqual(figures(b));
  });

  it.each(TIMES)('Pyrra ratio = the scenario checkout-rolling at %s', async (t) => {
    const a = await budget(imported, 'checkout-errors', t);
    const b = await budget(FIXTURE, 'checkout-rolling', t);
    expect(a.total).toBeGreaterThan(0);
    expect(figures(a)).toEqual(figures(b));
  });

  it.each(TIMES)('Pyrra latency = hand-written latency at %s', async (t) => {
    const a = await budget(imported, 'checkout-latency', t);
    const b = await budget(hand, 'checkout-latency', t);
    expect(a.total).toBeGreaterThan(0);
    expect(figures(a)).toEqual(figures(b));
  });
});
