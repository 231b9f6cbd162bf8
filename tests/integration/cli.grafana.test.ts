// `burndown budget` and `burndown gate` with `--grafana <url> --token-file <f>` against a thin fake of exactly the three Grafana endpoints it
// uses, on 127.0.0.1, that proxies data source queries to the real Prometheus and VictoriaMetrics of the test setup:
// the figures must equal `--prometheus` mode's for the scenario SLOs (tests/fixtures/scenario-slos.yaml).
//
// The fake checks the requests against Grafana's HTTP API documentation:
// - every request: `Authorization: Bearer <token>` (service-account token), else 401 {"message": "Invalid API key"};
// - `GET /api/plugins/:pluginId/settings` (docs "Plugin API"): {enabled, pinned, jsonData}; 404 {"message": "Plugin
//   not found"} for an app that is not installed;
// - `GET /api/datasources` (docs "Data source API", "Get all data sources"): a list of {id, uid, name, type,
//   isDefault, ...};
// - `POST /api/ds/query` (docs "Data source API", "Query a data source"): a JSON body {from, to, queries[, debug]},
//   from/to epoch-ms strings, each query with refId, datasource {uid} naming an existing data source (else 404
//   "data source not found"), expr and instant/range; answered in Grafana's wire form {results: {A: {status, frames:
//   [{schema, data: {values, entities}}]}}} built with the project's converter (promResponseToFrames) and the wire
//   encoder shared with the browser host's fake (src/infrastructure/grafanaHttp/dsQueryWire.ts toFrameJSON); a
//   Prometheus error becomes results.A.error "<errorType>: <error>" with HTTP 400, as Grafana answers.
// Unknown fields are refused (Grafana would ignore them), so a client that sends what Grafana drops fails here.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { parse as parseYaml } from 'yaml';

import { toFrameJSON } from '../../src/infrastructure/grafanaHttp/dsQueryWire';
import { promResponseToFrames, type PromApiResponse } from '../../src/query/frames';
import { describeEachBackend } from './backends';
import { ROOT } from './servers';
import { FIXTURE } from './truth';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = 'src/cli/main.ts';
const APP_ID = 'burndown-slo-app';
const TOKEN = 'glsa_secretTokenValue_0123456789abcdef';
const DS_QUERY_FIELDS = new Set(['from', 'to', 'queries', 'debug']);

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

interface FakeState {
  backendUrl: string;
  /** jsonData keys beside slos (the app-wide defaults of the Settings page). */
  jsonData?: Record<string, unknown>;
  /** jsonData.slos; undefined: the app is not installed (404). */
  slos?: unknown[];
  datasources: Array<{ id: number; uid: string; name: string; type: string; isDefault: boolean }>;
  /** Requests that broke the documented contract (the test fails on any). */
  violations: string[];
  /** Data source uid of each ds query received. */
  queried: string[];
  requests: number;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, data: unknown): void {
  const body = JSON.stringify(data);
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(body);
}

/** A POST of a form to the real backend. */
function askBackend(
  base: string,
  apiPath: string,
  form: Record<string, string>
): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const r = request(
      base + apiPath,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      }
    );
    r.on('error', reject);
    r.end(body);
  });
}

interface QueryModel {
  refId?: string;
  datasource?: { uid?: string; type?: string } | string;
  expr?: string;
  instant?: boolean;
  range?: boolean;
  intervalMs?: number;
  [k: string]: unknown;
}

async function dsQuery(state: FakeState, raw: string): Promise<[number, unknown]> {
  let body: { from?: unknown; to?: unknown; queries?: QueryModel[] };
  try {
    body = JSON.parse(raw);
  } catch {
    state.violations.push('POST /api/ds/query: body is not JSON');
    return [400, { message: 'bad request data' }];
  }
  const unknown = Object.keys(body).filter((k) => !DS_QUERY_FIELDS.has(k));
  if (unknown.length > 0) {
    state.violations.push(`POST /api/ds/query: unknown fields ${unknown.join(', ')}`);
    return [400, { message: `not a field of POST /api/ds/query: ${unknown.join(', ')}` }];
  }
  if (!Array.isArray(body.queries) || body.queries.length === 0) {
    state.violations.push('POST /api/ds/query: no queries');
    return [400, { message: 'No queries found in query' }];
  }
  if (typeof body.from !== 'string' || typeof body.to !== 'string' || !/^\d+$/.test(body.from + body.to)) {
    state.violations.push(`POST /api/ds/query: from/to not epoch-ms strings: ${String(body.from)}, ${String(body.to)}`);
    return [400, { message: 'from and to are required' }];
  }
  const from = Number(body.from);
  const to = Number(body.to);
  const results: Record<string, unknown> = {};
  let failed = false;
  for (const q of body.queries) {
    const uid = typeof q.datasource === 'string' ? q.datasource : q.datasource?.uid;
    if (!q.refId || !uid || typeof q.expr !== 'string') {
      state.violations.push(`POST /api/ds/query: a query without refId, datasource.uid or expr: ${JSON.stringify(q)}`);
      return [400, { message: `Query missing datasource info: ${q.refId ?? ''}` }];
    }
    const ds = state.datasources.find((d) => d.uid === uid);
    if (!ds) {
      return [404, { message: 'data source not found' }];
    }
    state.queried.push(uid);
    let answer: { status: number; text: string };
    if (q.instant === true && q.range !== true) {
      answer = await askBackend(state.backendUrl, '/api/v1/query', { query: q.expr, time: String(to / 1000) });
    } else if (q.range === true && q.instant !== true && typeof q.intervalMs === 'number' && q.intervalMs > 0) {
      const step = q.intervalMs;
      answer = await askBackend(state.backendUrl, '/api/v1/query_range', {
        query: q.expr,
        start: String((Math.floor(from / step) * step) / 1000),
        end: String((Math.floor(to / step) * step) / 1000),
        step: String(step / 1000),
      });
    } else {
      state.violations.push(`POST /api/ds/query: neither an instant nor a range query: ${JSON.stringify(q)}`);
      return [400, { message: 'unsupported query' }];
    }
    const prom = JSON.parse(answer.text) as PromApiResponse;
    if (prom.status === 'error') {
      failed = true;
      results[q.refId] = { status: answer.status, error: `${prom.errorType ?? 'error'}: ${prom.error ?? ''}` };
      continue;
    }
    results[q.refId] = { status: 200, frames: promResponseToFrames(prom, q.refId).map(toFrameJSON) };
  }
  return [failed ? 400 : 200, { results }];
}

async function handle(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  state.requests++;
  const body = await readBody(req);
  const where = `${req.method} ${req.url}`;
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    send(res, 401, { message: 'Invalid API key', traceID: '' });
    return;
  }
  if (req.method === 'GET' && body !== '') {
    state.violations.push(`${where}: a GET with a body`);
  }
  if (req.method === 'GET' && req.url === `/api/plugins/${APP_ID}/settings`) {
    if (state.slos === undefined) {
      send(res, 404, { message: 'Plugin not found, no installed plugin with that id' });
      return;
    }
    send(res, 200, {
      name: 'Burndown',
      type: 'app',
      id: APP_ID,
      enabled: true,
      pinned: true,
      jsonData: { ...state.jsonData, slos: state.slos },
      secureJsonFields: {},
    });
    return;
  }
  if (req.method === 'GET' && req.url === '/api/datasources') {
    send(
      res,
      200,
      state.datasources.map((d) => ({ orgId: 1, access: 'proxy', url: state.backendUrl, ...d }))
    );
    return;
  }
  if (req.method === 'POST' && req.url === '/api/ds/query') {
    if (!/^application\/json/.test(req.headers['content-type'] ?? '')) {
      state.violations.push(`${where}: Content-Type ${req.headers['content-type']}`);
    }
    const [status, data] = await dsQuery(state, body);
    send(res, status, data);
    return;
  }
  state.violations.push(`${where}: not an endpoint the CLI should use`);
  send(res, 404, { message: 'Not found' });
}

function startFake(state: FakeState): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    handle(state, req, res).catch((e: Error) => {
      state.violations.push(`fake failed: ${e.message}`);
      send(res, 500, { message: e.message });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${address.port}`, server });
    });
  });
}

const SCENARIO_SLOS = (parseYaml(readFileSync(path.join(ROOT, FIXTURE), 'utf8')) as { slos: unknown[] }).slos;
/** Every other SLO names data source prom-b; the rest name none and go to the first Prometheus one, prom-a. */
const APP_SLOS = SCENARIO_SLOS.map((s, i) =>
  i % 2 === 1 ? { ...(s as object), datasource: { uid: 'prom-b', type: 'prometheus' } } : s
);
const TIMES = ['2026-07-01T00:00:00Z', '2026-08-12T11:00:00Z', '2026-10-20T00:00:00Z'];

describeEachBackend('burndown budget --grafana', (backend) => {
  let dir: string;
  let tokenFile: string;
  let fake: { url: string; server: Server };
  let state: FakeState;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'burndown-grafana-'));
    tokenFile = path.join(dir, 'token');
    writeFileSync(tokenFile, `${TOKEN}\n`);
    state = {
      backendUrl: backend.url,
      slos: APP_SLOS,
      datasources: [
        { id: 1, uid: 'loki', name: 'Logs', type: 'loki', isDefault: true },
        { id: 2, uid: 'prom-a', name: 'Prometheus A', type: 'prometheus', isDefault: false },
        { id: 3, uid: 'prom-b', name: 'Prometheus B', type: 'prometheus', isDefault: false },
      ],
      violations: [],
      queried: [],
      requests: 0,
    };
    fake = await startFake(state);
  });

  afterAll(async () => {
    await new Promise((r) => fake.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(TIMES)('equals --prometheus mode for every scenario SLO at %s', async (t) => {
    const viaGrafana = await runCli([
      'budget',
      '--grafana',
      fake.url,
      '--token-file',
      tokenFile,
      '--at',
      t,
      '--output',
      'json',
    ]);
    const direct = await runCli([
      'budget',
      '--prometheus',
      backend.url,
      '--file',
      FIXTURE,
      '--at',
      t,
      '--output',
      'json',
    ]);
    expect(direct.stderr).toBe('');
    expect(direct.code).toBe(0);
    expect(viaGrafana.stderr).toBe('');
    expect(viaGrafana.code).toBe(0);
    const a = JSON.parse(viaGrafana.stdout) as Array<{ id: string }>;
    const b = JSON.parse(direct.stdout) as Array<{ id: string }>;
    expect(a.map((s) => s.id)).toEqual(b.map((s) => s.id));
    expect(a.length).toBeGreaterThanOrEqual(SCENARIO_SLOS.length);
    expect(a).toEqual(b);
    expect(state.violations).toEqual([]);
    // Both data sources were used: the SLOs' own (prom-b) and the first Prometheus one for those naming none.
    expect(new Set(state.queried)).toEqual(new Set(['prom-a', 'prom-b']));
  });

  it('--slo and table output go through Grafana too', async () => {
    const id = (SCENARIO_SLOS[1] as { id: string }).id;
    const r = await runCli(['budget', '--grafana', fake.url, '--token-file', tokenFile, '--slo', id, '--at', TIMES[1]]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The table names the SLO by its name.
    expect(r.stdout).toContain((SCENARIO_SLOS[1] as { name: string }).name);
  });

  it.each([
    ['2026-07-06T00:00:00Z', 0],
    ['2026-08-20T00:00:00Z', 1],
  ])('gate --grafana decides as --prometheus mode at %s (exit %d)', async (t, exit) => {
    const slos = ['--slo', 'checkout-q-utc', '--slo', 'checkout-fixed', '--at', t, '--output', 'json'];
    const viaGrafana = await runCli(['gate', '--grafana', fake.url, '--token-file', tokenFile, ...slos]);
    const direct = await runCli(['gate', '--prometheus', backend.url, '--file', FIXTURE, ...slos]);
    expect(direct.stderr).toBe('');
    expect(direct.code).toBe(exit);
    expect(viaGrafana.stderr).toBe('');
    expect(viaGrafana.code).toBe(exit);
    const a = JSON.parse(viaGrafana.stdout);
    expect(a).toEqual(JSON.parse(direct.stdout));
    expect(a.decision).toBe(exit === 0 ? 'proceed' : 'block');
    expect(state.violations).toEqual([]);
  });

  it("applies the app's default time zone to an SLO that names none, as the app does", async () => {
    const at = ['--at', TIMES[1], '--output', 'json'];
    const saved = state.slos;
    // checkout-q-utc names no time zone: with the default Europe/Berlin it is checkout-q-berlin's quarter.
    state.slos = [SCENARIO_SLOS[0]];
    state.jsonData = { defaultTimeZone: 'Europe/Berlin' };
    try {
      const viaGrafana = await runCli(['budget', '--grafana', fake.url, '--token-file', tokenFile, ...at]);
      const berlin = await runCli([
        'budget',
        '--prometheus',
        backend.url,
        '--file',
        FIXTURE,
        '--slo',
        'checkout-q-berlin',
        ...at,
      ]);
      const utc = await runCli([
        'budget',
        '--prometheus',
        backend.url,
        '--file',
        FIXTURE,
        '--slo',
        'checkout-q-utc',
        ...at,
      ]);
      expect(viaGrafana.stderr).toBe('');
      const [g] = JSON.parse(viaGrafana.stdout);
      const [b] = JSON.parse(berlin.stdout);
      const [u] = JSON.parse(utc.stdout);
      expect(g.id).toBe('checkout-q-utc');
      expect(g.window).toEqual(b.window);
      expect(g.remaining).toBe(b.remaining);
      // The zones must make a difference, or the test proves nothing.
      expect(u.window).not.toEqual(b.window);
    } finally {
      state.slos = saved;
      state.jsonData = undefined;
    }
  });

  it('a wrong token is exit 3, names Grafana and never the token', async () => {
    const wrong = path.join(dir, 'wrong-token');
    writeFileSync(wrong, 'glsa_wrongWrongWrong');
    const r = await runCli(['budget', '--grafana', fake.url, '--token-file', wrong, '--at', TIMES[0]]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('HTTP 401');
    expect(r.stderr).toContain(`${fake.url}/api/plugins/${APP_ID}/settings`);
    expect(r.stderr).toContain('--token-file');
    expect(r.stderr).not.toContain('glsa_wrong');
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.stdout).toBe('');
  });

  it('credentials in the Grafana URL are redacted in messages', async () => {
    const wrong = path.join(dir, 'wrong-token-2');
    writeFileSync(wrong, 'glsa_other');
    const withUser = fake.url.replace('http://', 'http://admin:hunter2@');
    const r = await runCli(['budget', '--grafana', withUser, '--token-file', wrong]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('admin:***@');
    expect(r.stderr).not.toContain('hunter2');
  });

  it('an app that is not installed is a clear exit 3', async () => {
    const saved = state.slos;
    state.slos = undefined;
    try {
      const r = await runCli(['budget', '--grafana', fake.url, '--token-file', tokenFile]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`the app ${APP_ID} is not installed in the Grafana at ${fake.url}`);
    } finally {
      state.slos = saved;
    }
  });

  it('no Prometheus data source for an SLO naming none is a clear exit 3', async () => {
    const saved = state.datasources;
    state.datasources = saved.filter((d) => d.type !== 'prometheus');
    try {
      const r = await runCli(['budget', '--grafana', fake.url, '--token-file', tokenFile, '--at', TIMES[0]]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(
        `${(SCENARIO_SLOS[0] as { id: string }).id} names no data source (datasource: {uid: ...}) and the Grafana at ${
          fake.url
        } has no Prometheus data source`
      );
      expect(r.stdout).toBe('');
    } finally {
      state.datasources = saved;
    }
  });

  it('a data source uid Grafana does not have is exit 3 naming the uid', async () => {
    const saved = state.slos;
    state.slos = [{ ...(SCENARIO_SLOS[0] as object), datasource: { uid: 'gone', type: 'prometheus' } }];
    try {
      const r = await runCli(['budget', '--grafana', fake.url, '--token-file', tokenFile, '--at', TIMES[0]]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('HTTP 404');
      expect(r.stderr).toContain('"gone"');
      expect(r.stderr).toContain('query: ');
    } finally {
      state.slos = saved;
    }
  });

  it('an invalid SLO in the settings is listed with its path, the valid ones are evaluated, exit 1', async () => {
    const saved = state.slos;
    state.slos = [SCENARIO_SLOS[0], { id: 'broken', name: 'Broken', objective: '150%' }];
    try {
      const r = await runCli([
        'budget',
        '--grafana',
        fake.url,
        '--token-file',
        tokenFile,
        '--at',
        TIMES[0],
        '--output',
        'json',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('slos[1]');
      const list = JSON.parse(r.stdout) as Array<{ id: string }>;
      expect(list.map((s) => s.id)).toEqual([(SCENARIO_SLOS[0] as { id: string }).id]);
    } finally {
      state.slos = saved;
    }
  });

  it('--grafana does not go with --file, and needs --token-file (usage, exit 2)', async () => {
    const both = await runCli(['budget', '--grafana', fake.url, '--token-file', tokenFile, '--file', FIXTURE]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--file does not go with it');
    const noToken = await runCli(['budget', '--grafana', fake.url]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('--grafana needs --token-file');
  });
});
