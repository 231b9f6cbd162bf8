// The bridge from Grafana's data source query API (/api/ds/query) to the query layer's PromClient: the panel and the
// pages query an SLO's Prometheus datasource through Grafana, and get frames exactly as Grafana's backend returns them.
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { normalizeFrame, QueryError, type FrameJSON, type FrameLike, type PromClient } from '../query';

interface DsQueryResult {
  status?: number;
  error?: string;
  frames?: FrameJSON[];
}

interface DsQueryResponse {
  results: Record<string, DsQueryResult>;
}

export class GrafanaPromClient implements PromClient {
  readonly id: string;

  constructor(readonly datasourceUid: string, private readonly datasourceType = 'prometheus') {
    this.id = `grafana:${datasourceUid}`;
  }

  instant(expr: string, t: number): Promise<FrameLike[]> {
    return this.query(expr, { instant: true, range: false }, t, t);
  }

  range(expr: string, start: number, end: number, stepMs: number): Promise<FrameLike[]> {
    // `interval` is the minimum step and `intervalMs` the requested one: together they pin the step exactly.
    const step = `${stepMs / 1000}s`;
    return this.query(
      expr,
      { instant: false, range: true, interval: step, intervalMs: stepMs, maxDataPoints: 11_000 },
      start,
      end
    );
  }

  private async query(expr: string, model: Record<string, unknown>, from: number, to: number): Promise<FrameLike[]> {
    let response;
    try {
      response = await lastValueFrom(
        getBackendSrv().fetch<DsQueryResponse>({
          url: '/api/ds/query',
          method: 'POST',
          showErrorAlert: false,
          data: {
            from: String(from),
            to: String(to),
            queries: [
              {
                refId: 'A',
                datasource: { uid: this.datasourceUid, type: this.datasourceType },
                expr,
                format: 'time_series',
                ...model,
              },
            ],
          },
        })
      );
    } catch (e) {
      throw toQueryError(e, expr);
    }
    const result = response.data.results?.A;
    if (result?.error) {
      throw new QueryError('rejected', result.error, expr, result.status);
    }
    return (result?.frames ?? []).map(normalizeFrame);
  }
}

function toQueryError(e: unknown, expr: string): QueryError {
  if (isFetchError(e)) {
    const data = e.data as { message?: string; results?: Record<string, DsQueryResult> } | undefined;
    const inner = data?.results?.A?.error;
    if (inner) {
      return new QueryError('rejected', inner, expr, e.status);
    }
    if (!e.status) {
      return new QueryError('unreachable', data?.message ?? 'the Grafana server did not answer', expr);
    }
    return new QueryError('http', `HTTP ${e.status}: ${data?.message ?? e.statusText ?? ''}`.trim(), expr, e.status);
  }
  return new QueryError('http', (e as Error)?.message ?? String(e), expr);
}
