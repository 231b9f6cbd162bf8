// Builds the browser test host (tests/browser/host) with webpack, once per source hash: the bundle lands in
// .cache/burndown-browser/host-<hash>/ and is reused while src/, the host and the lockfile stay the same.
// Library: buildHost(). Command line (what the jest globalSetup runs, in its own process): tsx tests/browser/build.ts
// prints {"dir": ..., "seconds": ..., "cached": ...} as the last line of stdout.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import webpack from 'webpack';

import { hostConfig } from './webpack.config';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BROWSER_CACHE = path.join(ROOT, '.cache', 'burndown-browser');

const HASHED = [
  'src',
  'tests/browser/host',
  'tests/browser/webpack.config.ts',
  'tests/browser/build.ts',
  'package-lock.json',
];

function listFiles(p: string, out: string[]): void {
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) {
      listFiles(path.join(p, name), out);
    }
  } else if (!/\.test\.tsx?$/.test(p)) {
    out.push(p);
  }
}

/** Hash of everything the bundle is built from (unit tests excluded). */
export function hostSourceHash(): string {
  const h = createHash('sha256');
  const files: string[] = [];
  for (const rel of HASHED) {
    const abs = path.join(ROOT, rel);
    if (existsSync(abs)) {
      listFiles(abs, files);
    }
  }
  for (const f of files) {
    h.update(path.relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

export interface HostBuild {
  dir: string;
  seconds: number;
  cached: boolean;
}

function runWebpack(outDir: string, minify: boolean): Promise<void> {
  const config = hostConfig({
    outDir,
    cacheDir: path.join(BROWSER_CACHE, minify ? 'webpack-cache-min' : 'webpack-cache'),
    minify,
  });
  return new Promise((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) {
        reject(err);
        return;
      }
      if (stats?.hasErrors()) {
        reject(new Error(`host build failed:\n${stats.toString('errors-only')}`));
        return;
      }
      resolve();
    });
  });
}

/** The bundle's JavaScript bytes (host.js and its chunks), as the page downloads them. */
export function bundleBytes(dir: string): number {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
}

/**
 * The host bundle's folder, built if no bundle of the current sources exists. `minify` (the overview bench): a
 * minified build in its own folder, as a plugin's release build is; the tests keep the quicker unminified one.
 */
export async function buildHost(opts: { minify?: boolean } = {}): Promise<HostBuild> {
  const t0 = Date.now();
  const hash = hostSourceHash();
  const dir = path.join(BROWSER_CACHE, `host-${opts.minify ? 'min-' : ''}${hash}`);
  if (existsSync(path.join(dir, '.complete'))) {
    return { dir, seconds: (Date.now() - t0) / 1000, cached: true };
  }
  mkdirSync(BROWSER_CACHE, { recursive: true });
  const tmp = path.join(BROWSER_CACHE, `tmp-host-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  await runWebpack(tmp, opts.minify === true);
  writeFileSync(path.join(tmp, '.complete'), new Date().toISOString());
  // Older bundles are of no use once nobody serves them: drop those older than an hour.
  for (const name of readdirSync(BROWSER_CACHE)) {
    const old = path.join(BROWSER_CACHE, name);
    if (name.startsWith('host-') && name !== 'host-dev' && Date.now() - statSync(old).mtimeMs > 3_600_000) {
      rmSync(old, { recursive: true, force: true });
    }
  }
  renameSync(tmp, dir);
  return { dir, seconds: (Date.now() - t0) / 1000, cached: false };
}

if (require.main === module) {
  buildHost().then(
    (b) => process.stdout.write(`${JSON.stringify(b)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    }
  );
}
