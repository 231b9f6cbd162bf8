import type { Buckets } from '../engine/types';
import type { PolicyLevel } from '../slo/types';
import { SRE_WORKBOOK_TIERS } from '../engine/alertWindows';
import { periodHistory, type RuleTier } from './history';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const STEP = 5 * MIN;

/** 5-minute buckets from `from` to `to`, 1000 events each, bad per bucket from `badAt`. */
function grid(from: number, to: number, badAt: (end: number) => number, gap?: [number, number]): Buckets {
  const n = (to - from) / STEP;
  const bad = new Float64Array(n);
  const total = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const end = from + (i + 1) * STEP;
    const inGap = gap && end > gap[0] && end <= gap[1];
    total[i] = inGap ? NaN : 1000;
    bad[i] = inGap ? NaN : badAt(end);
  }
  return { firstEnd: from + STEP, step: STEP, bad, total };
}

// The 30-day tiers with the rules' `for` durations (src/rules/alertPlan.ts).
const tiers: RuleTier[] = SRE_WORKBOOK_TIERS.map((t, i) => ({ ...t, forMs: [2, 15, 60, 60][i] * MIN }));
const start = Date.UTC(2026, 6, 1);
const end = start + 30 * DAY;
const levels: PolicyLevel[] = [
  { name: 'notify', below: 0.5, actions: ['tell the team'] },
  { name: 'freeze', below: 0.2, actions: ['freeze releases'] },
];

describe('periodHistory', () => {
  it('finds a 2-hour 20x incident: one episode, a page, and the policy levels it pushed the budget through', () => {
    // target 0.999: 1 bad per 1000 is 1x; 20 bad per 1000 is 20x.
    const incident: [number, number] = [start + 10 * DAY, start + 10 * DAY + 2 * HOUR];
    const b = grid(start - 3 * DAY, end, (t) => (t > incident[0] && t <= incident[1] ? 20 : 0));
    const h = periodHistory({
      buckets: b,
      target: 0.999,
      period: { start, end },
      exclusions: [],
      policy: levels,
      tiers,
    });
    expect(h.episodes).toHaveLength(1);
    expect([h.episodes[0].start, h.episodes[0].end]).toEqual(incident);
    // 24 buckets x 20 bad = 480 of an allowance of 0.001 x 1000 x 8640 buckets = 8640.
    expect(h.episodes[0].bad).toBe(480);
    expect(h.episodes[0].budgetShare).toBeCloseTo(480 / 8640, 12);
    // Budget stays above 50%: no policy level.
    expect(h.policy).toEqual([]);
    const pages = h.alerts.filter((a) => a.severity === 'page');
    expect(pages.length).toBeGreaterThan(0);
    // The 14.4x tier needs the 1h window above 14.4: 9 of its 12 buckets at 20x (9 x 20 / 12 = 15), so its condition
    // holds from the bucket (40 min, 45 min]; it fires `for` (2 min) later.
    const fast = pages.find((a) => a.longMs === HOUR)!;
    expect(fast.start).toBe(incident[0] + 42 * MIN);
    expect(fast.end).toBeLessThanOrEqual(incident[1] + 5 * MIN);
    expect(h.noDataMs).toBe(0);
  });

  it('a steady 0.5x burn never alerts and never burns an episode; a slow 1.5x burn reaches notify then freeze', () => {
    const quiet = grid(start - 3 * DAY, end, () => 0.5);
    const q = periodHistory({
      buckets: quiet,
      target: 0.999,
      period: { start, end },
      exclusions: [],
      policy: levels,
      tiers,
    });
    expect([q.episodes, q.alerts, q.policy]).toEqual([[], [], []]);

    // 1.5x for the whole period: the burn-down falls linearly from 100% to -50%; below 50% after a third of the period.
    const slow = grid(start - 3 * DAY, end, () => 1.5);
    const s = periodHistory({
      buckets: slow,
      target: 0.999,
      period: { start, end },
      exclusions: [],
      policy: levels,
      tiers,
    });
    expect(s.policy.map((p) => p.level)).toEqual(['notify', 'freeze']);
    const notify = s.policy[0];
    // below 0.5 once cumulative bad > 0.5 x 8640: after bucket 2880 of 8640 (day 10), until freeze takes over (day 16).
    expect(notify.firstAt).toBe(start + 10 * DAY + STEP);
    expect(notify.activeMs).toBe(6 * DAY);
    expect(s.policy[1].activeMs).toBe(14 * DAY);
    expect(s.episodes).toHaveLength(1);
  });

  it('counts scrape gaps as no data and not as bad; excluded buckets are neither', () => {
    const gap: [number, number] = [start + DAY, start + DAY + 3 * HOUR];
    const b = grid(start - 3 * DAY, end, () => 0, gap);
    const h = periodHistory({
      buckets: b,
      target: 0.99,
      period: { start, end },
      exclusions: [{ from: start + 2 * DAY, to: start + 2 * DAY + HOUR, reason: 'maintenance' }],
      policy: levels,
      tiers,
    });
    expect(h.noDataMs).toBe(3 * HOUR);
    expect(h.episodes).toEqual([]);
  });
});
