import { formatSloError } from '../types';
import { readContext } from './context';
import { exactlyOne, readFields, requireField } from './fields';
import { parseYamlDocuments, ValueNode } from './tree';

function root(text: string): ValueNode {
  const [first] = parseYamlDocuments(text);
  expect(first.errors).toEqual([]);
  return first.root!;
}

const KNOWN = ['apiVersion', 'kind', 'metadata', 'spec'] as const;

describe('readFields', () => {
  it('returns the known entries with their key and value positions', () => {
    const ctx = readContext('obj.yaml');
    const f = readFields(ctx, root('kind: SLO\nspec:\n  x: 1\n'), '', KNOWN, 'an object');
    expect(ctx.errors).toEqual([]);
    expect(f!.kind).toMatchObject({ key: 'kind', keyPos: { line: 1, column: 1 }, value: { value: 'SLO' } });
    expect(f!.spec!.value).toMatchObject({ kind: 'map', pos: { line: 3, column: 3 } });
    expect(f!.metadata).toBeUndefined();
  });

  it('a value that is not a mapping is an error naming what was expected', () => {
    const ctx = readContext('obj.yaml');
    expect(readFields(ctx, root('- a\n'), 'spec', KNOWN, 'a Kubernetes object')).toBeUndefined();
    expect(ctx.errors.map(formatSloError)).toEqual(['obj.yaml:1:1: spec: expected a Kubernetes object, got a list']);
  });

  it('unknown fields: error (default) with a did-you-mean, or the known list when nothing is close', () => {
    const ctx = readContext('obj.yaml');
    const f = readFields(ctx, root('Kind: SLO\nspecs: {}\nzzz: 1\n'), 'items[0]', KNOWN, 'an object');
    expect(f).toEqual({});
    expect(ctx.errors.map(formatSloError)).toEqual([
      'obj.yaml:1:1: items[0].Kind: unknown field "Kind"; did you mean "kind"?',
      'obj.yaml:2:1: items[0].specs: unknown field "specs"; did you mean "spec"?',
      'obj.yaml:3:1: items[0].zzz: unknown field "zzz"; expected one of: apiVersion, kind, metadata, spec',
    ]);
    expect(ctx.notes).toEqual([]);
  });

  it('unknown fields as notes: read, nothing refused, the same wording', () => {
    const ctx = readContext('obj.yaml');
    const f = readFields(ctx, root('kind: SLO\nstatus: {ready: true}\n'), '', KNOWN, 'an object', { unknown: 'note' });
    expect(Object.keys(f!)).toEqual(['kind']);
    expect(ctx.errors).toEqual([]);
    expect(ctx.notes.map(formatSloError)).toEqual([
      'obj.yaml:2:1: status: unknown field "status"; expected one of: apiVersion, kind, metadata, spec',
    ]);
  });

  it('unknown fields ignored: neither error nor note', () => {
    const ctx = readContext();
    readFields(ctx, root('kind: SLO\nstatus: {}\n'), '', KNOWN, 'an object', { unknown: 'ignore' });
    expect(ctx.errors).toEqual([]);
    expect(ctx.notes).toEqual([]);
  });
});

describe('requireField', () => {
  it('reports a missing field at the parent mapping, with the field path', () => {
    const ctx = readContext('obj.yaml');
    const node = root('\nspec:\n  a: 1\n');
    const spec = readFields(ctx, node, '', KNOWN, 'an object')!.spec!;
    const f = readFields(ctx, spec.value, 'spec', ['a', 'b'], 'a spec')!;
    expect(requireField(ctx, f, 'a', spec.value, 'spec')?.value).toMatchObject({ value: 1 });
    expect(requireField(ctx, f, 'b', spec.value, 'spec')).toBeUndefined();
    expect(ctx.errors.map(formatSloError)).toEqual(['obj.yaml:3:3: spec.b: required field is missing']);
  });
});

describe('exactlyOne', () => {
  const KINDS = ['ratioMetric', 'thresholdMetric'] as const;

  it('names the one kind given', () => {
    const ctx = readContext();
    const node = root('thresholdMetric: {}\n');
    expect(exactlyOne(ctx, readFields(ctx, node, 'spec', KINDS, 'x')!, node, 'spec', KINDS, 'an SLI')).toBe(
      'thresholdMetric'
    );
    expect(ctx.errors).toEqual([]);
  });

  it('none or two kinds are errors', () => {
    const ctx = readContext('s.yaml');
    const none = root('{}\n');
    const two = root('ratioMetric: {}\nthresholdMetric: {}\n');
    exactlyOne(ctx, readFields(ctx, none, 'a', KINDS, 'x')!, none, 'a', KINDS, 'an SLI');
    exactlyOne(ctx, readFields(ctx, two, 'b', KINDS, 'x')!, two, 'b', KINDS, 'an SLI');
    expect(ctx.errors.map(formatSloError)).toEqual([
      's.yaml:1:1: a: an SLI needs one of: ratioMetric, thresholdMetric',
      's.yaml:2:1: b.thresholdMetric: an SLI has exactly one kind: remove thresholdMetric or ratioMetric',
    ]);
  });
});
