// The CLI against a secured Prometheus 2.42: TLS from a private CA made here with openssl, and basic auth with a
// bcrypt hash from htpasswd, both through Prometheus' own --web.config.file. The data are the scenario's blocks
// (a copy of the cache globalSetup built). Figures must equal those from the unsecured Prometheus; a wrong
// password is exit 3; no secret appears in any output.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { buildCli, BUNDLE } from '../../scripts/build-cli';
import { defaultIo, run, type Io } from '../../src/cli/main';
import { describeWithBackends, getBackends } from './backends';
import { BINARIES, CACHE_ROOT, findBinary, freePort, readState, stopPid } from './servers';

const USER = 'burndown';
const PASSWORD = 'hunter2-Ünïcode-s3cret';
const FILE = 'tests/fixtures/scenario-slos.yaml';
const AT = '2026-08-13T11:00:00Z';
const ROOT = path.resolve(__dirname, '../..');

interface Secured {
  url: string;
  dir: string;
  ca: string;
  passwordFile: string;
  wrongPasswordFile: string;
  child: ChildProcess;
}

let secured: Secured;

function tool(name: string): string {
  const bin = findBinary(name);
  if (!bin) {
    // scripts/test.sh installs openssl and apache2-utils; a missing tool is a failure, never a skip.
    throw new Error(
      `${name} is needed to make the TLS certificates and the bcrypt hash (apt-get install -y ${
        name === 'htpasswd' ? 'apache2-utils' : name
      })`
    );
  }
  return bin;
}

/** A CA, a server certificate for 127.0.0.1 signed by it, a bcrypt hash, and Prometheus' web config using them. */
function makeWebConfig(dir: string): string {
  const openssl = tool('openssl');
  const sh = (args: string[]) => execFileSync(openssl, args, { cwd: dir, stdio: 'pipe' });
  sh([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=burndown test CA',
  ]);
  sh(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  sh([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  ]);
  // Cost 5 keeps each request's bcrypt check cheap on a loaded CI machine.
  const line = execFileSync(tool('htpasswd'), ['-nbB', '-C', '5', USER, PASSWORD], { encoding: 'utf8' }).trim();
  const hash = line.slice(line.indexOf(':') + 1);
  const config = path.join(dir, 'web.yml');
  writeFileSync(
    config,
    `tls_server_config:\n  cert_file: ${dir}/server.crt\n  key_file: ${dir}/server.key\n` +
      `basic_auth_users:\n  ${USER}: '${hash}'\n`
  );
  return config;
}

function readyWithAuth(url: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(`${url}/-/ready`, { ca, auth: `${USER}:${PASSWORD}`, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

async function startSecured(): Promise<Secured> {
  const state = readState()!;
  const dir = mkdtempSync(path.join(tmpdir(), 'burndown-secured-'));
  cpSync(path.join(CACHE_ROOT, state.dataKey!, 'prometheus-blocks'), path.join(dir, 'data'), { recursive: true });
  const webConfig = makeWebConfig(dir);
  writeFileSync(path.join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 30s\n');
  writeFileSync(path.join(dir, 'password'), PASSWORD + '\n');
  writeFileSync(path.join(dir, 'wrong-password'), 'not-the-password\n');
  const port = await freePort();
  const log = openSync(path.join(dir, 'prometheus.log'), 'a');
  const child = spawn(
    BINARIES.prometheus,
    [
      `--config.file=${dir}/prometheus.yml`,
      `--storage.tsdb.path=${dir}/data`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.config.file=${webConfig}`,
      '--storage.tsdb.retention.time=10y',
    ],
    { stdio: ['ignore', log, log] }
  );
  const url = `https://127.0.0.1:${port}`;
  const ca = require('node:fs').readFileSync(path.join(dir, 'ca.pem'), 'utf8') as string;
  const deadline = Date.now() + 120_000;
  while (!(await readyWithAuth(url, ca))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`secured Prometheus did not become ready (log: ${dir}/prometheus.log)`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dir,
    ca: path.join(dir, 'ca.pem'),
    passwordFile: path.join(dir, 'password'),
    wrongPasswordFile: path.join(dir, 'wrong-password'),
    child,
  };
}

async function cli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { ...defaultIo, out: (t) => out.push(t), err: (t) => err.push(t), env };
  const code = await run(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const budgetArgs = (url: string) => ['budget', '--prometheus', url, '--file', FILE, '--at', AT, '--output', 'json'];

describeWithBackends('the CLI against Prometheus with TLS and basic auth (--web.config.file)', () => {
  let plain: string;

  beforeAll(async () => {
    secured = await startSecured();
    const unsecured = await cli(budgetArgs(getBackends().prometheus!));
    expect(unsecured.code).toBe(0);
    plain = unsecured.out;
  }, 300_000);

  afterAll(async () => {
    if (secured) {
      await stopPid(secured.child.pid!);
      rmSync(secured.dir, { recursive: true, force: true });
    }
  });

  it('gets exactly the figures of the unsecured Prometheus with --basic-auth-* and --ca-file', async () => {
    const r = await cli([
      ...budgetArgs(secured.url),
      '--basic-auth-user',
      USER,
      '--basic-auth-password-file',
      secured.passwordFile,
      '--ca-file',
      secured.ca,
      '--timeout',
      '60s',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(plain));
    expect(JSON.parse(r.out)).toHaveLength(8);
  });

  it('takes the same settings from BURNDOWN_* environment variables', async () => {
    const r = await cli(budgetArgs(secured.url), {
      BURNDOWN_BASIC_AUTH_USER: USER,
      BURNDOWN_BASIC_AUTH_PASSWORD_FILE: secured.passwordFile,
      BURNDOWN_CA_FILE: secured.ca,
    });
    expect([r.code, r.err]).toEqual([0, '']);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(plain));
  });

  it('exits 3 on a wrong password, naming the backend and the query, never the password', async () => {
    const r = await cli([
      ...budgetArgs(secured.url),
      '--basic-auth-user',
      USER,
      '--basic-auth-password-file',
      secured.wrongPasswordFile,
      '--ca-file',
      secured.ca,
    ]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(
      new RegExp(
        `^burndown: checkout-q-utc: indicator\\.ratio\\.\\w+: HTTP 401 Unauthorized from ${secured.url}/api/v1/query(_range)? \\(check the credentials`
      )
    );
    // A calendar SLO's status sends the batched status query (src/query/batch.ts) and the burn-down's hourly range
    // query (src/query/forecast.ts) at once: the message quotes whichever was refused first.
    expect(r.err).toMatch(/\n {2}query: (label_replace\(sum\(increase\(|sum\(increase\(.*\[3600s\]\)\))/);
    expect(r.err).not.toContain('not-the-password');
    expect(r.out).toBe('');
  });

  it('redacts a password given in the URL, and uses it', async () => {
    const host = secured.url.replace('https://', '');
    const ok = await cli([
      ...budgetArgs(`https://${USER}:${encodeURIComponent(PASSWORD)}@${host}`),
      '--ca-file',
      secured.ca,
    ]);
    expect([ok.code, ok.err]).toEqual([0, '']);
    expect(JSON.parse(ok.out)).toEqual(JSON.parse(plain));
    const bad = await cli([...budgetArgs(`https://${USER}:wrong-in-url@${host}`), '--ca-file', secured.ca]);
    expect(bad.code).toBe(3);
    expect(bad.err).toContain(`https://${USER}:***@${host}/api/v1/query`);
    expect(bad.err).not.toContain('wrong-in-url');
  });

  it('exits 3 with a hint when the private CA is not given', async () => {
    const r = await cli([
      ...budgetArgs(secured.url),
      '--basic-auth-user',
      USER,
      '--basic-auth-password-file',
      secured.passwordFile,
    ]);
    expect(r.code).toBe(3);
    // The status' instant query and the burn-down's range query go out together: either may be refused first.
    expect(r.err).toMatch(/cannot reach https:\/\/127\.0\.0\.1:\d+\/api\/v1\/query(_range)?: \w+.*--ca-file/);
  });

  it('works the same through the single-file bundle with plain node', async () => {
    await buildCli();
    const r = execFileSync(process.execPath, [BUNDLE, ...budgetArgs(secured.url), '--ca-file', secured.ca], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        BURNDOWN_BASIC_AUTH_USER: USER,
        BURNDOWN_BASIC_AUTH_PASSWORD_FILE: secured.passwordFile,
      },
    });
    expect(JSON.parse(r)).toEqual(JSON.parse(plain));
  });
});
