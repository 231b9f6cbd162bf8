// `burndown gate`: may a release proceed? Each named SLO's status at a time (the exact figures of `budget`), judged by
// its policy (docs/semantics.md section 5, Policy: the burn-down for calendar and fixed windows), `--min-remaining`
// and `--reason` against the active level's exceptions. Exit 0 proceed, 1 blocked, 2 usage, 3 backend error
// (blocked; 0 with a loud warning under --on-error allow). docs/gate.md is the contract.
import { gateVerdict, policyFigure, type GateBlock } from '../../engine';
import { QueryError, evaluateAll, type PromClient, type SloStatus } from '../../query';
import { diagnosticText, formatPercent, formatRfc3339Utc, groupName } from '../../shared/format';
import {
  EXCEPTION_SLUG,
  formatDuration,
  formatPercent as formatSetting,
  parsePercentOrFraction,
  type PolicyLevel,
  type SloSpec,
} from '../../slo';
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
import { EXIT_BACKEND, EXIT_INVALID, EXIT_OK, type Io } from '../io';
import type { Command } from './command';
import { fieldOf } from './budget';
import { loadSloFile, printSloError } from './load';

/** One SLO (one group of a grouped SLO) at the gate. */
export interface GateEntry {
  id: string;
  group?: Record<string, string>;
  verdict: 'pass' | 'exception' | 'block' | 'error';
  blockedBy: GateBlock[];
  /** The figure the policy reads: the burn-down for calendar and fixed windows, else the remaining budget. */
  figure: { kind: 'burndown' | 'remaining'; value: number | null } | null;
  level: { name: string; condition: string; actions: string[]; exceptions: string[]; blocksReleases: boolean } | null;
  exception?: string;
  /** For verdict 'error': the backend's message. */
  error?: string;
  diagnostics: Array<{ kind: string; counter?: string; message: string }>;
}

export interface GateReport {
  decision: 'proceed' | 'block';
  exitCode: number;
  at: string;
  reason: string | null;
  minRemaining: number | null;
  onError: 'block' | 'allow';
  slos: GateEntry[];
  audit: string[];
  warnings: string[];
}

/** "below 25%", "burn rate above 14.4 over 1h", or both. */
function conditionText(level: PolicyLevel): string {
  const parts: string[] = [];
  if (level.below !== undefined) {
    // A setting as the file writes it (exact: 0.5% stays 0.5%); figures go through src/shared/format.
    parts.push(`below ${formatSetting(level.below)}`);
  }
  if (level.burnRate) {
    parts.push(`burn rate above ${level.burnRate.above} over ${formatDuration(level.burnRate.windowMs)}`);
  }
  return parts.join(' or ');
}

function label(e: Pick<GateEntry, 'id' | 'group'>): string {
  const g = e.group ? groupName(e.group, ',') : '';
  return g ? `${e.id}{${g}}` : e.id;
}

function figureText(f: GateEntry['figure']): string {
  if (!f || f.value === null) {
    return 'budget unknown';
  }
  return `${f.kind === 'burndown' ? 'burn-down' : 'budget'} ${formatPercent(f.value, 2)} left`;
}

function entryOf(s: SloStatus, minRemaining: number | undefined, reason: string | undefined): GateEntry {
  const figure = policyFigure(s);
  const unknown = s.noData || s.diagnostics.some((d) => d.kind === 'stale' || d.kind === 'no-data');
  const v = gateVerdict({ level: s.policy, figure, unknown, minRemaining, reason });
  return {
    id: s.id,
    ...(Object.keys(s.group).length > 0 ? { group: s.group } : {}),
    verdict: !v.allowed ? 'block' : v.exception ? 'exception' : 'pass',
    blockedBy: v.blockedBy,
    figure: { kind: s.burndown ? 'burndown' : 'remaining', value: figure },
    level: s.policy
      ? {
          name: s.policy.name,
          condition: conditionText(s.policy),
          actions: [...s.policy.actions],
          exceptions: [...(s.policy.exceptions ?? [])],
          blocksReleases: s.policy.blocksReleases !== false,
        }
      : null,
    ...(v.exception ? { exception: v.exception } : {}),
    diagnostics: s.diagnostics.map((d) => ({
      kind: d.kind,
      ...(d.counter ? { counter: d.counter } : {}),
      message: d.message,
    })),
  };
}

/** The entry as one line for people: verdict, SLO, figure, level and its actions. */
export function entryLine(e: GateEntry, minRemaining: number | undefined): string {
  const name = label(e);
  if (e.verdict === 'error') {
    return `ERROR  ${name}: ${e.error}`;
  }
  const level = e.level
    ? `policy level ${e.level.name} (${e.level.condition}${e.level.blocksReleases ? '' : ', does not block releases'})${
        e.level.actions.length ? `: ${e.level.actions.join('; ')}` : ''
      }`
    : 'no policy level active';
  const why: string[] = [];
  for (const b of e.blockedBy) {
    if (b === 'unknown') {
      why.push(
        `budget unknown (${
          e.diagnostics.map((d) => diagnosticText(d as SloStatus['diagnostics'][number])).join('; ') || 'no data'
        })`
      );
    } else if (b === 'min-remaining') {
      why.push(`below --min-remaining ${formatSetting(minRemaining!)}`);
    }
  }
  if (e.blockedBy.includes('unknown')) {
    return `BLOCK  ${name}: ${why.join('; ')}`;
  }
  const head = `${e.verdict === 'block' ? 'BLOCK' : 'PASS '}  ${name}: ${figureText(e.figure)}, ${level}`;
  const tail =
    e.verdict === 'exception'
      ? `; ${e.exception} is an exception of ${e.level!.name}`
      : why.length
      ? `; ${why.join('; ')}`
      : '';
  return head + tail;
}

export const gateCommand: Command = {
  name: 'gate',
  summary: "may a release proceed? exit 0 yes, 1 blocked by the SLOs' policy (for deployment pipelines)",
  help: `usage: burndown gate --prometheus <url> --file <slos.yaml|-> --slo <id> [--slo <id>...] [--min-remaining <percent>]
                     [--reason <kind>] [--on-error block|allow] [--at <RFC3339>] [--output text|json]
                     [connection options]
       burndown gate --grafana <url> --token-file <file> --slo <id> [...the same options]

Decides whether a release may proceed from each named SLO's exact figures (as burndown budget computes them):
the burn-down for calendar and fixed windows, the remaining budget for rolling windows. The release is blocked
while any SLO's policy level is active, when a figure is below --min-remaining, or when a figure is unknown
(no data, stale data). --reason names the kind of change: when the active level lists it in its exceptions,
the release proceeds and an audit line says so (--min-remaining still applies). docs/gate.md has CI examples.

options:
  --prometheus <url>                the API's base URL                 BURNDOWN_PROMETHEUS
  --file <file>                     the SLO file ("-" for standard input)
  --slo <id>                        an SLO to check; repeatable, at least one
  --min-remaining <percent>         also block when a figure is below this, e.g. 25% or 0.25
  --reason <kind>                   the kind of change, e.g. security-fix (lower-case letters, digits, hyphens)
  --on-error block|allow            a backend error or an unknown figure blocks (default), or lets the
                                    release proceed with a loud warning on stderr
  --at <RFC3339>                    the time to decide at (default: now)
  --output text|json                one line per SLO (default), or one JSON object (docs/gate.md)

${GRAFANA_HELP}

${CONNECTION_HELP}

exit codes: 0 the release may proceed, 1 blocked (a policy level, --min-remaining, an unknown figure; also an
invalid SLO file), 2 usage error, 3 backend error (blocked; 0 under --on-error allow)

example:
  burndown gate --prometheus https://prometheus.example.com --file slos.yaml --slo checkout-availability \\
    --min-remaining 10% --reason security-fix`,

  async run(io: Io, argv: string[]): Promise<number> {
    const { positionals, flags, all } = parseArgs(argv, [
      'prometheus',
      'file',
      'slo',
      'min-remaining',
      'reason',
      'on-error',
      'at',
      'output',
      ...CONNECTION_FLAGS,
      ...GRAFANA_FLAGS,
    ]);
    if (positionals.length > 0) {
      throw new UsageError(`unexpected argument ${escapeControl(positionals[0])}`, 'gate');
    }
    const { grafana, url, path } = backendTarget(
      io,
      flags,
      'gate',
      'gate needs --prometheus <url> and --file <slos.yaml> (or --grafana)'
    );
    const ids = all.get('slo') ?? [];
    if (ids.length === 0) {
      throw new UsageError('gate needs at least one --slo <id>: the SLOs the release depends on', 'gate');
    }
    const output = flags.get('output') ?? 'text';
    if (output !== 'text' && output !== 'json') {
      throw new UsageError(`--output must be text or json, got ${escapeControl(output)}`, 'gate');
    }
    const onError = flags.get('on-error') ?? 'block';
    if (onError !== 'block' && onError !== 'allow') {
      throw new UsageError(`--on-error must be block or allow, got ${escapeControl(onError)}`, 'gate');
    }
    let minRemaining: number | undefined;
    const minText = flags.get('min-remaining');
    if (minText !== undefined) {
      minRemaining = parsePercentOrFraction(minText);
      if (
        minRemaining === undefined ||
        minRemaining < 0 ||
        minRemaining > 1 ||
        (!minText.includes('%') && minRemaining > 1)
      ) {
        throw new UsageError(
          `--min-remaining must be a percentage from 0% to 100% (or a fraction 0 to 1), got ${escapeControl(minText)}`,
          'gate'
        );
      }
    }
    const reason = flags.get('reason');
    if (reason !== undefined && !EXCEPTION_SLUG.test(reason)) {
      throw new UsageError(
        `--reason must be a kind of change such as security-fix (lower-case letters, digits, hyphens), got ${escapeControl(
          reason
        )}`,
        'gate'
      );
    }
    const at = atFlag(flags, io.now(), 'gate');
    const settings = await connectionSettings(io, flags, all);

    const report: GateReport = {
      decision: 'proceed',
      exitCode: EXIT_OK,
      at: formatRfc3339Utc(at),
      reason: reason ?? null,
      minRemaining: minRemaining ?? null,
      onError,
      slos: [],
      audit: [],
      warnings: [],
    };
    let backendFailed = false;
    const failed = (id: string, message: string) => {
      backendFailed = true;
      report.slos.push({
        id,
        verdict: 'error',
        blockedBy: [],
        figure: null,
        level: null,
        error: message,
        diagnostics: [],
      });
    };

    let slos: SloSpec[];
    let groups: Array<{ client: PromClient; slos: SloSpec[] }> | undefined;
    let grafanaDown: string | undefined;
    let api: Awaited<ReturnType<typeof loadGrafanaSlos>>['api'] | undefined;
    if (grafana) {
      try {
        const app = await loadGrafanaSlos(io, grafana, settings);
        app.errors.forEach((e) => printSloError(io, e));
        slos = app.all;
        api = app.api;
      } catch (e) {
        if (e instanceof QueryError || e instanceof NoPrometheusError) {
          slos = [];
          grafanaDown = e.message;
        } else {
          throw e;
        }
      }
    } else {
      slos = (await loadSloFile(io, path)).slos;
    }
    const selected: SloSpec[] = [];
    if (grafanaDown !== undefined) {
      ids.forEach((id) => failed(id, `backend error: ${grafanaDown}`));
    } else {
      for (const id of ids) {
        const spec = slos.find((s) => s.id === id);
        if (!spec) {
          throw new UsageError(
            `no SLO with id ${escapeControl(id)} in ${escapeControl(path)} (have: ${slos.map((s) => s.id).join(', ')})`,
            'gate'
          );
        }
        if (!selected.includes(spec)) {
          selected.push(spec);
        }
      }
      if (api) {
        try {
          groups = await groupByDatasource(api, selected);
        } catch (e) {
          if (!(e instanceof QueryError || e instanceof NoPrometheusError)) {
            throw e;
          }
          selected.forEach((s) => failed(s.id, `backend error: ${e.message}`));
          selected.length = 0;
        }
      }
    }
    const results = [];
    for (const g of groups ?? (selected.length > 0 ? [{ client: io.client(url, settings), slos: selected }] : [])) {
      results.push(...(await evaluateAll(g.client, g.slos, at, { all: slos, policyFrom: 'burndown' })));
    }
    for (const spec of selected) {
      const r = results.find((x) => x.spec.id === spec.id)!;
      if ('error' in r) {
        if (!(r.error instanceof QueryError)) {
          throw r.error;
        }
        const e = r.error;
        failed(
          spec.id,
          `backend error: ${fieldOf(spec, e)}: ${e.kind === 'rejected' ? 'query rejected: ' : ''}${e.message}`
        );
        continue;
      }
      report.slos.push(...r.statuses.map((s) => entryOf(s, minRemaining, reason)));
    }

    const blocked = report.slos.filter((e) => e.verdict === 'block');
    // A known figure that blocks (policy, --min-remaining) always blocks; what could not be judged (a backend error,
    // an unknown figure) blocks unless --on-error allow.
    const judged = blocked.filter((e) => !e.blockedBy.includes('unknown'));
    const unknown = blocked.filter((e) => e.blockedBy.includes('unknown'));
    for (const e of report.slos.filter((x) => x.verdict === 'exception')) {
      report.audit.push(
        `audit: ${report.at}: release allowed by exception ${e.exception} while ${label(e)} is at policy level ` +
          `${e.level!.name} (${figureText(e.figure)}, ${e.level!.condition})`
      );
    }
    if (judged.length > 0) {
      report.decision = 'block';
      report.exitCode = EXIT_INVALID;
    } else if (backendFailed && onError === 'block') {
      report.decision = 'block';
      report.exitCode = EXIT_BACKEND;
    } else if (unknown.length > 0 && onError === 'block') {
      report.decision = 'block';
      report.exitCode = EXIT_INVALID;
    } else if (backendFailed || unknown.length > 0) {
      // --on-error allow: what could not be judged does not stop the release, and everybody must see that.
      const what = [
        ...report.slos.filter((e) => e.verdict === 'error').map((e) => `${label(e)} (backend error)`),
        ...unknown.map((e) => `${label(e)} (budget unknown)`),
      ];
      report.warnings.push(
        `WARNING: --on-error allow: the release proceeds WITHOUT an error-budget check of ${what.join(', ')}`
      );
    }

    if (output === 'json') {
      io.out(JSON.stringify(report, null, 2));
    } else {
      const lines = report.slos.map((e) => escapeControl(entryLine(e, minRemaining)));
      lines.push(...report.audit.map(escapeControl));
      lines.push(
        report.decision === 'proceed'
          ? `release may proceed${report.warnings.length ? ' (with warnings, see stderr)' : ''}`
          : report.exitCode === EXIT_BACKEND
          ? 'release blocked: the budget could not be read (exit 3; --on-error allow lets it proceed)'
          : `release blocked by ${blocked.map(label).join(', ')} (exit 1)`
      );
      io.out(lines.join('\n'));
    }
    report.warnings.forEach((w) => io.err(`burndown: ${escapeControl(w)}`));
    return report.exitCode;
  },
};
