import { compositeRemaining } from './composite';

describe('compositeRemaining', () => {
  it('is sum(w_k x remaining_k) / sum(w_k)', () => {
    const r = compositeRemaining([
      { weight: 3, remaining: 0.8 },
      { weight: 1, remaining: 0.4 },
    ]);
    expect(r.remaining).toBeCloseTo((3 * 0.8 + 0.4) / 4, 12);
    expect(r.partial).toBe(false);
  });

  it('keeps negative components (overspent) unclamped', () => {
    expect(
      compositeRemaining([
        { weight: 1, remaining: -1 },
        { weight: 1, remaining: 0.5 },
      ]).remaining
    ).toBeCloseTo(-0.25, 12);
  });

  it('leaves out components without data and says the result is partial', () => {
    const r = compositeRemaining([
      { weight: 2, remaining: 0.6 },
      { weight: 5, remaining: null },
      { weight: 1, remaining: NaN },
    ]);
    expect(r.remaining).toBeCloseTo(0.6, 12);
    expect(r.partial).toBe(true);
  });

  it('has no data when no component has any, or when there are none', () => {
    expect(
      compositeRemaining([
        { weight: 1, remaining: null },
        { weight: 2, remaining: NaN },
      ])
    ).toEqual({ remaining: null, partial: true });
    expect(compositeRemaining([])).toEqual({ remaining: null, partial: false });
  });
});
