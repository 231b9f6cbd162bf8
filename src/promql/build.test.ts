import {
  buildSelector,
  formatMatcher,
  histogramCounters,
  increaseQuery,
  presenceQuery,
  PromQLError,
  thresholdQuery,
  withMatchers,
} from './build';

describe('query building', () => {
  it('prints queries from the tree: comments and odd spacing never reach Prometheus', () => {
    expect(increaseQuery('a_total # errors )\n  +   b_total', 60_000)).toBe(
      'sum(increase(a_total[60s]) + increase(b_total[60s]))'
    );
    expect(presenceQuery(' x_total # c', ['job'])).toBe('count by (job)(x_total)');
    expect(thresholdQuery('time() - x # c', ['route'])).toBe('max by (route) (time() - x)');
    expect(thresholdQuery('up')).toBe('max(up)');
  });

  it('throws PromQLError naming the problem and where it is', () => {
    expect(() => increaseQuery('sum(rate(x[5m]))', 60_000)).toThrow(
      new PromQLError(
        'rate() over a counter: give the counter selector; Burndown applies increase() itself (at character 5 of "sum(rate(x[5m]))")'
      )
    );
    expect(() => thresholdQuery('time()')).toThrow(PromQLError);
  });

  it('builds selectors and matchers safely', () => {
    expect(buildSelector('x', [{ name: 'a', op: '=~', value: '"}|.*' }])).toBe('x{a=~"\\"}|.*"}');
    expect(buildSelector('or')).toBe('{__name__="or"}');
    expect(() => buildSelector('a-b')).toThrow(/invalid metric name/);
    expect(() => formatMatcher({ name: 'a b', op: '=', value: '' })).toThrow(/invalid label name/);
    expect(() => withMatchers('x', [{ name: '1a', op: '=', value: '' }])).toThrow(PromQLError);
  });

  it('expands a histogram to its bucket and count selectors', () => {
    expect(histogramCounters('h_seconds{job="a"}', 1)).toEqual({
      good: 'h_seconds_bucket{job="a",le=~"1(\\\\.0*)?"}',
      total: 'h_seconds_count{job="a"}',
    });
  });
});
