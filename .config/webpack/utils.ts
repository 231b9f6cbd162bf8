import fs from 'fs';
import path from 'path';
import { glob } from 'glob';

import { DIST_DIR, SOURCE_DIR } from './constants';

function readJson(file: string) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function getPackageJson() {
  return readJson(path.resolve(process.cwd(), 'package.json'));
}

export function getPluginJson() {
  return readJson(path.resolve(process.cwd(), SOURCE_DIR, 'plugin.json'));
}

export function hasSourceReadme() {
  return fs.existsSync(path.resolve(process.cwd(), SOURCE_DIR, 'README.md'));
}

export function distPath() {
  return path.resolve(process.cwd(), DIST_DIR);
}

/**
 * One webpack entry per plugin: every plugin.json under src/ with a sibling module.{ts,tsx,js,jsx}.
 * src/module.tsx becomes `module`, src/panels/budget/module.tsx becomes `panels/budget/module`.
 */
export async function getEntries(): Promise<Record<string, string>> {
  const sourceDir = path.resolve(process.cwd(), SOURCE_DIR);
  const manifests = await glob('**/plugin.json', { cwd: sourceDir, absolute: true });
  const entries: Record<string, string> = {};
  for (const manifest of manifests.sort()) {
    const folder = path.dirname(manifest);
    const modules = await glob('module.{ts,tsx,js,jsx}', { cwd: folder, absolute: true });
    if (modules.length === 0) {
      continue;
    }
    const relative = path.relative(sourceDir, folder).split(path.sep).join('/');
    entries[relative === '' ? 'module' : `${relative}/module`] = modules[0];
  }
  return entries;
}

/** Folders (relative to src/) of nested plugins, e.g. `panels/budget`. */
export async function getNestedPluginDirs(): Promise<string[]> {
  const sourceDir = path.resolve(process.cwd(), SOURCE_DIR);
  const manifests = await glob('*/**/plugin.json', { cwd: sourceDir });
  return manifests.map((m) => path.dirname(m).split(path.sep).join('/')).sort();
}
