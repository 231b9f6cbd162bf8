// Jest globalTeardown of the integration suite: stops the servers globalSetup started, by PID.

import { rmSync } from 'node:fs';

import { readState, stopPid } from './servers';

export default async function globalTeardown(): Promise<void> {
  const state = readState();
  // Only the servers this jest process started (a concurrent run may have rewritten the shared state file).
  if (!state || state.skipped || state.ownerPid !== process.pid) {
    return;
  }
  for (const server of [state.prometheus, state.victoria]) {
    if (server?.pid) {
      await stopPid(server.pid);
    }
  }
  if (state.runDir && !process.env.BURNDOWN_IT_KEEP_RUN) {
    rmSync(state.runDir, { recursive: true, force: true });
  }
}
