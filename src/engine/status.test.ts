import type { PolicyLevel, WindowSpec } from '../slo/types';
import { budgetAsTime } from './budgetTime';
import { compositeExhaustion, groupMeanRemaining } from './composite';
import {
  compositeStatus,
  NO_DATA_DIAGNOSTIC,
  occurrencesStatus,
  statusLookbacks,
  timeslicesStatus,
  type SloStatus,
} from './status';
import { SLICE_BAD, SLICE_GOOD, SLICE_NO_DATA, timesliceBurnRate } from './timeslices';
import type { EventCounts } from './types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T = Date.UTC(2026, 7, 16); // 15 days into a 31-day month
const month: WindowSpec = { kind: 'calendar', unit: 'month', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };
const policy: PolicyLevel[] = [
  { name: 'notify', below: 0.5, actions: ['notify'] },
  { name: 'stop', below: 0, actions: ['stop'] },
];
const spec = { id: 's', objective: 0.99, window: month, policy };

/** Constant traffic of 10 events/s with `badShare` of them bad, in every lookback. */
const steady =
  (badShare: number) =>
  (ms: number): EventCounts => ({ total: (ms / 1000) * 10, bad: (ms / 1000) * 10 * badShare });

describe('occurrencesStatus', () => {
  it('gives SLI, remaining, consumed, burn rates, exhaustion, policy and budget as time from counts', () => {
    const s = occurrencesStatus({ spec, t: T, counts: { bad: 600, total: 100_000 }, countsOver: steady(0.02) });
    expect(s.sli).toBeCloseTo(0.994, 12);
    expect(s.consumed).toBeCloseTo(0.6, 12);
    expect(s.remaining).toBeCloseTo(0.4, 12);
    expect(s.good).toBe(99_400);
    expect(s.burnRates).toEqual({
      '1h': expect.any(Number),
      '6h': expect.any(Number),
      '1d': expect.any(Number),
      '3d': expect.any(Number),
    });
    expect(s.burnRates['1h']).toBeCloseTo(2, 12);
    expect(s.policy?.name).toBe('notify');
    expect(s.timeToExhaustion.state).toBe('projected');
    expect(s.window).toEqual({ start: Date.UTC(2026, 7, 1), end: T });
    expect(s.windowMs).toBe(31 * DAY);
    expect(s.budgetAsTime.allowanceMs).toBeCloseTo(0.01 * 31 * DAY, 6);
    expect(s.budgetAsTime.remainingMs).toBeCloseTo(0.4 * 0.01 * 31 * DAY, 6);
    expect(s.noData).toBe(false);
    expect(s.diagnostics).toEqual([]);
  });

  it('takes the policy level from the burn-down for calendar and fixed windows (the issue: 71% left but "notify")', () => {
    // "If the period ended now" 40% left (below notify's 50%); the burn-down 71% left of the forecast allowance.
    const burndown = { remaining: 0.71, allowedBad: 2069, usedBad: 600, forecastTotal: 106_900 };
    const s = occurrencesStatus({
      spec,
      t: T,
      counts: { bad: 600, total: 100_000 },
      countsOver: steady(0),
      burndown,
      policyFrom: 'burndown',
    });
    expect(s.remaining).toBeCloseTo(0.4, 12);
    expect(s.burndown?.remaining).toBe(0.71);
    expect(s.policy).toBeNull();
    // Below 50% of the burn-down: notify; below 0: stop.
    const low = { ...burndown, remaining: 0.3 };
    expect(
      occurrencesStatus({
        spec,
        t: T,
        counts: { bad: 600, total: 100_000 },
        countsOver: steady(0),
        burndown: low,
        policyFrom: 'burndown',
      }).policy?.name
    ).toBe('notify');
    const spent = { ...burndown, remaining: -0.1 };
    expect(
      occurrencesStatus({
        spec,
        t: T,
        counts: { bad: 600, total: 100_000 },
        countsOver: steady(0),
        burndown: spent,
        policyFrom: 'burndown',
      }).policy?.name
    ).toBe('stop');
    // A burn-down without a figure (no forecast) falls back to "if the period ended now".
    const none = { remaining: null, allowedBad: null, usedBad: null, forecastTotal: null };
    expect(
      occurrencesStatus({
        spec,
        t: T,
        counts: { bad: 600, total: 100_000 },
        countsOver: steady(0),
        burndown: none,
        policyFrom: 'burndown',
      }).policy?.name
    ).toBe('notify');
    // By default the level follows the burn-down too; with policyFrom 'remaining' (a view that shows "if the period
    // ended now") it follows that figure.
    expect(
      occurrencesStatus({ spec, t: T, counts: { bad: 600, total: 100_000 }, countsOver: steady(0), burndown }).policy
    ).toBeNull();
    expect(
      occurrencesStatus({
        spec,
        t: T,
        counts: { bad: 600, total: 100_000 },
        countsOver: steady(0),
        burndown,
        policyFrom: 'remaining',
      }).policy?.name
    ).toBe('notify');
    // Burn-rate conditions still apply.
    const fast = { ...spec, policy: [{ name: 'fast', burnRate: { above: 10, windowMs: HOUR }, actions: [] }] };
    expect(
      occurrencesStatus({
        spec: fast,
        t: T,
        counts: { bad: 600, total: 100_000 },
        countsOver: steady(0.2),
        burndown,
        policyFrom: 'burndown',
      }).policy?.name
    ).toBe('fast');
  });

  it('is no data, never 100%, without counts, and says so in a diagnostic', () => {
    const s = occurrencesStatus({ spec, t: T, counts: null, countsOver: () => null });
    expect(s.remaining).toBeNull();
    expect(s.sli).toBeNull();
    expect(s.good).toBeNull();
    expect(s.noData).toBe(true);
    expect(s.timeToExhaustion.state).toBe('unknown');
    expect(s.policy).toBeNull();
    expect(s.budgetAsTime.remainingMs).toBeNull();
    expect(s.diagnostics).toEqual([NO_DATA_DIAGNOSTIC]);
    expect(s.alerts.every((a) => !a.firing)).toBe(true);
  });

  it('is exactly 100% at a period start when the counters exist', () => {
    const s = occurrencesStatus({ spec, t: Date.UTC(2026, 7, 1), counts: { bad: 0, total: 0 }, countsOver: steady(0) });
    expect(s.remaining).toBe(1);
    expect(s.sli).toBeNull();
    expect(s.noData).toBe(false);
  });

  it('fires an alert tier when both of its windows burn above the scaled factor', () => {
    const s = occurrencesStatus({ spec, t: T, counts: { bad: 10, total: 100_000 }, countsOver: steady(0.5) });
    expect(s.alerts.filter((a) => a.firing).map((a) => a.tier.severity)).toContain('page');
  });

  it('rolling windows below burn rate 1 never run out', () => {
    const rolling = { ...spec, window: { kind: 'rolling', durationMs: 28 * DAY } as WindowSpec };
    const s = occurrencesStatus({
      spec: rolling,
      t: T,
      counts: { bad: 100, total: 100_000 },
      countsOver: steady(0.005),
    });
    expect(s.timeToExhaustion.state).toBe('never');
  });

  it('takes policy burn-rate windows into its lookbacks', () => {
    const withBurn = { ...spec, policy: [{ name: 'fast', burnRate: { above: 10, windowMs: 7 * MIN }, actions: [] }] };
    expect(statusLookbacks(withBurn, T)).toContain(7 * MIN);
    expect(statusLookbacks(spec, T)).toEqual([5 * MIN, 30 * MIN, HOUR, 2 * HOUR, 6 * HOUR, DAY, 3 * DAY]);
  });
});

describe('timeslicesStatus', () => {
  it('counts slices and burns by the bad share of counted slices in the lookback', () => {
    const step = 5 * MIN;
    const from = Date.UTC(2026, 7, 1);
    const n = (T - from) / step;
    const verdict = new Int8Array(n).fill(SLICE_GOOD);
    verdict.fill(SLICE_BAD, n - 6); // the last 30 minutes are bad
    const slices = { firstEnd: from + step, step, verdict };
    const s = timeslicesStatus({
      spec: { ...spec, exclusions: [], timeslice: { lengthMs: step, target: 0.95, noData: 'ignore' } },
      t: T,
      slices,
    });
    const inMonth = (31 * DAY) / step;
    expect(s.bad).toBe(6);
    expect(s.total).toBe(n);
    expect(s.remaining).toBeCloseTo(1 - 6 / (0.01 * inMonth), 12);
    expect(s.burnRates['1h']).toBeCloseTo(0.5 / 0.01, 12);
    expect(timesliceBurnRate(slices, T, HOUR, 0.99, 'ignore')).toBeCloseTo(50, 12);
  });

  it('has no burn rate over slices without data', () => {
    const slices = { firstEnd: T - 11 * 5 * MIN, step: 5 * MIN, verdict: new Int8Array(12).fill(SLICE_NO_DATA) };
    expect(timesliceBurnRate(slices, T, HOUR, 0.99, 'bad')).toBeNull();
  });
});

describe('compositeStatus', () => {
  const part = (remaining: number | null): SloStatus =>
    occurrencesStatus({
      spec,
      t: T,
      counts: remaining === null ? null : { bad: (1 - remaining) * 0.01 * 1000, total: 1000 },
      countsOver: () => null,
    });

  it('weights components, a grouped one counting as the mean of its groups', () => {
    const s = compositeStatus({
      spec,
      t: T,
      parts: [
        { id: 'a', weight: 3, statuses: [part(0.8)] },
        { id: 'b', weight: 1, statuses: [part(0.2), part(0.6), part(null)] },
      ],
    });
    expect(s.remaining).toBeCloseTo((3 * 0.8 + 0.4) / 4, 12);
    expect(s.partial).toBe(false);
    expect(s.diagnostics).toEqual([]);
  });

  it('says which components have no data', () => {
    const s = compositeStatus({
      spec,
      t: T,
      parts: [
        { id: 'a', weight: 1, statuses: [part(0.5)] },
        { id: 'b', weight: 1, statuses: [part(null)] },
      ],
    });
    expect(s.remaining).toBeCloseTo(0.5, 12);
    expect(s.partial).toBe(true);
    expect(s.diagnostics).toEqual([
      { kind: 'partial', message: 'no data for component b: the figure averages the others' },
    ]);
  });

  it('is no data when no component has data', () => {
    const s = compositeStatus({ spec, t: T, parts: [{ id: 'a', weight: 1, statuses: [part(null)] }] });
    expect(s.remaining).toBeNull();
    expect(s.noData).toBe(true);
    expect(s.diagnostics.map((d) => d.kind)).toEqual(['no-data']);
  });
});

describe('moved formulas', () => {
  it('groupMeanRemaining leaves groups without data out', () => {
    expect(groupMeanRemaining([0.2, null, 0.6])).toBeCloseTo(0.4, 12);
    expect(groupMeanRemaining([null])).toBeNull();
  });

  it('compositeExhaustion: exhausted at or below 0, else not burning', () => {
    expect(compositeExhaustion(0).state).toBe('exhausted');
    expect(compositeExhaustion(0.1).state).toBe('not-burning');
    expect(compositeExhaustion(null).state).toBe('unknown');
  });

  it('budgetAsTime: (1 - target) x W, and remaining x that', () => {
    const b = budgetAsTime(0.999, 30 * DAY, 0.5);
    expect(b.allowanceMs).toBeCloseTo(0.001 * 30 * DAY, 6);
    expect(b.remainingMs).toBeCloseTo(0.5 * 0.001 * 30 * DAY, 6);
    expect(budgetAsTime(0.999, 30 * DAY, -1).remainingMs).toBeLessThan(0);
    expect(budgetAsTime(0.999, 30 * DAY, null).remainingMs).toBeNull();
  });
});
