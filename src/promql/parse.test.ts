import { parsePromql } from './parse';

function problem(text: string) {
  const r = parsePromql(text);
  expect(r.expr).toBeUndefined();
  const [p] = r.problems;
  return { at: text.slice(p.from, p.to), message: p.message };
}

describe('parsePromql', () => {
  it('builds a typed tree with positions, comments dropped', () => {
    const text = 'sum by (job) (x_total{code=~"5..", a!="b"}) # c )\n- 2 * y';
    const e = parsePromql(text).expr!;
    expect(e).toMatchObject({ type: 'binary', op: '-', from: 0, to: text.length });
    if (e.type !== 'binary' || e.left.type !== 'aggregate') {
      throw new Error('unexpected tree');
    }
    expect(e.left).toMatchObject({ op: 'sum', grouping: { without: false, labels: ['job'] } });
    const sel = e.left.args[0];
    expect(sel).toMatchObject({ type: 'vector', metric: 'x_total' });
    expect(text.slice(sel.from, sel.to)).toBe('x_total{code=~"5..", a!="b"}');
  });

  it('unescapes label values as Prometheus does (Go quoting; backquotes raw)', () => {
    const e = parsePromql('x{a="q\\"\\\\\\n\\u00e9", b=\'it\\\'s\', c=`raw\\n`}').expr!;
    expect(e.type === 'vector' && e.matchers.map((m) => m.value)).toEqual(['q"\\\né', "it's", 'raw\\n']);
  });

  it('binds offset, @ and ranges to the operand before them, as Prometheus does', () => {
    const e = parsePromql('a - b offset 1h').expr!;
    expect(e).toMatchObject({ type: 'binary', left: { type: 'vector' }, right: { type: 'offset', offset: '1h' } });
  });

  it.each([
    ['x{job="a"', '{job="a"', 'unclosed left brace'],
    ['sum(x', '(x', 'unclosed left parenthesis'],
    ['x{a="1}', '"1}', 'unterminated quoted string'],
    ['sum(x))', ')', "unexpected right parenthesis ')'"],
    ['foo(x)', 'foo(', 'unknown function with name "foo"'],
    ['sum by (a) x', 'x', 'unexpected identifier "x"'],
    ['x{a="\\q"}', '\\q', 'unknown escape sequence \\q'],
    ['  # only a comment', '  # only a comment', 'empty PromQL expression'],
    ['x{"a.b"="c"}', '"a.b"="c"', 'quoted label and metric names need Prometheus 3; write name="value"'],
    ['x[5m+1m]', '5m+1m', 'expected a duration such as 5m or 1h30m, got "5m+1m"'],
    ['1h', '1h', 'durations as numbers (1h) need a newer Prometheus; write the number of seconds'],
  ])('%j: %s', (text, at, message) => {
    expect(problem(text)).toEqual({ at, message });
  });
});
