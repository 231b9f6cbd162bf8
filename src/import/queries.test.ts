import { counterQuery, gaugeQuery, latencyFromCounters } from './queries';

describe('counterQuery: rates over the window become the counters Burndown measures', () => {
  it.each([
    ['sum(rate(x_total{a="b"}[{{.window}}]))', 'sum(x_total{a="b"})'],
    ['sum by (route) (rate(x_total[{{.window}}]))', 'sum by (route) (x_total)'],
    ['sum(increase(x_total[{{.window}}]))', 'sum(x_total)'],
    ['sum(rate(a_total[{{.window}}])) + sum(rate(b_total[{{.window}}]))', 'sum(a_total) + sum(b_total)'],
    ['sum(rate(a_total[{{.window}}])) - 2 * sum(rate(b_total[{{.window}}]))', 'sum(a_total) - 2 * sum(b_total)'],
  ])('%s -> %s', (text, query) => {
    expect(counterQuery(text)).toEqual({ query, unwrapped: true, fixedRanges: [] });
  });

  it('keeps a query Burndown can already evaluate as written (comments and spacing included)', () => {
    expect(counterQuery('sum( x_total ) # all')).toEqual({
      query: 'sum( x_total ) # all',
      unwrapped: false,
      fixedRanges: [],
    });
  });

  it('reports fixed ranges, which are carried approximately', () => {
    expect(counterQuery('sum(rate(x_total[5m]))')).toEqual({
      query: 'sum(x_total)',
      unwrapped: true,
      fixedRanges: ['5m'],
    });
  });

  it.each([
    [
      'sum_over_time((count(g < 0.75))[{{.window}}:]) OR on() vector(0)',
      '(count(g < 0.75))[{{.window}}:] is a subquery (it counts samples of a gauge), not a counter rate: Burndown measures counters of events',
    ],
    [
      'sum(rate(x_total[{{.window}}])) or on() vector(0)',
      'not a counter rate Burndown can measure: set operator or is not supported: a counter field takes counter selectors combined with +, -, sum and number factors',
    ],
    [
      'histogram_fraction(0, 0.1, sum(rate(h_seconds[{{.window}}])))',
      'not a counter rate Burndown can measure: function histogram_fraction() is not supported here: a counter field takes counter selectors combined with +, -, sum and number factors',
    ],
    [
      'sum(rate(x_total[{{.window}}])) / vector(1)',
      'not a counter rate Burndown can measure: function vector() is not supported here: a counter field takes counter selectors combined with +, -, sum and number factors',
    ],
    [
      'sum(rate(a_total[{{.window}}])) / sum(rate(b_total[{{.window}}]))',
      'not a counter rate Burndown can measure: dividing by a counter is not an event count: give bad (or good) and total as separate fields',
    ],
    [
      'sum(irate(x_total[{{.window}}]))',
      'not a counter rate Burndown can measure: irate() over a counter: give the counter selector; Burndown applies increase() itself',
    ],
    [
      'avg_over_time(up[{{.window}}])',
      'not a counter rate Burndown can measure: avg_over_time() over a counter: give the counter selector; Burndown applies increase() itself',
    ],
  ])('refuses %s, never wrapping it in increase()', (text, problem) => {
    expect(counterQuery(text)).toEqual({ problem });
  });
});

describe('gaugeQuery', () => {
  it('keeps instant-vector expressions and refuses the window template', () => {
    expect(gaugeQuery('max(up{job="a"})')).toEqual({ query: 'max(up{job="a"})' });
    expect(gaugeQuery('avg_over_time(up[{{.window}}])').problem).toMatch(/has no value in a threshold/);
  });
});

describe('latencyFromCounters', () => {
  it('reads a _bucket{le} / _count pair of one histogram as a latency indicator', () => {
    expect(latencyFromCounters('h_seconds_bucket{job="a",le="0.25"}', 'h_seconds_count{job="a"}')).toEqual({
      histogram: 'h_seconds{job="a"}',
      threshold: 0.25,
    });
    expect(latencyFromCounters('h_seconds_bucket{le="5.0",b="2",a="1"}', 'h_seconds_count{a="1",b="2"}')).toEqual({
      histogram: 'h_seconds{a="1",b="2"}',
      threshold: 5,
    });
  });

  it.each([
    ['h_seconds_bucket{job="a",le="0.25"}', 'h_seconds_count{job="b"}'],
    ['h_seconds_bucket{job="a",le="0.25"}', 'g_seconds_count{job="a"}'],
    ['h_seconds_bucket{job="a",le=~"0.25"}', 'h_seconds_count{job="a"}'],
    ['h_seconds_bucket{job="a",le="+Inf"}', 'h_seconds_count{job="a"}'],
    ['sum(h_seconds_bucket{le="1"})', 'sum(h_seconds_count)'],
  ])('keeps %s / %s a ratio', (good, total) => {
    expect(latencyFromCounters(good, total)).toBeUndefined();
  });
});
