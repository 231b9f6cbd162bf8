import fc from 'fast-check';

import type { CalendarWindow, ComparisonOp, Exclusion, NoDataPolicy, WindowSpec } from '../slo/types';
import {
  ratioSlices,
  SLICE_BAD,
  SLICE_GOOD,
  SLICE_NO_DATA,
  tallySlices,
  thresholdSlices,
  timeslicesBudgetAt,
  type Slices,
} from './timeslices';
import { fullWindowAt, periodStart, windowAt } from './windows';

const Z = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const G = SLICE_GOOD;
const B = SLICE_BAD;
const N = SLICE_NO_DATA;

function slices(firstEnd: number, step: number, verdict: number[]): Slices {
  return { firstEnd, step, verdict: Int8Array.from(verdict) };
}

const utcDay: CalendarWindow = { kind: 'calendar', unit: 'day', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };

describe('ratioSlices', () => {
  it('a slice is good when good/total >= sliceTarget; no events or no sample is no data', () => {
    const b = {
      firstEnd: 0,
      step: MIN,
      total: Float64Array.from([100, 100, 100, 0, NaN, 10, 3]),
      bad: Float64Array.from([1, 2, 0, 0, NaN, NaN, 0]),
    };
    // 99/100 = 0.99 >= 0.99 is good (the boundary counts as met); 98/100 is bad; missing bad samples mean no bad events.
    expect(Array.from(ratioSlices(b, 0.99).verdict)).toEqual([G, B, G, N, N, G, G]);
    expect(Array.from(ratioSlices(b, 0.995).verdict)).toEqual([B, B, G, N, N, G, G]);
  });
});

describe('thresholdSlices', () => {
  const values = Float64Array.from([1, 0, NaN, 3600, 3601, 0.85]);
  const verdicts = (op: ComparisonOp, v: number) => Array.from(thresholdSlices(0, MIN, values, op, v).verdict);
  it('applies each operator, NaN is no data', () => {
    expect(verdicts('==', 1)).toEqual([G, B, N, B, B, B]);
    expect(verdicts('!=', 1)).toEqual([B, G, N, G, G, G]);
    expect(verdicts('<=', 3600)).toEqual([G, G, N, G, B, G]);
    expect(verdicts('<', 3600)).toEqual([G, G, N, B, B, G]);
    expect(verdicts('>=', 0.85)).toEqual([G, B, N, G, G, G]);
    expect(verdicts('>', 0.85)).toEqual([G, B, N, G, G, B]);
  });
});

describe('tallySlices', () => {
  const s = slices(0, MIN, [G, B, N, N, G, B]);
  it('applies the no-data policy and counts observed slices', () => {
    expect(tallySlices(s, 0, 6, 'good')).toEqual({ good: 4, bad: 2, noData: 0, observed: 4 });
    expect(tallySlices(s, 0, 6, 'bad')).toEqual({ good: 2, bad: 4, noData: 0, observed: 4 });
    expect(tallySlices(s, 0, 6, 'ignore')).toEqual({ good: 2, bad: 2, noData: 2, observed: 4 });
  });
  it('skips excluded slices and clamps the index range', () => {
    expect(tallySlices(s, -5, 99, 'ignore', Uint8Array.from([0, 1, 0, 1, 0, 0]))).toEqual({
      good: 2,
      bad: 1,
      noData: 1,
      observed: 3,
    });
    expect(tallySlices(s, 2, 4, 'ignore')).toEqual({ good: 0, bad: 0, noData: 2, observed: 0 });
  });
});

describe('timeslicesBudgetAt by hand', () => {
  // One UTC day of hourly slices starting 2026-05-01; target 90% -> 2.4 bad slices allowed in the whole day.
  const day0 = Z('2026-05-01T00:00:00Z');
  const v = new Array(48).fill(G);
  v[1] = B; // ends 02:00
  v[5] = B; // ends 06:00
  v[6] = N; // ends 07:00
  v[20] = B; // ends 21:00
  const s = slices(day0 + HOUR, HOUR, v);

  it('allowed = (1 - target) x slices in the whole window: starts at 100% and only falls', () => {
    const at = (iso: string, noData: NoDataPolicy = 'good') => timeslicesBudgetAt(s, utcDay, Z(iso), 0.9, noData);
    expect(at('2026-05-01T00:00:00Z')).toMatchObject({
      remaining: 1,
      consumed: 0,
      slicesInWindow: 24,
      good: 0,
      bad: 0,
    });
    expect(at('2026-05-01T01:00:00Z')).toMatchObject({ remaining: 1, slicesInWindow: 24, good: 1, bad: 0, sli: 1 });
    expect(at('2026-05-01T02:00:00Z').remaining).toBeCloseTo(1 - 1 / 2.4, 12);
    expect(at('2026-05-01T12:00:00Z').remaining).toBeCloseTo(1 - 2 / 2.4, 12);
    expect(at('2026-05-01T12:00:00Z', 'bad').remaining).toBeCloseTo(1 - 3 / 2.4, 12);
    expect(at('2026-05-01T12:00:00Z', 'ignore')).toMatchObject({ good: 9, bad: 2, noData: 1 });
    // Overspent at the end of the day: not clamped.
    expect(at('2026-05-01T23:59:59Z').remaining).toBeCloseTo(1 - 3 / 2.4, 12);
    expect(at('2026-05-01T23:59:59Z').remaining).toBeLessThan(0);
    // The next day starts at 100% again.
    expect(at('2026-05-02T00:00:00Z').remaining).toBe(1);
    expect(at('2026-05-02T05:00:00Z').remaining).toBe(1);
  });

  it('exclusions remove slices from the tally and from the slices in the window', () => {
    // [01:30, 05:10) touches the slices ending 02:00 .. 06:00: five slices, two of them bad.
    const ex: Exclusion[] = [{ from: Z('2026-05-01T01:30:00Z'), to: Z('2026-05-01T05:10:00Z'), reason: 'maintenance' }];
    const f = timeslicesBudgetAt(s, utcDay, Z('2026-05-01T12:00:00Z'), 0.9, 'good', ex);
    expect(f.slicesInWindow).toBe(19);
    expect(f.bad).toBe(0);
    expect(f.good).toBe(7);
    expect(f.remaining).toBe(1);
    // Overlapping and repeated exclusions count each slice once; one outside the day changes nothing.
    const twice = [
      ...ex,
      { ...ex[0] },
      { from: Z('2026-05-01T04:00:00Z'), to: Z('2026-05-01T07:00:00Z'), reason: 'more' },
      { from: Z('2026-05-03T00:00:00Z'), to: Z('2026-05-04T00:00:00Z'), reason: 'later' },
    ];
    const g = timeslicesBudgetAt(s, utcDay, Z('2026-05-01T12:00:00Z'), 0.9, 'good', twice);
    expect(g.slicesInWindow).toBe(18);
    expect(g.good + g.bad).toBe(6);
  });

  it('all slices without data: no figures, never 100% (except the empty window at the period start)', () => {
    const empty = slices(day0 + HOUR, HOUR, new Array(48).fill(N));
    for (const noData of ['good', 'bad', 'ignore'] as NoDataPolicy[]) {
      const f = timeslicesBudgetAt(empty, utcDay, Z('2026-05-01T10:00:00Z'), 0.9, noData);
      expect(f.remaining).toBeNull();
      expect(f.sli).toBeNull();
      expect(timeslicesBudgetAt(empty, utcDay, Z('2026-05-02T00:00:00Z'), 0.9, noData).remaining).toBe(1);
    }
  });

  it('a 23-hour DST day has 23 slices of an hour; a 25-hour day has 25', () => {
    const berlinDay: CalendarWindow = { ...utcDay, timeZone: 'Europe/Berlin' };
    const spring = slices(Z('2026-03-28T23:00:00Z') + HOUR, HOUR, new Array(30).fill(G));
    expect(timeslicesBudgetAt(spring, berlinDay, Z('2026-03-29T10:00:00Z'), 0.99, 'good').slicesInWindow).toBe(23);
    const autumn = slices(Z('2026-10-24T22:00:00Z') + HOUR, HOUR, new Array(30).fill(G));
    expect(timeslicesBudgetAt(autumn, berlinDay, Z('2026-10-25T10:00:00Z'), 0.99, 'good').slicesInWindow).toBe(25);
  });

  it('rolling and fixed windows count their slices', () => {
    const rolling: WindowSpec = { kind: 'rolling', durationMs: 6 * HOUR };
    const f = timeslicesBudgetAt(s, rolling, Z('2026-05-01T07:00:00Z'), 0.5, 'bad');
    // Slices ending 02..07: B G G G B N -> 3 bad with noData bad; allowed 0.5 x 6 = 3.
    expect(f).toMatchObject({ slicesInWindow: 6, bad: 3, good: 3 });
    expect(f.remaining).toBeCloseTo(0, 12);
    const fixed: WindowSpec = { kind: 'fixed', from: Z('2026-05-01T04:00:00Z'), to: Z('2026-05-01T14:00:00Z') };
    const g = timeslicesBudgetAt(s, fixed, Z('2026-05-01T23:00:00Z'), 0.9, 'ignore');
    // Slices ending 05..14: one bad (06:00), one no data (07:00); allowed 0.1 x 10 = 1.
    expect(g).toMatchObject({ slicesInWindow: 10, bad: 1, good: 8, noData: 1 });
    expect(g.remaining).toBeCloseTo(0, 12);
  });
});

describe('timeslicesBudgetAt against brute force (fast-check)', () => {
  const zones: Record<string, number[]> = {
    UTC: [15 * MIN, HOUR],
    'Europe/Berlin': [5 * MIN, HOUR],
    'Asia/Kathmandu': [15 * MIN],
    'Australia/Lord_Howe': [30 * MIN],
  };
  const caseArb = fc
    .record({
      zone: fc.constantFrom(...Object.keys(zones)),
      unit: fc.constantFrom('day' as const, 'week' as const),
      stepPick: fc.nat(),
      startDay: fc.integer({ min: 0, max: 360 }),
      verdicts: fc.array(fc.constantFrom(G, G, G, B, N), { minLength: 1, maxLength: 800 }),
      target: fc.constantFrom(0.5, 0.9, 0.99, 0.999),
      noData: fc.constantFrom<NoDataPolicy>('good', 'bad', 'ignore'),
      rawEx: fc.array(
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true })),
        { maxLength: 3 }
      ),
      picks: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }),
    })
    .map((c) => {
      const step = zones[c.zone][c.stepPick % zones[c.zone].length];
      const window: CalendarWindow = {
        kind: 'calendar',
        unit: c.unit,
        timeZone: c.zone,
        startMonth: 1,
        weekStart: 'monday',
      };
      // Slices start at a period boundary: the whole period is on the grid.
      const origin = periodStart(Z('2026-01-01T00:00:00Z') + c.startDay * DAY, window);
      const s = slices(origin + step, step, c.verdicts);
      const span = c.verdicts.length * step;
      const exclusions = c.rawEx.map(([a, len]) => ({
        from: origin + Math.round(a * span),
        to: origin + Math.round(a * span) + Math.round(len * span),
        reason: 'x',
      }));
      const times = c.picks.map((p) => origin + Math.round((p * span) / step) * step);
      return { s, window, exclusions, times, target: c.target, noData: c.noData };
    });

  function brute(
    s: Slices,
    window: WindowSpec,
    t: number,
    target: number,
    noData: NoDataPolicy,
    exclusions: Exclusion[]
  ) {
    const excluded = (end: number) => exclusions.some((e) => e.to > e.from && end - s.step < e.to && end > e.from);
    const range = windowAt(t, window);
    const full = fullWindowAt(t, window);
    let inWindow = 0;
    for (let end = full.start + s.step; end <= full.end; end += s.step) {
      inWindow += excluded(end) ? 0 : 1;
    }
    let good = 0;
    let bad = 0;
    let observed = 0;
    for (let i = 0; i < s.verdict.length; i++) {
      const end = s.firstEnd + i * s.step;
      if (end <= range.start || end > range.end || excluded(end)) {
        continue;
      }
      const v = s.verdict[i];
      observed += v === N ? 0 : 1;
      if (v === G || (v === N && noData === 'good')) {
        good++;
      } else if (v === B || (v === N && noData === 'bad')) {
        bad++;
      }
    }
    const hasData = observed > 0 || range.start === range.end;
    return { inWindow, good, bad, remaining: hasData ? 1 - bad / ((1 - target) * inWindow) : null };
  }

  it('equals a brute-force count at random instants', () => {
    fc.assert(
      fc.property(caseArb, ({ s, window, exclusions, times, target, noData }) => {
        for (const t of times) {
          const f = timeslicesBudgetAt(s, window, t, target, noData, exclusions);
          const want = brute(s, window, t, target, noData, exclusions);
          expect(f.slicesInWindow).toBe(want.inWindow);
          expect(f.good).toBe(want.good);
          expect(f.bad).toBe(want.bad);
          if (want.remaining === null || want.inWindow === 0) {
            expect(f.remaining).toBeNull();
          } else {
            expect(f.remaining).toBeCloseTo(want.remaining, 9);
          }
        }
      }),
      { numRuns: 300 }
    );
  });

  it('within a period the remaining budget never rises', () => {
    fc.assert(
      fc.property(caseArb, ({ s, window, exclusions, target, noData }) => {
        let prev = Infinity;
        let period = -Infinity;
        for (let i = 0; i < s.verdict.length; i++) {
          const t = s.firstEnd + i * s.step;
          const f = timeslicesBudgetAt(s, window, t, target, noData, exclusions);
          const p = periodStart(t, window);
          if (p !== period) {
            period = p;
            prev = Infinity;
          }
          if (f.remaining !== null) {
            expect(f.remaining).toBeLessThanOrEqual(prev);
            prev = f.remaining;
          }
        }
      }),
      { numRuns: 60 }
    );
  });
});
