import { BASE_WINDOW_MS, evaluateTiers, SRE_WORKBOOK_TIERS, tiersForWindow } from './alertWindows';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('SRE Workbook tiers', () => {
  it('is the 30-day table: 14.4x 1h/5m, 6x 6h/30m page; 3x 1d/2h, 1x 3d/6h ticket', () => {
    expect(BASE_WINDOW_MS).toBe(30 * DAY);
    expect(SRE_WORKBOOK_TIERS.map((t) => [t.severity, t.factor, t.longMs / MIN, t.shortMs / MIN])).toEqual([
      ['page', 14.4, 60, 5],
      ['page', 6, 360, 30],
      ['ticket', 3, 1440, 120],
      ['ticket', 1, 4320, 360],
    ]);
  });

  it('scales factors by W / 30 d and keeps the lookbacks', () => {
    const week = tiersForWindow(7 * DAY);
    expect(week[0].factor).toBeCloseTo((14.4 * 7) / 30, 12);
    expect(week[0].factor).toBeCloseTo(3.36, 12);
    expect(week[1].factor).toBeCloseTo(1.4, 12);
    expect(week[3].factor).toBeCloseTo(7 / 30, 12);
    expect(week.map((t) => [t.longMs, t.shortMs])).toEqual(SRE_WORKBOOK_TIERS.map((t) => [t.longMs, t.shortMs]));
    expect(tiersForWindow(30 * DAY).map((t) => t.factor)).toEqual([14.4, 6, 3, 1]);
    expect(tiersForWindow(28 * DAY)[0].factor).toBeCloseTo(13.44, 12);
    // The table itself is not modified.
    expect(SRE_WORKBOOK_TIERS[0].factor).toBe(14.4);
  });
});

describe('evaluateTiers', () => {
  const tier = [{ severity: 'page' as const, factor: 14.4, longMs: HOUR, shortMs: 5 * MIN }];
  const rates = (long: number | null, short: number | null) => (ms: number) =>
    ms === HOUR ? long : ms === 5 * MIN ? short : null;

  it('fires only when both windows strictly exceed the factor', () => {
    expect(evaluateTiers(tier, rates(15, 20))[0]).toMatchObject({ firing: true, longBurnRate: 15, shortBurnRate: 20 });
    expect(evaluateTiers(tier, rates(15, 10))[0].firing).toBe(false);
    expect(evaluateTiers(tier, rates(10, 20))[0].firing).toBe(false);
    expect(evaluateTiers(tier, rates(14.4, 20))[0].firing).toBe(false);
    expect(evaluateTiers(tier, rates(20, 14.4))[0].firing).toBe(false);
  });

  it('never fires on a missing burn rate', () => {
    expect(evaluateTiers(tier, rates(null, 20))[0].firing).toBe(false);
    expect(evaluateTiers(tier, rates(20, null))[0].firing).toBe(false);
  });

  it('asks for each tier its long and short lookbacks', () => {
    const asked: number[] = [];
    const states = evaluateTiers(SRE_WORKBOOK_TIERS, (ms) => {
      asked.push(ms);
      return 7;
    });
    expect(asked).toEqual([HOUR, 5 * MIN, 6 * HOUR, 30 * MIN, DAY, 2 * HOUR, 3 * DAY, 6 * HOUR]);
    expect(states.map((s) => s.firing)).toEqual([false, true, true, true]);
  });
});
