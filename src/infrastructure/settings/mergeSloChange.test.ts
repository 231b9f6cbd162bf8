import { ConflictError } from './errors';
import { mergeSloChange, sameJson } from './mergeSloChange';

const a = { id: 'a', objective: '99%' };
const b = { id: 'b', objective: '99%' };

describe('mergeSloChange', () => {
  it('replaces in place, appends new SLOs, and never touches entries without an id', () => {
    const junk = { name: 'no id' };
    expect(mergeSloChange([a, junk, b], [a, junk, b], { kind: 'put', slo: { id: 'a', objective: '98%' } })).toEqual([
      { id: 'a', objective: '98%' },
      junk,
      b,
    ]);
    expect(mergeSloChange([a], [a], { kind: 'put', slo: { id: 'c' } })).toEqual([a, { id: 'c' }]);
  });

  it('needs no write when the change is already stored', () => {
    expect(mergeSloChange([a], [a], { kind: 'put', slo: { ...a } })).toBeUndefined();
    expect(mergeSloChange([a], [], { kind: 'delete', id: 'a' })).toBeUndefined();
  });

  it('conflicts only on the changed SLO', () => {
    const b2 = { ...b, objective: '90%' };
    expect(mergeSloChange([a, b], [a, b2], { kind: 'delete', id: 'a' })).toEqual([b2]);
    expect(() => mergeSloChange([a, b], [a, b2], { kind: 'delete', id: 'b' })).toThrow(ConflictError);
  });
});

describe('sameJson', () => {
  it('ignores key order and undefined keys, not values', () => {
    expect(sameJson({ x: 1, y: [1, { z: 2 }] }, { y: [1, { z: 2 }], x: 1, w: undefined })).toBe(true);
    expect(sameJson({ x: [1, 2] }, { x: [2, 1] })).toBe(false);
    expect(sameJson({ x: 1 }, [1])).toBe(false);
  });
});
