// Faked `POST /api/ds/query` (Grafana's HTTP API "Query a data source", https://grafana.com/docs/grafana/latest/developers/http_api/data_source/#query-a-data-source):
// what Grafana's Prometheus backend does, kept small. Per query model {expr, instant, range, interval, intervalMs,
// maxDataPoints, utcOffsetSec}: choose the step like Grafana (promStep.ts), replace $__interval, $__range & co., align
// range start/end down to the step, evaluate instant queries at `to`, ask the real Prometheus through the host
// server's /prom proxy (same origin, no CORS), convert with src/query/frames.ts promResponseToFrames (the project's
// copy of Grafana's converter), add the step as the time field's config.interval, and answer in Grafana's wire form
// {results: {<refId>: {status, frames: [{schema, data: {values, entities}}]}}}, NaN/Inf in entities.
// A Prometheus error becomes results.<refId>.error = "<errorType>: <error>" (Grafana's wording) with Prometheus' HTTP
// status, and the whole answer is HTTP 400, like Grafana.
// The request body is checked as the docs describe it (Grafana's dtos.MetricRequest): `queries` (a non-empty list,
// else 400 "No queries found in query"), `from`, `to`, optional `debug`; each query needs `datasource` (400 "Query
// missing datasource info") naming an existing one (404 "data source not found": only uid "prometheus" exists).
// Stricter than Grafana, which ignores unknown top-level fields: the fake refuses them (400), so an app that sends a
// field Grafana would silently drop fails here.
import { dateMath } from '@grafana/data';

import {
  promResponseToFrames,
  type FrameJSON,
  type FrameLike,
  type PromApiResponse,
} from '../../../../src/query/frames';
import { toFrameJSON } from '../../../../src/infrastructure/grafanaHttp/dsQueryWire';
import type { Handled } from './http';
import { goDuration, interpolateBackendVariables, prometheusStep, type PromQueryModel } from './promStep';

export const DATASOURCE_UID = 'prometheus';

const REQUEST_FIELDS = new Set(['from', 'to', 'queries', 'debug']);

interface QueryResult {
  status?: number;
  error?: string;
  errorSource?: string;
  frames?: FrameJSON[];
}

/** The request's from/to: epoch ms strings (what Grafana's frontend sends) or relative times. */
function parseRequestTime(raw: unknown, roundUp: boolean): number {
  const s = String(raw ?? '');
  if (/^\d+$/.test(s)) {
    return Number(s);
  }
  const t = dateMath.toDateTime(s, { roundUp });
  if (!t || !t.isValid()) {
    throw new Error(`bad time ${s}`);
  }
  return t.valueOf();
}

// The wire encoding is shared with the CLI's test fake of Grafana (src/infrastructure/grafanaHttp/dsQueryWire.ts).
export { toFrameJSON };

async function askPrometheus(
  path: string,
  form: Record<string, string>
): Promise<{ status: number; body: PromApiResponse | undefined; text: string }> {
  const res = await window.fetch(`/prom${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  let body: PromApiResponse | undefined;
  try {
    body = JSON.parse(text) as PromApiResponse;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

function resolvesToPrometheus(ref: PromQueryModel['datasource']): boolean {
  if (ref === undefined || ref === null) {
    return false;
  }
  const uid = typeof ref === 'string' ? ref : ref.uid;
  return uid === DATASOURCE_UID;
}

async function runQuery(q: PromQueryModel, fromMs: number, toMs: number): Promise<QueryResult> {
  const refId = q.refId ?? 'A';
  const stepMs = prometheusStep(q, fromMs, toMs);
  const intervalMs = typeof q.intervalMs === 'number' && q.intervalMs > 0 ? q.intervalMs : 1000;
  const expr = interpolateBackendVariables(q.expr ?? '', stepMs, intervalMs, toMs - fromMs);
  const wantInstant = q.instant === true;
  const wantRange = q.range === true || !wantInstant; // neither set: a range query, as Grafana does for old dashboards
  const frames: FrameLike[] = [];
  const run = async (kind: 'instant' | 'range'): Promise<QueryResult | undefined> => {
    let form: Record<string, string>;
    if (kind === 'instant') {
      form = { query: expr, time: String(toMs / 1000) };
    } else {
      const off = (q.utcOffsetSec ?? 0) * 1000;
      const align = (t: number) => Math.floor((t + off) / stepMs) * stepMs - off;
      form = {
        query: expr,
        start: String(align(fromMs) / 1000),
        end: String(align(toMs) / 1000),
        step: String(stepMs / 1000),
      };
    }
    let answer;
    try {
      answer = await askPrometheus(kind === 'instant' ? '/api/v1/query' : '/api/v1/query_range', form);
    } catch (e) {
      return {
        error: `Post "prometheus/api/v1/${kind === 'instant' ? 'query' : 'query_range'}": ${(e as Error).message}`,
        errorSource: 'downstream',
        status: 500,
      };
    }
    const { status, body, text } = answer;
    if (!body) {
      return {
        error: `unexpected answer from Prometheus (HTTP ${status}): ${text.slice(0, 200)}`,
        errorSource: 'downstream',
        status: status >= 400 ? status : 500,
      };
    }
    if (body.status === 'error') {
      return {
        error: `${body.errorType ?? 'error'}: ${body.error ?? ''}`,
        errorSource: 'downstream',
        status: status >= 400 ? status : 400,
      };
    }
    for (const f of promResponseToFrames(body, refId)) {
      f.meta = {
        ...f.meta,
        custom: { resultType: body.data?.resultType },
        executedQueryString: `Expr: ${expr}\nStep: ${goDuration(stepMs)}`,
      } as FrameLike['meta'];
      if (kind === 'range') {
        f.fields[0].config = { ...f.fields[0].config, interval: stepMs };
      }
      frames.push(f);
    }
    return undefined;
  };
  // Grafana runs both when a query asks for both, and returns their frames together.
  for (const kind of [wantRange ? 'range' : undefined, wantInstant ? 'instant' : undefined]) {
    if (kind) {
      const failed = await run(kind as 'instant' | 'range');
      if (failed) {
        return failed;
      }
    }
  }
  return { status: 200, frames: frames.map(toFrameJSON) };
}

export async function dsQuery(body: unknown): Promise<Handled> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, data: { message: 'bad request data' } };
  }
  const unknown = Object.keys(body).filter((k) => !REQUEST_FIELDS.has(k));
  if (unknown.length > 0) {
    return { status: 400, data: { message: `not a field of POST /api/ds/query: ${unknown.join(', ')}` } };
  }
  const req = body as { from?: string; to?: string; queries?: PromQueryModel[] };
  const queries = req.queries ?? [];
  if (!Array.isArray(queries) || queries.length === 0) {
    return { status: 400, data: { message: 'No queries found in query' } };
  }
  if (req.from === undefined || req.to === undefined) {
    return { status: 400, data: { message: 'from and to are required' } };
  }
  for (const q of queries) {
    if (!q.datasource) {
      return { status: 400, data: { message: `Query missing datasource info: ${q.refId ?? ''}` } };
    }
    if (!resolvesToPrometheus(q.datasource)) {
      return { status: 404, data: { message: 'data source not found' } };
    }
  }
  let fromMs: number;
  let toMs: number;
  try {
    fromMs = parseRequestTime(req.from, false);
    toMs = parseRequestTime(req.to, true);
  } catch (e) {
    return { status: 400, data: { message: (e as Error).message } };
  }
  const results: Record<string, QueryResult> = {};
  await Promise.all(
    queries.map(async (q) => {
      results[q.refId ?? 'A'] = await runQuery(q, fromMs, toMs);
    })
  );
  const failed = Object.values(results).some((r) => r.error !== undefined);
  return { status: failed ? 400 : 200, data: { results } };
}
