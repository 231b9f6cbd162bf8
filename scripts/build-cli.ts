// Builds the CLI into one file with no runtime dependencies: dist-cli/burndown.js (Node 20+, with a shebang),
// plus dist-cli/package.json so that directory can be published as the npm package `burndown-cli` (bin `burndown`).
// Run: npm run build:cli
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const OUT_DIR = path.join(ROOT, 'dist-cli');
export const BUNDLE = path.join(OUT_DIR, 'burndown.js');

export async function buildCli(): Promise<{ bytes: number; ms: number }> {
  const t0 = Date.now();
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; license: string };
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    // Readable stack traces for bug reports.
    keepNames: true,
    sourcemap: false,
    legalComments: 'none',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  const foreign = inputs.filter((f) => /node_modules\/(@grafana|react|rxjs)/.test(f));
  if (foreign.length > 0) {
    throw new Error(`the CLI bundle must not pull in UI packages: ${foreign.slice(0, 5).join(', ')}`);
  }
  chmodSync(BUNDLE, 0o755);
  writeFileSync(
    path.join(OUT_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'burndown-cli',
        version: pkg.version,
        description: 'Burndown SLO command line: validate SLO files and compute error budgets from Prometheus',
        license: pkg.license,
        bin: { burndown: 'burndown.js' },
        files: ['burndown.js', 'LICENSE'],
        engines: { node: '>=20' },
        repository: { type: 'git', url: 'https://github.com/burndown-slo/burndown' },
      },
      null,
      2
    ) + '\n'
  );
  copyFileSync(path.join(ROOT, 'LICENSE'), path.join(OUT_DIR, 'LICENSE'));
  return { bytes: statSync(BUNDLE).size, ms: Date.now() - t0 };
}

if (require.main === module) {
  buildCli().then(
    ({ bytes, ms }) => process.stdout.write(`dist-cli/burndown.js: ${(bytes / 1024).toFixed(0)} KiB in ${ms} ms\n`),
    (e: unknown) => {
      process.stderr.write(`build-cli: ${(e as Error).message}\n`);
      process.exitCode = 1;
    }
  );
}
