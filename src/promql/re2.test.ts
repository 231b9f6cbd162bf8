import { check } from './check';
import { re2Problem } from './re2';

describe('re2Problem: what Prometheus (Go RE2) refuses though JavaScript accepts it', () => {
  it.each([
    ['5..', undefined],
    ['(?i)get|post', undefined],
    ['(?i:get)|(?s).*', undefined],
    ['(?P<code>5)..', undefined],
    ['[[:alpha:]]+', undefined],
    ['[]a]|[^]b]', undefined],
    ['a{2,3}?|b+?|c*?', undefined],
    ['\\Q(?=\\E.*', undefined],
    ['\\(\\)\\[', undefined],
    ['/api/(?!health).*', "lookahead (?= or (?! is not supported by Prometheus' regex engine (RE2)"],
    ['(?=x)', "lookahead (?= or (?! is not supported by Prometheus' regex engine (RE2)"],
    ['(?<!x)y', "lookbehind (?<= or (?<! is not supported by Prometheus' regex engine (RE2)"],
    ['(a)\\1', "backreference \\1 is not supported by Prometheus' regex engine (RE2)"],
    [
      '(?<n>a)\\k<n>',
      "named group (?<name>...) is not supported by Prometheus 2.42's regex engine: write (?P<name>...)",
    ],
    ['(?>a)', "atomic group (?>...) is not supported by Prometheus' regex engine (RE2)"],
    ['(?x)a b', "flag x in (?x) is not supported by Prometheus' regex engine (RE2): use i, m, s or U"],
    ['a*+', 'invalid nested repetition operator *+'],
    ['a{2}+', 'invalid nested repetition operator }+'],
    ['(a', 'missing closing ) of a group'],
    ['a)', 'unexpected ) without an opening ('],
    ['[a', 'missing closing ] of a character class'],
    ['a\\', 'trailing backslash at end of expression'],
  ])('%s', (pattern, want) => {
    expect(re2Problem(pattern)).toBe(want);
  });
});

describe('check: regex matchers', () => {
  it('reports an RE2 problem at the matcher, for =~ and !~ only', () => {
    const text = 'http_requests_total{path=~"/api/(?!health).*", code!~"(5"}';
    const problems = check(text);
    expect(problems.map((p) => [text.slice(p.from, p.to), p.message])).toEqual([
      [
        'path=~"/api/(?!health).*"',
        "invalid regular expression for label path: lookahead (?= or (?! is not supported by Prometheus' regex engine (RE2)",
      ],
      ['code!~"(5"', 'invalid regular expression for label code: missing closing ) of a group'],
    ]);
    expect(check('http_requests_total{path="(?!x"}')).toEqual([]);
  });
});
