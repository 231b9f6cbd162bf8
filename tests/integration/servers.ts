// Starts, loads and stops the real backends of the integration tests (docs/semantics.md section 9):
// Prometheus 2.42 on TSDB blocks made by `promtool tsdb create-blocks-from openmetrics`, and
// VictoriaMetrics loaded through /api/v1/import/prometheus. Data are cached under
// .cache/burndown-it/<hash of the generator sources>/ so reruns only copy and start.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  accessSync,
  constants,
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';

import { type Scenario, buildScenario, exposition } from '../generator/scenario.ts';

export const ROOT = path.resolve(__dirname, '../..');
export const CACHE_ROOT = path.join(ROOT, '.cache', 'burndown-it');
/** Where globalSetup writes the backends' URLs and PIDs (also passed to workers in STATE_ENV). */
export const STATE_FILE = path.join(CACHE_ROOT, 'state.json');
export const STATE_ENV = 'BURNDOWN_IT_STATE';
/** Bump when the way data are loaded changes, so caches are rebuilt. */
const DATA_VERSION = 'v1';
/** One block for the whole span: promtool re-reads the whole input once per block range. */
const MAX_BLOCK_DURATION = '8760h';

export interface ServerInfo {
  url: string;
  pid: number;
  log: string;
}

export interface BackendState {
  skipped: boolean;
  /** The jest process that started the servers (only it stops them). */
  ownerPid?: number;
  reason?: string;
  prometheus?: ServerInfo;
  victoria?: ServerInfo;
  runDir?: string;
  dataKey?: string;
  samples?: number;
  /** Seconds per setup stage. */
  timings: Record<string, number>;
}

export const BINARIES = {
  prometheus: process.env.PROMETHEUS_BIN ?? 'prometheus',
  promtool: process.env.PROMTOOL_BIN ?? 'promtool',
  victoria: process.env.VICTORIA_METRICS_BIN ?? 'victoria-metrics',
};

/** The absolute path of an executable, looked up on PATH, or undefined. */
export function findBinary(name: string): string | undefined {
  const candidates = name.includes('/') ? [name] : (process.env.PATH ?? '').split(':').map((d) => path.join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  return undefined;
}

/** Hash of the generator sources (not its tests) plus the loader version: the cache key. */
export function dataKey(): string {
  const dir = path.join(ROOT, 'tests', 'generator');
  const h = createHash('sha256').update(DATA_VERSION);
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('.ts') && !f.endsWith('.test.ts')) {
      h.update(f).update(readFileSync(path.join(dir, f)));
    }
  }
  return h.digest('hex').slice(0, 16);
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const addr = srv.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  srv.close();
  await once(srv, 'close');
  return port;
}

export interface HttpResult {
  status: number;
  body: string;
}

export function httpGet(url: string, timeoutMs = 30_000): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: GET ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

/** An instant query through the Prometheus HTTP API (Prometheus and VictoriaMetrics alike). */
export async function instantQuery(
  base: string,
  query: string,
  timeMs: number
): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const url = `${base}/api/v1/query?query=${encodeURIComponent(query)}&time=${timeMs / 1000}`;
  const res = await httpGet(url, 120_000);
  if (res.status !== 200) {
    throw new Error(`${url}: HTTP ${res.status}: ${res.body.slice(0, 500)}`);
  }
  const json = JSON.parse(res.body) as {
    status: string;
    data: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  };
  if (json.status !== 'success' || json.data.resultType !== 'vector') {
    throw new Error(`${url}: unexpected answer ${res.body.slice(0, 500)}`);
  }
  return json.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` resolves true; throws with the last error after timeoutMs or when the process died. */
async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  child?: ChildProcess
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${what}: process exited with code ${child.exitCode}`);
    }
    try {
      if (await check()) {
        return;
      }
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await sleep(200);
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms ${last}`);
}

/** Every server this process started, so a last-resort exit hook can stop the ones still running. */
const children: ChildProcess[] = [];

function startProcess(bin: string, args: string[], logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(bin, args, { stdio: ['ignore', fd, fd], detached: false });
  child.unref();
  children.push(child);
  return child;
}

/** SIGTERM to the servers started here that have not exited yet (synchronous: usable in an 'exit' handler). */
export function killRunningChildren(): void {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGTERM');
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM (or the given signal), then SIGKILL after graceMs. Only ever called with PIDs we started. */
export async function stopPid(pid: number, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
  if (!isAlive(pid)) {
    return;
  }
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) {
    await sleep(100);
  }
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
  }
}

async function timed<T>(timings: Record<string, number>, stage: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    timings[stage] = (Date.now() - t0) / 1000;
  }
}

async function writeExpositionFile(s: Scenario, file: string): Promise<void> {
  const out = createWriteStream(file);
  await pipeline(Readable.from(exposition(s, { format: 'openmetrics' })), out);
}

/** TSDB blocks for the scenario, built once per data key. */
async function ensureBlocks(s: Scenario, cacheDir: string, timings: Record<string, number>): Promise<string> {
  const blocks = path.join(cacheDir, 'prometheus-blocks');
  if (existsSync(path.join(blocks, '.complete'))) {
    timings['promtool (cached)'] = 0;
    return blocks;
  }
  const tmp = path.join(cacheDir, `tmp-blocks-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const om = path.join(cacheDir, 'scenario.om');
  await timed(timings, 'write OpenMetrics', () => writeExpositionFile(s, om));
  await timed(timings, 'promtool create-blocks', async () => {
    const run = promisify(execFile);
    await run(
      BINARIES.promtool,
      ['tsdb', 'create-blocks-from', 'openmetrics', `--max-block-duration=${MAX_BLOCK_DURATION}`, om, tmp],
      { maxBuffer: 16 << 20 }
    );
  });
  if (!process.env.BURNDOWN_IT_KEEP_OPENMETRICS) {
    rmSync(om, { force: true });
  }
  writeFileSync(path.join(tmp, '.complete'), new Date().toISOString());
  rmSync(blocks, { recursive: true, force: true });
  renameSync(tmp, blocks);
  return blocks;
}

function victoriaArgs(port: number, dataDir: string): string[] {
  return [
    `-httpListenAddr=127.0.0.1:${port}`,
    `-storageDataPath=${dataDir}`,
    '-retentionPeriod=10y',
    // Results of partially imported data must never be served from the cache.
    '-search.disableCache',
    // Whole-quarter instant queries over raw samples.
    '-search.maxQueryDuration=120s',
    '-search.maxPointsPerTimeseries=100000',
  ];
}

async function importIntoVictoria(s: Scenario, base: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = request(`${base}/api/v1/import/prometheus`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 204 && res.statusCode !== 200) {
          reject(new Error(`VictoriaMetrics import: HTTP ${res.statusCode} ${Buffer.concat(chunks).toString()}`));
        } else {
          resolve();
        }
      });
    });
    req.on('error', reject);
    pipeline(Readable.from(exposition(s, { format: 'prometheus-text-ms' })), req).catch(reject);
  });
  const flush = await httpGet(`${base}/internal/force_flush`);
  if (flush.status !== 200) {
    throw new Error(`force_flush: HTTP ${flush.status}`);
  }
}

/** The number of raw samples a backend holds for job="checkout" over the whole scenario. */
export async function storedSamples(base: string, s: Scenario): Promise<number> {
  const days = Math.ceil((s.endMs - s.startMs) / 86_400_000) + 1;
  const res = await instantQuery(base, `sum(count_over_time({job="checkout"}[${days}d]))`, s.endMs);
  return res.length === 1 ? res[0].value : 0;
}

/** A VictoriaMetrics data directory holding the scenario, built once per data key (import, flush, clean stop). */
async function ensureVictoriaSeed(
  s: Scenario,
  cacheDir: string,
  timings: Record<string, number>,
  log: string
): Promise<string> {
  const seed = path.join(cacheDir, 'victoria-seed');
  if (existsSync(path.join(seed, '.complete'))) {
    timings['victoria import (cached)'] = 0;
    return seed;
  }
  const tmp = path.join(cacheDir, `tmp-victoria-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = startProcess(BINARIES.victoria, victoriaArgs(port, tmp), log);
  try {
    await waitUntil(
      'VictoriaMetrics (seed) /health',
      async () => (await httpGet(`${base}/health`)).status === 200,
      60_000,
      child
    );
    await timed(timings, 'victoria import', () => importIntoVictoria(s, base));
    const expected = s.sampleCount();
    await timed(timings, 'victoria visible', () =>
      waitUntil(
        'VictoriaMetrics sees every sample',
        async () => (await storedSamples(base, s)) === expected,
        120_000,
        child
      )
    );
  } finally {
    // A clean stop writes the in-memory parts to disk.
    await stopPid(child.pid as number, 'SIGINT', 60_000);
  }
  writeFileSync(path.join(tmp, '.complete'), new Date().toISOString());
  rmSync(seed, { recursive: true, force: true });
  renameSync(tmp, seed);
  return seed;
}

/**
 * Removes run directories left by jest processes that died before their teardown, when none of their servers
 * runs any more; servers still running are reported, not killed (they belong to another process).
 */
export function cleanStaleRuns(): string[] {
  const warnings: string[] = [];
  if (!existsSync(CACHE_ROOT)) {
    return warnings;
  }
  for (const name of readdirSync(CACHE_ROOT)) {
    const m = /^run-(\d+)-\d+$/.exec(name);
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) {
      continue;
    }
    const dir = path.join(CACHE_ROOT, name);
    let live: number[] = [];
    try {
      const st = JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as BackendState;
      live = [st.prometheus?.pid, st.victoria?.pid].filter((p): p is number => typeof p === 'number' && isAlive(p));
    } catch {
      // no state: setup died early
    }
    if (live.length > 0) {
      warnings.push(`${dir}: its jest process is gone but server PIDs ${live.join(', ')} still run (stop them by PID)`);
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return warnings;
}

/** Prepares data (cached), starts both servers on free ports, waits until they answer with the data. */
export async function startBackends(timings: Record<string, number>): Promise<BackendState> {
  const key = dataKey();
  const cacheDir = path.join(CACHE_ROOT, key);
  mkdirSync(cacheDir, { recursive: true });
  const runDir = path.join(CACHE_ROOT, `run-${process.pid}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const state: BackendState = { skipped: false, ownerPid: process.pid, runDir, dataKey: key, timings };
  const started: number[] = [];
  try {
    const s = await timed(timings, 'generate model', async () => buildScenario());
    state.samples = s.sampleCount();
    const blocks = await ensureBlocks(s, cacheDir, timings);
    const seed = await ensureVictoriaSeed(s, cacheDir, timings, path.join(runDir, 'victoria-seed.log'));

    await timed(timings, 'copy data', async () => {
      cpSync(blocks, path.join(runDir, 'prometheus-data'), { recursive: true });
      cpSync(seed, path.join(runDir, 'victoria-data'), { recursive: true });
    });

    const promPort = await freePort();
    const vmPort = await freePort();
    const promConfig = path.join(runDir, 'prometheus.yml');
    // No scrape jobs: the TSDB holds only the backfilled blocks. --query.lookback-delta stays 5m (default).
    writeFileSync(promConfig, 'global:\n  scrape_interval: 30s\n  evaluation_interval: 30s\n');
    const prometheus: ServerInfo = {
      url: `http://127.0.0.1:${promPort}`,
      pid: 0,
      log: path.join(runDir, 'prometheus.log'),
    };
    const victoria: ServerInfo = { url: `http://127.0.0.1:${vmPort}`, pid: 0, log: path.join(runDir, 'victoria.log') };

    await timed(timings, 'start + ready', async () => {
      const p = startProcess(
        BINARIES.prometheus,
        [
          `--config.file=${promConfig}`,
          `--storage.tsdb.path=${path.join(runDir, 'prometheus-data')}`,
          `--web.listen-address=127.0.0.1:${promPort}`,
          // Retention counts from the newest block; 10y keeps every backfilled block.
          '--storage.tsdb.retention.time=10y',
        ],
        prometheus.log
      );
      prometheus.pid = p.pid as number;
      started.push(prometheus.pid);
      const v = startProcess(BINARIES.victoria, victoriaArgs(vmPort, path.join(runDir, 'victoria-data')), victoria.log);
      victoria.pid = v.pid as number;
      started.push(victoria.pid);
      state.prometheus = prometheus;
      state.victoria = victoria;
      await Promise.all([
        waitUntil(
          'Prometheus /-/ready',
          async () => (await httpGet(`${prometheus.url}/-/ready`)).status === 200,
          120_000,
          p
        ),
        waitUntil(
          'VictoriaMetrics /health',
          async () => (await httpGet(`${victoria.url}/health`)).status === 200,
          120_000,
          v
        ),
      ]);
    });
    await timed(timings, 'verify sample counts', async () => {
      const expected = s.sampleCount();
      for (const [name, info] of [
        ['Prometheus', prometheus],
        ['VictoriaMetrics', victoria],
      ] as const) {
        let seen = 0;
        await waitUntil(
          `${name} holds all ${expected} samples`,
          async () => (seen = await storedSamples(info.url, s)) === expected,
          60_000
        ).catch((e: Error) => {
          throw new Error(`${e.message} (saw ${seen}); log: ${info.log}`);
        });
      }
    });
    return state;
  } catch (e) {
    for (const pid of started) {
      await stopPid(pid);
    }
    throw e;
  }
}

export function writeState(state: BackendState): string {
  mkdirSync(CACHE_ROOT, { recursive: true });
  const file = state.runDir ? path.join(state.runDir, 'state.json') : STATE_FILE;
  const text = JSON.stringify(state, null, 2) + '\n';
  writeFileSync(file, text);
  writeFileSync(STATE_FILE, text);
  process.env[STATE_ENV] = file;
  return file;
}

export function readState(): BackendState | undefined {
  const file = process.env[STATE_ENV] ?? STATE_FILE;
  if (!existsSync(file)) {
    return undefined;
  }
  return JSON.parse(readFileSync(file, 'utf8')) as BackendState;
}
