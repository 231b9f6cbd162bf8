// fast-check generators of PromQL as users write it in SLO files: valid and invalid constructs, comments, odd
// spacing, escaped and unicode label values. Used by the agreement property tests (validate <=> budget).
import fc from 'fast-check';

const space = fc.constantFrom('', ' ', '  ', '\n  ', '\t', ' # note } ) "\n', '#c\n');

const metric = fc.constantFrom(
  'x_total',
  'http_requests_total',
  'job:requests:rate5m',
  'h_seconds',
  'h_seconds_bucket',
  'sum',
  'by',
  'offset_total',
  'Inf'
);
const labelName = fc.constantFrom('job', 'code', 'le', '__name__', 'route', '_x', 'on');
const matchOp = fc.constantFrom('=', '!=', '=~', '!~', '==', '~');

/** A label value, spelled in a quote style: escaped correctly, or (sometimes) wrongly. */
const labelValue = fc
  .tuple(
    fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.constantFrom('5..', '', '}', '"', '\\', '#', 'a\nb', "it's", '(?i)get', 'é', '😀', '\\q', '\u00a0')
    ),
    fc.constantFrom('double', 'single', 'back', 'raw' as string)
  )
  .map(([v, style]) => {
    switch (style) {
      case 'double':
        return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
      case 'single':
        return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
      case 'back':
        return `\`${v.replace(/`/g, '')}\``;
      default:
        return `"${v}"`; // raw: quotes, backslashes and newlines left unescaped
    }
  });

const matcher = fc.tuple(labelName, space, matchOp, space, labelValue).map((p) => p.join(''));

export const selectorText = fc
  .tuple(
    fc.option(metric, { nil: '' }),
    fc.option(fc.array(matcher, { maxLength: 3 }), { nil: undefined }),
    fc.boolean()
  )
  .map(([name, matchers, trailingComma]) =>
    matchers === undefined ? name || 'x_total' : `${name}{${matchers.join(',')}${trailingComma ? ',' : ''}}`
  );

const number = fc.constantFrom('1', '2', '0.5', '1e3', '0x10', 'Inf', '-1', '1h', '.5');
const duration = fc.constantFrom('5m', '1h', '30s', '1h30m', '0s', '5', '5m+1m');

/** A PromQL expression of bounded depth, mostly well-formed, sometimes broken. */
export const promqlText: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => {
  const e = tie('expr');
  const sp = space;
  return {
    expr: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'promql', withCrossShrink: true },
      selectorText,
      selectorText,
      number,
      fc.constantFrom('"text"', 'time()', 'vector(1)', 'pi()', '', ')', '{', 'x_total{', 'sum(', 'foo(x)', 'x_total }'),
      fc
        .tuple(
          e,
          sp,
          fc.constantFrom('+', '-', '*', '/', '%', '^', '>', '== bool', 'or', 'and', 'unless', 'atan2'),
          sp,
          e
        )
        .map((p) => p.join('')),
      fc
        .tuple(e, sp, fc.constantFrom('+ on (job)', '- ignoring (code)', '* on (job) group_left (x)'), sp, e)
        .map((p) => p.join('')),
      fc.tuple(sp, e, sp).map(([a, x, b]) => `(${a}${x}${b})`),
      fc.tuple(fc.constantFrom('-', '+'), e).map(([op, x]) => `${op}${x}`),
      fc
        .tuple(fc.constantFrom('sum', 'sum by (job)', 'sum without (code)', 'max', 'count', 'SUM'), sp, e)
        .map(([op, s, x]) => `${op}${s}(${x})`),
      fc.tuple(e, sp).map(([x, s]) => `sum(${x})${s}by (route)`),
      fc.tuple(selectorText, duration).map(([s, d]) => `${s}[${d}]`),
      fc
        .tuple(fc.constantFrom('rate', 'increase', 'irate', 'max_over_time', 'delta'), selectorText, duration)
        .map(([f, s, d]) => `${f}(${s}[${d}])`),
      fc
        .tuple(fc.constantFrom('abs', 'clamp_min', 'histogram_quantile', 'label_replace', 'scalar'), e)
        .map(([f, x]) => `${f}(${x})`),
      fc
        .tuple(e, fc.constantFrom(' offset 1h', ' offset -5m', ' @ 100', ' @ start()', '[1h:5m]', '[1h:]'))
        .map(([x, m]) => `${x}${m}`),
      fc.tuple(sp, e, sp).map((p) => p.join(''))
    ),
  };
}).expr;

/** Linear expressions of counter selectors (what counter fields accept), with spacing and comments. */
export const linearCounterText: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => {
  const e = tie('expr');
  return {
    expr: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'linear' },
      selectorText,
      fc.tuple(e, space, fc.constantFrom('+', '-', '+ on (job)', '- ignoring (code)'), space, e).map((p) => p.join('')),
      fc.tuple(fc.constantFrom('2 *', '0.5*', '(1 + 1) *'), space, e).map((p) => p.join('')),
      fc.tuple(e, space, fc.constantFrom('* 2', '/ 4')).map((p) => p.join('')),
      fc
        .tuple(fc.constantFrom('sum', 'sum by (job)', 'sum without (code)'), space, e)
        .map(([f, s, x]) => `${f}${s}(${x})`),
      fc.tuple(space, e, space).map(([a, x, b]) => `(${a}${x}${b})`)
    ),
  };
}).expr;
