import { checkSloQuery } from '../../../promql';
import { positionAt, promqlMarkers } from './promqlMarkers';

const range = (m: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }) =>
  `${m.startLineNumber}:${m.startColumn}-${m.endLineNumber}:${m.endColumn}`;

/** The markers of the PromQL module's problems for a counter field. */
const marked = (text: string) => promqlMarkers(text, checkSloQuery(text, 'counter').problems);

describe('promqlMarkers', () => {
  it("marks the PromQL module's problem under the characters it names", () => {
    const text = 'rate(http_requests_total{job="x"[5m])';
    const [m] = marked(text);
    expect(range(m)).toBe('1:33-1:34');
    expect(m.message).toBe("unexpected left bracket '['");
    expect(text[m.startColumn - 1]).toBe('[');
  });

  it('counts lines and columns from 1 on every line', () => {
    const [m] = marked('a +\n  b{job=}');
    expect(range(m)).toBe('2:9-2:10');
    expect(m.message).toBe("unexpected right brace '}'");
  });

  it('spans a whole construct: an unclosed brace from the brace to the end', () => {
    const text = 'http_requests_total{job="checkuot",code=~"5.."';
    const [m] = marked(text);
    expect(range(m)).toBe(`1:20-1:${text.length + 1}`);
    expect(m.message).toBe('unclosed left brace');
  });

  it('never draws a zero-width mark: an empty range takes the character after it, or before it at the end', () => {
    expect(promqlMarkers('abc', [{ from: 1, to: 1, message: 'm' }]).map(range)).toEqual(['1:2-1:3']);
    expect(promqlMarkers('abc', [{ from: 3, to: 3, message: 'm' }]).map(range)).toEqual(['1:3-1:4']);
    expect(promqlMarkers('ab\ncd', [{ from: 2, to: 2, message: 'm' }]).map(range)).toEqual(['1:2-1:3']);
    // Offsets past the text (a stale problem) are clamped to it.
    expect(promqlMarkers('ab', [{ from: 5, to: 9, message: 'm' }]).map(range)).toEqual(['1:2-1:3']);
    expect(promqlMarkers('', [{ from: 0, to: 0, message: 'm' }]).map(range)).toEqual(['1:1-1:1']);
  });

  it("marks the validator's errors for the field over the whole text, after the positioned ones", () => {
    const markers = promqlMarkers('a +\nb', [{ from: 0, to: 1, message: 'first' }], ['is required']);
    expect(markers.map((m) => [range(m), m.message])).toEqual([
      ['1:1-1:2', 'first'],
      ['1:1-2:2', 'is required'],
    ]);
  });

  it('has no markers for a query Burndown can evaluate', () => {
    expect(marked('sum(http_requests_total{job="api", code=~"5.."}) # errors')).toEqual([]);
  });
});

describe('positionAt', () => {
  it('is 1-based and counts UTF-16 code units as Monaco does', () => {
    expect(positionAt('abc', 0)).toEqual({ lineNumber: 1, column: 1 });
    expect(positionAt('a\nbc', 3)).toEqual({ lineNumber: 2, column: 2 });
    expect(positionAt('x{a="😀"}', 7)).toEqual({ lineNumber: 1, column: 8 });
  });
});
