// Recorded mode for `BENCH_MODE=recorded npm run bench:overview` (docs/recorded-mode.md): the quarter SLOs' tiles in
// the generator's Prometheus. Backfilling 200 SLOs with promtool over the quarter would take long, and their selectors
// match the same series (quarterSlos: no-op matchers), so their tiles are identical: promtool backfills the first
// SLO's rules (`tsdb create-blocks-from rules`, as the recorded tests do), a second Prometheus on those blocks gives its
// tiles back, and they are written under every SLO's id (the `slo` label) as OpenMetrics for `tsdb create-blocks-from
// openmetrics`. The blocks are cached per generator data, rules and N; they are copied into the running Prometheus'
// data folder, which loads new blocks on its own (once a minute), and the bench waits until its compactions settle.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';

import { prometheusRules, rulesYaml } from '../src/rules';
import type { SloSpec } from '../src/slo/types';
import { run, sleep, tempDir } from '../tests/integration/rulesTools';
import { BINARIES, CACHE_ROOT, dataKey, freePort, httpGet, stopPid } from '../tests/integration/servers';

const TILE_NAMES = /^burndown:slo_events_(total|bad):tiles5m$/;

interface Series {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

async function promJson<T>(url: string): Promise<T> {
  const body = (await (await fetch(url)).json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success') {
    throw new Error(`${url}: ${body.error}`);
  }
  return body.data;
}

async function checked(what: string, bin: string, args: string[]): Promise<void> {
  const res = await run(bin, args);
  if (res.code !== 0) {
    throw new Error(`${what}: ${res.output.slice(-800)}`);
  }
}

/** The first SLO's tiles over [fromMs, toMs], backfilled by promtool and read back from a Prometheus on its blocks. */
async function firstSloTiles(promUrl: string, spec: SloSpec, fromMs: number, toMs: number): Promise<Series[]> {
  const tmp = tempDir('bench-tiles');
  try {
    const rules = path.join(tmp.dir, 'rules.yaml');
    const groups = prometheusRules([spec]).filter((g) => g.group.name.endsWith('-recorded'));
    writeFileSync(rules, rulesYaml(groups));
    const out = path.join(tmp.dir, 'data');
    await checked('promtool tsdb create-blocks-from rules', BINARIES.promtool, [
      'tsdb',
      'create-blocks-from',
      'rules',
      `--url=${promUrl}`,
      `--start=${fromMs / 1000}`,
      `--end=${toMs / 1000}`,
      `--output-dir=${out}`,
      rules,
    ]);
    writeFileSync(path.join(tmp.dir, 'prometheus.yml'), 'global:\n  scrape_interval: 60s\n');
    const port = await freePort();
    const log = openSync(path.join(tmp.dir, 'prometheus.log'), 'a');
    const child = spawn(
      BINARIES.prometheus,
      [
        `--config.file=${path.join(tmp.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${out}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=10y',
      ],
      { stdio: ['ignore', log, log] }
    );
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; (await httpGet(`${url}/-/ready`, 2000).catch(() => ({ status: 0 }))).status !== 200; i++) {
        if (i > 120) {
          throw new Error(`the tiles' Prometheus did not start (log ${tmp.dir}/prometheus.log)`);
        }
        await sleep(500);
      }
      const rangeS = Math.ceil((toMs - fromMs) / 1000) + 3600;
      const q = `{__name__=~"${TILE_NAMES.source.slice(1, -1)}"}[${rangeS}s]`;
      const data = await promJson<{ result: Series[] }>(
        `${url}/api/v1/query?query=${encodeURIComponent(q)}&time=${toMs / 1000}`
      );
      return data.result;
    } finally {
      await stopPid(child.pid as number);
    }
  } finally {
    tmp.remove();
  }
}

/** The tiles of `series` under each of `ids` (the `slo` label), as OpenMetrics, series by series in time order. */
async function writeOpenMetrics(file: string, series: Series[], ids: readonly string[]): Promise<number> {
  const out = createWriteStream(file);
  let samples = 0;
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  for (const id of ids) {
    for (const s of series) {
      const labels = Object.entries({ ...s.metric, slo: id })
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      const name = s.metric.__name__;
      await write(s.values.map(([t, v]) => `${name}{${labels}} ${v} ${t}\n`).join(''));
      samples += s.values.length;
    }
  }
  out.end('# EOF\n');
  await finished(out);
  return samples;
}

/** Blocks holding the tiles of every SLO of `specs` over [fromMs, toMs], built once per data, rules and range. */
async function tileBlocks(
  promUrl: string,
  specs: readonly SloSpec[],
  fromMs: number,
  toMs: number,
  log: (s: string) => void
): Promise<string> {
  const key = createHash('sha256')
    .update(dataKey())
    .update(rulesYaml(prometheusRules(specs.slice(0, 1))))
    .update(specs.map((s) => s.id).join(','))
    .update(`${fromMs}-${toMs}`)
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(CACHE_ROOT, `bench-tiles-${key}`);
  if (existsSync(path.join(dir, '.complete'))) {
    log(`tiles of ${specs.length} SLOs: cached blocks ${dir}`);
    return dir;
  }
  let t0 = Date.now();
  const series = await firstSloTiles(promUrl, specs[0], fromMs, toMs);
  if (series.length !== 2) {
    throw new Error(`promtool backfilled ${series.length} tile series for ${specs[0].id}, expected 2 (total, bad)`);
  }
  log(
    `promtool backfilled ${specs[0].id}'s tiles (${series.map((s) => s.values.length).join(' + ')} samples) in ${
      (Date.now() - t0) / 1000
    } s`
  );
  t0 = Date.now();
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const om = path.join(tmp, 'tiles.om');
  const samples = await writeOpenMetrics(
    om,
    series,
    specs.map((s) => s.id)
  );
  const blocks = path.join(tmp, 'blocks');
  await checked('promtool tsdb create-blocks-from openmetrics', BINARIES.promtool, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '--max-block-duration=2400h',
    om,
    blocks,
  ]);
  rmSync(om);
  rmSync(dir, { recursive: true, force: true });
  renameSync(blocks, dir);
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(path.join(dir, '.complete'), new Date().toISOString());
  log(
    `copied them under the other ${specs.length - 1} SLOs' ids (${samples.toLocaleString(
      'en-US'
    )} samples, promtool create-blocks-from openmetrics) in ${(Date.now() - t0) / 1000} s`
  );
  return dir;
}

async function metric(promUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${promUrl}/metrics`)).text();
  const m = new RegExp(`^${name}\\s+(\\S+)`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

/**
 * Gives every SLO of `specs` (mode: recorded) its tiles over [fromMs, toMs] in the Prometheus at `promUrl` (the
 * generator's, started by this process): copies the blocks into its data folder and waits until it serves every SLO's
 * tiles and its compactions have settled (so they do not count in the bench's Prometheus CPU).
 */
export async function addQuarterTiles(
  promUrl: string,
  specs: readonly SloSpec[],
  fromMs: number,
  toMs: number,
  log: (s: string) => void
): Promise<void> {
  const blocks = await tileBlocks(promUrl, specs, fromMs, toMs, log);
  const flags = await promJson<Record<string, string>>(`${promUrl}/api/v1/status/flags`);
  const data = flags['storage.tsdb.path'];
  for (const b of readdirSync(blocks).filter((f) => f !== '.complete')) {
    cpSync(path.join(blocks, b), path.join(data, b), { recursive: true });
  }
  const t0 = Date.now();
  const q = encodeURIComponent('count(count by (slo) (burndown:slo_events_total:tiles5m))');
  for (;;) {
    const r = await promJson<{ result: Array<{ value: [number, string] }> }>(
      `${promUrl}/api/v1/query?query=${q}&time=${toMs / 1000}`
    );
    if (Number(r.result[0]?.value[1] ?? 0) === specs.length) {
      break;
    }
    if (Date.now() - t0 > 180_000) {
      throw new Error(`Prometheus did not load the tile blocks from ${data} within 180 s`);
    }
    await sleep(5000);
  }
  // The TSDB compacts the new, overlapping blocks with the old ones within its next minute: wait until quiet.
  let last = '';
  let quietSince = Date.now();
  while (Date.now() - quietSince < 75_000) {
    const now = `${await metric(promUrl, 'prometheus_tsdb_compactions_total')}/${await metric(
      promUrl,
      'prometheus_tsdb_blocks_loaded'
    )}`;
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
    await sleep(5000);
  }
  log(`Prometheus serves the ${specs.length} SLOs' tiles (loaded and compacted in ${(Date.now() - t0) / 1000} s)`);
}
