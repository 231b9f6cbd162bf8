// Packs the built plugin (dist/) into artifacts/burndown-slo-app-<version>.zip in Grafana's plugin layout: one top
// folder named after the plugin id holding dist/'s contents (plugin.json, module.js, the nested panel, images),
// plus .sha1 and .sha256 files (`sha256sum -c` format). Then re-reads the zip with `unzip` and checks the layout,
// including every image plugin.json and README.md reference. Needs `npm run build` first; uses zip/unzip (apt).
// Run: npm run package
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const ARTIFACTS = path.join(ROOT, 'artifacts');

interface PluginJson {
  id: string;
  info: { version: string; logos?: Record<string, string>; screenshots?: Array<{ path: string }> };
  includes?: Array<{ type: string; path?: string }>;
}

function fail(message: string): never {
  process.stderr.write(`package: ${message}\n`);
  process.exit(1);
}

/** Every file the zip must hold, relative to the plugin folder, from plugin.json files and README image links. */
export function requiredFiles(readText: (rel: string) => string | undefined): string[] {
  const plugin = JSON.parse(readText('plugin.json') ?? fail('dist/plugin.json is missing')) as PluginJson;
  const need = new Set(['plugin.json', 'module.js', 'README.md', 'LICENSE', 'CHANGELOG.md']);
  const images = (base: string, p: PluginJson) => {
    for (const logo of Object.values(p.info.logos ?? {})) {
      need.add(path.posix.join(base, logo));
    }
    for (const shot of p.info.screenshots ?? []) {
      need.add(path.posix.join(base, shot.path));
    }
  };
  images('', plugin);
  for (const inc of plugin.includes ?? []) {
    if (inc.type === 'panel' && inc.path) {
      need.add(inc.path);
      const nested = JSON.parse(readText(inc.path) ?? fail(`dist/${inc.path} is missing`)) as PluginJson;
      const base = path.posix.dirname(inc.path);
      need.add(path.posix.join(base, 'module.js'));
      images(base, nested);
    }
  }
  // Relative image links in the README (the plugin catalog renders it).
  for (const m of (readText('README.md') ?? '').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
    if (!/^[a-z]+:/i.test(m[1])) {
      need.add(path.posix.normalize(m[1]));
    }
  }
  return [...need].sort();
}

function sums(file: string): void {
  const data = readFileSync(file);
  for (const algo of ['sha1', 'sha256'] as const) {
    const hash = createHash(algo).update(data).digest('hex');
    writeFileSync(`${file}.${algo}`, `${hash}  ${path.basename(file)}\n`);
  }
}

function main(): void {
  if (!existsSync(path.join(DIST, 'plugin.json')) || !existsSync(path.join(DIST, 'module.js'))) {
    fail('dist/ has not been built: run `npm run build` first');
  }
  const plugin = JSON.parse(readFileSync(path.join(DIST, 'plugin.json'), 'utf8')) as PluginJson;
  if (plugin.info.version.includes('%')) {
    fail(`dist/plugin.json has an unfilled version (${plugin.info.version}): rebuild with npm run build`);
  }
  const name = `${plugin.id}-${plugin.info.version}.zip`;
  const zip = path.join(ARTIFACTS, name);
  mkdirSync(ARTIFACTS, { recursive: true });
  rmSync(zip, { force: true });
  // Stage dist/ under a folder named after the plugin id, as Grafana's plugin directory expects.
  const stage = path.join(ARTIFACTS, '.stage');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  execFileSync('cp', ['-R', DIST, path.join(stage, plugin.id)]);
  execFileSync('zip', ['-q', '-r', '-X', zip, plugin.id], { cwd: stage });
  rmSync(stage, { recursive: true, force: true });
  sums(zip);

  // Check what was written with an independent reader.
  const entries = new Set(execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean));
  const outside = [...entries].filter((e) => !e.startsWith(`${plugin.id}/`));
  if (outside.length > 0) {
    fail(`${name}: entries outside ${plugin.id}/: ${outside.slice(0, 5).join(', ')}`);
  }
  const read = (rel: string) => {
    try {
      return execFileSync('unzip', ['-p', zip, `${plugin.id}/${rel}`], { encoding: 'utf8' }) || undefined;
    } catch {
      return undefined;
    }
  };
  const missing = requiredFiles(read).filter((rel) => !entries.has(`${plugin.id}/${rel}`));
  if (missing.length > 0) {
    fail(`${name} lacks ${missing.map((m) => `${plugin.id}/${m}`).join(', ')}`);
  }
  const check = execFileSync('sha256sum', ['-c', `${name}.sha256`], { cwd: ARTIFACTS, encoding: 'utf8' }).trim();
  process.stdout.write(
    `artifacts/${name}: ${entries.size} entries, ${(readFileSync(zip).length / 1024).toFixed(0)} KiB; ` +
      `layout checked (${requiredFiles(read).length} required files present); ${check}\n`
  );
}

if (require.main === module) {
  main();
}
