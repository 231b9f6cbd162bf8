// Jest globalTeardown of the browser tests: stops Chromium, the host server and the backends globalSetup started.

import { rmSync } from 'node:fs';

import { stopEnvironment } from './environment';
import { BROWSER_STATE_ENV } from './state';

export default async function globalTeardown(): Promise<void> {
  const env = globalThis.__burndownBrowserEnv;
  if (env) {
    await stopEnvironment(env);
    globalThis.__burndownBrowserEnv = undefined;
  }
  const file = process.env[BROWSER_STATE_ENV];
  if (file) {
    rmSync(file, { force: true });
  }
}
