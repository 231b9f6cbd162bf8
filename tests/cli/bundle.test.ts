// The single-file CLI: built by scripts/build-cli.ts, then run with plain `node` (no tsx, no node_modules) from a
// directory outside the checkout, as a user who downloaded dist-cli/burndown.js would.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { BUNDLE, buildCli } from '../../scripts/build-cli';

// Child processes and servers are slow on a loaded CI machine; each test bounds its own time where it matters.
jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let bundle: string;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function node(args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: dir, env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

beforeAll(async () => {
  await buildCli();
  dir = mkdtempSync(path.join(tmpdir(), 'burndown-bundle-'));
  bundle = path.join(dir, 'burndown.js');
  copyFileSync(BUNDLE, bundle);
  copyFileSync(path.join(ROOT, 'tests/fixtures/scenario-slos.yaml'), path.join(dir, 'slos.yaml'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dist-cli/burndown.js', () => {
  it('is one executable file with a shebang that requires only Node built-ins', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const required = new Set([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    const builtins = new Set(require('node:module').builtinModules as string[]);
    expect([...required].filter((r) => !builtins.has(r.replace(/^node:/, '')))).toEqual([]);
    const pkg = JSON.parse(readFileSync(path.join(path.dirname(BUNDLE), 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'burndown-cli', bin: { burndown: 'burndown.js' } });
    expect(pkg.dependencies).toBeUndefined();
  });

  it('prints the version of package.json', async () => {
    const r = await node(['--version']);
    expect(r).toEqual({ code: 0, stdout: `burndown ${require('../../package.json').version}\n`, stderr: '' });
  });

  it('validates a file and standard input', async () => {
    expect(await node(['validate', 'slos.yaml'])).toEqual({ code: 0, stdout: 'slos.yaml: ok (8 SLOs)\n', stderr: '' });
    const text = readFileSync(path.join(dir, 'slos.yaml'), 'utf8');
    expect(await node(['validate', '-'], text)).toEqual({ code: 0, stdout: '<stdin>: ok (8 SLOs)\n', stderr: '' });
    const broken = text.replace('objective: 99.5%', 'objective: 150%');
    const r = await node(['validate', '-'], broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>:\d+:\d+: slos\[\d\]\.objective: /);
  });

  it('says in one line that a file is missing, and refuses /dev/zero at once', async () => {
    expect(await node(['validate', 'x.yaml'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'burndown: cannot read x.yaml: no such file\n',
    });
    const t0 = Date.now();
    const r = await node(['validate', '/dev/zero']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\/dev\/zero:1:1: <root>: binary data/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('answers --help for each command', async () => {
    for (const cmd of ['validate', 'budget']) {
      const r = await node([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('example:');
    }
  });
});
