// The `burndown` command line: validate SLO files, and compute budgets from Prometheus or VictoriaMetrics.
import { readFileSync } from 'node:fs';
import { HttpPromClient, QueryError, evaluateAll, type PromClient, type SloStatus } from '../query';
import { formatSloError, parseRfc3339, parseSloDocument, type SloFile, type SloSpec } from '../slo';
import { parseArgs, UsageError } from './args';
import { statusJson, statusTable } from './format';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
export const EXIT_BACKEND = 3;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  readFile: (path: string) => string;
  now: () => number;
  client: (url: string) => PromClient;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  readFile: (p) => readFileSync(p, 'utf8'),
  now: () => Date.now(),
  client: (url) => new HttpPromClient(url),
};

const USAGE = `usage: burndown <command> [options]

commands:
  validate <file>...                 check SLO files; prints every problem as file:line:col: field: message
  budget --prometheus <url> --file <slos.yaml> [--slo <id>] [--at <RFC3339>] [--output table|json]
                                     error budgets at a time (default now) from a Prometheus-compatible API
  help                               this text`;

class InvalidFile extends Error {}

function loadFile(io: Io, path: string): SloFile {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const { file, errors } = parseSloDocument(text, { file: path });
  if (!file) {
    errors.forEach((e) => io.err(formatSloError(e)));
    throw new InvalidFile(`${path}: ${errors.length} problem${errors.length === 1 ? '' : 's'}`);
  }
  return file;
}

function validate(io: Io, argv: string[]): number {
  const { positionals } = parseArgs(argv, []);
  if (positionals.length === 0) {
    throw new UsageError('validate needs at least one file');
  }
  let failed = 0;
  for (const path of positionals) {
    try {
      const file = loadFile(io, path);
      io.out(`${path}: ok (${file.slos.length} SLO${file.slos.length === 1 ? '' : 's'})`);
    } catch (e) {
      if (!(e instanceof InvalidFile)) {
        throw e;
      }
      failed++;
    }
  }
  return failed > 0 ? EXIT_INVALID : EXIT_OK;
}

/** The SLO field a failing query came from, for messages like `checkout: indicator.ratio.total: ...`. */
export function fieldOf(spec: SloSpec, e: QueryError): string {
  const ind = spec.indicator;
  switch (ind.kind) {
    case 'ratio':
      return `indicator.ratio.${e.role === 'expr' || !e.role ? 'total' : e.role}`;
    case 'latency':
      return 'indicator.latency.histogram';
    case 'threshold':
      return 'indicator.threshold.expr';
    case 'composite':
      return 'indicator.composite';
  }
}

async function budget(io: Io, argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, ['prometheus', 'file', 'slo', 'at', 'output']);
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument ${positionals[0]}`);
  }
  const url = flags.get('prometheus');
  const path = flags.get('file');
  if (!url || !path) {
    throw new UsageError('budget needs --prometheus <url> and --file <slos.yaml>');
  }
  if (!/^https?:\/\//.test(url)) {
    throw new UsageError(`--prometheus must be an http(s) URL, got ${url}`);
  }
  const output = flags.get('output') ?? 'table';
  if (output !== 'table' && output !== 'json') {
    throw new UsageError(`--output must be table or json, got ${output}`);
  }
  let at = io.now();
  const atText = flags.get('at');
  if (atText !== undefined) {
    const parsed = parseRfc3339(atText);
    if (parsed === undefined) {
      throw new UsageError(`--at must be an RFC3339 time such as 2026-10-01T00:00:00Z, got ${atText}`);
    }
    at = parsed;
  }
  const file = loadFile(io, path);
  const only = flags.get('slo');
  const selected = only ? file.slos.filter((s) => s.id === only) : file.slos;
  if (only && selected.length === 0) {
    throw new UsageError(`no SLO with id ${only} in ${path} (have: ${file.slos.map((s) => s.id).join(', ')})`);
  }
  const client = io.client(url);
  const statuses: SloStatus[] = [];
  for (const result of await evaluateAll(client, selected, at, { all: file.slos })) {
    if ('statuses' in result) {
      statuses.push(...result.statuses);
      continue;
    }
    const { spec, error: e } = result;
    if (e instanceof QueryError) {
      const query = e.expr ? `\n  query: ${e.expr}` : '';
      io.err(
        `burndown: ${spec.id}: ${fieldOf(spec, e)}: ${e.kind === 'rejected' ? 'query rejected: ' : ''}${
          e.message
        }${query}`
      );
      return EXIT_BACKEND;
    }
    throw e;
  }
  io.out(
    output === 'json'
      ? JSON.stringify(statuses.map(statusJson), null, 2)
      : statusTable(statuses, new Map(file.slos.map((s) => [s.id, s.policy])))
  );
  return EXIT_OK;
}

export async function run(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return validate(io, rest);
      case 'budget':
        return await budget(io, rest);
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return EXIT_OK;
      default:
        throw new UsageError(command ? `unknown command ${command}` : 'no command given');
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`burndown: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (e instanceof InvalidFile) {
      io.err(`burndown: ${e.message}`);
      return EXIT_INVALID;
    }
    throw e;
  }
}

/** Process entry: run with the real argv and set the exit code. */
export function cliMain(): void {
  run(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`burndown: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 4;
    }
  );
}

if (require.main === module) {
  cliMain();
}
