import { isScalar, parseDocument, visit } from 'yaml';

import { scalarOffsets, type ScalarStyle } from './scalarOffsets';

/** The offsets, in the whole text, of every character of the value of key `v`. */
function offsetsOf(text: string): { value: string; at: (i: number) => string } {
  const doc = parseDocument(text);
  let out: { value: string; at: (i: number) => string } | undefined;
  visit(doc, {
    Pair(_k, pair) {
      if (isScalar(pair.key) && pair.key.value === 'v' && isScalar(pair.value)) {
        const node = pair.value;
        const start = node.range![0];
        const offsets = scalarOffsets(text.slice(start, node.range![1]), String(node.value), node.type as ScalarStyle)!;
        expect(offsets).toHaveLength(String(node.value).length);
        out = { value: String(node.value), at: (i) => text[start + offsets[i]] };
      }
    },
  });
  return out!;
}

describe('scalarOffsets', () => {
  it.each([
    ['plain', 'v: sum(x) or y\n'],
    ['plain over two lines', 'v: sum(x)\n  or y\n'],
    ['double-quoted with escapes', 'v: "x{a=\\"b\\\\\\"} \\u00e9 or y"\n'],
    ['single-quoted with doubled quotes', "v: 'x{a=''b''} or y'\n"],
    ['block literal', 'v: |\n  sum(x)\n    # c }\n  or y\n'],
    ['block folded', 'v: >-\n  sum(x)\n  or y\n'],
  ])('%s: every non-space character maps to itself in the source', (_name, text) => {
    const { value, at } = offsetsOf(text);
    for (let i = 0; i < value.length; i++) {
      if (!/\s/.test(value[i]) && !/["\\'é]/.test(value[i])) {
        expect(at(i)).toBe(value[i]);
      }
    }
  });

  it('an escaped character maps to the start of its escape', () => {
    const { value, at } = offsetsOf('v: "a\\"b"\n');
    expect(value).toBe('a"b');
    expect(at(1)).toBe('\\');
  });

  it('gives up (undefined) when the source does not hold the value', () => {
    expect(scalarOffsets('abc', 'xyz', 'PLAIN')).toBeUndefined();
  });
});
