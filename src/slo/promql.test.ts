import { checkPromqlSyntax } from './promql';

describe('checkPromqlSyntax', () => {
  it.each([
    'http_requests_total{job="checkout",code=~"5.."}',
    'sum by (route) (rate(x_total{a="}"}[5m]))',
    "x{a='{[(', b=`\\`}",
    'x{a="quote \\" inside"}',
    'time() - last_success_timestamp_seconds # comment with ( and "',
  ])('accepts %s', (expr) => {
    expect(checkPromqlSyntax(expr)).toBeUndefined();
  });

  it.each([
    ['', 0, 'empty PromQL expression'],
    ['   ', 0, 'empty PromQL expression'],
    ['x{job="a"', 1, 'unbalanced { at character 2 is never closed'],
    ['x}', 1, 'unbalanced } at character 2: nothing to close'],
    ['rate(x[5m)]', 9, ') at character 10 closes [ opened at character 7'],
    ['x{job="a}', 6, 'unterminated string: " at character 7 is never closed'],
    ["x{job='a\\'}", 6, "unterminated string: ' at character 7 is never closed"],
  ])('%j: %s', (expr, index, message) => {
    expect(checkPromqlSyntax(expr)).toEqual({ index, message });
  });
});
