import fc from 'fast-check';

import { formatDuration, parseDuration } from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30 * S],
    ['5m', 5 * M],
    ['1h', H],
    ['1h30m', H + 30 * M],
    ['28d', 28 * D],
    ['1w', 7 * D],
    ['1y', 365 * D],
    ['1y2w3d4h5m6s7ms', 365 * D + 14 * D + 3 * D + 4 * H + 5 * M + 6 * S + 7],
    ['0', 0],
    ['0s', 0],
  ])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '5 m', '1.5h', '-5m', '30m1h', '5mm', '1h1h', '5M', '5min', 'm', '1d 2h', ' 5m'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    }
  );

  it('rejects values beyond safe integers', () => {
    expect(parseDuration('99999999999999999y')).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [5 * M, '5m'],
    [H + 30 * M, '1h30m'],
    [28 * D, '28d'],
    [7 * D, '7d'],
    [D + 500, '1d500ms'],
    [0, '0s'],
    [-90 * S, '-1m30s'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('throws on non-finite input', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips every non-negative whole number of milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * 365 * D }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      })
    );
  });
});
