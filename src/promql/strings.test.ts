import { escapeLabelValue, loneSurrogateIndex, unquoteString } from './strings';

describe('strings', () => {
  it('round-trips any value through escape and unquote', () => {
    for (const v of ['', 'a"b', 'back\\slash', 'new\nline', 'é😀', '} or vector(1) #']) {
      expect(unquoteString(`"${escapeLabelValue(v)}"`)).toEqual({ value: v });
    }
  });

  it.each([
    ['"abc', 'unterminated quoted string'],
    ['"a\\"', 'unterminated quoted string'],
    ['"\\x80"', 'escape \\x80 is not valid UTF-8 on its own'],
    ['"\\ud800"', 'invalid Unicode code point in escape sequence \\ud800'],
    ["'a\\\"'", 'unknown escape sequence \\"'],
  ])('%s: %s', (literal, error) => {
    expect(unquoteString(literal)).toMatchObject({ error });
  });

  it('finds lone surrogates, which Prometheus cannot read', () => {
    expect(loneSurrogateIndex('ok 😀')).toBe(-1);
    expect(loneSurrogateIndex('x\ud800')).toBe(1);
  });
});
