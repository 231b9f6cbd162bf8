// `burndown report`: met or missed, budget used, episodes, policy time, alerts and recommendations per SLO over one or
// more periods (src/report/, docs/reports.md), as Markdown, CSV, JSON or HTML.
import { redactUrl } from '../../query';
import { buildReport } from '../../report/model';
import { loadPeriod } from '../../report/load';
import {
  parsePeriod,
  periodsEndingWith,
  PeriodError,
  resolvePeriod,
  type PeriodSpec,
  type ReportPeriod,
} from '../../report/period';
import { renderReport, type ReportFormat } from '../../report/render';
import type { SloSpec } from '../../slo';
import { escapeControl } from '../../slo/limits';
import { atFlag, parseArgs, UsageError } from '../args';
import { CONNECTION_FLAGS, CONNECTION_HELP, connectionSettings } from '../connection';
import { EXIT_BACKEND, EXIT_OK, type Io } from '../io';
import type { Command } from './command';
import { loadSloFile } from './load';

const FORMATS: readonly ReportFormat[] = ['md', 'csv', 'json', 'html'];
/** More periods than this is a typo, and each costs a query per SLO. */
const MAX_PERIODS = 24;

function usage(message: string): UsageError {
  return new UsageError(message, 'report');
}

/** The periods of the report for one SLO, oldest first: the --period values, or the --last n ending with one. */
function periodsFor(
  specs: readonly PeriodSpec[],
  last: number,
  slo: Pick<SloSpec, 'window'>,
  now: number
): ReportPeriod[] {
  const resolved = specs.map((p) => resolvePeriod(p, slo, now));
  if (resolved.length === 1 && last > 1) {
    return periodsEndingWith(resolved[0], last);
  }
  return resolved.sort((a, b) => a.start - b.start);
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'met or missed, budget used, episodes and recommendations per SLO over periods (md, csv, json, html)',
  help: `usage: burndown report --prometheus <url> --file <slos.yaml|-> --period <period> [--period <period>...]
                       [--last <n>] [--slo <id>...] [--service <name>...] [--label <key=value>...]
                       [--time-zone <IANA zone>]
                       [--at <RFC3339>] [--output md|csv|json|html] [connection options]

For each SLO and period: met or missed, final SLI, budget used (exact counts over the period), budget-burning
episodes, how long each policy level was active, when the generated alert tiers would have fired, and
recommendations from those figures. A period still under way is reported up to --at (default: now).

periods:
  2026-Q3, 2026-08, 2026-W32 (ISO week), 2026     calendar periods in --time-zone (default UTC)
  2026-07-01/2026-08-15, <RFC3339>/<RFC3339>      a custom range (dates are midnight in --time-zone)
  this-|last-week|month|quarter|year              each SLO's own calendar: its zone, first weekday and the
                                                  month its quarters start in (fiscal quarters)
  --last <n>                                      the n periods ending with the one --period names (trend)

options:
  --prometheus <url>                the API's base URL                 BURNDOWN_PROMETHEUS
  --file <file>                     the SLO file ("-" for standard input)
  --slo <id>                        only these SLOs (repeatable)
  --service <name>                  only the SLOs of this service (repeatable)
  --label <key=value>               only the SLOs with this label (repeatable: all must match)
  --output md|csv|json|html         Markdown (default), CSV (one row per SLO and period), JSON (everything),
                                    HTML (one page with a print layout)

${CONNECTION_HELP}

exit codes: 0 ok, 1 invalid or unreadable SLO file, 2 usage error, 3 backend error

example:
  burndown report --prometheus http://127.0.0.1:9090 --file slos.yaml --period 2026-Q3 --last 4 --output html`,

  async run(io: Io, argv: string[]): Promise<number> {
    const { positionals, flags, all } = parseArgs(argv, [
      'prometheus',
      'file',
      'slo',
      'service',
      'label',
      'period',
      'last',
      'time-zone',
      'at',
      'output',
      ...CONNECTION_FLAGS,
    ]);
    if (positionals.length > 0) {
      throw usage(`unexpected argument ${escapeControl(positionals[0])}`);
    }
    const url = flags.get('prometheus') ?? (io.env ?? process.env).BURNDOWN_PROMETHEUS;
    const path = flags.get('file');
    const periodTexts = all.get('period') ?? [];
    if (!url || !path || periodTexts.length === 0) {
      throw usage('report needs --prometheus <url>, --file <slos.yaml> and --period <period>');
    }
    if (!/^https?:\/\//.test(url)) {
      throw usage(`--prometheus must be an http(s) URL, got ${escapeControl(redactUrl(url))}`);
    }
    const output = (flags.get('output') ?? 'md') as ReportFormat;
    if (!FORMATS.includes(output)) {
      throw usage(`--output must be one of ${FORMATS.join(', ')}, got ${escapeControl(output)}`);
    }
    const lastText = flags.get('last');
    const last = lastText === undefined ? 1 : Number(lastText);
    if (!Number.isInteger(last) || last < 1 || last > MAX_PERIODS) {
      throw usage(`--last must be a whole number from 1 to ${MAX_PERIODS}, got ${escapeControl(lastText ?? '')}`);
    }
    if (last > 1 && periodTexts.length > 1) {
      throw usage('give either several --period values or one --period with --last, not both');
    }
    if (periodTexts.length > MAX_PERIODS) {
      throw usage(`at most ${MAX_PERIODS} periods`);
    }
    const now = atFlag(flags, io.now(), 'report');
    let specs: PeriodSpec[];
    try {
      specs = periodTexts.map((t) => parsePeriod(t, flags.get('time-zone') ?? 'UTC'));
    } catch (e) {
      if (e instanceof PeriodError) {
        throw usage(`--period ${escapeControl(e.message)}`);
      }
      throw e;
    }

    const settings = await connectionSettings(io, flags, all);
    const file = await loadSloFile(io, path);
    const ids = all.get('slo') ?? [];
    const services = all.get('service') ?? [];
    for (const id of ids) {
      if (!file.slos.some((s) => s.id === id)) {
        throw usage(
          `no SLO with id ${escapeControl(id)} in ${escapeControl(path)} (have: ${file.slos
            .map((s) => s.id)
            .join(', ')})`
        );
      }
    }
    const labels = (all.get('label') ?? []).map((l) => {
      const eq = l.indexOf('=');
      if (eq <= 0) {
        throw usage(`--label must be key=value, got ${escapeControl(l)}`);
      }
      return [l.slice(0, eq), l.slice(eq + 1)] as const;
    });
    const selected = file.slos.filter(
      (s) =>
        (ids.length === 0 || ids.includes(s.id)) &&
        (services.length === 0 || services.includes(s.service ?? '')) &&
        labels.every(([k, v]) => s.labels[k] === v)
    );
    if (selected.length === 0) {
      throw usage(`no SLO in ${escapeControl(path)} matches the --slo, --service and --label given`);
    }

    // Every SLO gets the same number of periods; relative periods are resolved per SLO.
    const count = last > 1 ? last : specs.length;
    const perSlo = new Map(file.slos.map((s) => [s.id, periodsFor(specs, last, s, now)]));
    const display = periodsFor(specs, last, { window: { kind: 'rolling', durationMs: 0 } }, now);
    const future = display.find((p) => p.start >= now);
    if (future) {
      throw usage(`the period ${escapeControl(future.label)} has not started at ${new Date(now).toISOString()}`);
    }
    const client = io.client(url, settings);
    const results = [];
    for (let k = 0; k < count; k++) {
      const loaded = await loadPeriod(client, selected, file.slos, (s) => perSlo.get(s.id)![k], { now });
      results.push(loaded);
    }
    const report = buildReport(display, results, now);
    io.out(renderReport(report, output).replace(/\n$/, ''));
    for (const r of results.flat()) {
      if (r.error) {
        io.err(escapeControl(`burndown: ${r.spec.id} over ${r.period.label}: ${r.error}`));
      }
    }
    return results.flat().some((r) => r.error) ? EXIT_BACKEND : EXIT_OK;
  },
};
