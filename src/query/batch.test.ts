import { planBatch, PART_LABEL, withAtModifier } from './batch';
import { batchParts } from './testing/batchParts';

const H = 3_600_000;
const T = Date.UTC(2026, 7, 16);
const counters = { bad: 'x{code=~"5.."}', total: 'x' };

describe('withAtModifier', () => {
  it('adds @ after each range, not inside label values', () => {
    expect(withAtModifier('sum(increase(x{a="[3600s]"}[3600s]))', '3600s', 1_700_000_000_500)).toBe(
      'sum(increase(x{a="[3600s]"}[3600s] @ 1700000000.500))'
    );
  });
});

describe('planBatch', () => {
  it('reads each piece once for both counters, tagged by role and piece', () => {
    const plan = planBatch(
      counters,
      [
        { start: T - 2 * H, end: T },
        { start: T - H, end: T },
      ],
      [],
      T,
      []
    );
    expect(plan.pieces).toHaveLength(2);
    expect(plan.ranges.map((r) => r.pieces)).toEqual([[0], [1]]);
    const parts = batchParts(plan.expr, T);
    expect(parts.map((p) => p.part)).toEqual(['total:0', 'other:0', 'total:1', 'other:1']);
    expect(parts[1].expr).toBe('sum(increase(x{code=~"5.."}[7200s]))');
    expect(plan.expr).toContain(`"${PART_LABEL}"`);
    expect(plan.expr.split(' or ')).toHaveLength(4);
  });

  it('subtracts excluded intervals, read at their own end with @, shared between ranges', () => {
    const exclusion = { from: T - 3 * H, to: T - 2 * H, reason: 'maintenance' };
    const plan = planBatch(
      counters,
      [
        { start: T - 4 * H, end: T },
        { start: T - 5 * H, end: T },
      ],
      [exclusion],
      T,
      ['route']
    );
    expect(plan.ranges.map((r) => r.pieces)).toEqual([
      [0, 1],
      [2, 1],
    ]);
    const excluded = batchParts(plan.expr, T).filter((p) => p.part.endsWith(':1'));
    expect(excluded.map((p) => p.at)).toEqual([T - 2 * H, T - 2 * H]);
    expect(plan.expr).toContain(`[3600s] @ ${(T - 2 * H) / 1000}.000`);
    expect(excluded[0].expr).toBe('sum by (route)(increase(x[3600s]))');
  });

  it('checks presence for an empty window', () => {
    const plan = planBatch(
      counters,
      [
        { start: T, end: T },
        { start: T - H, end: T },
      ],
      [],
      T,
      []
    );
    expect(plan.ranges[0]).toEqual({ pieces: [0], empty: true });
    expect(batchParts(plan.expr, T)[0]).toMatchObject({ part: 'presence:0', expr: 'count(x)' });
  });
});
