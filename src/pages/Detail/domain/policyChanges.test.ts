import type { PolicyLevel } from '../../../slo/types';
import { policyChanges } from './policyChanges';

const LEVELS: PolicyLevel[] = [
  { name: 'notify', below: 0.5, actions: ['notify #payments'] },
  { name: 'freeze', below: 0.25, actions: ['freeze releases'] },
];

describe('policyChanges', () => {
  test('the level at the first point with data, then every change; no-data points change nothing', () => {
    const time = [1, 2, 3, 4, 5, 6, 7];
    const remaining = [NaN, 0.9, 0.6, 0.4, NaN, 0.2, 1];
    expect(policyChanges(time, remaining, LEVELS)).toEqual([
      { at: 2, level: null, actions: [] },
      { at: 4, level: 'notify', actions: ['notify #payments'] },
      { at: 6, level: 'freeze', actions: ['freeze releases'] },
      { at: 7, level: null, actions: [] },
    ]);
  });

  test('no levels: no policy, no changes', () => {
    expect(policyChanges([1], [0.1], [])).toEqual([]);
  });

  test('a burn-rate condition uses the burn rate at that point', () => {
    const levels: PolicyLevel[] = [{ name: 'page', actions: [], burnRate: { above: 10, windowMs: 3_600_000 } }];
    const rates = [1, 20, 2];
    const got = policyChanges([1, 2, 3], [0.9, 0.9, 0.9], levels, (i, ms) => (ms === 3_600_000 ? rates[i] : null));
    expect(got.map((c) => [c.at, c.level])).toEqual([
      [1, null],
      [2, 'page'],
      [3, null],
    ]);
  });
});
