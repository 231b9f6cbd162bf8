// The table renders in full only the rows near the viewport: the others are placeholders of their last height that
// keep their row (SLO id, status) and their name link, so the row count and Tab order stay whole. jsdom has no
// IntersectionObserver; a controllable one stands in for the browser's (the browser suite runs the real one).
import { act, render, screen } from '@testing-library/react';
import React from 'react';
import { MemoryRouter } from 'react-router-dom';

import { pageTestIds } from '../../../shared/testIds';
import type { OverviewRow } from '../domain/overviewRow';
import { loadingRowFixture } from './rowFixture';
import { INITIAL_FULL_ROWS, ROW_HEIGHT_ESTIMATE, SloTable } from './SloTable';

const ids = pageTestIds.overview;

class FakeObserver {
  static all: FakeObserver[] = [];
  readonly targets = new Set<Element>();
  constructor(readonly callback: IntersectionObserverCallback, readonly options: IntersectionObserverInit = {}) {
    FakeObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
  }
  /** Reports `el` in (or out of) this observer's root, `height` px tall. */
  report(el: Element, isIntersecting: boolean, height = 40) {
    const entry = {
      target: el,
      isIntersecting,
      boundingClientRect: { height },
    } as unknown as IntersectionObserverEntry;
    act(() => this.callback([entry], this as unknown as IntersectionObserver));
  }
}

const near = () => FakeObserver.all.find((o) => o.options.rootMargin !== undefined)!;
const onScreenObserver = () => FakeObserver.all.find((o) => o.options.rootMargin === undefined)!;

const row = (i: number): OverviewRow => loadingRowFixture(`slo-${i}`);

const tr = (i: number) => document.querySelector(`[data-testid="${ids.row}"][data-slo-id="slo-${i}"]`)!;
const isPlaceholder = (i: number) => tr(i).hasAttribute('data-placeholder');

describe('SloTable renders only the rows near the viewport', () => {
  const original = globalThis.IntersectionObserver;
  beforeEach(() => {
    FakeObserver.all = [];
    globalThis.IntersectionObserver = FakeObserver as unknown as typeof IntersectionObserver;
  });
  afterEach(() => {
    globalThis.IntersectionObserver = original;
  });

  const rows = Array.from({ length: 100 }, (_, i) => row(i));
  const onScreen = jest.fn();
  const table = () =>
    render(
      <MemoryRouter>
        <SloTable rows={rows} expanded={[]} onToggleExpanded={() => undefined} onScreen={onScreen} />
      </MemoryRouter>
    );

  it('keeps a row per SLO with its id, status and name link; only the first rows are full until observed', () => {
    table();
    const trs = screen.getAllByTestId(ids.row);
    expect(trs.map((t) => t.getAttribute('data-slo-id'))).toEqual(rows.map((r) => r.id));
    expect(trs.every((t) => t.getAttribute('data-state') === 'loading')).toBe(true);
    expect(screen.getAllByTestId(ids.link)).toHaveLength(100);
    expect(trs.filter((t) => !t.hasAttribute('data-placeholder'))).toHaveLength(INITIAL_FULL_ROWS);
    expect(screen.getAllByTestId(ids.sli)).toHaveLength(INITIAL_FULL_ROWS);
    expect((tr(99) as HTMLElement).style.height).toBe(`${ROW_HEIGHT_ESTIMATE}px`);
  });

  it('fills a row in when it comes near and keeps its last height when it leaves', () => {
    table();
    near().report(tr(70), true);
    expect(isPlaceholder(70)).toBe(false);
    expect(tr(70).querySelector(`[data-testid="${ids.sli}"]`)).not.toBeNull();
    near().report(tr(0), false, 77);
    expect(isPlaceholder(0)).toBe(true);
    expect((tr(0) as HTMLElement).style.height).toBe('77px');
  });

  it('keeps the focus on the name link as a placeholder row fills in (Tab reaches every SLO)', () => {
    table();
    const link = tr(80).querySelector<HTMLElement>(`[data-testid="${ids.link}"]`)!;
    link.focus();
    near().report(tr(80), true);
    expect(isPlaceholder(80)).toBe(false);
    expect(document.activeElement).toBe(link);
  });

  it('says on every row, placeholders too, whether its figures and its trend are in', () => {
    const trend = { time: [1, 2], value: [0.6, 0.5], stepMs: 1 };
    rows[95] = { ...rows[95], status: 'noData', trend };
    rows[0] = { ...rows[0], status: 'noData', trend };
    try {
      table();
      expect(isPlaceholder(95)).toBe(true);
      expect([tr(95).getAttribute('data-state'), tr(95).getAttribute('data-trend')]).toEqual(['noData', 'done']);
      expect([tr(0).getAttribute('data-state'), tr(0).getAttribute('data-trend')]).toEqual(['noData', 'done']);
      expect(isPlaceholder(96)).toBe(true);
      expect([tr(96).getAttribute('data-state'), tr(96).getAttribute('data-trend')]).toEqual(['loading', 'pending']);
    } finally {
      rows[95] = row(95);
      rows[0] = row(0);
    }
  });

  it('reports rows coming on screen, placeholders too, so they are evaluated first', () => {
    table();
    onScreenObserver().report(tr(90), true);
    expect(onScreen).toHaveBeenCalledWith('slo-90', true);
  });
});
