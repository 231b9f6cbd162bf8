// Starts what the browser tests and the screenshot script need, and stops it again: a real Prometheus with the
// generator's scenario (the integration harness's startBackends, docs/semantics.md section 9), the host bundle (built once
// per source hash, in its own process), the host server proxying to that Prometheus, and one Chromium.

import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { chromium, type BrowserServer } from 'playwright-core';

import { BINARIES, findBinary, startBackends, stopPid, type BackendState } from '../integration/servers';
import { startHostServer, type HostServer } from './server';
import { CHROMIUM, CHROMIUM_ARGS, type BrowserState } from './state';

const ROOT = path.resolve(__dirname, '..', '..');

export interface BrowserEnvironment {
  state: BrowserState;
  backends?: BackendState;
  server?: HostServer;
  browser?: BrowserServer;
}

/** What is missing to run the browser tests, or [] when everything is installed. */
export function missingTools(): string[] {
  const missing = [BINARIES.prometheus, BINARIES.promtool, BINARIES.victoria].filter((b) => !findBinary(b));
  if (!existsSync(CHROMIUM)) {
    missing.push(CHROMIUM);
  }
  return missing;
}

async function timed<T>(timings: Record<string, number>, stage: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    timings[stage] = (Date.now() - t0) / 1000;
  }
}

/** Runs tests/browser/build.ts in its own process (webpack's memory is not kept by jest); returns the bundle folder. */
async function buildHostInChild(timings: Record<string, number>): Promise<string> {
  const { stdout } = await promisify(execFile)(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['tests/browser/build.ts'],
    {
      cwd: ROOT,
      maxBuffer: 16 << 20,
    }
  );
  const last = stdout.trim().split('\n').pop() ?? '';
  const built = JSON.parse(last) as { dir: string; seconds: number; cached: boolean };
  timings[built.cached ? 'host build (cached)' : 'host build (webpack)'] = built.seconds;
  return built.dir;
}

/**
 * startBackends, tried twice: its free ports are picked before the servers bind them, so another run starting at the
 * same moment (another worktree's tests) can take one ("address already in use").
 */
async function startBackendsWithRetry(timings: Record<string, number>): Promise<BackendState> {
  try {
    return await startBackends(timings);
  } catch (e) {
    process.stderr.write(`starting the backends failed once (${(e as Error).message}); trying again\n`);
    return startBackends(timings);
  }
}

export async function startEnvironment(): Promise<BrowserEnvironment> {
  const timings: Record<string, number> = {};
  const env: BrowserEnvironment = { state: { skipped: false, timings, pids: [] } };
  const t0 = Date.now();
  try {
    const backendTimings: Record<string, number> = {};
    const [backends, hostDir] = await Promise.all([
      timed(timings, 'prometheus (startBackends)', () => startBackendsWithRetry(backendTimings)),
      buildHostInChild(timings),
    ]);
    env.backends = backends;
    env.state.runDir = backends.runDir;
    env.state.prometheusUrl = backends.prometheus?.url;
    env.state.pids = [backends.prometheus?.pid, backends.victoria?.pid].filter(
      (p): p is number => typeof p === 'number'
    );

    env.server = await timed(timings, 'host server', () =>
      startHostServer({ hostDir, prometheusUrl: backends.prometheus!.url })
    );
    env.state.hostUrl = env.server.url;

    env.browser = await timed(timings, 'chromium launch', () =>
      chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
    );
    env.state.wsEndpoint = env.browser.wsEndpoint();
    const chromePid = env.browser.process().pid;
    if (chromePid) {
      env.state.pids.push(chromePid);
    }
  } catch (e) {
    await stopEnvironment(env);
    throw e;
  }
  timings.total = (Date.now() - t0) / 1000;
  return env;
}

/** Stops what startEnvironment started, by handle or PID; removes the Prometheus run folder. */
export async function stopEnvironment(env: BrowserEnvironment): Promise<void> {
  await env.browser?.close().catch(() => undefined);
  await env.server?.close().catch(() => undefined);
  for (const server of [env.backends?.prometheus, env.backends?.victoria]) {
    if (server?.pid) {
      await stopPid(server.pid);
    }
  }
  if (env.backends?.runDir && !process.env.BURNDOWN_IT_KEEP_RUN) {
    rmSync(env.backends.runDir, { recursive: true, force: true });
  }
}

export function describeEnvironment(env: BrowserEnvironment): string {
  const rows = Object.entries(env.state.timings).map(
    ([stage, s]) => `  ${stage.padEnd(30)} ${s.toFixed(1).padStart(7)} s`
  );
  return (
    `  host        ${env.state.hostUrl}\n  Prometheus  ${env.state.prometheusUrl}\n` +
    `  Chromium    ${CHROMIUM} (pid ${env.browser?.process().pid})\nsetup stages:\n${rows.join('\n')}\n`
  );
}
