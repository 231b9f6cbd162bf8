import { QueryError, type PromClient } from '../query';
import type { FrameLike } from '../query/frames';
import { batchParts, partLabels } from '../query/testing/batchParts';
import { isoDuration } from '../shared/format';
import { CannotReadError } from './io';
import { EXIT_BACKEND, EXIT_INVALID, EXIT_OK, EXIT_USAGE, run, type Io } from './main';

const FILE = `apiVersion: burndown/v1
slos:
  - id: checkout
    name: Checkout
    indicator:
      ratio:
        bad: http_requests_total{code=~"5.."}
        total: http_requests_total
    objective: 99.5%
    window:
      calendar: {unit: month, timeZone: UTC}
    policy:
      - {below: 50%, name: notify, actions: ["notify"]}
      - {below: 0%, name: stop, actions: ["freeze"]}
`;

// Unit-level stand-in for Prometheus: every range of length L holds L/1s x rate events (10/s total, `badPerSecond` bad).
function rateClient(badPerSecond: number, opts: { empty?: boolean } = {}): PromClient {
  const scalar = (t: number, v: number, part: string): FrameLike[] => [
    {
      fields: [
        { name: 'Time', type: 'time', values: [t] },
        { name: 'Value', type: 'number', values: [v], labels: partLabels(part) },
      ],
    },
  ];
  return {
    id: 'rate',
    range: async () => [],
    instant: async (batch, t) => {
      if (opts.empty) {
        return [];
      }
      return batchParts(batch, t).flatMap(({ part, expr }) => {
        if (expr.startsWith('count')) {
          return scalar(t, 1, part);
        }
        const seconds = Number(/\[(\d+)s\]/.exec(expr)![1]);
        return scalar(t, (expr.includes('5..') ? badPerSecond : 10) * seconds, part);
      });
    },
  };
}

function io(files: Record<string, string>, client: PromClient) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => {
      if (!(p in files)) {
        throw new CannotReadError(p, 'no such file');
      }
      return files[p];
    },
    now: () => Date.UTC(2026, 9, 11),
    client: () => client,
  };
  return { io: value, out, err };
}

describe('burndown budget', () => {
  it('prints exactly the contract fields as JSON with fractions and RFC3339 times', async () => {
    const h = io({ 'slos.yaml': FILE }, rateClient(0.02));
    const code = await run(['budget', '--prometheus', 'http://x', '--file', 'slos.yaml', '--output', 'json'], h.io);
    expect(code).toBe(EXIT_OK);
    const [s] = JSON.parse(h.out[0]);
    expect(Object.keys(s).sort()).toEqual(
      [
        'bad',
        'burndown',
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
      ].sort()
    );
    expect(s.window).toEqual({ start: '2026-10-01T00:00:00Z', end: '2026-10-11T00:00:00Z' });
    const seconds = 10 * 86400;
    expect(s.total).toBe(10 * seconds);
    expect(s.bad).toBe(0.02 * seconds);
    expect(s.sli).toBeCloseTo(0.998, 12);
    expect(s.diagnostics).toEqual([]);
    // The burn-down: no traffic history (range answers nothing), so the forecast is the elapsed part's rate over the
    // 21 days left of October: allowed = 0.5% x 10/s x 31 days, used = 0.02/s x 10 days.
    const allowed = 0.005 * 10 * 31 * 86400;
    expect(s.burndown).toEqual({
      remaining: expect.any(Number),
      allowedBad: Math.round(allowed),
      usedBad: 0.02 * seconds,
      forecastTotal: 10 * 21 * 86400,
    });
    expect(s.burndown.remaining).toBeCloseTo(1 - (0.02 * seconds) / allowed, 12);
    // bad ratio 0.2% of a 0.5% budget: 40% consumed
    expect(s.consumed).toBeCloseTo(0.4, 12);
    expect(s.remaining).toBeCloseTo(0.6, 12);
    expect(s.burnRates['1h']).toBeCloseTo(0.4, 12);
    // burn rate below 1 in a calendar window: never exhausted this period
    expect(s.timeToExhaustion).toBeNull();
    expect(s.policy).toBeNull();
  });

  it('shows overspending below zero and the most severe policy level', async () => {
    const h = io({ 'slos.yaml': FILE }, rateClient(0.1));
    await run(['budget', '--prometheus', 'http://x', '--file', 'slos.yaml', '--output', 'json'], h.io);
    const [s] = JSON.parse(h.out[0]);
    expect(s.remaining).toBeCloseTo(-1, 12);
    // The policy follows the burn-down (docs/semantics.md section 5): the month's forecast allowance is not spent yet.
    expect(s.burndown.remaining).toBeGreaterThanOrEqual(0);
    expect(s.burndown.remaining).toBeLessThan(0.5);
    expect(s.policy).toBe('notify');
    // ...and so does exhaustion: the allowance left at 0.1 bad events a second.
    const leftMs = ((s.burndown.allowedBad - s.burndown.usedBad) / 0.1) * 1000;
    expect(s.timeToExhaustion).toBe(isoDuration(leftMs));
    expect(leftMs).toBeGreaterThan(0);
  });

  it('is exactly 100% at the start of a period', async () => {
    const h = io({ 'slos.yaml': FILE }, rateClient(0.1));
    await run(
      ['budget', '--prometheus', 'http://x', '--file', 'slos.yaml', '--at', '2026-10-01T00:00:00Z', '--output', 'json'],
      h.io
    );
    const [s] = JSON.parse(h.out[0]);
    expect(s.remaining).toBe(1);
    expect(s.total).toBe(0);
    expect(s.sli).toBeNull();
  });

  it('says "no data", never 100%, when the counters do not exist', async () => {
    const h = io({ 'slos.yaml': FILE }, rateClient(0, { empty: true }));
    await run(['budget', '--prometheus', 'http://x', '--file', 'slos.yaml'], h.io);
    expect(h.out[0]).toMatch(/^Checkout .* No data +No data/m);
    expect(h.out[0]).not.toMatch(/100\.00%/);
    const j = io({ 'slos.yaml': FILE }, rateClient(0, { empty: true }));
    await run(['budget', '--prometheus', 'http://x', '--file', 'slos.yaml', '--output', 'json'], j.io);
    expect(JSON.parse(j.out[0])[0].remaining).toBeNull();
  });

  it('renders an aligned table with percentages', async () => {
    const h = io({ 'slos.yaml': FILE }, rateClient(0.02));
    await run(['budget', '--prometheus', 'http://x', '--file', 'slos.yaml'], h.io);
    const lines = h.out[0].split('\n');
    expect(lines[0]).toMatch(/^SLO +OBJECTIVE +WINDOW +SLI +BUDGET LEFT +AS TIME +BURN 1h/);
    // A calendar window: BUDGET LEFT is the burn-down (1 - 17,280 / 133,920), marked and explained under the table.
    const left = `${((1 - 17280 / 133920) * 100).toFixed(2)}%*`;
    // The first column is the SLO's name (JSON keeps the id).
    expect(lines[1]).toMatch(/^Checkout +99\.5% +month +99\.800% /);
    expect(lines[1]).toContain(left);
    expect(lines[0].indexOf('BUDGET LEFT') + 'BUDGET LEFT'.length).toBe(lines[1].indexOf(left) + left.length);
    expect(h.out[0]).toContain("* burn-down: the share of the period's estimated allowance");
    expect(h.out[0]).not.toContain('diagnostics:');
  });

  it('exits 3 naming the SLO and field when Prometheus rejects a query', async () => {
    const client: PromClient = {
      id: 'x',
      range: async () => [],
      instant: async (expr) => {
        throw new QueryError('rejected', 'bad_data: 1:14: parse error: unexpected character', expr, 400);
      },
    };
    const h = io({ 'slos.yaml': FILE }, client);
    expect(await run(['budget', '--prometheus', 'http://x', '--file', 'slos.yaml'], h.io)).toBe(EXIT_BACKEND);
    expect(h.err[0]).toMatch(/^burndown: checkout: indicator\.ratio\.(total|bad): query rejected: bad_data/);
  });

  it('exits 2 on usage errors', async () => {
    const c = rateClient(0);
    for (const argv of [
      [],
      ['nope'],
      ['budget', '--file', 'slos.yaml'],
      ['budget', '--prometheus', 'http://x', '--file', 'slos.yaml', '--at', 'yesterday'],
      ['budget', '--prometheus', 'http://x', '--file', 'slos.yaml', '--slo', 'missing'],
      ['budget', '--prometheus', 'http://x', '--file', 'slos.yaml', '--output', 'xml'],
      ['budget', '--prometheus', 'http://x', '--file', 'slos.yaml', '--bogus', '1'],
      ['validate'],
    ]) {
      const h = io({ 'slos.yaml': FILE }, c);
      expect([argv, await run(argv, h.io)]).toEqual([argv, EXIT_USAGE]);
    }
  });
});

describe('burndown validate', () => {
  it('exits 0 for a valid file and 1 with every problem as file:line:col: field: message', async () => {
    const ok = io({ 'a.yaml': FILE }, rateClient(0));
    expect(await run(['validate', 'a.yaml'], ok.io)).toBe(EXIT_OK);
    const broken = FILE.replace('objective: 99.5%', 'objective: 150%').replace(
      'timeZone: UTC',
      'timeZone: Mars/Olympus'
    );
    const bad = io({ 'a.yaml': FILE, 'b.yaml': broken }, rateClient(0));
    expect(await run(['validate', 'a.yaml', 'b.yaml'], bad.io)).toBe(EXIT_INVALID);
    const problems = bad.err.filter((l) => l.startsWith('b.yaml:'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^b\.yaml:9:16: slos\[0\]\.objective: /);
    expect(problems[1]).toMatch(/^b\.yaml:11:\d+: slos\[0\]\.window\.calendar\.timeZone: /);
  });
});

describe('burndown help, version and unreadable files', () => {
  it('prints the version from package.json', async () => {
    const h = io({}, rateClient(0));
    expect(await run(['--version'], h.io)).toBe(EXIT_OK);
    expect(h.out[0]).toBe(`burndown ${require('../../package.json').version}`);
  });

  it.each(['validate', 'budget', 'help', 'version'])(
    'answers %s --help with its options and an example',
    async (cmd) => {
      const h = io({}, rateClient(0));
      expect(await run([cmd, '--help'], h.io)).toBe(EXIT_OK);
      expect(h.out[0]).toMatch(new RegExp(`^usage: burndown ${cmd}`));
      expect(h.out[0]).toMatch(/\nexample:\n {2}burndown /);
    }
  );

  it('documents every connection option in budget --help', async () => {
    const h = io({}, rateClient(0));
    await run(['budget', '--help'], h.io);
    for (const opt of [
      '--header',
      '--bearer-token-file',
      '--basic-auth-user',
      '--basic-auth-password-file',
      '--tenant',
    ]) {
      expect(h.out[0]).toContain(opt);
    }
    for (const opt of ['--timeout', '--ca-file', 'BURNDOWN_BEARER_TOKEN_FILE', 'BURNDOWN_TENANT']) {
      expect(h.out[0]).toContain(opt);
    }
  });

  it('says in one line, without the usage text, that a file cannot be read (exit 1)', async () => {
    const h = io({ 'a.yaml': FILE }, rateClient(0));
    expect(await run(['validate', 'a.yaml', 'missing.yaml'], h.io)).toBe(EXIT_INVALID);
    expect(h.out).toEqual(['a.yaml: ok (1 SLO)']);
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toMatch(/^burndown: cannot read missing\.yaml: /);
  });
});

describe('burndown report', () => {
  const base = ['report', '--prometheus', 'http://x', '--file', 'slos.yaml'];

  it('exits 2 naming the problem for bad periods and options', async () => {
    for (const [argv, message] of [
      [[...base], /--period/],
      [[...base, '--period', '2026-13'], /no month 13/],
      [[...base, '--period', 'Q3'], /is not a period/],
      [[...base, '--period', '2027-Q1'], /has not started/],
      [[...base, '--period', '2026-08', '--period', '2026-07', '--last', '2'], /either several --period/],
      [[...base, '--period', '2026-08', '--last', '0'], /--last must be/],
      [[...base, '--period', '2026-08', '--output', 'pdf'], /--output must be one of md, csv, json, html/],
      [[...base, '--period', '2026-08', '--time-zone', 'Mars/Olympus'], /unknown time zone/],
      [[...base, '--period', '2026-08', '--slo', 'missing'], /no SLO with id missing/],
      [[...base, '--period', '2026-08', '--service', 'nobody'], /no SLO in slos.yaml matches/],
      [[...base, '--period', '2026-08', '--label', 'team=nobody'], /no SLO in slos.yaml matches/],
      [[...base, '--period', '2026-08', '--label', 'team'], /--label must be key=value/],
    ] as Array<[string[], RegExp]>) {
      const h = io({ 'slos.yaml': FILE }, rateClient(0));
      expect([argv, await run(argv, h.io)]).toEqual([argv, EXIT_USAGE]);
      expect(h.err.join('\n')).toMatch(message);
    }
  });

  it('reports a month: the verdict and the budget used from the counts the backend returns', async () => {
    // 0.01 bad/s of 10/s is 0.1% bad: 20% of a 99.5% budget.
    const h = io({ 'slos.yaml': FILE }, rateClient(0.01));
    expect(await run([...base, '--period', '2026-08', '--output', 'json'], h.io)).toBe(EXIT_OK);
    const r = JSON.parse(h.out.join('\n')) as {
      slos: Array<{ id: string; met: boolean; budgetUsed: number; historyNote: string | null }>;
    };
    expect(r.slos).toHaveLength(1);
    // This stand-in answers no range query: the report says so instead of showing a period without episodes.
    expect(r.slos[0].historyNote).toMatch(/no per-step data/);
    expect(r.slos[0].id).toBe('checkout');
    expect(r.slos[0].met).toBe(true);
    expect(r.slos[0].budgetUsed).toBeCloseTo(0.2, 9);
  });
});
