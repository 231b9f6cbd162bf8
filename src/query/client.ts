// The query transport: a Prometheus-compatible client returning Grafana-shaped frames (DESIGN.md section 6: pages and panel -> query -> engine).
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

export type QueryErrorKind = 'unreachable' | 'http' | 'rejected';

/** A failed query: `unreachable` (network), `http` (non-2xx without a Prometheus verdict), `rejected` (Prometheus refused the query). */
export class QueryError extends Error {
  /** Which counter of the indicator the failing query was for (set by the fetch layer). */
  role?: CounterRole;

  constructor(readonly kind: QueryErrorKind, message: string, readonly expr?: string, readonly status?: number) {
    super(message);
    this.name = 'QueryError';
  }
}

type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }
) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  text(): Promise<string>;
}>;

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Talks to a Prometheus or VictoriaMetrics HTTP API directly (CLI, tests, the browser host). */
export class HttpPromClient implements PromClient {
  readonly id: string;
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly fetchImpl: FetchLike = globalThis.fetch as unknown as FetchLike,
    private readonly timeoutMs = 120_000
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.id = this.base;
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
    const url = this.base + path;
    let res;
    try {
      res = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new QueryError(
        'unreachable',
        `cannot reach ${this.base}: ${cause?.code ?? cause?.message ?? (e as Error).message}`,
        expr
      );
    }
    const text = await res.text();
    let body: PromApiResponse | undefined;
    try {
      body = JSON.parse(text) as PromApiResponse;
    } catch {
      body = undefined;
    }
    if (body?.status === 'error') {
      throw new QueryError(
        'rejected',
        `${body.errorType ?? 'error'}: ${body.error ?? 'query failed'}`,
        expr,
        res.status
      );
    }
    if (!res.ok || !body) {
      throw new QueryError(
        'http',
        `HTTP ${res.status} ${res.statusText} from ${url}: ${text.slice(0, 200)}`,
        expr,
        res.status
      );
    }
    return promResponseToFrames(body);
  }
}
