// PromQL fields at validation: what Burndown cannot evaluate is refused with a position inside the expression
// (issue 6: these used to validate and then crash `burndown budget` with exit 4).
import { parseSloDocument } from './parse';
import { formatSloError } from './types';

const MARK = '»';

/** A one-SLO document whose indicator block is given verbatim (indented under `indicator:`). */
function withIndicator(indicator: string, extra = ''): string {
  const body = indicator
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
  return [
    'apiVersion: burndown/v1',
    'slos:',
    '  - id: checkout',
    '    name: Checkout',
    '    indicator:',
    body,
    '    objective: 99.5%',
    '    window: {rolling: 28d}',
    ...(extra ? [`    ${extra}`] : []),
    '',
  ].join('\n');
}

/** Expects exactly one error, at the » marker, reading `slos.yaml:line:col: path: message...`. */
function expectRefused(source: string, path: string, message: string): string {
  const at = source.indexOf(MARK);
  const before = source.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  const { file, errors } = parseSloDocument(source.replace(MARK, ''), { file: 'slos.yaml' });
  expect(file).toBeUndefined();
  const formatted = errors.map(formatSloError);
  expect(formatted).toHaveLength(1);
  expect(formatted[0]).toContain(`slos.yaml:${line}:${column}: ${path}: ${message}`);
  return formatted[0];
}

function expectValid(source: string) {
  const { file, errors } = parseSloDocument(source, { file: 'slos.yaml' });
  expect(errors.map(formatSloError)).toEqual([]);
  return file!.slos[0];
}

const HINT = 'give the counter selector; Burndown applies increase() itself';

describe('counter fields refuse what increase() cannot take, at the construct', () => {
  it.each([
    ['sum(»rate(x_total[5m]))', `rate() over a counter: ${HINT}`],
    ['x_total »offset 1h', 'offset is not supported'],
    ['x_total »or vector(1)', 'set operator or is not supported'],
    ['x_total »@ 1700000000', '@ is not supported'],
    ['»x_total[5m]', `range selector x_total[5m]: ${HINT}`],
    ['»irate(x_total[5m])', `irate() over a counter: ${HINT}`],
    ['x_total »> 0', 'comparison > filters series'],
    ['»max(x_total)', 'max() does not keep a count of events'],
    ['»x_total[1h:5m]', 'subquery x_total[1h:5m] cannot be counted'],
    ["'»42'", 'expected a counter selector, got a number only'],
    ['»vector(1)', 'function vector() is not supported here'],
    ['x_total »+ 1', '+ between a counter and a number is not an event count'],
  ])('bad: %s', (expr, message) => {
    expectRefused(
      withIndicator(`ratio:\n  bad: ${expr}\n  total: requests_total`),
      'slos[0].indicator.ratio.bad',
      message
    );
  });

  it('accepts linear expressions of counters, with comments (in YAML, only inside quotes or a block)', () => {
    const spec = expectValid(
      withIndicator(
        'ratio:\n  bad: |\n    sum by (route) (a_total{code=~"5.."}) # comment with } and )\n    + 2 * b_total - c_total / 4\n  total: requests_total'
      )
    );
    expect(spec.indicator).toMatchObject({ kind: 'ratio', bad: expect.stringContaining('# comment') });
  });
});

describe('positions inside quoted and block PromQL', () => {
  it('double-quoted with escapes: the column counts source characters', () => {
    expectRefused(
      withIndicator('ratio:\n  bad: errors_total\n  total: "sum(x{job=\\"a\\"}) »or y"'),
      'slos[0].indicator.ratio.total',
      'set operator or'
    );
  });

  it("single-quoted with '' escapes", () => {
    expectRefused(
      withIndicator("ratio:\n  bad: errors_total\n  total: 'x{a=''b''} »offset 5m'"),
      'slos[0].indicator.ratio.total',
      'offset is not supported'
    );
  });

  it('block literal |: line and column inside the block', () => {
    expectRefused(
      withIndicator(
        'ratio:\n  bad: errors_total\n  total: |\n    sum by (route) (\n      »rate(requests_total[5m])\n    )'
      ),
      'slos[0].indicator.ratio.total',
      `rate() over a counter: ${HINT}`
    );
  });

  it('block folded > (folding joins lines, so a # comment there would swallow the rest: use | for comments)', () => {
    expectRefused(
      withIndicator('ratio:\n  bad: >\n    a_total\n    - b_total »offset 1h\n  total: requests_total'),
      'slos[0].indicator.ratio.bad',
      'offset is not supported'
    );
  });

  it('syntax errors in a multi-line plain scalar', () => {
    expectRefused(
      withIndicator('ratio:\n  bad: errors_total\n  total: sum(x_total\n    + y_total)») '),
      'slos[0].indicator.ratio.total',
      "unexpected right parenthesis ')'"
    );
  });
});

describe('latency.histogram', () => {
  it('refuses an le matcher (it gave "no data" before)', () => {
    expectRefused(
      withIndicator('latency:\n  histogram: h_seconds{job="a",»le="0.5"}\n  threshold: 0.5'),
      'slos[0].indicator.latency.histogram',
      'remove the le matcher'
    );
  });

  it('refuses offset and comments', () => {
    expectRefused(
      withIndicator('latency:\n  histogram: »h_seconds offset 5m\n  threshold: 0.5'),
      'slos[0].indicator.latency.histogram',
      'expected a histogram selector such as'
    );
    expectRefused(
      withIndicator('latency:\n  histogram: "h_seconds »# c"\n  threshold: 0.5'),
      'slos[0].indicator.latency.histogram',
      'comments are not supported here'
    );
  });
});

describe('threshold.expr', () => {
  const timeslices = 'budgetingMethod: timeslices\n    timeslice: {length: 5m}';

  it('accepts any instant-vector expression, comments included', () => {
    const spec = expectValid(
      withIndicator(
        'threshold:\n  expr: max_over_time(up[5m]) or vector(0) # fill gaps\n  op: ">="\n  value: 1',
        timeslices
      )
    );
    expect(spec.indicator.kind).toBe('threshold');
  });

  it.each([
    ['»time() - 1', 'the expression yields a scalar'],
    ['»up[5m]', 'the expression yields a range vector'],
    ['»"text"', 'the expression yields a string'],
    ['rate(»up)', 'expected type range vector in call to function "rate", got instant vector'],
  ])('refuses %s', (expr, message) => {
    expectRefused(
      withIndicator(`threshold:\n  expr: '${expr}'\n  op: ">="\n  value: 1`, timeslices),
      'slos[0].indicator.threshold.expr',
      message
    );
  });
});
