// Command-line front of the scenario generator (docs/semantics.md section 9): writes the exposition text of
// the deterministic scenario to a file or stdout, streaming.
//
//   tsx tests/generator/cli.ts --out data.om [--from RFC3339] [--to RFC3339|now] [--days N]
//       [--format openmetrics|prometheus-text-ms] [--series backfill|full] [--shift-days N]
//       [--manifest file.json]
//
// --to now (with --days N) shifts the whole timeline by whole days so that the model ends less than a
// day after now, then writes (now - N days, now]. The shift is printed and written to --manifest; pass
// it back with --shift-days to reproduce the output (the same arguments always give the same bytes).
// Node >= 22.6 can run this file directly with --experimental-strip-types.

import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';

import {
  type OutputFormat,
  type Scenario,
  DAY_MS,
  SCRAPE_INTERVAL_MS,
  buildScenario,
  exposition,
  shiftDaysForEnd,
} from './scenario.ts';

interface Args {
  out?: string;
  from?: string;
  to?: string;
  days?: number;
  format: OutputFormat;
  series: 'backfill' | 'full';
  shiftDays?: number;
  manifest?: string;
}

const USAGE =
  'usage: cli.ts --out <file|-> [--from RFC3339] [--to RFC3339|now] [--days N] ' +
  '[--format openmetrics|prometheus-text-ms] [--series backfill|full] [--shift-days N] [--manifest file]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { format: 'openmetrics', series: 'backfill' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) {
      fail(`missing value for ${flag}`);
    }
    i++;
    switch (flag) {
      case '--out':
        args.out = value;
        break;
      case '--from':
        args.from = value;
        break;
      case '--to':
        args.to = value;
        break;
      case '--days':
        args.days = Number(value);
        if (!(args.days > 0)) {
          fail(`--days must be a positive number, got ${value}`);
        }
        break;
      case '--format':
        if (value !== 'openmetrics' && value !== 'prometheus-text-ms') {
          fail(`unknown format ${value}`);
        }
        args.format = value;
        break;
      case '--series':
        if (value !== 'backfill' && value !== 'full') {
          fail(`unknown series set ${value}`);
        }
        args.series = value;
        break;
      case '--shift-days':
        args.shiftDays = Number(value);
        if (!Number.isInteger(args.shiftDays)) {
          fail(`--shift-days must be an integer, got ${value}`);
        }
        break;
      case '--manifest':
        args.manifest = value;
        break;
      default:
        fail(`unknown flag ${flag}`);
    }
  }
  if (!args.out) {
    fail('--out is required');
  }
  return args;
}

function parseTime(s: string): number {
  const ms = Date.parse(s);
  if (!/^\d{4}-\d\d-\d\dT/.test(s) || !Number.isFinite(ms)) {
    fail(`not an RFC3339 time: ${s}`);
  }
  return ms;
}

function manifest(s: Scenario, fromMs: number, toMs: number, samples: number): object {
  const t = (ms: number) => new Date(ms).toISOString();
  return {
    shiftDays: s.shiftDays,
    from: t(fromMs),
    to: t(toMs),
    samples,
    incidents: s.incidents.map((i) => ({ ...i, from: t(i.fromMs), to: t(i.toMs) })),
    resets: s.resets.map((r) => ({ ...r, at: t(r.atMs) })),
    gaps: s.gaps.map((g) => ({ ...g, from: t(g.fromMs), to: t(g.toMs) })),
    exclusions: s.exclusions.map((e) => ({ ...e, from: t(e.fromMs), to: t(e.toMs) })),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let toMs: number | undefined;
  let shiftDays = args.shiftDays ?? 0;
  if (args.to === 'now') {
    toMs = Math.floor(Date.now() / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS;
    if (args.shiftDays === undefined) {
      shiftDays = shiftDaysForEnd(toMs);
    }
  } else if (args.to !== undefined) {
    toMs = parseTime(args.to);
  }
  const scenario = buildScenario({ shiftDays });
  toMs = toMs ?? scenario.endMs;
  let fromMs = args.from !== undefined ? parseTime(args.from) : scenario.startMs;
  if (args.days !== undefined) {
    fromMs = toMs - args.days * DAY_MS;
  }
  if (fromMs < scenario.startMs || toMs > scenario.endMs || fromMs > toMs) {
    fail(
      `range ${new Date(fromMs).toISOString()} .. ${new Date(toMs).toISOString()} is outside the scenario ` +
        `${new Date(scenario.startMs).toISOString()} .. ${new Date(
          scenario.endMs
        ).toISOString()} (shift ${shiftDays} d)`
    );
  }
  const opts = { fromMs, toMs, format: args.format, seriesSet: args.series };
  // Streams with backpressure: stdout may be a non-blocking pipe.
  const stream = args.out === '-' ? process.stdout : createWriteStream(args.out as string);
  for (const chunk of exposition(scenario, opts)) {
    if (!stream.write(chunk)) {
      await once(stream, 'drain');
    }
  }
  if (stream !== process.stdout) {
    stream.end();
    await once(stream, 'finish');
  }
  const samples = scenario.sampleCount(opts);
  const info = manifest(scenario, fromMs, toMs, samples);
  if (args.manifest) {
    writeFileSync(args.manifest, JSON.stringify(info, null, 2) + '\n');
  }
  process.stderr.write(
    `wrote ${samples} samples (${args.format}, ${args.series}) ${new Date(fromMs).toISOString()} .. ` +
      `${new Date(toMs).toISOString()}, shiftDays=${shiftDays}\n`
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
