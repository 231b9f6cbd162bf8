import fc from 'fast-check';

import { buildScenario } from '../../tests/generator/scenario.ts';
import type { CalendarUnit, CalendarWindow, Exclusion, FixedWindow } from '../slo/types';
import { timeslicesBudget } from './budget';
import { burndownFigures, burndownSeries, idealBurndown, type BurndownSeries } from './burndown';
import { forecastEvents, hourOfWeek, type TrafficHistory } from './forecast';
import { budgetSeries, withResetPoints } from './series';
import type { Buckets } from './types';
import { nextPeriodStart, periodStart } from './windows';

const H = 3_600_000;
const DAY = 24 * H;
const WEEK = 7 * DAY;
const at = (iso: string) => Date.parse(iso);

const calendar = (unit: CalendarUnit, timeZone = 'UTC', startMonth = 1): CalendarWindow => ({
  kind: 'calendar',
  unit,
  timeZone,
  startMonth,
  weekStart: 'monday',
});

describe('burndownFigures', () => {
  it('is 1 - bad / ((1 - target) x (total + forecast))', () => {
    const f = burndownFigures({ bad: 250, total: 100_000 }, 900_000, 0.999);
    expect(f.allowedBad).toBeCloseTo(1000, 9);
    expect(f.remaining).toBeCloseTo(0.75, 12);
    expect(f.usedBad).toBe(250);
    expect(f.forecastTotal).toBe(900_000);
  });

  it('is exactly 1 at the period start, and the exact result when nothing is left to forecast', () => {
    expect(burndownFigures({ bad: 0, total: 0 }, 5e6, 0.995).remaining).toBe(1);
    expect(burndownFigures({ bad: 0, total: 0 }, 0, 0.995).remaining).toBe(1);
    expect(burndownFigures({ bad: 300, total: 100_000 }, 0, 0.995).remaining).toBeCloseTo(1 - 300 / 500, 12);
  });

  it('is no data without data, never 100%', () => {
    expect(burndownFigures({ bad: 0, total: 0 }, 1000, 0.99, false)).toEqual({
      remaining: null,
      allowedBad: null,
      usedBad: null,
      forecastTotal: null,
    });
    expect(burndownFigures({ bad: NaN, total: NaN }, 1000, 0.99).remaining).toBeNull();
  });

  it('goes below 0 when overspent', () => {
    expect(burndownFigures({ bad: 2000, total: 100_000 }, 100_000, 0.995).remaining).toBeCloseTo(-1, 12);
  });
});

describe('idealBurndown', () => {
  it('falls straight from 1 at the start to 0 at the end', () => {
    expect(idealBurndown(0, 0, 100)).toBe(1);
    expect(idealBurndown(25, 0, 100)).toBe(0.75);
    expect(idealBurndown(100, 0, 100)).toBe(0);
  });
});

describe('timeslices already burn down', () => {
  it('timeslicesBudget reads the same as the burn-down whose forecast is the slices still to come', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0.9, 0.99, 0.995, 0.999),
        (slicesInWindow, elapsedFraction, badFraction, target) => {
          const elapsed = Math.floor(slicesInWindow * elapsedFraction);
          const bad = Math.floor(elapsed * badFraction);
          const slices = timeslicesBudget(elapsed - bad, bad, slicesInWindow, target);
          const burn = burndownFigures({ bad, total: elapsed }, slicesInWindow - elapsed, target);
          expect(Math.abs(burn.remaining! - slices.remaining!)).toBeLessThanOrEqual(1e-12 * Math.max(1, bad));
        }
      )
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Generated traffic: hourly totals from a weekly profile on the zone's wall clock, times optional noise, over whole
// periods with 4 weeks of history before them; the buckets (1 h or 30 min) split each hour evenly.

interface Case {
  buckets: Buckets;
  history: TrafficHistory;
  window: CalendarWindow | FixedWindow;
  timeZone: string;
  target: number;
  exclusions: Exclusion[];
}

function makeCase(opts: {
  window: CalendarWindow | FixedWindow;
  timeZone: string;
  from: number;
  to: number;
  profile: number[];
  noise: number[];
  badAt: Array<[number, number]>;
  halfHours: boolean;
  exclusionHours: number[];
  target: number;
}): Case {
  const histStart = opts.from - 4 * WEEK;
  const hours = Math.round((opts.to - histStart) / H);
  const total = new Float64Array(hours);
  for (let i = 0; i < hours; i++) {
    const slot = hourOfWeek(histStart + i * H, opts.timeZone);
    total[i] = Math.round(opts.profile[slot] * (opts.noise.length ? opts.noise[i % opts.noise.length] : 1));
  }
  const history: TrafficHistory = { firstEnd: histStart + H, step: H, total };
  const per = opts.halfHours ? 2 : 1;
  const step = H / per;
  const first = Math.round((opts.from - histStart) / H);
  const n = (hours - first) * per;
  const bt = new Float64Array(n);
  const bb = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    bt[k] = total[first + Math.floor(k / per)] / per;
  }
  for (const [pos, frac] of opts.badAt) {
    const k = pos % n;
    bb[k] = Math.floor(bt[k] * frac);
  }
  const exclusions = opts.exclusionHours.map((h) => {
    const from = opts.from + (h % Math.max(1, hours - first)) * H;
    return { from, to: from + H, reason: 'maintenance' };
  });
  return {
    buckets: { firstEnd: opts.from + step, step, total: bt, bad: bb },
    history,
    window: opts.window,
    timeZone: opts.timeZone,
    target: opts.target,
    exclusions,
  };
}

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Asuncion', 'Asia/Tokyo'];

const caseArb = (noisy: boolean) =>
  fc
    .record({
      kind: fc.constantFrom<'day' | 'week' | 'month' | 'quarter' | 'fixed'>('day', 'week', 'month', 'quarter', 'fixed'),
      timeZone: fc.constantFrom(...ZONES),
      // Start dates spread over a year, so DST switches fall inside some periods.
      startDay: fc.integer({ min: 0, max: 364 }),
      periods: fc.integer({ min: 1, max: 2 }),
      profile: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 168, maxLength: 168 }),
      noise: noisy
        ? fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 500 })
        : fc.constant([] as number[]),
      badAt: fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 0.2, noNaN: true })), { maxLength: 20 }),
      halfHours: fc.boolean(),
      exclusionHours: fc.array(fc.nat(), { maxLength: 2 }),
      target: fc.constantFrom(0.99, 0.995, 0.999),
    })
    .map((r) => {
      const probe = at('2026-01-01T00:00:00Z') + r.startDay * DAY;
      let window: CalendarWindow | FixedWindow;
      let from: number;
      let to: number;
      if (r.kind === 'fixed') {
        from = Math.floor(probe / H) * H;
        to = from + r.periods * 5 * DAY + 7 * H;
        window = { kind: 'fixed', from, to };
      } else {
        window = calendar(r.kind, r.timeZone);
        from = periodStart(probe, window);
        to = from;
        for (let p = 0; p < (r.kind === 'quarter' ? 1 : r.periods); p++) {
          to = nextPeriodStart(to, window);
        }
      }
      return makeCase({ ...r, window, from, to });
    });

/** The period's exact allowance at each point: allowedBad at the bucket that closes the point's period. */
function finalAllowance(s: BurndownSeries): Float64Array {
  const out = new Float64Array(s.time.length).fill(NaN);
  let end = s.time.length;
  for (let i = s.time.length - 1; i >= 0; i--) {
    if (s.forecastTotal[i] === 0 && s.ideal[i] === 0) {
      end = i;
    }
    out[i] = end < s.time.length ? s.allowedBad[end] : NaN;
  }
  return out;
}

function series(c: Case): BurndownSeries {
  return burndownSeries(c.buckets, c.window, c.target, c.history, { exclusions: c.exclusions, timeZone: c.timeZone });
}

describe('burndownSeries (property tests over generated traffic)', () => {
  it('is exactly 1 at every period start and after it until the first bad event', () => {
    fc.assert(
      fc.property(caseArb(true), (c) => {
        const s = series(c);
        const starts = c.window.kind === 'fixed' ? [c.window.from] : s.resets;
        expect(starts.length).toBeGreaterThan(0);
        // At a reset that is also a bucket end, the bucket closes the old period and the reset point follows it.
        const points = withResetPoints(s.time, s.remaining, s.resets);
        for (const r of s.resets) {
          expect(points.values[points.time.lastIndexOf(r)]).toBe(1);
        }
        // The burn-down at the start instant itself: nothing counted, the whole period forecast.
        for (const r of starts) {
          const end = c.window.kind === 'fixed' ? c.window.to : nextPeriodStart(r, c.window);
          const f = forecastEvents(c.history, r, end, { timeZone: c.timeZone, exclusions: c.exclusions });
          expect(burndownFigures({ bad: 0, total: 0 }, f.total, c.target).remaining).toBe(1);
        }
        for (let i = 0; i < s.time.length; i++) {
          if (s.usedBad[i] === 0) {
            expect(s.remaining[i]).toBe(1);
          }
        }
      }),
      { numRuns: 20 }
    );
  });

  it('equals the exact period result (budgetSeries) at every period end', () => {
    fc.assert(
      fc.property(caseArb(true), (c) => {
        const s = series(c);
        const exact = budgetSeries(c.buckets, c.window, c.target, c.exclusions);
        const ends = c.window.kind === 'fixed' ? [c.window.to] : [...s.resets.slice(1), s.time[s.time.length - 1]];
        let checked = 0;
        for (const end of ends) {
          const i = s.time.indexOf(end);
          if (i < 0) {
            continue;
          }
          checked++;
          expect(s.forecastTotal[i]).toBe(0);
          expect(s.ideal[i]).toBe(0);
          if (Number.isNaN(exact.remaining[i])) {
            expect(s.remaining[i]).toBeNaN();
          } else {
            expect(Math.abs(s.remaining[i] - exact.remaining[i])).toBeLessThanOrEqual(1e-9);
          }
        }
        expect(checked).toBeGreaterThan(0);
      }),
      { numRuns: 20 }
    );
  });

  it('never rises over a span without bad events by more than the forecast error at its two ends', () => {
    fc.assert(
      fc.property(caseArb(true), (c) => {
        const s = series(c);
        const allowance = finalAllowance(s);
        const error = (i: number) => Math.abs(s.remaining[i] - (1 - s.usedBad[i] / allowance[i]));
        for (let i = 0; i + 1 < s.time.length; i++) {
          const j = i + 1;
          if (s.usedBad[i] !== s.usedBad[j] || allowance[i] !== allowance[j] || !(allowance[i] > 0)) {
            continue;
          }
          expect(s.remaining[j] - s.remaining[i]).toBeLessThanOrEqual(error(i) + error(j) + 1e-12);
        }
      }),
      { numRuns: 20 }
    );
  });

  it('stays flat between bad events when traffic repeats weekly on the wall clock (the forecast is then exact), DST included', () => {
    fc.assert(
      fc.property(caseArb(false), (c) => {
        const s = series(c);
        const allowance = finalAllowance(s);
        for (let i = 0; i < s.time.length; i++) {
          if (!Number.isNaN(s.remaining[i]) && allowance[i] > 0) {
            expect(Math.abs(s.allowedBad[i] / allowance[i] - 1)).toBeLessThanOrEqual(1e-9);
          }
        }
      }),
      { numRuns: 20 }
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// The forecast's error on the generator's traffic (tests/generator: per-minute truth, no server).

describe("the forecast's error on the generator's traffic", () => {
  const scenario = buildScenario();
  const truth = scenario.truth;
  // Hourly totals and bad events from the per-minute truth (minute buckets end at startMs + (i + 1) min).
  const hours = Math.floor(truth.length / 60);
  const hourTotal = new Float64Array(hours);
  const hourBad = new Float64Array(hours);
  for (let m = 0; m < hours * 60; m++) {
    hourTotal[Math.floor(m / 60)] += truth.total[m];
    hourBad[Math.floor(m / 60)] += truth.bad[m];
  }
  expect(truth.firstBucketEndMs).toBe(scenario.startMs + 60_000);
  const history: TrafficHistory = { firstEnd: scenario.startMs + H, step: H, total: hourTotal };

  /** Buckets of the whole scenario at 1 h; `bad` may be replaced (incidents only). */
  const bucketsWith = (bad: Float64Array): Buckets => ({ firstEnd: history.firstEnd, step: H, total: hourTotal, bad });

  const CASES: Array<{ name: string; window: CalendarWindow | FixedWindow; from: number; to: number }> = [
    {
      name: 'quarter Q3 (UTC)',
      window: calendar('quarter'),
      from: at('2026-07-01T00:00:00Z'),
      to: at('2026-10-01T00:00:00Z'),
    },
    {
      name: 'month June (1 week of history at its start)',
      window: calendar('month'),
      from: at('2026-06-01T00:00:00Z'),
      to: at('2026-07-01T00:00:00Z'),
    },
    { name: 'month July', window: calendar('month'), from: at('2026-07-01T00:00:00Z'), to: at('2026-08-01T00:00:00Z') },
    {
      name: 'month August',
      window: calendar('month'),
      from: at('2026-08-01T00:00:00Z'),
      to: at('2026-09-01T00:00:00Z'),
    },
    {
      name: 'month September',
      window: calendar('month'),
      from: at('2026-09-01T00:00:00Z'),
      to: at('2026-10-01T00:00:00Z'),
    },
    {
      name: 'fixed 2026-08-10..17',
      window: { kind: 'fixed', from: at('2026-08-10T00:00:00Z'), to: at('2026-08-17T00:00:00Z') },
      from: at('2026-08-10T00:00:00Z'),
      to: at('2026-08-17T00:00:00Z'),
    },
  ];

  /** Worst |F/true rest - 1| (over points with at least a day left), worst burn-down error in pp, and the worst rise. */
  function measure(c: (typeof CASES)[number], bad: Float64Array) {
    const s = burndownSeries(bucketsWith(bad), c.window, 0.995, history);
    const exact = budgetSeries(bucketsWith(bad), c.window, 0.995);
    let worstRel = 0;
    let worstPp = 0;
    let worstRise = 0;
    let riseBound = 0;
    let worstEndedNow = { lo: Infinity, hi: -Infinity };
    const fin = s.time.indexOf(c.to);
    const allowance = s.allowedBad[fin];
    const error = (i: number) => Math.abs(s.remaining[i] - (1 - s.usedBad[i] / allowance));
    for (let i = s.time.indexOf(c.from + H); i <= fin; i++) {
      const t = s.time[i];
      const restTrue = scenario.truthCounts(t, c.to).total;
      if (c.to - t >= DAY) {
        worstRel = Math.max(worstRel, Math.abs(s.forecastTotal[i] / restTrue - 1));
      }
      worstPp = Math.max(worstPp, 100 * error(i));
      worstEndedNow = {
        lo: Math.min(worstEndedNow.lo, exact.remaining[i]),
        hi: Math.max(worstEndedNow.hi, exact.remaining[i]),
      };
      if (i > 0 && s.usedBad[i] === s.usedBad[i - 1] && s.time[i - 1] > c.from) {
        const rise = s.remaining[i] - s.remaining[i - 1];
        if (rise > worstRise) {
          worstRise = rise;
          riseBound = error(i) + error(i - 1);
        }
        expect(rise).toBeLessThanOrEqual(error(i) + error(i - 1) + 1e-12);
      }
    }
    return { s, fin, worstRel, worstPp, worstRise, riseBound, worstEndedNow, exactEnd: exact.remaining[fin] };
  }

  it('ends every period at the exact result and stays within 0.5 pp of the burn-down with a perfect forecast', () => {
    const lines: string[] = [];
    for (const c of CASES) {
      const m = measure(c, hourBad);
      expect(m.s.remaining[m.fin]).toBeCloseTo(m.exactEnd, 12);
      expect(m.worstPp).toBeLessThan(0.5);
      lines.push(
        `  ${c.name.padEnd(46)} forecast error max ${(100 * m.worstRel).toFixed(
          2
        )}% of the rest; burn-down error max ` +
          `${m.worstPp.toFixed(3)} pp; final ${(100 * m.s.remaining[m.fin]).toFixed(3)}%; ` +
          `"if it ended now" ranged ${(100 * m.worstEndedNow.lo).toFixed(1)}%..${(100 * m.worstEndedNow.hi).toFixed(
            1
          )}%`
      );
    }
    console.log(
      `Burn-down vs perfect-forecast burn-down on the generator's traffic (hourly points):\n${lines.join('\n')}`
    );
  });

  it('rises between bad events by no more than the forecast error (bad events of the incidents only)', () => {
    // Background errors happen every minute; keep only the incidents' bad events so that bad-free spans exist.
    const incidentBad = new Float64Array(hours);
    for (let i = 0; i < hours; i++) {
      const end = history.firstEnd + i * H;
      const inIncident = scenario.incidents.some((x) => x.kind === 'errors' && end > x.fromMs && end - H < x.toMs);
      incidentBad[i] = inIncident ? hourBad[i] : 0;
    }
    const lines: string[] = [];
    for (const c of CASES) {
      const m = measure(c, incidentBad);
      lines.push(
        `  ${c.name.padEnd(46)} worst rise over a bad-free hour ${(100 * m.worstRise).toFixed(4)} pp ` +
          `(forecast error at its ends ${(100 * m.riseBound).toFixed(4)} pp)`
      );
    }
    console.log(`Burn-down rises without bad events (incident errors only):\n${lines.join('\n')}`);
  });
});
