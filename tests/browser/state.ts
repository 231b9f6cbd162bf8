// What the browser tests' globalSetup started, written for the test files (and read by globalTeardown).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
export const BROWSER_STATE_DIR = path.join(ROOT, '.cache', 'burndown-browser');
export const BROWSER_STATE_ENV = 'BURNDOWN_BROWSER_STATE';
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** The flags every run uses: headless, no sandbox (root in CI), nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserState {
  skipped: boolean;
  reason?: string;
  /** The host server, e.g. http://127.0.0.1:41234 */
  hostUrl?: string;
  /** playwright-core's browser server (chromium.connect). */
  wsEndpoint?: string;
  prometheusUrl?: string;
  /** PIDs started by globalSetup: Prometheus, VictoriaMetrics, Chromium. */
  pids?: number[];
  runDir?: string;
  /** Seconds per setup stage. */
  timings: Record<string, number>;
}

export function writeBrowserState(state: BrowserState): string {
  mkdirSync(BROWSER_STATE_DIR, { recursive: true });
  const file = path.join(BROWSER_STATE_DIR, `state-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(state, null, 2) + '\n');
  process.env[BROWSER_STATE_ENV] = file;
  return file;
}

export function readBrowserState(): BrowserState | undefined {
  const file = process.env[BROWSER_STATE_ENV];
  if (!file || !existsSync(file)) {
    return undefined;
  }
  return JSON.parse(readFileSync(file, 'utf8')) as BrowserState;
}
