import type { ReportSlo } from './model';
import { recommend, type RecommendationKind } from './recommend';
import { DAY_S, row } from './testing';

const kinds = (rows: ReportSlo[]): RecommendationKind[] => recommend([rows]).map((r) => r.kind);

describe('recommend', () => {
  it('a healthy SLO using half its budget triggers nothing', () => {
    expect(kinds([row(6), row(7), row(8)])).toEqual([]);
  });

  it('review-objective: more than 90% left in 3 complete periods running, and only then', () => {
    const easy = { budgetUsed: 0.05, budgetRemaining: 0.95 };
    const r = recommend([[row(6, easy), row(7, easy), row(8, easy)]]);
    expect(r.map((x) => x.kind)).toEqual(['review-objective']);
    expect(r[0].figures).toEqual({
      'budgetRemaining 2026-06': 0.95,
      'budgetRemaining 2026-07': 0.95,
      'budgetRemaining 2026-08': 0.95,
    });
    // two periods are not "several"; one period at 89% breaks the run; a period under way does not count.
    expect(kinds([row(7, easy), row(8, easy)])).toEqual([]);
    expect(kinds([row(6, easy), row(7, { budgetRemaining: 0.89, budgetUsed: 0.11 }), row(8, easy)])).toEqual([]);
    expect(kinds([row(6, easy), row(7, easy), row(8, { ...easy, complete: false })])).toEqual([]);
  });

  it('loosen-or-invest: missed in most complete periods', () => {
    const missed = { met: false, sli: 0.998, budgetUsed: 2, budgetRemaining: -1 };
    expect(kinds([row(6, missed), row(7, missed), row(8)])).toContain('loosen-or-invest');
    expect(kinds([row(6, missed), row(7), row(8)])).not.toContain('loosen-or-invest');
  });

  it('invest-in-reliability: the budget ran out, or the policy went past its first level', () => {
    expect(kinds([row(8, { budgetUsed: 1.2, budgetRemaining: -0.2, met: false, sli: 0.9988 })])).toContain(
      'invest-in-reliability'
    );
    const frozen = recommend([
      [row(8, { policy: [{ level: 'freeze', activeSeconds: 3 * DAY_S, firstAt: '2026-08-20T00:00:00Z' }] })],
    ]);
    expect(frozen.map((r) => r.kind)).toEqual(['invest-in-reliability']);
    expect(frozen[0].figures).toEqual({ budgetUsed: 0.5, 'freeze activeSeconds': 3 * DAY_S });
    // notify alone is the policy working as intended.
    expect(
      kinds([row(8, { policy: [{ level: 'notify', activeSeconds: DAY_S, firstAt: '2026-08-20T00:00:00Z' }] })])
    ).toEqual([]);
  });

  const episode = (start: string, end: string, budgetShare: number) => ({
    start,
    end,
    durationSeconds: (Date.parse(end) - Date.parse(start)) / 1000,
    bad: 100,
    budgetShare,
    peakBurnRate: 30,
    group: {},
  });
  const alert = (start: string, end: string) => ({
    severity: 'page' as const,
    factor: 14.4,
    longWindowSeconds: 3600,
    shortWindowSeconds: 300,
    start,
    end,
    group: {},
  });

  it('alerting-missed-burn: an episode costing 5% or more with no alert overlapping it', () => {
    const big = episode('2026-08-12T10:00:00Z', '2026-08-12T11:00:00Z', 0.12);
    expect(kinds([row(8, { episodes: [big], episodeCount: 1 })])).toEqual(['alerting-missed-burn']);
    expect(
      kinds([row(8, { episodes: [big], alerts: [alert('2026-08-12T10:20:00Z', '2026-08-12T11:00:00Z')] })])
    ).toEqual([]);
    expect(kinds([row(8, { episodes: [episode('2026-08-12T10:00:00Z', '2026-08-12T11:00:00Z', 0.04)] })])).toEqual([]);
  });

  it('alerting-noisy: a firing on episodes that cost less than 1% together, or on none', () => {
    const small = episode('2026-08-12T10:00:00Z', '2026-08-12T10:10:00Z', 0.004);
    const a = alert('2026-08-12T10:05:00Z', '2026-08-12T10:20:00Z');
    expect(kinds([row(8, { episodes: [small], alerts: [a] })])).toEqual(['alerting-noisy']);
    expect(kinds([row(8, { alerts: [a] })])).toEqual(['alerting-noisy']);
    const costly = episode('2026-08-12T10:00:00Z', '2026-08-12T10:30:00Z', 0.02);
    expect(kinds([row(8, { episodes: [costly], alerts: [a] })])).toEqual([]);
  });

  it('fix-data: more than 1% of the period without data, a data diagnostic, or no data at all', () => {
    expect(kinds([row(8, { noDataSeconds: 0.02 * 31 * DAY_S })])).toEqual(['fix-data']);
    expect(kinds([row(8, { noDataSeconds: 0.005 * 31 * DAY_S })])).toEqual([]);
    expect(
      kinds([
        row(8, { diagnostics: [{ kind: 'stale', counter: 'total', message: 'stale since 2026-08-30T00:00:00Z' }] }),
      ])
    ).toEqual(['fix-data']);
    expect(kinds([row(8, { sli: null, met: null, budgetUsed: null, budgetRemaining: null })])).toEqual(['fix-data']);
  });

  it('rows with errors recommend nothing', () => {
    expect(kinds([row(8, { error: 'query rejected', budgetUsed: 5 })])).toEqual([]);
  });
});
