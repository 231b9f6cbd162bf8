// What the integration tests use to reach the backends globalSetup started, and to skip loudly
// when globalSetup could not start them (off-CI only; on CI globalSetup fails the run instead).

import { readState } from './servers';

export interface Backends {
  prometheus?: string;
  victoria?: string;
}

export interface Backend {
  name: 'prometheus' | 'victoria';
  url: string;
}

let warned = false;

function state() {
  const s = readState();
  if (!s) {
    throw new Error(
      'integration state not found: run with -c tests/integration/jest.config.js (globalSetup starts the backends)'
    );
  }
  return s;
}

export function getBackends(): Backends {
  const s = state();
  return { prometheus: s.prometheus?.url, victoria: s.victoria?.url };
}

/** Both backends as a list for describe.each; empty when the suite is skipped. */
export function backendList(): Backend[] {
  const b = getBackends();
  const out: Backend[] = [];
  if (b.prometheus) {
    out.push({ name: 'prometheus', url: b.prometheus });
  }
  if (b.victoria) {
    out.push({ name: 'victoria', url: b.victoria });
  }
  return out;
}

/** Why the suite is skipped, or undefined when the backends run. */
export function skipReason(): string | undefined {
  const s = state();
  return s.skipped ? s.reason ?? 'backends unavailable' : undefined;
}

/**
 * describe() when the backends run; otherwise describe.skip() with the reason in the title and a
 * warning on stderr, so a skipped run never looks like a green one.
 */
export function describeWithBackends(title: string, fn: () => void): void {
  const reason = skipReason();
  if (reason) {
    if (!warned) {
      warned = true;
      process.stderr.write(`\n!!! SKIPPING integration tests: ${reason}\n\n`);
    }
    describe.skip(`${title} [SKIPPED: ${reason}]`, fn);
    return;
  }
  describe(title, fn);
}

/** Runs `fn` once per backend inside describeWithBackends. */
export function describeEachBackend(title: string, fn: (backend: Backend) => void): void {
  describeWithBackends(title, () => {
    // When skipped, placeholders keep every test title visible in the skipped count.
    const list: Backend[] = skipReason()
      ? [
          { name: 'prometheus', url: 'http://skipped' },
          { name: 'victoria', url: 'http://skipped' },
        ]
      : backendList();
    if (list.length === 0) {
      it('has backends', () => {
        throw new Error('globalSetup reported no backend');
      });
    }
    for (const backend of list) {
      describe(backend.name, () => fn(backend));
    }
  });
}
