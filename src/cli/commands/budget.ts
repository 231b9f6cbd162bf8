// `burndown budget`: each SLO's error budget at a time, from a Prometheus-compatible API (table or JSON).
import {
  QueryError,
  counterExprs,
  evaluateSlo,
  increaseQuery,
  redactUrl,
  type FrameLike,
  type PromClient,
  type SloStatus,
} from '../../query';
import { parseRfc3339, type SloSpec } from '../../slo';
import { escapeControl } from '../../slo/limits';
import { parseArgs, UsageError } from '../args';
import { CONNECTION_FLAGS, CONNECTION_HELP, connectionSettings } from '../connection';
import { statusJson, statusTable } from '../format';
import { EXIT_BACKEND, EXIT_OK, type Io } from '../io';
import type { Command } from './command';
import { loadSloFile } from './load';

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

// Event counts come from increase() and count_over_time(): a negative one means the backend is broken.
const COUNT_QUERY = /\b(increase|count_over_time)\s*\(/;

function numbers(frames: FrameLike[]): number[] {
  const out: number[] = [];
  for (const frame of frames) {
    for (const field of frame.fields) {
      if (field.type === 'number') {
        const values = field.values;
        for (const v of 'toArray' in values ? values.toArray() : Array.from(values)) {
          if (typeof v === 'number') {
            out.push(v);
          }
        }
      }
    }
  }
  return out;
}

const anyRange = (expr: string) => expr.replace(/\[[^\]]*\]/g, '[]');

/** The shapes (range left out) of one SLO's total and bad-or-good increase queries. */
interface CounterShapes {
  total: string;
  part: string;
  partName: 'bad' | 'good';
}

function counterShapes(spec: SloSpec): CounterShapes | undefined {
  const ind = spec.indicator;
  if (ind.kind !== 'ratio' && ind.kind !== 'latency') {
    return undefined;
  }
  const counters = counterExprs(ind);
  const shape = (expr: string) => anyRange(increaseQuery(expr, 1000, spec.groupBy ?? []));
  const partName = counters.bad !== undefined ? 'bad' : 'good';
  return { total: shape(counters.total), part: shape((counters.bad ?? counters.good)!), partName };
}

/**
 * Refuses answers no real counter can give, naming the backend and the query: a negative event count, or more
 * bad (or good) events than events in total for one SLO over the same range at the same time. The query layer
 * clamps both silently, which would hide a broken backend behind plausible figures. One wrapper serves every SLO
 * of `specs`, so it can wrap the client of a loop over SLOs or of one call that evaluates them all.
 */
export function refusingImpossibleCounts(client: PromClient, specs: readonly SloSpec[]): PromClient {
  const shapes = specs.map(counterShapes).filter((x): x is CounterShapes => x !== undefined);
  // Sums of the total and part answers per (SLO, time, range), compared once both arrived.
  const seen = new Map<string, { total?: number; part?: number; partExpr?: string }>();

  const check = (frames: FrameLike[], expr: string, t: number) => {
    if (!COUNT_QUERY.test(expr)) {
      return frames;
    }
    const values = numbers(frames);
    const negative = values.find((v) => v < 0);
    if (negative !== undefined) {
      throw new QueryError(
        'invalid',
        `impossible answer from ${client.id}: a negative event count (${negative})`,
        expr
      );
    }
    const shape = anyRange(expr);
    const range = /\[[^\]]*\]/.exec(expr)?.[0];
    const sum = values.reduce((a, b) => a + b, 0);
    shapes.forEach((s, i) => {
      const role = shape === s.total ? 'total' : shape === s.part ? 'part' : undefined;
      if (!role) {
        return;
      }
      const key = `${i}|${t}|${range}`;
      const entry = seen.get(key) ?? {};
      entry[role] = sum;
      if (role === 'part') {
        entry.partExpr = expr;
      }
      seen.set(key, entry);
      const { total, part } = entry;
      // Extrapolation in increase() may differ in the last digits between the two sums.
      if (total !== undefined && part !== undefined && part > total * (1 + 1e-9) + 1e-6) {
        const e = new QueryError(
          'invalid',
          `impossible answer from ${client.id}: more ${s.partName} events (${part}) than events in total (${total}) over the same range`,
          entry.partExpr
        );
        e.role = s.partName;
        throw e;
      }
    });
    return frames;
  };
  return {
    id: client.id,
    instant: async (expr, t) => check(await client.instant(expr, t), expr, t),
    range: async (expr, start, end, step) => check(await client.range(expr, start, end, step), expr, end),
  };
}

/** A message of several lines, each escaped so that no quoted input can add lines or control the terminal. */
function lines(...parts: string[]): string {
  return parts.map(escapeControl).join('\n');
}

export const budgetCommand: Command = {
  name: 'budget',
  summary: 'error budgets at a time (default now) from a Prometheus-compatible API',
  help: `usage: burndown budget --prometheus <url> --file <slos.yaml|-> [--slo <id>] [--at <RFC3339>]
                       [--output table|json] [connection options]

Computes each SLO's error budget at --at (default: now) from a Prometheus-compatible HTTP API
(Prometheus, VictoriaMetrics, Thanos, Mimir). The file's datasource field is ignored.

options:
  --prometheus <url>                the API's base URL                 BURNDOWN_PROMETHEUS
  --file <file>                     the SLO file ("-" for standard input)
  --slo <id>                        only this SLO
  --at <RFC3339>                    the time to evaluate at, e.g. 2026-10-01T00:00:00Z
  --output table|json               table for people (default), json for programs

${CONNECTION_HELP}

exit codes: 0 ok, 1 invalid or unreadable SLO file, 2 usage error, 3 backend error (unreachable, HTTP error,
rejected query, malformed or impossible answer)

example:
  burndown budget --prometheus https://mimir.example.com/prometheus --tenant team-a \\
    --bearer-token-file /run/secrets/token --file slos.yaml --output json`,

  async run(io: Io, argv: string[]): Promise<number> {
    const { positionals, flags, all } = parseArgs(argv, [
      'prometheus',
      'file',
      'slo',
      'at',
      'output',
      ...CONNECTION_FLAGS,
    ]);
    if (positionals.length > 0) {
      throw new UsageError(`unexpected argument ${escapeControl(positionals[0])}`, 'budget');
    }
    const url = flags.get('prometheus') ?? (io.env ?? process.env).BURNDOWN_PROMETHEUS;
    const path = flags.get('file');
    if (!url || !path) {
      throw new UsageError('budget needs --prometheus <url> and --file <slos.yaml>', 'budget');
    }
    if (!/^https?:\/\//.test(url)) {
      throw new UsageError(`--prometheus must be an http(s) URL, got ${escapeControl(redactUrl(url))}`, 'budget');
    }
    const output = flags.get('output') ?? 'table';
    if (output !== 'table' && output !== 'json') {
      throw new UsageError(`--output must be table or json, got ${escapeControl(output)}`, 'budget');
    }
    let at = io.now();
    const atText = flags.get('at');
    if (atText !== undefined) {
      const parsed = parseRfc3339(atText);
      if (parsed === undefined) {
        throw new UsageError(
          `--at must be an RFC3339 time such as 2026-10-01T00:00:00Z, got ${escapeControl(atText)}`,
          'budget'
        );
      }
      at = parsed;
    }
    const settings = await connectionSettings(io, flags, all);
    const file = await loadSloFile(io, path);
    const only = flags.get('slo');
    const selected = only ? file.slos.filter((s) => s.id === only) : file.slos;
    if (only && selected.length === 0) {
      throw new UsageError(
        `no SLO with id ${escapeControl(only)} in ${escapeControl(path)} (have: ${file.slos
          .map((s) => s.id)
          .join(', ')})`,
        'budget'
      );
    }
    const client = refusingImpossibleCounts(io.client(url, settings), file.slos);
    const statuses: SloStatus[] = [];
    for (const spec of selected) {
      try {
        statuses.push(...(await evaluateSlo(client, spec, at, { all: file.slos })));
      } catch (e) {
        if (e instanceof QueryError) {
          const verdict = e.kind === 'rejected' ? 'query rejected: ' : '';
          io.err(
            lines(
              `burndown: ${spec.id}: ${fieldOf(spec, e)}: ${verdict}${e.message}`,
              ...(e.expr ? [`  query: ${e.expr}`] : [])
            )
          );
          return EXIT_BACKEND;
        }
        throw e;
      }
    }
    io.out(output === 'json' ? JSON.stringify(statuses.map(statusJson), null, 2) : statusTable(statuses));
    return EXIT_OK;
  },
};
