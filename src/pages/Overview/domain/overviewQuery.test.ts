import type { OverviewRow } from './overviewRow';
import {
  EMPTY_QUERY,
  filterOptions,
  groupRowsByService,
  loadOrder,
  matchesQuery,
  NO_SERVICE,
  queryFromUrl,
  queryToUrl,
  showsInvalid,
  sortRows,
  type OverviewQuery,
} from './overviewQuery';

function row(id: string, o: Partial<OverviewRow> & { budgetLeft?: number | null; burnRate?: number | null } = {}) {
  const { budgetLeft = 0.5, burnRate = 0.5, ...rest } = o;
  const r: OverviewRow = {
    id,
    name: id.toUpperCase(),
    service: 'shop',
    labels: {},
    objective: 0.995,
    windowKind: 'rolling',
    windowText: 'Rolling 28d',
    sliText: 'Ratio bad/total',
    budgetBasis: 'window',
    hasTrend: true,
    status: 'healthy',
    groups: [],
    policy: { kind: 'ok' },
    worst: {
      name: '',
      labels: {},
      status: 'healthy',
      budgetLeft,
      remaining: budgetLeft,
      forecastTotal: null,
      sli: 0.999,
      burnRate,
      exhaustion: { state: 'not-burning', inMs: null },
      policy: { kind: 'ok' },
      diagnostics: [],
    },
    ...rest,
  };
  return r;
}

const q = (o: Partial<OverviewQuery>): OverviewQuery => ({ ...EMPTY_QUERY, ...o });
const ids = (rows: OverviewRow[]) => rows.map((r) => r.id);

const rows = [
  row('a', { service: 'checkout', labels: { team: 'payments' }, windowKind: 'calendar', budgetLeft: 0.2, burnRate: 3 }),
  row('b', { service: 'search', labels: { team: 'discovery' }, status: 'exhausted', budgetLeft: -0.1, burnRate: 0.2 }),
  row('c', { service: undefined, status: 'noData', budgetLeft: null, burnRate: null, policy: { kind: 'unknown' } }),
  row('d', {
    service: 'checkout',
    labels: { team: 'payments', tier: '1' },
    windowKind: 'fixed',
    status: 'burning',
    policy: { kind: 'active', level: { name: 'freeze', actions: [] } },
    budgetLeft: 0.9,
    burnRate: 1.5,
  }),
  row('e', { status: 'loading', worst: undefined }),
];

describe('matchesQuery', () => {
  it('each filter keeps the rows with any of its values; filters combine', () => {
    const keep = (o: Partial<OverviewQuery>) => ids(rows.filter((r) => matchesQuery(r, q(o))));
    expect(keep({})).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(keep({ services: ['checkout'] })).toEqual(['a', 'd']);
    expect(keep({ services: [NO_SERVICE, 'search'] })).toEqual(['b', 'c']);
    expect(keep({ labels: ['team=payments'] })).toEqual(['a', 'd']);
    expect(keep({ labels: ['team=payments', 'tier=1'] })).toEqual(['d']);
    expect(keep({ labels: ['tier'] })).toEqual(['d']);
    expect(keep({ windows: ['calendar', 'fixed'] })).toEqual(['a', 'd']);
    expect(keep({ statuses: ['exhausted', 'noData'] })).toEqual(['b', 'c']);
    expect(keep({ policies: ['freeze'] })).toEqual(['d']);
    expect(keep({ policies: ['OK'] })).toEqual(['a', 'b', 'e']);
    expect(keep({ services: ['checkout'], statuses: ['burning'], search: 'D' })).toEqual(['d']);
  });

  it('a loading row matches no status filter', () => {
    expect(matchesQuery(rows[4], q({ statuses: ['healthy'] }))).toBe(false);
  });

  it('invalid SLOs show unless a status filter leaves them out', () => {
    expect(showsInvalid(q({}))).toBe(true);
    expect(showsInvalid(q({ statuses: ['invalid', 'healthy'] }))).toBe(true);
    expect(showsInvalid(q({ statuses: ['healthy'] }))).toBe(false);
  });
});

describe('sortRows', () => {
  it('by budget left, burn rate or name, both ways; rows without the figure last either way', () => {
    expect(ids(sortRows(rows, { key: 'budget', dir: 'asc' }))).toEqual(['b', 'a', 'd', 'c', 'e']);
    expect(ids(sortRows(rows, { key: 'budget', dir: 'desc' }))).toEqual(['d', 'a', 'b', 'c', 'e']);
    expect(ids(sortRows(rows, { key: 'burn', dir: 'desc' }))).toEqual(['a', 'd', 'b', 'c', 'e']);
    expect(ids(sortRows(rows, { key: 'burn', dir: 'asc' }))).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(ids(sortRows(rows, { key: 'name', dir: 'desc' }))).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(ids(rows)).toEqual(['a', 'b', 'c', 'd', 'e']); // not in place
  });

  it('ties by name', () => {
    const tied = [row('z', { budgetLeft: 0.5 }), row('m', { budgetLeft: 0.5 })];
    expect(ids(sortRows(tied, { key: 'budget', dir: 'desc' }))).toEqual(['m', 'z']);
  });
});

describe('loadOrder', () => {
  it('the rows on screen as displayed, then the other displayed rows, then the rows the filters hide', () => {
    // Sorted by budget left: b, a, d, c, e; the status filter hides c and e.
    const o = loadOrder(
      rows,
      q({ sort: { key: 'budget', dir: 'asc' }, statuses: ['healthy', 'exhausted', 'burning'] }),
      new Set(['d', 'b'])
    );
    expect(o).toEqual({ onScreen: ['b', 'd'], rest: ['a', 'c', 'e'] });
  });
});

describe('groupRowsByService', () => {
  it('one section per service with its count and worst status, no service last', () => {
    const groups = groupRowsByService(rows);
    expect(groups.map((g) => [g.service, ids(g.rows), g.worst])).toEqual([
      ['checkout', ['a', 'd'], 'burning'],
      ['search', ['b'], 'exhausted'],
      ['shop', ['e'], 'loading'],
      [NO_SERVICE, ['c'], 'noData'],
    ]);
  });
});

describe('URL state', () => {
  it('round-trips every key; defaults leave the URL empty', () => {
    const full = q({
      search: 'pay',
      services: ['checkout'],
      labels: ['team=payments'],
      windows: ['calendar'],
      statuses: ['burning', 'stale'],
      policies: ['freeze'],
      sort: { key: 'budget', dir: 'asc' },
      groupByService: true,
    });
    const url = queryToUrl(full);
    expect(url).toEqual({
      search: 'pay',
      service: ['checkout'],
      label: ['team=payments'],
      window: ['calendar'],
      status: ['burning', 'stale'],
      policy: ['freeze'],
      sort: 'budget-asc',
      group: 'service',
    });
    expect(queryFromUrl(url)).toEqual(full);
    // No parameter for an empty list or a default; lists stay arrays so every repeated parameter is read back.
    expect(queryToUrl(EMPTY_QUERY)).toEqual({
      search: undefined,
      service: [],
      label: [],
      window: [],
      status: [],
      policy: [],
      sort: undefined,
      group: undefined,
    });
    expect(queryFromUrl(queryToUrl(EMPTY_QUERY))).toEqual(EMPTY_QUERY);
  });

  it('changes only the keys the URL update names (Scenes sends the changed ones, null when removed)', () => {
    const base = q({ statuses: ['stale'], windows: ['rolling'], search: 'pay', groupByService: true });
    expect(queryFromUrl({ status: ['healthy', 'burning'] }, base)).toEqual({
      ...base,
      statuses: ['healthy', 'burning'],
    });
    expect(queryFromUrl({ search: null, group: null }, base)).toEqual({ ...base, search: '', groupByService: false });
    expect(queryFromUrl({}, base)).toEqual(base);
  });

  it('reads single values and drops unknown ones of closed lists', () => {
    expect(
      queryFromUrl({ status: 'healthy', window: ['weekly', 'rolling'], sort: 'budget-up', group: 'team' })
    ).toEqual(q({ statuses: ['healthy'], windows: ['rolling'] }));
  });
});

describe('filterOptions', () => {
  it('offers the values the rows have', () => {
    expect(filterOptions(rows)).toEqual({
      services: [NO_SERVICE, 'checkout', 'search', 'shop'],
      labels: ['team=discovery', 'team=payments', 'tier=1'],
      policies: ['freeze', 'OK', 'Unknown (no data)'],
    });
  });
});
