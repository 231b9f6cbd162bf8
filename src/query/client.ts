// The query transport: a Prometheus-compatible client returning Grafana-shaped frames (docs/semantics.md section 6:
// pages and panel -> query -> engine). Browser-safe: the HTTP transport is injected (fetch by default, Node's
// http/https in the CLI), so this module imports nothing from Node.
import { escapeControl } from '../slo/limits';
import { promResponseToFrames, type FrameLike, type PromApiResponse } from './frames';

export interface PromClient {
  /** Identifies the data source (cache keys). */
  readonly id: string;
  /** Instant query evaluated at t (epoch ms). */
  instant(expr: string, t: number): Promise<FrameLike[]>;
  /** Range query with points at start, start + step, ..., <= end (epoch ms). */
  range(expr: string, start: number, end: number, stepMs: number): Promise<FrameLike[]>;
}

export type CounterRole = 'bad' | 'good' | 'total' | 'expr';

/** Tag a query failure with the indicator counter it concerns, so messages can name the SLO field. */
export function tagRole<T>(p: Promise<T>, role: CounterRole): Promise<T> {
  return p.catch((e: unknown) => {
    if (e instanceof QueryError && !e.role) {
      e.role = role;
    }
    throw e;
  });
}

/**
 * `unreachable` (network, TLS, timeout), `http` (non-2xx without a Prometheus verdict, redirects, throttling),
 * `rejected` (Prometheus refused the query), `invalid` (an answer that is not a well-formed Prometheus result).
 */
export type QueryErrorKind = 'unreachable' | 'http' | 'rejected' | 'invalid';

/** A failed query. Messages name the backend with any credentials redacted. */
export class QueryError extends Error {
  /** Which counter of the indicator the failing query was for (set by the fetch layer). */
  role?: CounterRole;

  constructor(readonly kind: QueryErrorKind, message: string, readonly expr?: string, readonly status?: number) {
    super(message);
    this.name = 'QueryError';
  }
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: string;
}

/** One HTTP exchange, redirects not followed. Fails with TransportError. */
export type HttpTransport = (req: HttpRequest) => Promise<HttpResponse>;

/** A request that got no complete answer: `code` is e.g. ECONNREFUSED, timeout, CERT_HAS_EXPIRED, too-large. */
export class TransportError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

/** The browser's (and Node's) fetch, with redirects returned rather than followed. */
export const fetchTransport: HttpTransport = async (req) => {
  let res: Response;
  try {
    res = await globalThis.fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.method === 'GET' ? undefined : req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (e) {
    const err = e as { name?: string; cause?: { code?: string; message?: string }; message: string };
    if (err.name === 'TimeoutError') {
      throw new TransportError('timeout', `no answer within ${req.timeoutMs / 1000} s`);
    }
    throw new TransportError(err.cause?.code ?? 'error', err.cause?.code ?? err.cause?.message ?? err.message);
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
  return { status: res.status, statusText: res.statusText, headers, body: await res.text() };
};

/** `https://user:secret@host/x` -> `https://user:***@host/x`; anything unparsable is returned without its userinfo. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@?#]*)@/i, (_m, scheme: string, userinfo: string) => {
    const user = userinfo.split(':')[0];
    return `${scheme}${user ? user + ':' : ''}***@`;
  });
}

/** Credentials in the URL (`https://user:pass@host`) as a Basic Authorization header, and the URL without them. */
export function splitUserinfo(url: string): { url: string; authorization?: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/@?#]*)@(.*)$/i.exec(url);
  if (!m) {
    return { url };
  }
  const [user, ...rest] = m[2].split(':');
  const decoded = `${decodeURIComponent(user)}:${decodeURIComponent(rest.join(':'))}`;
  const bytes = new TextEncoder().encode(decoded);
  const authorization = `Basic ${btoa(String.fromCharCode(...bytes))}`;
  return { url: m[1] + m[3], authorization };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Quotes a few characters of a body in a message: one line, control characters escaped. */
export function excerpt(text: string, max = 120): string {
  return JSON.stringify(escapeControl(text.slice(0, max)) + (text.length > max ? '…' : ''));
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  if (/^\s*\d+\s*$/.test(value)) {
    return Number(value) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface HttpPromClientOptions {
  /** Sent with every request: Authorization, X-Scope-OrgID, ... (values never appear in messages). */
  headers?: Record<string, string>;
  /** Per attempt, from sending the request to the last byte of the answer. */
  timeoutMs?: number;
  transport?: HttpTransport;
  /** Retries after 429 and 503 (each honouring Retry-After up to maxRetryAfterMs). */
  maxRetries?: number;
  /** Longest wait accepted from Retry-After; a longer one fails at once. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRY_STATUSES = new Set([429, 503]);

export interface RetryPolicy {
  maxRetries: number;
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * One HTTP exchange with bounded retries after 429 and 503 (honouring Retry-After up to maxRetryAfterMs, else
 * exponential back-off). No answer at all is an `unreachable` QueryError and exhausted retries an `http` one, both
 * naming `where` (already redacted); any other answer is returned as it is.
 */
export async function exchangeWithRetries(
  transport: HttpTransport,
  req: HttpRequest,
  where: string,
  expr: string | undefined,
  policy: RetryPolicy
): Promise<HttpResponse> {
  for (let attempt = 0; ; attempt++) {
    let res: HttpResponse;
    try {
      res = await transport(req);
    } catch (e) {
      const detail = e instanceof TransportError ? e.message : (e as Error).message;
      throw new QueryError('unreachable', `cannot reach ${where}: ${redactUrl(detail)}`, expr);
    }
    if (!RETRY_STATUSES.has(res.status)) {
      return res;
    }
    const asked = retryAfterMs(res.headers['retry-after']);
    const wait = asked ?? 1000 * 2 ** attempt;
    const status = `HTTP ${res.status} ${res.statusText}`.trim();
    if (asked !== undefined && asked > policy.maxRetryAfterMs) {
      throw new QueryError(
        'http',
        `${status} from ${where}: asks to retry after ${asked / 1000} s, more than the ${
          policy.maxRetryAfterMs / 1000
        } s this client waits`,
        expr,
        res.status
      );
    }
    if (attempt >= policy.maxRetries) {
      throw new QueryError(
        'http',
        `${status} from ${where}, still after ${policy.maxRetries} retr${policy.maxRetries === 1 ? 'y' : 'ies'}`,
        expr,
        res.status
      );
    }
    await policy.sleep(wait);
  }
}
const VALUE_TYPES = new Set(['matrix', 'vector', 'scalar', 'string']);

/** Talks to a Prometheus or VictoriaMetrics HTTP API directly (CLI, tests, the browser host). */
export class HttpPromClient implements PromClient {
  /** The base URL with credentials redacted: safe in messages and cache keys. */
  readonly id: string;
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly transport: HttpTransport;
  readonly maxRetries: number;
  readonly maxRetryAfterMs: number;
  readonly sleep: (ms: number) => Promise<void>;

  constructor(baseUrl: string, options: HttpPromClientOptions = {}) {
    const { url, authorization } = splitUserinfo(baseUrl.replace(/\/+$/, ''));
    this.base = url;
    this.id = redactUrl(baseUrl.replace(/\/+$/, ''));
    this.headers = { ...(authorization ? { Authorization: authorization } : {}), ...options.headers };
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.transport = options.transport ?? fetchTransport;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  instant(expr: string, t: number): Promise<FrameLike[]> {
    return this.post('/api/v1/query', { query: expr, time: seconds(t) }, expr);
  }

  range(expr: string, start: number, end: number, stepMs: number): Promise<FrameLike[]> {
    return this.post(
      '/api/v1/query_range',
      { query: expr, start: seconds(start), end: seconds(end), step: seconds(stepMs) },
      expr
    );
  }

  private async post(path: string, params: Record<string, string>, expr: string): Promise<FrameLike[]> {
    const where = this.id + path;
    const res = await exchangeWithRetries(
      this.transport,
      {
        url: this.base + path,
        method: 'POST',
        headers: { ...this.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
        timeoutMs: this.timeoutMs,
      },
      where,
      expr,
      this
    );
    return this.interpret(res, where, expr);
  }

  private interpret(res: HttpResponse, where: string, expr: string): FrameLike[] {
    const status = `HTTP ${res.status} ${res.statusText}`.trim();
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.location ? ` to ${redactUrl(res.headers.location)}` : '';
      throw new QueryError(
        'http',
        `${status} from ${where}: redirected${location}; not followed, because a redirect turns the POSTed query ` +
          `into a GET without it. Use the final URL.`,
        expr,
        res.status
      );
    }
    let body: PromApiResponse | undefined;
    try {
      body = JSON.parse(res.body) as PromApiResponse;
    } catch {
      body = undefined;
    }
    if (body && typeof body === 'object' && body.status === 'error') {
      const verdict = `${body.errorType ?? 'error'}: ${body.error ?? 'query failed'}`;
      if (res.status === 401 || res.status === 403) {
        throw new QueryError('http', `${status} from ${where}: ${verdict}`, expr, res.status);
      }
      throw new QueryError('rejected', verdict, expr, res.status);
    }
    if (res.status < 200 || res.status >= 300) {
      const hint =
        res.status === 401 || res.status === 403 ? ' (check the credentials: --basic-auth-*, --bearer-token-file)' : '';
      throw new QueryError('http', `${status} from ${where}${hint}: ${excerpt(res.body)}`, expr, res.status);
    }
    if (!body || typeof body !== 'object') {
      const type = res.headers['content-type'] ? `, ${res.headers['content-type']}` : '';
      throw new QueryError(
        'invalid',
        `not a Prometheus API answer from ${where} (${status}${type}): ${excerpt(res.body)}`,
        expr,
        res.status
      );
    }
    const problem = shapeProblem(body);
    if (problem) {
      throw new QueryError('invalid', `malformed answer from ${where}: ${problem}`, expr, res.status);
    }
    return promResponseToFrames(body);
  }
}

/** What is wrong with a 2xx body that parsed as JSON, or undefined when it is a well-formed Prometheus result. */
function shapeProblem(body: PromApiResponse): string | undefined {
  if (body.status !== 'success') {
    return `"status" is ${JSON.stringify(body.status)}, not "success"`;
  }
  const data = body.data as { resultType?: unknown; result?: unknown } | undefined;
  if (!data || typeof data !== 'object') {
    return '"data" is missing';
  }
  if (typeof data.resultType !== 'string' || !VALUE_TYPES.has(data.resultType)) {
    return `"data.resultType" is ${excerpt(JSON.stringify(data.resultType) ?? 'undefined', 40)}`;
  }
  if (data.resultType === 'matrix' || data.resultType === 'vector') {
    if (!Array.isArray(data.result)) {
      return `"data.result" is not a list (${data.resultType})`;
    }
    for (const series of data.result as unknown[]) {
      const s = series as { metric?: unknown; value?: unknown; values?: unknown };
      if (!s || typeof s !== 'object' || typeof s.metric !== 'object' || s.metric === null) {
        return 'a series without "metric"';
      }
      const samples = data.resultType === 'vector' ? [s.value] : s.values;
      if (!Array.isArray(samples)) {
        return `a series without "${data.resultType === 'vector' ? 'value' : 'values'}"`;
      }
      for (const p of samples) {
        if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'string') {
          return `a sample that is not [time, "value"]: ${excerpt(JSON.stringify(p) ?? 'undefined', 40)}`;
        }
        if (Number.isNaN(Number(p[1])) && !/^[+-]?(Inf|NaN)$/.test(p[1])) {
          return `a sample value that is not a number: ${excerpt(p[1], 40)}`;
        }
      }
    }
  } else if (!Array.isArray(data.result) || data.result.length !== 2) {
    return `"data.result" is not [time, "value"] (${data.resultType})`;
  }
  return undefined;
}
