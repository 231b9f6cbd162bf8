import fc from 'fast-check';

import { exhaustionBurndown, exhaustionOccurrences, exhaustionRolling, exhaustionTimeslices } from './exhaustion';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-08-10T00:00:00Z');

// Tiny simulations: step the future at constant rates until the budget is gone (or the window ends).

/**
 * Rolling: past spending (1 - remaining) spread evenly over W leaves the window at (1 - remaining) / W per ms
 * while new spending arrives at burnRate / W per ms. Returns the time consumed reaches 1, or null within W.
 */
function simulateRolling(remaining: number, burnRate: number, windowMs: number, stepMs: number): number | null {
  const pastRate = (1 - remaining) / windowMs;
  let consumed = 1 - remaining;
  for (let t = stepMs; t <= windowMs + stepMs; t += stepMs) {
    consumed += (burnRate / windowMs - pastRate) * stepMs;
    if (consumed >= 1) {
      return t;
    }
  }
  return null;
}

/** Occurrences in a calendar/fixed window: traffic r per ms, of which burnRate x e is bad; allowance e x total. */
function simulateOccurrences(
  bad: number,
  total: number,
  target: number,
  burnRate: number,
  rate: number,
  horizon: number,
  stepMs: number
): number | null {
  const e = 1 - target;
  let B = bad;
  let T = total;
  for (let t = stepMs; t <= horizon; t += stepMs) {
    T += rate * stepMs;
    B += burnRate * e * rate * stepMs;
    if (B >= e * T) {
      return t;
    }
  }
  return null;
}

/** Timeslices: each slice is bad with probability burnRate x e (counted in expectation); allowance e x N, fixed. */
function simulateTimeslices(
  badSlices: number,
  slicesInWindow: number,
  target: number,
  burnRate: number,
  sliceMs: number,
  horizon: number
): number | null {
  const e = 1 - target;
  let bad = badSlices;
  for (let t = sliceMs; t <= horizon; t += sliceMs) {
    bad += burnRate * e;
    if (bad >= e * slicesInWindow) {
      return t;
    }
  }
  return null;
}

describe('exhaustionRolling: tau = R x W / (burnRate - 1 + R)', () => {
  it('matches a hand calculation', () => {
    // Half the budget left, burning at 2x in a 28-day window: 0.5 x 28 d / (2 - 1 + 0.5) = 9 d 8 h.
    const half = exhaustionRolling(0.5, 2, 28 * DAY, T0);
    expect(half.state).toBe('projected');
    expect(half.inMs).toBeCloseTo((28 * DAY) / 3, 3);
    // 14.4x with the whole budget in 30 d (nothing spent yet leaves the window): 30 d / 14.4 = 50 h.
    const e = exhaustionRolling(1, 14.4, 30 * DAY, T0);
    expect(e.state).toBe('projected');
    expect(e.inMs).toBeCloseTo(50 * HOUR, 3);
  });

  it('never runs out below burn rate 1, and runs out exactly after W at burn rate 1', () => {
    expect(exhaustionRolling(0.5, 0.5, 28 * DAY, T0).state).toBe('never');
    expect(exhaustionRolling(0.01, 0.99, 28 * DAY, T0).state).toBe('never');
    expect(exhaustionRolling(0.3, 1, 28 * DAY, T0).inMs).toBeCloseTo(28 * DAY, 3);
  });

  it('matches a simulation of its model within one step', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.2, max: 50, noNaN: true }),
        fc.constantFrom(7 * DAY, 28 * DAY, 30 * DAY),
        (remaining, burnRate, W) => {
          const step = 10 * MIN;
          const e = exhaustionRolling(remaining, burnRate, W, T0);
          const simulated = simulateRolling(remaining, burnRate, W, step);
          if (burnRate < 1) {
            expect(e.state).toBe('never');
            expect(simulated).toBeNull();
          } else {
            expect(e.state).toBe('projected');
            expect(Math.abs((e.inMs as number) - (simulated as number))).toBeLessThanOrEqual(step * 1.000001);
          }
        }
      )
    );
  });

  it('exhausted, not burning, unknown', () => {
    expect(exhaustionRolling(0, 3, 28 * DAY, T0)).toEqual({ state: 'exhausted', inMs: 0 });
    expect(exhaustionRolling(-0.4, 3, 28 * DAY, T0)).toEqual({ state: 'exhausted', inMs: 0 });
    expect(exhaustionRolling(0.4, 0, 28 * DAY, T0).state).toBe('not-burning');
    expect(exhaustionRolling(0.4, null, 28 * DAY, T0).state).toBe('not-burning');
    expect(exhaustionRolling(null, 3, 28 * DAY, T0).state).toBe('unknown');
  });
});

describe('exhaustionOccurrences (calendar/fixed): tau = (e*T - B) / (e * r * (burnRate - 1))', () => {
  it('matches a hand calculation', () => {
    // 99%: e = 0.01. 1,000,000 events, 5,000 bad: allowance 10,000, 5,000 left. 100 req/s, burning at 3x:
    // the gap closes at e x r x (3 - 1) = 0.01 x 100/s x 2 = 2 events/s -> 2,500 s.
    const x = { t: T0, windowEnd: T0 + 30 * DAY, target: 0.99, bad: 5000, total: 1e6, burnRate: 3, trafficRate: 0.1 };
    const e = exhaustionOccurrences(x);
    expect(e.state).toBe('projected');
    expect(e.inMs).toBeCloseTo(2500_000, 3);
    expect(e.state === 'projected' && e.at).toBeCloseTo(T0 + 2500_000, 3);
  });

  it('matches a simulation within one step, including "not this period"', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.9, 0.99, 0.995, 0.999),
        fc.double({ min: 1000, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.double({ min: 1.05, max: 40, noNaN: true }),
        fc.double({ min: 0.001, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        (target, total, usedShare, burnRate, rate, daysLeft) => {
          const e = 1 - target;
          const bad = usedShare * e * total;
          const windowEnd = T0 + daysLeft * DAY;
          const got = exhaustionOccurrences({ t: T0, windowEnd, target, bad, total, burnRate, trafficRate: rate });
          const step = 10 * MIN;
          const sim = simulateOccurrences(bad, total, target, burnRate, rate, windowEnd - T0 + step, step);
          if (got.state === 'projected') {
            expect(sim).not.toBeNull();
            expect(Math.abs(got.inMs - (sim as number))).toBeLessThanOrEqual(step * 1.000001);
          } else {
            expect(got.state).toBe('not-this-period');
            // The simulation does not run out before the window ends (up to one step of slack).
            expect(sim === null || sim >= windowEnd - T0 - step).toBe(true);
          }
        }
      )
    );
  });

  it('burn rate <= 1 never exhausts a calendar budget: not this period', () => {
    const base = { t: T0, windowEnd: T0 + 30 * DAY, target: 0.99, bad: 9000, total: 1e6, trafficRate: 0.1 };
    expect(exhaustionOccurrences({ ...base, burnRate: 1 }).state).toBe('not-this-period');
    expect(exhaustionOccurrences({ ...base, burnRate: 0.5 }).state).toBe('not-this-period');
    expect(exhaustionOccurrences({ ...base, burnRate: 0 }).state).toBe('not-this-period');
    expect(simulateOccurrences(9000, 1e6, 0.99, 1, 0.1, 30 * DAY, HOUR)).toBeNull();
  });

  it('past the window end: not this period', () => {
    // 5,000 left at 2 events/s takes 2,500 s; the period ends in 1,000 s.
    const x = { t: T0, windowEnd: T0 + 1000_000, target: 0.99, bad: 5000, total: 1e6, burnRate: 3, trafficRate: 0.1 };
    expect(exhaustionOccurrences(x).state).toBe('not-this-period');
  });

  it('exhausted when the bad events have reached the allowance', () => {
    const base = { t: T0, windowEnd: T0 + DAY, target: 0.99, total: 1e6, burnRate: 0.5, trafficRate: 0.1 };
    // (Exactly 10,000 is a hair under (1 - 0.99) x 1e6 = 10,000.000000000009 in floating point.)
    expect(exhaustionOccurrences({ ...base, bad: 10_001 })).toEqual({ state: 'exhausted', inMs: 0 });
    expect(exhaustionOccurrences({ ...base, target: 0.75, total: 1000, bad: 250 })).toEqual({
      state: 'exhausted',
      inMs: 0,
    });
    expect(exhaustionOccurrences({ ...base, bad: 20_000 })).toEqual({ state: 'exhausted', inMs: 0 });
  });

  it('not burning without traffic or without a burn rate', () => {
    const base = { t: T0, windowEnd: T0 + DAY, target: 0.99, bad: 10, total: 1e6 };
    expect(exhaustionOccurrences({ ...base, burnRate: 3, trafficRate: 0 }).state).toBe('not-burning');
    expect(exhaustionOccurrences({ ...base, burnRate: null, trafficRate: 0.1 }).state).toBe('not-burning');
    // At a period start (nothing counted yet) with nothing flowing, nothing is exhausted.
    expect(exhaustionOccurrences({ ...base, bad: 0, total: 0, burnRate: null, trafficRate: 0 }).state).toBe(
      'not-burning'
    );
  });
});

describe('exhaustionTimeslices (calendar/fixed): tau = (e*N - badSlices) * slice / (e * burnRate)', () => {
  it('matches a hand calculation', () => {
    // 30 d of 5-minute slices: N = 8640; 99%: 86.4 bad slices allowed; 50 spent -> 36.4 left. Burn rate 2 makes
    // 2% of slices bad: 0.02 per slice -> 1,820 slices = 9,100 minutes.
    const e = exhaustionTimeslices({
      t: T0,
      windowEnd: T0 + 20 * DAY,
      target: 0.99,
      badSlices: 50,
      slicesInWindow: 8640,
      sliceMs: 5 * MIN,
      burnRate: 2,
    });
    expect(e.state).toBe('projected');
    expect(e.inMs).toBeCloseTo(9100 * MIN, 3);
  });

  it('matches a simulation within one slice, including "not this period"', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.9, 0.99, 0.999),
        fc.constantFrom(MIN, 5 * MIN),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.double({ min: 0.1, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (target, sliceMs, days, usedShare, burnRate, elapsedShare) => {
          const N = Math.round((days * DAY) / sliceMs);
          const badSlices = Math.floor(usedShare * (1 - target) * N);
          const elapsed = Math.floor(elapsedShare * N) * sliceMs;
          const windowEnd = T0 + days * DAY - elapsed;
          const got = exhaustionTimeslices({
            t: T0,
            windowEnd,
            target,
            badSlices,
            slicesInWindow: N,
            sliceMs,
            burnRate,
          });
          const sim = simulateTimeslices(badSlices, N, target, burnRate, sliceMs, windowEnd - T0 + sliceMs);
          if (got.state === 'projected') {
            expect(sim).not.toBeNull();
            expect(Math.abs(got.inMs - (sim as number))).toBeLessThanOrEqual(sliceMs * 1.000001);
          } else if (got.state === 'not-this-period') {
            expect(sim === null || sim >= windowEnd - T0 - sliceMs).toBe(true);
          } else {
            expect(got.state).toBe('exhausted');
          }
        }
      )
    );
  });

  it('exhausted, not burning, not this period', () => {
    const base = { t: T0, windowEnd: T0 + DAY, target: 0.99, slicesInWindow: 1000, sliceMs: MIN };
    expect(exhaustionTimeslices({ ...base, badSlices: 11, burnRate: 1 })).toEqual({ state: 'exhausted', inMs: 0 });
    expect(exhaustionTimeslices({ ...base, target: 0.75, slicesInWindow: 100, badSlices: 25, burnRate: 1 })).toEqual({
      state: 'exhausted',
      inMs: 0,
    });
    expect(exhaustionTimeslices({ ...base, badSlices: 3, burnRate: 0 }).state).toBe('not-burning');
    expect(exhaustionTimeslices({ ...base, badSlices: 3, burnRate: null }).state).toBe('not-burning');
    // 7 slices left at 0.01 bad slices per minute: 700 min, inside the 1,440 min left -> projected.
    expect(exhaustionTimeslices({ ...base, badSlices: 3, burnRate: 1 }).inMs).toBeCloseTo(700 * MIN, 3);
    expect(exhaustionTimeslices({ ...base, windowEnd: T0 + 600 * MIN, badSlices: 3, burnRate: 1 }).state).toBe(
      'not-this-period'
    );
  });
});

describe('exhaustionBurndown (calendar/fixed, the burn-down): tau = (A - B) / badRate', () => {
  const t = Date.UTC(2026, 6, 10);
  const windowEnd = Date.UTC(2026, 9, 1);
  const HOUR_MS = 3_600_000;

  it('projects when the allowance left runs out at the current bad rate', () => {
    // 1,000 allowed, 400 used, 60 bad an hour: 10 hours.
    const e = exhaustionBurndown({ t, windowEnd, usedBad: 400, allowedBad: 1000, badRate: 60 / HOUR_MS });
    expect(e).toEqual({ state: 'projected', inMs: 10 * HOUR_MS, at: t + 10 * HOUR_MS });
  });

  it('is exhausted at or past the allowance, not burning without bad events, not this period past the end', () => {
    expect(exhaustionBurndown({ t, windowEnd, usedBad: 1000, allowedBad: 1000, badRate: 1 }).state).toBe('exhausted');
    expect(exhaustionBurndown({ t, windowEnd, usedBad: 10, allowedBad: 1000, badRate: 0 }).state).toBe('not-burning');
    expect(exhaustionBurndown({ t, windowEnd, usedBad: 10, allowedBad: 1000, badRate: null }).state).toBe(
      'not-burning'
    );
    // 990 left at 1 bad a day: long after the quarter ends.
    expect(exhaustionBurndown({ t, windowEnd, usedBad: 10, allowedBad: 1000, badRate: 1 / (24 * HOUR_MS) }).state).toBe(
      'not-this-period'
    );
  });
});
