// `burndown report` against a real Prometheus and VictoriaMetrics filled with the generator's scenario: the figures of a
// complete month and of the fixed window against the exact truth (docs/semantics.md section 9: within 0.1 pp), the
// episodes against the scenario's incidents (start and end within one bucket), CSV columns and the trend.
import { execFile } from 'node:child_process';
import path from 'node:path';

import { CSV_COLUMNS } from '../../src/report/render';
import { describeEachBackend } from './backends';
import { parseCsv } from './csv';
import { ROOT } from './servers';
import { at, countsOver, figuresFor, FIXTURE, iso, scenario, sloById } from './truth';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const STEP = 5 * 60_000;
const TOLERANCE = 0.001;

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['src/cli/main.ts', ...args],
      { cwd: ROOT, maxBuffer: 64 << 20, timeout: 300_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
      }
    );
  });
}

interface JsonSlo {
  id: string;
  period: { label: string; start: string; end: string };
  complete: boolean;
  met: boolean | null;
  sli: number | null;
  budgetUsed: number | null;
  bad: number;
  total: number;
  episodes: Array<{ start: string; end: string; bad: number; budgetShare: number }>;
  alerts: Array<{ severity: string; start: string }>;
  policy: Array<{ level: string }>;
  noDataSeconds: number;
}

/** The scenario's error bursts (incidents and maintenance) inside (start, end], as the 5xx counters see them. */
function errorBursts(start: number, end: number, excluded: Array<{ from: number; to: number }> = []) {
  const bursts = [
    ...scenario.timeline.incidents.filter((i) => i.kind === 'errors').map((i) => ({ from: i.fromMs, to: i.toMs })),
    ...scenario.timeline.maintenance.map((m) => ({ from: m.fromMs, to: m.toMs })),
  ];
  return bursts
    .filter((b) => b.from >= start && b.to <= end)
    .filter((b) => !excluded.some((x) => x.from <= b.from && x.to >= b.to))
    .sort((a, b) => a.from - b.from);
}

describeEachBackend('burndown report', (backend) => {
  const base = ['report', '--prometheus', backend.url, '--file', FIXTURE, '--at', '2026-10-20T00:00:00Z'];

  it('a complete month: final SLI and budget used equal the truth; every error burst is one episode', async () => {
    const ids = ['checkout-month', 'checkout-excl', 'checkout-latency'];
    const r = await runCli([...base, '--period', '2026-08', '--output', 'json', ...ids.flatMap((id) => ['--slo', id])]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { period: { start: string; end: string }; slos: JsonSlo[] };
    expect(report.period).toEqual({ label: '2026-08', start: '2026-08-01T00:00:00Z', end: '2026-09-01T00:00:00Z' });
    const [start, end] = [at('2026-08-01T00:00:00Z'), at('2026-09-01T00:00:00Z')];
    for (const id of ids) {
      const row = report.slos.find((s) => s.id === id)!;
      const slo = sloById(id);
      const truth = figuresFor(slo, countsOver(start, end, slo.exclusions));
      expect(row.complete).toBe(true);
      expect(Math.abs(row.sli! - truth.sli!)).toBeLessThan(TOLERANCE * (1 - slo.objective));
      expect(Math.abs(row.budgetUsed! - (1 - truth.remaining))).toBeLessThan(TOLERANCE);
      expect(row.met).toBe(truth.sli! >= slo.objective);
      if (slo.indicator === 'ratio') {
        const bursts = errorBursts(start, end, slo.exclusions);
        expect(row.episodes.map((e) => [e.start, e.end])).toHaveLength(bursts.length);
        row.episodes.forEach((e, k) => {
          expect(Math.abs(at(e.start) - bursts[k].from)).toBeLessThanOrEqual(STEP);
          expect(Math.abs(at(e.end) - bursts[k].to)).toBeLessThanOrEqual(STEP);
        });
      }
    }
    // The August outage pages (a 30% error ratio is a 60x burn); its share of the month's budget is its bad events
    // over the month's allowance.
    const month = report.slos.find((s) => s.id === 'checkout-month')!;
    const outage = month.episodes.find((e) => e.start.startsWith('2026-08-12'))!;
    const allowed = (1 - 0.995) * countsOver(start, end).total;
    const outageBad = countsOver(at('2026-08-12T10:20:00Z'), at('2026-08-12T11:30:00Z')).bad;
    expect(Math.abs(outage.budgetShare - outageBad / allowed)).toBeLessThan(0.01);
    expect(month.alerts.some((a) => a.severity === 'page' && a.start.startsWith('2026-08-12T10'))).toBe(true);
  }, 300_000);

  it('the fixed window (an A/B test week) as a custom range equals the truth', async () => {
    const r = await runCli([
      ...base,
      '--period',
      '2026-08-10/2026-08-17',
      '--slo',
      'checkout-fixed',
      '--output',
      'json',
    ]);
    expect(r.code).toBe(0);
    const row = (JSON.parse(r.stdout) as { slos: JsonSlo[] }).slos[0];
    const slo = sloById('checkout-fixed');
    const truth = figuresFor(slo, countsOver(at('2026-08-10T00:00:00Z'), at('2026-08-17T00:00:00Z')));
    expect(row.period).toEqual({
      label: '2026-08-10/2026-08-17',
      start: '2026-08-10T00:00:00Z',
      end: '2026-08-17T00:00:00Z',
    });
    expect(Math.abs(row.budgetUsed! - (1 - truth.remaining))).toBeLessThan(TOLERANCE);
    expect(Math.abs(row.bad - truth.bad) / truth.bad).toBeLessThan(0.001);
    // The 20-minute scrape gap of 2026-08-12 10:50-11:10 is reported as no data (to within a 5-minute bucket at each
    // edge: the scrapes at its edges fall in the edge buckets), not as healthy time.
    expect(row.noDataSeconds).toBeGreaterThanOrEqual(10 * 60);
    expect(row.noDataSeconds).toBeLessThanOrEqual(30 * 60);
    // The outage pages: the fixed window is 7 days, so the 14.4x tier scales to 3.36x (src/rules/alertPlan.ts).
    expect(row.alerts.some((a) => a.severity === 'page' && a.start.startsWith('2026-08-12T10:2'))).toBe(true);
  }, 300_000);

  it('CSV has the stable columns and one row per SLO and period; --last gives the trend', async () => {
    const r = await runCli([
      ...base,
      '--period',
      '2026-08',
      '--last',
      '3',
      '--slo',
      'checkout-month',
      '--output',
      'csv',
    ]);
    expect(r.code).toBe(0);
    const [head, ...body] = parseCsv(r.stdout);
    expect(head).toEqual([...CSV_COLUMNS]);
    const rows = body.map((cells) => {
      expect(cells).toHaveLength(CSV_COLUMNS.length);
      return Object.fromEntries(cells.map((v, i) => [CSV_COLUMNS[i], v]));
    });
    expect(rows.map((x) => x.name)).toEqual(Array(3).fill('Checkout availability, calendar month (UTC)'));
    expect(rows.map((x) => x.period)).toEqual(['2026-06', '2026-07', '2026-08']);
    for (const row of rows) {
      const start = at(row.period_start);
      const end = at(row.period_end);
      // June starts before the data (2026-05-25 is inside May): its figures are still June's events.
      const truth = figuresFor(sloById('checkout-month'), countsOver(start, end));
      expect(Math.abs(Number(row.budget_used) - (1 - truth.remaining))).toBeLessThan(TOLERANCE);
      expect(row.met).toBe(String(truth.sli! >= 0.995));
    }
    expect(iso(at(rows[0].period_start))).toBe('2026-06-01T00:00:00Z');
  }, 300_000);
});
