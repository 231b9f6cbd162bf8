// Shared by the rule tests: the binaries they need (a missing one fails under CI=true and skips loudly elsewhere,
// as globalSetup does for the backends), temporary directories, and promtool runs.
import { execFile } from 'node:child_process';
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
