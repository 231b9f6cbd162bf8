// The high-cardinality backend of recorded mode's test and benchmark (docs/recorded-mode.md): the generator's
// high-cardinality scenario (tests/generator/highCardinality.ts) as TSDB blocks (cached per generator source), the
// recorded-mode rules backfilled with `promtool tsdb create-blocks-from rules` (one pass: the tiles read raw counters
// only) up to `backfillToMs`, then Prometheus restarted with `--query.max-samples` when given. Stopped by PID.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { prometheusRules, rulesYaml } from '../../src/rules';
import type { SloSpec } from '../../src/slo/types';
import {
  buildHighCardinality,
  HC_DEFAULT_HOURS,
  HC_DEFAULT_START_MS,
  hcOpenMetrics,
  type HighCardinality,
} from '../generator/highCardinality';
import { BINARIES, CACHE_ROOT, freePort, httpGet, ROOT, stopPid } from './servers';
import { run, tempDir, waitFor } from './rulesTools';

const HOUR = 3_600_000;

/** The SLO on the high-cardinality counters: ungrouped, rolling 1 day (or `windowMs`), 99.5%. */
export function hcSpec(mode: 'raw' | 'recorded' | 'auto', groupBy: string[] = [], windowMs = 24 * HOUR): SloSpec {
  return {
    id: 'hc',
    name: 'High-cardinality availability',
    service: 'hc',
    labels: {},
    indicator: {
      kind: 'ratio',
      bad: 'http_requests_total{job="hc",code=~"5.."}',
      total: 'http_requests_total{job="hc"}',
    },
    objective: 0.995,
    window: { kind: 'rolling', durationMs: windowMs },
    budgetingMethod: 'occurrences',
    groupBy,
    exclusions: [],
    policy: [],
    alerting: { page: false, ticket: false },
    mode,
  };
}

async function ensureHcBlocks(hc: HighCardinality): Promise<string> {
  const source = readFileSync(path.join(ROOT, 'tests', 'generator', 'highCardinality.ts'));
  const key = createHash('sha256').update(source).digest('hex').slice(0, 16);
  // The default span keeps its old key; a longer one (the benchmark's) gets its own.
  const dir = path.join(CACHE_ROOT, hc.minutes === HC_DEFAULT_HOURS * 60 ? `hc-${key}` : `hc-${key}-${hc.minutes}m`);
  const blocks = path.join(dir, 'prometheus-blocks');
  if (existsSync(path.join(blocks, '.complete'))) {
    return blocks;
  }
  const tmp = path.join(dir, `tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const om = path.join(dir, `hc-${process.pid}.om`);
  await pipeline(Readable.from(hcOpenMetrics(hc)), createWriteStream(om));
  const res = await run(BINARIES.promtool, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '--max-block-duration=240h',
    om,
    tmp,
  ]);
  rmSync(om, { force: true });
  if (res.code !== 0) {
    throw new Error(`promtool create-blocks-from openmetrics: ${res.output.slice(-500)}`);
  }
  writeFileSync(path.join(tmp, '.complete'), new Date().toISOString());
  rmSync(blocks, { recursive: true, force: true });
  renameSync(tmp, blocks);
  return blocks;
}

export interface HcBackend {
  hc: HighCardinality;
  url: string;
  pid: number;
  /** Seconds per stage. */
  timings: Record<string, number>;
  stop: () => Promise<void>;
}

/**
 * The scenario in a fresh Prometheus, the recorded rules of `specs` backfilled over (start, backfillToMs], and
 * Prometheus restarted with `maxSamples` (when set) for the queries under test. `hours`: the scenario's span (default
 * 36; the benchmark's week is 168).
 */
export async function startHcBackend(
  specs: readonly SloSpec[],
  opts: { maxSamples?: number; backfillToMs?: number; hours?: number } = {}
): Promise<HcBackend> {
  const timings: Record<string, number> = {};
  let t0 = Date.now();
  const lap = (stage: string) => {
    timings[stage] = (Date.now() - t0) / 1000;
    t0 = Date.now();
  };
  const hc = buildHighCardinality(HC_DEFAULT_START_MS, opts.hours ?? HC_DEFAULT_HOURS);
  const blocks = await ensureHcBlocks(hc);
  lap('blocks');
  const tmp = tempDir('recorded-hc');
  const data = path.join(tmp.dir, 'data');
  cpSync(blocks, data, { recursive: true });
  writeFileSync(path.join(tmp.dir, 'prometheus.yml'), 'global:\n  scrape_interval: 60s\n');
  let child: ChildProcess | undefined;
  let url = '';
  const start = async (extra: string[]) => {
    const port = await freePort();
    const fd = openSync(path.join(tmp.dir, 'prometheus.log'), 'a');
    child = spawn(
      BINARIES.prometheus,
      [
        `--config.file=${path.join(tmp.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${data}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=10y',
        ...extra,
      ],
      { stdio: ['ignore', fd, fd] }
    );
    url = `http://127.0.0.1:${port}`;
    await waitFor('Prometheus ready', async () => (await httpGet(`${url}/-/ready`, 2000)).status === 200, 60_000, [
      child,
    ]);
  };
  const stop = async () => {
    if (child?.pid) {
      await stopPid(child.pid);
    }
  };
  try {
    await start([]);
    lap('start');
    const rules = path.join(tmp.dir, 'rules.yaml');
    writeFileSync(rules, rulesYaml(prometheusRules(specs)));
    const out = path.join(tmp.dir, 'backfill');
    const res = await run(BINARIES.promtool, [
      'tsdb',
      'create-blocks-from',
      'rules',
      `--url=${url}`,
      `--start=${hc.startMs / 1000}`,
      `--end=${(opts.backfillToMs ?? hc.endMs) / 1000}`,
      `--output-dir=${out}`,
      rules,
    ]);
    if (res.code !== 0) {
      throw new Error(`promtool create-blocks-from rules: ${res.output.slice(-500)}`);
    }
    lap('backfill rules');
    await stop();
    for (const b of readdirSync(out)) {
      renameSync(path.join(out, b), path.join(data, b));
    }
    await start(opts.maxSamples !== undefined ? [`--query.max-samples=${opts.maxSamples}`] : []);
    lap('restart');
  } catch (e) {
    await stop();
    tmp.remove();
    throw e;
  }
  return {
    hc,
    url,
    pid: child!.pid as number,
    timings,
    stop: async () => {
      await stop();
      tmp.remove();
    },
  };
}
