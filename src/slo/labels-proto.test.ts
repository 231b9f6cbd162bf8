import { parseSloDocument, serializeSloFile } from './index';

describe('label names that are also JavaScript property names', () => {
  it('keeps a "__proto__" label as a label through parse and a YAML round trip', () => {
    const text = `apiVersion: burndown/v1
slos:
  - id: a
    name: A
    labels: {__proto__: x, constructor: y}
    indicator:
      ratio:
        bad: e
        total: t
    objective: 99%
    window: {rolling: 28d}
`;
    const { file, errors } = parseSloDocument(text);
    expect(errors).toEqual([]);
    const labels = file!.slos[0].labels;
    expect(Object.keys(labels).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    const again = parseSloDocument(serializeSloFile(file!));
    expect(again.errors).toEqual([]);
    expect(Object.entries(again.file!.slos[0].labels).sort()).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });
});
