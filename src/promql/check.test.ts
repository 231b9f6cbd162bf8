import { check, checkPromql, matchesEmpty } from './check';

describe('check', () => {
  it.each([
    'sum by (route) (rate(x_total{a="}"}[5m]))',
    'time() - last_success_timestamp_seconds # comment with ( and "',
    'histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))',
    'label_replace(up, "a", "$1", "b", "(.*)")',
    'x @ 5 offset 1h',
    'max_over_time(x[1h:5m])',
    'day_of_week()',
    'topk(3, x)',
    'a > bool 1',
  ])('accepts %s', (text) => {
    expect(check(text)).toEqual([]);
  });

  it.each([
    ['rate(up)', 'up', 'expected type range vector in call to function "rate", got instant vector'],
    ['abs()', 'abs()', 'expected 1 argument(s) in call to "abs", got 0'],
    ['1 > 2', '>', 'comparisons between scalars must use BOOL modifier'],
    ['1 or x', 'or', 'set operator "or" not allowed in binary scalar expression'],
    ['x[5m] + 1', 'x[5m]', 'binary expression must contain only scalar and instant vector types'],
    ['{}', '{}', 'vector selector must contain at least one non-empty matcher'],
    ['{a=~".*"}', '{a=~".*"}', 'vector selector must contain at least one non-empty matcher'],
    [
      'sum(x) offset 1h',
      'offset',
      'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    ],
    ['topk(x)', 'topk(x)', 'wrong number of arguments for aggregate expression provided, expected 2, got 1'],
    ['x + bool y', '+', 'bool modifier can only be used on comparison operators'],
  ])('%s: %s', (text, at, message) => {
    const [p] = check(text);
    expect({ at: text.slice(p.from, p.to), message: p.message }).toEqual({ at, message });
  });

  it('gives the type of the whole expression', () => {
    expect(checkPromql('time()').type).toBe('scalar');
    expect(checkPromql('x[5m]').type).toBe('matrix');
    expect(checkPromql('time() - x').type).toBe('vector');
  });

  it('knows which matchers match the empty string, RE2 flags included', () => {
    expect(matchesEmpty('=~', '(?i)a*')).toBe(true);
    expect(matchesEmpty('=~', '(?i)a+')).toBe(false);
    expect(matchesEmpty('!=', 'a')).toBe(true);
  });
});
