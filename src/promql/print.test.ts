import { parsePromql } from './parse';
import { print, printSelector } from './print';

const canonical = (text: string) => print(parsePromql(text).expr!);

describe('print', () => {
  it.each([
    ['sum  by(job)(x_total{a="b" ,c=~`5..`,})', 'sum by (job) (x_total{a="b",c=~"5.."})'],
    ['sum(x) without (a)', 'sum without (a) (x)'],
    ["x{a='it\\'s'} # comment\n+ y", 'x{a="it\'s"} + y'],
    ['a*on(b)group_left(c)d', 'a * on (b) group_left (c) d'],
    ['a>bool 1', 'a > bool 1'],
    ['- -1', '- -1'],
    ['rate(x[5m:1m] offset 1h)', 'rate(x[5m:1m] offset 1h)'],
    ['x @ start()', 'x @ start()'],
    ['SUM(x)', 'sum(x)'],
  ])('%j -> %s', (text, printed) => {
    expect(canonical(text)).toBe(printed);
  });

  it('printing is a fixed point and keeps the meaning (same tree)', () => {
    for (const text of ['a - b offset 1h', '(a + b) * 2', '-x ^ 2', 'a / b / c', 'x{a="\\n\\"\\\\"}']) {
      const once = canonical(text);
      expect(canonical(once)).toBe(once);
    }
  });

  it('writes keyword metric names as __name__ matchers', () => {
    expect(printSelector('sum', [])).toBe('{__name__="sum"}');
    expect(printSelector('x', [{ name: 'a', op: '=', value: 'q"\\' }])).toBe('x{a="q\\"\\\\"}');
  });
});
