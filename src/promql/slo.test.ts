import { checkSloQuery, COUNTER_HINT, type SloQueryRole } from './slo';

function refusal(text: string, role: SloQueryRole) {
  const { problems, expr } = checkSloQuery(text, role);
  expect(expr).toBeUndefined();
  return { at: text.slice(problems[0].from, problems[0].to), message: problems[0].message };
}

describe('checkSloQuery', () => {
  it.each<[SloQueryRole, string]>([
    ['counter', 'x_total'],
    ['counter', 'sum by (route) (a_total) + 2 * b_total - c_total / 4 # comment'],
    ['counter', 'sum without (instance) (a) - on (job) group_left b'],
    ['counter', '-(a_total)'],
    ['histogram', 'h_seconds{job="a", route=~"/api/.*"}'],
    ['gauge', 'time() - last_success_timestamp_seconds'],
    ['gauge', 'max_over_time(up[5m]) or vector(0) # fill gaps'],
  ])('%s accepts %s', (role, text) => {
    expect(checkSloQuery(text, role)).toMatchObject({ problems: [], expr: expect.anything() });
  });

  it.each([
    ['sum(rate(x[5m]))', 'rate(x[5m])', `rate() over a counter: ${COUNTER_HINT}`],
    ['increase(x[1h])', 'increase(x[1h])', `increase() over a counter: ${COUNTER_HINT}`],
    ['x[5m]', 'x[5m]', `range selector x[5m]: ${COUNTER_HINT} and chooses the range (drop [5m])`],
    ['x offset 1h', 'offset', 'offset is not supported: Burndown evaluates counters at the times of the window itself'],
    ['x @ 100', '@', '@ is not supported: Burndown evaluates counters at the times of the window itself'],
    ['x unless y', 'unless', 'set operator unless is not supported'],
    ['x == 1', '==', 'comparison == filters series instead of counting events'],
    ['x[1h:5m]', 'x[1h:5m]', 'subquery x[1h:5m] cannot be counted'],
    ['vector(1)', 'vector(1)', 'function vector() is not supported here'],
    ['avg(x)', 'avg(x)', 'avg() does not keep a count of events'],
    ['a * b', '*', 'a product of two counters is not an event count'],
    ['a / b', '/', 'dividing by a counter is not an event count'],
    ['a + 1', '+', '+ between a counter and a number is not an event count'],
    ['2 * 3', '2 * 3', 'expected a counter selector, got a number only'],
    ['"x"', '"x"', 'expected a counter selector, got a string'],
  ])('counter refuses %s at %j', (text, at, message) => {
    const r = refusal(text, 'counter');
    expect(r.at).toBe(at);
    expect(r.message).toContain(message);
  });

  it.each([
    ['h{le="0.5"}', 'le="0.5"', 'remove the le matcher: Burndown selects the bucket from latency.threshold'],
    ['h_bucket{a="b"}', 'h_bucket{a="b"}', `give the histogram's base name ("h"): _bucket and _count are added`],
    ['sum(h)', 'sum(h)', 'expected a histogram selector such as'],
    ['{__name__="h"}', '{__name__="h"}', "give the histogram's metric name before the braces"],
    ['h # c', '# c', 'comments are not supported here'],
  ])('histogram refuses %s', (text, at, message) => {
    const r = refusal(text, 'histogram');
    expect(r.at).toBe(at);
    expect(r.message).toContain(message);
  });

  it.each([
    ['time()', 'the expression yields a scalar'],
    ['up[5m]', 'the expression yields a range vector'],
    ['"s"', 'the expression yields a string'],
  ])('gauge refuses %s', (text, message) => {
    expect(refusal(text, 'gauge').message).toContain(message);
  });
});
