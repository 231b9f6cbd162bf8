// `--grafana <url> --token-file <file>`: the SLOs of the app's settings, each queried through Grafana's data source
// API with its own data source (or Grafana's default Prometheus one), with one service-account token.
import { applyAppDefaults, readAppDefaults } from '../infrastructure/settings/appDefaults';
import { parseAppSlos } from '../infrastructure/settings/parseAppSlos';
import { APP_ID, GrafanaHttpApi, type GrafanaDatasource } from '../infrastructure/grafanaHttp/GrafanaHttpApi';
import { redactUrl, type PromClient } from '../query';
import type { SloError, SloSpec } from '../slo';
import { escapeControl } from '../slo/limits';
import { UsageError } from './args';
import { secret } from './connection';
import { nodeTransport } from './http';
import type { ClientSettings, Io } from './io';

export const GRAFANA_FLAGS = ['grafana', 'token-file'] as const;

export const GRAFANA_HELP = `Grafana mode (instead of --prometheus and --file):
  --grafana <url>                   Grafana's base URL (with its sub-path, if any)  BURNDOWN_GRAFANA
  --token-file <file>               a service-account token, sent as Authorization:  BURNDOWN_GRAFANA_TOKEN_FILE
                                    Bearer (Viewer: app access and datasources:query; docs/cli.md, --grafana)
  Reads the SLOs from the app's settings (GET /api/plugins/${APP_ID}/settings) and queries each SLO's own
  data source through POST /api/ds/query (an SLO without one: Grafana's default Prometheus data source), so the
  figures are the app's. --header, --timeout and --ca-file apply; --bearer-token-file and --basic-auth-* do not.`;

/** What Grafana mode evaluates: the app's valid SLOs, the problems with the others, and a client per SLO. */
export interface GrafanaSlos {
  /** Every valid SLO of the app (composites may name any of them). */
  all: SloSpec[];
  /** Problems with `jsonData.slos` (invalid entries are left out, never shown as healthy). */
  errors: SloError[];
  api: GrafanaHttpApi;
}

/** `--grafana` and `--token-file` (or their environment variables), or undefined when Grafana mode is not asked. */
export function grafanaOptions(io: Io, flags: Map<string, string>): { url: string; tokenFile: string } | undefined {
  const env = io.env ?? process.env;
  const url = flags.get('grafana') ?? (env.BURNDOWN_GRAFANA || undefined);
  const tokenFile = flags.get('token-file') ?? (env.BURNDOWN_GRAFANA_TOKEN_FILE || undefined);
  if (url === undefined && !flags.has('token-file')) {
    return undefined;
  }
  if (url === undefined) {
    throw new UsageError('--token-file goes with --grafana <url>', 'budget');
  }
  if (!/^https?:\/\//.test(url)) {
    throw new UsageError(`--grafana must be an http(s) URL, got ${escapeControl(redactUrl(url))}`, 'budget');
  }
  for (const other of ['prometheus', 'file', 'bearer-token-file', 'basic-auth-user', 'basic-auth-password-file']) {
    if (flags.has(other)) {
      throw new UsageError(
        `--grafana reads the SLOs and queries from Grafana with --token-file: --${other} does not go with it`,
        'budget'
      );
    }
  }
  if (tokenFile === undefined) {
    throw new UsageError('--grafana needs --token-file <file> (a Grafana service-account token)', 'budget');
  }
  return { url, tokenFile };
}

/** The app's SLOs from Grafana's settings API. Fails with QueryError (exit 3) when Grafana does not answer them. */
export async function loadGrafanaSlos(
  io: Io,
  options: { url: string; tokenFile: string },
  settings: ClientSettings
): Promise<GrafanaSlos> {
  const token = await secret(io, 'token-file', options.tokenFile);
  if (/[\u0000-\u001f\u007f\s]/.test(token)) {
    throw new UsageError('--token-file: the token holds white space or a control character (one token, one line)');
  }
  const { Authorization: _ignored, ...headers } = settings.headers;
  const api = new GrafanaHttpApi(options.url, {
    token,
    headers,
    timeoutMs: settings.timeoutMs,
    transport: nodeTransport({ ca: settings.ca }),
  });
  // The app's defaults (data source, time zone) fill what an SLO leaves out, as in the app (docs/app.md, Settings).
  const jsonData = await api.appJsonData();
  const parsed = parseAppSlos(jsonData.slos);
  const { defaults, errors: defaultErrors } = readAppDefaults(jsonData);
  const raw = Array.isArray(jsonData.slos) ? jsonData.slos : [];
  return { all: applyAppDefaults(parsed.slos, raw, defaults), errors: [...parsed.errors, ...defaultErrors], api };
}

/** An SLO with no `datasource.uid` while Grafana has no Prometheus data source. */
export class NoPrometheusError extends Error {
  constructor(readonly sloId: string, grafana: string) {
    super(
      `${sloId} names no data source (datasource: {uid: ...}) and the Grafana at ${grafana} has no Prometheus ` +
        'data source to use instead'
    );
    this.name = 'NoPrometheusError';
  }
}

/**
 * The SLOs grouped by the data source each is read from, in first-seen order: its `datasource.uid`, else Grafana's
 * default Prometheus data source (asked once), as the app does (src/infrastructure/datasources/resolveSloDatasource).
 */
export async function groupByDatasource(
  api: GrafanaHttpApi,
  slos: readonly SloSpec[]
): Promise<Array<{ client: PromClient; slos: SloSpec[] }>> {
  let fallback: Promise<GrafanaDatasource | undefined> | undefined;
  const groups = new Map<string, { client: PromClient; slos: SloSpec[] }>();
  for (const spec of slos) {
    let ds: { uid: string; type: string };
    if (spec.datasource?.uid) {
      ds = { uid: spec.datasource.uid, type: spec.datasource.type ?? 'prometheus' };
    } else {
      const found = await (fallback ??= api.defaultPrometheus());
      if (!found) {
        throw new NoPrometheusError(spec.id, api.id);
      }
      ds = { uid: found.uid, type: found.type };
    }
    const key = JSON.stringify([ds.uid, ds.type]);
    let group = groups.get(key);
    if (!group) {
      group = { client: api.promClient(ds), slos: [] };
      groups.set(key, group);
    }
    group.slos.push(spec);
  }
  return [...groups.values()];
}

/**
 * Where a command reads SLOs and counts: the app's settings through Grafana (`--grafana`), or `--file` and a
 * Prometheus-compatible `--prometheus` URL (or BURNDOWN_PROMETHEUS). `missing` is the usage message when either is absent.
 */
export function backendTarget(
  io: Io,
  flags: Map<string, string>,
  command: string,
  missing: string
): { grafana?: { url: string; tokenFile: string }; url: string; path: string } {
  const grafana = grafanaOptions(io, flags);
  const url = grafana ? grafana.url : flags.get('prometheus') ?? (io.env ?? process.env).BURNDOWN_PROMETHEUS;
  const path = grafana ? 'the app settings' : flags.get('file');
  if (!url || !path) {
    throw new UsageError(missing, command);
  }
  if (!/^https?:\/\//.test(url)) {
    throw new UsageError(`--prometheus must be an http(s) URL, got ${escapeControl(redactUrl(url))}`, command);
  }
  return { grafana, url, path };
}
