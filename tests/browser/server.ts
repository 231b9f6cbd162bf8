// The browser test host's HTTP server, on 127.0.0.1 only: serves the built host page (at / and every app route under
// /a/burndown-slo-app/), @grafana/ui's icons, the app
// settings made from tests/fixtures/*.yaml, and proxies /prom/* to a real Prometheus (same origin: no CORS); opt-in,
// it counts that traffic's requests and samples (promCounter.ts, for bench:overview).
// Library: startHostServer(). Local preview: tsx tests/browser/server.ts --prometheus http://127.0.0.1:9090 [--port N]
// then open the printed URL with host parameters (tests/browser/host/params.ts), e.g.
// /?now=2026-08-13T11:00:00Z&from=now-30d&to=now&options={"sloId":"checkout-q-utc"}

import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { parse as parseYaml } from 'yaml';

import { countingProxy, ZERO_COUNTS, type PromCounts } from './promCounter';

const ROOT = path.resolve(__dirname, '..', '..');
const ICONS = path.join(ROOT, 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img', 'icons');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const APP_ID = 'burndown-slo-app';
const DATASOURCE_UID = 'prometheus';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface HostServer {
  url: string;
  close(): Promise<void>;
  /** With countPrometheus: requests and samples through /prom so far (promCounter.ts). */
  promCounts?: () => PromCounts;
}

export interface HostServerOptions {
  /** The built host (tests/browser/build.ts). */
  hostDir: string;
  /** Base URL of the Prometheus that /prom/* forwards to. */
  prometheusUrl: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Opt-in (bench:overview): count requests and samples through /prom, asking Prometheus with stats=all. */
  countPrometheus?: boolean;
  /** SLO sets /host/settings serves by name beside tests/fixtures (bench:overview's generated SLOs). */
  sloSets?: Record<string, unknown[]>;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** A file under `base`, or undefined when the path leaves it or does not exist. */
function fileUnder(base: string, rel: string): string | undefined {
  const file = path.resolve(base, `.${path.posix.normalize(`/${rel}`)}`);
  if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    return undefined;
  }
  return file;
}

function sendFile(res: ServerResponse, file: string | undefined): void {
  if (!file) {
    send(res, 404, 'not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

/**
 * The app's settings as Grafana returns them: jsonData.slos from the named fixtures (parsed YAML, plain objects).
 * The fixtures are written for the CLI and name no datasource; provisioned, they would name the Prometheus one, so
 * SLOs without `datasource` get {uid: "prometheus"} (fakeGrafana.ts).
 */
export function appSettings(fixtures: string[], sets: Record<string, unknown[]> = {}): unknown {
  const slos: unknown[] = [];
  for (const name of fixtures) {
    if (!/^[a-z0-9-]+$/.test(name)) {
      throw new Error(`bad fixture name ${name}`);
    }
    const doc = Object.prototype.hasOwnProperty.call(sets, name)
      ? { slos: sets[name] }
      : (parseYaml(readFileSync(path.join(FIXTURES, `${name}.yaml`), 'utf8')) as { slos?: unknown[] });
    for (const slo of doc.slos ?? []) {
      const s = slo as Record<string, unknown>;
      slos.push(
        s && typeof s === 'object' && s.datasource === undefined ? { ...s, datasource: { uid: DATASOURCE_UID } } : s
      );
    }
  }
  return {
    id: APP_ID,
    type: 'app',
    name: 'Burndown',
    enabled: true,
    pinned: true,
    jsonData: { slos },
    secureJsonFields: {},
  };
}

function proxy(req: IncomingMessage, res: ServerResponse, target: URL, rest: string): void {
  const url = new URL(rest, target);
  const upstream = httpRequest(
    url,
    {
      method: req.method,
      headers: {
        'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
    },
    (up) => {
      res.writeHead(up.statusCode ?? 502, {
        'Content-Type': up.headers['content-type'] ?? 'application/json',
        'Cache-Control': 'no-store',
      });
      up.pipe(res);
    }
  );
  upstream.on('error', (e) =>
    send(res, 502, JSON.stringify({ status: 'error', errorType: 'proxy', error: e.message }), 'application/json')
  );
  req.pipe(upstream);
}

export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const hostDir = path.resolve(opts.hostDir);
  const prometheus = new URL(opts.prometheusUrl.endsWith('/') ? opts.prometheusUrl : `${opts.prometheusUrl}/`);
  const counts: PromCounts = { ...ZERO_COUNTS };
  const counting = opts.countPrometheus ? countingProxy(counts) : undefined;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = url.pathname;
    try {
      if (p.startsWith('/prom/') && counting) {
        counting(req, res, new URL(p.slice('/prom/'.length) + url.search, prometheus)).catch((e: unknown) =>
          send(res, 502, (e as Error).message)
        );
      } else if (p.startsWith('/prom/')) {
        proxy(req, res, prometheus, p.slice('/prom/'.length) + url.search);
      } else if (
        p === '/' ||
        p === '/index.html' ||
        p === `/a/${APP_ID}` ||
        p.startsWith(`/a/${APP_ID}/`) ||
        p === `/plugins/${APP_ID}`
      ) {
        // Like Grafana, every app route (and the app's config page, /plugins/<id>) answers the one page; the app's
        // router takes it from there.
        sendFile(res, fileUnder(hostDir, 'index.html'));
      } else if (p === '/host/settings') {
        const names = (url.searchParams.get('slos') ?? '').split(',').filter((s) => s !== '');
        send(res, 200, JSON.stringify(appSettings(names, opts.sloSets)), 'application/json');
      } else if (p.startsWith('/public/build/img/icons/')) {
        sendFile(res, fileUnder(ICONS, p.slice('/public/build/img/icons/'.length)));
      } else if (p === '/favicon.ico' || p.startsWith('/public/fonts/')) {
        // Grafana's fonts are not in its npm packages; the page falls back to system fonts.
        send(res, 404, '');
      } else {
        sendFile(res, fileUnder(hostDir, p.slice(1)));
      }
    } catch (e) {
      send(res, 500, (e as Error).message);
    }
  });
  server.listen(opts.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    promCounts: counting ? () => ({ ...counts }) : undefined,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const prometheusUrl = arg('--prometheus');
  if (!prometheusUrl) {
    process.stderr.write('usage: tsx tests/browser/server.ts --prometheus <url> [--port N] [--host-dir DIR]\n');
    process.exit(2);
  }
  let hostDir = arg('--host-dir');
  if (!hostDir) {
    const { buildHost } = await import('./build');
    hostDir = (await buildHost()).dir;
  }
  const server = await startHostServer({ hostDir, prometheusUrl, port: Number(arg('--port') ?? 0) });
  process.stdout.write(`test host on ${server.url}/ (Prometheus ${prometheusUrl}); Ctrl-C stops it\n`);
  process.once('SIGINT', () => server.close().then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
