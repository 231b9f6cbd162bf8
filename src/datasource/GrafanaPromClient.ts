// The bridge from Grafana's data source query API (/api/ds/query) to the query layer's PromClient: the panel and the
// pages query an SLO's Prometheus datasource through Grafana, and get frames exactly as Grafana's backend returns them.
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import {
  dsQueryBody,
  dsQueryError,
  dsQueryFrames,
  type DsQueryKind,
  type DsQueryResponse,
} from '../infrastructure/grafanaHttp/dsQueryWire';
import { QueryError, type FrameLike, type PromClient } from '../query';

export class GrafanaPromClient implements PromClient {
  readonly id: string;

  constructor(readonly datasourceUid: string, private readonly datasourceType = 'prometheus') {
    this.id = `grafana:${datasourceUid}`;
  }

  instant(expr: string, t: number): Promise<FrameLike[]> {
    return this.query(expr, { kind: 'instant' }, t, t);
  }

  range(expr: string, start: number, end: number, stepMs: number): Promise<FrameLike[]> {
    return this.query(expr, { kind: 'range', stepMs }, start, end);
  }

  private async query(expr: string, q: DsQueryKind, from: number, to: number): Promise<FrameLike[]> {
    let response;
    try {
      response = await lastValueFrom(
        getBackendSrv().fetch<DsQueryResponse>({
          url: '/api/ds/query',
          method: 'POST',
          showErrorAlert: false,
          data: dsQueryBody({ uid: this.datasourceUid, type: this.datasourceType }, expr, q, from, to),
        })
      );
    } catch (e) {
      throw toQueryError(e, expr);
    }
    return dsQueryFrames(response.data, expr);
  }
}

function toQueryError(e: unknown, expr: string): QueryError {
  if (isFetchError(e)) {
    const data = e.data as DsQueryResponse | undefined;
    const inner = dsQueryError(data);
    if (inner) {
      return new QueryError('rejected', inner.error, expr, e.status);
    }
    if (!e.status) {
      return new QueryError('unreachable', data?.message ?? 'the Grafana server did not answer', expr);
    }
    return new QueryError('http', `HTTP ${e.status}: ${data?.message ?? e.statusText ?? ''}`.trim(), expr, e.status);
  }
  return new QueryError('http', (e as Error)?.message ?? String(e), expr);
}
