import type { Exhaustion } from '../engine';
import {
  budgetLeftText,
  burndownText,
  describeWindow,
  formatCompactCount,
  ifEndedNowText,
  periodWord,
  diagnosticText,
  exhaustionJson,
  exhaustionText,
  formatBurnRate,
  formatPercent,
  formatSpan,
  groupName,
  policyActionsText,
  policyState,
  policyText,
  firingSinceText,
  policySentence,
} from './format';

describe('shared format', () => {
  it('describes a fixed window with the shortest exact instants', () => {
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
    expect(describeWindow({ kind: 'fixed', from: day('2026-08-10'), to: day('2026-08-17') })).toBe(
      'Fixed 2026-08-10 to 2026-08-17 (UTC)'
    );
    expect(
      describeWindow({
        kind: 'fixed',
        from: Date.parse('2026-08-10T06:30:00Z'),
        to: Date.parse('2026-08-10T18:00:05Z'),
      })
    ).toBe('Fixed 2026-08-10 06:30 to 2026-08-10T18:00:05Z (UTC)');
  });

  it('formats percentages and burn rates as Grafana units do, and null as No data', () => {
    expect(formatPercent(0.456)).toBe('45.6%');
    expect(formatPercent(-0.1234, 3)).toBe('-12.340%');
    expect(formatPercent(null)).toBe('No data');
    expect(formatBurnRate(4.56)).toBe('4.56 ×');
    expect(formatBurnRate(4.56, 2, true)).toBe('4.56x');
    expect(formatBurnRate(null)).toBe('No data');
  });

  it('gives every exhaustion state its own words: a healthy rolling SLO below 1x is not "No data"', () => {
    const texts: Array<[Exhaustion, string]> = [
      [{ state: 'exhausted', inMs: 0 }, 'Exhausted'],
      [{ state: 'projected', inMs: 90 * 60_000, at: 1 }, 'in 90 min'],
      [{ state: 'not-this-period', inMs: null }, 'Not this period'],
      [{ state: 'never', inMs: null }, 'Not at this rate'],
      [{ state: 'not-burning', inMs: null }, 'Not burning'],
      [{ state: 'unknown', inMs: null }, 'No data'],
    ];
    for (const [e, text] of texts) {
      expect(exhaustionText(e).text).toBe(text);
    }
    expect(exhaustionJson({ state: 'exhausted', inMs: 0 })).toBe('PT0S');
    expect(exhaustionJson({ state: 'projected', inMs: 3_723_000, at: 1 })).toBe('PT1H2M3S');
    expect(exhaustionJson({ state: 'never', inMs: null })).toBeNull();
  });

  it('says "No policy" for an SLO without levels, "OK" when none is active', () => {
    const levels = [{ name: 'freeze', below: 0.25, actions: ['freeze releases', 'postmortem'] }];
    expect(policyText(policyState([], null))).toBe('No policy');
    expect(policyText(policyState(levels, null))).toBe('OK');
    expect(policyText(policyState(levels, levels[0]))).toBe('freeze');
    expect(policyActionsText(policyState(levels, levels[0]))).toBe('freeze releases; postmortem');
    expect(policyActionsText(policyState([], null))).toBe('');
    // without figures no level can be judged: never "OK"
    expect(policyText(policyState(levels, null, true))).toBe('Unknown (no data)');
    expect(policyText(policyState([], null, true))).toBe('No policy');
  });

  it('formats spans, budget left as time, group names and diagnostics', () => {
    expect(formatSpan(43 * 60_000)).toBe('43 min');
    expect(formatSpan(3.5 * 86_400_000)).toBe('3.5 days');
    expect(budgetLeftText({ allowanceMs: 1, remainingMs: 21 * 60_000 })).toBe('21 min of full outage left');
    expect(budgetLeftText({ allowanceMs: 1, remainingMs: -5 * 60_000 })).toBe('overspent by 5 min of full outage');
    expect(budgetLeftText({ allowanceMs: 1, remainingMs: null })).toBe('No data');
    expect(groupName({ route: '/pay', region: 'eu' })).toBe('route="/pay", region="eu"');
    expect(groupName({ a: 'x', b: 'y' }, ',')).toBe('a="x",b="y"');
    expect(diagnosticText({ kind: 'no-series', counter: 'bad', message: '0 bad events assumed' })).toBe(
      'No series (bad): 0 bad events assumed'
    );
  });

  it('words the burn-down as the stat view shows it: period word, compact counts, "~" only while a forecast is in it', () => {
    const quarter = { kind: 'calendar', unit: 'quarter', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' } as const;
    const fixed = { kind: 'fixed', from: 0, to: 1 } as const;
    expect(burndownText({ remaining: 0.62, usedBad: 410_000, allowedBad: 1_080_000, estimated: true }, quarter)).toBe(
      "62% of this quarter's budget left: 410 k of ~1.1 M allowed errors used"
    );
    // At the period's end the allowance is exact: no "~".
    expect(burndownText({ remaining: 0.5, usedBad: 500, allowedBad: 1000, estimated: false }, fixed, 'events', 1)).toBe(
      "50.0% of this period's budget left: 500 of 1 k allowed errors used"
    );
    expect(
      burndownText(
        { remaining: 0.25, usedBad: 30, allowedBad: 40, estimated: false },
        { ...quarter, unit: 'month' },
        'slices'
      )
    ).toBe("25% of this month's budget left: 30 of 40 allowed bad slices used");
    expect(burndownText({ remaining: null, usedBad: null, allowedBad: null, estimated: true }, quarter)).toBe(
      'No data'
    );
    expect(periodWord({ ...quarter, unit: 'week' })).toBe('week');
    expect(periodWord({ kind: 'rolling', durationMs: 1 })).toBe('period');
    expect([980, 12_345, 410_000, 999_960, 1_100_000, -2500, 0].map(formatCompactCount)).toEqual([
      '980',
      '12 k',
      '410 k',
      '1 M',
      '1.1 M',
      '-2.5 k',
      '0',
    ]);
    expect(formatCompactCount(null)).toBe('No data');
    expect(ifEndedNowText(0.7123)).toBe('If the period ended now: 71.2%');
  });
});

describe('policySentence and firingSinceText', () => {
  const freeze = {
    name: 'Feature freeze',
    below: 0.25,
    actions: ['freeze non-critical releases'],
    exceptions: ['security-fix', 'sev1-remediation'],
  };

  it('says the level, the figure, the threshold, the actions and the exceptions', () => {
    expect(policySentence({ kind: 'active', level: freeze }, 0.18)).toBe(
      'Feature freeze: 18.0% left, below 25%: freeze non-critical releases; exceptions: security-fix, sev1-remediation'
    );
    expect(policySentence({ kind: 'active', level: { name: 'Stop', below: 0, actions: [] } }, null)).toBe(
      'Stop: No data, below 0%'
    );
    expect(policySentence({ kind: 'ok' }, 0.9)).toBe('');
  });

  it('says when a firing alert started', () => {
    const now = Date.parse('2026-08-13T11:00:00Z');
    expect(firingSinceText(now - 600_000, now)).toBe('since 2026-08-13 10:50 UTC (10 min ago)');
    expect(firingSinceText(undefined, now)).toBe('');
  });
});
