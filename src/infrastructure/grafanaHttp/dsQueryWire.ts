// Grafana's data source query API (`POST /api/ds/query`, "Query a data source" in Grafana's HTTP API docs,
// https://grafana.com/docs/grafana/latest/developers/http_api/data_source/#query-a-data-source) as pure functions:
// the request body for one Prometheus query, the decoding of its answer (frames in the JSON wire form ->
// src/query/frames.ts normalisation, per-query errors -> QueryError), and the encoding of frames into that wire form
// (used by the test fakes of Grafana). Shared by the browser's GrafanaPromClient and the CLI's GrafanaHttpPromClient.
// No Grafana, React or network imports.
import { normalizeFrame, type FrameJSON, type FrameLike } from '../../query/frames';
import { QueryError } from '../../query/client';

/** `results.<refId>` of the answer. */
export interface DsQueryResult {
  status?: number;
  error?: string;
  frames?: FrameJSON[];
}

export interface DsQueryResponse {
  results?: Record<string, DsQueryResult>;
  message?: string;
}

/** The one refId this module sends. */
export const REF_ID = 'A';

export type DsQueryKind = { kind: 'instant' } | { kind: 'range'; stepMs: number };

/**
 * The body of `POST /api/ds/query` for one Prometheus query: `from`/`to` as epoch-ms strings, one query naming its
 * data source by uid. Instant queries are evaluated at `to`; for range queries `interval` (the minimum step) and
 * `intervalMs` (the requested one) together pin the step exactly.
 */
export function dsQueryBody(
  datasource: { uid: string; type: string },
  expr: string,
  q: DsQueryKind,
  from: number,
  to: number
): { from: string; to: string; queries: Array<Record<string, unknown>> } {
  const model: Record<string, unknown> =
    q.kind === 'instant'
      ? { instant: true, range: false }
      : {
          instant: false,
          range: true,
          interval: `${q.stepMs / 1000}s`,
          intervalMs: q.stepMs,
          maxDataPoints: 11_000,
        };
  return {
    from: String(from),
    to: String(to),
    queries: [
      {
        refId: REF_ID,
        datasource: { uid: datasource.uid, type: datasource.type },
        expr,
        format: 'time_series',
        ...model,
      },
    ],
  };
}

/** The per-query error of an answer (Grafana puts a Prometheus refusal in `results.A.error`), if any. */
export function dsQueryError(data: unknown): { error: string; status?: number } | undefined {
  const r = (data as DsQueryResponse | undefined)?.results?.[REF_ID];
  return r && typeof r.error === 'string' && r.error !== '' ? { error: r.error, status: r.status } : undefined;
}

/** The frames of a successful answer, normalised; a per-query error is a `rejected` QueryError. */
export function dsQueryFrames(data: unknown, expr: string): FrameLike[] {
  const failed = dsQueryError(data);
  if (failed) {
    throw new QueryError('rejected', failed.error, expr, failed.status);
  }
  const result = (data as DsQueryResponse | undefined)?.results?.[REF_ID];
  const frames = result?.frames ?? [];
  if (!Array.isArray(frames)) {
    throw new QueryError('invalid', '"results.A.frames" is not a list', expr);
  }
  frames.forEach((f, i) => {
    const schema = (f as Partial<FrameJSON> | null)?.schema;
    const values = (f as Partial<FrameJSON> | null)?.data?.values;
    if (!schema || !Array.isArray(schema.fields) || (values !== undefined && !Array.isArray(values))) {
      throw new QueryError('invalid', `"results.A.frames[${i}]" is not a data frame ({schema: {fields}, data})`, expr);
    }
  });
  return frames.map(normalizeFrame);
}

/** A frame as Grafana's JSON wire form: NaN and infinities become null plus an index list in `entities`. */
export function toFrameJSON(frame: FrameLike): FrameJSON {
  const values: Array<Array<number | null>> = [];
  const entities: Array<{ NaN?: number[]; Inf?: number[]; NegInf?: number[] } | null> = [];
  for (const field of frame.fields) {
    const raw = Array.from(field.values as ArrayLike<number | null | undefined>);
    const ent: { NaN?: number[]; Inf?: number[]; NegInf?: number[] } = {};
    const out = raw.map((v, i) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        const key = Number.isNaN(v) ? 'NaN' : v > 0 ? 'Inf' : 'NegInf';
        (ent[key] ??= []).push(i);
        return null;
      }
      return v ?? null;
    });
    values.push(out);
    entities.push(Object.keys(ent).length > 0 ? ent : null);
  }
  const typeInfo = (type: string) => ({
    frame: type === 'time' ? 'time.Time' : type === 'number' ? 'float64' : 'string',
  });
  return {
    schema: {
      name: frame.name,
      refId: frame.refId,
      meta: frame.meta,
      fields: frame.fields.map(
        ({ values: _values, ...rest }) =>
          ({ ...rest, typeInfo: typeInfo(rest.type) } as Omit<FrameLike['fields'][number], 'values'>)
      ),
    },
    data: { values, entities },
  };
}
