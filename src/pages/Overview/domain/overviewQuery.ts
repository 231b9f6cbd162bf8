// The overview's view state (search, filters, sort, grouping) and the pure functions that apply it to the rows. The
// same state is the page's URL (keys search, service, label, window, status, policy, sort, group), so a link or a
// reload reproduces the view.
import { policyText } from '../../../shared/format';
import { matchesSearch } from './searchSlos';
import type { OverviewRow, RowStatus, WindowKind } from './overviewRow';
import { isOverviewStatus, worstStatus, type OverviewStatus } from './overviewStatus';

export type SortKey = 'budget' | 'burn' | 'name';
export type SortDir = 'asc' | 'desc';
export interface Sort {
  key: SortKey;
  dir: SortDir;
}

export const DEFAULT_SORT: Sort = { key: 'name', dir: 'asc' };

export interface OverviewQuery {
  search: string;
  services: string[];
  /** `key=value` */
  labels: string[];
  windows: WindowKind[];
  statuses: OverviewStatus[];
  /** Policy as it reads (policyText): a level's name, "OK", "No policy", "Unknown (no data)". */
  policies: string[];
  sort: Sort;
  groupByService: boolean;
}

export const EMPTY_QUERY: OverviewQuery = {
  search: '',
  services: [],
  labels: [],
  windows: [],
  statuses: [],
  policies: [],
  sort: DEFAULT_SORT,
  groupByService: false,
};

/** What a row without a service is filed under. */
export const NO_SERVICE = '(no service)';

const WINDOW_KINDS: readonly WindowKind[] = ['rolling', 'calendar', 'fixed'];

export function sortText(s: Sort): string {
  return `${s.key}-${s.dir}`;
}

export function parseSort(text: string | undefined): Sort {
  const m = /^(budget|burn|name)-(asc|desc)$/.exec(text ?? '');
  return m ? { key: m[1] as SortKey, dir: m[2] as SortDir } : DEFAULT_SORT;
}

type UrlValue = string | string[] | null | undefined;

function list(v: UrlValue): string[] {
  if (v === null || v === undefined) {
    return [];
  }
  return (Array.isArray(v) ? v : [v]).filter((s) => s !== '');
}

/**
 * The URL's values -> the query. Scenes passes only the keys that changed (null for a removed one), so keys not in
 * `v` keep their value from `base`; unknown values of closed lists (window, status, sort) are dropped.
 */
export function queryFromUrl(v: Record<string, UrlValue>, base: OverviewQuery = EMPTY_QUERY): OverviewQuery {
  const one = (x: UrlValue) => (Array.isArray(x) ? x[0] : x) ?? undefined;
  const has = (k: string) => k in v;
  return {
    search: has('search') ? one(v.search) ?? '' : base.search,
    services: has('service') ? list(v.service) : base.services,
    labels: has('label') ? list(v.label) : base.labels,
    windows: has('window')
      ? list(v.window).filter((w): w is WindowKind => (WINDOW_KINDS as readonly string[]).includes(w))
      : base.windows,
    statuses: has('status') ? list(v.status).filter(isOverviewStatus) : base.statuses,
    policies: has('policy') ? list(v.policy) : base.policies,
    sort: has('sort') ? parseSort(one(v.sort)) : base.sort,
    groupByService: has('group') ? one(v.group) === 'service' : base.groupByService,
  };
}

/**
 * The query -> the URL's values. Lists are always arrays ([] when empty: no parameter), which is how Scenes knows to
 * read every repeated parameter back rather than the first; defaults are undefined so a plain overview has a plain URL.
 */
export function queryToUrl(q: OverviewQuery): Record<string, string | string[] | undefined> {
  const sort = sortText(q.sort);
  return {
    search: q.search || undefined,
    service: [...q.services],
    label: [...q.labels],
    window: [...q.windows],
    status: [...q.statuses],
    policy: [...q.policies],
    sort: sort === sortText(DEFAULT_SORT) ? undefined : sort,
    group: q.groupByService ? 'service' : undefined,
  };
}

function hasLabel(row: OverviewRow, pair: string): boolean {
  const eq = pair.indexOf('=');
  if (eq < 0) {
    return pair in row.labels;
  }
  return row.labels[pair.slice(0, eq).trim()] === pair.slice(eq + 1).trim();
}

/** Every filter that is set must match (any of its values); a loading row matches no status filter. */
export function matchesQuery(row: OverviewRow, q: OverviewQuery): boolean {
  return (
    matchesSearch(row, q.search) &&
    (q.services.length === 0 || q.services.includes(row.service ?? NO_SERVICE)) &&
    q.labels.every((l) => hasLabel(row, l)) &&
    (q.windows.length === 0 || q.windows.includes(row.windowKind)) &&
    (q.statuses.length === 0 || (row.status !== 'loading' && q.statuses.includes(row.status))) &&
    (q.policies.length === 0 || q.policies.includes(policyText(row.policy)))
  );
}

function sortValue(row: OverviewRow, key: SortKey): number | string | null {
  switch (key) {
    case 'budget':
      return row.worst?.budgetLeft ?? null;
    case 'burn':
      return row.worst?.burnRate ?? null;
    case 'name':
      return row.name.toLowerCase();
  }
}

/** Sorted copy; rows without the figure (no data, loading, error) go last either way; ties by name, then id. */
export function sortRows(rows: readonly OverviewRow[], sort: Sort): OverviewRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: OverviewRow, b: OverviewRow) =>
    a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id, 'en');
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null || vb === null) {
      return va === vb ? byName(a, b) : va === null ? 1 : -1;
    }
    const c = typeof va === 'string' ? va.localeCompare(vb as string, 'en') : va - (vb as number);
    return c !== 0 ? sign * c : byName(a, b);
  });
}

export interface ServiceGroup {
  service: string;
  rows: OverviewRow[];
  /** The worst status of its rows; 'loading' while every row is loading. */
  worst: RowStatus;
}

/** Rows by service (NO_SERVICE last), services by name; each keeps the rows' order. */
export function groupRowsByService(rows: readonly OverviewRow[]): ServiceGroup[] {
  const by = new Map<string, OverviewRow[]>();
  for (const r of rows) {
    const s = r.service ?? NO_SERVICE;
    by.set(s, [...(by.get(s) ?? []), r]);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a === NO_SERVICE ? 1 : b === NO_SERVICE ? -1 : a.localeCompare(b, 'en')))
    .map(([service, rs]) => ({
      service,
      rows: rs,
      worst: worstStatus(rs.flatMap((r) => (r.status === 'loading' ? [] : [r.status]))) ?? 'loading',
    }));
}

/** Values the filters offer, from the rows themselves. */
export function filterOptions(rows: readonly OverviewRow[]): {
  services: string[];
  labels: string[];
  policies: string[];
} {
  const uniq = (xs: string[]) => [...new Set(xs)].sort((a, b) => a.localeCompare(b, 'en'));
  return {
    services: uniq(rows.map((r) => r.service ?? NO_SERVICE)),
    labels: uniq(rows.flatMap((r) => Object.entries(r.labels).map(([k, v]) => `${k}=${v}`))),
    policies: uniq(rows.filter((r) => r.status !== 'loading').map((r) => policyText(r.policy))),
  };
}

/** Whether the invalid SLOs of the settings are part of the view: only a status filter without "invalid" hides them. */
export function showsInvalid(q: OverviewQuery): boolean {
  return q.statuses.length === 0 || q.statuses.includes('invalid');
}

/** The rows as the page shows them: the query's rows in its order, by service section when grouped. */
export function displayedRows(rows: readonly OverviewRow[], q: OverviewQuery): OverviewRow[] {
  const shown = sortRows(
    rows.filter((r) => matchesQuery(r, q)),
    q.sort
  );
  return q.groupByService ? groupRowsByService(shown).flatMap((g) => g.rows) : shown;
}

/** The order to load SLOs in: the ids of the rows on screen as displayed, then the others'. */
export interface LoadOrder {
  onScreen: readonly string[];
  rest: readonly string[];
}

/**
 * The order to evaluate SLOs in, so what a user sees loads first: rows on screen, then the other rows as displayed,
 * then the rows the filters hide.
 */
export function loadOrder(rows: readonly OverviewRow[], q: OverviewQuery, onScreen: ReadonlySet<string>): LoadOrder {
  const shown = displayedRows(rows, q).map((r) => r.id);
  const isShown = new Set(shown);
  const hidden = rows.map((r) => r.id).filter((id) => !isShown.has(id));
  return {
    onScreen: shown.filter((id) => onScreen.has(id)),
    rest: [...shown.filter((id) => !onScreen.has(id)), ...hidden],
  };
}

/** While a sort by a figure (budget, burn rate) lacks some rows' figures: how many rows it could place. */
export function incompleteSort(
  rows: readonly OverviewRow[],
  sort: Sort
): { sorted: number; total: number } | undefined {
  if (sort.key === 'name') {
    return undefined;
  }
  const loading = rows.filter((r) => r.status === 'loading').length;
  return loading === 0 ? undefined : { sorted: rows.length - loading, total: rows.length };
}
