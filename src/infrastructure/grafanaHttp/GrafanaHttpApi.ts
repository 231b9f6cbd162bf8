// Grafana's HTTP API outside the browser (the CLI's `--grafana` mode): the app's settings
// (`GET /api/plugins/<id>/settings`), the data sources (`GET /api/datasources`) and queries through Grafana's data
// source API (`POST /api/ds/query`), with one service-account token (`Authorization: Bearer`). Over an injected
// HttpTransport (Node's http/https in the CLI) with the query layer's bounded retries; messages name Grafana's URL
// redacted and never the token. No Grafana or React imports.
import {
  QueryError,
  excerpt,
  exchangeWithRetries,
  fetchTransport,
  redactUrl,
  splitUserinfo,
  type HttpResponse,
  type HttpTransport,
  type PromClient,
  type RetryPolicy,
} from '../../query/client';
import type { FrameLike } from '../../query/frames';
import { dsQueryBody, dsQueryError, dsQueryFrames, type DsQueryKind } from './dsQueryWire';

export const APP_ID = 'burndown-slo-app';

/** Data source types that answer PromQL through Grafana's Prometheus backend (as resolveSloDatasource). */
const PROMETHEUS_TYPES = ['prometheus'];

export interface GrafanaHttpApiOptions {
  /** The service-account token, sent as `Authorization: Bearer` (never in a message). */
  token: string;
  /** More headers sent with every request. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  transport?: HttpTransport;
  maxRetries?: number;
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** One entry of `GET /api/datasources`, as far as it is read here. */
export interface GrafanaDatasource {
  uid: string;
  name?: string;
  type: string;
  isDefault?: boolean;
}

/** A Grafana answer that is not the expected one: `status` is its HTTP status (0: none). */
export class GrafanaApiError extends QueryError {
  constructor(message: string, status?: number) {
    super('http', message, undefined, status);
    this.name = 'GrafanaApiError';
  }
}

export class GrafanaHttpApi {
  /** The base URL with any credentials redacted: safe in messages. */
  readonly id: string;
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly transport: HttpTransport;
  private readonly policy: RetryPolicy;

  constructor(baseUrl: string, options: GrafanaHttpApiOptions) {
    const trimmed = baseUrl.replace(/\/+$/, '');
    this.base = splitUserinfo(trimmed).url;
    this.id = redactUrl(trimmed);
    this.headers = { ...options.headers, Authorization: `Bearer ${options.token}`, Accept: 'application/json' };
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.transport = options.transport ?? fetchTransport;
    this.policy = {
      maxRetries: options.maxRetries ?? 3,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    };
  }

  /** One request; answers that are not JSON, redirects and 401/403 fail here with a message naming Grafana. */
  async request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    expr?: string
  ): Promise<{ status: number; data: unknown }> {
    const where = `${method} ${this.id}${path}`;
    const res: HttpResponse = await exchangeWithRetries(
      this.transport,
      {
        url: this.base + path,
        method,
        headers: method === 'POST' ? { ...this.headers, 'Content-Type': 'application/json' } : this.headers,
        body: method === 'POST' ? JSON.stringify(body) : '',
        timeoutMs: this.timeoutMs,
      },
      where,
      expr,
      this.policy
    );
    const status = `HTTP ${res.status} ${res.statusText}`.trim();
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.location ? ` to ${redactUrl(res.headers.location)}` : '';
      throw new QueryError(
        'http',
        `${status} from ${where}: redirected${location} (a login page? a wrong --grafana URL?); not followed. ` +
          'Use the URL Grafana is served at, with its sub-path if any.',
        expr,
        res.status
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(res.body);
    } catch {
      data = undefined;
    }
    const message = (data as { message?: unknown } | undefined)?.message;
    const said = typeof message === 'string' && message !== '' ? `: ${excerpt(message)}` : '';
    if (res.status === 401) {
      throw new QueryError(
        'http',
        `${status} from ${where}${said}: Grafana refused the token (check --token-file: a service-account token ` +
          'of this Grafana and organisation, not expired or revoked)',
        expr,
        res.status
      );
    }
    if (res.status === 403) {
      throw new QueryError(
        'http',
        `${status} from ${where}${said}: the token's service account lacks a permission (see docs/cli.md, --grafana)`,
        expr,
        res.status
      );
    }
    if (data === undefined || typeof data !== 'object' || data === null) {
      const type = res.headers['content-type'] ? `, ${res.headers['content-type']}` : '';
      throw new QueryError(
        res.status >= 200 && res.status < 300 ? 'invalid' : 'http',
        `not a Grafana API answer from ${where} (${status}${type}): ${excerpt(res.body)}`,
        expr,
        res.status
      );
    }
    return { status: res.status, data };
  }

  /** `jsonData.slos` of the app's settings (undefined when the app has none yet). */
  async appSlos(appId = APP_ID): Promise<unknown> {
    return (await this.appJsonData(appId)).slos;
  }

  /** The app's whole `jsonData` (the SLOs and the app-wide defaults beside them); {} when it has none. */
  async appJsonData(appId = APP_ID): Promise<Record<string, unknown>> {
    const path = `/api/plugins/${encodeURIComponent(appId)}/settings`;
    const { status, data } = await this.request('GET', path, undefined);
    if (status === 404) {
      throw new GrafanaApiError(
        `the app ${appId} is not installed in the Grafana at ${this.id} (HTTP 404 from GET ${this.id}${path})`,
        status
      );
    }
    if (status < 200 || status >= 300) {
      throw new GrafanaApiError(`HTTP ${status} from GET ${this.id}${path}: ${excerpt(JSON.stringify(data))}`, status);
    }
    const settings = data as { enabled?: unknown; jsonData?: { slos?: unknown } | null };
    if (settings.enabled === false) {
      throw new GrafanaApiError(
        `the app ${appId} is installed but not enabled in the Grafana at ${this.id} (enable it on its configuration page)`,
        status
      );
    }
    const jsonData = settings.jsonData;
    return jsonData && typeof jsonData === 'object' && !Array.isArray(jsonData) ? (jsonData as Record<string, unknown>) : {};
  }

  /** Grafana's default Prometheus data source, else the first Prometheus one, else undefined. */
  async defaultPrometheus(): Promise<GrafanaDatasource | undefined> {
    const path = '/api/datasources';
    const { status, data } = await this.request('GET', path, undefined);
    if (status < 200 || status >= 300 || !Array.isArray(data)) {
      throw new GrafanaApiError(
        `HTTP ${status} from GET ${this.id}${path}: not a list of data sources: ${excerpt(JSON.stringify(data))}`,
        status
      );
    }
    const proms = (data as GrafanaDatasource[]).filter(
      (d) => d && typeof d.uid === 'string' && PROMETHEUS_TYPES.includes(d.type)
    );
    return proms.find((d) => d.isDefault === true) ?? proms[0];
  }

  /** A PromClient querying one of Grafana's data sources through `POST /api/ds/query`. */
  promClient(datasource: { uid: string; type: string }): PromClient {
    return new GrafanaHttpPromClient(this, datasource);
  }
}

/** The query layer's PromClient over `POST /api/ds/query`: the same request body and decoding as the browser's. */
export class GrafanaHttpPromClient implements PromClient {
  readonly id: string;

  constructor(private readonly api: GrafanaHttpApi, private readonly datasource: { uid: string; type: string }) {
    this.id = `grafana:${api.id}:${datasource.uid}`;
  }

  instant(expr: string, t: number): Promise<FrameLike[]> {
    return this.query(expr, { kind: 'instant' }, t, t);
  }

  range(expr: string, start: number, end: number, stepMs: number): Promise<FrameLike[]> {
    return this.query(expr, { kind: 'range', stepMs }, start, end);
  }

  private async query(expr: string, q: DsQueryKind, from: number, to: number): Promise<FrameLike[]> {
    const path = '/api/ds/query';
    const { status, data } = await this.api.request(
      'POST',
      path,
      dsQueryBody(this.datasource, expr, q, from, to),
      expr
    );
    const inner = dsQueryError(data);
    if (inner) {
      throw new QueryError('rejected', inner.error, expr, inner.status ?? status);
    }
    if (status < 200 || status >= 300) {
      const message = (data as { message?: unknown }).message;
      const notFound =
        status === 404 ? ` (is there a data source with uid "${this.datasource.uid}" in this Grafana?)` : '';
      throw new QueryError(
        'http',
        `HTTP ${status} from POST ${this.api.id}${path}${notFound}: ${
          typeof message === 'string' ? excerpt(message) : excerpt(JSON.stringify(data))
        }`,
        expr,
        status
      );
    }
    return dsQueryFrames(data, expr);
  }
}
