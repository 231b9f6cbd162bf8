// The URL parameters of the test host page, parsed in the page and built by the tests and the screenshot script
// (one module, so both sides agree). No DOM or Grafana imports.

export type ThemeMode = 'light' | 'dark';

/** Test ids of the host page itself (the panel's own ids are in src/panels/budget/testIds.ts). */
export const hostTestIds = {
  /** Wrapper of the mounted panel; data-host-state is "loading" until the host's own queries are done, then "done". */
  root: 'host-root',
  /** Shown when the page itself fails (bad parameters, a panel that throws while rendering). */
  error: 'host-error',
} as const;

export type HostRole = 'Admin' | 'Editor' | 'Viewer';

/** Test ids of the host's PluginPage around an app page (appHost.tsx). */
export const hostAppTestIds = {
  page: 'host-plugin-page',
  title: 'host-plugin-page-title',
} as const;

export interface HostParams {
  /**
   * What the page mounts: the budget panel at /, the app's root page under /a/burndown-slo-app/, the app's config
   * page at /plugins/burndown-slo-app (?page=<id>, as Grafana) (the path decides).
   */
  mount: 'budget-panel' | 'app' | 'config';
  /** Panel options, merged over the plugin's defaults. */
  options: Record<string, unknown>;
  /** Panel field config ({defaults, overrides}), merged over the plugin's field config defaults. */
  fieldConfig?: { defaults?: Record<string, unknown>; overrides?: unknown[] };
  /** The panel's queries (query mode): Prometheus query models {refId, expr, instant, range, interval, legendFormat}. */
  targets: Array<Record<string, unknown>>;
  /** Dashboard time range: RFC3339, epoch ms, or Grafana relative time ("now-7d", "now/M"). */
  from: string;
  to: string;
  /** Pinned wall clock (epoch ms); undefined = the real clock. */
  nowMs?: number;
  /** Keep Date.now() at nowMs instead of letting it run on from there. */
  frozenClock: boolean;
  theme: ThemeMode;
  /** Dashboard time zone: "utc", "browser" or an IANA name. */
  timeZone: string;
  width: number;
  height: number;
  title: string;
  /** tests/fixtures/<name>.yaml files whose SLOs form the app settings' jsonData.slos. */
  slos: string[];
  /** Raw entries appended to jsonData.slos (e.g. an invalid SLO). */
  extraSlos?: unknown[];
  /** Keys merged into the app settings' jsonData (e.g. {"provisioned": true}). */
  jsonData?: Record<string, unknown>;
  /** The signed-in user's org role (Admin: may write plugin settings). */
  role: HostRole;
}

export const DEFAULT_PARAMS: HostParams = {
  mount: 'budget-panel',
  options: {},
  targets: [],
  from: 'now-7d',
  to: 'now',
  frozenClock: false,
  theme: 'dark',
  timeZone: 'utc',
  width: 520,
  height: 320,
  title: 'Error budget',
  slos: ['scenario-slos'],
  role: 'Admin',
};

export const APP_PATH_PREFIX = '/a/burndown-slo-app';
/** Where Grafana shows an app's config pages (its plugin page; `?page=<config page id>` picks the tab). */
export const CONFIG_PATH = '/plugins/burndown-slo-app';

function json<T>(raw: string | null, name: string): T | undefined {
  if (raw === null || raw === '') {
    return undefined;
  }
  try {
    return JSON.parse(raw) as T;
  } catch (e) {
    throw new Error(`host parameter ${name} is not JSON: ${(e as Error).message}`);
  }
}

function positive(raw: string | null, fallback: number): number {
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function readHostParams(search: string, pathname = '/'): HostParams {
  const q = new URLSearchParams(search);
  const role = q.get('role');
  const now = q.get('now');
  let nowMs: number | undefined;
  if (now) {
    nowMs = /^\d+$/.test(now) ? Number(now) : Date.parse(now);
    if (!Number.isFinite(nowMs)) {
      throw new Error(`host parameter now=${now} is not RFC3339 or epoch ms`);
    }
  }
  const theme = q.get('theme');
  return {
    mount:
      pathname === CONFIG_PATH
        ? 'config'
        : pathname.startsWith(`${APP_PATH_PREFIX}/`) || pathname === APP_PATH_PREFIX
        ? 'app'
        : 'budget-panel',
    options: json<Record<string, unknown>>(q.get('options'), 'options') ?? {},
    fieldConfig: json(q.get('fieldConfig'), 'fieldConfig'),
    targets: json<Array<Record<string, unknown>>>(q.get('targets'), 'targets') ?? [],
    from: q.get('from') || DEFAULT_PARAMS.from,
    to: q.get('to') || DEFAULT_PARAMS.to,
    nowMs,
    frozenClock: q.get('clock') === 'frozen',
    theme: theme === 'light' ? 'light' : 'dark',
    timeZone: q.get('timeZone') || DEFAULT_PARAMS.timeZone,
    width: positive(q.get('width'), DEFAULT_PARAMS.width),
    height: positive(q.get('height'), DEFAULT_PARAMS.height),
    title: q.get('title') ?? DEFAULT_PARAMS.title,
    slos: (q.get('slos') || DEFAULT_PARAMS.slos.join(',')).split(',').filter((s) => s !== ''),
    extraSlos: json<unknown[]>(q.get('extraSlos'), 'extraSlos'),
    jsonData: json<Record<string, unknown>>(q.get('jsonData'), 'jsonData'),
    role: role === 'Editor' || role === 'Viewer' ? role : 'Admin',
  };
}

/** The query string ("?...") for these parameters; unset ones keep the page's defaults. */
export function hostQuery(p: Partial<HostParams> & { now?: string }): string {
  const q = new URLSearchParams();
  const set = (k: string, v: unknown) => {
    if (v !== undefined) {
      q.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    }
  };
  set('options', p.options);
  set('fieldConfig', p.fieldConfig);
  set('targets', p.targets);
  set('from', p.from);
  set('to', p.to);
  set('now', p.now ?? (p.nowMs !== undefined ? String(p.nowMs) : undefined));
  if (p.frozenClock) {
    q.set('clock', 'frozen');
  }
  set('theme', p.theme);
  set('timeZone', p.timeZone);
  set('width', p.width !== undefined ? String(p.width) : undefined);
  set('height', p.height !== undefined ? String(p.height) : undefined);
  set('title', p.title);
  set('slos', p.slos?.join(','));
  set('extraSlos', p.extraSlos);
  set('jsonData', p.jsonData);
  set('role', p.role);
  return `?${q.toString()}`;
}

/**
 * The URL of a host page: `path` may carry the app's own query ("/a/burndown-slo-app/slos/x?tab=episodes"); the
 * host's parameters come first and the app's keys follow them, so both survive.
 */
export function hostPageUrl(hostUrl: string, path: string, p: Partial<HostParams> & { now?: string }): string {
  const at = path.indexOf('?');
  const bare = at < 0 ? path : path.slice(0, at);
  const appQuery = at < 0 ? '' : path.slice(at + 1);
  return `${hostUrl}${bare}${hostQuery(p)}${appQuery ? `&${appQuery}` : ''}`;
}
