import { parsePromql } from './parse';
import { print } from './print';
import { addMatchers, increaseOfCounters, vectorSelectors } from './selectors';

const tree = (text: string) => parsePromql(text).expr!;

describe('selectors', () => {
  it('lists every vector selector with its matchers and position', () => {
    const text = 'sum(a{x="1"}) + rate(b[5m]) - {__name__="c"}';
    const found = vectorSelectors(tree(text));
    expect(found.map((s) => [s.metric, text.slice(s.from, s.to)])).toEqual([
      ['a', 'a{x="1"}'],
      ['b', 'b'],
      ['', '{__name__="c"}'],
    ]);
    expect(found[0].matchers).toMatchObject([{ name: 'x', op: '=', value: '1' }]);
  });

  it('adds matchers to every selector, values escaped', () => {
    const out = print(addMatchers(tree('a + sum(b{c="d"})'), [{ name: 'route', op: '=', value: '"}' }]));
    expect(out).toBe('a{route="\\"}"} + sum(b{c="d",route="\\"}"})');
  });

  it('turns counter selectors into increase(selector[range])', () => {
    expect(print(increaseOfCounters(tree('sum by (a) (x) - 2 * y{b="c"}'), '60s'))).toBe(
      'sum by (a) (increase(x[60s])) - 2 * increase(y{b="c"}[60s])'
    );
  });
});
