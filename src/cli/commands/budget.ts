// `burndown budget`: each SLO's error budget at a time, from a Prometheus-compatible API (table or JSON).
import { QueryError, evaluateAll, type PromClient, type SloEvaluation, type SloStatus } from '../../query';
import type { SloSpec } from '../../slo';
import { escapeControl } from '../../slo/limits';
import { atFlag, parseArgs, UsageError } from '../args';
import { CONNECTION_FLAGS, CONNECTION_HELP, connectionSettings } from '../connection';
import {
  GRAFANA_FLAGS,
  GRAFANA_HELP,
  backendTarget,
  groupByDatasource,
  loadGrafanaSlos,
  NoPrometheusError,
} from '../grafana';
import { statusJson, statusTable } from '../format';
import { diagnosticText, groupName } from '../../shared/format';
import { EXIT_BACKEND, EXIT_INVALID, EXIT_OK, type Io } from '../io';
import type { Command } from './command';
import { loadSloFile, printSloError } from './load';

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

/** `{label=value}` of a grouped status, '' otherwise. */
function groupSuffix(s: SloStatus): string {
  const g = groupName(s.group, ',');
  return g ? `{${g}}` : '';
}

/** A message of several lines, each escaped so that no quoted input can add lines or control the terminal. */
function lines(...parts: string[]): string {
  return parts.map(escapeControl).join('\n');
}

export const budgetCommand: Command = {
  name: 'budget',
  summary: 'error budgets at a time (default now) from a Prometheus-compatible API',
  help: `usage: burndown budget --prometheus <url> --file <slos.yaml|-> [--slo <id>] [--at <RFC3339>]
                       [--output table|json] [--strict] [connection options]
       burndown budget --grafana <url> --token-file <file> [--slo <id>] [--at <RFC3339>] [--output table|json]
                       [--strict]

Computes each SLO's error budget at --at (default: now) from a Prometheus-compatible HTTP API
(Prometheus, VictoriaMetrics, Thanos, Mimir). With --prometheus, the file's datasource field is ignored.

options:
  --prometheus <url>                the API's base URL                 BURNDOWN_PROMETHEUS
  --file <file>                     the SLO file ("-" for standard input)
  --slo <id>                        only this SLO
  --at <RFC3339>                    the time to evaluate at, e.g. 2026-10-01T00:00:00Z
  --output table|json               table for people (default), json for programs
  --strict                          exit 1 when any SLO has a diagnostic (no series, no data, stale, partial
                                    window, threshold not a bucket bound); without it they are findings (exit 0)

${GRAFANA_HELP}

${CONNECTION_HELP}

exit codes: 0 ok, 1 invalid or unreadable SLO file (or, with --strict, diagnostics), 2 usage error, 3 backend error (unreachable, HTTP error,
rejected query, malformed or impossible answer)

example:
  burndown budget --prometheus https://mimir.example.com/prometheus --tenant team-a \\
    --bearer-token-file /run/secrets/token --file slos.yaml --output json
  burndown budget --grafana https://grafana.example.com --token-file /run/secrets/grafana-token --output json`,

  async run(io: Io, argv: string[]): Promise<number> {
    const { positionals, flags, all } = parseArgs(
      argv,
      ['prometheus', 'file', 'slo', 'at', 'output', ...CONNECTION_FLAGS, ...GRAFANA_FLAGS],
      ['strict']
    );
    if (positionals.length > 0) {
      throw new UsageError(`unexpected argument ${escapeControl(positionals[0])}`, 'budget');
    }
    const { grafana, url, path } = backendTarget(
      io,
      flags,
      'budget',
      'budget needs --prometheus <url> and --file <slos.yaml>'
    );
    const output = flags.get('output') ?? 'table';
    if (output !== 'table' && output !== 'json') {
      throw new UsageError(`--output must be table or json, got ${escapeControl(output)}`, 'budget');
    }
    const at = atFlag(flags, io.now(), 'budget');
    const settings = await connectionSettings(io, flags, all);
    let file: { slos: SloSpec[] };
    let groups: Array<{ client: PromClient; slos: SloSpec[] }> | undefined;
    let invalid = false;
    if (grafana) {
      // The SLOs of the app's settings, each through its own data source (src/cli/grafana.ts).
      try {
        const app = await loadGrafanaSlos(io, grafana, settings);
        app.errors.forEach((e) => printSloError(io, e));
        invalid = app.errors.length > 0;
        if (app.all.length === 0) {
          io.err(
            lines(
              `burndown: the ${invalid ? 'valid ' : ''}SLOs of the app's settings at ${app.api.id}: there are none ` +
                `(${invalid ? 'every entry is invalid, see above' : "add SLOs on the app's pages first"})`
            )
          );
          return EXIT_INVALID;
        }
        file = { slos: app.all };
        const only = flags.get('slo');
        groups = await groupByDatasource(app.api, only ? app.all.filter((s) => s.id === only) : app.all);
      } catch (e) {
        if (e instanceof QueryError || e instanceof NoPrometheusError) {
          io.err(lines(`burndown: ${e.message}`));
          return EXIT_BACKEND;
        }
        throw e;
      }
    } else {
      file = await loadSloFile(io, path);
    }
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
    // Impossible answers (negative counts, bad > total) are refused by the query layer (src/query/batch.ts).
    const results: SloEvaluation[] = [];
    for (const g of groups ?? [{ client: io.client(url, settings), slos: selected }]) {
      results.push(...(await evaluateAll(g.client, g.slos, at, { all: file.slos, policyFrom: 'burndown' })));
    }
    const order = new Map(selected.map((s, i) => [s.id, i]));
    results.sort((a, b) => order.get(a.spec.id)! - order.get(b.spec.id)!);
    const statuses: SloStatus[] = [];
    for (const result of results) {
      if ('statuses' in result) {
        statuses.push(...result.statuses);
        continue;
      }
      const { spec, error: e } = result;
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
    io.out(
      output === 'json'
        ? JSON.stringify(statuses.map(statusJson), null, 2)
        : statusTable(statuses, new Map(file.slos.map((s) => [s.id, s])))
    );
    // Invalid SLOs of the app's settings were listed above: they are never shown as healthy.
    if (invalid && !only) {
      return EXIT_INVALID;
    }
    // Diagnostics are findings (printed with the figures) unless --strict makes them failures.
    const findings = statuses.flatMap((s) => s.diagnostics.map((d) => ({ s, d })));
    if (flags.has('strict') && findings.length > 0) {
      io.err(
        lines(
          `burndown: --strict: ${findings.length} diagnostic${findings.length === 1 ? '' : 's'}:`,
          ...findings.map(({ s, d }) => `  ${s.id}${groupSuffix(s)}: ${diagnosticText(d)}`)
        )
      );
      return EXIT_INVALID;
    }
    return EXIT_OK;
  },
};
