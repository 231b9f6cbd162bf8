// Misbehaving backends, each played by a local HTTP server on 127.0.0.1, reached through `run([...])` with the real
// Node transport: every one ends in exit 3 with a message naming the backend (credentials redacted) and the query,
// never "internal error". Also checks what a secured backend receives (bearer token, tenant, extra headers).
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { defaultIo, run, type Io } from '../../src/cli/main';
import { batchParts, partLabels } from '../../src/query/testing/batchParts';

// Child processes and servers are slow on a loaded CI machine; each test bounds its own time where it matters.
jest.setTimeout(120_000);

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
`;

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  query: string;
}

let server: Server;
let base: string;
let dir: string;
const seen: Seen[] = [];
/** Requests per behaviour, for the ones that change their answer over time. */
const hits = new Map<string, number>();

/**
 * A well-formed instant answer to a (batched) status query: per part, 1000 events in total and 1 bad one for every
 * range, or what `value` says for that part's query.
 */
function prometheusAnswer(query: string, value?: (part: string) => string): string {
  const result = batchParts(query, 0).map(({ part, expr }) => ({
    metric: partLabels(part),
    value: [0, value ? value(expr) : expr.includes('5..') ? '1' : expr.startsWith('count') ? '1' : '1000'],
  }));
  return JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
}

function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
  const [, behaviour] = /^\/([^/]+)/.exec(req.url ?? '/') ?? [];
  const query = new URLSearchParams(body).get('query') ?? '';
  seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, query });
  const n = (hits.get(behaviour) ?? 0) + 1;
  hits.set(behaviour, n);
  const json = (status: number, text: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(text);
  };
  if (req.method !== 'POST') {
    // What Prometheus answers to a GET without the query (a followed 302).
    return json(
      400,
      '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": no expression found"}'
    );
  }
  switch (behaviour) {
    case 'ok':
      return json(200, prometheusAnswer(query));
    case 'stall':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"vector","result":[');
      return; // never ends
    case 'redirect':
      res.writeHead(302, { Location: `${base}/ok${req.url!.slice('/redirect'.length)}` });
      return void res.end();
    case 'html':
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return void res.end(
        '<!doctype html><html><head><title>Sign in</title></head><body>\u001b[31mLogin</body></html>'
      );
    case 'proxy-error':
      res.writeHead(502, { 'Content-Type': 'text/html' });
      return void res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    case 'not-a-list':
      return json(200, '{"status":"success","data":{"resultType":"vector","result":{"metric":{}}}}');
    case 'not-a-number':
      return json(
        200,
        prometheusAnswer(query, () => 'lots')
      );
    case 'negative':
      return json(
        200,
        prometheusAnswer(query, (expr) => (expr.startsWith('count') ? '1' : '-5'))
      );
    case 'bad-above-total':
      return json(
        200,
        prometheusAnswer(query, (expr) => (expr.includes('5..') ? '2000' : expr.startsWith('count') ? '1' : '1000'))
      );
    case 'throttled':
      return json(429, '{"status":"error","errorType":"too_many_requests","error":"slow down"}', {
        'Retry-After': '0',
      });
    case 'unavailable-then-ok':
      return n <= 2 ? json(503, 'overloaded', { 'Retry-After': '1' }) : json(200, prometheusAnswer(query));
    case 'unavailable-for-an-hour':
      return json(503, 'maintenance', { 'Retry-After': '3600' });
    default:
      return json(404, '{"status":"error","errorType":"not_found","error":"no such behaviour"}');
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handle(req, res, body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  dir = mkdtempSync(path.join(tmpdir(), 'burndown-bad-backends-'));
  writeFileSync(path.join(dir, 'slos.yaml'), FILE);
  writeFileSync(path.join(dir, 'token'), 'tok-3f9a-SECRET\n');
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function budget(url: string, ...extra: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { ...defaultIo, out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
  const argv = ['budget', '--prometheus', url, '--file', path.join(dir, 'slos.yaml'), '--at', '2026-10-11T00:00:00Z'];
  const code = await run([...argv, ...extra], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Exit 3, the behaviour's URL in the first line, the query on the second; no internal error. */
function expectBackendError(r: { code: number; err: string; out: string }, url: string, message: RegExp) {
  expect(r.code).toBe(3);
  expect(r.out).toBe('');
  const [first, second, ...rest] = r.err.split('\n');
  expect(first).toMatch(/^burndown: checkout: indicator\.ratio\.(total|bad): /);
  expect(first).toContain(url);
  expect(first).toMatch(message);
  // the status of one SLO is one batched query (its first part: the tagged total over the window); an impossible
  // answer quotes the one part it is about
  expect(second).toMatch(/^ {2}query: (label_replace\()?sum\(increase\(http_requests_total/);
  expect(rest).toEqual([]);
  expect(r.err).not.toMatch(/internal error/);
}

describe('bad backends: exit 3 naming the backend and the query', () => {
  it('answers normally from the well-behaved backend', async () => {
    const r = await budget(`${base}/ok`, '--output', 'json');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(JSON.parse(r.out)[0]).toMatchObject({ id: 'checkout', total: 1000, bad: 1 });
  });

  it('gives up on a body that stalls after the headers, at --timeout', async () => {
    const t0 = Date.now();
    const r = await budget(`${base}/stall`, '--timeout', '1s');
    expectBackendError(r, `${base}/stall/api/v1/query`, /cannot reach .*: no complete answer within 1 s/);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('refuses a redirect instead of turning the POST into a GET', async () => {
    const r = await budget(`${base}/redirect`);
    expectBackendError(
      r,
      `${base}/redirect/api/v1/query`,
      /HTTP 302 .*redirected to http:\/\/127\.0\.0\.1:\d+\/ok\/api\/v1\/query; not followed/
    );
    expect(seen.filter((s) => s.path.startsWith('/ok') && s.method === 'GET')).toEqual([]);
  });

  it('says an HTML page is not a Prometheus answer, quoting it on one line with control characters escaped', async () => {
    const r = await budget(`${base}/html`);
    expectBackendError(
      r,
      `${base}/html/api/v1/query`,
      /not a Prometheus API answer .*\(HTTP 200 OK, text\/html\): "<!doctype html>/
    );
    expect(r.err).toContain('\\x1b[31mLogin');
    expect(r.err).not.toContain('\u001b');
  });

  it('reports a proxy error page with its status', async () => {
    const r = await budget(`${base}/proxy-error`);
    expectBackendError(
      r,
      `${base}/proxy-error/api/v1/query`,
      /HTTP 502 Bad Gateway from .*: "<html><body><h1>502 Bad Gateway/
    );
  });

  it('refuses a result that is not a list, and a value that is not a number', async () => {
    expectBackendError(
      await budget(`${base}/not-a-list`),
      `${base}/not-a-list/api/v1/query`,
      /malformed answer .*"data\.result" is not a list \(vector\)/
    );
    expectBackendError(
      await budget(`${base}/not-a-number`),
      `${base}/not-a-number/api/v1/query`,
      /malformed answer .*a sample value that is not a number: "lots"/
    );
  });

  it('refuses negative event counts', async () => {
    const r = await budget(`${base}/negative`);
    expectBackendError(r, `${base}/negative`, /impossible answer from .*: a negative event count \(-5\)/);
  });

  it('refuses more bad events than events in total, showing the SLO queries', async () => {
    const r = await budget(`${base}/bad-above-total`);
    expectBackendError(
      r,
      `${base}/bad-above-total`,
      /impossible answer from .*: more bad events \(2000\) than events in total \(1000\) over the same range/
    );
    expect(r.err).toMatch(/^burndown: checkout: indicator\.ratio\.bad: /);
    expect(r.err).toContain('code=~"5.."');
  });

  it('retries 429 a bounded number of times, then fails', async () => {
    const r = await budget(`${base}/throttled`);
    expectBackendError(
      r,
      `${base}/throttled/api/v1/query`,
      /HTTP 429 Too Many Requests from .*, still after 3 retries/
    );
    // Queries run concurrently: each gets 1 try + 3 retries, never more.
    const tries = new Map<string, number>();
    for (const s of seen.filter((x) => x.path.startsWith('/throttled'))) {
      tries.set(s.query, (tries.get(s.query) ?? 0) + 1);
    }
    expect(Math.max(...tries.values())).toBe(4);
  });

  it('honours Retry-After on 503 and succeeds when the backend recovers', async () => {
    const t0 = Date.now();
    const r = await budget(`${base}/unavailable-then-ok`, '--output', 'json');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(hits.get('unavailable-then-ok')).toBeGreaterThan(2);
    // Concurrent queries wait their Retry-After (1 s) side by side.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
  });

  it('fails at once when Retry-After asks for longer than it waits', async () => {
    const t0 = Date.now();
    const r = await budget(`${base}/unavailable-for-an-hour`);
    expectBackendError(
      r,
      `${base}/unavailable-for-an-hour/api/v1/query`,
      /HTTP 503 .*asks to retry after 3600 s, more than the 30 s/
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('names an unreachable backend with the password in its URL redacted', async () => {
    const r = await budget('http://admin:pa55word@127.0.0.1:1/prom');
    expectBackendError(r, 'http://admin:***@127.0.0.1:1/prom/api/v1/query', /cannot reach .*: ECONNREFUSED/);
    expect(r.err).not.toContain('pa55word');
  });
});

describe('secured backends: what the backend receives', () => {
  const last = () => seen[seen.length - 1];

  it('sends the bearer token, the tenant and extra headers on every POST, and prints none of them', async () => {
    const before = seen.length;
    const r = await budget(
      `${base}/ok`,
      '--bearer-token-file',
      path.join(dir, 'token'),
      '--tenant',
      'team-a',
      '--header',
      'X-Extra: one',
      '--header',
      'X-Other:two'
    );
    expect([r.code, r.err]).toEqual([0, '']);
    const requests = seen.slice(before);
    // a calendar-month SLO: one batched status query (src/query/batch.ts) and the burn-down's one range query of
    // hourly totals (src/query/forecast.ts); both must carry the headers
    expect(requests.map((r) => r.path.replace(/^\/[^/]+/, '')).sort()).toEqual(['/api/v1/query', '/api/v1/query_range']);
    for (const s of requests) {
      expect(s.method).toBe('POST');
      expect(s.headers).toMatchObject({
        authorization: 'Bearer tok-3f9a-SECRET',
        'x-scope-orgid': 'team-a',
        'x-extra': 'one',
        'x-other': 'two',
      });
    }
    expect(r.out).not.toContain('SECRET');
  });

  it('sends basic auth from a user and a password file, and from the URL', async () => {
    writeFileSync(path.join(dir, 'password'), 'p:ss wörd\n');
    let r = await budget(
      `${base}/ok`,
      '--basic-auth-user',
      'me',
      '--basic-auth-password-file',
      path.join(dir, 'password')
    );
    expect(r.code).toBe(0);
    expect(last().headers.authorization).toBe(`Basic ${Buffer.from('me:p:ss wörd').toString('base64')}`);
    r = await budget(`http://me:${encodeURIComponent('p:ss wörd')}@${base.slice('http://'.length)}/ok`);
    expect(r.code).toBe(0);
    expect(last().headers.authorization).toBe(`Basic ${Buffer.from('me:p:ss wörd').toString('base64')}`);
  });

  it('reads the options from BURNDOWN_* variables when the flags are absent', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = {
      ...defaultIo,
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: {
        BURNDOWN_PROMETHEUS: `${base}/ok`,
        BURNDOWN_BEARER_TOKEN_FILE: path.join(dir, 'token'),
        BURNDOWN_TENANT: 'team-b',
        BURNDOWN_HEADERS: 'X-One: 1\nX-Two: 2',
        BURNDOWN_TIMEOUT: '5s',
      },
    };
    expect(await run(['budget', '--file', path.join(dir, 'slos.yaml')], io)).toBe(0);
    expect(last().headers).toMatchObject({
      authorization: 'Bearer tok-3f9a-SECRET',
      'x-scope-orgid': 'team-b',
      'x-one': '1',
      'x-two': '2',
    });
  });

  it('refuses malformed or conflicting options with exit 2, without echoing header values', async () => {
    for (const extra of [
      ['--header', 'no colon here'],
      ['--header', 'Bad Name: secret-value'],
      [
        '--bearer-token-file',
        path.join(dir, 'token'),
        '--basic-auth-user',
        'x',
        '--basic-auth-password-file',
        path.join(dir, 'token'),
      ],
      ['--basic-auth-user', 'x'],
      ['--timeout', 'soon'],
      ['--bearer-token-file', path.join(dir, 'missing-token')],
    ]) {
      const r = await budget(`${base}/ok`, ...extra);
      expect([extra, r.code]).toEqual([extra, 2]);
      expect(r.err).not.toContain('secret-value');
      expect(r.err.split('\n')[0]).toMatch(/^burndown: /);
    }
  });
});
