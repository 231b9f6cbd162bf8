/*
 * THE faked Grafana surface of the browser test host: everything the panel (and later the app pages) would get
 * from a Grafana server, which cannot run on these machines. Used only by tests/browser and local preview.
 * Everything else on the page is the real thing: @grafana/ui, @grafana/data, @grafana/scenes, @grafana/runtime's
 * own code (DataSourceWithBackend, toDataQueryResponse, backendSrv consumers), themes and global styles.
 *
 * Faked, each with why:
 *  - window.grafanaBootData (fakeGrafana.boot.ts): Grafana's index.html writes it before any plugin code runs;
 *    @grafana/runtime's `config` reads it at import (user theme/timezone, one Prometheus datasource "prometheus").
 *  - Date (fakeGrafana.boot.ts, URL parameter now=RFC3339 or epoch ms): the scenario's data lie in 2026-05..10, so
 *    tests pin the wall clock. Date.now() and `new Date()` start at `now` and run on in real time (rxjs and
 *    lodash debouncing need a moving clock); clock=frozen keeps them at `now` exactly.
 *  - window.__grafana_public_path__ (fakeGrafana.boot.ts): where @grafana/ui loads icon SVGs from; the host server
 *    serves them from @grafana/ui's package. Grafana's fonts are not shipped in npm packages: text falls back to
 *    the system sans-serif font.
 *  - setBackendSrv: the one door to Grafana's HTTP API. Handled, nothing else (other calls answer 404 and log):
 *      POST /api/ds/query: what Grafana's Prometheus backend does, kept small: per query model {expr, instant,
 *        range, interval, intervalMs, maxDataPoints, utcOffsetSec}, choose the step like Grafana (pkg/promlib:
 *        min step from intervalMs, else the datasource's scrape interval (jsonData.timeInterval 30s, as the demo
 *        provisions it); range/maxDataPoints rounded; at most 11,000 points; a literal `interval` wins), replace $__interval, $__range & co. like Grafana, align range start/end down to the
 *        step, evaluate instant queries at `to`, ask the real Prometheus through the host server's /prom proxy
 *        (same origin, no CORS), convert with src/query/frames.ts promResponseToFrames (the project's copy of
 *        Grafana's converter), add the step as the time field's config.interval, and answer in Grafana's wire
 *        form {results: {<refId>: {status, frames: [{schema, data: {values, entities}}]}}}, NaN/Inf in entities.
 *        A Prometheus error becomes results.<refId>.error = "<errorType>: <error>" (Grafana's wording) with
 *        Prometheus' HTTP status, and the whole answer is HTTP 400, like Grafana. Datasource uids other than
 *        "prometheus" get 404 "data source not found", a query without a datasource 400.
 *      GET /api/plugins/burndown-slo-app/settings: the app's settings {enabled, jsonData: {slos}}, where slos are
 *        the SLOs of tests/fixtures/<name>.yaml (URL parameter slos=a,b), parsed to plain objects by the host server,
 *        as Grafana would return provisioned jsonData. The fixtures are the CLI's and name no datasource: the server
 *        gives those SLOs datasource {uid: "prometheus"}, as their provisioned form would.
 *  - setDataSourceSrv: one datasource, the Prometheus above, as a real DataSourceWithBackend (so query mode runs
 *    Grafana's own request and response code); Grafana's frontend Prometheus plugin (query editor, legend
 *    processing) is not loaded.
 *  - standardEditorsRegistry: Grafana core registers its option editors (radio, select, text...) at start, and
 *    PanelPlugin.defaults looks them up while it reads the options builder; the host registers the same ids with
 *    editors that render nothing, because it shows no panel editor.
 *  - setTemplateSrv: no dashboard variables; replaces the built-ins $__interval, $__interval_ms, $__range,
 *    $__range_s, $__range_ms, $__from, $__to and scoped variables, leaves everything else as written.
 *  - config.theme2 / config.theme (index.tsx): set to the page's theme, as Grafana does for the signed-in user.
 * Not fakes but test hooks of the host page: window.__burndownHost__ (theme, params, this backendSrv) and
 * window.__burndownRequests__ (every request answered here, with its status).
 */
import { defer, from, map, type Observable } from 'rxjs';

import {
  dateMath,
  rangeUtil,
  standardEditorsRegistry,
  type DataSourceInstanceSettings,
  type DataSourceRef,
  type ScopedVars,
  type TimeRange,
} from '@grafana/data';
import {
  config,
  DataSourceWithBackend,
  setBackendSrv,
  setDataSourceSrv,
  setTemplateSrv,
  type BackendSrv,
  type BackendSrvRequest,
  type FetchError,
  type FetchResponse,
} from '@grafana/runtime';

import { promResponseToFrames, type FrameJSON, type FrameLike, type PromApiResponse } from '../../../src/query/frames';

export const APP_ID = 'burndown-slo-app';
export const DATASOURCE_UID = 'prometheus';
/** Grafana's default when the datasource has no scrape interval set. */
const DEFAULT_SCRAPE_INTERVAL_MS = 15_000;

/** The datasource's scrape interval (jsonData.timeInterval, "30s" like the demo's provisioning), else 15 s. */
function scrapeIntervalMs(): number {
  const ds = config.datasources.Prometheus as { jsonData?: { timeInterval?: string } } | undefined;
  return parseInterval(ds?.jsonData?.timeInterval) ?? DEFAULT_SCRAPE_INTERVAL_MS;
}
/** pkg/promlib: never more points than this per series. */
const SAFE_RESOLUTION = 11_000;

interface Handled {
  status: number;
  data: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// Durations, the way Grafana's backend formats and parses them

/** gtime.FormatInterval: the largest whole unit, truncated (90 min prints as "1h"). */
export function formatInterval(ms: number): string {
  const units: Array<[string, number]> = [
    ['y', 365 * 86_400_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  for (const [unit, size] of units) {
    if (ms >= size) {
      return `${Math.floor(ms / size)}${unit}`;
    }
  }
  return '1ms';
}

/** Go's time.Duration.String() for whole milliseconds ("1h0m0s", "1m30s", "250ms"). */
function goDuration(ms: number): string {
  if (ms < 1000) {
    return `${ms}ms`;
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}

/** Grafana duration strings ("30s", "5m", "1d", ">1m"); undefined when empty or not a duration. */
function parseInterval(s: unknown): number | undefined {
  if (typeof s !== 'string') {
    return undefined;
  }
  const t = s.replace(/^[<>]/, '').trim();
  if (t === '' || t === '0s' || t.startsWith('$')) {
    return undefined;
  }
  try {
    return rangeUtil.intervalToMs(t);
  } catch {
    return undefined;
  }
}

const isVariable = (s: unknown) =>
  typeof s === 'string' && /^\$\{?__(interval|interval_ms|rate_interval|rate_interval_ms)\}?$/.test(s);

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

// ---------------------------------------------------------------------------------------------------------------
// POST /api/ds/query

interface PromQueryModel {
  refId?: string;
  expr?: string;
  instant?: boolean;
  range?: boolean;
  interval?: string;
  intervalMs?: number;
  maxDataPoints?: number;
  intervalFactor?: number;
  utcOffsetSec?: number;
  datasource?: DataSourceRef | string | null;
}

interface QueryResult {
  status?: number;
  error?: string;
  errorSource?: string;
  frames?: FrameJSON[];
}

/** pkg/promlib calculatePrometheusInterval, for the parts a panel can reach. */
export function prometheusStep(q: PromQueryModel, fromMs: number, toMs: number): number {
  const manual = !isVariable(q.interval) ? parseInterval(q.interval) : undefined;
  if (manual !== undefined) {
    return manual;
  }
  // gtime.GetIntervalFrom: intervalMs, else the datasource's scrape interval (none set: 15 s).
  const minInterval = typeof q.intervalMs === 'number' && q.intervalMs > 0 ? q.intervalMs : scrapeIntervalMs();
  const span = toMs - fromMs;
  const maxDataPoints = typeof q.maxDataPoints === 'number' && q.maxDataPoints > 0 ? q.maxDataPoints : 100;
  const raw = span / maxDataPoints;
  const calculated = raw < minInterval ? minInterval : rangeUtil.roundInterval(raw);
  const safe = rangeUtil.roundInterval(span / SAFE_RESOLUTION);
  const factor = q.intervalFactor && q.intervalFactor > 0 ? q.intervalFactor : 1;
  return Math.max(calculated, safe) * factor;
}

/** pkg/promlib InterpolateVariables. */
export function interpolateBackendVariables(expr: string, stepMs: number, intervalMs: number, rangeMs: number): string {
  const rangeS = Math.round(rangeMs / 1000);
  const scrape = scrapeIntervalMs();
  const rate = Math.max(intervalMs + scrape, 4 * scrape);
  const pairs: Array<[string, string]> = [
    ['__interval_ms', String(stepMs)],
    ['__interval', formatInterval(stepMs)],
    ['__range_ms', String(rangeMs)],
    ['__range_s', String(rangeS)],
    ['__range', `${rangeS}s`],
    ['__rate_interval_ms', String(rate)],
    ['__rate_interval', goDuration(rate)],
  ];
  let out = expr;
  for (const [name, value] of pairs) {
    out = out.split(`\${${name}}`).join(value).split(`$${name}`).join(value);
  }
  return out;
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

async function dsQuery(body: unknown): Promise<Handled> {
  const req = (body ?? {}) as { from?: string; to?: string; queries?: PromQueryModel[] };
  const queries = req.queries ?? [];
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

// ---------------------------------------------------------------------------------------------------------------
// GET /api/plugins/<app>/settings

async function appSettings(slos: string[]): Promise<Handled> {
  const res = await window.fetch(`/host/settings?slos=${encodeURIComponent(slos.join(','))}`);
  return { status: res.status, data: await res.json() };
}

// ---------------------------------------------------------------------------------------------------------------
// backendSrv

export interface FakeGrafanaOptions {
  /** tests/fixtures names whose SLOs are the app's jsonData.slos. */
  slos: string[];
}

/** Every request the fake answered, for tests (window.__burndownRequests__). */
export interface RecordedRequest {
  method: string;
  url: string;
  status: number;
}

declare global {
  interface Window {
    __burndownRequests__?: RecordedRequest[];
  }
}

function pathOf(url: string): string {
  const u = new URL(url, window.location.origin);
  const sub = config.appSubUrl ?? '';
  return sub && u.pathname.startsWith(sub) ? u.pathname.slice(sub.length) : u.pathname;
}

function withParams(url: string, params?: Record<string, unknown>): string {
  if (!params) {
    return url;
  }
  const u = new URL(url, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null) {
      u.searchParams.set(k, String(v));
    }
  }
  return u.pathname + u.search;
}

function makeBackendSrv(opts: FakeGrafanaOptions): BackendSrv {
  const requests: RecordedRequest[] = (window.__burndownRequests__ = []);

  async function handle(req: BackendSrvRequest): Promise<Handled> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = pathOf(req.url);
    let out: Handled;
    if (method === 'POST' && path === '/api/ds/query') {
      out = await dsQuery(req.data);
    } else if (method === 'GET' && path === `/api/plugins/${APP_ID}/settings`) {
      out = await appSettings(opts.slos);
    } else {
      console.error(`[fakeGrafana] not faked: ${method} ${req.url}`);
      out = { status: 404, data: { message: `not faked by the test host: ${method} ${path}` } };
    }
    requests.push({ method, url: req.url, status: out.status });
    return out;
  }

  function response<T>(req: BackendSrvRequest, h: Handled): FetchResponse<T> {
    if (h.status >= 400) {
      const data = h.data as { message?: string } | undefined;
      const err: FetchError = {
        status: h.status,
        statusText: h.status === 404 ? 'Not Found' : 'Bad Request',
        data: h.data,
        message: data?.message,
        config: req,
      };
      throw err;
    }
    return {
      data: h.data as T,
      status: h.status,
      statusText: 'OK',
      ok: true,
      headers: new Headers({ 'content-type': 'application/json' }),
      redirected: false,
      type: 'basic',
      url: req.url,
      config: req,
    };
  }

  const request = async <T>(req: BackendSrvRequest): Promise<FetchResponse<T>> => response<T>(req, await handle(req));
  const dataOf = async <T>(req: BackendSrvRequest): Promise<T> => (await request<T>(req)).data;

  return {
    fetch: <T>(req: BackendSrvRequest): Observable<FetchResponse<T>> =>
      defer(() => from(handle(req))).pipe(map((h) => response<T>(req, h))),
    get: <T>(
      url: string,
      params?: Record<string, unknown>,
      _requestId?: string,
      options?: Partial<BackendSrvRequest>
    ) => dataOf<T>({ ...options, url: withParams(url, params), method: 'GET' }),
    post: <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
      dataOf<T>({ ...options, url, data, method: 'POST' }),
    put: <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
      dataOf<T>({ ...options, url, data, method: 'PUT' }),
    patch: <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
      dataOf<T>({ ...options, url, data, method: 'PATCH' }),
    delete: <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
      dataOf<T>({ ...options, url, data, method: 'DELETE' }),
    request: <T>(options: BackendSrvRequest) => dataOf<T>(options),
    datasourceRequest: <T>(options: BackendSrvRequest) => request<T>(options),
    chunked: () => {
      throw new Error('[fakeGrafana] chunked requests are not faked');
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// templateSrv and datasourceSrv

let currentRange: TimeRange | undefined;

/** Built-in and scoped variables; anything else stays as written (there are no dashboard variables). */
export function interpolate(target: string | undefined, scopedVars?: ScopedVars): string {
  if (!target) {
    return target ?? '';
  }
  const builtins: Record<string, string> = {};
  if (currentRange) {
    const rangeMs = currentRange.to.valueOf() - currentRange.from.valueOf();
    builtins.__range_ms = String(rangeMs);
    builtins.__range_s = String(Math.round(rangeMs / 1000));
    builtins.__range = `${Math.round(rangeMs / 1000)}s`;
    builtins.__from = String(currentRange.from.valueOf());
    builtins.__to = String(currentRange.to.valueOf());
  }
  return target.replace(/\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)\]\]/g, (match, a, b, c) => {
    const name = (a ?? b ?? c) as string;
    const scoped = scopedVars?.[name];
    if (scoped !== undefined) {
      return String(scoped.value ?? scoped.text ?? '');
    }
    return builtins[name] ?? match;
  });
}

export class HostPrometheus extends DataSourceWithBackend {}

export interface FakeGrafana {
  datasource: HostPrometheus;
  settings: DataSourceInstanceSettings;
  /** The datasource's scrape interval ("30s"): the lower limit of a panel's query interval. */
  scrapeInterval: string;
  updateTimeRange(range: TimeRange): void;
}

/** The ids PanelOptionsEditorBuilder's add* methods look up (@grafana/data), each with an editor that renders nothing. */
const OPTION_EDITOR_IDS = [
  'boolean',
  'color',
  'dashboard-uid',
  'field-name',
  'multi-select',
  'number',
  'radio',
  'select',
  'slider',
  'strings',
  'text',
  'timezone',
  'unit',
];

function registerOptionEditors(): void {
  standardEditorsRegistry.setInit(() => OPTION_EDITOR_IDS.map((id) => ({ id, name: id, editor: () => null })));
}

export function installFakeGrafana(opts: FakeGrafanaOptions): FakeGrafana {
  registerOptionEditors();
  setBackendSrv(makeBackendSrv(opts));

  const settings = { ...(config.datasources.Prometheus as DataSourceInstanceSettings) };
  settings.rawRef = { uid: settings.uid, type: settings.type };
  const datasource = new HostPrometheus(settings);
  const find = (ref?: DataSourceRef | string | null): DataSourceInstanceSettings | undefined => {
    if (ref === undefined || ref === null || ref === 'default') {
      return settings;
    }
    const key = typeof ref === 'string' ? ref : ref.uid;
    return key === undefined || key === settings.uid || key === settings.name ? settings : undefined;
  };
  setDataSourceSrv({
    get: async (ref) => {
      if (!find(ref)) {
        throw new Error(`Datasource ${JSON.stringify(ref)} was not found`);
      }
      return datasource;
    },
    getInstanceSettings: find,
    getList: () => [settings],
    reload: () => undefined,
    registerRuntimeDataSource: () => {
      throw new Error('[fakeGrafana] runtime datasources are not faked');
    },
  });

  setTemplateSrv({
    getVariables: () => [],
    replace: (target, scopedVars) => interpolate(target, scopedVars),
    containsTemplate: (target) => !!target && /\$\w|\$\{|\[\[/.test(target),
    updateTimeRange: (range) => {
      currentRange = range;
    },
  });

  return {
    datasource,
    settings,
    scrapeInterval: formatInterval(scrapeIntervalMs()),
    updateTimeRange: (range) => {
      currentRange = range;
    },
  };
}
