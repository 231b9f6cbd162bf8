// Jest globalSetup of the browser tests: starts Prometheus with the scenario, the host bundle and server, and one
// Chromium (environment.ts), and writes where they are for the test files (state.ts).
// Missing binaries fail the run on CI (CI=true) and skip the suite, loudly, elsewhere.

import { describeEnvironment, missingTools, startEnvironment, type BrowserEnvironment } from './environment';
import { writeBrowserState } from './state';

declare global {
  /** Handles for globalTeardown (the same process). */
  var __burndownBrowserEnv: BrowserEnvironment | undefined;
}

export default async function globalSetup(): Promise<void> {
  const missing = missingTools();
  if (missing.length > 0) {
    const reason = `missing ${missing.join(', ')} (install: apt-get install -y chromium prometheus victoria-metrics)`;
    if (process.env.CI === 'true') {
      throw new Error(`Browser tests need Chromium and Prometheus: ${reason}`);
    }
    const bar = '!'.repeat(100);
    process.stderr.write(
      `\n${bar}\n!!! BROWSER TESTS SKIPPED: ${reason}\n!!! Nothing was checked in a browser.\n!!! On CI (CI=true) this is an error.\n${bar}\n\n`
    );
    writeBrowserState({ skipped: true, reason, timings: {} });
    return;
  }

  const env = await startEnvironment();
  globalThis.__burndownBrowserEnv = env;
  writeBrowserState(env.state);

  // Safety net: if jest dies before globalTeardown, do not leave the servers behind.
  const pids = [...(env.state.pids ?? [])];
  process.once('exit', () => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });
  process.stdout.write(`\nburndown browser tests:\n${describeEnvironment(env)}\n`);
}
