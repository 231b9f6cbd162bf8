import type { PolicyLevel } from '../slo/types';
import { activePolicyLevel, gateVerdict } from './policy';

const HOUR = 3600_000;

// Ordered from least to most severe, as the spec stores them.
const levels: PolicyLevel[] = [
  { name: 'notify', below: 0.5, actions: ['notify #team'] },
  { name: 'freeze', below: 0.25, actions: ['freeze non-critical releases'] },
  { name: 'stop', below: 0, actions: ['freeze all releases'] },
];

describe('activePolicyLevel', () => {
  it('returns the most severe level whose threshold the remaining budget is below', () => {
    expect(activePolicyLevel(levels, 0.9)).toBeNull();
    expect(activePolicyLevel(levels, 0.5)).toBeNull();
    expect(activePolicyLevel(levels, 0.49)?.name).toBe('notify');
    expect(activePolicyLevel(levels, 0.25)?.name).toBe('notify');
    expect(activePolicyLevel(levels, 0.1)?.name).toBe('freeze');
    expect(activePolicyLevel(levels, 0)?.name).toBe('freeze');
    expect(activePolicyLevel(levels, -0.3)?.name).toBe('stop');
  });

  it('has no level without data', () => {
    expect(activePolicyLevel(levels, null)).toBeNull();
    expect(activePolicyLevel(levels, NaN)).toBeNull();
  });

  it('a burn-rate condition activates a level on its own, strictly above', () => {
    const withBurn: PolicyLevel[] = [
      { name: 'notify', below: 0.5, actions: [] },
      { name: 'page-owner', burnRate: { above: 10, windowMs: HOUR }, actions: [] },
      { name: 'stop', below: 0, actions: [] },
    ];
    const rate = (r: number | null) => (ms: number) => ms === HOUR ? r : null;
    expect(activePolicyLevel(withBurn, 0.9, rate(11))?.name).toBe('page-owner');
    expect(activePolicyLevel(withBurn, 0.9, rate(10))).toBeNull();
    expect(activePolicyLevel(withBurn, 0.4, rate(2))?.name).toBe('notify');
    expect(activePolicyLevel(withBurn, 0.4, rate(null))?.name).toBe('notify');
    // Without data the burn-rate condition still counts.
    expect(activePolicyLevel(withBurn, null, rate(12))?.name).toBe('page-owner');
    // Most severe wins over the burn-rate level.
    expect(activePolicyLevel(withBurn, -1, rate(12))?.name).toBe('stop');
    // The default lookup has no burn rate.
    expect(activePolicyLevel(withBurn, 0.9)).toBeNull();
  });

  it('an empty policy never activates', () => {
    expect(activePolicyLevel([], -5)).toBeNull();
  });
});

describe('gateVerdict', () => {
  it('lets a release through a level that only informs (blocksReleases: false), still judging --min-remaining', () => {
    const notify = { name: 'notify', below: 0.5, actions: ['tell the team'], blocksReleases: false as const };
    expect(gateVerdict({ level: notify, figure: 0.4, unknown: false })).toEqual({ allowed: true, blockedBy: [] });
    expect(gateVerdict({ level: notify, figure: 0.4, unknown: false, minRemaining: 0.45 })).toEqual({
      allowed: false,
      blockedBy: ['min-remaining'],
    });
    expect(gateVerdict({ level: notify, figure: null, unknown: false }).blockedBy).toEqual(['unknown']);
  });

  const freeze = { name: 'freeze', below: 0.25, actions: ['freeze'], exceptions: ['security-fix'] };

  it('passes with no level active and the figure at or above --min-remaining', () => {
    expect(gateVerdict({ level: null, figure: 0.6, unknown: false })).toEqual({ allowed: true, blockedBy: [] });
    expect(gateVerdict({ level: null, figure: 0.25, unknown: false, minRemaining: 0.25 }).allowed).toBe(true);
  });

  it('blocks while a level is active, unless the level lists the reason as an exception', () => {
    expect(gateVerdict({ level: freeze, figure: 0.18, unknown: false })).toEqual({
      allowed: false,
      blockedBy: ['policy'],
    });
    expect(gateVerdict({ level: freeze, figure: 0.18, unknown: false, reason: 'sev1-remediation' }).allowed).toBe(
      false
    );
    expect(gateVerdict({ level: freeze, figure: 0.18, unknown: false, reason: 'security-fix' })).toEqual({
      allowed: true,
      blockedBy: [],
      exception: 'security-fix',
    });
  });

  it('blocks below --min-remaining, which no reason bypasses', () => {
    expect(gateVerdict({ level: null, figure: 0.2, unknown: false, minRemaining: 0.25 }).blockedBy).toEqual([
      'min-remaining',
    ]);
    const v = gateVerdict({ level: freeze, figure: 0.18, unknown: false, minRemaining: 0.25, reason: 'security-fix' });
    expect(v).toEqual({ allowed: false, blockedBy: ['min-remaining'], exception: 'security-fix' });
  });

  it('blocks an unknown figure (no data, stale), whatever the reason', () => {
    expect(gateVerdict({ level: null, figure: null, unknown: false })).toEqual({
      allowed: false,
      blockedBy: ['unknown'],
    });
    expect(gateVerdict({ level: null, figure: 0.9, unknown: true, reason: 'security-fix' }).blockedBy).toEqual([
      'unknown',
    ]);
  });
});
