import fc from 'fast-check';

import { countedPieces, excludedIntervals, exclusionMask } from './exclusions';

const MIN = 60_000;

describe('exclusionMask', () => {
  const grid = { firstEnd: 10 * MIN, step: 10 * MIN };
  const ex = (from: number, to: number) => ({ from: from * MIN, to: to * MIN, reason: 'test' });
  // Cells: (0, 10], (10, 20], (20, 30], (30, 40], (40, 50] minutes.

  it('marks cells that overlap [from, to) by a positive length', () => {
    expect(Array.from(exclusionMask(grid, 5, [ex(15, 25)]))).toEqual([0, 1, 1, 0, 0]);
    expect(Array.from(exclusionMask(grid, 5, [ex(10, 20)]))).toEqual([0, 1, 0, 0, 0]);
    expect(Array.from(exclusionMask(grid, 5, [ex(19.99, 20.01)]))).toEqual([0, 1, 1, 0, 0]);
    expect(Array.from(exclusionMask(grid, 5, [ex(-100, 1)]))).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(exclusionMask(grid, 5, [ex(45, 1000)]))).toEqual([0, 0, 0, 0, 1]);
    expect(Array.from(exclusionMask(grid, 5, [ex(0, 10), ex(30, 40)]))).toEqual([1, 0, 0, 1, 0]);
  });

  it('ignores intervals outside the grid and empty intervals', () => {
    expect(Array.from(exclusionMask(grid, 5, [ex(50, 60), ex(-10, 0)]))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(exclusionMask(grid, 5, [ex(25, 25), ex(30, 20)]))).toEqual([0, 0, 0, 0, 0]);
  });

  it('agrees with a direct overlap test (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.array(fc.tuple(fc.integer({ min: -2000, max: 3000 }), fc.integer({ min: -10, max: 500 })), { maxLength: 4 }),
        (step, firstEnd, n, raw) => {
          const exclusions = raw.map(([from, len]) => ({ from, to: from + len, reason: '' }));
          const mask = exclusionMask({ firstEnd, step }, n, exclusions);
          for (let i = 0; i < n; i++) {
            const end = firstEnd + i * step;
            const lo = end - step;
            const overlaps = exclusions.some((e) => Math.min(end, e.to) - Math.max(lo, e.from) > 0);
            expect(mask[i]).toBe(overlaps ? 1 : 0);
          }
        }
      )
    );
  });
});

describe('excludedIntervals', () => {
  it('clips to the range, merges overlaps and sorts', () => {
    const r = excludedIntervals({ start: 100, end: 200 }, [
      { from: 150, to: 170, reason: 'b' },
      { from: 50, to: 120, reason: 'a' },
      { from: 160, to: 180, reason: 'c' },
      { from: 190, to: 400, reason: 'd' },
      { from: 300, to: 400, reason: 'outside' },
      { from: 130, to: 130, reason: 'empty' },
    ]);
    expect(r).toEqual([
      { start: 100, end: 120 },
      { start: 150, end: 180 },
      { start: 190, end: 200 },
    ]);
  });
  it('merges touching intervals', () => {
    expect(
      excludedIntervals({ start: 0, end: 100 }, [
        { from: 10, to: 20, reason: '' },
        { from: 20, to: 30, reason: '' },
      ])
    ).toEqual([{ start: 10, end: 30 }]);
  });
});

describe('countedPieces', () => {
  const ex = (from: number, to: number) => ({ from: from * MIN, to: to * MIN, reason: 'test' });
  const range = (start: number, end: number) => ({ start: start * MIN, end: end * MIN });

  it('keeps a range that ends outside every exclusion, with the exclusions inside it to subtract', () => {
    expect(countedPieces(range(0, 100), [ex(10, 20), ex(200, 300)])).toEqual({
      range: range(0, 100),
      excluded: [range(10, 20)],
    });
  });

  it('stops a range that ends inside an exclusion at its start, subtracting the earlier ones', () => {
    expect(countedPieces(range(0, 50), [ex(10, 20), ex(40, 60)])).toEqual({
      range: range(0, 40),
      excluded: [range(10, 20)],
    });
    // At the exclusion's end the whole interval is excluded: the same.
    expect(countedPieces(range(0, 60), [ex(40, 60)])).toEqual({ range: range(0, 40), excluded: [] });
  });

  it('gives an empty range when the whole range is excluded', () => {
    const r = countedPieces(range(30, 50), [ex(20, 60)]);
    expect(r.range.end - r.range.start).toBeLessThanOrEqual(0);
    expect(r.excluded).toEqual([]);
  });

  it('counts the same span as range minus exclusions (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 200 })), { maxLength: 5 }),
        (start, len, exs) => {
          const r = range(start, start + len);
          const list = exs.map(([a, l]) => ex(a, a + l));
          const length = (x: { start: number; end: number }) => x.end - x.start;
          const before = length(r) - excludedIntervals(r, list).reduce((s, x) => s + length(x), 0);
          const p = countedPieces(r, list);
          const after = Math.max(0, length(p.range)) - p.excluded.reduce((s, x) => s + length(x), 0);
          expect(after).toBe(before);
        }
      )
    );
  });
});
