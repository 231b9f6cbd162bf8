import { parsePromql, vectorSelectors } from '../promql';
import {
  counterExprs,
  escapeLabelValue,
  increaseQuery,
  leMatcher,
  promDuration,
  PromQLError,
  sampleCountQuery,
  withMatchers,
} from './promql';

describe('escapeLabelValue', () => {
  it('keeps quotes and backslashes inside the string', () => {
    const hostile = 'a"} or vector(1) #\\';
    const q = withMatchers('up', [{ name: 'route', op: '=', value: hostile }]);
    expect(q).toBe('up{route="a\\"} or vector(1) #\\\\"}');
    // the parser sees exactly one selector: the whole hostile value stayed inside the string
    const selectors = vectorSelectors(parsePromql(q).expr!);
    expect(selectors).toHaveLength(1);
    expect(selectors[0].matchers.map(({ name, op, value }) => ({ name, op, value }))).toEqual([
      { name: 'route', op: '=', value: hostile },
    ]);
  });

  it('escapes newlines', () => {
    expect(escapeLabelValue('a\nb')).toBe('a\\nb');
  });
});

describe('increaseQuery', () => {
  it('wraps a selector in a summed increase', () => {
    expect(increaseQuery('http_requests_total{job="checkout",code=~"5.."}', 3600_000)).toBe(
      'sum(increase(http_requests_total{job="checkout",code=~"5.."}[3600s]))'
    );
  });

  it('uses milliseconds when the range is not whole seconds', () => {
    expect(increaseQuery('x', 1500)).toBe('sum(increase(x[1500ms]))');
    expect(promDuration(86_400_000)).toBe('86400s');
  });

  it('groups by labels', () => {
    expect(increaseQuery('x', 60_000, ['route', 'code'])).toBe('sum by (route, code)(increase(x[60s]))');
  });

  it('rewrites every selector of a linear expression, leaving functions, keywords and strings alone', () => {
    const q = increaseQuery('sum by (code) (a{b="x{y}"}) + sum without (instance) (c) - on (job) d', 300_000);
    expect(q).toBe(
      'sum(sum by (code) (increase(a{b="x{y}"}[300s])) + sum without (instance) (increase(c[300s])) - on (job) increase(d[300s]))'
    );
  });

  it('refuses ranges, offsets and unbalanced input', () => {
    expect(() => increaseQuery('x[5m]', 60_000)).toThrow(PromQLError);
    expect(() => increaseQuery('x offset 5m', 60_000)).toThrow(/offset/);
    expect(() => increaseQuery('x{a="1"', 60_000)).toThrow(/unclosed left brace/);
    expect(() => increaseQuery('x{a="1}', 60_000)).toThrow(/unterminated quoted string/);
    expect(() => increaseQuery('sum(x))', 60_000)).toThrow(/unexpected right parenthesis/);
  });

  it('rejects invalid groupBy labels instead of injecting them', () => {
    expect(() => increaseQuery('x', 60_000, ['a) or vector(1'])).toThrow(/groupBy/);
  });
});

describe('sampleCountQuery', () => {
  it('counts the raw samples of the first counter selector per bucket', () => {
    expect(sampleCountQuery('sum(a{job="x"}) + b', 1_800_000, ['route'])).toBe(
      'sum by (route)(count_over_time(a{job="x"}[1800s]))'
    );
  });

  it('counts the samples of a range that ends before the evaluation time (a bucket edge)', () => {
    expect(sampleCountQuery('a{job="x"}', 240_000, [], 10_680_000)).toBe(
      'sum(count_over_time(a{job="x"}[240s] offset 10680s))'
    );
  });
});

describe('latency indicators', () => {
  it('expand to _bucket{le} and _count with the matchers kept', () => {
    const c = counterExprs({
      kind: 'latency',
      histogram: 'http_request_duration_seconds{job="checkout"}',
      threshold: 0.25,
    });
    expect(c.good).toBe('http_request_duration_seconds_bucket{job="checkout",le=~"0\\\\.250*"}');
    expect(c.total).toBe('http_request_duration_seconds_count{job="checkout"}');
    expect(c.bad).toBeUndefined();
  });

  it('match both "1" and "1.0" spellings of an integer bound', () => {
    const re = new RegExp(`^(?:${leMatcher(1).value})$`);
    expect(re.test('1')).toBe(true);
    expect(re.test('1.0')).toBe(true);
    expect(re.test('10')).toBe(false);
    const re25 = new RegExp(`^(?:${leMatcher(0.25).value})$`);
    expect(['0.25', '0.250'].every((v) => re25.test(v))).toBe(true);
    expect(re25.test('0.255')).toBe(false);
  });
});
