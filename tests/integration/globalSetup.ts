// Jest globalSetup of the integration suite: loads the scenario into a real Prometheus and a real
// VictoriaMetrics (docs/semantics.md section 9) and writes their URLs and PIDs for the tests.
// Missing binaries fail the run on CI (CI=true) and skip the suite, loudly, elsewhere.

import {
  type BackendState,
  BINARIES,
  cleanStaleRuns,
  findBinary,
  killRunningChildren,
  startBackends,
  writeState,
} from './servers';

export default async function globalSetup(): Promise<void> {
  const missing = Object.values(BINARIES).filter((b) => !findBinary(b));
  if (missing.length > 0) {
    const reason = `missing ${missing.join(', ')} on PATH (install: apt-get install -y prometheus victoria-metrics)`;
    if (process.env.CI === 'true') {
      throw new Error(`Integration tests need real backends: ${reason}`);
    }
    const bar = '!'.repeat(100);
    process.stderr.write(
      `\n${bar}\n!!! INTEGRATION TESTS SKIPPED: ${reason}\n!!! Nothing was checked against Prometheus or VictoriaMetrics.\n` +
        `!!! On CI (CI=true) this is an error.\n${bar}\n\n`
    );
    writeState({ skipped: true, reason, timings: {} });
    return;
  }

  for (const w of cleanStaleRuns()) {
    process.stderr.write(`WARNING: ${w}\n`);
  }
  const timings: Record<string, number> = {};
  const t0 = Date.now();
  const state: BackendState = await startBackends(timings);
  timings.total = (Date.now() - t0) / 1000;
  writeState(state);

  // Safety net: if jest exits without globalTeardown, do not leave the servers behind (only children still running).
  process.once('exit', killRunningChildren);
  process.once('SIGINT', () => {
    killRunningChildren();
    process.exit(130);
  });

  const rows = Object.entries(timings).map(([stage, s]) => `  ${stage.padEnd(28)} ${s.toFixed(1).padStart(7)} s`);
  process.stdout.write(
    `\nburndown integration backends (data ${state.dataKey}, ${state.samples} samples):\n` +
      `  Prometheus       ${state.prometheus?.url} (pid ${state.prometheus?.pid})\n` +
      `  VictoriaMetrics  ${state.victoria?.url} (pid ${state.victoria?.pid})\n` +
      `setup stages:\n${rows.join('\n')}\n\n`
  );
}
