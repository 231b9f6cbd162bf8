import { bucketsWithin } from './loadDetail';

const b = {
  firstEnd: 100,
  step: 100,
  bad: Float64Array.from([1, 2, 3, 4, 5]),
  total: Float64Array.from([10, 20, 30, 40, 50]),
};

describe('bucketsWithin', () => {
  test('keeps the buckets whose end lies in (from, to]', () => {
    const got = bucketsWithin(b, 200, 400);
    expect(got.firstEnd).toBe(300);
    expect(Array.from(got.bad)).toEqual([3, 4]);
    expect(Array.from(got.total)).toEqual([30, 40]);
  });

  test('clips to the grid and gives no bucket for an empty range', () => {
    expect(Array.from(bucketsWithin(b, -1000, 10_000).bad)).toEqual([1, 2, 3, 4, 5]);
    expect(bucketsWithin(b, 400, 400).total.length).toBe(0);
    expect(bucketsWithin(b, 900, 1000).total.length).toBe(0);
  });
});
