import fc from 'fast-check';

import type { CalendarUnit, Exclusion, Weekday, WindowSpec } from '../slo/types';
import { budgetAt } from './figures';
import { prefixSums } from './prefix';
import { budgetSeries, burnRateSeries, windowStartIndices, withResetPoints } from './series';
import type { Buckets } from './types';
import { periodBoundaries, periodStart } from './windows';

const Z = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;

function buckets(firstEnd: number, step: number, total: number[], bad: number[]): Buckets {
  return { firstEnd, step, total: Float64Array.from(total), bad: Float64Array.from(bad) };
}

// ---------------------------------------------------------------------------------------------------------------------
// Brute force: for each bucket, loop over all buckets, keep those whose end lies in the window and that no exclusion
// touches, and sum. Written from docs/semantics.md sections 3-4 without the engine's index arithmetic or prefix sums.

function isExcluded(end: number, step: number, exclusions: readonly Exclusion[]): boolean {
  // Bucket (end - step, end] intersects [from, to) by a positive length (an empty interval touches nothing).
  return exclusions.some((e) => e.to > e.from && end - step < e.to && end > e.from);
}

interface Sums {
  bad: number;
  total: number;
  known: boolean;
}

function sumWindow(b: Buckets, start: number, end: number, exclusions: readonly Exclusion[]): Sums {
  const s: Sums = { bad: 0, total: 0, known: false };
  for (let j = 0; j < b.total.length; j++) {
    const tj = b.firstEnd + j * b.step;
    if (!(tj > start && tj <= end)) {
      continue;
    }
    if (Number.isNaN(b.total[j])) {
      continue;
    }
    // a sample makes the window known, excluded or not; only non-excluded events count
    s.known = true;
    if (isExcluded(tj, b.step, exclusions)) {
      continue;
    }
    s.total += b.total[j];
    s.bad += Number.isNaN(b.bad[j]) ? 0 : b.bad[j];
  }
  return s;
}

interface Row {
  remaining: number;
  sli: number;
  bad: number;
  allowedBad: number;
}

const NAN_ROW: Row = { remaining: NaN, sli: NaN, bad: NaN, allowedBad: NaN };

function rowFrom(s: Sums, target: number): Row {
  if (!s.known) {
    return NAN_ROW;
  }
  const e = 1 - target;
  return {
    bad: s.bad,
    allowedBad: e * s.total,
    sli: s.total > 0 ? 1 - s.bad / s.total : NaN,
    remaining: s.total > 0 ? 1 - s.bad / s.total / e : 1,
  };
}

/** The window of the series point at bucket i: the bucket's own period for calendar windows (it closes the old one). */
function seriesWindow(t: number, step: number, w: WindowSpec): { start: number; end: number } | null {
  switch (w.kind) {
    case 'rolling':
      return { start: t - w.durationMs, end: t };
    case 'calendar':
      return { start: periodStart(t - 1, w), end: t };
    case 'fixed':
      return t <= w.from ? null : { start: w.from, end: Math.min(t, w.to) };
  }
}

function bruteSeries(b: Buckets, w: WindowSpec, target: number, exclusions: readonly Exclusion[]): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < b.total.length; i++) {
    const win = seriesWindow(b.firstEnd + i * b.step, b.step, w);
    rows.push(win ? rowFrom(sumWindow(b, win.start, win.end, exclusions), target) : NAN_ROW);
  }
  return rows;
}

function bruteBurnRates(b: Buckets, lookbackMs: number, target: number, exclusions: readonly Exclusion[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.total.length; i++) {
    const t = b.firstEnd + i * b.step;
    const s = sumWindow(b, t - lookbackMs, t, exclusions);
    out.push(s.total > 0 ? s.bad / s.total / (1 - target) : NaN);
  }
  return out;
}

function close(a: number, b: number, tol = 1e-9): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

function expectClose(got: ArrayLike<number>, want: number[], what: string, tol = 1e-9) {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!close(got[i], want[i], tol)) {
      throw new Error(`${what}[${i}]: got ${got[i]}, want ${want[i]}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Arbitraries

/** Zones and the steps that tile their period boundaries (whole hours, half hours, quarter hours). */
const ZONE_STEPS: Record<string, number[]> = {
  UTC: [15 * MIN, HOUR, 3 * HOUR],
  'Europe/Berlin': [5 * MIN, 15 * MIN, HOUR],
  'America/New_York': [15 * MIN, HOUR],
  'America/Santiago': [15 * MIN, HOUR],
  'Asia/Kolkata': [15 * MIN, 30 * MIN],
  'Asia/Kathmandu': [5 * MIN, 15 * MIN],
  'Australia/Lord_Howe': [15 * MIN, 30 * MIN],
};

/** A bucket value: no data, zero, an integer or a quarter (sums stay exact in float64). */
const bucketArb = fc
  .record({
    total: fc.oneof(
      { weight: 2, arbitrary: fc.constant(NaN) },
      { weight: 1, arbitrary: fc.constant(0) },
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 4000 }).map((x) => x / 4) }
    ),
    badShare: fc.oneof(
      { weight: 1, arbitrary: fc.constant(NaN) },
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }
    ),
  })
  .map(({ total, badShare }) => ({
    total,
    bad: Number.isNaN(badShare)
      ? NaN
      : Number.isNaN(total)
      ? badShare > 0.5
        ? NaN
        : 0
      : Math.floor(total * badShare * 4) / 4,
  }));

interface Case {
  b: Buckets;
  window: WindowSpec;
  target: number;
  exclusions: Exclusion[];
}

const targetArb = fc.constantFrom(0.5, 0.9, 0.99, 0.995, 0.999, 0.9999);

const calendarCaseBase = fc
  .record({
    zone: fc.constantFrom(...Object.keys(ZONE_STEPS)),
    unit: fc.constantFrom<CalendarUnit>('day', 'week', 'month'),
    weekStart: fc.constantFrom<Weekday>('monday', 'sunday', 'wednesday'),
    stepIndex: fc.nat(),
  })
  .map(({ zone, unit, weekStart, stepIndex }) => {
    const steps = ZONE_STEPS[zone];
    const window: WindowSpec = { kind: 'calendar', unit, timeZone: zone, startMonth: 1, weekStart };
    return { window, step: steps[stepIndex % steps.length] };
  });

const rollingCaseBase = fc
  .record({
    step: fc.constantFrom(MIN, 5 * MIN, 15 * MIN, HOUR),
    k: fc.integer({ min: 1, max: 300 }),
    offCut: fc.constantFrom(0, 0, 0, 0.5, 0.01),
  })
  .map(({ step, k, offCut }) => ({
    window: { kind: 'rolling', durationMs: Math.round((k + offCut) * step) } as WindowSpec,
    step,
  }));

/** firstEnd on the step grid, in 2026 (DST changes included). */
function caseArb(base: fc.Arbitrary<{ window: WindowSpec; step: number }>, maxBuckets: number): fc.Arbitrary<Case> {
  return base.chain(({ window, step }) =>
    fc
      .record({
        startSlot: fc.integer({ min: Z('2026-01-01T00:00:00Z') / step, max: Z('2026-12-01T00:00:00Z') / step }),
        values: fc.array(bucketArb, { minLength: 1, maxLength: maxBuckets }),
        target: targetArb,
        rawExclusions: fc.array(
          fc.tuple(fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true })),
          { maxLength: 3 }
        ),
        alignExclusions: fc.boolean(),
      })
      .map(({ startSlot, values, target, rawExclusions, alignExclusions }) => {
        const firstEnd = startSlot * step;
        const n = values.length;
        const span = n * step;
        const at = (x: number) => {
          const t = firstEnd - step + Math.round(x * span);
          return alignExclusions ? Math.round(t / step) * step : t;
        };
        const exclusions = rawExclusions.map(([from, len]) => ({
          from: at(from),
          to: at(from) + Math.round(len * span),
          reason: 'test',
        }));
        return {
          b: buckets(
            firstEnd,
            step,
            values.map((v) => v.total),
            values.map((v) => v.bad)
          ),
          window,
          target,
          exclusions,
        };
      })
  );
}

const fixedCaseBase = fc
  .constantFrom(MIN, 15 * MIN, HOUR)
  .map((step) => ({ window: { kind: 'rolling', durationMs: step } as WindowSpec, step }));

function fixedArb(maxBuckets: number): fc.Arbitrary<Case> {
  return caseArb(fixedCaseBase, maxBuckets).chain((c) =>
    fc
      .record({
        from: fc.double({ min: -0.2, max: 1.1, noNaN: true }),
        len: fc.double({ min: 0, max: 1.2, noNaN: true }),
      })
      .map(({ from, len }) => {
        const span = c.b.total.length * c.b.step;
        const f = c.b.firstEnd - c.b.step + Math.round(from * span);
        return { ...c, window: { kind: 'fixed', from: f, to: f + Math.round(len * span) } as WindowSpec };
      })
  );
}

const anyCaseArb = fc.oneof(caseArb(calendarCaseBase, 700), caseArb(rollingCaseBase, 500), fixedArb(400));

// ---------------------------------------------------------------------------------------------------------------------

describe('budgetSeries by hand', () => {
  it('a calendar day in UTC with 6 h buckets: sawtooth, the bucket on the boundary closes the old day', () => {
    const day: WindowSpec = { kind: 'calendar', unit: 'day', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };
    // Buckets end at 06, 12, 18, 24(=00 next day), 06, 12.
    const b = buckets(Z('2026-05-01T06:00:00Z'), 6 * HOUR, [100, 100, 100, 100, 200, 0], [0, 1, 0, 1, 2, 0]);
    const s = budgetSeries(b, day, 0.99);
    expect(Array.from(s.bad)).toEqual([0, 1, 1, 2, 2, 2]);
    expect(Array.from(s.allowedBad).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([1, 2, 3, 4, 2, 2]);
    // remaining = 1 - (bad/total)/0.01
    const want = [
      1,
      1 - 1 / 200 / 0.01,
      1 - 1 / 300 / 0.01,
      1 - 2 / 400 / 0.01,
      1 - 2 / 200 / 0.01,
      1 - 2 / 200 / 0.01,
    ];
    expectClose(s.remaining, want, 'remaining');
    expect(s.remaining[3]).toBeCloseTo(0.5, 12);
    expect(s.remaining[4]).toBeCloseTo(0, 12);
    expect(s.resets).toEqual([Z('2026-05-01T00:00:00Z'), Z('2026-05-02T00:00:00Z')]);
  });

  it('no data is NaN, zero traffic with data is 100%, and overspending is not clamped', () => {
    const day: WindowSpec = { kind: 'calendar', unit: 'day', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };
    const b = buckets(Z('2026-05-01T06:00:00Z'), 6 * HOUR, [NaN, 0, 10, NaN], [NaN, 0, 5, NaN]);
    const s = budgetSeries(b, day, 0.9);
    expect(s.remaining[0]).toBeNaN();
    expect(s.sli[0]).toBeNaN();
    expect(s.remaining[1]).toBe(1);
    expect(s.sli[1]).toBeNaN();
    expect(s.remaining[2]).toBeCloseTo(1 - 0.5 / 0.1, 12);
    expect(s.remaining[3]).toBeCloseTo(-4, 12);
  });

  it('a rolling window uses the buckets it can see at the start of the range, like budgetAt', () => {
    const w: WindowSpec = { kind: 'rolling', durationMs: 3 * HOUR };
    const b = buckets(Z('2026-05-01T01:00:00Z'), HOUR, [100, 100, 100, 100], [1, 0, 0, 2]);
    const s = budgetSeries(b, w, 0.99);
    expectClose(s.bad, [1, 1, 1, 2], 'bad');
    expectClose(s.remaining, [0, 1 - 1 / 200 / 0.01, 1 - 1 / 300 / 0.01, 1 - 2 / 300 / 0.01], 'remaining');
    for (let i = 0; i < 4; i++) {
      expect(budgetAt(b, w, s.time[i], 0.99).remaining).toBeCloseTo(s.remaining[i], 12);
    }
  });

  it('a fixed window is NaN before it opens and frozen after it closes', () => {
    const w: WindowSpec = { kind: 'fixed', from: Z('2026-05-01T02:00:00Z'), to: Z('2026-05-01T04:00:00Z') };
    // Buckets end at 01, 02, ..., 06; the window holds those ending at 03 and 04.
    const b = buckets(Z('2026-05-01T01:00:00Z'), HOUR, [100, 100, 100, 100, 100, 100], [5, 5, 1, 0, 9, 9]);
    const s = budgetSeries(b, w, 0.99);
    expect(s.remaining[0]).toBeNaN();
    expect(s.remaining[1]).toBeNaN();
    expectClose(Array.from(s.bad).slice(2), [1, 1, 1, 1], 'bad');
    expect(s.remaining[5]).toBeCloseTo(1 - 1 / 200 / 0.01, 12);
    expect(s.resets).toEqual([w.from]);
  });

  it('excluded buckets are removed from bad and total and flagged', () => {
    const w: WindowSpec = { kind: 'rolling', durationMs: 4 * HOUR };
    const b = buckets(Z('2026-05-01T01:00:00Z'), HOUR, [100, 100, 100, 100], [0, 50, 0, 0]);
    // Touches only the bucket (01:00, 02:00].
    const ex: Exclusion[] = [{ from: Z('2026-05-01T01:30:00Z'), to: Z('2026-05-01T01:45:00Z'), reason: 'maintenance' }];
    const s = budgetSeries(b, w, 0.99, ex);
    expect(Array.from(s.excluded)).toEqual([0, 1, 0, 0]);
    expectClose(s.bad, [0, 0, 0, 0], 'bad');
    expectClose(s.allowedBad, [1, 1, 2, 3], 'allowedBad');
    expect(Array.from(s.remaining)).toEqual([1, 1, 1, 1]);
  });

  it('an exclusion that only touches a bucket edge removes nothing', () => {
    const w: WindowSpec = { kind: 'rolling', durationMs: 4 * HOUR };
    const b = buckets(Z('2026-05-01T01:00:00Z'), HOUR, [100, 100], [0, 50]);
    const ex: Exclusion[] = [
      { from: Z('2026-05-01T00:00:00Z'), to: Z('2026-05-01T01:00:00Z'), reason: 'ends where bucket 1 starts' },
    ];
    // [00:00, 01:00) overlaps bucket (00:00, 01:00] but not (01:00, 02:00].
    expect(Array.from(budgetSeries(b, w, 0.99, ex).excluded)).toEqual([1, 0]);
  });
});

describe('withResetPoints', () => {
  it('inserts a 100% point at each reset, after the old period closes', () => {
    const r = withResetPoints([10, 20, 30], [0.5, 0.2, 0.9], [0, 20, 25]);
    expect(r.time).toEqual([0, 10, 20, 20, 25, 30]);
    expect(r.values).toEqual([1, 0.5, 0.2, 1, 1, 0.9]);
  });
});

describe('budgetSeries against brute force (fast-check)', () => {
  it('equals a brute-force recomputation at every bucket (calendar, rolling, fixed; NaN, zeros, exclusions)', () => {
    fc.assert(
      fc.property(anyCaseArb, ({ b, window, target, exclusions }) => {
        const s = budgetSeries(b, window, target, exclusions);
        const want = bruteSeries(b, window, target, exclusions);
        expectClose(
          s.remaining,
          want.map((r) => r.remaining),
          'remaining'
        );
        expectClose(
          s.sli,
          want.map((r) => r.sli),
          'sli'
        );
        expectClose(
          s.bad,
          want.map((r) => r.bad),
          'bad'
        );
        expectClose(
          s.allowedBad,
          want.map((r) => r.allowedBad),
          'allowedBad'
        );
        for (let i = 0; i < b.total.length; i++) {
          expect(s.time[i]).toBe(b.firstEnd + i * b.step);
          expect(s.excluded[i]).toBe(isExcluded(s.time[i], b.step, exclusions) ? 1 : 0);
        }
        const last = b.firstEnd + (b.total.length - 1) * b.step;
        if (window.kind === 'calendar') {
          // Every boundary that some bucket's period starts at: [first bucket start, last bucket end).
          expect(s.resets).toEqual(periodBoundaries(b.firstEnd - b.step, last - 1, window));
        } else if (window.kind === 'fixed') {
          expect(s.resets).toEqual(window.from >= b.firstEnd - b.step && window.from <= last ? [window.from] : []);
        } else {
          expect(s.resets).toEqual([]);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('burnRateSeries equals brute force for any lookback (multiple of the step or not)', () => {
    fc.assert(
      fc.property(
        anyCaseArb,
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom(0, 0, 0.5),
        ({ b, target, exclusions }, k, off) => {
          const lookback = Math.round((k + off) * b.step);
          expectClose(
            burnRateSeries(b, lookback, target, exclusions),
            bruteBurnRates(b, lookback, target, exclusions),
            'burnRate'
          );
        }
      ),
      { numRuns: 300 }
    );
  });

  it('exclusions never add events: bad and allowed bad with exclusions <= without, elementwise', () => {
    fc.assert(
      fc.property(anyCaseArb, ({ b, window, target, exclusions }) => {
        const withEx = budgetSeries(b, window, target, exclusions);
        const without = budgetSeries(b, window, target, []);
        const z = (x: number) => (Number.isNaN(x) ? 0 : x);
        for (let i = 0; i < b.total.length; i++) {
          expect(z(withEx.bad[i])).toBeLessThanOrEqual(z(without.bad[i]));
          expect(z(withEx.allowedBad[i])).toBeLessThanOrEqual(z(without.allowedBad[i]));
        }
      }),
      { numRuns: 200 }
    );
  });

  it('with arbitrary fractional data the error stays within 1e-9 of the cumulative magnitude', () => {
    const fractional = fc.array(
      fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
      { minLength: 1, maxLength: 600 }
    );
    fc.assert(
      fc.property(caseArb(rollingCaseBase, 1), fractional, ({ window, target, b: b0 }, values) => {
        const b = buckets(
          b0.firstEnd,
          b0.step,
          values.map(([t]) => t),
          values.map(([t, share]) => t * share)
        );
        const s = budgetSeries(b, window, target);
        const want = bruteSeries(b, window, target, []);
        // Prefix sums subtract large running totals: the absolute error is bounded by the running total's magnitude.
        let running = 0;
        for (let i = 0; i < values.length; i++) {
          running += b.total[i];
          const scale = Math.max(1, running);
          expect(Math.abs(s.bad[i] - want[i].bad)).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs(s.allowedBad[i] - want[i].allowedBad)).toBeLessThanOrEqual(1e-9 * scale);
        }
      }),
      { numRuns: 100 }
    );
  });
});

describe('budgetAt (figures at one instant) against the series and brute force', () => {
  it('at every bucket end, budgetAt equals brute force over windowAt(t) (the new period at a boundary)', () => {
    fc.assert(
      fc.property(anyCaseArb, ({ b, window, target, exclusions }) => {
        const prefix = prefixSums(b, exclusions);
        for (let i = 0; i < b.total.length; i++) {
          const t = b.firstEnd + i * b.step;
          const f = budgetAt(b, window, t, target, exclusions, prefix);
          const start =
            window.kind === 'rolling'
              ? t - window.durationMs
              : window.kind === 'calendar'
              ? periodStart(t, window)
              : window.from;
          const end = window.kind === 'fixed' ? Math.max(window.from, Math.min(t, window.to)) : t;
          expect(f.start).toBe(start);
          expect(f.end).toBe(end);
          const sums = sumWindow(b, start, end, exclusions);
          let known = sums.known;
          if (end === start) {
            // Empty window: 100% provided some data exists by t.
            known = sumWindow(b, -Infinity, t, exclusions).known;
          }
          const row = rowFrom({ ...sums, known }, target);
          if (Number.isNaN(row.remaining)) {
            expect(f.remaining).toBeNull();
            expect(f.consumed).toBeNull();
            expect(f.sli).toBeNull();
          } else {
            expect(close(f.remaining as number, row.remaining)).toBe(true);
            expect(close(f.consumed as number, 1 - row.remaining)).toBe(true);
            expect(f.sli === null ? NaN : f.sli).toEqual(row.sli);
            expect(close(f.bad, sums.bad)).toBe(true);
            expect(close(f.total, sums.total)).toBe(true);
          }
        }
      }),
      { numRuns: 150 }
    );
  });

  it('a calendar window is at exactly 100% at each period start (when data exists before), and no data otherwise', () => {
    fc.assert(
      fc.property(caseArb(calendarCaseBase, 700), ({ b, window, target, exclusions }) => {
        const last = b.firstEnd + (b.total.length - 1) * b.step;
        for (const boundary of periodBoundaries(
          b.firstEnd - b.step,
          last,
          window as Extract<WindowSpec, { kind: 'calendar' }>
        )) {
          const f = budgetAt(b, window, boundary, target, exclusions);
          expect(f.start).toBe(boundary);
          expect(f.end).toBe(boundary);
          if (sumWindow(b, -Infinity, boundary, exclusions).known) {
            expect(f).toMatchObject({ remaining: 1, consumed: 0, bad: 0, total: 0, sli: null });
          } else {
            expect(f.remaining).toBeNull();
          }
        }
      }),
      { numRuns: 200 }
    );
  });

  it('at the end of a period the series holds the period final result: the figures of the period as a fixed window', () => {
    fc.assert(
      fc.property(caseArb(calendarCaseBase, 700), ({ b, window, target, exclusions }) => {
        const s = budgetSeries(b, window, target, exclusions);
        for (const boundary of s.resets) {
          const i = Math.round((boundary - b.firstEnd) / b.step);
          if (i < 0 || i >= b.total.length) {
            continue;
          }
          // Bucket i ends on the boundary: it is the last bucket of the period that ends there.
          const period: WindowSpec = {
            kind: 'fixed',
            from: periodStart(boundary - 1, window as Extract<WindowSpec, { kind: 'calendar' }>),
            to: boundary,
          };
          const f = budgetAt(b, period, boundary, target, exclusions);
          const r = s.remaining[i];
          if (Number.isNaN(r)) {
            expect(f.remaining).toBeNull();
          } else {
            expect(f.remaining).toBe(r);
            expect(f.bad).toBe(s.bad[i]);
          }
        }
      }),
      { numRuns: 150 }
    );
  });

  it('a sub-range of buckets that still covers the window gives the same figures (what chunked fetching relies on)', () => {
    fc.assert(
      fc.property(
        anyCaseArb,
        fc.nat(),
        fc.nat({ max: 20 }),
        fc.nat({ max: 20 }),
        ({ b, window, target, exclusions }, pick, extraBefore, extraAfter) => {
          const n = b.total.length;
          const t = b.firstEnd + (pick % n) * b.step;
          const full = budgetAt(b, window, t, target, exclusions);
          if (full.end === full.start || full.start < b.firstEnd - b.step) {
            // Empty windows depend on data before them; windows that start before the data are not covered.
            return;
          }
          const lo = Math.max(0, Math.floor((full.start - b.firstEnd) / b.step) + 1 - extraBefore);
          const hi = Math.min(n, Math.floor((full.end - b.firstEnd) / b.step) + 1 + extraAfter);
          const sub: Buckets = {
            firstEnd: b.firstEnd + lo * b.step,
            step: b.step,
            bad: b.bad.slice(lo, hi),
            total: b.total.slice(lo, hi),
          };
          expect(budgetAt(sub, window, t, target, exclusions)).toEqual(full);
        }
      ),
      { numRuns: 500 }
    );
  });
});

describe('windowStartIndices', () => {
  it('covers exactly the buckets whose ends lie in the series window', () => {
    fc.assert(
      fc.property(anyCaseArb, ({ b, window }) => {
        const { start, end } = windowStartIndices(b, window);
        for (let i = 0; i < b.total.length; i++) {
          const t = b.firstEnd + i * b.step;
          const win = seriesWindow(t, b.step, window);
          if (!win) {
            expect(start[i]).toBe(-1);
            continue;
          }
          const inWindow = (j: number) => {
            const tj = b.firstEnd + j * b.step;
            return tj > win.start && tj <= win.end;
          };
          for (let j = 0; j < b.total.length; j++) {
            expect([inWindow(j), j]).toEqual([j >= start[i] && j <= end[i], j]);
          }
        }
      }),
      { numRuns: 100 }
    );
  });

  it('calls the time zone code once per period, not once per bucket', () => {
    const w: WindowSpec = {
      kind: 'calendar',
      unit: 'month',
      timeZone: 'Europe/Berlin',
      startMonth: 1,
      weekStart: 'monday',
    };
    const n = 92 * 24 * 60;
    const b: Buckets = {
      firstEnd: Z('2026-07-01T00:00:00Z'),
      step: MIN,
      bad: new Float64Array(n),
      total: new Float64Array(n),
    };
    const spy = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      const { resets } = windowStartIndices(b, w);
      expect(resets.length).toBe(3);
      expect(spy.mock.calls.length).toBeLessThan(200);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('day-long checks', () => {
  it('a 23-hour DST day in Berlin sums 23 hourly buckets', () => {
    const w: WindowSpec = {
      kind: 'calendar',
      unit: 'day',
      timeZone: 'Europe/Berlin',
      startMonth: 1,
      weekStart: 'monday',
    };
    const first = Z('2026-03-28T23:00:00Z') + HOUR;
    const n = 30;
    const b = buckets(first, HOUR, new Array(n).fill(1), new Array(n).fill(0));
    const s = budgetSeries(b, w, 0.99);
    // Last bucket of 29 March ends 2026-03-29T22:00Z = index 22; it holds 23 events.
    expect(s.allowedBad[22] / 0.01).toBeCloseTo(23, 9);
    expect(s.allowedBad[23] / 0.01).toBeCloseTo(1, 9);
    expect(s.resets).toEqual([Z('2026-03-28T23:00:00Z'), Z('2026-03-29T22:00:00Z')]);
  });
});
