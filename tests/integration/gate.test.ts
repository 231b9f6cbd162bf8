// `burndown gate` against the real Prometheus 2.42 and VictoriaMetrics scenario (issue 10, "A deployment gate for
// pipelines"; docs/gate.md): exit 0 when no policy level is active, 1 while one is (the level, its figure and actions
// printed), 0 with an audit line when --reason is an exception of the active level, 1 below --min-remaining, 1 on an
// unknown (stale) figure, 3 on a backend error (a closed port), 0 with a loud warning under --on-error allow, 2 on
// usage errors. The figure is the exact burn-down `budget` prints, never a chart's.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { run, type Io } from '../../src/cli/main';
import { CountingPromClient, HttpPromClient } from '../../src/query';
import { describeEachBackend, describeWithBackends } from './backends';
import { freePort, ROOT } from './servers';
import { expectedPolicy, sloById } from './truth';

const FILE = 'tests/fixtures/gate-slos.yaml';

async function cli(url: string, command: string, args: string[]) {
  const counting = new CountingPromClient(new HttpPromClient(url));
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (x) => out.push(x),
    err: (x) => err.push(x),
    readFile: (p) => readFileSync(path.join(ROOT, p), 'utf8'),
    now: () => Date.now(),
    client: (u) => (u === url ? counting : new HttpPromClient(u)),
  };
  const code = await run([command, '--prometheus', url, '--file', FILE, ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n'), requests: counting.requests };
}

interface Entry {
  id: string;
  verdict: string;
  blockedBy: string[];
  figure: { kind: string; value: number | null } | null;
  level: { name: string; condition: string; actions: string[]; exceptions: string[]; blocksReleases: boolean } | null;
  exception?: string;
}

/** The figure `budget --output json` prints for the SLO at t: the burn-down (calendar, fixed) or remaining. */
async function budgetFigure(url: string, slo: string, at: string): Promise<number> {
  const r = await cli(url, 'budget', ['--slo', slo, '--at', at, '--output', 'json']);
  expect(r.code).toBe(0);
  const [s] = JSON.parse(r.out);
  return s.burndown ? s.burndown.remaining : s.remaining;
}

const HEALTHY = { slo: 'checkout-q-utc', at: '2026-07-06T00:00:00Z' };
// The week of the August outage, after the window ended: the burn-down is the exact result, overspent.
const SPENT = { slo: 'checkout-fixed', at: '2026-08-20T00:00:00Z' };

describeEachBackend('burndown gate', (backend) => {
  const url = backend.url;

  it('proceeds (exit 0) when no policy level is active, printing the figure', async () => {
    const want = await budgetFigure(url, HEALTHY.slo, HEALTHY.at);
    // The scenario must put it above every level, or the test proves nothing.
    expect(expectedPolicy(sloById(HEALTHY.slo), want)).toEqual({ name: null, ambiguous: false });
    const r = await cli(url, 'gate', ['--slo', HEALTHY.slo, '--at', HEALTHY.at]);
    process.stdout.write(`${backend.name}: gate ${HEALTHY.slo} at ${HEALTHY.at} -> exit ${r.code}\n${r.out}\n`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      `PASS   ${HEALTHY.slo}: burn-down ${(want * 100).toFixed(2)}% left, no policy level active`,
      'release may proceed',
    ]);
    // The status's one batched query plus the burn-down's forecast query.
    expect(r.requests).toBeLessThanOrEqual(2);
  });

  it('blocks (exit 1) while a level is active: which SLO, which level, its exact figure and actions', async () => {
    const want = await budgetFigure(url, SPENT.slo, SPENT.at);
    expect(want).toBeLessThan(0);
    expect(expectedPolicy(sloById(SPENT.slo), want)).toEqual({ name: 'stop', ambiguous: false });
    const r = await cli(url, 'gate', ['--slo', HEALTHY.slo, '--slo', SPENT.slo, '--at', SPENT.at]);
    process.stdout.write(`${backend.name}: gate at ${SPENT.at} -> exit ${r.code}\n${r.out}\n`);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines).toContain(
      `BLOCK  ${SPENT.slo}: burn-down ${(want * 100).toFixed(2)}% left, policy level stop (below 0%): ` +
        'freeze all releases'
    );
    expect(lines[lines.length - 1]).toBe(`release blocked by ${SPENT.slo} (exit 1)`);

    const json = await cli(url, 'gate', ['--slo', SPENT.slo, '--at', SPENT.at, '--output', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out);
    expect(report).toMatchObject({ decision: 'block', exitCode: 1, at: SPENT.at, reason: null, onError: 'block' });
    const [e] = report.slos as Entry[];
    expect(e).toMatchObject({
      id: SPENT.slo,
      verdict: 'block',
      blockedBy: ['policy'],
      figure: { kind: 'burndown', value: want },
      level: {
        name: 'stop',
        condition: 'below 0%',
        actions: ['freeze all releases'],
        exceptions: ['sev1-remediation'],
      },
    });
  });

  it('judges calendar and fixed windows by the burn-down, not by "if the period ended now" (issue 10)', async () => {
    // Mid-window, right after the August outage: spent "if the window ended now", not of the week's allowance.
    const slo = sloById('checkout-fixed');
    const when = '2026-08-12T12:00:00Z';
    const b = await cli(url, 'budget', ['--slo', slo.id, '--at', when, '--output', 'json']);
    const [s] = JSON.parse(b.out);
    const byBurndown = expectedPolicy(slo, s.burndown.remaining);
    const ifEndedNow = expectedPolicy(slo, s.remaining);
    process.stdout.write(
      `${backend.name}: ${slo.id} at ${when}: burn-down ${s.burndown.remaining} (${byBurndown.name}), ` +
        `if ended now ${s.remaining} (${ifEndedNow.name})\n`
    );
    // The scenario must make the two figures disagree, or the test proves nothing.
    expect(byBurndown.ambiguous || ifEndedNow.ambiguous).toBe(false);
    expect(byBurndown.name).not.toBe(ifEndedNow.name);
    expect(s.policy).toBe(byBurndown.name);
    const r = await cli(url, 'gate', ['--slo', slo.id, '--at', when, '--output', 'json']);
    const [e] = JSON.parse(r.out).slos as Entry[];
    expect(e.figure).toEqual({ kind: 'burndown', value: s.burndown.remaining });
    expect(e.level?.name ?? null).toBe(byBurndown.name);
    expect(r.code).toBe(byBurndown.name === null ? 0 : 1);
  });

  it('lets a release through a level that only informs (blocksReleases: false); --min-remaining still blocks', async () => {
    const slo = 'checkout-rolling';
    const at = '2026-08-13T00:00:00Z';
    const want = await budgetFigure(url, slo, at);
    // The scenario must put it at notify (between 25% and 50%), or the test proves nothing.
    expect(expectedPolicy(sloById(slo), want)).toEqual({ name: 'notify', ambiguous: false });
    const r = await cli(url, 'gate', ['--slo', slo, '--at', at]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      `PASS   ${slo}: budget ${(want * 100).toFixed(2)}% left, policy level notify (below 50%, does not block ` +
        'releases): notify #payments',
      'release may proceed',
    ]);
    const json = await cli(url, 'gate', ['--slo', slo, '--at', at, '--output', 'json']);
    const [e] = JSON.parse(json.out).slos as Entry[];
    expect(e).toMatchObject({ verdict: 'pass', blockedBy: [], level: { name: 'notify', blocksReleases: false } });
    const strict = await cli(url, 'gate', [
      '--slo',
      slo,
      '--at',
      at,
      '--min-remaining',
      `${Math.ceil(want * 100) + 1}%`,
    ]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('below --min-remaining');
  });

  it('lets a --reason the active level lists through with an audit line; any other reason stays blocked', async () => {
    const ok = await cli(url, 'gate', ['--slo', SPENT.slo, '--at', SPENT.at, '--reason', 'sev1-remediation']);
    process.stdout.write(`${backend.name}: --reason sev1-remediation -> exit ${ok.code}\n${ok.out}\n`);
    expect(ok.code).toBe(0);
    const lines = ok.out.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^PASS   ${SPENT.slo}: burn-down -\\d+\\.\\d\\d% left, policy level stop .*; sev1-remediation is an exception of stop$`
      )
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^audit: ${SPENT.at}: release allowed by exception sev1-remediation while ${SPENT.slo} is at policy level stop ` +
          '\\(burn-down -\\d+\\.\\d\\d% left, below 0%\\)$'
      )
    );
    expect(lines[2]).toBe('release may proceed');

    const no = await cli(url, 'gate', ['--slo', SPENT.slo, '--at', SPENT.at, '--reason', 'security-fix']);
    expect(no.code).toBe(1);
    expect(no.out).not.toContain('audit:');
  });

  it('blocks below --min-remaining (exit 1), which no --reason bypasses', async () => {
    const want = await budgetFigure(url, HEALTHY.slo, HEALTHY.at);
    const above = `${Math.ceil(want * 100 + 1)}%`;
    const r = await cli(url, 'gate', ['--slo', HEALTHY.slo, '--at', HEALTHY.at, '--min-remaining', above]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`no policy level active; below --min-remaining ${above}`);
    const below = `${Math.floor(want * 100 - 1)}%`;
    const pass = await cli(url, 'gate', ['--slo', HEALTHY.slo, '--at', HEALTHY.at, '--min-remaining', below]);
    expect(pass.code).toBe(0);
  });

  it('blocks on an unknown (stale) figure; --on-error allow proceeds with a loud warning', async () => {
    // The scenario's last scrape is at 2026-10-20T00:00:00Z.
    const args = ['--slo', 'checkout-rolling', '--at', '2026-10-20T06:00:00Z'];
    const r = await cli(url, 'gate', args);
    process.stdout.write(`${backend.name}: stale -> exit ${r.code}\n${r.out}\n`);
    expect(r.code).toBe(1);
    expect(r.out).toContain('BLOCK  checkout-rolling: budget unknown (Stale (total): stale since 2026-10-20T00:00:00Z');
    const allow = await cli(url, 'gate', [...args, '--on-error', 'allow']);
    expect(allow.code).toBe(0);
    expect(allow.err).toContain(
      'burndown: WARNING: --on-error allow: the release proceeds WITHOUT an error-budget check of checkout-rolling ' +
        '(budget unknown)'
    );
  });
});

describeWithBackends('burndown gate errors', () => {
  it('exits 3 when the backend is unreachable (blocked), 0 with a warning under --on-error allow', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const args = ['--slo', 'checkout-q-utc', '--at', '2026-07-06T00:00:00Z'];
    const r = await cli(closed, 'gate', args);
    process.stdout.write(`closed port -> exit ${r.code}\n${r.out}\n${r.err}\n`);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^ERROR  checkout-q-utc: backend error: /);
    expect(r.out).toContain('release blocked: the budget could not be read (exit 3; --on-error allow lets it proceed)');
    const allow = await cli(closed, 'gate', [...args, '--on-error', 'allow', '--output', 'json']);
    expect(allow.code).toBe(0);
    expect(JSON.parse(allow.out)).toMatchObject({ decision: 'proceed', exitCode: 0, onError: 'allow' });
    expect(allow.err).toContain(
      'burndown: WARNING: --on-error allow: the release proceeds WITHOUT an error-budget check of checkout-q-utc ' +
        '(backend error)'
    );
  });

  it.each([
    ['no --slo', []],
    ['unknown --slo', ['--slo', 'nope']],
    ['a --reason that is not a kind of change', ['--slo', 'checkout-q-utc', '--reason', 'Security Fix']],
    ['a bad --on-error', ['--slo', 'checkout-q-utc', '--on-error', 'maybe']],
    ['a bad --min-remaining', ['--slo', 'checkout-q-utc', '--min-remaining', '150%']],
  ])('exits 2 on a usage error: %s', async (_name, args) => {
    const r = await cli('http://127.0.0.1:9', 'gate', args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain("run 'burndown gate --help'");
  });

  it('sets the exit code of a real process (2 on a usage error)', async () => {
    const r = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        path.join(ROOT, 'node_modules', '.bin', 'tsx'),
        ['src/cli/main.ts', 'gate', '--prometheus', 'http://127.0.0.1:9', '--file', FILE],
        { cwd: ROOT, timeout: 120_000 },
        (err, stdout) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout })
      );
    });
    // No --slo: a usage error, exit 2, from the real binary.
    expect(r.code).toBe(2);
  });
});
