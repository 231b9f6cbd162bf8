// The `burndown budget` command against a real Prometheus and VictoriaMetrics, checked against the exact
// truth (docs/semantics.md section 9): remaining within 0.1 pp at every checked time, exactly 100% at a period start.
//
// Contract under test: `tsx src/cli/main.ts budget --prometheus <url> --file <slos.yaml> [--slo <id>]
// [--at <RFC3339>] --output json` prints an array of {id, window {start, end}, good, bad, total, sli,
// remaining, consumed, burnRates {1h, 6h, 1d, 3d}, timeToExhaustion, policy}; exit codes 0 ok,
// 1 validation error, 2 usage error, 3 backend error.

import { execFile } from 'node:child_process';
import path from 'node:path';

import { describeEachBackend, describeWithBackends } from './backends';
import { freePort, ROOT } from './servers';
import {
  at,
  BURN_RATE_LOOKBACKS,
  DeviationLog,
  expectedAt,
  expectedBurnRate,
  expectedPolicy,
  FIXTURE,
  iso,
  SLOS,
  sloById,
} from './truth';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = 'src/cli/main.ts';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(TSX, [MAIN, ...args], { cwd: ROOT, maxBuffer: 64 << 20, timeout: 300_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs jobs with at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

interface Check {
  slo: string;
  at: string;
  label: string;
  /** The window starts exactly here: remaining must be exactly 1. */
  periodStart?: boolean;
}

const CHECKS: Check[] = [
  { slo: 'checkout-q-utc', at: '2026-07-01T00:00:00Z', label: 'period start', periodStart: true },
  { slo: 'checkout-q-utc', at: '2026-07-06T00:00:00Z', label: 'start + 5 d' },
  { slo: 'checkout-q-utc', at: '2026-08-13T11:00:00Z', label: 'day after the scrape gap' },
  { slo: 'checkout-q-utc', at: '2026-09-30T23:59:30Z', label: 'period end (last scrape)' },
  { slo: 'checkout-q-utc', at: '2026-10-01T00:00:00Z', label: 'next period start', periodStart: true },

  { slo: 'checkout-q-berlin', at: '2026-06-30T22:00:00Z', label: 'period start (00:00 CEST)', periodStart: true },
  { slo: 'checkout-q-berlin', at: '2026-07-01T00:00:00Z', label: 'UTC quarter start; Berlin incident inside' },
  { slo: 'checkout-q-berlin', at: '2026-07-05T22:00:00Z', label: 'start + 5 d' },
  { slo: 'checkout-q-berlin', at: '2026-08-13T11:00:00Z', label: 'day after the scrape gap' },
  { slo: 'checkout-q-berlin', at: '2026-09-30T21:59:30Z', label: 'period end (last scrape)' },
  { slo: 'checkout-q-berlin', at: '2026-09-30T22:00:00Z', label: 'next period start', periodStart: true },

  { slo: 'checkout-fiscal', at: '2026-08-31T23:59:30Z', label: 'end of the Jun-Aug fiscal quarter (gap inside)' },
  { slo: 'checkout-fiscal', at: '2026-09-01T00:00:00Z', label: 'period start', periodStart: true },
  { slo: 'checkout-fiscal', at: '2026-09-06T00:00:00Z', label: 'start + 5 d' },
  { slo: 'checkout-fiscal', at: '2026-09-10T00:00:00Z', label: 'after the September incident and restart' },
  { slo: 'checkout-fiscal', at: '2026-10-20T00:00:00Z', label: 'end of data' },

  { slo: 'checkout-month', at: '2026-06-30T23:59:30Z', label: 'June end (two incidents)' },
  { slo: 'checkout-month', at: '2026-08-01T00:00:00Z', label: 'period start', periodStart: true },
  { slo: 'checkout-month', at: '2026-08-06T00:00:00Z', label: 'start + 5 d (maintenance inside)' },
  { slo: 'checkout-month', at: '2026-08-13T11:00:00Z', label: 'day after the scrape gap' },
  { slo: 'checkout-month', at: '2026-08-31T23:59:30Z', label: 'period end (last scrape)' },
  { slo: 'checkout-month', at: '2026-09-01T00:00:00Z', label: 'next period start', periodStart: true },

  { slo: 'checkout-rolling', at: '2026-06-10T00:00:00Z', label: 'window reaches before the data' },
  { slo: 'checkout-rolling', at: '2026-08-13T11:00:00Z', label: 'day after the scrape gap' },
  { slo: 'checkout-rolling', at: '2026-09-10T00:00:00Z', label: 'after the September incident and restart' },
  { slo: 'checkout-rolling', at: '2026-10-20T00:00:00Z', label: 'end of data' },

  { slo: 'checkout-fixed', at: '2026-08-10T00:00:00Z', label: 'window start', periodStart: true },
  { slo: 'checkout-fixed', at: '2026-08-12T12:00:00Z', label: 'after the incident and the gap' },
  { slo: 'checkout-fixed', at: '2026-08-13T11:00:00Z', label: 'day after the scrape gap' },
  { slo: 'checkout-fixed', at: '2026-08-17T00:00:00Z', label: 'window end' },
  { slo: 'checkout-fixed', at: '2026-09-01T00:00:00Z', label: 'after the window end' },

  { slo: 'checkout-excl', at: '2026-07-01T00:00:00Z', label: 'period start', periodStart: true },
  { slo: 'checkout-excl', at: '2026-08-05T03:00:00Z', label: 'right after the excluded maintenance' },
  { slo: 'checkout-excl', at: '2026-08-06T00:00:00Z', label: 'day after the maintenance' },
  { slo: 'checkout-excl', at: '2026-08-13T11:00:00Z', label: 'day after the scrape gap' },
  { slo: 'checkout-excl', at: '2026-09-30T23:59:30Z', label: 'period end (last scrape)' },

  { slo: 'checkout-latency', at: '2026-07-01T00:00:00Z', label: 'period start', periodStart: true },
  { slo: 'checkout-latency', at: '2026-07-23T00:00:00Z', label: 'after the latency incident' },
  { slo: 'checkout-latency', at: '2026-08-13T11:00:00Z', label: 'day after the scrape gap' },
  { slo: 'checkout-latency', at: '2026-09-30T23:59:30Z', label: 'period end (last scrape)' },
];

const STATUS_FIELDS = [
  'bad',
  'burnRates',
  'consumed',
  'diagnostics',
  'good',
  'id',
  'policy',
  'remaining',
  'sli',
  'timeToExhaustion',
  'total',
  'window',
];

interface Status {
  id: string;
  window: { start: string; end: string };
  good: number | null;
  bad: number | null;
  total: number | null;
  sli: number | null;
  remaining: number | null;
  consumed: number | null;
  burnRates: Record<string, number | null>;
  timeToExhaustion: string | null;
  policy: string | null;
  burndown?: { remaining: number | null; forecastTotal: number | null };
}

const REMAINING_TOLERANCE = 0.001; // 0.1 percentage point
const deviations = new DeviationLog(
  'CLI: worst deviation of remaining budget from the exact truth (percentage points)'
);
const totalDeviations = new DeviationLog(
  'CLI: worst relative deviation of total events from the exact truth (percent)',
  '%'
);
const burnRateDeviations = new DeviationLog(
  'CLI: worst relative deviation of burn rates from the exact truth (percent)',
  '%'
);
const gapBurnRates = new DeviationLog(
  'CLI: burn rates whose lookback starts inside the scrape gap (asserted within the observable bounds), deviation from the truth (percent)',
  '%'
);

afterAll(() => {
  const tables = [deviations, totalDeviations, burnRateDeviations, gapBurnRates].map((d) => d.table());
  process.stdout.write(`\n${tables.join('\n\n')}\n\n`);
});

describeEachBackend('burndown budget --output json', (backend) => {
  // One CLI run per distinct time (all SLOs), two at a time.
  const times = [...new Set(CHECKS.map((c) => c.at))];
  const runs = new Map<string, CliResult>();

  beforeAll(async () => {
    const results = await pool(times, 2, (t) =>
      runCli(['budget', '--prometheus', backend.url, '--file', FIXTURE, '--at', t, '--output', 'json'])
    );
    times.forEach((t, i) => runs.set(t, results[i]));
  });

  function statusOf(t: string, id: string): Status {
    const r = runs.get(t)!;
    if (r.code !== 0) {
      throw new Error(`exit ${r.code} at ${t}: ${r.stderr}`);
    }
    const list = JSON.parse(r.stdout) as Status[];
    expect(list.map((s) => s.id).sort()).toEqual(SLOS.map((s) => s.id).sort());
    const s = list.find((x) => x.id === id);
    if (!s) {
      throw new Error(`${id} missing at ${t}`);
    }
    return s;
  }

  it.each(CHECKS.map((c) => [c.slo, c.label, c.at, c] as const))('%s, %s (%s)', (_id, _label, _at, check) => {
    const slo = sloById(check.slo);
    const t = at(check.at);
    const s = statusOf(check.at, check.slo);
    const { window, figures } = expectedAt(slo, t);

    // Calendar and fixed windows also carry the burn-down (docs/cli.md).
    const fields = slo.window.kind === 'rolling' ? STATUS_FIELDS : [...STATUS_FIELDS, 'burndown'].sort();
    expect(Object.keys(s).sort()).toEqual(fields);
    expect(at(s.window.start)).toBe(window.start);
    expect(at(s.window.end)).toBe(window.end);
    expect(s.timeToExhaustion === null || typeof s.timeToExhaustion === 'string').toBe(true);
    expect(Object.keys(s.burnRates).sort()).toEqual(['1d', '1h', '3d', '6h']);

    if (check.periodStart) {
      // Nothing before the period start counts: exactly 100%.
      expect(s.remaining).toBe(1);
      expect(s.consumed).toBe(0);
      expect(s.total).toBe(0);
      expect(s.bad).toBe(0);
      expect(s.sli).toBeNull();
      expect(s.policy).toBeNull();
      deviations.add(backend.name, slo.id, ((s.remaining ?? NaN) - 1) * 100, `${check.at} (start)`);
      return;
    }

    expect(typeof s.remaining).toBe('number');
    const remaining = s.remaining as number;
    deviations.add(backend.name, slo.id, (remaining - figures.remaining) * 100, check.at);
    totalDeviations.add(backend.name, slo.id, ((s.total as number) / figures.total - 1) * 100, check.at);
    expect(Math.abs(remaining - figures.remaining)).toBeLessThanOrEqual(REMAINING_TOLERANCE);
    expect(s.consumed as number).toBeCloseTo(1 - remaining, 9);
    expect(Math.abs((s.total as number) / figures.total - 1)).toBeLessThanOrEqual(0.001);
    expect(s.good as number).toBeCloseTo((s.total as number) - (s.bad as number), 3);
    expect(Math.abs((s.sli as number) - (figures.sli as number))).toBeLessThanOrEqual(
      REMAINING_TOLERANCE * (1 - slo.objective)
    );

    for (const [name, ms] of BURN_RATE_LOOKBACKS) {
      const want = expectedBurnRate(slo, t, ms);
      const got = s.burnRates[name];
      if (want === undefined) {
        continue;
      }
      expect(typeof got).toBe('number');
      const g = got as number;
      const tol = (x: number) => 0.01 + 0.01 * Math.abs(x);
      if (!want.exact) {
        // The lookback starts inside the scrape gap: any split of the gap's events is an honest answer.
        gapBurnRates.add(
          backend.name,
          slo.id,
          (g / want.truth - 1) * 100,
          `${check.at} ${name}: ${g.toFixed(3)}, truth ${want.truth.toFixed(3)}, observable ${want.lo.toFixed(
            3
          )}..${want.hi.toFixed(3)}`
        );
      } else {
        burnRateDeviations.add(
          backend.name,
          slo.id,
          (g / want.truth - 1) * 100,
          `${check.at} ${name}: ${g.toFixed(3)} vs ${want.truth.toFixed(3)}`
        );
      }
      expect(g).toBeGreaterThanOrEqual(want.lo - tol(want.lo));
      expect(g).toBeLessThanOrEqual(want.hi + tol(want.hi));
    }

    // The policy follows the burn-down for calendar and fixed windows (docs/semantics.md section 5): the truth's counts
    // over the allowance with the CLI's own forecast of the rest; "if the period ended now" for rolling windows.
    const forecast = s.burndown?.forecastTotal;
    const policyFigure =
      forecast === undefined || forecast === null
        ? figures.remaining
        : 1 - figures.bad / ((1 - slo.objective) * (figures.total + forecast));
    if (forecast !== undefined && forecast !== null) {
      expect(Math.abs((s.burndown!.remaining as number) - policyFigure)).toBeLessThanOrEqual(REMAINING_TOLERANCE);
    }
    const policy = expectedPolicy(slo, policyFigure);
    if (!policy.ambiguous) {
      expect(s.policy).toBe(policy.name);
    }
  });

  it('answers for one SLO with --slo', async () => {
    const r = await runCli([
      'budget',
      '--prometheus',
      backend.url,
      '--file',
      FIXTURE,
      '--slo',
      'checkout-q-berlin',
      '--at',
      '2026-07-01T00:00:00Z',
      '--output',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Status[];
    expect(list.map((s) => s.id)).toEqual(['checkout-q-berlin']);
    const want = expectedAt(sloById('checkout-q-berlin'), at('2026-07-01T00:00:00Z')).figures.remaining;
    // The Berlin quarter opened two hours earlier, on an incident: deeply overspent.
    expect(want).toBeLessThan(0);
    expect(Math.abs((list[0].remaining as number) - want)).toBeLessThanOrEqual(REMAINING_TOLERANCE);
  });

  it('reports an SLO without data as remaining null, and "No data" in the table', async () => {
    const file = 'tests/fixtures/nodata-slos.yaml';
    const json = await runCli([
      'budget',
      '--prometheus',
      backend.url,
      '--file',
      file,
      '--at',
      '2026-08-13T11:00:00Z',
      '--output',
      'json',
    ]);
    expect(json.code).toBe(0);
    const [s] = JSON.parse(json.stdout) as Status[];
    expect(s.id).toBe('checkout-nodata');
    expect(s.remaining).toBeNull();
    expect(s.sli).toBeNull();
    const table = await runCli([
      'budget',
      '--prometheus',
      backend.url,
      '--file',
      file,
      '--at',
      '2026-08-13T11:00:00Z',
      '--output',
      'table',
    ]);
    expect(table.code).toBe(0);
    // The first column is the SLO's name; the diagnostics under the table name its id.
    expect(table.stdout.split('\n')[1]).toMatch(/^A job that was never scraped /);
    expect(table.stdout).toContain('checkout-nodata: No data');
    expect(table.stdout).toContain('No data');
    expect(table.stdout).not.toContain('100.00%');
  });

  it('exits 3 naming the SLO and the field when the backend rejects a query', async () => {
    const r = await runCli([
      'budget',
      '--prometheus',
      backend.url,
      '--file',
      'tests/fixtures/promql-error-slos.yaml',
      '--at',
      '2026-08-13T11:00:00Z',
      '--output',
      'json',
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('checkout-bad-promql');
    expect(r.stderr).toContain('indicator.ratio.bad');
  });
});

describeWithBackends('burndown budget errors', () => {
  it('exits 3 when the backend is unreachable', async () => {
    const port = await freePort();
    const r = await runCli([
      'budget',
      '--prometheus',
      `http://127.0.0.1:${port}`,
      '--file',
      FIXTURE,
      '--slo',
      'checkout-q-utc',
      '--at',
      '2026-08-13T11:00:00Z',
      '--output',
      'json',
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('checkout-q-utc');
  });

  it.each([
    ['no --file', ['budget', '--prometheus', 'http://127.0.0.1:9']],
    ['unknown flag', ['budget', '--prometheus', 'http://127.0.0.1:9', '--file', FIXTURE, '--bogus', 'x']],
    ['bad --at', ['budget', '--prometheus', 'http://127.0.0.1:9', '--file', FIXTURE, '--at', 'yesterday']],
    ['unknown --slo', ['budget', '--prometheus', 'http://127.0.0.1:9', '--file', FIXTURE, '--slo', 'nope']],
    ['unknown command', ['frobnicate']],
  ])('exits 2 on a usage error: %s', async (_name, args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  it('exits 1 on an invalid SLO file, naming the line', async () => {
    const r = await runCli([
      'budget',
      '--prometheus',
      'http://127.0.0.1:9',
      '--file',
      'tests/fixtures/invalid-slos.yaml',
      '--at',
      '2026-08-13T11:00:00Z',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid-slos\.yaml:\d+:\d+: slos\[0\]\.objective/);
  });
});

// Keep the check table honest: every fixture SLO is checked, and at a period start where it has one.
describe('check table', () => {
  it('covers every fixture SLO', () => {
    expect([...new Set(CHECKS.map((c) => c.slo))].sort()).toEqual(SLOS.map((s) => s.id).sort());
  });

  it('marks exactly the instants where a window starts', () => {
    for (const c of CHECKS) {
      const slo = sloById(c.slo);
      const w = expectedAt(slo, at(c.at)).window;
      expect([c.slo, c.at, w.start === w.end]).toEqual([c.slo, c.at, Boolean(c.periodStart)]);
    }
    expect(iso(at('2026-07-01T00:00:00Z'))).toBe('2026-07-01T00:00:00Z');
  });
});
