import { formatSloError } from '../types';
import { parseYamlDocuments, treeFromValue } from './tree';

describe('parseYamlDocuments', () => {
  it('a text without ---, or starting with ---, is one document', () => {
    for (const text of ['a: 1\n', '---\na: 1\n']) {
      const docs = parseYamlDocuments(text);
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ index: 0, errors: [], root: { kind: 'map' } });
    }
  });

  it('splits on --- and counts lines over the whole text', () => {
    const docs = parseYamlDocuments('# head\na: 1\n---\n# second\nb:\n  c: 2\n---\n- x\n');
    expect(docs.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(docs.map((d) => d.pos.line)).toEqual([2, 3, 7]);
    const second = docs[1].root!;
    expect(second.kind).toBe('map');
    if (second.kind !== 'map') {
      return;
    }
    expect(second.entries[0]).toMatchObject({ key: 'b', keyPos: { line: 5, column: 1 } });
    expect(second.entries[0].value).toMatchObject({
      kind: 'map',
      entries: [{ key: 'c', keyPos: { line: 6, column: 3 }, value: { value: 2, pos: { line: 6, column: 6 } } }],
    });
    expect(docs[2].root).toMatchObject({ kind: 'seq', pos: { line: 8, column: 1 } });
  });

  it('each document has its own syntax errors; the others still have trees', () => {
    const docs = parseYamlDocuments('a: 1\n---\nb: [1, 2\n---\nc: 3\n', { file: 'multi.yaml' });
    expect(docs).toHaveLength(3);
    expect(docs[0]).toMatchObject({ errors: [], root: { kind: 'map' } });
    expect(docs[1].root).toBeUndefined();
    expect(docs[1].errors.length).toBeGreaterThan(0);
    expect(docs[1].errors.every((e) => e.file === 'multi.yaml' && e.line >= 3 && e.line <= 4)).toBe(true);
    expect(formatSloError(docs[1].errors[0])).toMatch(/^multi\.yaml:\d+:\d+: <root>: YAML syntax error: /);
    expect(docs[2]).toMatchObject({ errors: [], root: { kind: 'map', pos: { line: 5, column: 1 } } });
  });

  it('duplicate keys are errors of their own document only', () => {
    const docs = parseYamlDocuments('a: 1\n---\nb: 1\nb: 2\n');
    expect(docs[0].errors).toEqual([]);
    expect(docs[1].errors).toHaveLength(1);
    expect(docs[1].errors[0]).toMatchObject({ line: 4, column: 1 });
    expect(docs[1].errors[0].message).toContain('Map keys must be unique');
  });

  it('an empty document (trailing ---) has neither root nor errors; an empty text has no documents', () => {
    const docs = parseYamlDocuments('a: 1\n---\n');
    expect(docs).toHaveLength(2);
    expect(docs[1]).toEqual({ index: 1, pos: { line: 2, column: 1 }, errors: [] });
    expect(parseYamlDocuments('')).toEqual([]);
    expect(parseYamlDocuments('# only a comment\n')).toEqual([]);
  });

  it('anchors do not cross documents', () => {
    const docs = parseYamlDocuments('a: &x 1\n---\nb: *x\n');
    expect(docs[0].errors).toEqual([]);
    expect(docs[1].root).toBeUndefined();
    expect(docs[1].errors.map((e) => e.line)).toContain(3);
  });

  it('the alias-bomb limit counts the values of all documents together', () => {
    const one = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]'; // 1 + 11 + 1 + 110 values
    expect(parseYamlDocuments(one, { maxValues: 200 })[0].errors).toEqual([]);
    const docs = parseYamlDocuments(`${one}\n---\n${one}\n`, { maxValues: 200, file: 'bomb.yaml' });
    expect(docs[0].errors).toEqual([]);
    expect(docs[1].errors.map(formatSloError)).toEqual([
      'bomb.yaml:3:1: <root>: the document expands to more than 200 values (aliases?)',
    ]);
  });
});

describe('alias bombs', () => {
  /** 9 levels of 9 aliases each to the level below: 9^10 values once expanded. */
  function bomb(levels: number): string {
    const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < levels; i++) {
      lines.push(
        `l${i}: &l${i} [${Array(9)
          .fill(`*l${i - 1}`)
          .join(', ')}]`
      );
    }
    return lines.join('\n');
  }

  it('are refused from their measured size, before any expansion (a 9^12 bomb would never finish expanding)', () => {
    const docs = parseYamlDocuments(bomb(12), { file: 'bomb.yaml' });
    expect(docs[0].errors.map(formatSloError)).toEqual([
      'bomb.yaml:1:1: <root>: the document expands to more than 1000000 values (aliases?)',
    ]);
  });

  it('measure like the builder counts: just under the limit builds, just over is refused', () => {
    const text = bomb(3); // l0: 1 + 9, l1: 1 + 9 * (1 + 10), l2: 1 + 9 * (1 + 100), root map: 1
    const values = 1 + 10 + 100 + 910;
    expect(parseYamlDocuments(text, { maxValues: values })[0].errors).toEqual([]);
    expect(parseYamlDocuments(text, { maxValues: values - 1 })[0].errors).toHaveLength(1);
  });
});

describe('treeFromValue', () => {
  it('builds the same shapes without positions, skipping undefined members', () => {
    expect(treeFromValue({ a: [1, 'x'], b: undefined })).toEqual({
      kind: 'map',
      pos: { line: 0, column: 0 },
      entries: [
        {
          key: 'a',
          keyPos: { line: 0, column: 0 },
          value: {
            kind: 'seq',
            pos: { line: 0, column: 0 },
            items: [
              { kind: 'scalar', pos: { line: 0, column: 0 }, value: 1 },
              { kind: 'scalar', pos: { line: 0, column: 0 }, value: 'x' },
            ],
          },
        },
      ],
    });
  });
});
