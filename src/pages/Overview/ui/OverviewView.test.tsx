// The overview while figures arrive, sorted by budget left: rows without figures come last, read "Loading" (never
// healthy) and the page says the sort is incomplete; once every figure is in, the order is exact and the notice gone.
import { render, screen, within } from '@testing-library/react';
import React from 'react';
import { MemoryRouter } from 'react-router-dom';

import { pageTestIds } from '../../../shared/testIds';
import { displayedRows, EMPTY_QUERY, type OverviewQuery } from '../domain/overviewQuery';
import { NO_TREND, type OverviewRow } from '../domain/overviewRow';
import type { InvalidSlo } from '../../../infrastructure/settings';
import { OverviewView } from './OverviewView';
import { loadingRowFixture } from './rowFixture';

const ids = pageTestIds.overview;

function row(id: string, budgetLeft: number | undefined): OverviewRow {
  const base = loadingRowFixture(id);
  if (budgetLeft === undefined) {
    return base;
  }
  const g = {
    name: '',
    labels: {},
    status: budgetLeft <= 0 ? ('exhausted' as const) : ('healthy' as const),
    budgetLeft,
    remaining: budgetLeft,
    forecastTotal: 1000,
    sli: 0.999,
    burnRate: 0.5,
    exhaustion: { state: 'not-burning' as const, inMs: null },
    policy: { kind: 'none' as const },
    diagnostics: [],
  };
  return { ...base, status: g.status, worst: g, groups: [g] };
}

const query: OverviewQuery = { ...EMPTY_QUERY, sort: { key: 'budget', dir: 'asc' } };

function view(rows: OverviewRow[], loading: boolean, invalid: InvalidSlo[] = []) {
  return (
    <MemoryRouter>
      <OverviewView
        query={query}
        onQuery={() => undefined}
        loading={loading}
        allRows={rows}
        rows={displayedRows(rows, query)}
        invalid={invalid}
        evaluatedAt={Date.UTC(2026, 7, 20, 12)}
        provisioned={false}
        canWrite={false}
        expanded={[]}
        onToggleExpanded={() => undefined}
        collapsedServices={[]}
        onToggleService={() => undefined}
      />
    </MemoryRouter>
  );
}

const shown = () =>
  screen.getAllByTestId(ids.row).map((tr) => ({
    id: tr.getAttribute('data-slo-id'),
    state: tr.getAttribute('data-state'),
    status: within(tr).getByTestId(ids.status).textContent,
    budget: within(tr).getByTestId(ids.remaining).getAttribute('data-value'),
    trend: tr.getAttribute('data-trend'),
  }));

describe('OverviewView sorted by budget left while figures arrive', () => {
  const final = { a: 0.9, b: -0.2, c: 0.4, d: 0.05, e: 0.7 };

  it('lists rows without figures last, as loading and never healthy, and says the sort is incomplete', () => {
    // c and e have figures; the others are still loading.
    const partial = [
      row('a', undefined),
      row('b', undefined),
      row('c', final.c),
      row('d', undefined),
      row('e', final.e),
    ];
    render(view(partial, true));
    const rows = shown();
    expect(rows.map((r) => r.id)).toEqual(['c', 'e', 'a', 'b', 'd']);
    for (const r of rows.slice(2)) {
      expect(r.state).toBe('loading');
      expect(r.status).toMatch(/Loading/);
      expect(r.status).not.toMatch(/Healthy/);
      expect(r.budget).toBe('');
    }
    const notice = screen.getByTestId(ids.sortIncomplete);
    expect([notice.getAttribute('data-sorted'), notice.getAttribute('data-total')]).toEqual(['2', '5']);
    expect(notice.textContent).toMatch(/Sorting 2 of 5 by budget left; the 3 still loading are listed last/);
  });

  it('is in the exact order of budget left once every figure is in, without the notice', () => {
    const complete = Object.entries(final).map(([id, b]) => row(id, b));
    render(view(complete, false));
    expect(shown().map((r) => [r.id, Number(r.budget)])).toEqual([
      ['b', -0.2],
      ['d', 0.05],
      ['c', 0.4],
      ['e', 0.7],
      ['a', 0.9],
    ]);
    expect(shown().filter((r) => r.state === 'loading')).toEqual([]);
    expect(screen.queryByTestId(ids.sortIncomplete)).toBeNull();
  });
});

describe('OverviewView says when each row is complete (data-trend beside data-state)', () => {
  it('pending until the trend is in, done once it is (even without points), none for errors, trendless kinds and invalid SLOs', () => {
    const trend = { time: [1, 2], value: [0.6, 0.5], stepMs: 1 };
    const rows = [
      row('a-loading', undefined),
      row('b-figures', 0.5),
      { ...row('c-trend', 0.4), trend },
      { ...row('d-no-points', 0.3), trend: NO_TREND },
      { ...row('e-error', undefined), status: 'error' as const, message: 'HTTP 502' },
      { ...row('f-composite', 0.2), hasTrend: false },
      { ...row('g-composite-loading', undefined), hasTrend: false },
    ];
    const invalid: InvalidSlo[] = [
      { index: 7, id: 'bad', errors: [{ line: 0, column: 0, path: 'slos[7].objective', message: 'not a percentage' }] },
    ];
    render(view(rows, true, invalid));
    expect(Object.fromEntries(shown().map((r) => [r.id, [r.state, r.trend]]))).toEqual({
      'a-loading': ['loading', 'pending'],
      'b-figures': ['healthy', 'pending'],
      'c-trend': ['healthy', 'done'],
      'd-no-points': ['healthy', 'done'],
      'e-error': ['error', 'none'],
      'f-composite': ['healthy', 'none'],
      'g-composite-loading': ['loading', 'none'],
    });
    expect(screen.getByTestId(ids.invalid).getAttribute('data-trend')).toBe('none');
  });
});
