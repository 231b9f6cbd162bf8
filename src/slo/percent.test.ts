import fc from 'fast-check';

import { formatPercent, parsePercentOrFraction } from './percent';

describe('parsePercentOrFraction', () => {
  it.each<[unknown, number]>([
    ['99.5%', 0.995],
    [' 99.5 % ', 0.995],
    ['99.95%', 0.9995],
    ['50%', 0.5],
    ['0%', 0],
    ['100%', 1],
    ['.5%', 0.005],
    [0.995, 0.995],
    ['0.995', 0.995],
    ['1e-3', 0.001],
    [99.5, 99.5],
  ])('%j -> %d', (input, value) => {
    expect(parsePercentOrFraction(input)).toBe(value);
  });

  it.each<unknown>([
    '',
    '%',
    'abc',
    '99.5%%',
    '99,5%',
    'Infinity',
    Number.POSITIVE_INFINITY,
    Number.NaN,
    null,
    true,
    {},
  ])('rejects %j', (input) => {
    expect(parsePercentOrFraction(input)).toBeUndefined();
  });

  it('reads percentages as exact decimals (99.9% is the literal 0.999, unlike 99.9 / 100)', () => {
    expect(99.9 / 100).not.toBe(0.999);
    expect(parsePercentOrFraction('99.9%')).toBe(0.999);
    expect(parsePercentOrFraction('99.99%')).toBe(0.9999);
  });
});

describe('formatPercent', () => {
  it.each([
    [0.995, '99.5%'],
    [0.5, '50%'],
    [0, '0%'],
    [1, '100%'],
    [0.9995, '99.95%'],
    [0.99999, '99.999%'],
    [1e-7, '0.00001%'],
    [0.1 + 0.2, '30.000000000000004%'],
  ])('%d -> %s', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });

  it('round-trips every finite double exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const value = Object.is(x, -0) ? 0 : x;
        expect(parsePercentOrFraction(formatPercent(value))).toBe(value);
      }),
      { numRuns: 2000 }
    );
  });
});
