// Shared by the rule tests: the binaries they need (a missing one fails under CI=true and skips loudly elsewhere,
// as globalSetup does for the backends), temporary directories, and promtool runs.
import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { findBinary } from './servers';

export const RULE_BINARIES = {
  prometheus: process.env.PROMETHEUS_BIN ?? 'prometheus',
  promtool: process.env.PROMTOOL_BIN ?? 'promtool',
  alertmanager: process.env.ALERTMANAGER_BIN ?? 'prometheus-alertmanager',
};

/** Absolute paths of the binaries, or undefined (after a loud warning) when one is missing off CI. Throws under CI. */
export function requireBinaries<K extends keyof typeof RULE_BINARIES>(
  names: readonly K[],
  what: string
): Record<K, string> | undefined {
  const found = {} as Record<K, string>;
  const missing: string[] = [];
  for (const n of names) {
    const p = findBinary(RULE_BINARIES[n]);
    if (p) {
      found[n] = p;
    } else {
      missing.push(RULE_BINARIES[n]);
    }
  }
  if (missing.length === 0) {
    return found;
  }
  const reason = `missing ${missing.join(
    ', '
  )} on PATH (install: apt-get install -y prometheus prometheus-alertmanager)`;
  if (process.env.CI === 'true') {
    throw new Error(`${what} needs ${reason}`);
  }
  const bar = '!'.repeat(100);
  process.stderr.write(`\n${bar}\n!!! ${what} SKIPPED: ${reason}\n!!! On CI (CI=true) this is an error.\n${bar}\n\n`);
  return undefined;
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `burndown-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunResult {
  code: number;
  output: string;
}

/** Runs a command and returns its exit code and combined output (never throws on a non-zero exit). */
export function run(bin: string, args: string[], cwd?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { cwd, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') {
        reject(err);
        return;
      }
      resolve({ code: err ? (err.code as number) : 0, output: `${stdout}${stderr}` });
    });
  });
}

export const STEP_S = 30;
/** Requests per scrape interval per series pair (a 200 and a 500 counter). */
export const PER_STEP = 100;

export interface SeriesPlan {
  labels: string;
  /** Failed requests in the scrape interval ending at t (seconds). */
  badAt: (t: number) => number;
}

/** Counter samples from `from` to `to` (seconds, inclusive), series by series, in time order. */
export function openMetrics(fromS: number, toS: number, plans: SeriesPlan[]): string {
  const lines = ['# TYPE http_requests counter'];
  for (const p of plans) {
    let ok = 0;
    let bad = 0;
    const okLines: string[] = [];
    const badLines: string[] = [];
    for (let t = fromS; t <= toS; t += STEP_S) {
      if (t > fromS) {
        const b = p.badAt(t);
        bad += b;
        ok += PER_STEP - b;
      }
      okLines.push(`http_requests_total{${p.labels},code="200"} ${ok} ${t}`);
      badLines.push(`http_requests_total{${p.labels},code="500"} ${bad} ${t}`);
    }
    lines.push(...okLines, ...badLines);
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  children: ChildProcess[]
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = children.find((c) => c.exitCode !== null);
    if (dead) {
      throw new Error(`${what}: ${dead.spawnfile} exited with code ${dead.exitCode}`);
    }
    try {
      if (await check()) {
        return;
      }
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${what}: not after ${timeoutMs} ms`);
}
