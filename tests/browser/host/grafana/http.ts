// setBackendSrv: the one door to Grafana's HTTP API in the host. Routes each request to the file that fakes its
// endpoint, answers everything else 404 (and logs it), and records every request for tests
// (window.__burndownRequests__). Answers come back as Grafana's backendSrv gives them: data for get/post, a
// FetchResponse for fetch, a FetchError {status, data: {message}} for HTTP errors.
import { defer, from, map, type Observable } from 'rxjs';

import { config, type BackendSrv, type BackendSrvRequest, type FetchError, type FetchResponse } from '@grafana/runtime';

/** What an endpoint answers: HTTP status and JSON body. */
export interface Handled {
  status: number;
  data: unknown;
}

/** What an endpoint may read of the request besides its body: the path, a RegExp route's groups, the headers. */
export interface RequestInfo {
  path: string;
  params: string[];
  headers: Record<string, string>;
}

/** One faked endpoint: an exact path, or a RegExp whose groups are the path parameters (decoded). */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string | RegExp;
  handle(body: unknown, req: RequestInfo): Promise<Handled> | Handled;
}

function matchRoute(r: Route, method: string, path: string): string[] | undefined {
  if (r.method !== method) {
    return undefined;
  }
  if (typeof r.path === 'string') {
    return r.path === path ? [] : undefined;
  }
  const m = r.path.exec(path);
  return m ? m.slice(1).map((g) => decodeURIComponent(g)) : undefined;
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

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
};

export function makeBackendSrv(routes: Route[]): BackendSrv {
  const requests: RecordedRequest[] = (window.__burndownRequests__ = []);

  async function handle(req: BackendSrvRequest): Promise<Handled> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = pathOf(req.url);
    const route = routes.find((r) => matchRoute(r, method, path) !== undefined);
    let out: Handled;
    if (route) {
      const params = matchRoute(route, method, path) ?? [];
      out = await route.handle(req.data, { path, params, headers: (req.headers ?? {}) as Record<string, string> });
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
        statusText: STATUS_TEXT[h.status] ?? 'Error',
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
