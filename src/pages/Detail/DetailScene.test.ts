import { DetailScene } from './DetailScene';

// Deps that fail loudly: these tests never activate the scene, they check its URL state only.
const deps = {
  loadSlos: () => Promise.reject(new Error('not in this test')),
  clientFor: () => {
    throw new Error('not in this test');
  },
  now: () => Date.parse('2026-10-15T12:00:00Z'),
};

describe('DetailScene URL state', () => {
  test('period, range, tab and scale come from the URL and go back to it unchanged', () => {
    const scene = new DetailScene({ sloId: 'checkout-month' }, deps);
    const url = {
      period: 'range',
      start: '2026-08-10T00:00:00Z',
      end: '2026-08-17T00:00:00Z',
      tab: 'episodes',
      scale: 'log',
    };
    scene.updateFromUrl(url);
    expect(scene.state.choice).toEqual({
      kind: 'range',
      from: Date.parse('2026-08-10T00:00:00Z'),
      to: Date.parse('2026-08-17T00:00:00Z'),
    });
    expect([scene.state.tab, scene.state.logScale]).toEqual(['episodes', true]);
    expect(scene.getUrlState()).toEqual(url);
  });

  test('defaults leave the URL clean', () => {
    const scene = new DetailScene({ sloId: 'x' }, deps);
    scene.updateFromUrl({});
    expect(scene.getUrlState()).toEqual({
      period: undefined,
      start: undefined,
      end: undefined,
      tab: undefined,
      scale: undefined,
    });
  });

  test('a bad period in a link is reported and this period is shown; an unknown tab falls back to the budget', () => {
    const scene = new DetailScene({ sloId: 'x' }, deps);
    scene.updateFromUrl({ period: 'month:2026-13', tab: 'nope' });
    expect(scene.state.choice).toEqual({ kind: 'current' });
    expect(scene.state.urlProblem).toBe('period: "month:2026-13" is not month:YYYY-MM');
    expect(scene.state.tab).toBe('budget');
  });
});
