import { allowedBadEvents, NO_DATA, occurrencesBudget, timeslicesBudget } from './budget';

describe('occurrencesBudget', () => {
  it('computes SLI, consumed and remaining from bad/total', () => {
    // 99.5%: budget 0.5%. 25 bad of 10,000 = 0.25% -> half the budget.
    const f = occurrencesBudget({ bad: 25, total: 10_000 }, 0.995);
    expect(f.sli).toBeCloseTo(0.9975, 12);
    expect(f.consumed).toBeCloseTo(0.5, 12);
    expect(f.remaining).toBeCloseTo(0.5, 12);
  });

  it('is exactly 100% remaining with no bad events', () => {
    expect(occurrencesBudget({ bad: 0, total: 1234 }, 0.999)).toEqual({ sli: 1, consumed: 0, remaining: 1 });
  });

  it('does not clamp: overspent budgets go below 0', () => {
    // 99%: 3 bad of 100 = 3% = 3 budgets.
    const f = occurrencesBudget({ bad: 3, total: 100 }, 0.99);
    expect(f.consumed).toBeCloseTo(3, 12);
    expect(f.remaining).toBeCloseTo(-2, 12);
    expect(occurrencesBudget({ bad: 100, total: 100 }, 0.9).remaining).toBeCloseTo(-9, 12);
  });

  it('with data but no events: nothing spent, SLI undefined', () => {
    expect(occurrencesBudget({ bad: 0, total: 0 }, 0.99)).toEqual({ sli: null, consumed: 0, remaining: 1 });
  });

  it('without data: null figures, never 1', () => {
    expect(occurrencesBudget({ bad: NaN, total: NaN }, 0.99)).toEqual(NO_DATA);
    expect(occurrencesBudget({ bad: 0, total: NaN }, 0.99)).toEqual(NO_DATA);
    expect(occurrencesBudget({ bad: NaN, total: 100 }, 0.99)).toEqual(NO_DATA);
    expect(occurrencesBudget({ bad: 0, total: 0 }, 0.99, false)).toEqual(NO_DATA);
    expect(occurrencesBudget({ bad: 0, total: 100 }, 0.99, false).remaining).toBeNull();
  });

  it('allowed bad events = (1 - target) x total', () => {
    expect(allowedBadEvents(1_000_000, 0.999)).toBeCloseTo(1000, 9);
    expect(allowedBadEvents(0, 0.999)).toBe(0);
  });
});

describe('timeslicesBudget', () => {
  it('allowed = (1 - target) x slices in the whole window', () => {
    // 30 days of 5-minute slices = 8640; 99.9% -> 8.64 bad slices allowed.
    const f = timeslicesBudget(1000, 2, 8640, 0.999);
    expect(f.consumed).toBeCloseTo(2 / 8.64, 12);
    expect(f.remaining).toBeCloseTo(1 - 2 / 8.64, 12);
    expect(f.sli).toBeCloseTo(1000 / 1002, 12);
  });
  it('is 100% with no bad slice, below 0 when overspent', () => {
    expect(timeslicesBudget(5, 0, 100, 0.9).remaining).toBe(1);
    expect(timeslicesBudget(5, 20, 100, 0.9).remaining).toBeCloseTo(-1, 12);
  });
  it('has no SLI before any slice is counted, and no figures without data or slices', () => {
    expect(timeslicesBudget(0, 0, 100, 0.9)).toEqual({ sli: null, consumed: 0, remaining: 1 });
    expect(timeslicesBudget(0, 0, 100, 0.9, false)).toEqual(NO_DATA);
    expect(timeslicesBudget(3, 0, 0, 0.9)).toEqual(NO_DATA);
  });
});
